"""`flask --app simulator comptes-de-test` (issue 10): a pool of test accounts
written by hand, as a staging site's administrator would, without control mode."""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simulator import create_app
from simulator.db import base

from .conftest import Navigateur, courriels

CLES = {"identifiant", "mot_de_passe", "profil", "etat", "courriel", "prenom_nom", "question", "reponse",
        "consommable"}


@pytest.fixture
def app_sans_controle(config):
    application = create_app({**config, "CONTROL": False})
    yield application
    base(application).engine.dispose()


def _lancer(app, *arguments):
    resultat = app.test_cli_runner().invoke(args=["comptes-de-test", *arguments])
    return resultat


def _lire_env(fichier: Path) -> dict:
    """The env file as `set -a; . FICHIER` reads it (shell quoting)."""
    valeurs = {}
    for ligne in fichier.read_text(encoding="utf-8").splitlines():
        cle, _, valeur = ligne.partition("=")
        valeurs[cle] = shlex.split(valeur)[0]
    return valeurs


def test_pool_en_clair_et_comptes_utilisables(app_sans_controle, tmp_path):
    sortie = tmp_path / "recette.pool.yaml"
    resultat = _lancer(app_sans_controle, "--sortie", str(sortie), "--nombre", "2", "--consommables", "1",
                       "--profil", "Etablissement", "--profil", "UD")
    assert resultat.exit_code == 0, resultat.output
    assert "6 comptes écrits" in resultat.output
    comptes = yaml.safe_load(sortie.read_text(encoding="utf-8"))["comptes"]
    assert len(comptes) == 6 and all(CLES <= set(c) for c in comptes)
    assert [c["consommable"] for c in comptes] == [False, False, True] * 2
    assert [c["profil"] for c in comptes] == ["Etablissement"] * 3 + ["UD"] * 3
    assert all(c["siret"] for c in comptes[:3]) and all(c["departement"] == "19" for c in comptes)
    assert oct(sortie.stat().st_mode & 0o777) == "0o600"  # it holds passwords
    assert courriels(app_sans_controle) == []
    nav = Navigateur(app_sans_controle.test_client())
    for compte in (comptes[0], comptes[5]):
        nav.connecter(compte["identifiant"], compte["mot_de_passe"])
        assert nav.chemin == "/espace", nav.alertes()
        assert f">{compte['prenom_nom']}</button>" in nav.page
        nav.get("/deconnexion")


def test_secrets_dans_un_fichier_d_environnement(app_sans_controle, tmp_path):
    sortie, env = tmp_path / "recette.pool.yaml", tmp_path / "recette.env"
    resultat = _lancer(app_sans_controle, "--sortie", str(sortie), "--nombre", "1", "--consommables", "0",
                       "--secrets-env", str(env), "--prefixe", "AP_RECETTE")
    assert resultat.exit_code == 0, resultat.output
    texte = sortie.read_text(encoding="utf-8")
    [compte] = yaml.safe_load(texte)["comptes"]
    variable = "AP_RECETTE_" + compte["identifiant"].upper().replace(".", "_")
    assert compte["mot_de_passe"] == "${%s}" % variable
    assert compte["reponse"] == "${%s_REPONSE}" % variable
    secrets_ = _lire_env(env)
    assert set(secrets_) == {variable, variable + "_REPONSE"}
    assert secrets_[variable] not in texte and secrets_[variable + "_REPONSE"] not in texte
    nav = Navigateur(app_sans_controle.test_client())
    nav.connecter(compte["identifiant"], secrets_[variable])
    assert nav.chemin == "/espace", nav.alertes()


def test_refus_en_francais(app_sans_controle, tmp_path):
    resultat = _lancer(app_sans_controle, "--sortie", str(tmp_path / "p.pool.yaml"), "--departement", "20")
    assert resultat.exit_code != 0 and "departement" in resultat.output
    resultat = _lancer(app_sans_controle, "--sortie", str(tmp_path / "p.pool.yaml"), "--prefixe", "ap-x")
    assert resultat.exit_code != 0 and "majuscules" in resultat.output
    assert not (tmp_path / "p.pool.yaml").exists()


def test_vraie_commande_flask_sur_un_fichier_sqlite(tmp_path):
    """The command as an administrator types it, in a subprocess, on a SQLite
    file named by SIM_DATABASE_URL, control mode off."""
    flask = shutil.which("flask", path=str(Path(sys.executable).parent))
    assert flask, "la commande flask est installée avec Flask"
    environnement = {k: v for k, v in os.environ.items() if not k.startswith("SIM_")}
    environnement["SIM_DATABASE_URL"] = f"sqlite:///{tmp_path / 'recette.db'}"
    sortie = tmp_path / "recette.pool.yaml"
    fini = subprocess.run(
        [flask, "--app", "simulator", "comptes-de-test", "--sortie", str(sortie), "--nombre", "1",
         "--consommables", "1", "--profil", "Tiers déclarant", "--secrets-env", str(tmp_path / "recette.env")],
        env=environnement, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert fini.returncode == 0, fini.stderr
    comptes = yaml.safe_load(sortie.read_text(encoding="utf-8"))["comptes"]
    assert [(c["profil"], c["consommable"]) for c in comptes] == [("Tiers déclarant", False),
                                                                  ("Tiers déclarant", True)]
    secrets_ = _lire_env(tmp_path / "recette.env")
    app = create_app({"TESTING": True, "DATABASE_URL": environnement["SIM_DATABASE_URL"], "CONTROL": False,
                      "MAIL_WORKER": False, "SECRET_KEY": "tests"})
    try:
        nav = Navigateur(app.test_client())
        compte = comptes[1]
        nav.connecter(compte["identifiant"], secrets_[compte["mot_de_passe"][2:-1]])
        assert nav.chemin == "/espace", nav.alertes()
    finally:
        base(app).engine.dispose()
