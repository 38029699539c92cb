"""Journeys several steps share: registering an establishment, reading its
credentials from the mail, the first connection. Each is a short sequence of
page-object calls (no locator here either); the steps call them by intent.
Not a step module: nothing here is registered with pytest-bdd."""
from __future__ import annotations

from dataclasses import dataclass, field

from fixtures import donnees
from fixtures.donnees import Inscription
from pages import (PageAccueil, PageChangementMotDePasse, PageCreationCompte, PageEspace,
                   PageIdentifiantOublie, PageMotDePasseOublie, PageQuestionSecrete, PageSiret)
from pages.base import Page
from pages.courriels import BoiteAuxLettres


@dataclass
class Compte:
    """The account a scenario works with, and what its user knows."""

    identifiant: str | None = None
    mot_de_passe: str | None = None          # the password that works now
    anciens_mots_de_passe: list[str] = field(default_factory=list)
    courriel: str = ""                       # the user's mailbox (person to contact)
    prenom_nom: str = ""                     # « prenom.nom » shown top right
    question: str | None = None
    reponse: str | None = None
    profil: str = "Etablissement"
    inscription: Inscription | None = None

    def nouveau_mot_de_passe(self, mot_de_passe: str) -> None:
        if self.mot_de_passe:
            self.anciens_mots_de_passe.append(self.mot_de_passe)
        self.mot_de_passe = mot_de_passe


class Pages:
    """The page objects of one scenario, over its ``ui``."""

    def __init__(self, ui, lire_code_securite=None):
        self.ui = ui
        self.page = Page(ui)
        self.accueil = PageAccueil(ui)
        self.siret = PageSiret(ui, lire_code_securite)
        self.creation = PageCreationCompte(ui)
        self.espace = PageEspace(ui)
        self.mot_de_passe_oublie = PageMotDePasseOublie(ui)
        self.identifiant_oublie = PageIdentifiantOublie(ui)

    def changement(self, identifiant: str | None) -> PageChangementMotDePasse:
        return PageChangementMotDePasse(self.ui, identifiant)

    def question_secrete(self, identifiant: str | None) -> PageQuestionSecrete:
        return PageQuestionSecrete(self.ui, identifiant)


# --- the account creation (ENR, ACC) ---------------------------------------------------

def valeurs_formulaire(inscription: Inscription, facultatifs: bool = True) -> dict[str, str]:
    """What the employer types in the creation form, by the guide's field names."""
    e, a, p = inscription.etablissement, inscription.etablissement.adresse, inscription.contact
    valeurs = {
        "Dénomination de l'établissement": e.denomination,
        "Libellé de la voie": a.libelle_voie,
        "Code postal": a.code_postal,
        "Ville": a.ville,
        "Courriel établissement": e.courriel,
        "Confirmer courriel établissement": e.courriel,
        "Téléphone fixe": e.telephone,
        "Nom": p.nom,
        "Prénom": p.prenom,
        "Téléphone": p.telephone,
        "Courriel": p.courriel,
        "Confirmer courriel": p.courriel,
        "Question secrète": inscription.question_secrete,
        "Réponse": inscription.reponse_secrete,
    }
    if facultatifs:
        valeurs.update({
            "Numéro de voie": a.numero,
            "Type de voie": a.type_voie,
            "Complément d'adresse": a.complement,
            "Extension de voie": a.extension,
            "Fax": e.fax,
        })
    return valeurs


def ouvrir_etape_1(pages: Pages) -> None:
    """Home page, « CRÉER MON ESPACE »: the SIRET page."""
    pages.accueil.ouvrir()
    pages.accueil.creer_mon_espace()
    pages.siret.attendre()


def valider_siret(pages: Pages, siret: str) -> None:
    """Step 1 done right: SIRET, the code read off the picture, CGU, VALIDER."""
    pages.siret.renseigner(siret)
    pages.siret.valider()
    pages.creation.attendre()


def attendre_demande_enregistree(pages: Pages) -> None:
    """The request is recorded: an information (role status) replaces the form."""
    pages.page.ui.attribute("role", role="status")
    assert not pages.creation.ui.is_visible(role="button", name="ENVOYER"), \
        "le formulaire de création de compte est toujours affiché"


def demander_creation(pages: Pages, inscription: Inscription, facultatifs: bool = False) -> None:
    """Both steps of the account creation. The SIRET page is opened by its
    address: scenarios that prove the way to it (HOME-02, ENR-01) click
    « CRÉER MON ESPACE » themselves."""
    pages.siret.ouvrir()
    pages.siret.attendre()
    valider_siret(pages, inscription.siret)
    pages.creation.renseigner(valeurs_formulaire(inscription, facultatifs))
    pages.creation.envoyer()
    attendre_demande_enregistree(pages)


def compte_de(inscription: Inscription) -> Compte:
    p = inscription.contact
    return Compte(courriel=p.courriel, prenom_nom=p.prenom_nom, question=inscription.question_secrete,
                  reponse=inscription.reponse_secrete, inscription=inscription)


def recevoir_identifiants(boite: BoiteAuxLettres, compte: Compte, rang: int = 1) -> Compte:
    """ACC-10: the identifier and the password, read in their mails."""
    compte.identifiant = boite.identifiant(compte.courriel, rang)
    compte.mot_de_passe = boite.mot_de_passe(compte.courriel, rang)
    return compte


def inscrire(pages: Pages, boite: BoiteAuxLettres, inscription: Inscription) -> Compte:
    """An establishment registered, its credentials received (never connected)."""
    demander_creation(pages, inscription)
    return recevoir_identifiants(boite, compte_de(inscription))


# --- connections --------------------------------------------------------------------------

def se_connecter(pages: Pages, identifiant: str, mot_de_passe: str) -> None:
    pages.accueil.ouvrir()
    pages.accueil.se_connecter(identifiant, mot_de_passe)


def connexion_premiere(pages: Pages, compte: Compte) -> PageChangementMotDePasse:
    """First login with the mailed credentials: the password change page."""
    se_connecter(pages, compte.identifiant, compte.mot_de_passe)
    page = pages.changement(compte.identifiant)
    page.attendre()
    return page


def changer_mot_de_passe(pages: Pages, compte: Compte, nouveau: str | None = None) -> None:
    """A compliant new password on the change page (PWD-02..06)."""
    nouveau = nouveau or donnees.mot_de_passe_valide()
    pages.changement(compte.identifiant).changer(compte.mot_de_passe, nouveau)
    compte.nouveau_mot_de_passe(nouveau)


def premiere_connexion(pages: Pages, compte: Compte) -> None:
    """Login, password change, back to the login page (PWD-01, PWD-08)."""
    connexion_premiere(pages, compte)
    changer_mot_de_passe(pages, compte)
    if compte.profil == "Etablissement":
        pages.accueil.attendre()


def se_connecter_a_son_espace(pages: Pages, compte: Compte) -> None:
    se_connecter(pages, compte.identifiant, compte.mot_de_passe)
    assert pages.espace.utilisateur_affiche(compte.prenom_nom), \
        f"« {compte.prenom_nom} » n'est pas affiché après la connexion ({pages.ui.url})"


def positionner_question(pages: Pages, compte: Compte, question: str | None = None,
                         reponse: str | None = None) -> None:
    """UD-02: the agent's secret question and answer."""
    page = pages.question_secrete(compte.identifiant)
    page.attendre()
    compte.question = question or donnees.QUESTIONS_SECRETES[0]
    compte.reponse = reponse or donnees.reponse_secrete()
    page.positionner(compte.question, compte.reponse)
