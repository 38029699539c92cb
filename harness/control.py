"""Client of the simulator's test-control interface (CONTROL_API.md, SIM-01)."""
from __future__ import annotations

from datetime import datetime

import httpx

from harness.clients.session_http import contexte_tls


class ControlError(AssertionError):
    pass


class Control:
    def __init__(self, base_url: str, timeout: float = 10.0):
        self.http = httpx.Client(base_url=base_url.rstrip("/") + "/_sim", timeout=timeout,
                                 verify=contexte_tls())  # the process's one TLS context

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, path: str, expected: int, json=None):
        r = self.http.request(method, path, json=json)
        if r.status_code != expected:
            try:
                detail = r.json().get("error", r.text)
            except ValueError:
                detail = r.text
            raise ControlError(f"{method} /_sim{path} → HTTP {r.status_code} : {detail}")
        return r.json() if r.content else None

    def available(self) -> bool:
        try:
            return self.http.get("/health").status_code == 200
        except httpx.HTTPError:
            return False

    def health(self) -> dict:
        return self._call("GET", "/health", 200)

    def reset(self) -> None:
        self._call("POST", "/reset", 204)

    def now(self) -> datetime:
        return datetime.fromisoformat(self._call("GET", "/clock", 200)["now"])

    def advance(self, seconds: int) -> datetime:
        return datetime.fromisoformat(
            self._call("POST", "/clock", 200, json={"advance_seconds": int(seconds)})["now"])

    def captcha(self, captcha_id: str) -> str:
        return self._call("GET", f"/captcha/{captcha_id}", 200)["code"]

    def create_agent(self, profil: str, identifiant: str, nom: str, prenom: str,
                     courriel: str, departement: str | None = None) -> str:
        """UD-01; ``departement`` (UD only, an extension of CONTROL_API.md):
        the département whose requests the agent instructs (PROC-01/02)."""
        body = dict(profil=profil, identifiant=identifiant, nom=nom, prenom=prenom, courriel=courriel)
        if departement is not None:
            body["departement"] = departement
        return self._call("POST", "/agents", 201, json=body)["identifiant"]

    def create_asp_account(self, siret: str, application: str, identifiant: str,
                           mot_de_passe: str, courriel: str) -> None:
        body = dict(siret=siret, application=application, identifiant=identifiant,
                    mot_de_passe=mot_de_passe, courriel=courriel)
        self._call("POST", "/asp-accounts", 201, json=body)

    def file_de_courriels_vide(self) -> bool:
        """Every mail the site has queued has reached the SMTP server (``GET
        /_sim/courriels``, an extension of CONTROL_API.md): none pending.
        False when the target does not say (no such endpoint)."""
        try:
            return self._call("GET", "/courriels", 200)["en_attente"] == 0
        except (ControlError, KeyError, TypeError, ValueError):
            return False

    def nommer_le_scenario(self, contexte: str) -> None:
        """make mutation: the lines the simulator runs from now on are this
        scenario's (only when it measures its coverage: SIM_COUVERTURE)."""
        self._call("POST", "/couverture", 204, json={"contexte": contexte})
