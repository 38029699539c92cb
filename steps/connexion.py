"""PWD (first connection, password policy), OUT (logging out) and LCK
(lockout after three wrong passwords)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from acteurs import questions as q
from acteurs import taches
from fixtures import donnees
from pages import textes
from steps import exige
from steps.commun import obtenir_un_etablissement

# --- first connection (PWD) ----------------------------------------------------------------------


@when("il colle dans « MON ESPACE PERSONNEL » l'identifiant et le mot de passe reçus, sans les crochets, et se connecte")
def colle_les_identifiants(acteur):
    taches.coller_ses_identifiants(acteur)


@given("il s'est connecté pour la première fois")
def connecte_pour_la_premiere_fois(acteur):
    taches.se_connecter_pour_la_premiere_fois(acteur)


@then("la page « Changement du mot de passe » à son identifiant s'affiche")
@then("la page « Changement du mot de passe » à son identifiant reste affichée")
def page_changement(acteur):
    assert q.page_changement_affichee(acteur)


@then("la page « Positionnement de la question secrète » à son identifiant s'affiche")
def page_question_secrete(acteur):
    assert q.page_question_secrete_affichee(acteur)


@when("il tente d'ouvrir son espace sans changer son mot de passe")
def tente_d_ouvrir_son_espace(acteur):
    taches.ouvrir_son_espace(acteur)


@when(parsers.parse("il choisit le nouveau mot de passe « {mot_de_passe} »"))
@exige("compte_consommable")
def choisit_le_mot_de_passe(acteur, mot_de_passe):
    acteur.memoire["mot de passe choisi"] = taches.changer_son_mot_de_passe(acteur, mot_de_passe)


@when("il choisit son identifiant comme nouveau mot de passe")
@exige("compte_consommable")
def choisit_son_identifiant(acteur):
    taches.changer_son_mot_de_passe(acteur, acteur.compte.identifiant)


#: The wrong entries of the change form (PWD-07), and a new password the
#: policy refuses (PWD-02): what each changes of a right entry.
ERREURS_DE_CHANGEMENT = {
    "un ancien mot de passe erroné": lambda nouveau: {"ancien": donnees.mot_de_passe_errone()},
    "une confirmation différente du nouveau": lambda nouveau: {"confirmation": nouveau + "x"},
    "un nouveau mot de passe de 7 caractères": lambda nouveau: {"nouveau": "Ab1.cde"},
}


@when(parsers.parse("il change son mot de passe avec {erreur}"))
@exige("compte_consommable")
def change_avec_une_erreur(acteur, erreur):
    if erreur not in ERREURS_DE_CHANGEMENT:
        raise KeyError(f"erreur inconnue : « {erreur} » (connues : {', '.join(ERREURS_DE_CHANGEMENT)})")
    saisie = {"nouveau": donnees.mot_de_passe_valide()}
    saisie.update(ERREURS_DE_CHANGEMENT[erreur](saisie["nouveau"]))
    acteur.memoire["mot de passe choisi"] = taches.changer_son_mot_de_passe(acteur, **saisie)


@then(parsers.parse("le nouveau mot de passe est refusé, le message d'erreur rappelant « {regle} »"))
def refuse_avec_la_regle(acteur, regle):
    assert q.erreur_contient(acteur, regle), (
        f"erreur attendue rappelant « {regle} » ; messages : « {q.messages(acteur)} »")


@then("le nouveau mot de passe est refusé")
def refuse(acteur):
    assert q.une_erreur_s_affiche(acteur)


@when("il choisit un nouveau mot de passe conforme")
@given("il a choisi un nouveau mot de passe conforme")
@exige("compte_consommable")
def choisit_un_mot_de_passe_conforme(acteur):
    taches.choisir_un_mot_de_passe_conforme(acteur)


@then("il est redirigé vers la page de connexion")
def redirige_vers_la_connexion(acteur):
    assert q.page_de_connexion_affichee(acteur)


@then("le mot de passe refusé n'ouvre pas sa session, celui d'avant l'ouvre toujours")
def rien_d_enregistre(acteur):
    """A refused change saves nothing: the refused password is still wrong,
    the account's password is still the one it had."""
    _n_ouvre_pas_sa_session(acteur, acteur.memoire["mot de passe choisi"], "le mot de passe refusé")
    if acteur.memoire.get("changement obligatoire"):  # still to be changed: its page again
        taches.se_connecter(acteur)
        assert q.page_changement_affichee(acteur), \
            f"le mot de passe d'avant n'ouvre plus sa session ; messages : « {q.messages(acteur)} »"
    else:
        taches.se_connecter_a_son_espace(acteur)


@then("son ancien mot de passe est refusé")
def ancien_refuse(acteur):
    _n_ouvre_pas_sa_session(acteur, acteur.compte.anciens_mots_de_passe[-1], "l'ancien mot de passe")


def _n_ouvre_pas_sa_session(acteur, mot_de_passe: str, lequel: str) -> None:
    """Logged in with ``mot_de_passe`` through the form: refused, its space not shown."""
    taches.se_connecter(acteur, mot_de_passe=mot_de_passe)
    assert q.une_erreur_s_affiche(acteur), f"{lequel} n'est pas refusé : il ouvre la session"
    assert not q.voit_son_prenom_nom(acteur, attendre=False), f"{lequel} a ouvert l'espace"


# --- logging out (OUT) ------------------------------------------------------------------------------


@then("son « prenom.nom » ne s'affiche plus")
def prenom_nom_absent(acteur):
    assert not q.voit_son_prenom_nom(acteur, attendre=False), f"« {acteur.compte.prenom_nom} » est encore affiché"


@when("il clique sur son « prenom.nom »")
def clique_sur_prenom_nom(acteur):
    taches.ouvrir_le_menu_utilisateur(acteur)


@then("le lien « Déconnexion » s'affiche")
def lien_deconnexion(acteur):
    assert q.deconnexion_proposee(acteur), "le lien « Déconnexion » ne s'affiche pas"


def _noter_la_session(acteur) -> None:
    """The session the browser holds, noted before « Déconnexion » to prove
    after that the site ended it (issue 11 item 9); replaying it now must
    open its space, or its refusal later would prove nothing."""
    cookies = q.cookies_du_navigateur(acteur)
    assert q.session_rejouee_ouvre_son_espace(acteur, cookies), \
        f"les cookies du navigateur, rejoués, n'ouvrent pas son espace : {[c['name'] for c in cookies]}"
    acteur.memoire["cookies"] = cookies


@when("il se déconnecte par son « prenom.nom » puis « Déconnexion »")
@given("il s'est déconnecté")
def se_deconnecte_par_son_menu(acteur):
    _noter_la_session(acteur)
    _deconnexion_par_le_menu(acteur)


@when("il se déconnecte depuis la page « Changement du mot de passe »")
@when("il se déconnecte depuis la page « Positionnement de la question secrète »")
def se_deconnecte_avant_le_changement(acteur):
    """Its space is not open yet (PWD-01, UD-02): no session to replay, only
    the menu of the page it is on."""
    _deconnexion_par_le_menu(acteur)


def _deconnexion_par_le_menu(acteur) -> None:
    taches.ouvrir_le_menu_utilisateur(acteur)
    assert q.deconnexion_proposee(acteur), "le lien « Déconnexion » ne s'affiche pas"
    taches.cliquer_deconnexion(acteur)


@when("il se déconnecte")
def se_deconnecte(acteur):
    taches.se_deconnecter(acteur)


@then("la session qu'avait son navigateur n'ouvre plus son espace, même présentée à nouveau")
def session_terminee_sur_le_serveur(acteur):
    assert not q.session_rejouee_ouvre_son_espace(acteur, acteur.memoire["cookies"]), (
        "après « Déconnexion », la session rejouée ouvre encore son espace : "
        "le site n'a fait qu'effacer le cookie du navigateur")


@when("il revient en arrière avec le bouton Retour du navigateur")
def revient_en_arriere(acteur):
    taches.revenir_en_arriere(acteur)


@when("il rouvre l'adresse de son espace")
def rouvre_son_espace(acteur):
    taches.ouvrir_son_espace(acteur)


@when("il rouvre l'adresse du changement de son mot de passe")
def rouvre_le_changement_du_mot_de_passe(acteur):
    taches.ouvrir_l_adresse_du_changement_du_mot_de_passe(acteur)


@when("il ouvre l'adresse du positionnement de la question secrète sans s'être connecté")
def ouvre_la_question_secrete_sans_connexion(acteur):
    taches.ouvrir_l_adresse_de_la_question_secrete(acteur)


@then("aucune information de son espace ne s'affiche")
def rien_de_prive(acteur):
    vus = q.informations_privees_affichees(acteur)
    assert not vus, f"informations privées encore affichées sur {q.url(acteur)} : {vus}"


# --- lockout (LCK) ----------------------------------------------------------------------------------


@when(parsers.parse("il saisit {n:d} fois un mot de passe erroné"))
@given(parsers.parse("il a saisi {n:d} fois un mot de passe erroné"))
@exige("compte_consommable")
def saisit_n_mauvais(acteur, n):
    """Each refusal's message is noted (the edges of LCK-01: what the 1st
    and 2nd attempts say, and the 3rd)."""
    refus = acteur.memoire["refus"] = []  # « ces connexions »: those of this sentence
    for _ in range(n):
        taches.saisir_des_mots_de_passe_errones(acteur, 1)
        refus.append(q.messages(acteur))
    acteur.memoire["message d'un mot de passe erroné"] = refus[-1]


@given("son compte a été verrouillé")
@exige("compte_consommable")
def compte_verrouille(acteur):
    taches.saisir_des_mots_de_passe_errones(acteur, 3)


@when("il saisit ensuite son bon mot de passe")
def saisit_son_bon_mot_de_passe(acteur):
    taches.se_connecter(acteur)


@then("la connexion est refusée car le compte est verrouillé")
def refusee_car_verrouille(acteur):
    assert q.connexion_refusee_pour_verrouillage(acteur), (
        f"pas de message de verrouillage, ou l'espace s'est ouvert ; messages : « {q.messages(acteur)} »")


@then("la connexion est toujours refusée car le compte est verrouillé")
def toujours_refusee(acteur):
    taches.se_connecter(acteur)
    refusee_car_verrouille(acteur)


@when(parsers.parse("{n:d} minutes passent"))
@given(parsers.parse("{n:d} minutes sont passées"))
@given(parsers.parse("{n:d} minutes ont passé"))
@exige("horloge")
def le_temps_passe(control, n):
    taches.faire_passer_le_temps(control, minutes=n)


@when(parsers.parse("{n:d} mots de passe erronés sont envoyés au même instant depuis {sessions:d} sessions"))
@exige("compte_consommable")
def envoyes_au_meme_instant(acteur, n, sessions):
    assert n == sessions, "une tentative par session"
    statuts = taches.envoyer_des_mots_de_passe_errones_au_meme_instant(acteur, n)
    assert all(s < 500 for s in statuts), f"réponses du site : {statuts}"


# --- bords-connexion: the edges of LCK-01..04 ------------------------------------------------------


@when("il saisit un mot de passe erroné")
@exige("compte_consommable")
def saisit_un_mauvais(acteur):
    saisit_n_mauvais(acteur, 1)


@then("chacune de ces connexions est refusée sans que le compte soit dit verrouillé")
def chaque_refus_sans_verrouillage(acteur):
    refus = acteur.memoire.get("refus", [])
    assert refus, "aucune connexion refusée notée"
    dits_verrouilles = [(rang, m) for rang, m in enumerate(refus, 1) if textes.VERROUILLE in m]
    assert not dits_verrouilles, f"tentative(s) erronée(s) refusée(s) pour verrouillage : {dits_verrouilles}"
    assert all(refus), f"une tentative refusée sans message : {refus}"


@then("la connexion est refusée sans que le compte soit dit verrouillé")
def refusee_sans_verrouillage(acteur):
    refusee, message = q.connexion_refusee_sans_verrouillage(acteur)
    assert refusee, f"connexion ouverte, ou refusée pour verrouillage ; messages : « {message} »"


@then("le message n'est pas celui d'un mot de passe erroné")
def message_distinct(acteur):
    erronee = acteur.memoire["message d'un mot de passe erroné"]
    assert q.messages(acteur) != erronee, f"même message que pour un mot de passe erroné : « {erronee} »"


@when("il se connecte avec un mot de passe vide")
def mot_de_passe_vide(acteur):
    taches.se_connecter_avec_un_mot_de_passe_vide(acteur)


@when("il ouvre « Déconnexion » sans être connecté")
def deconnexion_sans_etre_connecte(acteur):
    taches.ouvrir_la_deconnexion_sans_etre_connecte(acteur)


@when("il ouvre une autre page du site")
def ouvre_une_autre_page(acteur):
    taches.cliquer_creer_mon_espace(acteur)


@when("il reprend dans un nouveau navigateur")
def reprend_dans_un_nouveau_navigateur(distribution, acteur):
    taches.reprendre_dans_un_nouveau_navigateur(acteur, distribution[f"{acteur.nom}, nouveau navigateur"])


@when("1 minute de plus passe")
@exige("horloge")
def une_minute_de_plus(control):
    taches.faire_passer_le_temps(control, minutes=1)


# --- bords-connexion: the password policy in every flow that asks for a new password (PWD) -------


@given("un établissement inscrit qui change son mot de passe à la première connexion")
@exige("compte", "compte_consommable")
def change_a_la_premiere_connexion(distribution, acteur):
    obtenir_un_etablissement(distribution, acteur, "jamais_connecte")
    taches.se_connecter_pour_la_premiere_fois(acteur)
    acteur.memoire["changement obligatoire"] = True  # PWD-01


@given("un établissement inscrit qui change son mot de passe après « J'ai oublié mon mot de passe »")
@exige("compte", "courriel", "compte_consommable")
def change_apres_la_perte(distribution, acteur):
    """RST-05: the password received by mail must be changed at the next login."""
    obtenir_un_etablissement(distribution, acteur, "connecte")
    taches.recevoir_un_nouveau_mot_de_passe_et_se_connecter(acteur)
    acteur.memoire["changement obligatoire"] = True  # RST-05


@given("un établissement inscrit qui change son mot de passe de lui-même depuis son espace")
@exige("compte", "compte_consommable")
def change_de_lui_meme(distribution, acteur):
    obtenir_un_etablissement(distribution, acteur, "connecte")
    taches.ouvrir_le_changement_du_mot_de_passe(acteur)


@then("le nouveau mot de passe est accepté et lui ouvre son espace")
def mot_de_passe_accepte(acteur):
    """PWD-08: back to the login page, where the new password opens its space."""
    accepte, messages = q.nouveau_mot_de_passe_accepte(acteur)
    assert accepte, f"pas de retour à la page de connexion ({q.url(acteur)}) ; messages : « {messages} »"
    taches.adopter_le_mot_de_passe(acteur, acteur.memoire["mot de passe choisi"])
    taches.se_connecter_a_son_espace(acteur)


@when("il choisit son identifiant suivi d'une lettre comme nouveau mot de passe")
@exige("compte_consommable")
def choisit_son_identifiant_suivi_d_une_lettre(acteur):
    taches.changer_son_mot_de_passe(acteur, acteur.compte.identifiant + "x")
