"""HTTP sessions played beside the browser, as other browsers would.

- LCK-05: several people submit the login form of « MON ESPACE PERSONNEL »
  at the same instant, each from their own session. A browser page sends one
  request at a time, so this client plays the form over HTTP: it reads the
  form of the home page (its hidden fields, and the field names behind the
  labels « Utilisateur : » and « Mot de passe : » — the same user-facing
  labels as the page objects), then posts it from N independent sessions
  released together by a barrier.
- OUT-01/OUT-02: the session a browser held, presented again after
  « Déconnexion » (its cookies replayed by another client), must no longer
  open a private page (``SessionRejouee``)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

from harness.clients.session_http import contexte_tls
from harness.ui.common import fold


@dataclass
class _Formulaire:
    action: str = ""
    champs: list[dict] = field(default_factory=list)
    libelles: dict[str, str] = field(default_factory=dict)  # id -> label text
    boutons: list[dict] = field(default_factory=list)


class _LecteurFormulaires(HTMLParser):
    def __init__(self):
        super().__init__()
        self.formulaires: list[_Formulaire] = []
        self._courant: _Formulaire | None = None
        self._label_pour: str | None = None
        self._label_texte: list[str] = []
        self._bouton: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._courant = _Formulaire(action=a.get("action") or "")
            self.formulaires.append(self._courant)
        elif self._courant is None:
            return
        elif tag == "input":
            if (a.get("type") or "text").lower() in ("submit", "button", "image"):
                self._courant.boutons.append({**a, "texte": a.get("value", "")})
            else:
                self._courant.champs.append(a)
        elif tag == "label":
            self._label_pour, self._label_texte = a.get("for"), []
        elif tag == "button":
            self._bouton = {**a, "texte": ""}

    def handle_data(self, data):
        if self._label_pour is not None:
            self._label_texte.append(data)
        if self._bouton is not None:
            self._bouton["texte"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._courant = None
        elif tag == "label" and self._label_pour is not None and self._courant is not None:
            self._courant.libelles[self._label_pour] = fold("".join(self._label_texte))
            self._label_pour = None
        elif tag == "button" and self._bouton is not None and self._courant is not None:
            self._courant.boutons.append(self._bouton)
            self._bouton = None


class ConnexionsSimultanees:
    UTILISATEUR = "Utilisateur :"
    MOT_DE_PASSE = "Mot de passe :"

    def __init__(self, base_url: str, user_agent: str | None = None, timeout: float = 30.0,
                 verify: bool = True):
        self.base_url = base_url.rstrip("/") + "/"
        self.headers = {"User-Agent": user_agent} if user_agent else {}
        self.timeout = timeout
        self.verify = verify

    def _preparer(self, client: httpx.Client, identifiant: str, mot_de_passe: str) -> tuple[str, dict]:
        page = client.get(self.base_url)
        page.raise_for_status()
        lecteur = _LecteurFormulaires()
        lecteur.feed(page.text)
        for f in lecteur.formulaires:
            par_libelle = {texte: ident for ident, texte in f.libelles.items()}
            if self.UTILISATEUR in par_libelle and self.MOT_DE_PASSE in par_libelle:
                nom = {c.get("id"): c.get("name") for c in f.champs}
                donnees = {c["name"]: c.get("value", "") for c in f.champs
                           if c.get("name") and (c.get("type") or "").lower() == "hidden"}
                donnees[nom[par_libelle[self.UTILISATEUR]]] = identifiant
                donnees[nom[par_libelle[self.MOT_DE_PASSE]]] = mot_de_passe
                for b in f.boutons:
                    if fold(b.get("texte")) == "Connexion" and b.get("name"):
                        donnees[b["name"]] = b.get("value", "")
                return urljoin(self.base_url, f.action or str(page.url)), donnees
        raise AssertionError(f"formulaire « MON ESPACE PERSONNEL » introuvable sur {self.base_url}")

    def envoyer(self, identifiant: str, mot_de_passe: str, nombre: int) -> list[int]:
        """Post the login form ``nombre`` times at once; the HTTP statuses.
        Each post has its own client (its own cookies and connection: a
        session of its own); they share the process's one TLS context, whose
        making is what costs (70–170 ms a client otherwise)."""
        clients = [httpx.Client(headers=self.headers, timeout=self.timeout, follow_redirects=False,
                                verify=contexte_tls(self.verify))
                   for _ in range(nombre)]
        try:
            prets = [self._preparer(c, identifiant, mot_de_passe) for c in clients]
            depart = threading.Barrier(nombre)

            def poster(i: int) -> int:
                action, donnees = prets[i]
                depart.wait()
                return clients[i].post(action, data=donnees).status_code

            with ThreadPoolExecutor(max_workers=nombre) as pool:
                return list(pool.map(poster, range(nombre)))
        finally:
            for c in clients:
                c.close()


class SessionRejouee:
    """The cookies a browser held, presented again by an HTTP client (an
    attacker who copied them, or a site that only cleared the browser's
    copy). ``cookies``: dicts with ``name``, ``value`` and optionally
    ``domain``/``path`` (as ``UI.cookies()`` gives them)."""

    def __init__(self, base_url: str, cookies: list[dict], user_agent: str | None = None,
                 timeout: float = 30.0, verify: bool = True):
        self.base_url = base_url.rstrip("/")
        self.cookies = [dict(c) for c in cookies]
        self.headers = {"User-Agent": user_agent} if user_agent else {}
        self.timeout = timeout
        self.verify = verify

    def ouvrir(self, chemin: str) -> httpx.Response:
        """GET ``chemin`` with the replayed cookies, redirects not followed
        (a redirect to the login page is itself the refusal)."""
        # A Cookie header, as the browser sent it (the cookies of this site only).
        entete = "; ".join(f"{c['name']}={c['value']}" for c in self.cookies)
        with httpx.Client(headers={**self.headers, "Cookie": entete}, timeout=self.timeout,
                          follow_redirects=False, verify=contexte_tls(self.verify)) as client:
            return client.get(self.base_url + chemin)

    def page_privee_ouverte(self, chemin: str, marques: list[str]) -> bool:
        """Whether ``chemin`` answers 200 with a page showing one of ``marques``
        (what only the logged-in user sees: their « prenom.nom »…)."""
        r = self.ouvrir(chemin)
        if r.status_code != 200:
            return False
        texte = fold(r.text)
        return any(m and m in texte for m in marques)
