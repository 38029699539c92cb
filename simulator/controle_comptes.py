"""Test accounts (issue 10): `POST /_sim/comptes` on the control interface,
and the same code for `flask --app simulator comptes-de-test` (cli.py).

A seeded account goes through the real creation code of `comptes` (identifier
generation, argon2, SIRET uniqueness), then, for the state asked, through the
real login (`comptes.authentifier`), the real password change and secret
question, and the real lockout (three wrong passwords): nothing tells it
apart from an account registered through the pages. No mail unless asked.
"""
from __future__ import annotations

import re
import secrets

from faker import Faker
from flask import jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum import luhn

from . import comptes, demarche, procedure, regles
from .communes import _index as _index_communes  # every known postal code
from .communes import communes
from .comptes import Resultat
from .controle import _erreur, bp
from .db import db
from .models import Compte

PROFILS = ("Etablissement", "Tiers déclarant", *comptes.PROFILS_AGENTS)
ETATS = ("jamais_connecte", "connecte", "verrouille")

#: Every field the body may hold, with its maximum length (the columns' and
#: the creation form's, ACC-04); `profil`, `etat` and `envoyer_courriels` apart.
LONGUEURS = {"siret": 20, "departement": 3, "nom": 50, "prenom": 50, "courriel": 100,
             "mot_de_passe": 64, "question": 100, "reponse": 50, "denomination": 100,
             "code_postal": 5, "ville": 100}
CHAMPS = ("profil", "etat", "envoyer_courriels", *LONGUEURS)

CODE_POSTAL_PAR_DEFAUT = "19000"  # the guide's Corrèze: Tulle
DEPARTEMENT_UD_PAR_DEFAUT = "19"
QUESTION_PAR_DEFAUT = "Quelle est votre ville de naissance ?"

_faker = Faker("fr_FR")


class ErreurSemis(Exception):
    """A refused request: a French message and its HTTP status (400, 409)."""

    def __init__(self, message: str, code: int = 400):
        super().__init__(message)
        self.message, self.code = message, code


def siret_aleatoire() -> str:
    """A valid SIRET (ENR-06): a SIREN with its Luhn key, then a NIC whose
    last digit makes the 14 digits valid too."""
    siren = "".join(secrets.choice("0123456789") for _ in range(8))
    siren += luhn.calc_check_digit(siren)
    nic = "".join(secrets.choice("0123456789") for _ in range(4))
    return siren + nic + luhn.calc_check_digit(siren + nic)


def _siret_pris(session_db: Session, siret: str) -> bool:
    """ENR-05: the SIRET has an account (an establishment, or an ASP identity)."""
    return comptes.siret_deja_inscrit(session_db, siret) or session_db.scalar(
        select(Compte.id).where(Compte.siret_asp == siret)) is not None


def _siret_libre(session_db: Session) -> str:
    siret = siret_aleatoire()
    while _siret_pris(session_db, siret):
        siret = siret_aleatoire()
    return siret


def _code_postal_du_departement(departement: str) -> str | None:
    """A postal code of the département (the prefecture's "…000" first)."""
    codes = sorted(cp for cp in _index_communes() if procedure.departement_du_code_postal(cp) == departement)
    prefecture = [cp for cp in codes if cp.endswith("000")]
    return next(iter(prefecture or codes), None)


def _reponse_aleatoire() -> str:
    reponse = _faker.city()
    return reponse if 4 < len(reponse) <= 50 else f"Ville de {_faker.last_name()}"[:50]


def _lire(corps) -> dict:
    """Check the body; returns every field, defaults filled in (400 otherwise)."""
    if not isinstance(corps, dict):
        raise ErreurSemis("corps JSON (objet) attendu")
    inconnus = sorted(set(corps) - set(CHAMPS))
    if inconnus:
        raise ErreurSemis("champ inconnu : " + ", ".join(f"« {c} »" for c in inconnus))
    profil = corps.get("profil")
    if profil not in PROFILS:
        raise ErreurSemis("profil : Etablissement, Tiers déclarant, UD, DIRECCTE ou DGEFP")
    etat = corps.get("etat", "connecte")
    if etat not in ETATS:
        raise ErreurSemis("etat : jamais_connecte, connecte ou verrouille")
    envoyer = corps.get("envoyer_courriels", False)
    if not isinstance(envoyer, bool):
        raise ErreurSemis("envoyer_courriels : true ou false")
    v = {"profil": profil, "etat": etat, "envoyer_courriels": envoyer}
    for nom, longueur in LONGUEURS.items():
        valeur = corps.get(nom)
        if valeur is None:
            v[nom] = None
            continue
        if not isinstance(valeur, str) or not valeur.strip():
            raise ErreurSemis(f"champ « {nom} » : texte non vide attendu")
        if len(valeur) > longueur or any(ord(c) < 32 or ord(c) == 127 for c in valeur):
            raise ErreurSemis(f"champ « {nom} » : {longueur} caractères au plus, sans caractère de contrôle")
        # UD-04: the answer and the password are kept exactly as typed
        v[nom] = valeur if nom in ("reponse", "mot_de_passe") else valeur.strip()
    return v


def _completer(session_db: Session, v: dict) -> dict:
    """Validate each given field with the site's own rules; make up the others."""
    profil = v["profil"]
    agent = profil in comptes.PROFILS_AGENTS
    _siret(session_db, v, agent)
    if v["departement"] is not None:
        departement = procedure.departement_normalise(v["departement"])
        if departement is None:
            raise ErreurSemis("departement : un département français (01 à 95, 2A, 2B, 971 à 976)")
        v["departement"] = departement
    avec_etablissement = v["siret"] is not None
    if not avec_etablissement:
        for nom in ("denomination", "code_postal", "ville"):
            if v[nom] is not None:
                raise ErreurSemis(f"{nom} : seulement pour un compte avec un établissement (siret)")
    if agent and v["departement"] is None and profil == "UD":
        v["departement"] = DEPARTEMENT_UD_PAR_DEFAUT
    if avec_etablissement:
        _adresse(v)
    elif not agent and v["departement"] is not None:
        raise ErreurSemis("departement : pour un établissement (avec son siret) ou un agent")
    _personne(v)
    v["denomination"] = v["denomination"] or (_faker.company()[:100] if avec_etablissement else None)
    return v


def _siret(session_db: Session, v: dict, agent: bool) -> None:
    """ENR-05, ENR-06: a given SIRET valid and free, not for an agent; an
    establishment without one gets a free one (siret_genere)."""
    if v["siret"] is not None:
        numero = regles.siret_normalise(v["siret"])
        if numero is None:
            raise ErreurSemis("siret : un numéro de SIRET valide (14 chiffres, clé de Luhn)")
        if agent:
            raise ErreurSemis("siret : pas pour un agent UD, DIRECCTE ou DGEFP")
        if _siret_pris(session_db, numero):
            raise ErreurSemis("ce SIRET a déjà un compte", 409)
        v["siret"] = numero
    elif v["profil"] == "Etablissement":
        v["siret"], v["siret_genere"] = _siret_libre(session_db), True


def _personne(v: dict) -> None:
    """The person: name and first name, e-mail, secret question and answer (UD-03)."""
    v["nom"] = v["nom"] or _faker.last_name()
    v["prenom"] = v["prenom"] or _faker.first_name()
    if v["courriel"] is None:
        v["courriel"] = f"{regles.prenom_nom(v['prenom'], v['nom'])}.{secrets.token_hex(3)}@exemple.fr"
    elif not regles.courriel_valide(v["courriel"]):
        raise ErreurSemis("courriel : une adresse électronique valide")
    if v["question"] is None:
        v["question"] = QUESTION_PAR_DEFAUT
    if v["reponse"] is None:
        v["reponse"] = _reponse_aleatoire()
    elif not regles.reponse_secrete_valide(v["reponse"]):  # UD-03
        raise ErreurSemis("reponse : plus de 4 caractères")


def _adresse(v: dict) -> None:
    """ACC-05: a known postal code and one of its communes; the département
    follows from the postal code (PROC-01)."""
    if v["code_postal"] is None:
        if v["ville"] is not None:
            raise ErreurSemis("ville : avec son code_postal")
        v["code_postal"] = (CODE_POSTAL_PAR_DEFAUT if v["departement"] is None
                            else _code_postal_du_departement(v["departement"]))
        if v["code_postal"] is None:
            raise ErreurSemis("departement : aucun code postal connu pour ce département")
    if not re.fullmatch(r"\d{5}", v["code_postal"]) or not communes(v["code_postal"]):
        raise ErreurSemis("code_postal : un code postal français connu (5 chiffres)")
    villes = communes(v["code_postal"])
    if v["ville"] is None:
        v["ville"] = "Tulle" if "Tulle" in villes else villes[0]
    elif v["ville"] not in villes:
        raise ErreurSemis(f"ville : une commune du code postal {v['code_postal']} ({', '.join(villes[:5])}…)")
    departement = procedure.departement_du_code_postal(v["code_postal"])
    if v["departement"] is not None and v["departement"] != departement:
        raise ErreurSemis(f"departement : le code postal {v['code_postal']} est dans le {departement}")
    v["departement"] = departement


def _creer(session_db: Session, v: dict) -> tuple[Compte, str]:
    """The account through the real creation code; (compte, first password).
    A concurrent creation may take the same identifier (or, by a rare chance,
    the same generated SIRET) between the read and the insert: tried again,
    as the pages do (comptes.avec_identifiant_libre)."""
    premier = v["mot_de_passe"] if v["etat"] == "jamais_connecte" else None
    siret_genere = v.pop("siret_genere", False)

    def apres_conflit() -> None:
        if v["siret"] is not None and _siret_pris(session_db, v["siret"]):
            if not siret_genere:  # ENR-05: registered meanwhile
                raise ErreurSemis("ce SIRET a déjà un compte", 409)
            v["siret"] = _siret_libre(session_db)

    try:
        return comptes.avec_identifiant_libre(
            session_db, lambda essai: _creer_une_fois(session_db, v, premier, essai), apres_conflit)
    except comptes.IdentifiantIntrouvable:
        raise ErreurSemis(f"aucun identifiant libre après {comptes.ESSAIS_IDENTIFIANT} essais "
                          "(créations simultanées)", 409) from None


def _creer_une_fois(session_db: Session, v: dict, premier: str | None, essai: int) -> tuple[Compte, str]:
    """One try of `_creer` (IntegrityError if the identifier got taken meanwhile)."""
    envoyer = v["envoyer_courriels"]
    if v["profil"] in comptes.PROFILS_AGENTS:
        base = f"{v['profil'].lower()}.{regles.base_identifiant(v['prenom'], v['nom'])}"
        identifiant = comptes.identifiant_libre(session_db, base, essai)
        compte, mot_de_passe = comptes.creer_agent_avec_mot_de_passe(
            session_db, v["profil"], identifiant, v["nom"], v["prenom"], v["courriel"],
            envoyer_courriels=envoyer, mot_de_passe=premier)
        if v["departement"] is not None:
            demarche.affecter_agent(session_db, compte, v["departement"])
        return compte, mot_de_passe
    if v["siret"] is None:  # a Tiers déclarant before its first establishment
        return comptes.creer_utilisateur_sans_etablissement(
            session_db, v["nom"], v["prenom"], v["courriel"], v["question"], v["reponse"],
            envoyer_courriels=envoyer, mot_de_passe=premier, essai=essai)
    demande = comptes.DemandeCreation(
        siret=v["siret"], denomination=v["denomination"], numero_voie=_faker.building_number()[:10],
        extension_voie=None, libelle_voie="de la Paix", type_voie="rue", complement_adresse=None,
        code_postal=v["code_postal"], ville=v["ville"], courriel_etablissement=v["courriel"],
        telephone_fixe="05 55 20 00 00", fax=None, nom=v["nom"], prenom=v["prenom"],
        telephone="06 12 34 56 78", courriel=v["courriel"], question_secrete=v["question"],
        reponse_secrete=v["reponse"])
    etablissement, _asp, premier_etablissement = comptes.inscrire_etablissement(
        session_db, demande, envoyer_courriels=envoyer, mot_de_passe=premier, essai=essai)
    assert premier_etablissement is not None, "an ASP identity's SIRET counts as taken (_siret_pris)"
    return etablissement.compte_principal, premier_etablissement


def _premiere_connexion(session_db: Session, compte: Compte, premier: str, v: dict) -> str:
    """PWD-01..08 and UD-02 as a person does them: log in with the first
    password, change it, set the secret question (agents). Returns the
    current password."""
    resultat, _ = comptes.authentifier(session_db, compte.identifiant, premier)
    assert resultat is Resultat.CONNECTE, resultat
    nouveau = v["mot_de_passe"] or regles.generer_mot_de_passe(compte.identifiant)
    while nouveau == premier:
        nouveau = regles.generer_mot_de_passe(compte.identifiant)
    erreurs = comptes.changer_mot_de_passe(session_db, compte, premier, nouveau, nouveau)
    if erreurs:  # PWD-05 only (the rest is checked before anything is created)
        raise ErreurSemis("mot_de_passe : " + " ".join(erreurs))
    if compte.question_secrete is None:  # UD-02
        comptes.definir_question_secrete(session_db, compte, v["question"], v["reponse"])
    return nouveau


def semer(session_db: Session, corps) -> dict:
    """Create one test account as `corps` asks (see docs/interface-de-controle.md);
    returns what the 201 answer holds. ErreurSemis when refused: then nothing
    was created."""
    v = _completer(session_db, _lire(corps))
    if v["mot_de_passe"] is not None:
        # PWD-02..06, checked against the identifier once it is known too (below)
        erreurs = regles.erreurs_mot_de_passe(v["mot_de_passe"], "")
        if erreurs:
            raise ErreurSemis("mot_de_passe : " + " ".join(erreurs))
    compte, premier = _creer(session_db, v)
    mot_de_passe = premier
    if v["etat"] != "jamais_connecte":
        mot_de_passe = _premiere_connexion(session_db, compte, premier, v)
    if v["etat"] == "verrouille":  # LCK-01: three wrong passwords, through the real login
        for _ in range(regles.ECHECS_AVANT_VERROUILLAGE):
            resultat, _ = comptes.authentifier(session_db, compte.identifiant, mot_de_passe + "#faux")
        assert resultat is Resultat.VERROUILLE, resultat
    session_db.refresh(compte)
    return {"identifiant": compte.identifiant, "mot_de_passe": mot_de_passe, "courriel": compte.courriel,
            "profil": v["profil"], "etat": v["etat"], "siret": v["siret"], "departement": v["departement"],
            "nom": compte.nom, "prenom": compte.prenom, "question": v["question"], "reponse": v["reponse"],
            "prenom_nom": compte.prenom_nom, "denomination": v["denomination"],
            "code_postal": v["code_postal"], "ville": v["ville"]}


@bp.post("/comptes")
def creer_compte_de_test():
    """Issue 10: a test account in the state asked (docs/interface-de-controle.md)."""
    try:
        return jsonify(semer(db(), request.get_json(silent=True))), 201
    except ErreurSemis as erreur:
        db().rollback()
        return _erreur(erreur.message, erreur.code)
