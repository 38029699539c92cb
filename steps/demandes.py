"""PROC-01..05, NAV-04, ACC-09, ENR-07: the demande d'autorisation préalable,
the UD's decision within 15 days, the demande d'indemnisation, the signature
that Chrome cannot do, the Tiers déclarant.

A scenario here has two actors in one browser — the establishment (``compte``)
and a UD agent (``agent``) — who take turns: each step that acts as one of
them first makes sure that person is the one logged in (``en_tant_que``)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, then, when

from fixtures import donnees
from pages.demandes import (SUJET_ACCUSE_AUTORISATION, SUJET_ACCUSE_INDEMNISATION, SUJET_DECISION,
                            SUJET_INSTRUCTION_INDEMNISATION, SUJET_INVALIDATION, SUJET_MISE_EN_PAIEMENT,
                            SUJET_REPUTEE_AUTORISEE, Demande, PageDemande, PageDemandes,
                            PageDemandesAInstruire, PageIndemnisation, PageInstructionDemande,
                            PageInstructionIndemnisation, PageSaisieDemande, PageSaisieIndemnisation,
                            PageSignature, date_fr, demande_type, lire_instant)
from steps import exige
from steps.parcours import (Compte, compte_de, demander_creation, positionner_question, premiere_connexion,
                            recevoir_identifiants, se_connecter_a_son_espace)

#: The départements the scenarios name: (département, postal code, commune).
DEPARTEMENTS = {
    "la Corrèze": ("19", "19000", "Tulle"),
    "la Haute-Vienne": ("87", "87000", "Limoges"),
}


def _departement(nom: str) -> tuple[str, str, str]:
    try:
        return DEPARTEMENTS[nom]
    except KeyError:
        raise KeyError(f"département inconnu des scénarios : « {nom} » (connus : {', '.join(DEPARTEMENTS)})") from None


# --- who is logged in --------------------------------------------------------------------------


@dataclass
class Session:
    """The person logged in the scenario's browser, as far as these steps know."""
    compte: Compte | None = None


@pytest.fixture
def session_navigateur() -> Session:
    return Session()


def en_tant_que(pages, session: Session, compte: Compte) -> None:
    """Act as ``compte``: log in unless it is already the one logged in."""
    if session.compte is compte and pages.espace.utilisateur_affiche(compte.prenom_nom, timeout=0):
        return
    se_connecter_a_son_espace(pages, compte)
    session.compte = compte


# --- journeys -------------------------------------------------------------------------------------


def saisir_demande(pages, demande: Demande, motif: str | None = "", debut: str | None = None,
                   fin: str | None = None, salaries: str | None = None) -> None:
    """From the establishment's space to a filled request form (not saved)."""
    liste = PageDemandes(pages.ui)
    liste.ouvrir_depuis_l_espace()
    liste.nouvelle_demande()
    PageSaisieDemande(pages.ui).renseigner(
        demande.motif if motif == "" else motif,
        date_fr(demande.debut) if debut is None else debut, date_fr(demande.fin) if fin is None else fin,
        str(demande.salaries) if salaries is None else salaries, str(demande.heures))


def enregistrer_demande(pages, demande: Demande) -> None:
    PageSaisieDemande(pages.ui).enregistrer()
    page = PageDemande(pages.ui)
    page.attendre_enregistrement()
    demande.numero = page.numero()


def signer_et_envoyer(pages, demande: Demande) -> None:
    """PROC-05: « Signer la demande », certify, « Signer et envoyer »."""
    page = PageDemande(pages.ui)
    page.signer().certifier_et_signer()
    page.attendre_envoi()
    demande.depose_le, demande.date_limite = page.depose_le(), page.date_limite()


def deposer(pages, session: Session, compte: Compte, demande: Demande | None = None) -> Demande:
    en_tant_que(pages, session, compte)
    demande = demande or demande_type()
    saisir_demande(pages, demande)
    enregistrer_demande(pages, demande)
    signer_et_envoyer(pages, demande)
    return demande


def ouvrir_la_demande(pages, session: Session, compte: Compte, demande: Demande) -> PageDemande:
    """The establishment opens its request from its list."""
    en_tant_que(pages, session, compte)
    liste = PageDemandes(pages.ui)
    liste.ouvrir_depuis_l_espace()
    liste.ouvrir_demande(demande.numero)
    return PageDemande(pages.ui)


def instruire_la_demande(pages, session: Session, agent: Compte, demande: Demande) -> PageInstructionDemande:
    """The UD agent opens a request from its « Demandes à instruire »."""
    en_tant_que(pages, session, agent)
    liste = PageDemandesAInstruire(pages.ui)
    liste.ouvrir_depuis_l_espace()
    liste.ouvrir_demande(demande.numero)
    return PageInstructionDemande(pages.ui)


def agent_ud(pages, control, boite, departement: str) -> Compte:
    """UD-01 then UD-02: created by the Assistance for the UD of a
    département, first connection done and secret question set."""
    personne = donnees.personne()
    control.create_agent(profil="UD", identifiant=donnees.identifiant_agent("UD"), nom=personne.nom,
                         prenom=personne.prenom, courriel=personne.courriel, departement=departement)
    agent = Compte(courriel=personne.courriel, prenom_nom=personne.prenom_nom, profil="UD")
    recevoir_identifiants(boite, agent)
    premiere_connexion(pages, agent)
    positionner_question(pages, agent)
    pages.accueil.attendre()  # back on the login page: the redirect is over before anyone navigates
    return agent


def courriel_de_la_demande(boite, adresse: str, sujet: str, demande: Demande, rang: int = 1):
    message = boite.attendre(adresse, sujet, rang)
    assert f"n° {demande.numero}" in message.text, f"« {sujet} » ne cite pas la demande n° {demande.numero} :\n{message.text}"
    return message


# --- the establishment ----------------------------------------------------------------------------


@given(parsers.parse("un établissement de {departement}, inscrit et connecté à son espace"),
       target_fixture="compte")
@exige("captcha", "courriel")
def etablissement_du_departement(pages, boite, inscription, session_navigateur, departement):
    _dep, code_postal, ville = _departement(departement)
    adresse = inscription.etablissement.adresse
    adresse.code_postal, adresse.ville = code_postal, ville
    demander_creation(pages, inscription)
    compte = recevoir_identifiants(boite, compte_de(inscription))
    premiere_connexion(pages, compte)
    en_tant_que(pages, session_navigateur, compte)
    return compte


@when(parsers.parse("il saisit une demande d'autorisation préalable pour « {motif} »"), target_fixture="demande")
def saisit_une_demande(pages, session_navigateur, compte, motif):
    en_tant_que(pages, session_navigateur, compte)
    demande = demande_type(motif)
    saisir_demande(pages, demande)
    return demande


#: The wrong entries of the bad-input outline, as (what is typed instead).
SAISIES_ERRONEES = {
    "une date de fin antérieure à la date de début": lambda d: {"fin": date_fr(d.debut - timedelta(days=1))},
    "une date de début écrite à l'anglaise, AAAA-MM-JJ": lambda d: {"debut": d.debut.isoformat()},
    "une période de plus de 12 mois": lambda d: {"fin": date_fr(d.debut + timedelta(days=400))},
    "0 salarié concerné": lambda d: {"salaries": "0"},
    "aucun motif de recours": lambda d: {"motif": None},
}


@when(parsers.parse("il saisit une demande d'autorisation préalable avec {erreur}"), target_fixture="demande")
def saisit_une_demande_erronee(pages, session_navigateur, compte, erreur):
    if erreur not in SAISIES_ERRONEES:
        raise KeyError(f"saisie erronée inconnue : « {erreur} » (connues : {', '.join(SAISIES_ERRONEES)})")
    en_tant_que(pages, session_navigateur, compte)
    demande = demande_type()
    saisir_demande(pages, demande, **SAISIES_ERRONEES[erreur](demande))
    return demande


@when("il l'enregistre")
def l_enregistre(pages):
    """« Enregistrer », on the request form or the compensation form."""
    pages.page.cliquer("Enregistrer")


@then(parsers.parse("la demande est « {statut} »"))
def la_demande_est(pages, demande, statut):
    page = PageDemande(pages.ui)
    page.attendre()
    demande.numero = demande.numero or page.numero()
    assert page.a_pour_statut(statut), f"statut attendu « {statut} », affiché : « {page.statut_affiche()} »"


@then(parsers.parse("la demande est toujours « {statut} »"))
def la_demande_est_toujours(pages, session_navigateur, compte, demande, statut):
    page = ouvrir_la_demande(pages, session_navigateur, compte, demande)
    assert page.a_pour_statut(statut), f"statut attendu « {statut} », affiché : « {page.statut_affiche()} »"


@when("il signe et envoie sa demande")
def signe_et_envoie(pages, demande):
    signer_et_envoyer(pages, demande)


@given("il a signé et envoyé une demande d'autorisation préalable", target_fixture="demande")
def a_signe_et_envoye(pages, session_navigateur, compte):
    return deposer(pages, session_navigateur, compte)


@then(parsers.parse("la demande est « {statut} » auprès de l'UD {departement}"))
def envoyee_a_l_ud(pages, demande, statut, departement):
    page = PageDemande(pages.ui)
    assert page.a_pour_statut(statut), f"statut attendu « {statut} », affiché : « {page.statut_affiche()} »"
    assert page.unite_departementale() == departement, \
        f"UD attendue {departement}, affichée : {page.unite_departementale()}"


@then("la date limite de décision, 15 jours après le dépôt, lui est indiquée")
def date_limite_indiquee(demande):
    assert demande.depose_le and demande.date_limite, "date de dépôt ou date limite non affichée"
    ecart = lire_instant(demande.date_limite) - lire_instant(demande.depose_le)
    assert ecart == timedelta(days=15), f"déposée le {demande.depose_le}, date limite {demande.date_limite}"


@then("la personne à contacter reçoit l'accusé de réception de sa demande")
@exige("courriel")
def accuse_de_reception(boite, compte, demande):
    courriel_de_la_demande(boite, compte.courriel, SUJET_ACCUSE_AUTORISATION, demande)


# --- NAV-04: Google Chrome -----------------------------------------------------------------------


@when("il veut signer sa demande")
def veut_signer(pages):
    PageDemande(pages.ui).signer()


@then("la signature ne lui est pas proposée")
def signature_non_proposee(pages):
    page = PageSignature(pages.ui)
    assert not page.signature_proposee(), "le bouton « Signer et envoyer » est proposé"
    assert not pages.ui.is_visible(label=PageSignature.CERTIFICATION), "la case de certification est proposée"


@then("la personne à contacter ne reçoit aucun accusé de réception")
@exige("courriel")
def aucun_accuse(boite, compte):
    assert boite.aucun(compte.courriel, SUJET_ACCUSE_AUTORISATION), \
        f"un accusé de réception est arrivé : {boite.sujets(compte.courriel)}"


@then("aucune demande n'est enregistrée")
def aucune_demande(pages):
    liste = PageDemandes(pages.ui)
    liste.ouvrir_depuis_l_espace()
    assert liste.aucune_demande(), "une demande a été enregistrée malgré l'erreur"


# --- the UD (PROC-02) -----------------------------------------------------------------------------


@given(parsers.parse("un agent de l'UD de {departement}"), target_fixture="agent")
@exige("controle", "courriel")
def un_agent_de_l_ud(pages, control, boite, departement):
    return agent_ud(pages, control, boite, _departement(departement)[0])


@when("l'agent de l'UD ouvre les demandes à instruire")
def ouvre_les_demandes_a_instruire(pages, session_navigateur, agent):
    en_tant_que(pages, session_navigateur, agent)
    PageDemandesAInstruire(pages.ui).ouvrir_depuis_l_espace()


@then("la demande y figure avec sa date limite de décision")
def y_figure(pages, demande):
    liste = PageDemandesAInstruire(pages.ui)
    assert liste.demande_listee(demande.numero), f"la demande n° {demande.numero} n'est pas listée"
    assert demande.date_limite in liste.ligne_de_la_demande(demande.numero), (
        f"date limite {demande.date_limite} absente de : {liste.ligne_de_la_demande(demande.numero)}")


@then("la demande n'y figure pas")
def n_y_figure_pas(pages, demande):
    assert not PageDemandesAInstruire(pages.ui).demande_listee(demande.numero), \
        f"la demande n° {demande.numero} est listée"


@when("il autorise la demande")
def autorise(pages, demande):
    liste = PageDemandesAInstruire(pages.ui)
    liste.ouvrir_demande(demande.numero)
    page = PageInstructionDemande(pages.ui)
    assert page.date_limite() == demande.date_limite, \
        f"date limite vue par l'UD : {page.date_limite()}, par l'établissement : {demande.date_limite}"
    page.autoriser()
    page.attendre_decision()


@when("l'agent de l'UD refuse la demande sans motif")
def refuse_sans_motif(pages, session_navigateur, agent, demande):
    instruire_la_demande(pages, session_navigateur, agent, demande).refuser("")


@when(parsers.parse("il refuse la demande pour le motif « {motif} »"))
def refuse_avec_motif(pages, motif):
    page = PageInstructionDemande(pages.ui)
    page.refuser(motif)
    page.attendre_decision()


@then("la personne à contacter reçoit la décision de l'UD : la demande est autorisée")
@exige("courriel")
def decision_autorisee(boite, compte, demande):
    message = courriel_de_la_demande(boite, compte.courriel, SUJET_DECISION, demande)
    assert "a autorisé" in message.text, message.text


@then(parsers.parse("la personne à contacter reçoit la décision de l'UD : la demande est refusée "
                    "pour le motif « {motif} »"))
@exige("courriel")
def decision_refusee(boite, compte, demande, motif):
    message = courriel_de_la_demande(boite, compte.courriel, SUJET_DECISION, demande)
    assert "a refusé" in message.text and f"Motif du refus : {motif}" in message.text, message.text


@when("l'établissement consulte sa demande")
def consulte_sa_demande(pages, session_navigateur, compte, demande):
    ouvrir_la_demande(pages, session_navigateur, compte, demande)


@when("il tente d'ouvrir la demande par son adresse")
def ouvre_par_son_adresse(pages, demande):
    PageInstructionDemande(pages.ui).ouvrir_par_son_adresse(demande.numero)


# --- 15 days (PROC-02, R5122-4) -------------------------------------------------------------------


@when(parsers.parse("{jours:d} jours et {heures:d} heures passent sans décision de l'UD"))
@exige("horloge")
def jours_passent(control, jours, heures):
    control.advance(jours * 86400 + heures * 3600)


@when(parsers.parse("{n:d} heure de plus passe"))
@exige("horloge")
def une_heure_passe(control, n):
    control.advance(n * 3600)


@then("la demande est « Réputée autorisée », le délai de 15 jours étant expiré")
def reputee_autorisee(pages, session_navigateur, compte, demande):
    page = ouvrir_la_demande(pages, session_navigateur, compte, demande)
    assert page.a_pour_statut("Réputée autorisée"), f"statut affiché : « {page.statut_affiche()} »"
    assert "réputée autorisée (article R5122-4 du Code du travail)" in page.texte()


@then("la personne à contacter est avisée que sa demande est réputée autorisée")
@exige("courriel")
def avisee_reputee_autorisee(boite, compte, demande):
    courriel_de_la_demande(boite, compte.courriel, SUJET_REPUTEE_AUTORISEE, demande)


@then("l'agent de l'UD la voit « Réputée autorisée », sans pouvoir plus décider")
def ud_voit_reputee(pages, session_navigateur, agent, demande):
    page = instruire_la_demande(pages, session_navigateur, agent, demande)
    assert page.a_pour_statut("Réputée autorisée"), f"statut vu par l'UD : « {page.statut_affiche()} »"
    assert not page.decision_proposee(), "l'UD peut encore autoriser ou refuser"


# --- the demande d'indemnisation (PROC-03) ------------------------------------------------------


@dataclass
class Indemnisation:
    debut: object
    fin: object
    salaries: int
    heures: int
    numero: int | None = None


@when("il consulte sa demande en attente de décision")
def consulte_en_attente(pages, session_navigateur, compte, demande):
    ouvrir_la_demande(pages, session_navigateur, compte, demande)


@then("la demande d'indemnisation ne lui est pas proposée")
def indemnisation_non_proposee(pages):
    assert not PageDemande(pages.ui).indemnisation_proposee(), "« Nouvelle demande d'indemnisation » est proposée"


@then(parsers.parse("la page indique « {texte} »"))
def la_page_indique(pages, texte):
    assert texte in pages.page.texte(), f"« {texte} » absent de {pages.ui.url}"


@given(parsers.parse("l'UD de {departement} a autorisé sa demande"), target_fixture="agent")
@exige("controle", "courriel")
def l_ud_a_autorise(pages, control, boite, session_navigateur, demande, departement):
    agent = agent_ud(pages, control, boite, _departement(departement)[0])
    page = instruire_la_demande(pages, session_navigateur, agent, demande)
    page.autoriser()
    page.attendre_decision()
    return agent


def saisir_indemnisation(pages, session, compte, demande, indemnisation: Indemnisation) -> None:
    ouvrir_la_demande(pages, session, compte, demande).nouvelle_indemnisation()
    PageSaisieIndemnisation(pages.ui).renseigner(date_fr(indemnisation.debut), date_fr(indemnisation.fin),
                                                 str(indemnisation.salaries), str(indemnisation.heures))


def deposer_indemnisation(pages, session, compte, demande, heures: int) -> Indemnisation:
    indemnisation = Indemnisation(debut=demande.debut, fin=demande.debut + timedelta(days=29),
                                  salaries=demande.salaries, heures=heures)
    saisir_indemnisation(pages, session, compte, demande, indemnisation)
    PageSaisieIndemnisation(pages.ui).enregistrer()
    page = PageIndemnisation(pages.ui)
    pages.ui.wait_for_text(PageIndemnisation.ENREGISTREE)
    indemnisation.numero = page.numero()
    page.signer().certifier_et_signer()
    pages.ui.wait_for_text(PageIndemnisation.ENVOYEE)
    return indemnisation


@when(parsers.parse("il saisit, enregistre, signe et envoie une demande d'indemnisation de {heures:d} heures "
                    "sur le premier mois de la période autorisée"), target_fixture="indemnisation")
def depose_une_indemnisation(pages, session_navigateur, compte, demande, heures):
    return deposer_indemnisation(pages, session_navigateur, compte, demande, heures)


@given("il a signé et envoyé une demande d'indemnisation", target_fixture="indemnisation")
def a_depose_une_indemnisation(pages, session_navigateur, compte, demande):
    return deposer_indemnisation(pages, session_navigateur, compte, demande, 300)


@then("la personne à contacter reçoit l'accusé de réception de sa demande d'indemnisation")
@exige("courriel")
def accuse_indemnisation(boite, compte, indemnisation):
    message = boite.attendre(compte.courriel, SUJET_ACCUSE_INDEMNISATION)
    assert f"Demande d'indemnisation n° {indemnisation.numero}" in message.text, message.text


def instruire_l_indemnisation(pages, session, agent, indemnisation) -> PageInstructionIndemnisation:
    en_tant_que(pages, session, agent)
    liste = PageDemandesAInstruire(pages.ui)
    liste.ouvrir_depuis_l_espace()
    liste.ouvrir_indemnisation(indemnisation.numero)
    return PageInstructionIndemnisation(pages.ui)


@when("l'agent de l'UD valide la demande d'indemnisation")
def valide_l_indemnisation(pages, session_navigateur, agent, indemnisation):
    page = instruire_l_indemnisation(pages, session_navigateur, agent, indemnisation)
    page.valider()
    page.attendre_decision()


@when(parsers.parse("l'agent de l'UD invalide la demande d'indemnisation pour le motif « {motif} »"))
def invalide_l_indemnisation(pages, session_navigateur, agent, indemnisation, motif):
    page = instruire_l_indemnisation(pages, session_navigateur, agent, indemnisation)
    page.invalider(motif)
    page.attendre_decision()


@then("la personne à contacter reçoit la notification d'instruction puis celle de la mise en paiement par l'ASP")
@exige("courriel")
def instruction_et_mise_en_paiement(boite, compte, indemnisation):
    for sujet in (SUJET_INSTRUCTION_INDEMNISATION, SUJET_MISE_EN_PAIEMENT):
        message = boite.attendre(compte.courriel, sujet)
        assert f"Demande d'indemnisation n° {indemnisation.numero}" in message.text, message.text


@then(parsers.parse("la personne à contacter reçoit la notification d'invalidation, avec le motif « {motif} »"))
@exige("courriel")
def notification_d_invalidation(boite, compte, indemnisation, motif):
    message = boite.attendre(compte.courriel, SUJET_INVALIDATION)
    assert f"Motif de l'invalidation : {motif}" in message.text, message.text
    assert boite.aucun(compte.courriel, SUJET_MISE_EN_PAIEMENT, delai=1), "une mise en paiement a été notifiée"


@when("l'établissement consulte sa demande d'indemnisation")
def consulte_l_indemnisation(pages, session_navigateur, compte, demande, indemnisation):
    ouvrir_la_demande(pages, session_navigateur, compte, demande).ouvrir_indemnisation(indemnisation.numero)


@then(parsers.parse("la demande d'indemnisation est « {statut} »"))
def indemnisation_est(pages, statut):
    page = PageIndemnisation(pages.ui)
    assert page.a_pour_statut(statut), f"statut attendu « {statut} », affiché : « {page.statut_affiche()} »"


@when("il saisit une demande d'indemnisation qui déborde d'un jour la période autorisée")
def saisit_hors_periode(pages, session_navigateur, compte, demande):
    indemnisation = Indemnisation(debut=demande.debut, fin=demande.fin + timedelta(days=1),
                                  salaries=demande.salaries, heures=100)
    saisir_indemnisation(pages, session_navigateur, compte, demande, indemnisation)


@then("aucune demande d'indemnisation n'est enregistrée")
def aucune_indemnisation(pages, session_navigateur, compte, demande):
    page = ouvrir_la_demande(pages, session_navigateur, compte, demande)
    assert PageIndemnisation.PREFIXE_TITRE not in page.texte(), "une demande d'indemnisation a été enregistrée"


# --- the Tiers déclarant (PROC-04, ENR-07, ACC-09) ---------------------------------------------


@given("un Tiers déclarant qui a créé le compte de deux établissements en s'indiquant comme personne à contacter",
       target_fixture="comptes_du_tiers")
@exige("captcha", "courriel")
def tiers_et_ses_deux_etablissements(pages, boite, inscription):
    comptes = []
    for rang, etablissement in enumerate((inscription, donnees.inscription(contact=inscription.contact)), 1):
        demander_creation(pages, etablissement)
        comptes.append(recevoir_identifiants(boite, compte_de(etablissement), rang))
    for compte in comptes:
        premiere_connexion(pages, compte)
    assert comptes[0].identifiant != comptes[1].identifiant
    return comptes


@when("il signe et envoie une demande d'autorisation préalable avec le compte de chaque établissement",
      target_fixture="demandes_du_tiers")
def depose_pour_chaque_etablissement(pages, session_navigateur, comptes_du_tiers):
    return [deposer(pages, session_navigateur, compte) for compte in comptes_du_tiers]


@then("il reçoit à son adresse l'accusé de réception de chacune des deux demandes, au nom de chaque établissement")
@exige("courriel")
def deux_accuses(boite, comptes_du_tiers, demandes_du_tiers):
    adresse = comptes_du_tiers[0].courriel
    boite.attendre(adresse, SUJET_ACCUSE_AUTORISATION, rang=2)
    accuses = boite.mailpit.messages(adresse, SUJET_ACCUSE_AUTORISATION)
    for compte, demande in zip(comptes_du_tiers, demandes_du_tiers):
        etablissement = compte.inscription.etablissement
        assert any(f"n° {demande.numero}" in a.text and etablissement.denomination in a.text
                   and etablissement.siret in a.text for a in accuses), (
            f"aucun accusé de la demande n° {demande.numero} au nom de {etablissement.denomination}")


@then("le compte de chaque établissement ne voit que la demande de cet établissement")
def chacun_sa_demande(pages, session_navigateur, comptes_du_tiers, demandes_du_tiers):
    for compte, sienne, autre in zip(comptes_du_tiers, demandes_du_tiers, reversed(demandes_du_tiers)):
        en_tant_que(pages, session_navigateur, compte)
        liste = PageDemandes(pages.ui)
        liste.ouvrir_depuis_l_espace()
        assert liste.listee(sienne.numero), f"{compte.identifiant} ne voit pas sa demande n° {sienne.numero}"
        assert not liste.listee(autre.numero), f"{compte.identifiant} voit la demande n° {autre.numero}"
