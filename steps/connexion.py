"""PWD (first connection, password policy), OUT (logging out) and LCK
(lockout after three wrong passwords)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import donnees
from pages.connexions_simultanees import ConnexionsSimultanees
from steps import exige
from steps.parcours import changer_mot_de_passe, connexion_premiere, se_connecter

# --- first connection (PWD) ----------------------------------------------------------------------


@when("il colle dans « MON ESPACE PERSONNEL » l'identifiant et le mot de passe reçus, sans les crochets")
def colle_les_identifiants(pages, compte):
    pages.accueil.ouvrir()
    pages.accueil.coller_identifiants(compte.identifiant, compte.mot_de_passe)


@given("il s'est connecté pour la première fois")
def connecte_pour_la_premiere_fois(pages, compte):
    connexion_premiere(pages, compte)


@then("la page « Changement du mot de passe » à son identifiant s'affiche")
@then("la page « Changement du mot de passe » à son identifiant reste affichée")
def page_changement(pages, compte):
    pages.changement(compte.identifiant).attendre()


@then("la page « Positionnement de la question secrète » à son identifiant s'affiche")
def page_question_secrete(pages, compte):
    pages.question_secrete(compte.identifiant).attendre()


@when("il tente d'ouvrir son espace sans changer son mot de passe")
def tente_d_ouvrir_son_espace(pages):
    pages.espace.ouvrir()


@when(parsers.parse("il choisit le nouveau mot de passe « {mot_de_passe} »"))
def choisit_le_mot_de_passe(pages, compte, mot_de_passe):
    pages.changement(compte.identifiant).changer(compte.mot_de_passe, mot_de_passe)


@when("il choisit son identifiant comme nouveau mot de passe")
def choisit_son_identifiant(pages, compte):
    pages.changement(compte.identifiant).changer(compte.mot_de_passe, compte.identifiant)


@when(parsers.parse("il change son mot de passe avec {erreur}"))
def change_avec_une_erreur(pages, compte, erreur):
    nouveau = donnees.mot_de_passe_valide()
    page = pages.changement(compte.identifiant)
    if erreur == "un ancien mot de passe erroné":
        page.changer(donnees.mot_de_passe_errone(), nouveau)
    elif erreur == "une confirmation différente du nouveau":
        page.changer(compte.mot_de_passe, nouveau, confirmation=nouveau + "x")
    else:
        raise ValueError(f"erreur inconnue : {erreur!r}")


@then(parsers.parse("le nouveau mot de passe est refusé, le message d'erreur rappelant « {regle} »"))
def refuse_avec_la_regle(pages, regle):
    assert pages.page.erreur_contient(regle), (
        f"erreur attendue rappelant « {regle} » ; messages : « {pages.page.texte_des_messages()} »")


@then("le nouveau mot de passe est refusé")
def refuse(pages):
    pages.page.attendre_erreur()


@when("il choisit un nouveau mot de passe conforme")
@given("il a choisi un nouveau mot de passe conforme")
def choisit_un_mot_de_passe_conforme(pages, compte):
    changer_mot_de_passe(pages, compte)


@then("il est redirigé vers la page de connexion")
def redirige_vers_la_connexion(pages):
    pages.accueil.attendre()
    assert pages.accueil.bloc_connexion_utilisable()


@then("son ancien mot de passe est refusé")
def ancien_refuse(pages, compte):
    se_connecter(pages, compte.identifiant, compte.anciens_mots_de_passe[-1])
    pages.accueil.attendre_erreur()
    assert not pages.espace.utilisateur_affiche(compte.prenom_nom, timeout=0)


# --- logging out (OUT) ------------------------------------------------------------------------------


@then("son « prenom.nom » s'affiche")
def prenom_nom_affiche(pages, compte):
    assert pages.espace.utilisateur_affiche(compte.prenom_nom), f"« {compte.prenom_nom} » n'est pas affiché"


@then("son « prenom.nom » ne s'affiche plus")
def prenom_nom_absent(pages, compte):
    assert not pages.espace.utilisateur_affiche(compte.prenom_nom, timeout=0)


@when("il clique sur son « prenom.nom »")
def clique_sur_prenom_nom(pages, compte):
    pages.espace.ouvrir_menu(compte.prenom_nom)


@then("le lien « Déconnexion » s'affiche")
def lien_deconnexion(pages):
    assert pages.page.patienter(pages.espace.deconnexion_proposee, timeout=pages.ui.timeout), \
        "le lien « Déconnexion » ne s'affiche pas"


@when("il revient en arrière avec le bouton Retour du navigateur")
def revient_en_arriere(pages):
    pages.page.revenir_en_arriere()


@when("il rouvre l'adresse de son espace")
def rouvre_son_espace(pages):
    pages.espace.ouvrir()


@then("aucune information de son espace ne s'affiche")
def rien_de_prive(pages, compte):
    def prives():
        texte = pages.page.texte()
        vus = [v for v in (compte.prenom_nom, compte.identifiant, compte.inscription and compte.inscription.siret)
               if v and v in texte]
        if pages.espace.deconnexion_proposee():
            vus.append("Déconnexion")
        return vus

    pages.page.patienter(lambda: not prives(), timeout=pages.ui.timeout)
    assert not prives(), f"informations privées encore affichées sur {pages.ui.url} : {prives()}"


# --- lockout (LCK) ----------------------------------------------------------------------------------


def _mauvais_mots_de_passe(pages, compte, n: int) -> None:
    for _ in range(n):
        se_connecter(pages, compte.identifiant, donnees.mot_de_passe_errone())
        pages.accueil.attendre_erreur()


@when(parsers.parse("il saisit {n:d} fois un mot de passe erroné"))
def saisit_n_mauvais(pages, compte, n):
    _mauvais_mots_de_passe(pages, compte, n)


@given("son compte a été verrouillé")
def compte_verrouille(pages, compte):
    _mauvais_mots_de_passe(pages, compte, 3)


@when("il saisit ensuite son bon mot de passe")
def saisit_son_bon_mot_de_passe(pages, compte):
    se_connecter(pages, compte.identifiant, compte.mot_de_passe)


@then("la connexion est refusée car le compte est verrouillé")
def refusee_car_verrouille(pages, compte):
    assert pages.page.erreur_contient("verrouillé"), (
        f"pas de message de verrouillage ; messages : « {pages.page.texte_des_messages()} »")
    assert not pages.espace.utilisateur_affiche(compte.prenom_nom, timeout=0)


@then("la connexion est toujours refusée car le compte est verrouillé")
def toujours_refusee(pages, compte):
    se_connecter(pages, compte.identifiant, compte.mot_de_passe)
    refusee_car_verrouille(pages, compte)


@when(parsers.parse("{n:d} minutes passent"))
@when(parsers.parse("{n:d} minute de plus passe"))
@exige("horloge")
def le_temps_passe(control, n):
    control.advance(n * 60)


@when(parsers.parse("{n:d} mots de passe erronés sont envoyés au même instant depuis {sessions:d} sessions"))
def envoyes_au_meme_instant(base_url, profile, compte, n, sessions):
    assert n == sessions, "une tentative par session"
    statuts = ConnexionsSimultanees(base_url, profile.user_agent).envoyer(
        compte.identifiant, donnees.mot_de_passe_errone(), n)
    assert all(s < 500 for s in statuts), f"réponses du site : {statuts}"
