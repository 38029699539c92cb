"""Every input is bounded where it enters (issue 11, items 1 and 5): dates far
in the future, ids too large for the database, a clock moved too far — a
French message or a 404/400, never a 500 and nothing saved; and the control
interface never shows itself to a client off the loopback."""
import os
import socket
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from simulator.db import base
from simulator.models import DemandeAutorisation

from .test_demandes import deposer, etablissement, saisir, ud19  # noqa: F401 (fixtures)

GRAND = "99999999999999999999999"


def _demandes(app) -> int:
    with base(app).fabrique() as db:
        return db.scalar(select(func.count()).select_from(DemandeAutorisation))


@pytest.mark.parametrize("debut, fin", [("01/01/9999", "31/12/9999"), ("31/12/9999", "31/12/9999"),
                                        ("01/01/2030", "31/12/9999"), ("01/01/0001", "02/01/0001")])
def test_une_date_hors_limites_est_refusee_en_francais(app, nav, etablissement, debut, fin):  # noqa: F811
    avant = _demandes(app)
    reponse = saisir(nav, date_debut=debut, date_fin=fin)
    assert reponse.status_code == 200
    assert "doit être une date comprise entre le 01/01/1900 et le 31/12/2099" in nav.alertes()
    assert _demandes(app) == avant


def test_une_date_hors_limites_dans_une_indemnisation(app, nav, etablissement, ud19):  # noqa: F811
    numero = deposer(nav)
    ud19.get(f"/instruction/demandes/{numero}")
    ud19.post(f"/instruction/demandes/{numero}", {"autoriser": "Autoriser", "motif_refus": ""})
    nav.get(f"/demandes/{numero}/indemnisations/nouvelle")
    reponse = nav.post(f"/demandes/{numero}/indemnisations/nouvelle", {
        "date_debut": "31/12/9999", "date_fin": "31/12/9999", "salaries": "1", "heures": "1",
        "enregistrer": "Enregistrer"})
    assert reponse.status_code == 200
    assert "doit être une date comprise entre" in nav.alertes()


@pytest.mark.parametrize("chemin", [
    f"/demandes/{GRAND}", f"/demandes/{GRAND}/modifier", f"/demandes/{GRAND}/signature",
    f"/demandes/{GRAND}/indemnisations/nouvelle", f"/indemnisations/{GRAND}",
    f"/indemnisations/{GRAND}/modifier", f"/indemnisations/{GRAND}/signature",
    f"/etablissement/{GRAND}/utilisateurs/ajout", f"/demandes/{2**63}", f"/demandes/{2**31}"])
def test_un_numero_trop_grand_est_une_page_qui_n_existe_pas(nav, etablissement, chemin):  # noqa: F811
    assert nav.client.get(chemin).status_code == 404
    assert nav.client.post(chemin, data={"csrf_token": nav.jeton}).status_code in (404, 405)


@pytest.mark.parametrize("chemin", [f"/instruction/demandes/{GRAND}", f"/instruction/indemnisations/{GRAND}"])
def test_un_numero_trop_grand_cote_ud(ud19, chemin):  # noqa: F811
    assert ud19.client.get(chemin).status_code == 404


def test_un_numero_trop_grand_au_changement_de_personne_referente(nav, etablissement):  # noqa: F811
    nav.get("/etablissement")
    reponse = nav.client.post(f"/etablissement/{GRAND}/personne-referente",
                              data={"csrf_token": nav.jeton, "personne_referente": GRAND})
    assert reponse.status_code == 404


@pytest.mark.parametrize("secondes", [10**12, 2**63, 10**30, 50 * 366 * 24 * 3600 + 1])
def test_l_horloge_ne_part_pas_a_l_infini(app, nav, secondes):
    client = app.test_client()
    reponse = client.post("/_sim/clock", json={"advance_seconds": secondes})
    assert reponse.status_code == 400
    assert "rien n'a changé" in reponse.get_json()["error"] or "entier" in reponse.get_json()["error"]
    assert client.get("/_sim/clock").get_json()["offset_seconds"] == 0  # nothing saved
    assert nav.get("/").status_code == 200 and nav.get("/inscription/siret").status_code == 200


def test_l_horloge_borne_le_total_pas_seulement_chaque_pas(app):
    client = app.test_client()
    pas = 20 * 366 * 24 * 3600
    assert client.post("/_sim/clock", json={"advance_seconds": pas}).status_code == 200
    assert client.post("/_sim/clock", json={"advance_seconds": pas}).status_code == 200
    assert client.post("/_sim/clock", json={"advance_seconds": pas}).status_code == 400
    assert client.get("/_sim/clock").get_json()["offset_seconds"] == 2 * pas
    assert Navigateur_ok(app)


def Navigateur_ok(app) -> bool:
    client = app.test_client()
    return all(client.get(p).status_code == 200 for p in ("/", "/inscription/siret", "/mot-de-passe/oubli"))


# --- Item 5: the control interface never shows itself ---------------------------------------------

DISTANT = {"REMOTE_ADDR": "203.0.113.7"}


def _empreinte(reponse):
    return reponse.status_code, reponse.mimetype, reponse.get_data()


METHODES = ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")


@pytest.mark.parametrize("chemin", ["/_sim/health", "/_sim/reset", "/_sim/clock", "/_sim/captcha/x",
                                    "/_sim/agents", "/_sim/asp-accounts", "/_sim/courriels", "/_sim",
                                    "/_sim/", "/_sim/n-existe-pas"])
def test_SIM_01_un_client_distant_recoit_le_meme_404_que_pour_un_chemin_inexistant(app, chemin):
    client = app.test_client()
    for methode in METHODES:
        temoin = client.open("/_sim/ce-chemin-n-existe-pas", method=methode, environ_base=DISTANT)
        assert temoin.status_code == 404
        reponse = client.open(chemin, method=methode, environ_base=DISTANT, json={"advance_seconds": 5})
        assert _empreinte(reponse) == _empreinte(temoin), methode
        assert "Allow" not in reponse.headers
        # and a path that does not exist anywhere answers alike
        assert _empreinte(client.open("/n-existe-pas-du-tout", method=methode, environ_base=DISTANT)) == \
            _empreinte(temoin)
    # nothing happened: the clock did not move
    assert client.get("/_sim/clock").get_json()["offset_seconds"] == 0


def test_SIM_01_la_boucle_locale_voit_toujours_le_405(app):
    assert app.test_client().post("/_sim/health").status_code == 405


def _serve(*args, env=None):
    return subprocess.run([sys.executable, "-m", "simulator", "serve", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def test_SIM_01_serve_refuse_le_controle_sur_une_adresse_non_locale(tmp_path):
    resultat = _serve("--host", "0.0.0.0", "--control", "--port", "1",
                      "--database-url", f"sqlite:///{tmp_path}/s.db")
    assert resultat.returncode != 0
    assert "Refus de démarrer" in resultat.stderr and "--exposer-controle" in resultat.stderr
    assert not (tmp_path / "s.db").exists()  # refused before anything was created


def test_SIM_01_serve_refuse_aussi_SIM_CONTROL(tmp_path):
    env = {**os.environ, "SIM_CONTROL": "1"}
    resultat = _serve("--host", "192.0.2.1", "--port", "1", "--database-url", f"sqlite:///{tmp_path}/s.db",
                      env=env)
    assert resultat.returncode != 0 and "Refus de démarrer" in resultat.stderr


def test_SIM_01_l_exception_explicite_est_journalisee(tmp_path):
    """With --exposer-controle it goes on (here to a port already taken, so
    that it stops right after the warning, which is what is checked)."""
    with socket.socket() as occupe:
        occupe.bind(("0.0.0.0", 0))
        occupe.listen()
        resultat = _serve("--host", "0.0.0.0", "--control", "--exposer-controle",
                          "--port", str(occupe.getsockname()[1]), "--database-url", f"sqlite:///{tmp_path}/s.db")
    assert "ATTENTION : mode contrôle actif sur 0.0.0.0" in resultat.stderr
