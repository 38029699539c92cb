"""Programmatic login through the site's OWN login form (issue 10 item 2).

Where logging in is not what a scenario tests, the harness logs in once with
an HTTP client, as a browser would (it reads the home page's form with its
hidden fields and CSRF token, finds the fields by their label texts, posts
it, follows the redirects), then hands the session cookie to the browser
context (``UI.add_cookies``). It needs nothing from the site but its pages,
so it works on every target, a real staging included.

    with SessionHTTP(base_url, user_agent=profile.user_agent) as s:
        s.connecter("jdupont", "Secret.2024")
        ui.add_cookies(s.cookies())

The same client fills the password-change form (``changer_mot_de_passe``),
which the account pool uses to put a password back (harness/comptes.py).
"""
from __future__ import annotations

import functools
import re
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx
from bs4 import BeautifulSoup

LIBELLE_UTILISATEUR = "Utilisateur :"
LIBELLE_MOT_DE_PASSE = "Mot de passe :"
LIBELLE_ANCIEN = "Entrez l'ancien mot de passe :"
LIBELLE_NOUVEAU = "Entrez le nouveau mot de passe :"
LIBELLE_CONFIRMATION = "Confirmez le nouveau mot de passe :"
CHEMIN_CHANGEMENT = "/mot-de-passe/changement"


class ErreurSessionHTTP(AssertionError):
    """The site refused, or its page is not what the guide shows."""


def _plier(texte: str) -> str:
    return re.sub(r"\s+", " ", texte or "").strip()


@dataclass
class Formulaire:
    """A form of a page: where it goes, and the fields a browser would send
    (hidden fields and CSRF token included) with their current values."""
    action: str
    methode: str
    champs: dict[str, str]
    par_libelle: dict[str, str]  # label text → field name

    def remplir(self, libelle: str, valeur: str) -> None:
        if libelle not in self.par_libelle:
            raise ErreurSessionHTTP(f"champ « {libelle} » absent du formulaire ({self.action})")
        self.champs[self.par_libelle[libelle]] = valeur


def lire_formulaire(page: str, url: str, *libelles: str) -> Formulaire:
    """The form of ``page`` that has a field for each of ``libelles``
    (the exact text of its ``<label for=…>``, white space folded)."""
    soupe = BeautifulSoup(page, "html.parser")
    for formulaire in soupe.find_all("form"):
        par_libelle = _champs_par_libelle(formulaire)
        if not all(libelle in par_libelle for libelle in libelles):
            continue
        return Formulaire(action=urljoin(url, _attr(formulaire, "action") or url),
                          methode=(_attr(formulaire, "method") or "get").upper(),
                          champs=_valeurs(formulaire), par_libelle=par_libelle)
    voulus = ", ".join(f"« {libelle} »" for libelle in libelles)
    raise ErreurSessionHTTP(f"aucun formulaire avec les champs {voulus} sur {url}")


def _champs_par_libelle(formulaire: Any) -> dict[str, str]:
    """Label text (folded) → the name of its field."""
    par_libelle = {}
    for label in formulaire.find_all("label"):
        cible = label.get("for")
        champ = formulaire.find(id=cible) if cible else label.find(["input", "select", "textarea"])
        if champ is not None and _attr(champ, "name"):
            par_libelle[_plier(label.get_text())] = _attr(champ, "name")
    return par_libelle


def _valeur(champ: Any) -> str | None:
    """What a browser would send for one field (None: nothing)."""
    genre = _attr(champ, "type", "text").lower()
    if genre in ("submit", "button", "reset", "image", "file"):
        return None
    if genre in ("checkbox", "radio"):
        return _attr(champ, "value", "on") if champ.has_attr("checked") else None
    if champ.name == "select":
        choisie = champ.find("option", selected=True) or champ.find("option")
        return _attr(choisie, "value", choisie.get_text()) if choisie else ""
    if champ.name == "textarea":
        return champ.get_text()
    return _attr(champ, "value")


def _valeurs(formulaire: Any) -> dict[str, str]:
    """The form's fields as a browser would send them, with the submit
    button a person clicks when it carries a name."""
    champs: dict[str, str] = {}
    for champ in formulaire.find_all(["input", "select", "textarea"]):
        nom, valeur = _attr(champ, "name"), _valeur(champ)
        if nom and valeur is not None:
            champs[nom] = valeur
    bouton = formulaire.find(["button", "input"], attrs={"type": "submit"})
    if bouton is not None and _attr(bouton, "name"):
        champs[_attr(bouton, "name")] = _attr(bouton, "value", _plier(bouton.get_text()))
    return champs


def _attr(tag: Any, nom: str, defaut: str = "") -> str:
    """An HTML attribute as text (bs4 gives a list for multi-valued ones)."""
    valeur = tag.get(nom) if hasattr(tag, "get") else None
    if valeur is None:
        return defaut
    return valeur if isinstance(valeur, str) else " ".join(valeur)


def messages_d_erreur(page: str) -> str:
    """The text of the page's ``role="alert"`` elements (what the site refused)."""
    soupe = BeautifulSoup(page, "html.parser")
    return " ".join(_plier(e.get_text(" ")) for e in soupe.select('[role="alert"]'))


def a_les_champs(page: str, *libelles: str) -> bool:
    soupe = BeautifulSoup(page, "html.parser")
    textes = {_plier(label.get_text()) for label in soupe.find_all("label")}
    return all(libelle in textes for libelle in libelles)


@functools.lru_cache(maxsize=None)
def contexte_tls(verifier: bool = True) -> ssl.SSLContext:
    """httpx's own TLS context (its CA bundle, SSL_CERT_FILE/SSL_CERT_DIR),
    made once per process: httpx builds a new one for every client, and
    reading the CA bundle costs 70–170 ms (measured, bench/RESULTS.md) for
    each account and each programmatic login of a scenario."""
    return httpx.create_ssl_context(verify=verifier)


class SessionHTTP:
    """One person's HTTP session on the site (its own cookies)."""

    def __init__(self, base_url: str, *, user_agent: str | None = None, timeout: float = 30.0,
                 verify: bool = True):
        self.base_url = base_url.rstrip("/")
        entetes = {"User-Agent": user_agent} if user_agent else {}
        self.http = httpx.Client(base_url=self.base_url, headers=entetes, timeout=timeout,
                                 follow_redirects=True, verify=contexte_tls(verify))
        self.page = ""
        self.url = self.base_url + "/"

    def __enter__(self) -> "SessionHTTP":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()

    def _lire(self, reponse: httpx.Response) -> httpx.Response:
        if reponse.status_code >= 400:
            raise ErreurSessionHTTP(f"{reponse.request.method} {reponse.url} → HTTP {reponse.status_code}")
        self.page, self.url = reponse.text, str(reponse.url)
        return reponse

    def ouvrir(self, chemin: str = "/") -> str:
        self._lire(self.http.get(chemin))
        return self.page

    def soumettre(self, formulaire: Formulaire) -> str:
        if formulaire.methode == "POST":
            self._lire(self.http.post(formulaire.action, data=formulaire.champs))
        else:
            self._lire(self.http.get(formulaire.action, params=formulaire.champs))
        return self.page

    # --- the guide's two forms ------------------------------------------------------
    def connecter(self, identifiant: str, mot_de_passe: str, chemin: str = "/") -> None:
        """Log in through the home page's "MON ESPACE PERSONNEL" form.
        Succeeds when the answer no longer shows the login form (the
        logged-in home, or the password change a first login imposes);
        fails in French with the site's own message otherwise."""
        self.ouvrir(chemin)
        formulaire = lire_formulaire(self.page, self.url, LIBELLE_UTILISATEUR, LIBELLE_MOT_DE_PASSE)
        formulaire.remplir(LIBELLE_UTILISATEUR, identifiant)
        formulaire.remplir(LIBELLE_MOT_DE_PASSE, mot_de_passe)
        self.soumettre(formulaire)
        if a_les_champs(self.page, LIBELLE_UTILISATEUR, LIBELLE_MOT_DE_PASSE):
            raison = messages_d_erreur(self.page) or "le formulaire de connexion est toujours affiché"
            raise ErreurSessionHTTP(f"connexion de {identifiant} refusée : {raison}")

    @property
    def changement_impose(self) -> bool:
        """PWD-01/RST-05: the site asks for a new password before anything else."""
        return a_les_champs(self.page, LIBELLE_NOUVEAU)

    def changer_mot_de_passe(self, ancien: str, nouveau: str) -> None:
        """PWD-07: the "Changement du mot de passe" form (logged in)."""
        if not self.changement_impose:
            self.ouvrir(CHEMIN_CHANGEMENT)
        formulaire = lire_formulaire(self.page, self.url, LIBELLE_ANCIEN, LIBELLE_NOUVEAU, LIBELLE_CONFIRMATION)
        formulaire.remplir(LIBELLE_ANCIEN, ancien)
        formulaire.remplir(LIBELLE_NOUVEAU, nouveau)
        formulaire.remplir(LIBELLE_CONFIRMATION, nouveau)
        self.soumettre(formulaire)
        if a_les_champs(self.page, LIBELLE_NOUVEAU):
            raison = messages_d_erreur(self.page) or "le formulaire est toujours affiché"
            raise ErreurSessionHTTP(f"changement du mot de passe refusé : {raison}")

    def cookies(self) -> list[dict]:
        """The session's cookies, as ``UI.add_cookies`` takes them:
        {name, value, domain, path, httpOnly, secure[, sameSite][, expires]}."""
        resultat = []
        for c in self.http.cookies.jar:
            cookie = {"name": c.name, "value": c.value or "", "domain": c.domain, "path": c.path or "/",
                      "httpOnly": c.has_nonstandard_attr("HttpOnly") or c.has_nonstandard_attr("httponly"),
                      "secure": bool(c.secure)}
            same_site = c.get_nonstandard_attr("SameSite") or c.get_nonstandard_attr("samesite")
            if same_site and same_site.capitalize() in ("Strict", "Lax", "None"):
                cookie["sameSite"] = same_site.capitalize()
            if c.expires:
                cookie["expires"] = int(c.expires)
            resultat.append(cookie)
        return resultat


def connexion(base_url: str, identifiant: str, mot_de_passe: str, *, user_agent: str | None = None,
              timeout: float = 30.0) -> list[dict]:
    """Log in through the site's own form; returns the session's cookies."""
    with SessionHTTP(base_url, user_agent=user_agent, timeout=timeout) as session:
        session.connecter(identifiant, mot_de_passe)
        return session.cookies()
