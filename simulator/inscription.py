"""Account creation: step 1 (SIRET, security code, terms: ENR-01..08) and
step 2 (the creation form: ACC-01..12)."""
import dataclasses
import re
from typing import Any, cast

from flask import (Blueprint, Response, abort, jsonify, redirect, render_template, request,
                   session, url_for)

from . import code_securite, comptes, regles
from . import messages as m
from .communes import communes
from .db import db

bp = Blueprint("inscription", __name__)


# --- Step 1: SIRET, security code, terms ---------------------------------------------

def _page_siret(siret: str = "", erreurs=(), cgu: bool = False):
    """ENR-01; a new security code for every display (ENR-03); the terms' box
    unticked at first, then as the person left it (ENR-04)."""
    return render_template("veuillez_indiquer_votre_numero_de_siret.html", siret=siret,
                           cgu=cgu, erreurs=erreurs, code_id=code_securite.nouveau(db()))


@bp.route("/inscription/siret", methods=["GET", "POST"])
def siret():
    """ENR-01..08: step 1, the SIRET, the security code and the terms; a valid
    SIRET without an account goes on to the creation form (ACC-01)."""
    if request.method == "GET":
        return _page_siret()
    f = request.form
    code_id, code = f.get("code_id", ""), f.get("code", "").strip()
    saisie = f.get("siret", "").strip()
    if "annuler" in f:  # ENR-08: nothing created
        code_securite.consommer(db(), code_id, "")
        return redirect(url_for("accueil.accueil"))
    if "nouveau_code" in f:  # ENR-03: a new code; the old one no longer validates
        code_securite.consommer(db(), code_id, "")
        return _page_siret(saisie, cgu=bool(f.get("cgu")))
    code_juste = code_securite.consommer(db(), code_id, code)  # ENR-02: single use, right or wrong
    erreurs = []
    if not saisie or not code:
        erreurs.append(m.CHAMPS_OBLIGATOIRES)
    numero = regles.siret_normalise(saisie)
    if saisie and numero is None:  # ENR-06
        erreurs.append(m.SIRET_INVALIDE)
    if code and not code_juste:  # ENR-02
        erreurs.append(m.CODE_SECURITE_INCORRECT)
    if not f.get("cgu"):  # ENR-04
        erreurs.append(m.CGU_NON_ACCEPTEES)
    if not erreurs and comptes.siret_deja_inscrit(db(), cast(str, numero)):  # ENR-05
        erreurs.append(m.SIRET_EXISTANT)
    if erreurs:
        return _page_siret(saisie, erreurs, cgu=bool(f.get("cgu")))
    session["inscription_siret"] = numero  # ACC-01: carried by the server, not the form
    return redirect(url_for(".compte"))


@bp.get("/captcha/<code_id>.png")
def image_code(code_id):
    """ENR-02: the security code as an image (404 for an unknown code)."""
    code = code_securite.lire(db(), code_id)
    if code is None:
        abort(404)
    return Response(code_securite.image_png(code), mimetype="image/png")


# --- Step 2: the creation form ----------------------------------------------------------

class SiretPrisEntreTemps(Exception):
    """ENR-05: the SIRET got its account while this form was being saved."""


@dataclasses.dataclass(frozen=True)
class Champ:
    """ACC-02..04: a field of the creation form: required or not, its maximum length."""
    nom: str
    libelle: str
    obligatoire: bool
    longueur: int


# ACC-02, ACC-03 (mandatory or not), ACC-04 (28 and 38 characters); other lengths are the columns'
CHAMPS = (
    Champ("denomination", "Dénomination de l'établissement", True, 100),
    Champ("numero_voie", "Numéro de voie", False, 10),
    Champ("extension_voie", "Extension de voie", False, 10),
    Champ("libelle_voie", "Libellé de la voie", True, 28),
    Champ("type_voie", "Type de voie", False, 30),
    Champ("complement_adresse", "Complément d'adresse", False, 38),
    Champ("code_postal", "Code postal", True, 5),
    Champ("ville", "Ville", True, 100),
    Champ("courriel_etablissement", "Courriel établissement", True, 100),
    Champ("confirmation_courriel_etablissement", "Confirmer courriel établissement", True, 100),
    Champ("telephone_fixe", "Téléphone fixe", True, 20),
    Champ("fax", "Fax", False, 20),
    Champ("nom", "Nom", True, 50),
    Champ("prenom", "Prénom", True, 50),
    Champ("telephone", "Téléphone", True, 20),
    Champ("courriel", "Courriel", True, 100),
    Champ("confirmation_courriel", "Confirmer courriel", True, 100),
    Champ("question_secrete", "Question secrète", True, 100),
    Champ("reponse_secrete", "Réponse", True, 50),
)
LIBELLES = {c.nom: c.libelle for c in CHAMPS}
LONGUEURS = {c.nom: c.longueur for c in CHAMPS}
COURRIELS = (("courriel_etablissement", "confirmation_courriel_etablissement"),
             ("courriel", "confirmation_courriel"))  # ACC-06, ACC-07
TELEPHONES = ("telephone_fixe", "fax", "telephone")
RE_TELEPHONE = re.compile(r"[0-9 +.()\-]{10,20}")


def valider_creation(formulaire) -> tuple[dict, list[str]]:
    """ACC-02..06: the server-side validation of the creation form; returns the values as
    typed (to show them again) and the errors (empty: the form is valid)."""
    valeurs = {c.nom: formulaire.get(c.nom, "").strip() for c in CHAMPS}
    valeurs["reponse_secrete"] = formulaire.get("reponse_secrete", "")  # UD-04: as typed
    erreurs = []
    if any(c.obligatoire and not valeurs[c.nom].strip() for c in CHAMPS):  # ACC-03
        erreurs.append(m.CHAMPS_OBLIGATOIRES)
    erreurs += [m.CHAMP_TROP_LONG.format(libelle=c.libelle, n=c.longueur)  # ACC-04
                for c in CHAMPS if len(valeurs[c.nom]) > c.longueur]
    erreurs += _erreurs_commune(valeurs["code_postal"], valeurs["ville"])
    erreurs += _erreurs_courriels(valeurs)
    erreurs += [m.TELEPHONE_INVALIDE.format(libelle=LIBELLES[t])
                for t in TELEPHONES if valeurs[t] and not RE_TELEPHONE.fullmatch(valeurs[t])]
    reponse = valeurs["reponse_secrete"]
    if reponse.strip() and not regles.reponse_secrete_valide(reponse):  # UD-03
        erreurs.append(m.REPONSE_TROP_COURTE)
    return valeurs, erreurs


def _erreurs_commune(code_postal: str, ville: str) -> list[str]:
    """ACC-05: a known postal code, and a town of that postal code."""
    if not code_postal:
        return []
    if not re.fullmatch(r"\d{5}", code_postal):
        return [m.CODE_POSTAL_INVALIDE]
    if not communes(code_postal):
        return [m.CODE_POSTAL_INCONNU]
    if ville and ville not in communes(code_postal):
        return [m.VILLE_INVALIDE]
    return []


def _erreurs_courriels(valeurs: dict) -> list[str]:
    """Each e-mail field valid, and equal to its confirmation (ACC-06)."""
    erreurs = []
    for champ, confirmation in COURRIELS:
        if valeurs[champ] and not regles.courriel_valide(valeurs[champ]):
            erreurs.append(m.COURRIEL_INVALIDE.format(libelle=LIBELLES[champ]))
        elif valeurs[champ] and valeurs[confirmation] and valeurs[champ] != valeurs[confirmation]:
            erreurs.append(m.COURRIELS_DIFFERENTS.format(libelle=LIBELLES[champ]))  # ACC-06
    return erreurs


def _page_compte(siret: str, valeurs: dict, erreurs=()):
    """ACC-01..07: the creation form, what was typed kept (ACC-03)."""
    return render_template("creation_de_compte.html", siret=siret, v=valeurs, erreurs=erreurs,
                           longueurs=LONGUEURS, villes=communes(valeurs.get("code_postal", "")))


@bp.route("/inscription/compte", methods=["GET", "POST"])
def compte():
    """ACC-01..11, ENR-05, ENR-07: step 2, the creation form; a valid form
    creates the establishment's account and its first user."""
    siret = session.get("inscription_siret")  # ACC-01: from step 1, never from the form
    if siret is None:
        return redirect(url_for(".siret"))
    if request.method == "GET":
        return _page_compte(siret, {})
    if "annuler" in request.form:  # ENR-08
        session.pop("inscription_siret", None)
        return redirect(url_for("accueil.accueil"))
    valeurs, erreurs = valider_creation(request.form)
    if "rechercher" in request.form:  # without JS: the Ville list after a round trip (ACC-05)
        return _page_compte(siret, valeurs)
    if erreurs:  # ACC-03: nothing created, what was typed is kept
        return _page_compte(siret, valeurs, erreurs)
    champs: dict[str, Any] = {
        f.name: valeurs[f.name] or None for f in dataclasses.fields(comptes.DemandeCreation)
        if f.name != "siret"}
    demande = comptes.DemandeCreation(siret=siret, **champs)

    def siret_pris_entre_temps() -> None:  # ENR-05, registered meanwhile
        if comptes.siret_deja_inscrit(db(), siret):
            raise SiretPrisEntreTemps

    try:  # a concurrent creation may take the same identifier: another one
        _etablissement, asp = comptes.avec_identifiant_libre(
            db(), lambda essai: comptes.creer_etablissement(db(), demande, essai), siret_pris_entre_temps)
    except SiretPrisEntreTemps:
        return _page_compte(siret, valeurs, [m.SIRET_EXISTANT])
    except comptes.IdentifiantIntrouvable:
        return _page_compte(siret, valeurs, [m.CREATION_A_RECOMMENCER])
    session.pop("inscription_siret", None)
    session["inscription_asp"] = asp
    return redirect(url_for(".demande_enregistree"))


@bp.get("/inscription/demande-enregistree")
def demande_enregistree():
    """ACC-10 (3 mails follow) or ACC-11 (only the habilitation: same credentials)."""
    if "inscription_asp" not in session:
        return redirect(url_for("accueil.accueil"))
    return render_template("demande_enregistree.html", asp=session.pop("inscription_asp"))


@bp.get("/communes")
def communes_du_code_postal():
    """ACC-05: GET /communes?code_postal=19000 → [{"nom": "Tulle"}, …]."""
    return jsonify([{"nom": nom} for nom in communes(request.args.get("code_postal", ""))])
