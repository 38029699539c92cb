"""Password change (PWD-01..08, ACC-11) and lost password (RST-01..06)."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from . import comptes, recuperation
from . import messages as m
from .db import db
from .models import Compte
from .web import connexion_requise, fermer_session

bp = Blueprint("mot_de_passe", __name__)

TITRE_OUBLI = "J'ai oublié mon mot de passe"


@bp.route("/mot-de-passe/changement", methods=["GET", "POST"])
@connexion_requise  # OUT-02: no page of its space without a session
def changement():
    """PWD-07: "Changement du mot de passe pour <identifiant>". PWD-08: then
    back to the login page, except an agent without a secret question (UD-02)."""
    compte = g.compte
    erreurs = []
    if request.method == "POST":
        f = request.form
        ancien, nouveau, confirmation = (f.get("ancien", ""), f.get("nouveau", ""),
                                         f.get("confirmation", ""))
        if not ancien or not nouveau or not confirmation:
            erreurs = [m.CHAMPS_OBLIGATOIRES]
        else:
            erreurs = comptes.changer_mot_de_passe(db(), compte, ancien, nouveau, confirmation)
        if not erreurs:
            if compte.question_secrete is None:
                return redirect(url_for("connexion.question_secrete"))
            fermer_session()
            flash(m.MOT_DE_PASSE_MODIFIE, "status")
            return redirect(url_for("accueil.accueil"))
    return render_template("changement_du_mot_de_passe.html", erreurs=erreurs)


def _par_identifiant(utilisateur: str) -> list[Compte]:
    return list(db().scalars(select(Compte).where(Compte.identifiant == utilisateur)))


def _nouveau_mot_de_passe(retrouves: list[Compte]) -> None:
    """RST-04: a new password by mail; RST-05: to be changed at next login."""
    comptes.reinitialiser_mot_de_passe(db(), retrouves[0])


@bp.route("/mot-de-passe/oubli", methods=["GET", "POST"])
def oubli():
    """RST-01: user name + arithmetic operation, "Continuer"."""
    return recuperation.etape_identite("mot_de_passe", TITRE_OUBLI, "utilisateur", "Utilisateur :",
                                       _par_identifiant, m.UTILISATEUR_INCONNU)


@bp.route("/mot-de-passe/oubli/question", methods=["GET", "POST"])
def oubli_question():
    """RST-02: the secret question; RST-03: a wrong answer ends it;
    RST-04: a right one mails a new password."""
    return recuperation.etape_question("mot_de_passe", TITRE_OUBLI, m.REPONSE_INCORRECTE_MDP,
                                       _nouveau_mot_de_passe)
