"""Steps and fixtures every area shares: the scenario's pages, mailbox and
data, the accounts a scenario starts from, messages and pages seen."""
from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from fixtures import donnees
from harness import rules
from pages.courriels import BoiteAuxLettres
from steps import exige
from steps.parcours import (Compte, Pages, attendre_demande_enregistree, demander_creation, inscrire,
                            premiere_connexion, se_connecter, se_connecter_a_son_espace)

# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def pages(ui, request) -> Pages:
    """The page objects of the scenario. The security-code reader is asked
    for only when a code is read (the target may not allow it: @captcha)."""
    return Pages(ui, lire_code_securite=lambda code_id: request.getfixturevalue("lire_code_securite")(code_id))


@pytest.fixture
def boite(request) -> BoiteAuxLettres:
    """The mailboxes of the scenario's people (the target's Mailpit: @courriel)."""
    return BoiteAuxLettres(request.getfixturevalue("mailpit"))


@pytest.fixture
def inscription() -> donnees.Inscription:
    """The scenario's own establishment and person to contact (Faker fr_FR)."""
    return donnees.inscription()


@pytest.fixture(scope="session")
def catalogue() -> rules.Catalogue:
    return rules.load()


# --- where the scenario starts ---------------------------------------------------------------


@given("la page d'accueil de l'extranet Activité Partielle")
def page_d_accueil(pages):
    pages.accueil.ouvrir()
    pages.accueil.attendre()


@given("un employeur muni du SIRET de son établissement", target_fixture="inscription")
def employeur_muni_de_son_siret():
    return donnees.inscription()


@given("un établissement inscrit qui ne s'est jamais connecté", target_fixture="compte")
@exige("captcha", "courriel")
def etablissement_jamais_connecte(pages, boite, inscription) -> Compte:
    return inscrire(pages, boite, inscription)


@given("un établissement inscrit qui s'est déjà connecté", target_fixture="compte")
@exige("captcha", "courriel")
def etablissement_deja_connecte(pages, boite, inscription) -> Compte:
    compte = inscrire(pages, boite, inscription)
    premiere_connexion(pages, compte)
    return compte


@given("il est connecté à son espace")
def connecte_a_son_espace(pages, compte):
    se_connecter_a_son_espace(pages, compte)


# --- acting ------------------------------------------------------------------------------------


@when(parsers.parse("il clique sur « {nom} »"))
def cliquer(pages, nom):
    pages.page.cliquer(nom)


@when("il se connecte avec son bon mot de passe")
@then("il se connecte avec son bon mot de passe")
def se_connecte_avec_son_bon_mot_de_passe(pages, compte):
    se_connecter_a_son_espace(pages, compte)


@when("il se déconnecte")
def se_deconnecte(pages, compte):
    pages.espace.se_deconnecter(compte.prenom_nom)
    pages.accueil.attendre()


@when("il se connecte avec l'identifiant et le mot de passe reçus")
def se_connecte_avec_les_identifiants_recus(pages, compte):
    se_connecter(pages, compte.identifiant, compte.mot_de_passe)


@when("il fait sa demande de création de compte")
@exige("captcha")
def fait_sa_demande(pages, inscription):
    """Both steps of the account creation, every field filled."""
    demander_creation(pages, inscription, facultatifs=True)


# --- what is seen ---------------------------------------------------------------------------


@then(parsers.parse("la page « {titre} » s'affiche"))
def page_affichee(pages, titre):
    pages.page.ui.wait_for_text(titre)
    assert pages.page.presente("titre", titre), f"« {titre} » n'est pas le titre de la page ({pages.ui.url})"


@then("la page présente :")
def page_presente(pages, datatable):
    entete, *lignes = datatable
    assert [c.strip() for c in entete] == ["sorte", "texte"], f"colonnes attendues : sorte | texte, pas {entete}"

    def manquants():
        return [f"{sorte} « {texte} »" for sorte, texte in lignes if not pages.page.presente(sorte, texte)]

    pages.page.patienter(lambda: not manquants(), timeout=pages.ui.timeout)
    absents = manquants()
    assert not absents, f"absent(s) de {pages.ui.url} : " + ", ".join(absents)


@then(parsers.parse("le message « {message} » s'affiche"))
def message_affiche(pages, message):
    assert pages.page.message_affiche(message), (
        f"message attendu : « {message} » ; messages affichés : « {pages.page.texte_des_messages()} »")


@then(parsers.parse("un message d'erreur indique « {extrait} »"))
def message_d_erreur_indique(pages, extrait):
    assert pages.page.erreur_contient(extrait), (
        f"erreur attendue contenant « {extrait} » ; messages affichés : « {pages.page.texte_des_messages()} »")


@then("la page de connexion s'affiche")
@then("la page d'accueil s'affiche")
def page_de_connexion(pages):
    pages.accueil.attendre()
    assert pages.accueil.bloc_connexion_utilisable(), "le bloc « MON ESPACE PERSONNEL » n'est pas utilisable"


@then("la demande de création de compte est enregistrée")
def demande_enregistree(pages):
    attendre_demande_enregistree(pages)
