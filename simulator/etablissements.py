"""The "Fiche établissement" (ACC-08): the "Compte principal utilisateur
(Personne à contacter)", whose name, first name and e-mail cannot be
modified; the change of referent person; the further users, requested by the
referent person ("Ajouter un utilisateur à un établissement")."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from . import comptes, demarche, regles
from . import messages as m
from .db import db
from .inscription import RE_TELEPHONE
from .models import Etablissement
from .web import connexion_requise

bp = Blueprint("etablissements", __name__)


@bp.errorhandler(403)
def acces_refuse(_erreur):
    return render_template("erreur.html", message=m.ACCES_REFUSE, code=403), 403


def _de_l_utilisateur(etablissement_id: int) -> Etablissement:
    """One of the user's establishments, or 404."""
    etablissement = db().get(Etablissement, etablissement_id)
    if etablissement is None or not demarche.travaille_pour(db(), g.compte, etablissement.id):
        abort(404)
    return etablissement


def _de_la_personne_referente(etablissement_id: int) -> Etablissement:
    """ACC-08: only the referent person changes the referent and requests users."""
    etablissement = _de_l_utilisateur(etablissement_id)
    if etablissement.compte_principal_id != g.compte.id:
        abort(403)
    return etablissement


@bp.get("/etablissement")
@connexion_requise  # OUT-02: without a session, the login page
def fiche():
    """ACC-08: the establishments the user works for, each with its referent
    person (shown, not editable), its users, and — for the referent person —
    the change of referent and the request of a further user."""
    etablissements = demarche.etablissements_de(db(), g.compte)
    return render_template("fiche_etablissement.html", etablissements=etablissements,
                           utilisateurs={e.id: demarche.utilisateurs(db(), e) for e in etablissements})


@bp.post("/etablissement/<int:etablissement_id>/personne-referente")
@connexion_requise  # OUT-02: without a session, the login page
def changer_personne_referente(etablissement_id):
    """ACC-08: "Il sera cependant possible de changer de personne référente
    ultérieurement, dans la Fiche établissement." The new referent is one of
    the establishment's users; nobody's name, first name or e-mail changes."""
    etablissement = _de_la_personne_referente(etablissement_id)
    choix = request.form.get("personne_referente", "")
    nouvelle = next((u for u in demarche.utilisateurs(db(), etablissement)[1:] if str(u.id) == choix), None)
    if nouvelle is None:
        flash(m.PERSONNE_REFERENTE_A_CHOISIR, "alert")
    elif demarche.changer_personne_referente(db(), etablissement, g.compte, nouvelle):
        flash(m.PERSONNE_REFERENTE_CHANGEE, "status")
    return redirect(url_for(".fiche"))


CHAMPS_UTILISATEUR = (("nom", "Nom", 50), ("prenom", "Prénom", 50), ("telephone", "Téléphone", 20),
                      ("courriel", "Courriel", 100), ("confirmation_courriel", "Confirmer courriel", 100))


def valider_utilisateur(formulaire) -> tuple[dict, list[str]]:
    """The further user's form: every field mandatory, the e-mail typed twice."""
    valeurs = {nom: (formulaire.get(nom) or "").strip() for nom, _l, _n in CHAMPS_UTILISATEUR}
    erreurs = []
    if any(not v for v in valeurs.values()):
        erreurs.append(m.CHAMPS_OBLIGATOIRES)
    erreurs += [m.CHAMP_TROP_LONG.format(libelle=libelle, n=n)
                for nom, libelle, n in CHAMPS_UTILISATEUR if len(valeurs[nom]) > n]
    courriel = valeurs["courriel"]
    if courriel and not regles.courriel_valide(courriel):
        erreurs.append(m.COURRIEL_INVALIDE.format(libelle="Courriel"))
    elif courriel and valeurs["confirmation_courriel"] and courriel != valeurs["confirmation_courriel"]:
        erreurs.append(m.COURRIELS_DIFFERENTS.format(libelle="Courriel"))
    if valeurs["telephone"] and not RE_TELEPHONE.fullmatch(valeurs["telephone"]):
        erreurs.append(m.TELEPHONE_INVALIDE.format(libelle="Téléphone"))
    return valeurs, erreurs


@bp.route("/etablissement/<int:etablissement_id>/utilisateurs/ajout", methods=["GET", "POST"])
@connexion_requise  # OUT-02: without a session, the login page
def ajouter_utilisateur(etablissement_id):
    """ACC-08: "les demandes d'ajout d'autres utilisateurs seront effectuées
    par le 1er utilisateur" (the referent person). The new user gets its
    3 mails (identifier, password, habilitation), like the first one."""
    etablissement = _de_la_personne_referente(etablissement_id)
    valeurs: dict[str, str] = {}
    erreurs: list[str] = []
    if request.method == "POST":
        if "annuler" in request.form:
            return redirect(url_for(".fiche"))
        valeurs, erreurs = valider_utilisateur(request.form)
        if not erreurs:
            nouvel = demarche.NouvelUtilisateur(nom=valeurs["nom"], prenom=valeurs["prenom"],
                                                telephone=valeurs["telephone"], courriel=valeurs["courriel"])
            try:  # a concurrent creation may take the same identifier: another one
                comptes.avec_identifiant_libre(
                    db(), lambda essai: demarche.ajouter_utilisateur(db(), etablissement, nouvel, essai))
            except comptes.IdentifiantIntrouvable:
                erreurs = [m.AJOUT_A_RECOMMENCER]
            else:
                flash(m.UTILISATEUR_AJOUTE, "status")
                return redirect(url_for(".fiche"))
    return render_template("ajouter_un_utilisateur_a_un_etablissement.html", etablissement=etablissement,
                           v=valeurs, erreurs=erreurs)
