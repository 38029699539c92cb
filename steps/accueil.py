"""HOME-01..03 and the login block of the home page (NAV-01..03 use it too)."""
from __future__ import annotations

from pytest_bdd import then, when

from fixtures import donnees


@when("il saisit un utilisateur et un mot de passe dans « MON ESPACE PERSONNEL »", target_fixture="saisie")
def saisir_utilisateur_et_mot_de_passe(pages):
    saisie = (f"utilisateur.{donnees.suffixe()}", donnees.mot_de_passe_errone())
    pages.accueil.saisir_identifiants(*saisie)
    return saisie


@then("les champs « Utilisateur : » et « Mot de passe : » gardent ce qu'il a saisi")
def champs_gardent_la_saisie(pages, saisie):
    assert pages.accueil.identifiants_saisis() == saisie


@then("les champs « Utilisateur : » et « Mot de passe : » sont vidés")
def champs_vides(pages):
    assert pages.accueil.identifiants_saisis() == ("", "")


@then("la connexion est refusée à cet utilisateur inconnu")
def connexion_refusee_inconnu(pages):
    pages.accueil.attendre_erreur()
    pages.accueil.attendre()
    assert not pages.espace.deconnexion_proposee()
