"""Logging in and out (HOME-01, LCK-01..05, OUT-01..02), the logged-in pages,
and the agent's secret question at first connection (UD-02..03)."""
from typing import cast

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from . import comptes, demarche, regles
from . import messages as m
from .comptes import Compte, Resultat
from .db import db
from .web import connexion_requise, fermer_session, ouvrir_session

bp = Blueprint("connexion", __name__)

MESSAGES_REFUS = {
    Resultat.INCORRECT: m.IDENTIFIANTS_INCORRECTS,
    Resultat.VERROUILLE: m.COMPTE_VERROUILLE,  # LCK-02
    Resultat.NON_HABILITE: m.NON_HABILITE,
}


@bp.post("/connexion")
def connexion():
    """The "MON ESPACE PERSONNEL" form of the home page."""
    utilisateur = request.form.get("utilisateur", "").strip()
    mot_de_passe = request.form.get("mot_de_passe", "")
    if not utilisateur or not mot_de_passe:
        erreur = m.CHAMPS_CONNEXION_VIDES
    else:
        resultat, compte = comptes.authentifier(db(), utilisateur, mot_de_passe)
        if resultat is Resultat.CONNECTE:
            ouvrir_session(cast(Compte, compte))  # the session id changes at login
            # PWD-01/RST-05 and UD-02 are enforced by web.premiere_connexion_d_abord
            return redirect(url_for(".espace"))
        erreur = MESSAGES_REFUS[resultat]
    return render_template("accueil.html", utilisateur=utilisateur, erreurs=[erreur])


@bp.get("/deconnexion")
def deconnexion():
    """OUT-01: "Déconnexion" under the user's prenom.nom ends the session."""
    fermer_session()
    flash(m.DECONNEXION_FAITE, "status")
    return redirect(url_for("accueil.accueil"))


@bp.get("/espace")
@connexion_requise
def espace():
    """The logged-in home: "prenom.nom" at the top right (base template); the
    establishments the user works for and, for a UD agent, its département
    (the Fiche établissement and the procedure: etablissements.py, demandes.py)."""
    return render_template("mon_espace.html", etablissements=demarche.etablissements_de(db(), g.compte),
                           departement=demarche.departement_de_l_agent(db(), g.compte))


@bp.route("/question-secrete", methods=["GET", "POST"])
@connexion_requise
def question_secrete():
    """UD-02: after the first password change, the agent sets the secret
    question and answer, then logs in again."""
    compte = g.compte
    if compte.question_secrete is not None:
        return redirect(url_for(".espace"))
    question, reponse, erreurs = "", "", []
    if request.method == "POST":
        question = request.form.get("question", "").strip()
        reponse = request.form.get("reponse", "")  # UD-04: kept exactly as typed
        if not question or not reponse.strip():
            erreurs.append(m.CHAMPS_OBLIGATOIRES)
        elif not regles.reponse_secrete_valide(reponse):  # UD-03
            erreurs.append(m.REPONSE_TROP_COURTE)
        for libelle, valeur, limite in (("Question secrète", question, 100), ("Réponse", reponse, 50)):
            if len(valeur) > limite:
                erreurs.append(m.CHAMP_TROP_LONG.format(libelle=libelle, n=limite))
        if not erreurs:
            comptes.definir_question_secrete(db(), compte, question, reponse)
            fermer_session()
            flash(m.QUESTION_ENREGISTREE, "status")
            return redirect(url_for("accueil.accueil"))
    return render_template("positionnement_de_la_question_secrete.html",
                           question=question, erreurs=erreurs)
