"""SIM_HACHAGE: the cost of the argon2 hashes. Production's by default;
argon2-cffi's cheapest parameters when a simulator only serves tests (the
harness's embedded stack). The parameters are read back from the hash strings
the database keeps, as argon2 itself reads them."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import extract_parameters, profiles

from simulator import create_app, regles
from simulator.db import base

from .conftest import Navigateur, compte

RACINE = Path(__file__).resolve().parents[2]
PRODUCTION = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}  # OWASP minimum


def _cout(hache: str) -> dict:
    p = extract_parameters(hache)
    return {"time_cost": p.time_cost, "memory_cost": p.memory_cost, "parallelism": p.parallelism}


def _minimal() -> dict:
    p = profiles.CHEAPEST
    return {"time_cost": p.time_cost, "memory_cost": p.memory_cost, "parallelism": p.parallelism}


@pytest.fixture
def app_minimale(config):
    application = create_app({**config, "HACHAGE": "minimal"})
    yield application
    base(application).engine.dispose()


def _semer_et_se_connecter(app) -> tuple[dict, Navigateur]:
    reponse = app.test_client().post("/_sim/comptes", json={"profil": "Etablissement"})
    assert reponse.status_code == 201, reponse.get_json()
    cree = reponse.get_json()
    nav = Navigateur(app.test_client())
    nav.connecter(cree["identifiant"], cree["mot_de_passe"])
    assert nav.chemin == "/espace", nav.alertes()
    return cree, nav


def test_par_defaut_le_cout_de_production(config, monkeypatch):
    monkeypatch.delenv("SIM_HACHAGE", raising=False)
    app = create_app(config)
    try:
        assert app.config["HACHAGE"] == "production"
        cree, _ = _semer_et_se_connecter(app)
        enregistre = compte(app, cree["identifiant"])
        assert _cout(enregistre.mot_de_passe_hash) == PRODUCTION
        assert _cout(enregistre.reponse_secrete_hash) == PRODUCTION
        with app.app_context():
            assert _cout(regles.hash_leurre()) == PRODUCTION
    finally:
        base(app).engine.dispose()
    assert _cout(regles.hacher("hors de toute application")) == PRODUCTION  # a rule used alone


def test_minimal_est_le_profil_le_moins_cher_d_argon2(app_minimale):
    assert _minimal() != PRODUCTION  # the test could not tell them apart otherwise
    cree, _ = _semer_et_se_connecter(app_minimale)  # the same code paths log in with it
    enregistre = compte(app_minimale, cree["identifiant"])
    assert enregistre.mot_de_passe_hash.startswith("$argon2id$")
    assert _cout(enregistre.mot_de_passe_hash) == _minimal()
    assert _cout(enregistre.reponse_secrete_hash) == _minimal()
    with app_minimale.app_context():  # an unknown user is checked at the same cost as a known one
        assert _cout(regles.hash_leurre()) == _minimal()
    autre = Navigateur(app_minimale.test_client())  # and a wrong password is still refused
    autre.connecter(cree["identifiant"], cree["mot_de_passe"] + "x")
    assert autre.chemin != "/espace" and autre.alertes()


def test_la_variable_d_environnement_choisit_le_cout(config, monkeypatch):
    monkeypatch.setenv("SIM_HACHAGE", "minimal")
    application = create_app(config)
    try:
        assert application.config["HACHAGE"] == "minimal"
        cree, _ = _semer_et_se_connecter(application)
        assert _cout(compte(application, cree["identifiant"]).mot_de_passe_hash) == _minimal()
    finally:
        base(application).engine.dispose()


def test_un_hash_garde_son_cout_quand_la_configuration_change(config, monkeypatch):
    """The cost is read from the hash: an account hashed at production cost
    still logs in on the same database served with minimal."""
    monkeypatch.delenv("SIM_HACHAGE", raising=False)
    app = create_app(config)
    cree, _ = _semer_et_se_connecter(app)
    base(app).engine.dispose()
    autre = create_app({**config, "HACHAGE": "minimal"})
    try:
        nav = Navigateur(autre.test_client())
        nav.connecter(cree["identifiant"], cree["mot_de_passe"])
        assert nav.chemin == "/espace", nav.alertes()
        assert _cout(compte(autre, cree["identifiant"]).mot_de_passe_hash) == PRODUCTION
    finally:
        base(autre).engine.dispose()


def test_une_valeur_inconnue_est_refusee_en_francais(config, tmp_path):
    with pytest.raises(ValueError, match="SIM_HACHAGE : « rapide » n'est pas un coût de hachage connu"):
        create_app({**config, "HACHAGE": "rapide"})
    resultat = subprocess.run(
        [sys.executable, "-m", "simulator", "serve", "--port", "1", "--database-url", f"sqlite:///{tmp_path}/s.db"],
        cwd=RACINE, env={**os.environ, "SIM_HACHAGE": "rapide"}, capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 2
    assert "Refus de démarrer : SIM_HACHAGE" in resultat.stderr and "production, minimal" in resultat.stderr
    assert "Traceback" not in resultat.stderr


def test_l_aide_documente_SIM_HACHAGE():
    sortie = subprocess.run([sys.executable, "-m", "simulator", "serve", "--help"], cwd=RACINE,
                            capture_output=True, text=True, timeout=60)
    assert "SIM_HACHAGE" in sortie.stdout and "minimal" in sortie.stdout
