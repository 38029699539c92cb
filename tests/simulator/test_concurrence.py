"""LCK-05: concurrent wrong attempts cannot get past the limit; ENR-05 and
ACC-10 under simultaneous registrations. The app is served by waitress (real
threads, real SQLite connections) and hit in parallel."""
import html
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import select
from waitress import wasyncore
from waitress.server import create_server

from simulator import messages as m
from simulator.db import base
from simulator.models import Compte

from .conftest import compte, formulaire_valide, siret_valide

TENTATIVES = 10


@pytest.fixture
def serveur(app):
    srv = create_server(app, host="127.0.0.1", port=0, threads=TENTATIVES + 2)
    fil = threading.Thread(target=srv.run, daemon=True)
    fil.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    # Closed in the server's own loop (its trigger runs the function there):
    # sockets closed from this thread while the loop waits on them made it
    # fail (« Bad file descriptor », a warning of an unhandled thread error).
    srv.trigger.pull_trigger(lambda: wasyncore.close_all(srv._map))  # the clients' connections too: the loop ends
    fil.join(timeout=60)
    srv.task_dispatcher.shutdown()
    assert not fil.is_alive(), "la boucle du serveur ne s'est pas arrêtée"


def _client_pret(url):
    """A browser that has the home page open (its session and CSRF token)."""
    client = httpx.Client(base_url=url, timeout=60)
    jeton = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
    return client, jeton


def _alerte(page: str) -> str:
    bloc = re.search(r'role="alert"[^>]*>(.*?)</div>', page, re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", bloc.group(1))).strip()) if bloc else ""


def _tentatives_simultanees(url, identifiant, mots_de_passe):
    clients = [_client_pret(url) for _ in mots_de_passe]
    depart = threading.Barrier(len(clients))

    def tenter(args):
        (client, jeton), mot = args
        depart.wait()
        r = client.post("/connexion", data={"csrf_token": jeton, "utilisateur": identifiant,
                                            "mot_de_passe": mot})
        return r.status_code, _alerte(r.text), r.headers.get("location")

    with ThreadPoolExecutor(len(clients)) as pool:
        resultats = list(pool.map(tenter, zip(clients, mots_de_passe)))
    for client, _ in clients:
        client.close()
    return resultats


def test_LCK_05_tentatives_concurrentes_ne_depassent_pas_la_limite(app, serveur, inscrit):
    identifiant, mot_de_passe = inscrit
    resultats = _tentatives_simultanees(serveur, identifiant, ["Mauvais.mdp1"] * TENTATIVES)
    assert [code for code, _, _ in resultats] == [200] * TENTATIVES  # no "database is locked"
    messages = sorted(message for _, message, _ in resultats)
    assert messages.count(m.IDENTIFIANTS_INCORRECTS) == 2
    assert messages.count(m.COMPTE_VERROUILLE) == TENTATIVES - 2
    etat = compte(app, identifiant)
    assert etat.echecs == 3 and etat.verrouille_jusqua is not None
    # followed by the right password: still locked
    client, jeton = _client_pret(serveur)
    r = client.post("/connexion", data={"csrf_token": jeton, "utilisateur": identifiant,
                                        "mot_de_passe": mot_de_passe})
    client.close()
    assert _alerte(r.text) == m.COMPTE_VERROUILLE
    assert compte(app, identifiant).echecs == 3


def test_LCK_05_le_bon_mot_de_passe_parmi_des_mauvais(app, serveur, inscrit):
    """Wrong and right attempts at once: whatever the order, the counter is
    consistent with the answers given (never more than 3, locked iff 3)."""
    identifiant, mot_de_passe = inscrit
    mots = ["Mauvais.mdp1"] * 5 + [mot_de_passe] + ["Mauvais.mdp1"] * 4
    resultats = _tentatives_simultanees(serveur, identifiant, mots)
    assert all(code in (200, 302) for code, _, _ in resultats)
    etat = compte(app, identifiant)
    assert etat.echecs <= 3
    assert (etat.verrouille_jusqua is not None) == (etat.echecs == 3)


def test_inscriptions_concurrentes_d_un_meme_siret(app, serveur):
    """ENR-05 under a race: two people pass step 1 for one SIRET, then send
    the form at once: one account, the other is told the SIRET is taken."""
    siret = siret_valide(42)
    clients = [(*_a_l_etape_compte(serveur, siret), i) for i in range(2)]
    depart = threading.Barrier(2)

    def envoyer(args):
        client, jeton, i = args
        donnees = formulaire_valide(courriel=f"c{i}@example.org", confirmation_courriel=f"c{i}@example.org")
        depart.wait()
        r = client.post("/inscription/compte", data={**donnees, "csrf_token": jeton, "envoyer": "ENVOYER"})
        return r.status_code, r.url.path, _alerte(r.text)

    with ThreadPoolExecutor(2) as pool:
        resultats = sorted(pool.map(envoyer, clients), key=lambda x: x[1])
    for client, _, _ in clients:
        client.close()
    assert [r[0] for r in resultats] == [200, 200]
    assert [r[1] for r in resultats] == ["/inscription/compte", "/inscription/demande-enregistree"]
    assert resultats[0][2] == m.SIRET_EXISTANT


def _a_l_etape_compte(url, siret):
    """A person who passed step 1 (SIRET, security code, terms) for `siret`."""
    client = httpx.Client(base_url=url, timeout=120, follow_redirects=True)
    page = client.get("/inscription/siret").text
    jeton = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    code_id = re.search(r'name="code_id" value="([^"]+)"', page).group(1)
    code = client.get(f"/_sim/captcha/{code_id}").json()["code"]
    r = client.post("/inscription/siret", data={"csrf_token": jeton, "siret": siret, "code_id": code_id,
                                                "code": code, "cgu": "1", "valider": "VALIDER"})
    assert r.url.path == "/inscription/compte"
    return client, jeton


def test_inscriptions_simultanees_d_un_meme_nom(app, serveur):
    """ACC-10 under a burst: as many people as the server has threads, all
    named Jean Dupont, send the creation form at once (distinct SIRETs). Each
    gets an account with its own identifier; none gets a 500."""
    personnes = [_a_l_etape_compte(serveur, siret_valide(100 + i)) for i in range(TENTATIVES)]
    depart = threading.Barrier(len(personnes))

    def envoyer(args):
        i, (client, jeton) = args
        donnees = formulaire_valide(courriel=f"c{i}@example.org", confirmation_courriel=f"c{i}@example.org")
        depart.wait()
        r = client.post("/inscription/compte", data={**donnees, "csrf_token": jeton, "envoyer": "ENVOYER"})
        return r.status_code, r.url.path

    with ThreadPoolExecutor(len(personnes)) as pool:
        resultats = list(pool.map(envoyer, enumerate(personnes)))
    for client, _ in personnes:
        client.close()
    assert resultats == [(200, "/inscription/demande-enregistree")] * TENTATIVES
    with base(app).fabrique() as db:
        identifiants = list(db.scalars(select(Compte.identifiant).where(Compte.nom == "Dupont")))
    assert len(set(identifiants)) == TENTATIVES, identifiants
    assert all(i.startswith("jdupont") for i in identifiants)
