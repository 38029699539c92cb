"""PROC-01..05, NAV-04, ACC-09, ENR-07: the demande d'autorisation préalable,
the UD's decision within 15 days, the demande d'indemnisation, the signature
that Chrome cannot do, the Tiers déclarant.

Two people act side by side, each in its own browser: the establishment
(``acteur``) and the agent of the UD (``agent``). A sentence about one of
them puts it in the spotlight (« il » of the next generic sentence)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pytest_bdd import given, parsers, then, when

from acteurs import fournisseurs, taches
from acteurs import questions as q
from fixtures import donnees
from pages import textes
from fixtures.donnees import date_fr, demande_type, lire_instant, prochain
from steps import exige
from steps.commun import obtenir_un_etablissement

#: The départements the scenarios name: (département, postal code, commune).
DEPARTEMENTS = {
    "la Corrèze": ("19", "19000", "Tulle"),
    "la Haute-Vienne": ("87", "87000", "Limoges"),
    "l'Ain": ("01", "01000", "Bourg-en-Bresse"),
    "la Côte-d'Or": ("21", "21000", "Dijon"),
    "le Val-d'Oise": ("95", "95000", "Cergy"),
    "la Corse-du-Sud": ("2A", "20000", "Ajaccio"),
    "la Haute-Corse": ("2B", "20200", "Bastia"),
    "La Réunion": ("974", "97400", "Saint-Denis"),
}


def _departement(nom: str) -> tuple[str, str, str]:
    """A département as a sentence names it: « la Corrèze », « de l'Ain »,
    « du Val-d'Oise »."""
    nom = "le " + nom[3:] if nom.startswith("du ") else nom[3:] if nom.startswith("de ") else nom
    try:
        return DEPARTEMENTS[nom]
    except KeyError:
        raise KeyError(f"département inconnu des scénarios : « {nom} » (connus : {', '.join(DEPARTEMENTS)})") from None


def _statut(reponse: tuple[bool, str], statut: str) -> None:
    ok, affiche = reponse
    assert ok, f"statut attendu « {statut} », affiché : « {affiche} »"


# --- the establishment ----------------------------------------------------------------------------


@given(parsers.parse("un établissement {departement}, inscrit et connecté à son espace"))
@exige("compte")
def etablissement_du_departement(distribution, acteur, departement):
    _dep, code_postal, ville = _departement(departement)
    acteur.inscription = donnees.inscription()
    adresse = acteur.inscription.etablissement.adresse
    adresse.code_postal, adresse.ville = code_postal, ville
    obtenir_un_etablissement(distribution, acteur, "connecte", departement=_dep)
    taches.se_connecter_par_programme(acteur)


@when(parsers.parse("il saisit une demande d'autorisation préalable pour « {motif} »"))
def saisit_une_demande(distribution, acteur, motif):
    distribution.entre_en_scene(acteur)
    acteur.memoire["demande"] = demande = demande_type(motif)
    taches.saisir_une_demande(acteur, demande)


#: The wrong entries of the bad-input outline, as (what is typed instead).
SAISIES_ERRONEES = {
    "une date de fin antérieure à la date de début": lambda d: {"fin": date_fr(d.debut - timedelta(days=1))},
    "une date de début écrite à l'anglaise, AAAA-MM-JJ": lambda d: {"debut": d.debut.isoformat()},
    "une période de plus de 12 mois": lambda d: {"fin": date_fr(d.debut + timedelta(days=400))},
    "0 salarié concerné": lambda d: {"salaries": "0"},
    "aucun motif de recours": lambda d: {"motif": None},
    "une date de début impossible, le 31 février": lambda d: {"debut": f"31/02/{d.debut.year}"},
    "une date de début vide": lambda d: {"debut": ""},
    "un motif ajouté à la liste comme avec les outils de développement du navigateur":
        lambda d: {"motif": None, "motif_ajoute": "Convenance personnelle"},
}


@when(parsers.parse("il saisit une demande d'autorisation préalable avec {erreur}"))
def saisit_une_demande_erronee(distribution, acteur, erreur):
    if erreur not in SAISIES_ERRONEES:
        raise KeyError(f"saisie erronée inconnue : « {erreur} » (connues : {', '.join(SAISIES_ERRONEES)})")
    distribution.entre_en_scene(acteur)
    acteur.memoire["demandes déjà là"] = q.demandes_de_l_etablissement(acteur)
    acteur.memoire["demande"] = demande = demande_type()
    taches.saisir_une_demande(acteur, demande, **SAISIES_ERRONEES[erreur](demande))


def _periode(debut: date, jours: int) -> tuple[date, date]:
    """A period of ``jours`` days from ``debut``: (first day, last day)."""
    return debut, debut + timedelta(days=jours - 1)


#: The periods of the accepted-request outline, from the day the scenario runs: (first day, last day).
PERIODES_DEMANDEES = {
    "un seul jour": lambda jour: _periode(jour + timedelta(days=30), 1),
    "un mois qui commence le 1er décembre": lambda jour: _periode(prochain(jour, 12, 1), 31),
    "un mois qui commence un 29 février": lambda jour: _periode(prochain(jour, 2, 29), 31),
}


@when(parsers.parse("il saisit une demande d'autorisation préalable sur {periode}"))
def saisit_une_demande_sur(distribution, acteur, periode):
    if periode not in PERIODES_DEMANDEES:
        raise KeyError(f"période inconnue : « {periode} » (connues : {', '.join(PERIODES_DEMANDEES)})")
    distribution.entre_en_scene(acteur)
    debut, fin = PERIODES_DEMANDEES[periode](date.today())
    acteur.memoire["demande"] = demande = replace(demande_type(debut=debut), fin=fin)
    taches.saisir_une_demande(acteur, demande)


@when("il l'enregistre")
def l_enregistre(acteur):
    """« Enregistrer », on the request form or the compensation form."""
    taches.enregistrer(acteur)


@then(parsers.parse("la demande est « {statut} »"))
def la_demande_est(acteur, statut):
    demande = acteur.memoire["demande"]
    demande.numero = demande.numero or q.numero_de_la_demande_affichee(acteur)
    _statut(q.statut_de_la_demande(acteur, statut), statut)


@then(parsers.parse("la demande est toujours « {statut} »"))
def la_demande_est_toujours(acteur, statut):
    taches.ouvrir_la_demande(acteur, acteur.memoire["demande"])
    _statut(q.statut_de_la_demande(acteur, statut), statut)


@when("il signe et envoie sa demande")
def signe_et_envoie(acteur):
    taches.signer_et_envoyer(acteur, acteur.memoire["demande"])


@given("il a saisi et enregistré une demande d'autorisation préalable")
def a_saisi_et_enregistre(acteur):
    acteur.memoire["demande"] = demande = demande_type()
    taches.saisir_une_demande(acteur, demande)
    taches.enregistrer(acteur)
    taches.noter_la_demande_enregistree(acteur, demande)


@given("il a saisi et enregistré deux demandes d'autorisation préalable")
def a_saisi_et_enregistre_deux(acteur):
    demandes = []
    for _ in range(2):
        a_saisi_et_enregistre(acteur)
        demandes.append(acteur.memoire["demande"])
    acteur.memoire["demandes"] = demandes


@when(parsers.parse("il modifie la première : {salaries:d} salariés concernés au lieu de {avant:d}"))
def modifie_la_premiere(acteur, salaries, avant):
    premiere = acteur.memoire["demandes"][0]
    assert premiere.salaries == avant, f"la première demande est de {premiere.salaries} salariés"
    taches.modifier_les_salaries(acteur, premiere, salaries)


@when(parsers.parse("il modifie la première avec {salaries:d} salarié concerné"))
def modifie_la_premiere_mal(acteur, salaries):
    taches.modifier_les_salaries(acteur, acteur.memoire["demandes"][0], salaries, accepte=False)


@then(parsers.parse("la première compte {salaries:d} salariés concernés, et la deuxième toujours {avant:d}"))
def la_premiere_seule_modifiee(acteur, salaries, avant):
    premiere, deuxieme = acteur.memoire["demandes"]
    vus = []
    for demande in (premiere, deuxieme):
        taches.ouvrir_la_demande(acteur, demande)
        vus.append(q.salaries_de_la_demande(acteur))
    assert vus == [str(salaries), str(avant)], (
        f"salariés affichés : {vus[0]} pour la n° {premiere.numero}, {vus[1]} pour la n° {deuxieme.numero}")


@then(parsers.parse("l'établissement voit sa demande « {statut} »"))
def l_etablissement_voit(distribution, acteur, statut):
    distribution.entre_en_scene(acteur)
    taches.ouvrir_la_demande(acteur, acteur.memoire["demande"])
    _statut(q.statut_de_la_demande(acteur, statut), statut)


@then(parsers.parse("l'établissement voit sa demande d'indemnisation « {statut} »"))
def l_etablissement_voit_l_indemnisation(distribution, acteur, statut):
    distribution.entre_en_scene(acteur)
    taches.ouvrir_l_indemnisation(acteur, acteur.memoire["demande"], acteur.memoire["indemnisation"])
    _statut(q.statut_de_l_indemnisation(acteur, statut), statut)


@given("il a signé et envoyé une demande d'autorisation préalable")
def a_signe_et_envoye(acteur):
    acteur.memoire["demande"] = taches.deposer_une_demande(acteur)


@then(parsers.parse("la demande est « {statut} » auprès de l'UD {departement}"))
def envoyee_a_l_ud(acteur, statut, departement):
    _statut(q.statut_de_la_demande(acteur, statut), statut)
    assert q.unite_departementale(acteur) == departement, \
        f"UD attendue {departement}, affichée : {q.unite_departementale(acteur)}"


@then("la date limite de décision, 15 jours après le dépôt, lui est indiquée")
def date_limite_indiquee(acteur):
    demande = acteur.memoire["demande"]
    assert demande.depose_le and demande.date_limite, "date de dépôt ou date limite non affichée"
    ecart = lire_instant(demande.date_limite) - lire_instant(demande.depose_le)
    assert ecart == timedelta(days=15), f"déposée le {demande.depose_le}, date limite {demande.date_limite}"


@then("la personne à contacter reçoit l'accusé de réception de sa demande")
@exige("courriel")
def accuse_de_reception(acteur):
    q.courriel_de_la_demande(acteur, textes.SUJET_ACCUSE_AUTORISATION, acteur.memoire["demande"])


# --- NAV-04: Google Chrome -----------------------------------------------------------------------


@when("il veut signer sa demande")
def veut_signer(acteur):
    taches.vouloir_signer(acteur)


@then("la signature ne lui est pas proposée")
def signature_non_proposee(acteur):
    assert not q.signature_proposee(acteur), "la case de certification ou « Signer et envoyer » est proposée"


@then("la personne à contacter ne reçoit aucun accusé de réception")
@exige("courriel")
def aucun_accuse(acteur):
    assert q.aucun_courriel(acteur, textes.SUJET_ACCUSE_AUTORISATION), \
        f"un accusé de réception est arrivé : {q.sujets_recus(acteur)}"


@then("aucune demande n'est enregistrée")
def aucune_demande(acteur):
    nouvelles = q.demandes_de_l_etablissement(acteur) - acteur.memoire["demandes déjà là"]
    assert not nouvelles, f"demande(s) enregistrée(s) malgré l'erreur : {sorted(nouvelles)}"


# --- the UD (PROC-02) -----------------------------------------------------------------------------


def _agent_de_l_ud(distribution, agent, departement: str) -> None:
    """An agent of the UD of a département (UD-01, UD-02 done: connected,
    secret question set), logged in its own browser."""
    distribution.obtenir_compte(agent, "UD", "connecte", departement=_departement(departement)[0])
    taches.se_connecter_par_programme(agent)


@given(parsers.parse("un agent de l'UD de {departement}"))
@exige("compte")
def un_agent_de_l_ud(distribution, agent, departement):
    _agent_de_l_ud(distribution, agent, departement)


@when("l'agent de l'UD ouvre les demandes à instruire")
def ouvre_les_demandes_a_instruire(distribution, agent):
    distribution.entre_en_scene(agent)
    taches.ouvrir_les_demandes_a_instruire(agent)


@then("la demande y figure avec sa date limite de décision")
def y_figure(acteur, agent):
    demande = acteur.memoire["demande"]
    assert q.demande_listee_a_instruire(agent, demande), f"la demande n° {demande.numero} n'est pas listée"
    ligne = q.ligne_a_instruire(agent, demande)
    assert demande.date_limite in ligne, f"date limite {demande.date_limite} absente de : {ligne}"


@then("la demande n'y figure pas")
def n_y_figure_pas(acteur, agent):
    demande = acteur.memoire["demande"]
    assert not q.demande_listee_a_instruire(agent, demande), f"la demande n° {demande.numero} est listée"


@when("l'agent de l'UD autorise la demande")
def autorise(distribution, acteur, agent):
    distribution.entre_en_scene(agent)
    demande = acteur.memoire["demande"]
    taches.instruire_la_demande(agent, demande)
    assert q.date_limite_vue_par_l_ud(agent) == demande.date_limite, \
        f"date limite vue par l'UD : {q.date_limite_vue_par_l_ud(agent)}, par l'établissement : {demande.date_limite}"
    taches.autoriser(agent)


@given("l'agent de l'UD a ouvert la demande pour l'instruire")
def a_ouvert_pour_instruire(acteur, agent):
    taches.instruire_la_demande(agent, acteur.memoire["demande"])


@when("l'agent de l'UD autorise la demande depuis la page ouverte avant")
def autorise_depuis_la_page_ouverte(distribution, agent):
    distribution.entre_en_scene(agent)
    taches.tenter_d_autoriser(agent)


@when("l'agent de l'UD refuse la demande sans motif")
def refuse_sans_motif(distribution, acteur, agent):
    distribution.entre_en_scene(agent)
    taches.instruire_la_demande(agent, acteur.memoire["demande"])
    taches.refuser(agent, "")


@when(parsers.parse("l'agent de l'UD refuse la demande pour le motif « {motif} »"))
def refuse_avec_motif(distribution, acteur, agent, motif):
    distribution.entre_en_scene(agent)
    if not q.presente(agent, "champ", "Motif du refus :"):
        taches.instruire_la_demande(agent, acteur.memoire["demande"])
    taches.refuser(agent, motif)


@then("la personne à contacter reçoit la décision de l'UD : la demande est autorisée")
@exige("courriel")
def decision_autorisee(acteur):
    message = q.courriel_de_la_demande(acteur, textes.SUJET_DECISION, acteur.memoire["demande"])
    assert textes.DECISION_AUTORISEE in message.text, message.text


@then(parsers.parse("la personne à contacter reçoit la décision de l'UD : la demande est refusée "
                    "pour le motif « {motif} »"))
@exige("courriel")
def decision_refusee(acteur, motif):
    message = q.courriel_de_la_demande(acteur, textes.SUJET_DECISION, acteur.memoire["demande"])
    assert textes.DECISION_REFUSEE in message.text and textes.MOTIF_DU_REFUS + motif in message.text, message.text


@when("l'agent de l'UD tente d'ouvrir la demande par son adresse")
def ouvre_par_son_adresse(distribution, acteur, agent):
    distribution.entre_en_scene(agent)
    taches.tenter_d_ouvrir_la_demande_par_son_adresse(agent, acteur.memoire["demande"])


# --- 15 days (PROC-02, R5122-4) -------------------------------------------------------------------


@when(parsers.parse("{jours:d} jours et {heures:d} heures passent sans décision de l'UD"))
@exige("horloge")
def jours_passent(control, jours, heures):
    taches.faire_passer_le_temps(control, jours=jours, heures=heures)


@when(parsers.parse("{jours:d} jours passent sans décision de l'UD"))
@exige("horloge")
def des_jours_passent(control, jours):
    taches.faire_passer_le_temps(control, jours=jours)


@then("la demande est « Réputée autorisée », le délai de 15 jours étant expiré")
def reputee_autorisee(acteur):
    taches.ouvrir_la_demande(acteur, acteur.memoire["demande"])
    _statut(q.statut_de_la_demande(acteur, "Réputée autorisée"), "Réputée autorisée")
    assert textes.REPUTEE_AUTORISEE_R5122_4 in q.texte_de_la_page(acteur)


@then("la personne à contacter est avisée que sa demande est réputée autorisée")
@exige("courriel")
def avisee_reputee_autorisee(acteur):
    q.courriel_de_la_demande(acteur, textes.SUJET_REPUTEE_AUTORISEE, acteur.memoire["demande"])


@then("l'agent de l'UD la voit « Réputée autorisée », sans pouvoir plus décider")
def ud_voit_reputee(acteur, agent):
    taches.instruire_la_demande(agent, acteur.memoire["demande"])
    _statut(q.statut_vu_par_l_ud(agent, "Réputée autorisée"), "Réputée autorisée")
    assert not q.decision_proposee(agent), "l'UD peut encore autoriser ou refuser"


# --- the demande d'indemnisation (PROC-03) ------------------------------------------------------


@when("il consulte sa demande en attente de décision")
def consulte_en_attente(acteur):
    taches.ouvrir_la_demande(acteur, acteur.memoire["demande"])


@then("la demande d'indemnisation ne lui est pas proposée")
def indemnisation_non_proposee(acteur):
    assert not q.indemnisation_proposee(acteur), "« Nouvelle demande d'indemnisation » est proposée"


@then(parsers.parse("la page indique « {texte} »"))
def la_page_indique(distribution, texte):
    en_scene = distribution.en_scene
    assert texte in q.texte_de_la_page(en_scene), f"« {texte} » absent de {q.url(en_scene)}"


@given(parsers.parse("l'UD de {departement} a autorisé sa demande"))
@exige("compte")
def l_ud_a_autorise(distribution, acteur, agent, departement):
    _agent_de_l_ud(distribution, agent, departement)
    taches.instruire_la_demande(agent, acteur.memoire["demande"])
    taches.autoriser(agent)


@when(parsers.parse("il saisit, enregistre, signe et envoie une demande d'indemnisation de {heures:d} heures "
                    "sur le premier mois de la période autorisée"))
def depose_une_indemnisation(distribution, acteur, heures):
    distribution.entre_en_scene(acteur)
    acteur.memoire["indemnisation"] = taches.deposer_une_indemnisation(acteur, acteur.memoire["demande"], heures)


@given("il a signé et envoyé une demande d'indemnisation")
def a_depose_une_indemnisation(acteur):
    acteur.memoire["indemnisation"] = taches.deposer_une_indemnisation(acteur, acteur.memoire["demande"], 300)


@then("la personne à contacter reçoit l'accusé de réception de sa demande d'indemnisation")
@exige("courriel")
def accuse_indemnisation(acteur):
    message = q.courriel_recu(acteur, textes.SUJET_ACCUSE_INDEMNISATION)
    numero = acteur.memoire["indemnisation"].numero
    assert f"{textes.PREFIXE_INDEMNISATION}{numero}" in message.text, message.text


@when("l'agent de l'UD valide la demande d'indemnisation")
def valide_l_indemnisation(distribution, acteur, agent):
    distribution.entre_en_scene(agent)
    taches.valider_l_indemnisation(agent, acteur.memoire["indemnisation"])


@when(parsers.parse("l'agent de l'UD invalide la demande d'indemnisation pour le motif « {motif} »"))
def invalide_l_indemnisation(distribution, acteur, agent, motif):
    distribution.entre_en_scene(agent)
    taches.invalider_l_indemnisation(agent, acteur.memoire["indemnisation"], motif)


@then("la personne à contacter reçoit la notification d'instruction puis celle de la mise en paiement par l'ASP")
@exige("courriel")
def instruction_et_mise_en_paiement(acteur):
    numero = acteur.memoire["indemnisation"].numero
    for sujet in (textes.SUJET_INSTRUCTION_INDEMNISATION, textes.SUJET_MISE_EN_PAIEMENT):
        message = q.courriel_recu(acteur, sujet)
        assert f"{textes.PREFIXE_INDEMNISATION}{numero}" in message.text, message.text


@then(parsers.parse("la personne à contacter reçoit la notification d'invalidation, avec le motif « {motif} »"))
@exige("courriel")
def notification_d_invalidation(acteur, motif):
    message = q.courriel_recu(acteur, textes.SUJET_INVALIDATION)
    assert textes.MOTIF_DE_L_INVALIDATION + motif in message.text, message.text
    assert q.aucun_courriel(acteur, textes.SUJET_MISE_EN_PAIEMENT, delai=1), "une mise en paiement a été notifiée"


# --- the Tiers déclarant (PROC-04, ENR-07, ACC-09) ---------------------------------------------


@given("un Tiers déclarant qui a créé le compte de deux établissements en s'indiquant comme personne à contacter")
@exige("compte")
def tiers_et_ses_deux_etablissements(distribution, acteur):
    """One person, the Tiers déclarant, and one account per establishment
    it manages, each with the Tiers as the person to contact."""
    contact = donnees.personne()
    comptes = []
    for _ in range(2):
        acteur.inscription = donnees.inscription(contact=contact)
        compte = distribution.obtenir_compte(acteur, "Etablissement", "connecte",
                                             **fournisseurs.champs_de(acteur.inscription))
        comptes.append((compte, acteur.inscription))
    assert comptes[0][0].identifiant != comptes[1][0].identifiant
    acteur.memoire["comptes du tiers"] = comptes


@when("il signe et envoie une demande d'autorisation préalable avec le compte de chaque établissement")
def depose_pour_chaque_etablissement(acteur):
    demandes = []
    for compte, inscription in acteur.memoire["comptes du tiers"]:
        acteur.compte, acteur.inscription = compte, inscription
        taches.se_connecter_par_programme(acteur)
        demandes.append(taches.deposer_une_demande(acteur))
    acteur.memoire["demandes du tiers"] = demandes


@then("il reçoit à son adresse l'accusé de réception de chacune des deux demandes, au nom de chaque établissement")
@exige("courriel")
def deux_accuses(acteur):
    assert q.courriel_recu(acteur, textes.SUJET_ACCUSE_AUTORISATION, rang=2)
    accuses = q.courriels(acteur, textes.SUJET_ACCUSE_AUTORISATION)
    for (_compte, inscription), demande in zip(acteur.memoire["comptes du tiers"], acteur.memoire["demandes du tiers"]):
        etablissement = inscription.etablissement
        assert any(f"n° {demande.numero}" in a.text and etablissement.denomination in a.text
                   and etablissement.siret in a.text for a in accuses), (
            f"aucun accusé de la demande n° {demande.numero} au nom de {etablissement.denomination}")


@then("le compte de chaque établissement ne voit que la demande de cet établissement")
def chacun_sa_demande(acteur):
    demandes = acteur.memoire["demandes du tiers"]
    for (compte, inscription), sienne, autre in zip(acteur.memoire["comptes du tiers"], demandes, reversed(demandes)):
        acteur.compte, acteur.inscription = compte, inscription
        taches.se_connecter_par_programme(acteur)
        vue_sienne, vue_autre = q.demandes_listees(acteur, [sienne, autre])
        assert vue_sienne, f"{compte.identifiant} ne voit pas sa demande n° {sienne.numero}"
        assert not vue_autre, f"{compte.identifiant} voit la demande n° {autre.numero}"


# --- bords-procedure: the edges of PROC-03 --------------------------------------------------------

#: The periods the PROC-03 scenarios name, from the authorised request: (first day, last day).
PERIODES_INDEMNISEES = {
    "le premier mois de la période autorisée": lambda d: (d.debut, d.debut + timedelta(days=29)),
    "le deuxième mois de la période autorisée": lambda d: (d.debut + timedelta(days=30), d.debut + timedelta(days=59)),
    "toute la période autorisée": lambda d: (d.debut, d.fin),
    "une période qui commence la veille de la période autorisée":
        lambda d: (d.debut - timedelta(days=1), d.debut + timedelta(days=29)),
    "une période qui finit le lendemain de la période autorisée":
        lambda d: (d.fin - timedelta(days=29), d.fin + timedelta(days=1)),
    "le jour qui précède la période autorisée": lambda d: (d.debut - timedelta(days=1), d.debut - timedelta(days=1)),
}


@given(parsers.parse("l'UD de {departement} a autorisé sa demande de {heures:d} heures pour {salaries:d} salariés"))
@exige("compte")
def l_ud_a_autorise_tant(distribution, acteur, agent, departement, heures, salaries):
    demande = acteur.memoire["demande"]
    assert (demande.heures, demande.salaries) == (heures, salaries), (
        f"la demande saisie est de {demande.heures} heures pour {demande.salaries} salariés")
    l_ud_a_autorise(distribution, acteur, agent, departement)


@given(parsers.parse("il a signé et envoyé une demande d'indemnisation de {heures:d} heures"))
def a_depose_une_indemnisation_de(acteur, heures):
    acteur.memoire["indemnisation"] = taches.deposer_une_indemnisation(acteur, acteur.memoire["demande"], heures)


@given(parsers.parse("l'UD l'a invalidée pour le motif « {motif} »"))
def l_ud_l_a_invalidee(acteur, agent, motif):
    taches.invalider_l_indemnisation(agent, acteur.memoire["indemnisation"], motif)


@when(parsers.parse("il saisit une demande d'indemnisation de {heures:d} heures pour {salaries:d} salariés "
                    "sur {periode}"))
def saisit_une_indemnisation(distribution, acteur, heures, salaries, periode):
    if periode not in PERIODES_INDEMNISEES:
        raise KeyError(f"période inconnue : « {periode} » (connues : {', '.join(PERIODES_INDEMNISEES)})")
    distribution.entre_en_scene(acteur)
    demande = acteur.memoire["demande"]
    debut, fin = PERIODES_INDEMNISEES[periode](demande)
    acteur.memoire["indemnisations déjà là"] = q.indemnisations_de_la_demande(acteur, demande)
    acteur.memoire["indemnisation"] = indemnisation = taches.Indemnisation(
        debut=debut, fin=fin, salaries=salaries, heures=heures)
    taches.saisir_une_indemnisation(acteur, demande, indemnisation)


@when(parsers.parse("il saisit une demande d'indemnisation d'une heure pour {salaries:d} salariés sur {periode}"))
def saisit_une_indemnisation_d_une_heure(distribution, acteur, salaries, periode):
    """PROC-03's edge once every authorised hour is claimed: one hour more."""
    saisit_une_indemnisation(distribution, acteur, 1, salaries, periode)


@then(parsers.parse("la demande d'indemnisation est « {statut} »"))
def l_indemnisation_est(acteur, statut):
    _statut(q.statut_de_l_indemnisation(acteur, statut), statut)


@then("aucune nouvelle demande d'indemnisation n'est enregistrée")
def aucune_nouvelle_indemnisation(acteur):
    nouvelles = (q.indemnisations_de_la_demande(acteur, acteur.memoire["demande"])
                 - acteur.memoire["indemnisations déjà là"])
    assert not nouvelles, f"demande(s) d'indemnisation enregistrée(s) malgré l'erreur : {sorted(nouvelles)}"


# --- bords-procedure: ACC-09 after a change of referent person (ACC-08) ----------------------------

#: The mails of the procedure the ACC-09 scenarios name: (subjects, which request they name).
COURRIERS = {
    "l'accusé de réception de sa demande": ((textes.SUJET_ACCUSE_AUTORISATION,), "demande"),
    "la décision de l'UD": ((textes.SUJET_DECISION,), "demande"),
    "l'avis que sa demande est réputée autorisée": ((textes.SUJET_REPUTEE_AUTORISEE,), "demande"),
    "l'accusé de réception de sa demande d'indemnisation": ((textes.SUJET_ACCUSE_INDEMNISATION,), "indemnisation"),
    "la notification d'instruction et celle de la mise en paiement par l'ASP":
        ((textes.SUJET_INSTRUCTION_INDEMNISATION, textes.SUJET_MISE_EN_PAIEMENT), "indemnisation"),
    "la notification d'invalidation": ((textes.SUJET_INVALIDATION,), "indemnisation"),
}


@given("il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »")
@exige("courriel", "compte_consommable")
def a_designe_une_nouvelle_referente(distribution, acteur):
    taches.faire_d_un_nouvel_utilisateur_la_personne_referente(acteur, distribution["nouvel utilisateur"])


@then(parsers.parse("la nouvelle personne à contacter reçoit {courrier}, et l'ancienne ne le reçoit pas"))
@exige("courriel")
def la_nouvelle_recoit_l_ancienne_non(distribution, acteur, courrier):
    if courrier not in COURRIERS:
        raise KeyError(f"courrier inconnu : « {courrier} » (connus : {', '.join(COURRIERS)})")
    sujets, quoi = COURRIERS[courrier]
    numero = acteur.memoire[quoi].numero
    reference = f"n° {numero}" if quoi == "demande" else f"{textes.PREFIXE_INDEMNISATION}{numero}"
    nouvelle = distribution["nouvel utilisateur"]
    sans = q.courriels_sans_reference(nouvelle, sujets, reference)
    assert not sans, f"mails de la nouvelle personne à contacter qui ne citent pas « {reference} » : {sans}"
    arrives = q.courriels_arrives(acteur, sujets)
    assert not arrives, f"l'ancienne personne à contacter ({acteur.courriel}) a aussi reçu : {arrives}"


# --- bords-procedure: ENR-07, each account of a Tiers déclarant on its own establishment ---------------


@given("il a saisi et enregistré une demande d'autorisation préalable avec le compte du premier établissement")
def a_enregistre_avec_le_premier(acteur):
    compte, inscription = acteur.memoire["comptes du tiers"][0]
    taches.prendre_le_compte(acteur, compte, inscription)
    a_saisi_et_enregistre(acteur)


@when(parsers.parse("il tente de {action} la demande par son adresse avec le compte du deuxième établissement"))
def tente_avec_le_deuxieme(distribution, acteur, action):
    compte, inscription = acteur.memoire["comptes du tiers"][1]
    distribution.entre_en_scene(acteur)
    taches.prendre_le_compte(acteur, compte, inscription)
    taches.ouvrir_la_demande_par_son_adresse(acteur, acteur.memoire["demande"], action)


@then("le compte de chaque établissement ne présente que cet établissement dans sa « Fiche établissement »")
def chacun_sa_fiche(acteur):
    comptes = acteur.memoire["comptes du tiers"]
    sirets = [inscription.siret for _compte, inscription in comptes]
    for compte, inscription in comptes:
        taches.prendre_le_compte(acteur, compte, inscription)
        vus = q.sirets_de_la_fiche(acteur, sirets)
        assert vus == [inscription.siret], (
            f"la fiche du compte {compte.identifiant} (SIRET {inscription.siret}) présente les SIRET {vus}")
