"""Lost identifier (IDR-01..04)."""
from flask import Blueprint
from sqlalchemy import func, select

from . import courriels, recuperation, regles
from . import messages as m
from .db import db
from .models import Compte

bp = Blueprint("identifiant", __name__)

TITRE_OUBLI = "J'ai oublié mon identifiant"


def _par_courriel(courriel: str) -> list[Compte]:
    return list(db().scalars(select(Compte).where(func.lower(Compte.courriel) == courriel.lower())
                             .order_by(Compte.id)))


def _envoyer_identifiants(retrouves: list[Compte]) -> None:
    """IDR-03: the identifier(s) by mail."""
    courriels.courriel_identifiants_retrouves(db(), retrouves)
    db().commit()


@bp.route("/identifiant/oubli", methods=["GET", "POST"])
def oubli():
    """IDR-01: the registered e-mail + arithmetic operation, "Continuer"."""
    return recuperation.etape_identite(
        "identifiant", TITRE_OUBLI, "courriel", "Courriel", _par_courriel, m.COURRIEL_INCONNU,
        lambda saisie: None if regles.courriel_valide(saisie) else m.COURRIEL_INVALIDE.format(libelle="Courriel"))


@bp.route("/identifiant/oubli/question", methods=["GET", "POST"])
def oubli_question():
    """IDR-02: "Question secrète" and "Réponse secrète"; IDR-03: a right answer
    mails the identifier; IDR-04: a wrong or missing one cannot recover it."""
    return recuperation.etape_question("identifiant", TITRE_OUBLI, m.REPONSE_INCORRECTE_IDENTIFIANT,
                                       _envoyer_identifiants)
