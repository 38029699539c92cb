"""The test-control interface (SIM-01), exactly as CONTROL_API.md."""
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from simulator import create_app
from simulator.db import base
from simulator.models import CodeSecurite, Compte, Courriel, Etablissement, SessionWeb

from .conftest import SIRET_GUIDE

PAQUET = Path(__file__).resolve().parents[2] / "simulator"


def test_SIM_01_eteint_par_defaut(config, monkeypatch):
    monkeypatch.delenv("SIM_CONTROL", raising=False)
    app = create_app({k: v for k, v in config.items() if k != "CONTROL"})
    client = app.test_client()
    for methode, chemin in (("get", "/_sim/health"), ("post", "/_sim/reset"), ("get", "/_sim/clock"),
                            ("post", "/_sim/clock"), ("get", "/_sim/captcha/x"), ("post", "/_sim/agents"),
                            ("post", "/_sim/asp-accounts"), ("post", "/_sim/couverture")):
        reponse = getattr(client, methode)(chemin, json={})
        assert reponse.status_code == 404, chemin
        assert reponse.mimetype == "text/html"  # as if it did not exist
    base(app).engine.dispose()


def test_nommer_le_scenario_sans_mesure_de_couverture_repond_404_en_le_disant(app):
    """POST /_sim/couverture (make mutation) answers only a simulator started
    with SIM_COUVERTURE (tests/harness/test_mutation.py runs one)."""
    reponse = app.test_client().post("/_sim/couverture", json={"contexte": "scenario"})
    assert reponse.status_code == 404
    assert "mesure de couverture inactive" in reponse.get_json()["error"]


def test_SIM_01_allume_par_l_environnement(config, monkeypatch):
    monkeypatch.setenv("SIM_CONTROL", "1")
    app = create_app({k: v for k, v in config.items() if k != "CONTROL"})
    assert app.test_client().get("/_sim/health").status_code == 200
    base(app).engine.dispose()


@pytest.mark.parametrize("adresse", ["10.0.0.5", "192.168.1.10", "8.8.8.8", "2001:db8::1"])
def test_SIM_01_boucle_locale_seulement(app, adresse):
    client = app.test_client()
    reponse = client.get("/_sim/health", environ_base={"REMOTE_ADDR": adresse})
    assert reponse.status_code == 404 and reponse.mimetype == "text/html"
    assert client.post("/_sim/reset", environ_base={"REMOTE_ADDR": adresse}).status_code == 404


@pytest.mark.parametrize("adresse", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_SIM_01_boucle_locale_acceptee(app, adresse):
    reponse = app.test_client().get("/_sim/health", environ_base={"REMOTE_ADDR": adresse})
    assert reponse.status_code == 200


def test_SIM_01_sante_et_horloge(app):
    client = app.test_client()
    sante = client.get("/_sim/health").get_json()
    assert sante["status"] == "ok"
    avant = datetime.fromisoformat(sante["now"])
    assert avant.utcoffset() == timedelta(0)
    horloge = client.get("/_sim/clock").get_json()
    assert horloge["offset_seconds"] == 0 and set(horloge) == {"now", "offset_seconds"}
    apres = client.post("/_sim/clock", json={"advance_seconds": 3600}).get_json()
    assert apres["offset_seconds"] == 3600
    assert datetime.fromisoformat(apres["now"]) - avant >= timedelta(hours=1)
    client.post("/_sim/clock", json={"advance_seconds": 48 * 3600})
    assert client.get("/_sim/clock").get_json()["offset_seconds"] == 49 * 3600


@pytest.mark.parametrize("corps", [{}, {"advance_seconds": -1}, {"advance_seconds": "60"},
                                   {"advance_seconds": 1.5}, {"advance_seconds": True}, [], "x"])
def test_SIM_01_horloge_refuse_un_mauvais_corps(app, corps):
    reponse = app.test_client().post("/_sim/clock", json=corps)
    assert reponse.status_code == 400 and "error" in reponse.get_json()


def test_SIM_01_horloge_survit_au_redemarrage(config):
    premiere = create_app(config)
    premiere.test_client().post("/_sim/clock", json={"advance_seconds": 1800})
    base(premiere).engine.dispose()
    seconde = create_app(config)
    assert seconde.test_client().get("/_sim/clock").get_json()["offset_seconds"] == 1800
    base(seconde).engine.dispose()


def test_SIM_01_code_de_securite(nav):
    nav.get("/inscription/siret")
    code_id = nav.champ("code_id")
    code = nav.client.get(f"/_sim/captcha/{code_id}").get_json()["code"]
    assert len(code) == 6 and code.isalnum() and code == code.lower()
    inconnu = nav.client.get("/_sim/captcha/inconnu")
    assert inconnu.status_code == 404 and "error" in inconnu.get_json()
    nav.avancer_horloge(601)
    assert nav.client.get(f"/_sim/captcha/{code_id}").status_code == 404  # expired


def test_SIM_01_reset_efface_tout(app, nav, inscrit):
    nav.connecter(*inscrit)
    nav.avancer_horloge(60)
    nav.get("/inscription/siret")
    assert nav.client.post("/_sim/reset").status_code == 204
    with base(app).fabrique() as db:
        for modele in (Compte, Etablissement, Courriel, CodeSecurite, SessionWeb):
            assert db.scalar(select(func.count()).select_from(modele)) == 0, modele.__name__
    assert nav.client.get("/_sim/clock").get_json()["offset_seconds"] == 0
    nav.get("/espace")
    assert nav.chemin == "/"  # the session is gone
    nav.etape_siret(SIRET_GUIDE)
    assert nav.chemin == "/inscription/compte"  # the SIRET is free again


def test_SIM_01_agents(app):
    client = app.test_client()
    corps = {"profil": "UD", "identifiant": "ud.correze", "nom": "Martin", "prenom": "Paul",
             "courriel": "paul.martin@travail.gouv.fr"}
    reponse = client.post("/_sim/agents", json=corps)
    assert reponse.status_code == 201 and reponse.get_json() == {"identifiant": "ud.correze"}
    reponse = client.post("/_sim/agents", json=corps)
    assert reponse.status_code == 409 and reponse.get_json() == {"error": "cet identifiant existe déjà"}
    for mauvais in ({**corps, "profil": "Etablissement"}, {**corps, "identifiant": ""},
                    {**corps, "identifiant": "Avec Espace"}, {k: v for k, v in corps.items() if k != "nom"}):
        reponse = client.post("/_sim/agents", json=mauvais)
        assert reponse.status_code == 400 and "error" in reponse.get_json()
    assert client.post("/_sim/agents", data="pas du json").status_code == 400


def test_SIM_01_comptes_asp(app):
    client = app.test_client()
    corps = {"siret": SIRET_GUIDE, "application": "SYLAé", "identifiant": "sylae.x",
             "mot_de_passe": "Sylae.mdp1", "courriel": "x@example.org"}
    assert client.post("/_sim/asp-accounts", json=corps).status_code == 201
    reponse = client.post("/_sim/asp-accounts", json=corps)
    assert reponse.status_code == 409 and reponse.get_json() == {"error": "ce SIRET a déjà un compte"}
    reponse = client.post("/_sim/asp-accounts", json={**corps, "siret": "73282932000074"})  # same identifier
    assert reponse.status_code == 409 and reponse.get_json() == {"error": "cet identifiant existe déjà"}
    assert client.post("/_sim/asp-accounts", json={**corps, "siret": "123"}).status_code == 400


def test_SIM_01_pas_de_csrf_ni_de_session(app):
    reponse = app.test_client().post("/_sim/clock", json={"advance_seconds": 1})
    assert reponse.status_code == 200
    assert "Set-Cookie" not in reponse.headers


def test_SIM_01_une_seule_horloge():
    """Nothing but simulator/horloge.py reads the time."""
    for fichier in PAQUET.rglob("*.py"):
        if fichier.name == "horloge.py":
            continue
        texte = fichier.read_text(encoding="utf-8")
        for lecture in ("datetime.now", "datetime.utcnow", "time.time(", "date.today", "time.monotonic"):
            assert lecture not in texte, f"{fichier.name} lit l'heure ({lecture})"
