"""HOME-01..03 and the login block of the home page (NAV-01..03 use it too)."""
from __future__ import annotations

from pytest_bdd import given, then, when

from acteurs import questions as q
from acteurs import taches


@when("il saisit un utilisateur et un mot de passe dans « MON ESPACE PERSONNEL »")
@given("il a saisi un utilisateur et un mot de passe dans « MON ESPACE PERSONNEL »")
def saisir_utilisateur_et_mot_de_passe(acteur):
    acteur.memoire["identifiants saisis"] = taches.saisir_des_identifiants(acteur)


@when("il se connecte à « MON ESPACE PERSONNEL » avec un utilisateur inconnu")
def se_connecte_inconnu(acteur):
    taches.saisir_des_identifiants(acteur)
    taches.cliquer_connexion(acteur)


@then("les champs « Utilisateur : » et « Mot de passe : » gardent ce qu'il a saisi")
def champs_gardent_la_saisie(acteur):
    assert q.identifiants_saisis(acteur) == acteur.memoire["identifiants saisis"]


@then("les champs « Utilisateur : » et « Mot de passe : » sont vidés")
def champs_vides(acteur):
    assert q.identifiants_saisis(acteur) == ("", "")


@then("la connexion est refusée à cet utilisateur inconnu")
def connexion_refusee_inconnu(acteur):
    assert q.une_erreur_s_affiche(acteur)
    assert q.page_de_connexion_affichee(acteur)
    assert not q.deconnexion_proposee(acteur, attendre=False)
