"""POST /_sim/comptes (issue 10): test accounts through the real creation code,
indistinguishable from registered ones."""
import threading

import httpx
import pytest
from sqlalchemy import func, select

from simulator import messages as m
from simulator.controle_comptes import siret_aleatoire
from simulator.db import base
from simulator.models import AffectationAgent, Compte, Courriel, Etablissement
from simulator.regles import siret_normalise

from .conftest import SIRET_GUIDE, Navigateur, compte, courriels, identifiants_recus, siret_valide


def semer(app, **corps):
    reponse = app.test_client().post("/_sim/comptes", json=corps)
    return reponse.status_code, reponse.get_json()


def _compter(app, modele) -> int:
    with base(app).fabrique() as db:
        return db.scalar(select(func.count()).select_from(modele))


CLES = {"identifiant", "mot_de_passe", "courriel", "profil", "etat", "siret", "departement", "nom",
        "prenom", "question", "reponse", "prenom_nom"}


@pytest.mark.parametrize("profil", ["Etablissement", "Tiers déclarant", "UD", "DIRECCTE", "DGEFP"])
def test_un_compte_connecte_se_connecte_par_le_vrai_formulaire(app, nav, profil):
    code, cree = semer(app, profil=profil)
    assert code == 201, cree
    assert CLES <= set(cree) and cree["profil"] == profil and cree["etat"] == "connecte"
    nav.connecter(cree["identifiant"], cree["mot_de_passe"])
    assert nav.chemin == "/espace", nav.alertes()
    assert f">{cree['prenom_nom']}</button>" in nav.page  # OUT-01: top right, as the contract says
    enregistre = compte(app, cree["identifiant"])
    assert enregistre.mot_de_passe_hash.startswith("$argon2")
    assert enregistre.reponse_secrete_hash.startswith("$argon2")
    assert enregistre.question_secrete == cree["question"]
    assert not enregistre.changement_requis and enregistre.derniere_connexion is not None
    assert courriels(app) == []  # no mail unless asked


def test_etablissement_complet_pour_la_procedure(app, nav):
    code, cree = semer(app, profil="Etablissement", code_postal="19100", nom="Dupont", prenom="Jean")
    assert code == 201, cree
    assert siret_normalise(cree["siret"]) == cree["siret"]
    assert cree["departement"] == "19" and cree["ville"] == "Brive-la-Gaillarde"
    assert cree["identifiant"] == "jdupont" and cree["prenom_nom"] == "jean.dupont"
    with base(app).fabrique() as db:
        etablissement = db.scalar(select(Etablissement).where(Etablissement.siret == cree["siret"]))
        assert etablissement.compte_principal.identifiant == "jdupont"  # ACC-08: the person to contact
        assert etablissement.code_postal == "19100" and etablissement.denomination == cree["denomination"]
    nav.connecter(cree["identifiant"], cree["mot_de_passe"])
    nav.get("/etablissement")
    assert cree["siret"] in nav.page


def test_un_departement_donne_choisit_le_code_postal(app):
    code, cree = semer(app, profil="Etablissement", departement="2B")
    assert code == 201 and cree["departement"] == "2B" and cree["code_postal"].startswith("20")
    code, cree = semer(app, profil="Etablissement", departement="19", code_postal="87000")
    assert code == 400 and "87" in cree["error"]


def test_agent_ud_avec_son_departement(app):
    code, cree = semer(app, profil="UD", departement="2a")
    assert code == 201 and cree["departement"] == "2A" and cree["identifiant"].startswith("ud.")
    with base(app).fabrique() as db:
        agent = db.scalar(select(Compte).where(Compte.identifiant == cree["identifiant"]))
        assert db.get(AffectationAgent, agent.id).departement == "2A"
    assert semer(app, profil="UD")[1]["departement"] == "19"  # the guide's Corrèze by default


def test_jamais_connecte_doit_changer_son_mot_de_passe(app, nav):
    code, cree = semer(app, profil="Etablissement", etat="jamais_connecte")
    assert code == 201
    nav.connecter(cree["identifiant"], cree["mot_de_passe"])
    assert nav.chemin == "/mot-de-passe/changement"  # PWD-01
    assert compte(app, cree["identifiant"]).derniere_connexion is not None
    # RST-06: before that login, the secrets count as not set
    code, cree = semer(app, profil="UD", etat="jamais_connecte")
    agent = compte(app, cree["identifiant"])
    assert agent.changement_requis and agent.derniere_connexion is None and agent.question_secrete is None


def test_verrouille_est_refuse_avec_le_message(app, nav):
    code, cree = semer(app, profil="Etablissement", etat="verrouille")
    assert code == 201
    nav.connecter(cree["identifiant"], cree["mot_de_passe"])  # even the right password (LCK-02)
    assert nav.chemin == "/connexion" and nav.alertes() == m.COMPTE_VERROUILLE
    nav.avancer_horloge(30 * 60)  # LCK-03: the lock starts at the simulator's now
    nav.connecter(cree["identifiant"], cree["mot_de_passe"])
    assert nav.chemin == "/espace", nav.alertes()


def test_un_siret_seme_ne_peut_plus_s_inscrire(app, nav):
    code, cree = semer(app, profil="Etablissement", siret=SIRET_GUIDE)
    assert code == 201 and cree["siret"] == SIRET_GUIDE
    nav.etape_siret(SIRET_GUIDE)
    assert nav.chemin == "/inscription/siret" and m.SIRET_EXISTANT in nav.alertes()  # ENR-05
    avant = _compter(app, Compte)
    code, erreur = semer(app, profil="Etablissement", siret="130 006 372 00010")
    assert code == 409 and erreur == {"error": "ce SIRET a déjà un compte"}
    assert _compter(app, Compte) == avant


def test_un_siret_inscrit_par_les_pages_ne_peut_pas_etre_seme(app, nav):
    nav.inscrire()
    assert semer(app, profil="Tiers déclarant", siret=SIRET_GUIDE)[0] == 409


def test_identifiants_comme_a_l_inscription(app, nav):
    """Same generation as the pages: initial + name, then 2, 3… whoever came first."""
    assert semer(app, profil="Etablissement", prenom="Jean", nom="Dupont")[1]["identifiant"] == "jdupont"
    nav.inscrire(prenom="Julie", nom="Dupont")  # through the pages
    assert identifiants_recus(app, "jean.dupont@example.org")[0] == "jdupont2"
    cree = semer(app, profil="Tiers déclarant", prenom="Jérôme", nom="Dupont")[1]
    assert cree["identifiant"] == "jdupont3"
    assert semer(app, profil="UD", prenom="Jean", nom="Dupont")[1]["identifiant"] == "ud.jdupont"
    assert semer(app, profil="UD", prenom="Jean", nom="Dupont")[1]["identifiant"] == "ud.jdupont2"


def test_identifiants_concurrents_tous_differents(app, config, tmp_path):
    """Concurrent creations of the same name on a served simulator: each
    gets its own identifier, none fails (the real creation's retry)."""
    from waitress.server import create_server

    serveur = create_server(app, host="127.0.0.1", port=0, threads=6)
    fil = threading.Thread(target=serveur.run, daemon=True)
    fil.start()
    try:
        url = f"http://127.0.0.1:{serveur.effective_port}/_sim/comptes"
        resultats = []

        def creer():
            with httpx.Client(timeout=60) as client:
                resultats.append(client.post(url, json={"profil": "Etablissement", "prenom": "Jean",
                                                        "nom": "Dupont", "etat": "jamais_connecte"}))
        fils = [threading.Thread(target=creer) for _ in range(6)]
        for f in fils:
            f.start()
        for f in fils:
            f.join(timeout=120)
        assert [r.status_code for r in resultats] == [201] * 6, [r.text for r in resultats]
        assert sorted(r.json()["identifiant"] for r in resultats) == [
            "jdupont", "jdupont2", "jdupont3", "jdupont4", "jdupont5", "jdupont6"]
    finally:
        serveur.close()
        fil.join(timeout=10)


def test_courriels_seulement_sur_demande(app):
    code, cree = semer(app, profil="Etablissement", etat="jamais_connecte", envoyer_courriels=True)
    assert code == 201
    sujets = [c.sujet for c in courriels(app, cree["courriel"])]
    assert sujets == [m.SUJET_IDENTIFIANT, m.SUJET_MOT_DE_PASSE, m.SUJET_HABILITATION]
    assert f"[{cree['mot_de_passe']}]" in courriels(app, cree["courriel"])[1].corps


def test_champs_donnes_respectes(app, nav):
    code, cree = semer(app, profil="DIRECCTE", nom="Martin", prenom="Élodie", courriel="e.martin@exemple.fr",
                       mot_de_passe="Secret.2024", question="Mon premier chat ?", reponse="Minou ")
    assert code == 201
    assert (cree["mot_de_passe"], cree["courriel"], cree["question"], cree["reponse"]) == (
        "Secret.2024", "e.martin@exemple.fr", "Mon premier chat ?", "Minou ")
    assert cree["prenom_nom"] == "elodie.martin"
    nav.connecter(cree["identifiant"], "Secret.2024")
    assert nav.chemin == "/espace"


@pytest.mark.parametrize("corps, morceau", [
    (None, "corps JSON"),
    ({}, "profil"),
    ({"profil": "Admin"}, "profil"),
    ({"profil": "Etablissement", "etat": "supprime"}, "etat"),
    ({"profil": "Etablissement", "inconnu": 1}, "champ inconnu : « inconnu »"),
    ({"profil": "Etablissement", "siret": "12345678901234"}, "siret"),
    ({"profil": "UD", "siret": SIRET_GUIDE}, "siret"),
    ({"profil": "Etablissement", "departement": "20"}, "departement"),
    ({"profil": "Etablissement", "code_postal": "99999"}, "code_postal"),
    ({"profil": "Etablissement", "code_postal": "19000", "ville": "Brive-la-Gaillarde"}, "ville"),
    ({"profil": "Tiers déclarant", "denomination": "X"}, "denomination"),
    ({"profil": "Etablissement", "courriel": "pas-une-adresse"}, "courriel"),
    ({"profil": "Etablissement", "mot_de_passe": "court"}, "8 caractères"),
    ({"profil": "Etablissement", "reponse": "abc"}, "reponse"),
    ({"profil": "Etablissement", "nom": "x" * 51}, "50 caractères"),
    ({"profil": "Etablissement", "nom": "a\x00b"}, "contrôle"),
    ({"profil": "Etablissement", "nom": 12}, "nom"),
    ({"profil": "Etablissement", "envoyer_courriels": "oui"}, "envoyer_courriels"),
])
def test_refus_en_francais_rien_de_cree(app, corps, morceau):
    avant = (_compter(app, Compte), _compter(app, Etablissement), _compter(app, Courriel))
    reponse = app.test_client().post("/_sim/comptes", json=corps)
    assert reponse.status_code == 400
    assert morceau in reponse.get_json()["error"]
    assert (_compter(app, Compte), _compter(app, Etablissement), _compter(app, Courriel)) == avant


def test_absent_hors_mode_controle(config):
    from simulator import create_app

    app = create_app({**config, "CONTROL": False})
    try:
        assert app.test_client().post("/_sim/comptes", json={"profil": "UD"}).status_code == 404
    finally:
        base(app).engine.dispose()


def test_hors_boucle_locale_404(app):
    reponse = app.test_client().post("/_sim/comptes", json={"profil": "UD"},
                                     environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert reponse.status_code == 404 and _compter(app, Compte) == 0


def test_siret_aleatoire_toujours_valide():
    for _ in range(200):
        siret = siret_aleatoire()
        assert siret_normalise(siret) == siret
    assert siret_valide(1) != siret_aleatoire()
