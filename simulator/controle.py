"""The test-control interface (SIM-01), exactly as CONTROL_API.md: registered
only in control mode, loopback clients only (others get a plain 404), JSON,
no CSRF, no session."""
from flask import Blueprint, abort, jsonify, request
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from . import code_securite, comptes, courriels, couverture, demarche, horloge, procedure, regles
from .db import db, doublon
from .models import Base, Compte, Horloge
from .web import depuis_boucle_locale

bp = Blueprint("controle", __name__, url_prefix="/_sim")

@bp.before_request
def boucle_locale_seulement():
    if not depuis_boucle_locale():
        abort(404)


def _erreur(message: str, code: int = 400):
    reponse = jsonify(error=message)
    reponse.status_code = code
    return reponse


def _sauf_identifiant_pris(creer):
    """``creer()``'s account, or None (rolled back) when its identifier is
    already taken; any other IntegrityError (a bug) is raised as it is."""
    try:
        return creer()
    except IntegrityError as erreur:
        db().rollback()
        if not doublon(erreur):
            raise
        return None


def _corps() -> dict:
    corps = request.get_json(silent=True)
    if not isinstance(corps, dict):
        abort(_erreur("corps JSON (objet) attendu"))
    return corps


def _textes(corps: dict, *noms: str) -> list[str]:
    """The named fields, each a non-empty string of at most 50 characters
    (the columns' size) without control characters, or a 400."""
    valeurs = []
    for nom in noms:
        valeur = corps.get(nom)
        if not isinstance(valeur, str) or not valeur.strip():
            abort(_erreur(f"champ « {nom} » manquant ou vide"))
        if len(valeur) > 50 or any(ord(c) < 32 for c in valeur):
            abort(_erreur(f"champ « {nom} » : 50 caractères au plus, sans caractère de contrôle"))
        valeurs.append(valeur.strip())
    return valeurs


def _horloge():
    return jsonify(now=horloge.iso(horloge.maintenant(db())), offset_seconds=horloge.decalage(db()))


@bp.get("/health")
def sante():
    return jsonify(status="ok", now=horloge.iso(horloge.maintenant(db())))


@bp.post("/reset")
def reinitialiser():
    """Every account, request, session, pending mail and counter is deleted;
    the clock offset goes back to 0."""
    session_db = db()
    # Every table but the clock's, children before parents (the procedure's
    # requests and users before the establishments and accounts they point to)
    for table in reversed(Base.metadata.sorted_tables):
        if table is not Horloge.__table__:
            session_db.execute(delete(table))
    horloge.remettre_a_zero(session_db)
    session_db.commit()
    return "", 204


@bp.get("/clock")
def lire_horloge():
    return _horloge()


@bp.post("/clock")
def avancer_horloge():
    secondes = _corps().get("advance_seconds")
    if not isinstance(secondes, int) or isinstance(secondes, bool) or secondes < 0:
        return _erreur("advance_seconds : entier ≥ 0 attendu")
    if not horloge.avancer(db(), secondes):
        return _erreur(f"advance_seconds : l'horloge ne peut pas avancer de plus de "
                       f"{horloge.DECALAGE_MAXIMUM} secondes en tout (50 ans) ; rien n'a changé")
    return _horloge()


@bp.post("/couverture")
def nommer_le_scenario():
    """make mutation: the scenario that runs from now on, when the simulator
    measures which scenario reaches which line (SIM_COUVERTURE)."""
    contexte = _corps().get("contexte")
    if not couverture.active():
        return _erreur("mesure de couverture inactive : le simulateur n'a pas été lancé avec SIM_COUVERTURE", 404)
    if not isinstance(contexte, str) or not contexte.strip() or len(contexte) > 1000:
        return _erreur("contexte : texte non vide de 1000 caractères au plus attendu")
    couverture.nommer(contexte.strip())
    return "", 204


@bp.get("/courriels")
def etat_des_courriels():
    """The outbox as the mail worker sees it: how many mails are pending,
    sent, given up (refused for good by the SMTP server), and the ones given up."""
    return jsonify(courriels.etat_des_courriels(db()))


@bp.get("/captcha/<code_id>")
def lire_code(code_id):
    code = code_securite.lire(db(), code_id)
    if code is None:
        return _erreur("code inconnu ou expiré", 404)
    return jsonify(code=code)


@bp.post("/agents")
def creer_agent():
    """UD-01: what the Assistance does after a signed habilitation form.
    Extension (PROC-01/02): an optional "departement" ("19", "2A", "974")
    assigns a UD agent to the UD of that département; without it the agent
    sees no request."""
    corps = _corps()
    profil, identifiant, nom, prenom, courriel = _textes(
        corps, "profil", "identifiant", "nom", "prenom", "courriel")
    if profil not in comptes.PROFILS_AGENTS:
        return _erreur("profil : UD, DIRECCTE ou DGEFP")
    if not regles.courriel_valide(courriel):
        return _erreur("courriel : adresse de courriel invalide")
    if not regles.identifiant_agent_valide(identifiant):
        return _erreur("identifiant : minuscules, chiffres, . _ -")
    departement = None
    if corps.get("departement") is not None:
        departement = procedure.departement_normalise(corps["departement"])
        if departement is None:
            return _erreur("departement : un département français (01 à 95, 2A, 2B, 971 à 976)")
        if profil != "UD":
            return _erreur("departement : seulement pour un agent UD")
    compte = _sauf_identifiant_pris(lambda: comptes.creer_agent(db(), profil, identifiant, nom, prenom, courriel))
    if compte is None:
        return _erreur("cet identifiant existe déjà", 409)
    if departement is not None:
        demarche.affecter_agent(db(), compte, departement)
    return jsonify(identifiant=compte.identifiant), 201


@bp.post("/asp-accounts")
def creer_compte_asp():
    """ACC-11: an establishment with an identity on another ASP extranet."""
    corps = _corps()
    siret, application, identifiant, mot_de_passe, courriel = _textes(
        corps, "siret", "application", "identifiant", "mot_de_passe", "courriel")
    numero = regles.siret_normalise(siret)
    if numero is None:
        return _erreur("siret invalide")
    if not regles.courriel_valide(courriel):
        return _erreur("courriel : adresse de courriel invalide")
    session_db = db()
    if comptes.siret_deja_inscrit(session_db, numero) or session_db.scalar(
            select(Compte.id).where(Compte.siret_asp == numero)) is not None:
        return _erreur("ce SIRET a déjà un compte", 409)
    compte = _sauf_identifiant_pris(lambda: comptes.creer_identite_asp(
        session_db, numero, application, identifiant, corps["mot_de_passe"], courriel))
    if compte is None:
        return _erreur("cet identifiant existe déjà", 409)
    return jsonify(identifiant=compte.identifiant, siret=numero, application=application), 201


from . import controle_comptes  # noqa: E402,F401  POST /_sim/comptes (issue 10), on this blueprint
