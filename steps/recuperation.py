"""RST (lost password), IDR (lost identifier) and SUP (the Assistance's
channels, shown where the guide sends users to it)."""
from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from acteurs import questions as q
from acteurs import taches
from fixtures import donnees
from pages import textes
from steps import exige

#: UD-04: the answer given not exactly as registered.
VARIANTES = {
    "en minuscules": lambda r: r.lower(),
    "sans ses espaces": lambda r: r.replace(" ", ""),
    "suivie d'une espace": lambda r: r + " ",
}


def _noter_les_identifiants_deja_recus(acteur):
    """The identifier mails it had before asking (its account's creation may have sent one)."""
    acteur.memoire["identifiants reçus"] = len(q.courriels(acteur, textes.SUJET_IDENTIFIANT))


@when("il demande son identifiant par « J'ai oublié mon identifiant » avec son adresse mail "
      "et le résultat de l'opération indiquée")
@given("il a demandé son identifiant avec son adresse mail et le résultat de l'opération indiquée")
def demande_son_identifiant(distribution, acteur):
    if distribution.courriel_lisible:
        _noter_les_identifiants_deja_recus(acteur)
    taches.aller_a_identifiant_oublie(acteur)
    taches.demander_son_identifiant(acteur)


@when("il demande un nouveau mot de passe par « J'ai oublié mon mot de passe » avec son nom d'utilisateur "
      "et le résultat de l'opération indiquée")
@given("il a demandé un nouveau mot de passe avec son nom d'utilisateur et le résultat de l'opération indiquée")
def demande_un_nouveau_mot_de_passe(acteur):
    taches.aller_a_mot_de_passe_oublie(acteur)
    taches.demander_un_nouveau_mot_de_passe(acteur)




@given("il a reçu un nouveau mot de passe en donnant la bonne réponse à sa question secrète")
@exige("courriel", "compte_consommable")
def a_recu_un_nouveau_mot_de_passe(acteur):
    taches.recuperer_son_mot_de_passe_avec(acteur, acteur.compte.reponse)
    taches.lire_son_nouveau_mot_de_passe(acteur)


@then("sa question secrète lui est posée")
def question_posee(acteur):
    assert q.question_posee(acteur), f"la question « {acteur.compte.question} » n'est pas posée sur {q.url(acteur)}"


@then("sa demande est refusée et sa question secrète ne lui est pas posée")
def refusee_sans_question(acteur):
    assert q.une_erreur_s_affiche(acteur)
    assert not q.reponse_demandee(acteur), "la réponse secrète est demandée"


@when("il donne la bonne réponse à sa question secrète")
@given("il a donné la bonne réponse à sa question secrète")
@exige("compte_consommable")
def bonne_reponse(acteur):
    """RST: the right answer resets its password (the account changes for good)."""
    taches.repondre_a_sa_question(acteur)


@when("il donne la bonne réponse à sa question secrète pour recevoir son identifiant")
def bonne_reponse_pour_l_identifiant(acteur):
    """IDR: the right answer sends its identifier (the account does not change)."""
    taches.repondre_a_sa_question(acteur, recuperation="identifiant")


@then(parsers.parse("le message « {message} » s'affiche avec le bouton « {bouton} »"))
def message_et_bouton(acteur, message, bouton):
    assert q.message_affiche(acteur, message), f"message attendu : « {message} » ; messages : « {q.messages(acteur)} »"
    assert q.presente(acteur, "bouton", bouton), f"pas de bouton « {bouton} »"


@then("la fenêtre « Mon Compte » se ferme et il retrouve la page où il a demandé un nouveau mot de passe, "
      "son nom d'utilisateur toujours saisi")
def fenetre_mon_compte_fermee(acteur):
    """RST-02: « Fermer » closes the new window; the one it opened from is
    still there, as the person left it."""
    assert q.fenetre_mon_compte_fermee(acteur), f"la fenêtre « Mon Compte » est toujours ouverte ({q.url(acteur)})"
    taches.revenir_a_la_fenetre_d_avant(acteur)
    saisi = q.utilisateur_saisi(acteur)
    assert saisi == acteur.son_compte.identifiant, \
        f"la page de départ ({q.url(acteur)}) montre « {saisi} » au lieu du nom d'utilisateur saisi"


@then("il reçoit un mail contenant son nouveau mot de passe")
@exige("courriel")
def recoit_nouveau_mot_de_passe(acteur):
    taches.lire_son_nouveau_mot_de_passe(acteur)


@when("il se connecte avec ce nouveau mot de passe")
def se_connecte_avec_le_nouveau(acteur):
    taches.se_connecter(acteur)


@when("il demande un nouveau mot de passe et donne une mauvaise réponse à sa question secrète")
def mauvaise_reponse(acteur):
    taches.recuperer_son_mot_de_passe_avec(acteur, "Pas " + acteur.compte.reponse)


@when(parsers.parse("il demande un nouveau mot de passe et donne sa réponse secrète {variante}"))
def reponse_inexacte(acteur, variante):
    donnee = VARIANTES[variante](acteur.compte.reponse)
    if donnee == acteur.compte.reponse:  # e.g. an account of a pool whose answer has no space
        pytest.skip(f"la réponse secrète de ce compte ne se distingue pas « {variante} »")
    taches.recuperer_son_mot_de_passe_avec(acteur, donnee)


@then("la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone")
def invite_a_contacter_l_assistance(acteur):
    absents = q.canaux_de_l_assistance_absents(acteur)
    assert not absents, f"canaux de l'Assistance absents (SUP-01) : {absents}"


@then("il ne reçoit pas de nouveau mot de passe")
@exige("courriel")
def pas_de_nouveau_mot_de_passe(acteur):
    assert q.aucun_courriel(acteur, textes.SUJET_NOUVEAU_MOT_DE_PASSE), "un nouveau mot de passe est arrivé"


@when(parsers.parse("il demande son identifiant et donne une réponse secrète {reponse}"))
def demande_identifiant_reponse(distribution, acteur, reponse):
    if distribution.courriel_lisible:
        _noter_les_identifiants_deja_recus(acteur)
    donnee = {"erronée": "Pas " + acteur.compte.reponse, "vide": ""}[reponse]
    taches.recuperer_son_identifiant_avec(acteur, donnee)


@then("sa demande est refusée")
def demande_refusee(acteur):
    assert q.une_erreur_s_affiche(acteur)


@then("il reçoit un mail contenant son identifiant")
@exige("courriel")
def recoit_son_identifiant(acteur):
    deja = acteur.memoire.get("identifiants reçus", 0)
    recu = q.valeur_entre_crochets(acteur, textes.SUJET_IDENTIFIANT, textes.LIBELLE_IDENTIFIANT, rang=deja + 1)
    assert recu == acteur.compte.identifiant, f"identifiant reçu {recu}, attendu {acteur.compte.identifiant}"


@then("il ne reçoit pas son identifiant")
@exige("courriel")
def ne_recoit_pas_son_identifiant(acteur):
    deja = acteur.memoire.get("identifiants reçus", 0)
    assert q.aucun_courriel(acteur, textes.SUJET_IDENTIFIANT, deja=deja), "son identifiant lui a été envoyé"


# --- bords-connexion: the edges of RST-01 and IDR-01 -----------------------------------------------

#: RST-01 / IDR-01: what is typed as the operation's result, besides the right one.
RESULTATS_FAUX = {"un mauvais résultat": "faux", "aucun résultat": "vide"}


@when(parsers.parse("il demande un nouveau mot de passe avec son nom d'utilisateur et {resultat} de l'opération"))
def demande_avec_un_resultat_faux(acteur, resultat):
    taches.aller_a_mot_de_passe_oublie(acteur)
    taches.demander_avec(acteur, "mot de passe", acteur.compte.identifiant, RESULTATS_FAUX[resultat])


@when(parsers.parse("il demande son identifiant avec son adresse mail et {resultat} de l'opération"))
def demande_d_identifiant_avec_un_resultat_faux(acteur, resultat):
    taches.aller_a_identifiant_oublie(acteur)
    taches.demander_avec(acteur, "identifiant", acteur.compte.courriel, RESULTATS_FAUX[resultat])


@when("il demande un nouveau mot de passe avec son nom d'utilisateur suivi d'autres lettres "
      "et le résultat de l'opération indiquée")
def demande_avec_un_autre_nom(acteur):
    """A user name that is not its own, though close, and no one's (random
    letters: its name shortened could be another account's, « adelmas » of
    « adelmas2 »); a site that finds an account whose name begins the
    typed one would find its account."""
    taches.aller_a_mot_de_passe_oublie(acteur)
    taches.demander_avec(acteur, "mot de passe", f"{acteur.compte.identifiant}zz{donnees.suffixe()}", "juste")


@when("il demande son identifiant avec son adresse mail à un autre domaine et le résultat de l'opération indiquée")
def demande_avec_une_autre_adresse(distribution, acteur):
    """An address that is not its own, though close (a site that looks it up
    by the name before « @ » would find its account)."""
    if distribution.courriel_lisible:
        _noter_les_identifiants_deja_recus(acteur)
    local = acteur.compte.courriel.split("@")[0]
    taches.aller_a_identifiant_oublie(acteur)
    taches.demander_avec(acteur, "identifiant", f"{local}@autre-domaine-{donnees.suffixe()}.fr", "juste")


@then("la page ne montre rien de son compte")
def rien_de_son_compte(acteur):
    vus = q.informations_du_compte_affichees(acteur)
    assert not vus, f"la page montre de son compte : {vus} ({q.url(acteur)})"
