"""Where a scenario's starting accounts come from: the target's ``comptes``
capability (targets.yaml), in this order of preference as the target allows:

- ``controle``: the simulator creates the account directly (``POST
  /_sim/comptes``, harness/comptes.py ``FournisseurControle``);
- ``pool``: a file of provisioned test accounts of a site one does not
  control, each leased exclusively (``FournisseurPool``);
- ``inscription``: through the site's own pages, as a person would
  (``FournisseurInscription`` below: the registration tasks in a browser
  page of its own, the credentials read in the mails; agents are created by
  the Assistance, i.e. the control interface).

Only the scenarios whose subject *is* registration, first connection or
recovery go through those pages themselves (steps/inscription.py…); every
other scenario asks the provider.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from acteurs import taches
from acteurs.acteur import Acteur
from fixtures import donnees
from fixtures.donnees import Inscription
from harness.comptes import Compte, fournisseur

AGENTS = ("UD", "DIRECCTE", "DGEFP")
PROFILS = ("Etablissement", "Tiers déclarant", *AGENTS)
ETATS = ("jamais_connecte", "connecte", "verrouille")


def champs_de(inscription: Inscription) -> dict[str, str]:
    """An establishment's registration data as the provider's fields."""
    e, p = inscription.etablissement, inscription.contact
    return {"siret": e.siret, "denomination": e.denomination, "nom": p.nom, "prenom": p.prenom,
            "courriel": p.courriel, "question": inscription.question_secrete,
            "reponse": inscription.reponse_secrete, "code_postal": e.adresse.code_postal,
            "ville": e.adresse.ville}


def inscription_de(champs: dict) -> Inscription:
    """The provider's fields as registration data (Faker for the rest)."""
    inscription = donnees.inscription(siret=champs.get("siret"))
    e, p = inscription.etablissement, inscription.contact
    e.denomination = champs.get("denomination") or e.denomination
    p.nom, p.prenom = champs.get("nom") or p.nom, champs.get("prenom") or p.prenom
    p.courriel = champs.get("courriel") or p.courriel
    if champs.get("code_postal"):
        e.adresse.code_postal, e.adresse.ville = champs["code_postal"], champs.get("ville") or e.adresse.ville
    inscription.question_secrete = champs.get("question") or inscription.question_secrete
    inscription.reponse_secrete = champs.get("reponse") or inscription.reponse_secrete
    return inscription


class FournisseurInscription:
    """Accounts made through the site's pages, in a browser page of their
    own (so the person of the scenario starts from a fresh browser, as after
    receiving its mails). Nothing to give back: a registered account stays."""

    canal = "inscription"

    def __init__(self, aide: Callable[[], Acteur], control: Callable[[], object | None]):
        self._aide = aide
        self._control = control

    def raison_de_ne_pas_pouvoir(self, profil: str, etat: str, consommable: bool, **champs) -> str | None:
        if profil not in PROFILS or etat not in ETATS:
            return f"profil « {profil} » ou état « {etat} » inconnu"
        if profil in AGENTS and self._control() is None:
            return (f"un agent {profil} ne s'inscrit pas par le site : l'Assistance le crée "
                    "(la cible n'a pas d'interface de contrôle)")
        return None

    def obtenir(self, profil: str = "Etablissement", etat: str = "connecte", *, consommable: bool = False,
                **champs) -> Compte:
        aide = self._aide()
        if profil in AGENTS:
            compte = self._agent(aide, profil, champs)
            if etat != "jamais_connecte":
                taches.faire_sa_premiere_connexion(aide, question=True)
        else:
            aide.inscription = inscription_de(champs)
            compte = taches.s_inscrire(aide, aide.inscription)
            compte.profil = profil
            if etat != "jamais_connecte":
                taches.faire_sa_premiere_connexion(aide)
        if etat == "verrouille":
            taches.saisir_des_mots_de_passe_errones(aide, 3)
        compte.etat = etat
        return compte

    def _agent(self, aide: Acteur, profil: str, champs: dict) -> Compte:
        personne = donnees.personne()
        personne.nom, personne.prenom = champs.get("nom") or personne.nom, champs.get("prenom") or personne.prenom
        personne.courriel = champs.get("courriel") or personne.courriel
        return taches.etre_cree_par_l_assistance(aide, self._control(), profil, champs.get("departement"),
                                                 champs.get("identifiant"), personne)

    def rendre(self, compte: Compte) -> None:
        return None


def canal_de_la_cible(target) -> str:
    """``comptes`` of the target; by default ``controle`` for the embedded
    simulator, ``inscription`` elsewhere (CONTRACT.md)."""
    return getattr(target, "comptes", None) or ("controle" if target.embedded else "inscription")


#: The pool providers of this process (see ``pour_la_cible``).
_POOLS: dict[tuple, object] = {}


def pour_la_cible(target, base_url: str, user_agent: str | None, aide: Callable[[], Acteur],
                  control: Callable[[], object | None]):
    """The account provider of ``target`` (harness/comptes.py for ``controle``
    and ``pool``; the registration pages for ``inscription``)."""
    canal = canal_de_la_cible(target)
    if canal == "inscription":
        return FournisseurInscription(aide, control)
    if canal == "pool":
        # One pool provider per run and file: its leases (file locks) live as
        # long as the run, so an account a scenario kept out stays out.
        cle = (base_url, str(target.pool), user_agent)
        if cle not in _POOLS:
            _POOLS[cle] = fournisseur("pool", base_url=base_url, pool=str(target.pool), user_agent=user_agent)
        return _POOLS[cle]
    return fournisseur(canal, base_url=base_url)


def champs_a_demander(canal: str, inscription: Inscription, **champs) -> dict:
    """What to ask the provider for: the establishment's own data where the
    provider makes the account (controle, inscription); a pool's accounts
    are what they are (only a département is chosen)."""
    if canal == "pool":
        return {k: v for k, v in champs.items() if k == "departement" and v}
    return {**champs_de(inscription), **{k: v for k, v in champs.items() if v}}


def accorder_l_inscription(inscription: Inscription, compte: Compte) -> None:
    """The actor's registration data follows the account it got (a pool's
    account has its own SIRET and mailbox)."""
    if compte.siret:
        inscription.etablissement.siret = compte.siret
    inscription.contact.courriel = compte.courriel


_IMAGE_DU_CODE = re.compile(r"/captcha/([^/?#]+)\.png")


def lecteur_de_code(lire_code_securite: Callable[[], Callable[[str], str]]) -> Callable[[str], str]:
    """How the tests read the code of a security picture from its address:
    the target's reader (``lire_code_securite`` fixture: the control
    interface reads a code by the id in the picture's address
    ``/captcha/<id>.png``; a fixed code ignores it)."""
    def lire(adresse_image: str) -> str:
        m = _IMAGE_DU_CODE.search(adresse_image or "")
        return lire_code_securite()(m.group(1) if m else adresse_image)
    return lire
