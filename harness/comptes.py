"""Accounts as a capability of the target (issue 10): where a scenario's
account comes from.

- ``controle``: the simulator creates it (``POST /_sim/comptes``);
- ``pool``: a file of accounts provisioned on a site the harness does not
  control (a staging), each leased by one scenario at a time, also across
  xdist workers and processes (a file lock per account);
- ``inscription``: through the browser's registration pages (needs captcha
  and mail). That provider drives pages, so it lives with the actors
  (acteurs/); it follows the ``Fournisseur`` protocol below.

The pool file (YAML, never committed: ``*.pool.yaml`` is git-ignored)::

    comptes:
      - identifiant: jean.dupont
        mot_de_passe: "${AP_POOL_JEAN_DUPONT}"   # read from the environment
        profil: Etablissement
        etat: connecte
        consommable: false      # true: a scenario may change it for good
        courriel: jean.dupont@exemple.fr
        prenom_nom: jean.dupont
        siret: "…"
        departement: "19"
        question: "…"
        reponse: "${AP_POOL_JEAN_DUPONT_REPONSE}"

``flask --app simulator comptes-de-test --sortie FILE`` writes one.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Protocol, runtime_checkable

import httpx
import yaml
from filelock import FileLock, Timeout

from harness.attente import attendre
from harness.clients.session_http import contexte_tls

PROFILS = ("Etablissement", "Tiers déclarant", "UD", "DIRECCTE", "DGEFP")
ETATS = ("jamais_connecte", "connecte", "verrouille")


class ErreurComptes(RuntimeError):
    """No account can be had (French message: the file, the entry, the key)."""


@dataclass
class Compte:
    """What a test knows of an account."""
    profil: str
    identifiant: str
    mot_de_passe: str
    courriel: str
    prenom_nom: str
    etat: str = "connecte"
    siret: str | None = None
    departement: str | None = None
    question: str | None = None
    reponse: str | None = None
    anciens_mots_de_passe: list[str] = field(default_factory=list)

    def nouveau_mot_de_passe(self, nouveau: str) -> None:
        """Record a password change made by a scenario (the pool may put the
        old one back at the end)."""
        self.anciens_mots_de_passe.append(self.mot_de_passe)
        self.mot_de_passe = nouveau


_CHAMPS_COMPTE = {f.name for f in fields(Compte)}


@runtime_checkable
class Fournisseur(Protocol):
    """Where the accounts of a target come from (``comptes:`` of targets.yaml)."""
    canal: str  # "controle" | "pool" | "inscription"

    def raison_de_ne_pas_pouvoir(self, profil: str, etat: str, consommable: bool, **champs) -> str | None:
        """None if ``obtenir`` can give such an account (with those fields,
        when given), else why not (French)."""

    def obtenir(self, profil: str = "Etablissement", etat: str = "connecte", *,
                consommable: bool = False, **champs) -> Compte:
        ...

    def rendre(self, compte: Compte) -> None:
        """The scenario is over with the account."""


# --- controle ---------------------------------------------------------------------

class FournisseurControle:
    """Accounts made by the simulator's control interface, one per call;
    every one is new, so every one may be consumed."""
    canal = "controle"

    def __init__(self, base_url: str, *, client: httpx.Client | None = None, timeout: float = 60.0):
        self._propre = client is None
        self.http = client or httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout,
                                           verify=contexte_tls())

    def close(self) -> None:
        if self._propre:
            self.http.close()

    def raison_de_ne_pas_pouvoir(self, profil: str, etat: str, consommable: bool, **champs) -> str | None:
        if profil not in PROFILS:
            return f"profil inconnu : {profil} (attendu : {', '.join(PROFILS)})"
        if etat not in ETATS:
            return f"état inconnu : {etat} (attendu : {', '.join(ETATS)})"
        return None

    def obtenir(self, profil: str = "Etablissement", etat: str = "connecte", *,
                consommable: bool = False, **champs) -> Compte:
        raison = self.raison_de_ne_pas_pouvoir(profil, etat, consommable)
        if raison:
            raise ErreurComptes(raison)
        reponse = self.http.post("/_sim/comptes", json={"profil": profil, "etat": etat, **champs})
        if reponse.status_code != 201:
            try:
                detail = reponse.json().get("error", reponse.text)
            except ValueError:
                detail = reponse.text
            raise ErreurComptes(f"POST /_sim/comptes → HTTP {reponse.status_code} : {detail}")
        donnees = reponse.json()
        return Compte(**{k: v for k, v in donnees.items() if k in _CHAMPS_COMPTE})

    def rendre(self, compte: Compte) -> None:
        """Nothing to give back: the next scenario gets a new account."""


# --- pool ------------------------------------------------------------------------

_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass
class _Entree:
    numero: int
    brut: dict
    consommable: bool


def remettre_mot_de_passe(base_url: str, compte: Compte, ancien: str, *,
                          user_agent: str | None = None) -> bool:
    """Put ``ancien`` back as the account's password, through the site's own
    login and password-change forms (best effort: False if the site refuses,
    e.g. an account locked or a policy that forbids reusing a password)."""
    from harness.clients.session_http import ErreurSessionHTTP, SessionHTTP

    try:
        with SessionHTTP(base_url, user_agent=user_agent) as session:
            session.connecter(compte.identifiant, compte.mot_de_passe)
            session.changer_mot_de_passe(compte.mot_de_passe, ancien)
    except (ErreurSessionHTTP, httpx.HTTPError):
        return False
    compte.nouveau_mot_de_passe(ancien)
    return True


class FournisseurPool:
    """Accounts of a pool file, each leased exclusively (a file lock per
    account, so two xdist workers, or two runs on one machine, never hold
    the same one) and given back by ``rendre``.

    Consumable accounts (``consommable: true``) are only given to a scenario
    that asks for one (``consommable=True``), and only consumable ones are.
    When a scenario changed the password of an account (``Compte.
    nouveau_mot_de_passe``), ``rendre`` puts the original one back through
    the site's forms (``base_url`` needed); an account that could not be put
    back is set aside ("usé") on this machine until the pool file changes.
    Locks and marks live in ``dossier_verrous`` (else the folder named by
    the environment variable ``AP_POOL_VERROUS``, else a folder of the temp
    dir named after the file's path and content, kept across runs so that
    an account set aside stays so)."""
    canal = "pool"

    def __init__(self, chemin: str | os.PathLike, *, base_url: str | None = None,
                 environ: dict | None = None, dossier_verrous: str | os.PathLike | None = None,
                 attente: float = 120.0, user_agent: str | None = None):
        self.chemin = Path(chemin).resolve()
        self.base_url = base_url
        self.user_agent = user_agent
        self.environ = os.environ if environ is None else environ
        self.attente = attente
        self.entrees = self._lire()
        # Keyed by the file's path and content: every worker of a run shares
        # the locks; a pool provisioned anew starts with no account set aside.
        cle = hashlib.sha256(str(self.chemin).encode() + b"\0" + self.chemin.read_bytes()).hexdigest()[:16]
        dossier = dossier_verrous or self.environ.get("AP_POOL_VERROUS")
        self.dossier = Path(dossier) if dossier else Path(tempfile.gettempdir()) / f"ap-pool-{cle}"
        self.dossier.mkdir(parents=True, exist_ok=True)
        self._verrous: dict[str, FileLock] = {}  # identifiant → lock held by this process
        self._originaux: dict[str, str] = {}
        self._mutex = threading.Lock()

    # reading the file
    def _lire(self) -> list[_Entree]:
        if not self.chemin.is_file():
            raise ErreurComptes(f"fichier de pool introuvable : {self.chemin}")
        try:
            contenu = yaml.safe_load(self.chemin.read_text(encoding="utf-8"))
        except yaml.YAMLError as erreur:
            raise ErreurComptes(f"{self.chemin} : YAML illisible ({erreur})") from None
        if not isinstance(contenu, dict) or not isinstance(contenu.get("comptes"), list):
            raise ErreurComptes(f"{self.chemin} : une liste « comptes: » est attendue")
        entrees, vus = [], set()
        for numero, brut in enumerate(contenu["comptes"], start=1):
            ou = f"{self.chemin}, compte n° {numero}"
            if not isinstance(brut, dict):
                raise ErreurComptes(f"{ou} : un objet (identifiant, mot_de_passe, profil…) est attendu")
            for cle in ("identifiant", "mot_de_passe", "profil"):
                if not isinstance(brut.get(cle), str) or not brut[cle].strip():
                    raise ErreurComptes(f"{ou} : clé « {cle} » manquante ou vide")
            inconnues = sorted(set(brut) - _CHAMPS_COMPTE - {"consommable"})
            if inconnues:
                raise ErreurComptes(f"{ou} : clé(s) inconnue(s) {', '.join(inconnues)}")
            if brut["profil"] not in PROFILS:
                raise ErreurComptes(f"{ou} : profil « {brut['profil']} » inconnu ({', '.join(PROFILS)})")
            if brut.get("etat", "connecte") not in ETATS:
                raise ErreurComptes(f"{ou} : état « {brut['etat']} » inconnu ({', '.join(ETATS)})")
            if not isinstance(brut.get("consommable", False), bool):
                raise ErreurComptes(f"{ou} : « consommable » vaut true ou false")
            if brut["identifiant"] in vus:
                raise ErreurComptes(f"{ou} : l'identifiant {brut['identifiant']} figure deux fois")
            vus.add(brut["identifiant"])
            entrees.append(_Entree(numero, brut, brut.get("consommable", False)))
        return entrees

    def _compte(self, entree: _Entree) -> Compte:
        """The entry with its ``${VAR}`` read from the environment."""
        valeurs = {}
        for cle, valeur in entree.brut.items():
            if cle == "consommable":
                continue
            if isinstance(valeur, str):
                valeur = _VARIABLE.sub(lambda m: self._variable(m.group(1), entree, cle), valeur)
            elif valeur is not None:
                valeur = str(valeur)
            valeurs[cle] = valeur
        valeurs.setdefault("courriel", "")
        valeurs.setdefault("prenom_nom", "")
        return Compte(**valeurs)

    def _variable(self, nom: str, entree: _Entree, cle: str) -> str:
        valeur = self.environ.get(nom)
        if valeur is None:
            raise ErreurComptes(
                f"{self.chemin}, compte n° {entree.numero} ({entree.brut['identifiant']}), clé « {cle} » : "
                f"la variable d'environnement {nom} n'est pas définie")
        return valeur

    def verifier_secrets(self) -> None:
        """Fail now (French message) if a ``${VAR}`` of the file is not set."""
        for entree in self.entrees:
            self._compte(entree)

    # leasing
    def _candidates(self, profil: str, etat: str, consommable: bool) -> list[_Entree]:
        return [e for e in self.entrees if e.brut["profil"] == profil and e.brut.get("etat", "connecte") == etat
                and e.consommable == consommable and not self._usee(e)]

    def raison_de_ne_pas_pouvoir(self, profil: str, etat: str, consommable: bool, **champs) -> str | None:
        candidates = self._candidates(profil, etat, consommable)
        if candidates and any(self._convient(e, champs) for e in candidates):
            return None
        genre = "consommable " if consommable else ""
        if consommable and not any(e.consommable for e in self.entrees):
            return (f"le pool {self.chemin.name} n'a aucun compte consommable : ce scénario modifie "
                    f"le compte pour de bon (mot de passe, verrouillage, question secrète)")
        if candidates:
            voulus = ", ".join(f"{k} = {v!r}" for k, v in champs.items() if v is not None)
            return (f"le pool {self.chemin.name} n'a aucun compte « {profil} » ({etat}) avec {voulus} : "
                    f"ce scénario crée ses propres données, ce qu'un pool ne peut pas fournir")
        if any(self._usee(e) for e in self.entrees if e.brut["profil"] == profil
               and e.brut.get("etat", "connecte") == etat and e.consommable == consommable):
            return (f"le pool {self.chemin.name} n'a plus de compte {genre}« {profil} » dans l'état "
                    f"« {etat} » : les scénarios précédents les ont consommés (mis de côté)")
        return f"le pool {self.chemin.name} n'a aucun compte {genre}« {profil} » dans l'état « {etat} »"

    @staticmethod
    def _convient(entree: _Entree, champs: dict) -> bool:
        return all(v is None or entree.brut.get(k) == v for k, v in champs.items())

    def _fichier_verrou(self, entree: _Entree) -> Path:
        nom = re.sub(r"[^A-Za-z0-9._-]", "_", entree.brut["identifiant"])
        return self.dossier / f"{entree.numero:04d}-{nom}.lock"

    def _usee(self, entree: _Entree) -> bool:
        return self._fichier_verrou(entree).with_suffix(".usé").exists()

    def obtenir(self, profil: str = "Etablissement", etat: str = "connecte", *,
                consommable: bool = False, **champs) -> Compte:
        """One free account of that profile and state, leased until ``rendre``.
        Waits (up to ``attente`` seconds) while all of them are leased."""
        raison = self.raison_de_ne_pas_pouvoir(profil, etat, consommable, **champs)
        if raison:
            raise ErreurComptes(raison)

        def un_compte_libre() -> Compte | None:
            for entree in self._candidates(profil, etat, consommable):
                if self._convient(entree, champs):
                    compte = self._louer(entree)
                    if compte is not None:
                        return compte
            return None

        return attendre(un_compte_libre, self.attente,
                        f"{self.chemin.name} : tous les comptes « {profil} » ({etat}) sont pris "
                        f"depuis {self.attente:.0f} s", erreur=ErreurComptes, intervalle=0.2)

    def _louer(self, entree: _Entree) -> Compte | None:
        identifiant = entree.brut["identifiant"]
        with self._mutex:
            if identifiant in self._verrous:
                return None
            verrou = FileLock(self._fichier_verrou(entree), thread_local=False)
            try:
                verrou.acquire(timeout=0)
            except Timeout:
                return None
            if self._usee(entree):  # set aside by another process meanwhile
                verrou.release()
                return None
            try:
                compte = self._compte(entree)
            except ErreurComptes:
                verrou.release()
                raise
            self._verrous[identifiant] = verrou
            self._originaux[identifiant] = compte.mot_de_passe
            return compte

    def rendre(self, compte: Compte) -> None:
        """Give the account back; put its password back first when a
        scenario changed it (or set it aside if that fails)."""
        with self._mutex:
            verrou = self._verrous.pop(compte.identifiant, None)
            original = self._originaux.pop(compte.identifiant, None)
        if verrou is None:
            return
        try:
            if original is not None and compte.mot_de_passe != original:
                remis = self.base_url is not None and remettre_mot_de_passe(
                    self.base_url, compte, original, user_agent=self.user_agent)
                if not remis:
                    self._marquer_use(compte, "mot de passe changé par un scénario, non remis")
        finally:
            verrou.release()

    def mettre_de_cote(self, compte: Compte, raison: str) -> None:
        """The scenario changed the account's state for good (first
        connection done, locked): set it aside ("usé") for every worker and
        later run of this pool file, and release it."""
        with self._mutex:
            verrou = self._verrous.pop(compte.identifiant, None)
            self._originaux.pop(compte.identifiant, None)
        if verrou is None:
            return
        try:
            self._marquer_use(compte, raison)
        finally:
            verrou.release()

    def _marquer_use(self, compte: Compte, raison: str) -> None:
        entree = next(e for e in self.entrees if e.brut["identifiant"] == compte.identifiant)
        self._fichier_verrou(entree).with_suffix(".usé").write_text(raison + "\n", encoding="utf-8")

    def close(self) -> None:
        with self._mutex:
            verrous, self._verrous = self._verrous, {}
        for verrou in verrous.values():
            verrou.release()


def fournisseur(canal: str, *, base_url: str, pool: str | None = None, **options) -> Fournisseur:
    """The provider of a target's ``comptes:`` capability, for ``controle``
    and ``pool`` (``inscription`` drives pages: built by the actors)."""
    if canal == "controle":
        return FournisseurControle(base_url)
    if canal == "pool":
        if not pool:
            raise ErreurComptes("comptes: pool demande aussi « pool: <fichier> » dans la cible")
        return FournisseurPool(pool, base_url=base_url, **options)
    raise ErreurComptes(f"le canal de comptes « {canal} » n'est pas fourni ici (controle ou pool)")
