"""ACC-08, ACC-09: the « Fiche établissement »: the referent person requests
further users, and may hand the role of person to contact to one of them;
nobody's name, first name or e-mail can be edited there."""
from __future__ import annotations

from dataclasses import dataclass

from pytest_bdd import given, then, when

from fixtures import donnees
from fixtures.donnees import Personne
from pages.courriels import SUJETS_CREATION
from pages.demandes import SUJET_PERSONNE_A_CONTACTER
from pages.etablissement import PageAjoutUtilisateur, PageFicheEtablissement
from steps import exige
from steps.parcours import (Compte, changer_mot_de_passe, connexion_premiere, positionner_question,
                            recevoir_identifiants, se_connecter_a_son_espace)


@dataclass
class NouvelUtilisateur:
    """A further user as the referent person typed it, and its account."""
    personne: Personne
    compte: Compte

    @property
    def option(self) -> str:
        """How the « Nouvelle personne référente : » list names it."""
        return f"{self.personne.prenom} {self.personne.nom} ({self.compte.identifiant})"


def demander_l_ajout(pages, sans: tuple[str, ...] = ()) -> NouvelUtilisateur:
    """From the Fiche établissement: « Ajouter un utilisateur », the form, « ENVOYER »."""
    personne = donnees.personne()
    page = PageFicheEtablissement(pages.ui).ajouter_un_utilisateur()
    valeurs = {"Nom": personne.nom, "Prénom": personne.prenom, "Téléphone": personne.telephone,
               "Courriel": personne.courriel, "Confirmer courriel": personne.courriel}
    page.renseigner({k: v for k, v in valeurs.items() if k not in sans})
    page.envoyer()
    return NouvelUtilisateur(personne, Compte(courriel=personne.courriel, prenom_nom=personne.prenom_nom))


@when("elle demande l'ajout d'un utilisateur", target_fixture="nouvel_utilisateur")
def demande_l_ajout(pages):
    nouvel = demander_l_ajout(pages)
    pages.ui.wait_for_text("La demande d'ajout de l'utilisateur est enregistrée")
    return nouvel


@when("elle demande l'ajout d'un utilisateur sans indiquer son adresse mail", target_fixture="nouvel_utilisateur")
def demande_l_ajout_sans_courriel(pages):
    return demander_l_ajout(pages, sans=("Courriel", "Confirmer courriel"))


@then("le nouvel utilisateur reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion "
      "et la confirmation de son habilitation")
@exige("courriel")
def nouvel_utilisateur_recoit_ses_mails(boite, nouvel_utilisateur):
    for sujet in SUJETS_CREATION:
        boite.attendre(nouvel_utilisateur.compte.courriel, sujet)
    recevoir_identifiants(boite, nouvel_utilisateur.compte)


@then("le nouvel utilisateur, une fois connecté, trouve l'établissement dans sa Fiche établissement, "
      "sans pouvoir y ajouter d'utilisateur")
def nouvel_utilisateur_connecte(pages, nouvel_utilisateur, inscription):
    compte = nouvel_utilisateur.compte
    connexion_premiere(pages, compte)
    changer_mot_de_passe(pages, compte)
    positionner_question(pages, compte)  # its own secret question, at its first connection
    pages.accueil.attendre()
    se_connecter_a_son_espace(pages, compte)
    fiche = PageFicheEtablissement(pages.ui)
    fiche.ouvrir_depuis_l_espace()
    assert inscription.etablissement.denomination in fiche.texte(), "l'établissement n'est pas dans sa fiche"
    assert not fiche.ajout_propose(), "« Ajouter un utilisateur » est proposé à un autre que la personne référente"


@given("elle a fait ajouter un deuxième utilisateur à l'établissement", target_fixture="nouvel_utilisateur")
@exige("courriel")
def a_fait_ajouter(pages, boite):
    PageFicheEtablissement(pages.ui).ouvrir_depuis_l_espace()
    nouvel = demande_l_ajout(pages)
    recevoir_identifiants(boite, nouvel.compte)
    return nouvel


@when("elle désigne ce deuxième utilisateur comme nouvelle personne référente")
def designe_nouvelle_referente(pages, nouvel_utilisateur):
    fiche = PageFicheEtablissement(pages.ui)
    fiche.ouvrir_depuis_l_espace()
    fiche.changer_de_personne_referente(nouvel_utilisateur.option)


@then("la partie « Compte principal utilisateur (Personne à contacter) » présente le deuxième utilisateur")
def presente_le_deuxieme(pages, nouvel_utilisateur, inscription):
    partie = PageFicheEtablissement(pages.ui).personne_a_contacter()
    p = nouvel_utilisateur.personne
    absents = [v for v in (p.nom, p.prenom, p.courriel) if v not in partie]
    assert not absents, f"absents de la partie « Compte principal utilisateur » : {absents} ({partie})"
    assert inscription.contact.courriel not in partie, "l'ancienne personne référente y figure encore"


@then("le nom, le prénom et l'adresse mail de la personne à contacter ne sont pas modifiables")
def pas_modifiables(pages):
    modifiables = PageFicheEtablissement(pages.ui).champs_modifiables_de_la_personne_a_contacter()
    assert not modifiables, f"champs modifiables : {modifiables}"


@then("le deuxième utilisateur est avisé par mail qu'il est désormais la personne à contacter")
@exige("courriel")
def deuxieme_avise(boite, nouvel_utilisateur, inscription):
    message = boite.attendre(nouvel_utilisateur.compte.courriel, SUJET_PERSONNE_A_CONTACTER)
    assert inscription.siret in message.text, message.text


@then("l'ancienne personne référente ne peut plus ajouter d'utilisateur ni changer de personne référente")
def ancienne_sans_pouvoirs(pages):
    fiche = PageFicheEtablissement(pages.ui)
    assert not fiche.ajout_propose(), "« Ajouter un utilisateur » est encore proposé"
    assert not fiche.changement_propose(), "« Changer de personne référente » est encore proposé"


@then("aucun utilisateur n'est ajouté à l'établissement")
def aucun_utilisateur(pages, nouvel_utilisateur):
    assert PageAjoutUtilisateur(pages.ui).est_affichee(), "le formulaire d'ajout n'est plus affiché"
    fiche = PageFicheEtablissement(pages.ui)
    fiche.ouvrir_depuis_l_espace()
    assert nouvel_utilisateur.personne.nom not in fiche.utilisateurs(), "l'utilisateur a été ajouté"
