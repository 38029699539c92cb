"""UD: agents created by the Assistance (control interface), their first
connection and secret question."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import donnees
from pages.courriels import SUJETS_CREATION
from steps import exige
from steps.parcours import Compte, positionner_question, recevoir_identifiants


def _agent(control, boite, profil: str) -> Compte:
    """UD-01: what the Assistance does after a signed habilitation form; the
    agent then reads its identifier and password in its mail."""
    personne = donnees.personne()
    identifiant = control.create_agent(profil=profil, identifiant=donnees.identifiant_agent(profil),
                                       nom=personne.nom, prenom=personne.prenom, courriel=personne.courriel)
    compte = Compte(courriel=personne.courriel, prenom_nom=personne.prenom_nom, profil=profil)
    recevoir_identifiants(boite, compte)
    assert compte.identifiant == identifiant
    return compte


@given(parsers.parse("un agent {profil} créé par l'Assistance après sa fiche d'habilitation signée"),
       target_fixture="compte")
@exige("controle", "courriel")
def agent_cree(control, boite, profil):
    return _agent(control, boite, profil)


@given("un agent UD créé par l'Assistance, dont l'identifiant comporte un chiffre et un caractère spécial",
       target_fixture="compte")
@exige("controle", "courriel")
def agent_a_identifiant_conforme(control, boite):
    compte = _agent(control, boite, "UD")
    ident = compte.identifiant
    assert len(ident) >= 8 and any(c.isdigit() for c in ident) and any(c in ".,?!%#" for c in ident), (
        f"l'identifiant {ident} ne respecte pas lui-même les autres règles : le refus ne prouverait pas PWD-05")
    return compte


@then("il reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion "
      "et la confirmation de son habilitation")
@exige("courriel")
def agent_recoit_trois_mails(boite, compte):
    for sujet in SUJETS_CREATION:
        boite.attendre(compte.courriel, sujet)


@when(parsers.parse("il positionne sa question secrète « {question} » et sa réponse"))
def positionne_question(pages, compte, question):
    positionner_question(pages, compte, question)


@when(parsers.parse("il positionne sa question secrète « {question} » avec la réponse « {reponse} »"))
def positionne_question_reponse(pages, compte, question, reponse):
    positionner_question(pages, compte, question, reponse)
