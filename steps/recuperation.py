"""RST (lost password), IDR (lost identifier) and SUP (the Assistance's
channels, shown where the guide sends users to it)."""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from pages.courriels import SUJET_IDENTIFIANT, SUJET_NOUVEAU_MOT_DE_PASSE
from pages.recuperation import ASSISTANCE
from steps import exige
from steps.parcours import se_connecter

#: UD-04: the answer given not exactly as registered.
VARIANTES = {
    "en minuscules": lambda r: r.lower(),
    "sans ses espaces": lambda r: r.replace(" ", ""),
    "suivie d'une espace": lambda r: r + " ",
}


@when("il clique sur « J'ai oublié mon mot de passe » depuis la page d'accueil")
def oubli_mot_de_passe(pages):
    pages.accueil.ouvrir()
    pages.accueil.j_ai_oublie_mon_mot_de_passe()
    pages.mot_de_passe_oublie.attendre()


@when("il clique sur « J'ai oublié mon identifiant » depuis la page d'accueil")
def oubli_identifiant(pages):
    pages.accueil.ouvrir()
    pages.accueil.j_ai_oublie_mon_identifiant()
    pages.identifiant_oublie.attendre()


@when("il renseigne son nom d'utilisateur et le résultat de l'opération indiquée, puis clique sur « Continuer »")
def renseigne_utilisateur(pages, compte):
    pages.mot_de_passe_oublie.demander(compte.identifiant)


@when("il renseigne son nom d'utilisateur et un mauvais résultat de l'opération, puis clique sur « Continuer »")
def renseigne_mauvais_resultat(pages, compte):
    pages.mot_de_passe_oublie.demander(compte.identifiant, juste=False)


@when("il renseigne son adresse mail et le résultat de l'opération indiquée, puis clique sur « Continuer »")
def renseigne_courriel(pages, compte):
    pages.identifiant_oublie.demander(compte.courriel)


@then("sa question secrète lui est posée")
def question_posee(pages, compte):
    assert pages.mot_de_passe_oublie.question_posee(compte.question), (
        f"la question « {compte.question} » n'est pas posée sur {pages.ui.url}")


@then("sa demande est refusée et sa question secrète ne lui est pas posée")
def refusee_sans_question(pages, compte):
    pages.page.attendre_erreur()
    assert not pages.mot_de_passe_oublie.reponse_demandee()


@when("il donne la bonne réponse à sa question secrète")
def bonne_reponse(pages, compte):
    pages.mot_de_passe_oublie.repondre(compte.reponse)


@then(parsers.parse("le message « {message} » s'affiche avec le bouton « {bouton} »"))
def message_et_bouton(pages, message, bouton):
    assert pages.page.message_affiche(message), (
        f"message attendu : « {message} » ; messages : « {pages.page.texte_des_messages()} »")
    assert pages.page.presente("bouton", bouton), f"pas de bouton « {bouton} »"


@then("il reçoit un mail contenant son nouveau mot de passe")
@exige("courriel")
def recoit_nouveau_mot_de_passe(boite, compte):
    compte.nouveau_mot_de_passe(boite.nouveau_mot_de_passe(compte.courriel))


@when("il se connecte avec ce nouveau mot de passe")
def se_connecte_avec_le_nouveau(pages, compte):
    se_connecter(pages, compte.identifiant, compte.mot_de_passe)


def _demander_puis_repondre(pages, compte, reponse: str) -> None:
    oubli_mot_de_passe(pages)
    pages.mot_de_passe_oublie.demander(compte.identifiant)
    assert pages.mot_de_passe_oublie.question_posee(compte.question)
    pages.mot_de_passe_oublie.repondre(reponse)


@when("il demande un nouveau mot de passe et donne une mauvaise réponse à sa question secrète")
def mauvaise_reponse(pages, compte):
    _demander_puis_repondre(pages, compte, "Pas " + compte.reponse)


@when(parsers.parse("il demande un nouveau mot de passe et donne sa réponse secrète {variante}"))
def reponse_inexacte(pages, compte, variante):
    donnee = VARIANTES[variante](compte.reponse)
    assert donnee != compte.reponse, f"la variante « {variante} » ne change pas la réponse {compte.reponse!r}"
    _demander_puis_repondre(pages, compte, donnee)


@then("la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone")
def invite_a_contacter_l_assistance(pages):
    texte = pages.page.texte()
    absents = [canal for canal in ASSISTANCE if canal not in texte]
    assert "Assistance" in texte and not absents, f"canaux de l'Assistance absents (SUP-01) : {absents}"


@then("il ne reçoit pas de nouveau mot de passe")
@exige("courriel")
def pas_de_nouveau_mot_de_passe(boite, compte):
    assert boite.aucun(compte.courriel, SUJET_NOUVEAU_MOT_DE_PASSE)


@when(parsers.parse("il demande son identifiant et donne une réponse secrète {reponse}"))
def demande_identifiant_reponse(pages, compte, reponse):
    donnee = {"erronée": "Pas " + compte.reponse, "vide": ""}[reponse]
    oubli_identifiant(pages)
    pages.identifiant_oublie.demander(compte.courriel)
    assert pages.identifiant_oublie.question_posee(compte.question)
    pages.identifiant_oublie.repondre(donnee)


@then("sa demande est refusée")
def demande_refusee(pages):
    pages.page.attendre_erreur()


@then("il reçoit un mail contenant son identifiant")
@exige("courriel")
def recoit_son_identifiant(boite, compte):
    # the 1st mail with this subject came with the account creation (ACC-10)
    assert boite.identifiant(compte.courriel, rang=2) == compte.identifiant


@then("il ne reçoit pas son identifiant")
@exige("courriel")
def ne_recoit_pas_son_identifiant(boite, compte):
    assert boite.aucun(compte.courriel, SUJET_IDENTIFIANT, deja=1)
