"""Steps and fixtures every area shares: the scenario's cast (its people,
each with its own browser page, mailbox and account), where a scenario
starts from, and the messages and pages seen.

A step is one sentence → one task (``acteurs.taches``) or one question
(``acteurs.questions``) of a person, and the assertion on the answer."""
from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from acteurs import Acteur, Distribution, fournisseurs
from acteurs import questions as q
from acteurs import taches
from fixtures import donnees
from harness import rules
from steps import exige

# --- fixtures: the cast -------------------------------------------------------------------------


@pytest.fixture
def distribution(nouvelle_page, request, base_url, profile, target):
    """The people of the scenario, by role; each gets its own browser page
    (``nouvelle_page(role)``), its mailbox and, when asked, an account from
    the target's provider — given back at the end."""
    def boite():
        return request.getfixturevalue("mailpit")

    def control():
        return request.getfixturevalue("control") if target.controle else None

    def file_vide() -> bool:
        return request.getfixturevalue("control").file_de_courriels_vide()

    cast = Distribution(
        nouvelle_page, boite, base_url, profile.user_agent,
        fournisseurs.lecteur_de_code(lambda: request.getfixturevalue("lire_code_securite")),
        fournisseur=lambda: fournisseurs.pour_la_cible(target, base_url, profile.user_agent,
                                                       lambda: cast["inscription"], control),
        # the scenario changes its account for good (a need derived from its steps)
        consommable=request.node.get_closest_marker("compte_consommable") is not None,
        courriel_lisible=target.courriel is not None,
        # a mail that must not come: looked for once the outbox is empty
        file_vide=file_vide if target.controle else None)
    yield cast
    cast.rendre_les_comptes()


@pytest.fixture
def acteur(distribution) -> Acteur:
    """« il » / « elle » of the feature: the employer, the establishment's
    person to contact, or the agent the feature is about."""
    return distribution.principal


@pytest.fixture
def agent(distribution) -> Acteur:
    """« l'agent de l'UD », beside the establishment, in its own browser."""
    return distribution["agent de l'UD"]


@pytest.fixture(scope="session")
def catalogue() -> rules.Catalogue:
    return rules.load()


def obtenir_un_etablissement(distribution: Distribution, acteur: Acteur, etat: str,
                             departement: str | None = None) -> None:
    """An establishment's account from the target's provider, made with the
    actor's own registration data where the provider makes it."""
    acteur.inscription = acteur.inscription or donnees.inscription()
    champs = fournisseurs.champs_a_demander(distribution.fournisseur.canal, acteur.inscription,
                                            departement=departement)
    compte = distribution.obtenir_compte(acteur, "Etablissement", etat, **champs)
    fournisseurs.accorder_l_inscription(acteur.inscription, compte)


# --- where the scenario starts ---------------------------------------------------------------


@given("la page d'accueil de l'extranet Activité Partielle")
def page_d_accueil(acteur):
    taches.ouvrir_l_accueil(acteur)


@given("un employeur muni du SIRET de son établissement")
def employeur_muni_de_son_siret(acteur):
    acteur.inscription = donnees.inscription()


@given("un établissement inscrit qui ne s'est jamais connecté")
@exige("compte")
def etablissement_jamais_connecte(distribution, acteur):
    obtenir_un_etablissement(distribution, acteur, "jamais_connecte")


@given("un établissement inscrit qui s'est déjà connecté")
@exige("compte")
def etablissement_deja_connecte(distribution, acteur):
    obtenir_un_etablissement(distribution, acteur, "connecte")


@given("il est connecté à son espace")
def connecte_a_son_espace(acteur):
    """Login is not the subject: the fastest way the site allows."""
    taches.se_connecter_par_programme(acteur)


@given("il s'est connecté à son espace par « MON ESPACE PERSONNEL »")
def s_est_connecte_par_le_formulaire(acteur):
    """Login (or what follows it) is the subject: through the browser's form."""
    taches.se_connecter_a_son_espace(acteur)


# --- acting ------------------------------------------------------------------------------------


@when(parsers.parse("il clique sur « {nom} »"))
def cliquer(acteur, nom):
    taches.cliquer_sur(acteur, nom)


@when("il se connecte avec son bon mot de passe")
@then("il se connecte avec son bon mot de passe")
def se_connecte_avec_son_bon_mot_de_passe(acteur):
    taches.se_connecter_a_son_espace(acteur)


@when("il se connecte avec l'identifiant et le mot de passe reçus")
def se_connecte_avec_les_identifiants_recus(acteur):
    taches.se_connecter(acteur)


@when("il fait sa demande de création de compte")
@exige("captcha")
def fait_sa_demande(acteur):
    """Both steps of the account creation, every field filled."""
    taches.demander_la_creation(acteur, facultatifs=True)


# --- what is seen ---------------------------------------------------------------------------


@then(parsers.parse("la page « {titre} » s'affiche"))
def page_affichee(distribution, titre):
    en_scene = distribution.en_scene  # « il »: the person the last sentence was about
    assert q.titre_affiche(en_scene, titre), f"« {titre} » n'est pas le titre de la page ({q.url(en_scene)})"


@then("la page présente :")
def page_presente(distribution, datatable):
    en_scene = distribution.en_scene  # « il »: the person the last sentence was about
    entete, *lignes = datatable
    assert [c.strip() for c in entete] == ["sorte", "texte"], f"colonnes attendues : sorte | texte, pas {entete}"
    absents = q.elements_absents(en_scene, [(sorte, texte) for sorte, texte in lignes])
    assert not absents, f"absent(s) de {q.url(en_scene)} : " + ", ".join(absents)


@then(parsers.parse("le message « {message} » s'affiche"))
def message_affiche(distribution, message):
    en_scene = distribution.en_scene  # « il »: the person the last sentence was about
    assert q.message_affiche(en_scene, message), (
        f"message attendu : « {message} » ; messages affichés : « {q.messages(en_scene)} »")


@then(parsers.parse("le message « {message} » ne s'affiche pas"))
def message_absent(distribution, message):
    """Read once the page has come (the step before waited for it): what a
    page must not say to this person."""
    en_scene = distribution.en_scene  # « il »: the person the last sentence was about
    assert q.message_absent(en_scene, message), (
        f"message inattendu : « {message} » ; messages affichés : « {q.messages(en_scene)} »")


@then(parsers.parse("un message d'erreur indique « {extrait} »"))
def message_d_erreur_indique(distribution, extrait):
    en_scene = distribution.en_scene  # « il »: the person the last sentence was about
    assert q.erreur_contient(en_scene, extrait), (
        f"erreur attendue contenant « {extrait} » ; messages affichés : « {q.messages(en_scene)} »")


@then("la page de connexion s'affiche")
@then("la page d'accueil s'affiche")
def page_de_connexion(distribution):
    en_scene = distribution.en_scene  # « il »: the person the last sentence was about
    assert q.page_de_connexion_affichee(en_scene), "le bloc « MON ESPACE PERSONNEL » n'est pas utilisable"


@then("la demande de création de compte est enregistrée")
def demande_enregistree(acteur):
    taches.attendre_la_demande_enregistree(acteur)
