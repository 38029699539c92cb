"""The procedure the accounts serve (PROC-01..05, NAV-04, ACC-08, ACC-09,
ENR-07): the rules as plain functions (simulator/procedure.py), then the
pages through Flask's test client, as the establishment and the UD use them."""
import csv
import html
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from simulator import demarche, facteur, procedure
from simulator import messages as m
from simulator.db import base
from simulator.models import (AffectationAgent, Compte, DemandeAutorisation, DemandeIndemnisation, Etablissement,
                              UtilisateurEtablissement)

from .conftest import NOUVEAU_MDP, Navigateur, courriels, entre_crochets, siret_valide

RACINE = Path(__file__).resolve().parents[2]
PROFILS = yaml.safe_load((RACINE / "browsers.yaml").read_text(encoding="utf-8"))["profiles"]
UA_CHROME = next(p["user_agent"] for p in PROFILS if p["id"] == "chrome")
UA_FIREFOX = next(p["user_agent"] for p in PROFILS if p["id"] == "firefox-45.8-win7")
CONTACT = "jean.dupont@example.org"
QUINZE_JOURS = 15 * 24 * 3600

DEMANDE = {"motif": "La conjoncture économique", "date_debut": "01/03/2030", "date_fin": "31/05/2030",
           "salaries": "12", "heures": "800"}


# --- The rules as plain functions --------------------------------------------------------------

@pytest.mark.parametrize("code_postal, departement", [
    ("19000", "19"), ("75001", "75"), ("01000", "01"), ("87000", "87"), ("95000", "95"),
    ("20000", "2A"), ("20167", "2A"), ("20100", "2A"), ("20200", "2B"), ("20290", "2B"), ("20600", "2B"),
    ("97400", "974"), ("97133", "971"), ("97600", "976"), ("97500", "975"),
])
def test_PROC_01_departement_du_code_postal(code_postal, departement):
    assert procedure.departement_du_code_postal(code_postal) == departement


@pytest.mark.parametrize("code_postal", ["", "1900", "190000", "abcde", "98000", "00100", "96000", None])
def test_PROC_01_pas_de_departement_pour_un_code_postal_invalide(code_postal):
    assert procedure.departement_du_code_postal(code_postal) is None


def test_PROC_01_chaque_code_postal_connu_a_son_ud():
    """Every postal code the creation form accepts (ACC-05) leads to a UD."""
    with (RACINE / "simulator" / "data" / "codes_postaux.csv").open(encoding="utf-8") as f:
        codes = {ligne["code_postal"] for ligne in csv.DictReader(f, delimiter=";")}
    assert codes and [c for c in codes if procedure.departement_du_code_postal(c) is None] == []


def test_PROC_01_motifs_de_l_article_R5122_1():
    assert procedure.MOTIFS == (
        "La conjoncture économique",
        "Des difficultés d'approvisionnement en matières premières ou en énergie",
        "Un sinistre ou des intempéries de caractère exceptionnel",
        "La transformation, restructuration ou modernisation de l'entreprise",
        "Toute autre circonstance de caractère exceptionnel",
    )


@pytest.mark.parametrize("saisie, attendue", [
    ("01/03/2030", date(2030, 3, 1)), ("1/3/2030", date(2030, 3, 1)), (" 29/02/2028 ", date(2028, 2, 29)),
    ("29/02/2030", None), ("31/04/2030", None), ("2030-03-01", None), ("01/03/30", None), ("", None),
    ("01-03-2030", None), ("aa/bb/cccc", None), ("00/01/2030", None),
])
def test_PROC_01_dates_au_format_JJ_MM_AAAA(saisie, attendue):
    assert procedure.lire_date(saisie) == attendue


def test_PROC_01_demande_valide():
    valeurs, donnees, erreurs = procedure.valider_demande(DEMANDE)
    assert erreurs == [] and donnees == {"motif": "La conjoncture économique", "date_debut": date(2030, 3, 1),
                                         "date_fin": date(2030, 5, 31), "salaries": 12, "heures": 800}


@pytest.mark.parametrize("surcharge, message", [
    ({"motif": ""}, m.CHAMPS_OBLIGATOIRES),
    ({"date_fin": ""}, m.CHAMPS_OBLIGATOIRES),
    ({"motif": "Les vacances"}, m.MOTIF_INCONNU),
    ({"date_debut": "31/02/2030"}, m.DATE_INVALIDE.format(libelle="Date de début de la période")),
    ({"date_fin": "2030-05-31"}, m.DATE_INVALIDE.format(libelle="Date de fin de la période")),
    ({"date_fin": "28/02/2030"}, m.FIN_AVANT_DEBUT),
    ({"date_fin": "01/03/2031"}, m.PERIODE_TROP_LONGUE.format(n=12)),
    ({"salaries": "0"}, m.NOMBRE_INVALIDE.format(libelle="Nombre de salariés concernés")),
    ({"salaries": "douze"}, m.NOMBRE_INVALIDE.format(libelle="Nombre de salariés concernés")),
    ({"heures": "-5"}, m.NOMBRE_INVALIDE.format(libelle="Nombre d'heures chômées prévisionnelles")),
    ({"heures": "12.5"}, m.NOMBRE_INVALIDE.format(libelle="Nombre d'heures chômées prévisionnelles")),
    ({"salaries": "100001"}, m.NOMBRE_TROP_GRAND.format(libelle="Nombre de salariés concernés", n="100 000")),
])
def test_PROC_01_demande_invalide(surcharge, message):
    _valeurs, donnees, erreurs = procedure.valider_demande({**DEMANDE, **surcharge})
    assert donnees is None and message in erreurs


def test_PROC_01_periode_de_12_mois_au_plus():
    assert procedure.valider_demande({**DEMANDE, "date_fin": "28/02/2031"})[2] == []
    assert procedure.valider_demande({**DEMANDE, "date_debut": "31/01/2030", "date_fin": "30/01/2031"})[2] == []
    assert procedure.valider_demande({**DEMANDE, "date_debut": "01/03/2030", "date_fin": "01/03/2030"})[2] == []


def test_PROC_02_date_limite_15_jours_apres_le_depot():
    """The deadline itself; when a request becomes « réputée autorisée » is
    proven with the database below (demarche applies it in SQL)."""
    depot = datetime(2030, 3, 1, 9, 30)
    assert procedure.date_limite_de_decision(depot) == datetime(2030, 3, 16, 9, 30)


@pytest.mark.parametrize("profil", PROFILS, ids=[p["id"] for p in PROFILS])
def test_NAV_04_seul_le_profil_chrome_ne_peut_pas_signer(profil):
    assert procedure.signature_possible(profil["user_agent"]) == (profil["support"] == "supporte")


@pytest.mark.parametrize("ua", [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0",
    "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.17763",
    "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 OPR/106.0",
    "", None,
])
def test_NAV_04_les_navigateurs_qui_ne_sont_pas_chrome_signent(ua):
    assert procedure.signature_possible(ua)


def test_NAV_04_chrome_sur_ios_ne_signe_pas():
    assert not procedure.signature_possible(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 12_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "CriOS/70.0.3538.75 Mobile/15E148 Safari/605.1")


def test_PROC_03_indemnisation_dans_la_periode_autorisee():
    autorisee = (date(2030, 3, 1), date(2030, 5, 31), 12, 800)
    ok = {"date_debut": "01/03/2030", "date_fin": "31/03/2030", "salaries": "12", "heures": "300"}
    assert procedure.valider_indemnisation(ok, *autorisee)[2] == []
    for surcharge, message in (
            ({"date_debut": "28/02/2030"}, m.HORS_PERIODE_AUTORISEE.format(debut="01/03/2030", fin="31/05/2030")),
            ({"date_fin": "01/06/2030"}, m.HORS_PERIODE_AUTORISEE.format(debut="01/03/2030", fin="31/05/2030")),
            ({"salaries": "13"}, m.TROP_DE_SALARIES.format(n=12)),
            ({"heures": "801"}, m.TROP_D_HEURES.format(n=800)),
            ({"heures": ""}, m.CHAMPS_OBLIGATOIRES)):
        _v, donnees, erreurs = procedure.valider_indemnisation({**ok, **surcharge}, *autorisee)
        assert donnees is None and message in erreurs, surcharge


# --- Helpers: an establishment, a UD agent, a request --------------------------------------------

def _premiere_connexion(app, nav: Navigateur, adresse: str, rang: int = -1) -> str:
    """Log in with the mailed credentials (the rang-th pair), change the password."""
    recus = courriels(app, adresse)
    idents = [c for c in recus if c.sujet == m.SUJET_IDENTIFIANT]
    mdps = [c for c in recus if c.sujet == m.SUJET_MOT_DE_PASSE]
    identifiant = entre_crochets(idents[rang].corps, "Identifiant")
    provisoire = entre_crochets(mdps[rang].corps, "Mot de passe")
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    if nav.chemin == "/question-secrete":  # UD-02, and a further user of an establishment
        nav.post("/question-secrete", {"question": "ville de résidence", "reponse": "Tulle Corrèze"})
    nav.connecter(identifiant, NOUVEAU_MDP)
    assert nav.chemin == "/espace", nav.alertes()
    return identifiant


@pytest.fixture
def etablissement(app, nav):
    """An establishment of Tulle (Corrèze, 19), connected in `nav`; its person to contact is CONTACT."""
    nav.inscrire()
    return _premiere_connexion(app, nav, CONTACT)


def _agent(app, departement, profil="UD", identifiant=None):
    identifiant = identifiant or f"{profil.lower()}.dep{departement or 'aucun'}".lower()
    adresse = f"{identifiant}@example.org"
    corps = {"profil": profil, "identifiant": identifiant, "nom": "Agent", "prenom": "Paul", "courriel": adresse}
    if departement is not None:
        corps["departement"] = departement
    assert app.test_client().post("/_sim/agents", json=corps).status_code == 201
    nav = Navigateur(app.test_client())
    _premiere_connexion(app, nav, adresse)
    return nav


@pytest.fixture
def ud19(app):
    return _agent(app, "19")


@pytest.fixture
def ud87(app):
    return _agent(app, "87")


def saisir(nav, **surcharges):
    nav.get("/demandes/nouvelle")
    return nav.post("/demandes/nouvelle", {**DEMANDE, **surcharges, "enregistrer": "Enregistrer"})


def signer(nav, numero, ua=UA_FIREFOX, certifier=True):
    nav.get(f"/demandes/{numero}/signature", headers={"User-Agent": ua})
    donnees = {"signer": "Signer et envoyer"}
    if certifier:
        donnees["certification"] = "1"
    return nav.post(f"/demandes/{numero}/signature", donnees, headers={"User-Agent": ua})


def deposer(nav, **surcharges) -> int:
    saisir(nav, **surcharges)
    numero = int(nav.chemin.rsplit("/", 1)[1])
    signer(nav, numero)
    assert "est signée et envoyée" in nav.statuts(), nav.alertes()
    return numero


def decider(agent, numero, bouton="autoriser", motif=""):
    agent.get(f"/instruction/demandes/{numero}")
    return agent.post(f"/instruction/demandes/{numero}",
                      {bouton: bouton.capitalize(), "motif_refus": motif})


def lire(app, modele, numero):
    with base(app).fabrique() as db:
        return db.get(modele, numero)


def compter(app, modele) -> int:
    with base(app).fabrique() as db:
        return db.scalar(select(func.count()).select_from(modele))


def sujets(app, adresse=CONTACT) -> list[str]:
    return [c.sujet for c in courriels(app, adresse)]


# --- PROC-01, PROC-05, NAV-04: entry, save, signature ----------------------------------------------

def test_PROC_01_les_pages_de_la_demarche_sont_liees_depuis_l_espace(nav, etablissement):
    nav.get("/espace")
    assert 'href="/demandes"' in nav.page and 'href="/etablissement"' in nav.page
    nav.get("/demandes")
    assert "Demandes d'autorisation préalable" in nav.texte()
    assert 'href="/demandes/nouvelle"' in nav.page


def test_PROC_01_le_formulaire_offre_les_motifs_legaux_et_les_champs(nav, etablissement):
    nav.get("/demandes/nouvelle")
    page = html.unescape(nav.page)
    for libelle in ("Motif de recours à l'activité partielle* :", "Date de début de la période* :",
                    "Date de fin de la période* :", "Nombre de salariés concernés* :",
                    "Nombre d'heures chômées prévisionnelles* :"):
        assert f">{libelle}</label>" in page, libelle
    for motif in procedure.MOTIFS:
        assert f">{motif}</option>" in page
    assert 'value="Enregistrer"' in page and "(JJ/MM/AAAA)" in page


def test_PROC_01_enregistree_elle_n_est_pas_envoyee(app, nav, etablissement, ud19):
    saisir(nav)
    assert nav.chemin == "/demandes/1" and m.DEMANDE_ENREGISTREE_NON_SIGNEE in nav.statuts()
    assert "Statut : Enregistrée, non signée" in nav.texte()
    demande = lire(app, DemandeAutorisation, 1)
    assert demande.statut == "brouillon" and demande.departement is None and demande.date_limite is None
    assert m.SUJET_ACCUSE_AUTORISATION not in sujets(app)
    ud19.get("/instruction")
    assert "n° 1" not in ud19.texte()
    assert ud19.get("/instruction/demandes/1").status_code == 404


def test_PROC_01_une_demande_enregistree_se_modifie_avant_la_signature(app, nav, etablissement):
    saisir(nav)
    nav.get("/demandes/1/modifier")
    assert nav.champ("salaries") == "12"
    nav.post("/demandes/1/modifier", {**DEMANDE, "salaries": "20", "enregistrer": "Enregistrer"})
    assert lire(app, DemandeAutorisation, 1).salaries == 20
    signer(nav, 1)
    nav.get("/demandes/1/modifier")
    assert nav.chemin == "/demandes/1" and m.DEJA_ENVOYEE in nav.alertes()
    nav.post("/demandes/1/modifier", {**DEMANDE, "salaries": "30", "enregistrer": "Enregistrer"})
    assert lire(app, DemandeAutorisation, 1).salaries == 20


def test_PROC_01_signee_elle_va_a_l_ud_du_departement_et_accuse_reception(app, nav, etablissement):
    saisir(nav)
    signer(nav, 1)
    demande = lire(app, DemandeAutorisation, 1)
    assert demande.statut == "deposee" and demande.departement == "19"  # Tulle, 19000
    assert demande.date_limite - demande.depose_le == timedelta(days=15)
    assert m.DEMANDE_ENVOYEE.format(ud="unité départementale (UD) 19",
                                    date_limite=procedure.instant_fr(demande.date_limite)) in nav.statuts()
    texte = nav.texte()
    assert "Statut : En cours d'instruction" in texte and "Unité départementale : UD 19" in texte
    assert f"Date limite de décision : {procedure.instant_fr(demande.date_limite)}" in texte
    accuse = [c for c in courriels(app, CONTACT) if c.sujet == m.SUJET_ACCUSE_AUTORISATION]
    assert len(accuse) == 1  # ACC-09: to the person to contact, not to the establishment
    assert "Demande d'autorisation préalable n° 1" in accuse[0].corps and "Boulangerie Dupont" in accuse[0].corps
    assert not [c for c in courriels(app) if c.destinataire == "contact@boulangerie-dupont.fr"]


def test_PROC_01_la_corse_du_sud_va_a_l_ud_2A(app, nav):
    nav.inscrire(code_postal="20000", ville="Ajaccio")
    _premiere_connexion(app, nav, CONTACT)
    deposer(nav)
    assert lire(app, DemandeAutorisation, 1).departement == "2A"


@pytest.mark.parametrize("surcharge, message", [
    ({"motif": ""}, m.CHAMPS_OBLIGATOIRES),
    ({"motif": "Les vacances"}, m.MOTIF_INCONNU),
    ({"date_debut": "2030-03-01"}, m.DATE_INVALIDE.format(libelle="Date de début de la période")),
    ({"date_fin": "28/02/2030"}, m.FIN_AVANT_DEBUT),
    ({"date_fin": "01/04/2031"}, m.PERIODE_TROP_LONGUE.format(n=12)),
    ({"salaries": "0"}, m.NOMBRE_INVALIDE.format(libelle="Nombre de salariés concernés")),
    ({"heures": "beaucoup"}, m.NOMBRE_INVALIDE.format(libelle="Nombre d'heures chômées prévisionnelles")),
])
def test_PROC_01_saisie_invalide_message_clair_et_rien_d_enregistre(app, nav, etablissement, surcharge, message):
    saisir(nav, **surcharge)
    assert nav.chemin == "/demandes/nouvelle" and message in nav.alertes()
    assert compter(app, DemandeAutorisation) == 0
    for champ in ("date_debut", "date_fin", "salaries", "heures"):  # what was typed is kept
        assert nav.champ(champ) == {**DEMANDE, **surcharge}[champ]


def test_PROC_01_sans_jeton_csrf_rien_n_est_enregistre(app, nav, etablissement):
    nav.get("/demandes/nouvelle")
    reponse = nav.post("/demandes/nouvelle", {**DEMANDE, "enregistrer": "Enregistrer", "csrf_token": "faux"})
    assert reponse.status_code == 400 and compter(app, DemandeAutorisation) == 0


def test_NAV_04_PROC_05_avec_chrome_la_saisie_s_enregistre_mais_la_signature_est_impossible(app, nav, etablissement):
    nav.get("/demandes/nouvelle", headers={"User-Agent": UA_CHROME})
    nav.post("/demandes/nouvelle", {**DEMANDE, "enregistrer": "Enregistrer"}, headers={"User-Agent": UA_CHROME})
    assert m.DEMANDE_ENREGISTREE_NON_SIGNEE in nav.statuts()  # data entry works in Chrome
    nav.get("/demandes/1/signature", headers={"User-Agent": UA_CHROME})
    assert m.SIGNATURE_IMPOSSIBLE_CHROME in nav.alertes()
    assert "Signer et envoyer" not in nav.page and 'name="certification"' not in nav.page
    # even a forged POST sends nothing
    reponse = nav.post("/demandes/1/signature", {"certification": "1", "signer": "Signer et envoyer"},
                       headers={"User-Agent": UA_CHROME})
    assert reponse.status_code == 200 and m.SIGNATURE_IMPOSSIBLE_CHROME in nav.alertes()
    assert lire(app, DemandeAutorisation, 1).statut == "brouillon"
    assert m.SUJET_ACCUSE_AUTORISATION not in sujets(app)
    # the saved data is still there: another supported browser signs it
    signer(nav, 1, ua=UA_FIREFOX)
    assert lire(app, DemandeAutorisation, 1).statut == "deposee"


@pytest.mark.parametrize("profil", [p for p in PROFILS if p["support"] == "supporte"], ids=lambda p: p["id"])
def test_NAV_04_PROC_05_les_autres_navigateurs_documentes_signent(app, nav, etablissement, profil):
    saisir(nav)
    nav.get("/demandes/1/signature", headers={"User-Agent": profil["user_agent"]})
    assert 'value="Signer et envoyer"' in nav.page and not nav.alertes()
    signer(nav, 1, ua=profil["user_agent"])
    assert lire(app, DemandeAutorisation, 1).statut == "deposee"


def test_PROC_05_sans_certification_rien_n_est_envoye(app, nav, etablissement):
    saisir(nav)
    signer(nav, 1, certifier=False)
    assert m.CERTIFICATION_REQUISE in nav.alertes()
    assert lire(app, DemandeAutorisation, 1).statut == "brouillon" and m.SUJET_ACCUSE_AUTORISATION not in sujets(app)


def test_PROC_05_une_demande_ne_se_signe_qu_une_fois(app, nav, etablissement):
    saisir(nav)
    signer(nav, 1)
    premier_depot = lire(app, DemandeAutorisation, 1).depose_le
    nav.post("/demandes/1/signature", {"certification": "1", "signer": "Signer et envoyer"})
    assert m.DEJA_ENVOYEE in nav.alertes()
    assert lire(app, DemandeAutorisation, 1).depose_le == premier_depot
    assert sujets(app).count(m.SUJET_ACCUSE_AUTORISATION) == 1


# --- PROC-02: the UD's decision within 15 days ------------------------------------------------------

def test_PROC_02_l_ud_du_departement_voit_la_demande_et_sa_date_limite(app, nav, etablissement, ud19):
    deposer(nav)
    limite = procedure.instant_fr(lire(app, DemandeAutorisation, 1).date_limite)
    ud19.get("/instruction")
    assert "Demande d'autorisation préalable n° 1" in ud19.texte() and limite in ud19.texte()
    ud19.get("/instruction/demandes/1")
    assert f"Date limite de décision : {limite}" in ud19.texte()
    assert 'value="Autoriser"' in ud19.page and 'value="Refuser"' in ud19.page


def test_PROC_02_ACC_09_l_ud_autorise_et_la_personne_a_contacter_est_avisee(app, nav, etablissement, ud19):
    deposer(nav)
    decider(ud19, 1, "autoriser")
    assert m.DECISION_ENREGISTREE in ud19.statuts()
    demande = lire(app, DemandeAutorisation, 1)
    assert demande.statut == "autorisee" and demande.decide_le is not None
    decision = [c for c in courriels(app, CONTACT) if c.sujet == m.SUJET_DECISION]
    assert len(decision) == 1 and "a autorisé" in decision[0].corps
    nav.get("/demandes/1")
    assert "Statut : Autorisée" in nav.texte()


def test_PROC_02_un_refus_est_motive(app, nav, etablissement, ud19):
    deposer(nav)
    decider(ud19, 1, "refuser", motif="   ")
    assert m.MOTIF_REFUS_REQUIS in ud19.alertes()
    assert lire(app, DemandeAutorisation, 1).statut == "deposee" and m.SUJET_DECISION not in sujets(app)
    decider(ud19, 1, "refuser", motif="Baisse d'activité non établie.")
    demande = lire(app, DemandeAutorisation, 1)
    assert demande.statut == "refusee" and demande.motif_refus == "Baisse d'activité non établie."
    decision = [c for c in courriels(app, CONTACT) if c.sujet == m.SUJET_DECISION][0]
    assert "a refusé" in decision.corps and "Motif du refus : Baisse d'activité non établie." in decision.corps
    nav.get("/demandes/1")
    assert "Statut : Refusée" in nav.texte() and "Motif du refus : Baisse d'activité non établie." in nav.texte()


def test_PROC_02_un_motif_trop_long_est_refuse_sans_decider(app, nav, etablissement, ud19):
    deposer(nav)
    decider(ud19, 1, "refuser", motif="x" * 2001)
    assert m.CHAMP_TROP_LONG.format(libelle="Motif du refus", n=2000) in ud19.alertes()
    assert lire(app, DemandeAutorisation, 1).statut == "deposee" and m.SUJET_DECISION not in sujets(app)


def test_PROC_02_une_decision_se_prend_une_fois(app, nav, etablissement, ud19):
    deposer(nav)
    decider(ud19, 1, "autoriser")
    decider(ud19, 1, "refuser", motif="Trop tard")
    assert lire(app, DemandeAutorisation, 1).statut == "autorisee"
    assert sujets(app).count(m.SUJET_DECISION) == 1


def test_PROC_02_un_agent_d_un_autre_departement_ne_voit_rien_404(app, nav, etablissement, ud87):
    deposer(nav)
    ud87.get("/instruction")
    assert "Unité départementale (UD) 87" in ud87.texte() and "n° 1" not in ud87.texte()
    assert ud87.get("/instruction/demandes/1").status_code == 404
    ud87.get("/mot-de-passe/changement")  # a form of this session: its CSRF token
    reponse = ud87.post("/instruction/demandes/1", {"autoriser": "Autoriser", "motif_refus": ""})
    assert reponse.status_code == 404
    assert lire(app, DemandeAutorisation, 1).statut == "deposee" and m.SUJET_DECISION not in sujets(app)


def test_PROC_02_un_agent_sans_departement_ne_voit_rien(app, nav, etablissement):
    deposer(nav)
    agent = _agent(app, None)
    agent.get("/instruction")
    assert m.SANS_DEPARTEMENT in agent.texte() and "n° 1" not in agent.texte()
    assert agent.get("/instruction/demandes/1").status_code == 404


@pytest.mark.parametrize("profil", ["DIRECCTE", "DGEFP"])
def test_PROC_02_seuls_les_agents_d_ud_instruisent_403(app, nav, etablissement, profil):
    deposer(nav)
    agent = _agent(app, None, profil=profil)
    assert agent.get("/instruction").status_code == 403
    assert agent.get("/instruction/demandes/1").status_code == 403
    assert m.ACCES_REFUSE in agent.alertes()


def test_PROC_02_l_etablissement_n_instruit_pas_et_l_agent_ne_depose_pas_403(app, nav, etablissement, ud19):
    deposer(nav)
    assert nav.get("/instruction").status_code == 403
    assert nav.get("/instruction/demandes/1").status_code == 403
    assert ud19.get("/demandes").status_code == 403
    assert ud19.get("/demandes/1").status_code == 403
    assert ud19.get("/demandes/nouvelle").status_code == 403


def test_PROC_01_un_etablissement_ne_voit_pas_les_demandes_d_un_autre_404(app, nav, etablissement, autre_nav):
    deposer(nav)
    autre_nav.inscrire(siret=siret_valide(42), courriel="marie.martin@example.org",
                       confirmation_courriel="marie.martin@example.org", nom="Martin", prenom="Marie")
    _premiere_connexion(app, autre_nav, "marie.martin@example.org")
    autre_nav.get("/demandes")
    assert "n° 1" not in autre_nav.texte()
    for chemin in ("/demandes/1", "/demandes/1/modifier", "/demandes/1/signature",
                   "/demandes/1/indemnisations/nouvelle"):
        assert autre_nav.get(chemin).status_code == 404, chemin


def test_PROC_01_sans_connexion_retour_a_la_page_de_connexion(app):
    client = Navigateur(app.test_client())
    for chemin in ("/demandes", "/demandes/nouvelle", "/demandes/1", "/instruction", "/instruction/demandes/1"):
        client.get(chemin)
        assert client.chemin == "/" and m.CONNEXION_REQUISE in client.statuts(), chemin


def test_PROC_02_a_14_jours_23_heures_en_instruction_a_15_jours_reputee_autorisee(app, nav, etablissement, ud19):
    deposer(nav)
    nav.avancer_horloge(QUINZE_JOURS - 3600)
    nav.get("/demandes/1")
    assert "Statut : En cours d'instruction" in nav.texte() and m.REPUTEE_AUTORISEE not in nav.texte()
    assert m.SUJET_REPUTEE_AUTORISEE not in sujets(app)
    nav.avancer_horloge(3600)
    nav.get("/demandes/1")
    assert "Statut : Réputée autorisée" in nav.texte() and m.REPUTEE_AUTORISEE in nav.texte()
    demande = lire(app, DemandeAutorisation, 1)
    assert demande.statut == "reputee_autorisee" and demande.decide_le == demande.date_limite
    ud19.get("/instruction/demandes/1")  # the UD sees it too, and can no longer decide
    assert "Statut : Réputée autorisée" in ud19.texte() and 'value="Autoriser"' not in ud19.page
    ud19.post("/instruction/demandes/1", {"refuser": "Refuser", "motif_refus": "Trop tard"})
    assert lire(app, DemandeAutorisation, 1).statut == "reputee_autorisee"
    # ACC-09: mailed once, however many pages are read
    nav.get("/demandes/1")
    ud19.get("/instruction")
    assert sujets(app).count(m.SUJET_REPUTEE_AUTORISEE) == 1 and m.SUJET_DECISION not in sujets(app)


def test_PROC_02_une_decision_apres_le_delai_est_refusee(app, nav, etablissement, ud19):
    deposer(nav)
    ud19.get("/instruction/demandes/1")  # the page was opened in time…
    nav.avancer_horloge(QUINZE_JOURS)
    with base(app).fabrique() as db:  # …the click comes too late (without the lazy pass of a page)
        demande, agent = db.get(DemandeAutorisation, 1), db.scalar(select(Compte).where(Compte.profil == "UD"))
        with pytest.raises(demarche.Refus, match="réputée autorisée"):
            demarche.decider(db, demande, agent, True, None)
    assert lire(app, DemandeAutorisation, 1).statut == "reputee_autorisee"


def test_PROC_02_le_facteur_applique_les_echeances_sans_qu_on_lise(app, nav, etablissement):
    deposer(nav)
    nav.avancer_horloge(QUINZE_JOURS)
    assert isinstance(facteur(app), demarche.Facteur)
    with base(app).fabrique() as db:
        assert demarche.appliquer_echeances(db) == 1
        assert demarche.appliquer_echeances(db) == 0  # idempotent
    assert lire(app, DemandeAutorisation, 1).statut == "reputee_autorisee"
    assert sujets(app).count(m.SUJET_REPUTEE_AUTORISEE) == 1


def test_PROC_02_echeance_appliquee_une_fois_malgre_des_lectures_simultanees(app, nav, etablissement):
    """Readers and the mail worker at the same instant: one change, one mail."""
    deposer(nav)
    nav.avancer_horloge(QUINZE_JOURS)
    depart = threading.Barrier(8)

    def appliquer(_):
        with base(app).fabrique() as db:
            depart.wait()
            return demarche.appliquer_echeances(db)

    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(appliquer, range(8))) == 1
    assert sujets(app).count(m.SUJET_REPUTEE_AUTORISEE) == 1


# --- PROC-03: the demande d'indemnisation ---------------------------------------------------------

INDEMNISATION = {"date_debut": "01/03/2030", "date_fin": "31/03/2030", "salaries": "12", "heures": "300"}


def saisir_indemnisation(nav, numero=1, **surcharges):
    nav.get(f"/demandes/{numero}/indemnisations/nouvelle")
    return nav.post(f"/demandes/{numero}/indemnisations/nouvelle",
                    {**INDEMNISATION, **surcharges, "enregistrer": "Enregistrer"})


def signer_indemnisation(nav, numero, ua=UA_FIREFOX):
    nav.get(f"/indemnisations/{numero}/signature", headers={"User-Agent": ua})
    return nav.post(f"/indemnisations/{numero}/signature", {"certification": "1", "signer": "Signer et envoyer"},
                    headers={"User-Agent": ua})


def instruire(agent, numero, bouton="valider", motif=""):
    agent.get(f"/instruction/indemnisations/{numero}")
    return agent.post(f"/instruction/indemnisations/{numero}",
                      {bouton: bouton.capitalize(), "motif_invalidation": motif})


@pytest.fixture
def autorisee(app, nav, etablissement, ud19):
    deposer(nav)
    decider(ud19, 1, "autoriser")
    return 1


@pytest.mark.parametrize("etat", ["brouillon", "deposee", "refusee"])
def test_PROC_03_pas_d_indemnisation_avant_l_autorisation(app, nav, etablissement, ud19, etat):
    saisir(nav)
    if etat != "brouillon":
        signer(nav, 1)
    if etat == "refusee":
        decider(ud19, 1, "refuser", motif="Non justifiée")
    nav.get("/demandes/1")
    assert m.INDEMNISATION_AVANT_AUTORISATION in nav.texte() and "Nouvelle demande d'indemnisation" not in nav.texte()
    saisir_indemnisation(nav)
    assert m.INDEMNISATION_AVANT_AUTORISATION in nav.alertes() and 'value="Enregistrer"' not in nav.page
    assert compter(app, DemandeIndemnisation) == 0


def test_PROC_03_ACC_09_indemnisation_validee_par_l_ud_puis_mise_en_paiement_par_l_asp(app, nav, autorisee, ud19):
    nav.get("/demandes/1")
    assert "Nouvelle demande d'indemnisation" in nav.texte()
    saisir_indemnisation(nav)
    assert nav.chemin == "/indemnisations/1" and m.INDEMNISATION_ENREGISTREE in nav.statuts()
    signer_indemnisation(nav, 1)
    assert m.INDEMNISATION_ENVOYEE.format(ud="unité départementale (UD) 19") in nav.statuts()
    ud19.get("/instruction")
    assert "Demande d'indemnisation n° 1" in ud19.texte()
    instruire(ud19, 1, "valider")
    indemnisation = lire(app, DemandeIndemnisation, 1)
    assert indemnisation.statut == "mise_en_paiement" and indemnisation.mise_en_paiement_le is not None
    recus = sujets(app)
    for sujet in (m.SUJET_ACCUSE_INDEMNISATION, m.SUJET_INSTRUCTION_INDEMNISATION, m.SUJET_MISE_EN_PAIEMENT):
        assert recus.count(sujet) == 1, sujet
    nav.get("/indemnisations/1")
    assert "Statut : Mise en paiement par l'ASP" in nav.texte()


def test_PROC_03_ACC_09_invalidation_motivee_notifiee(app, nav, autorisee, ud19):
    saisir_indemnisation(nav, heures="800")
    signer_indemnisation(nav, 1)
    instruire(ud19, 1, "invalider", motif="")
    assert m.MOTIF_INVALIDATION_REQUIS in ud19.alertes() and lire(app, DemandeIndemnisation, 1).statut == "deposee"
    instruire(ud19, 1, "invalider", motif="Heures non justifiées.")
    assert lire(app, DemandeIndemnisation, 1).statut == "invalidee"
    notification = [c for c in courriels(app, CONTACT) if c.sujet == m.SUJET_INVALIDATION]
    assert len(notification) == 1 and "Motif de l'invalidation : Heures non justifiées." in notification[0].corps
    assert m.SUJET_MISE_EN_PAIEMENT not in sujets(app)
    saisir_indemnisation(nav, heures="800")  # the invalidated hours are available again
    assert compter(app, DemandeIndemnisation) == 2


@pytest.mark.parametrize("surcharge, message", [
    ({"date_debut": "15/02/2030"}, m.HORS_PERIODE_AUTORISEE.format(debut="01/03/2030", fin="31/05/2030")),
    ({"date_fin": "30/06/2030"}, m.HORS_PERIODE_AUTORISEE.format(debut="01/03/2030", fin="31/05/2030")),
    ({"salaries": "13"}, m.TROP_DE_SALARIES.format(n=12)),
    ({"heures": "801"}, m.TROP_D_HEURES.format(n=800)),
    ({"heures": ""}, m.CHAMPS_OBLIGATOIRES),
    ({"date_fin": "31/02/2030"}, m.DATE_INVALIDE.format(libelle="Date de fin de la période indemnisée")),
])
def test_PROC_03_indemnisation_invalide_message_clair_et_rien_d_enregistre(app, nav, autorisee, surcharge, message):
    saisir_indemnisation(nav, **surcharge)
    assert message in nav.alertes() and compter(app, DemandeIndemnisation) == 0


def test_PROC_03_le_contingent_d_heures_compte_les_demandes_precedentes(app, nav, autorisee):
    saisir_indemnisation(nav, heures="500")
    saisir_indemnisation(nav, heures="301")
    assert m.TROP_D_HEURES.format(n=300) in nav.alertes() and compter(app, DemandeIndemnisation) == 1


def test_PROC_03_apres_une_autorisation_reputee_l_indemnisation_est_possible(app, nav, etablissement):
    deposer(nav)
    nav.avancer_horloge(QUINZE_JOURS)
    saisir_indemnisation(nav)
    assert nav.chemin == "/indemnisations/1"
    signer_indemnisation(nav, 1)
    assert lire(app, DemandeIndemnisation, 1).statut == "deposee"


def test_NAV_04_PROC_05_l_indemnisation_ne_se_signe_pas_avec_chrome(app, nav, autorisee):
    saisir_indemnisation(nav)
    signer_indemnisation(nav, 1, ua=UA_CHROME)
    assert m.SIGNATURE_IMPOSSIBLE_CHROME in nav.alertes()
    assert lire(app, DemandeIndemnisation, 1).statut == "brouillon" and m.SUJET_ACCUSE_INDEMNISATION not in sujets(app)


def test_PROC_03_un_agent_d_un_autre_departement_ne_voit_pas_l_indemnisation(app, nav, autorisee, ud87):
    saisir_indemnisation(nav)
    signer_indemnisation(nav, 1)
    ud87.get("/instruction")
    assert "Demande d'indemnisation n° 1" not in ud87.texte()
    assert ud87.get("/instruction/indemnisations/1").status_code == 404
    ud87.get("/mot-de-passe/changement")
    assert ud87.post("/instruction/indemnisations/1", {"valider": "Valider", "motif_invalidation": ""}).status_code == 404
    assert lire(app, DemandeIndemnisation, 1).statut == "deposee"


# --- PROC-04, ENR-07, ACC-09: the Tiers déclarant --------------------------------------------------

def test_PROC_04_ENR_07_le_tiers_declarant_depose_pour_chaque_etablissement_et_recoit_les_notifications(app, nav, autre_nav):
    tiers = "cabinet.martin@example.org"
    comptes_tiers = []
    for n, (navigateur, siret) in enumerate(((nav, siret_valide(101)), (autre_nav, siret_valide(102)))):
        navigateur.inscrire(siret=siret, denomination=f"Établissement {n + 1}", courriel=tiers,
                            confirmation_courriel=tiers, nom="Martin", prenom="Claire")
        comptes_tiers.append(_premiere_connexion(app, navigateur, tiers, rang=n))
        deposer(navigateur)
    assert comptes_tiers[0] != comptes_tiers[1]  # ENR-07: one account per establishment
    accuses = [c for c in courriels(app, tiers) if c.sujet == m.SUJET_ACCUSE_AUTORISATION]
    assert len(accuses) == 2  # ACC-09: both to the Tiers, the person to contact
    assert "Établissement 1" in accuses[0].corps and "Établissement 2" in accuses[1].corps
    nav.get("/demandes")
    assert "Demande d'autorisation préalable n° 1" in nav.texte() and "n° 2" not in nav.texte()
    assert nav.get("/demandes/2").status_code == 404


# --- ACC-08, ACC-09: the Fiche établissement ---------------------------------------------------------

NOUVEL = {"nom": "Durand", "prenom": "Paul", "telephone": "05 55 00 00 01",
          "courriel": "paul.durand@example.org", "confirmation_courriel": "paul.durand@example.org"}


def ajouter(nav, **surcharges):
    nav.get("/etablissement/1/utilisateurs/ajout")
    return nav.post("/etablissement/1/utilisateurs/ajout", {**NOUVEL, **surcharges, "envoyer": "ENVOYER"})


def test_ACC_08_la_fiche_montre_la_personne_a_contacter_non_modifiable(app, nav, etablissement):
    nav.get("/etablissement")
    texte = nav.texte()
    assert "Compte principal utilisateur (Personne à contacter)" in texte
    assert "Dupont" in texte and "Jean" in texte and CONTACT in texte
    for nom in ("nom", "prenom", "courriel"):
        assert f'name="{nom}"' not in nav.page
    assert nav.client.post("/etablissement", data={"nom": "Autre"}).status_code == 405
    assert 'href="/etablissement/1/utilisateurs/ajout"' in nav.page


def test_ACC_08_la_personne_referente_demande_l_ajout_d_un_utilisateur(app, nav, etablissement, autre_nav):
    ajouter(nav)
    assert nav.chemin == "/etablissement" and m.UTILISATEUR_AJOUTE in nav.statuts()
    assert sujets(app, "paul.durand@example.org") == [m.SUJET_IDENTIFIANT, m.SUJET_MOT_DE_PASSE, m.SUJET_HABILITATION]
    assert "Durand" in nav.texte()
    _premiere_connexion(app, autre_nav, "paul.durand@example.org")  # then its own secret question
    autre_nav.get("/etablissement")
    assert "Boulangerie Dupont" in autre_nav.texte()
    assert "Ajouter un utilisateur" not in autre_nav.texte()  # only the referent person requests users
    assert autre_nav.get("/etablissement/1/utilisateurs/ajout").status_code == 403
    deposer(autre_nav)  # a user works for the establishment…
    accuse = [c for c in courriels(app) if c.sujet == m.SUJET_ACCUSE_AUTORISATION]
    assert [c.destinataire for c in accuse] == [CONTACT]  # …the person to contact is told (ACC-09)


@pytest.mark.parametrize("surcharge, message", [
    ({"courriel": "", "confirmation_courriel": ""}, m.CHAMPS_OBLIGATOIRES),
    ({"nom": ""}, m.CHAMPS_OBLIGATOIRES),
    ({"confirmation_courriel": "paul.durant@example.org"}, m.COURRIELS_DIFFERENTS.format(libelle="Courriel")),
    ({"courriel": "paul.durand", "confirmation_courriel": "paul.durand"}, m.COURRIEL_INVALIDE.format(libelle="Courriel")),
    ({"telephone": "abc"}, m.TELEPHONE_INVALIDE.format(libelle="Téléphone")),
    ({"nom": "D" * 51}, m.CHAMP_TROP_LONG.format(libelle="Nom", n=50)),
    ({"prenom": "P" * 51}, m.CHAMP_TROP_LONG.format(libelle="Prénom", n=50)),
    ({"telephone": "0" * 21}, m.CHAMP_TROP_LONG.format(libelle="Téléphone", n=20)),
    ({"courriel": "p" * 89 + "@example.org", "confirmation_courriel": "p" * 89 + "@example.org"},
     m.CHAMP_TROP_LONG.format(libelle="Courriel", n=100)),
    ({"confirmation_courriel": "p" * 89 + "@example.org"},
     m.CHAMP_TROP_LONG.format(libelle="Confirmer courriel", n=100)),
])
def test_ACC_08_ajout_invalide_message_clair_et_rien_de_cree(app, nav, etablissement, surcharge, message):
    comptes_avant = compter(app, Compte)
    ajouter(nav, **surcharge)
    assert message in nav.alertes() and nav.chemin == "/etablissement/1/utilisateurs/ajout"
    assert compter(app, Compte) == comptes_avant and compter(app, UtilisateurEtablissement) == 0
    assert nav.champ("prenom") == surcharge.get("prenom", "Paul")  # what was typed comes back


def test_ACC_08_ajout_de_champs_a_leur_longueur_maximale_tout_juste(app, nav, etablissement):
    """The limits of the further user's form (the simulator's columns: the
    guide gives none) accept a value of that length exactly."""
    courriel = "p" * 88 + "@example.org"  # 100 characters
    ajouter(nav, nom="D" * 50, prenom="P" * 50, telephone="0" * 20, courriel=courriel,
            confirmation_courriel=courriel)
    assert m.UTILISATEUR_AJOUTE in nav.statuts(), nav.alertes()
    assert compter(app, UtilisateurEtablissement) == 1


def test_ACC_08_ajout_sans_identifiant_libre_dit_de_recommencer(app, nav, etablissement, monkeypatch):
    """When every try lost its identifier to simultaneous creations (here: no
    try at all), a French message and nothing created, never a 500."""
    from simulator import comptes
    monkeypatch.setattr(comptes, "ESSAIS_IDENTIFIANT", 0)
    comptes_avant = compter(app, Compte)
    r = ajouter(nav)
    assert r.status_code == 200 and nav.chemin == "/etablissement/1/utilisateurs/ajout"
    assert m.AJOUT_A_RECOMMENCER in nav.alertes()
    assert compter(app, Compte) == comptes_avant and compter(app, UtilisateurEtablissement) == 0
    assert nav.champ("prenom") == "Paul"


def test_ACC_08_ACC_09_changement_de_personne_referente(app, nav, etablissement, autre_nav):
    ajouter(nav)
    nav.get("/etablissement")
    assert ">Nouvelle personne référente :</label>" in html.unescape(nav.page)
    with base(app).fabrique() as db:
        paul = db.scalar(select(Compte).where(Compte.courriel == "paul.durand@example.org")).id
    nav.post("/etablissement/1/personne-referente", {"personne_referente": "999"})
    assert m.PERSONNE_REFERENTE_A_CHOISIR in nav.alertes()
    assert lire(app, Etablissement, 1).compte_principal_id != paul
    nav.post("/etablissement/1/personne-referente", {"personne_referente": str(paul)})
    assert m.PERSONNE_REFERENTE_CHANGEE in nav.statuts()
    assert lire(app, Etablissement, 1).compte_principal_id == paul
    assert m.SUJET_PERSONNE_A_CONTACTER in sujets(app, "paul.durand@example.org")
    partie = nav.texte().split("Compte principal utilisateur (Personne à contacter)", 1)[1]
    assert partie.split("Utilisateurs de l'établissement")[0].count("Durand") == 1
    with base(app).fabrique() as db:  # nobody's name, first name or e-mail changed
        jean = db.scalar(select(Compte).where(Compte.courriel == CONTACT))
        assert (jean.nom, jean.prenom) == ("Dupont", "Jean")
    # the former referent still works for the establishment, without the referent's powers
    assert "Boulangerie Dupont" in nav.texte() and "Ajouter un utilisateur" not in nav.texte()
    assert nav.post("/etablissement/1/personne-referente", {"personne_referente": str(paul)}).status_code == 403
    # ACC-09: the procedure's messages now go to the new person to contact
    deposer(nav)
    accuse = [c for c in courriels(app) if c.sujet == m.SUJET_ACCUSE_AUTORISATION]
    assert [c.destinataire for c in accuse] == ["paul.durand@example.org"]


def test_ACC_08_la_personne_referente_ne_se_designe_pas_elle_meme(app, nav, etablissement):
    """Her own number is not in the list (nor anywhere in the page): sent all
    the same, it is refused, nothing changes, nobody is mailed."""
    ajouter(nav)
    with base(app).fabrique() as db:
        jean = db.scalar(select(Compte).where(Compte.courriel == CONTACT)).id
    nav.get("/etablissement")
    assert f'value="{jean}"' not in nav.page
    nav.post("/etablissement/1/personne-referente", {"personne_referente": str(jean)})
    assert m.PERSONNE_REFERENTE_A_CHOISIR in nav.alertes()
    assert m.SUJET_PERSONNE_A_CONTACTER not in sujets(app, CONTACT)
    assert compter(app, UtilisateurEtablissement) == 1  # Paul only: she is not added as a user of her own


def test_ACC_08_un_autre_etablissement_ne_touche_pas_a_la_fiche_404(app, nav, etablissement, autre_nav):
    autre_nav.inscrire(siret=siret_valide(43), denomination="Garage Martin", courriel="marie.martin@example.org",
                       confirmation_courriel="marie.martin@example.org", nom="Martin", prenom="Marie")
    _premiere_connexion(app, autre_nav, "marie.martin@example.org")
    assert autre_nav.get("/etablissement/1/utilisateurs/ajout").status_code == 404
    autre_nav.get("/mot-de-passe/changement")  # a form of this session: its CSRF token
    assert autre_nav.post("/etablissement/1/personne-referente", {"personne_referente": "1"}).status_code == 404
    autre_nav.get("/etablissement")
    assert "Boulangerie Dupont" not in autre_nav.texte()


# --- SIM-01: the control interface knows the procedure -------------------------------------------

def test_SIM_01_agent_ud_affecte_a_un_departement(app):
    client = app.test_client()
    corps = {"profil": "UD", "identifiant": "ud.corse", "nom": "A", "prenom": "B", "courriel": "b@example.org"}
    assert client.post("/_sim/agents", json={**corps, "departement": "2a"}).status_code == 201
    with base(app).fabrique() as db:
        assert db.scalar(select(AffectationAgent.departement)) == "2A"
    for departement in ("20", "99", "", 19, ["19"]):
        reponse = client.post("/_sim/agents", json={**corps, "identifiant": "ud.x", "departement": departement})
        assert reponse.status_code == 400 and "departement" in reponse.get_json()["error"], departement
    reponse = client.post("/_sim/agents", json={**corps, "profil": "DGEFP", "identifiant": "dgefp.x",
                                               "departement": "19"})
    assert reponse.status_code == 400
    assert compter(app, Compte) == 1


def test_SIM_01_reset_efface_aussi_la_demarche(app, nav, autorisee):
    saisir_indemnisation(nav)
    ajouter(nav)
    assert app.test_client().post("/_sim/reset").status_code == 204
    for modele in (DemandeIndemnisation, DemandeAutorisation, UtilisateurEtablissement, AffectationAgent,
                   Etablissement, Compte):
        assert compter(app, modele) == 0, modele.__name__


def test_SIM_01_commande_flask_creer_agent_avec_departement(app):
    resultat = app.test_cli_runner().invoke(args=[
        "creer-agent", "--profil", "UD", "--identifiant", "ud.correze", "--nom", "Agent", "--prenom", "Paul",
        "--courriel", "ud@example.org", "--departement", "19"])
    assert resultat.exit_code == 0, resultat.output
    with base(app).fabrique() as db:
        assert db.scalar(select(AffectationAgent.departement)) == "19"
    resultat = app.test_cli_runner().invoke(args=[
        "creer-agent", "--profil", "DGEFP", "--identifiant", "dgefp.x", "--nom", "A", "--prenom", "B",
        "--courriel", "x@example.org", "--departement", "19"])
    assert resultat.exit_code != 0
