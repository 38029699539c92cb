"""UD: agents created by the Assistance, their first connection and secret
question."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from acteurs import taches
from acteurs import questions as q
from pages import textes
from steps import exige


@given(parsers.parse("un agent {profil} créé par l'Assistance après sa fiche d'habilitation signée"))
@exige("controle", "courriel")
def agent_cree(acteur, control, profil):
    taches.etre_cree_par_l_assistance(acteur, control, profil)


@given(parsers.parse("un agent {profil} qui ne s'est jamais connecté"))
@exige("compte")
def agent_jamais_connecte(distribution, acteur, profil):
    distribution.obtenir_compte(acteur, profil, "jamais_connecte")


@given("un agent UD créé par l'Assistance, dont l'identifiant comporte un chiffre et un caractère spécial")
@exige("controle", "courriel")
def agent_a_identifiant_conforme(acteur, control):
    compte = taches.etre_cree_par_l_assistance(acteur, control, "UD")
    ident = compte.identifiant
    assert len(ident) >= 8 and any(c.isdigit() for c in ident) and any(c in ".,?!%#" for c in ident), (
        f"l'identifiant {ident} ne respecte pas lui-même les autres règles : le refus ne prouverait pas PWD-05")


@then("il reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion "
      "et la confirmation de son habilitation")
@exige("courriel")
def agent_recoit_trois_mails(acteur):
    for sujet in textes.SUJETS_CREATION:
        assert q.courriel_recu(acteur, sujet)


@when(parsers.parse("il positionne sa question secrète « {question} » et sa réponse"))
@exige("compte_consommable")
def positionne_question(acteur, question):
    taches.positionner_sa_question(acteur, question)


@when(parsers.parse("il positionne sa question secrète « {question} » avec la réponse « {reponse} »"))
@exige("compte_consommable")
def positionne_question_reponse(acteur, question, reponse):
    taches.positionner_sa_question(acteur, question, reponse)


@then("sa question secrète lui est demandée à nouveau à la connexion suivante")
def question_demandee_a_nouveau(acteur):
    """A refused question saved nothing: the site still asks for it (UD-02)."""
    taches.se_connecter(acteur)
    assert q.page_question_secrete_affichee(acteur)


@when(parsers.parse("il laisse la question secrète vide et saisit la réponse « {reponse} »"))
def laisse_la_question_vide(acteur, reponse):
    taches.positionner_une_reponse_sans_question(acteur, reponse)


@then("la question secrète est refusée et la page « Positionnement de la question secrète » reste affichée")
def question_refusee(acteur):
    assert q.une_erreur_s_affiche(acteur)
    assert q.page_question_secrete_affichee(acteur)  # waits for the page, or says what is missing
