"""Another login attempt typed on the page that refused the last one
(pages/accueil.py ``se_connecter_de_nouveau``): no home page opened again,
and the message awaited next is the new page's, never the one already read —
the refusal page is served late here, so that reading the old one would show.

On every engine (HARNESS_TEST_ENGINES restricts them, as in test_ui_engines)."""
from __future__ import annotations

import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness.profiles import load
from harness.ui import start_engine
from pages import textes
from pages.accueil import PageAccueil

from .test_ui_engines import profile_for

ENGINES = [e for e in os.environ.get("HARNESS_TEST_ENGINES", "chromium,firefox,webkit").split(",") if e]
RETARD = 1.0  # how late the refusal page comes (not a bound on anything)


def _page(message: str = "", bloc: bool = True) -> str:
    alerte = f'<div role="alert">{message}</div>' if message else ""
    formulaire = f"""<form method="post" action="/connexion">
  <label for="u">{textes.UTILISATEUR}</label> <input id="u" name="utilisateur">
  <label for="m">{textes.MOT_DE_PASSE}</label> <input id="m" name="mot_de_passe" type="password">
  <button type="submit">{textes.CONNEXION}</button></form>""" if bloc else ""
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title><link rel="icon" href="data:,"></head>
<body>{alerte}<h2>{textes.TITRE_CONNEXION if bloc else "Autre page"}</h2>{formulaire}</body></html>"""


class Site(BaseHTTPRequestHandler):
    requetes: list[str] = []

    def _repondre(self, corps: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(corps.encode())

    def do_GET(self):  # noqa: N802
        if self.path == "/favicon.ico":  # asked by some engines on their own
            self.send_response(404)
            self.end_headers()
            return
        Site.requetes.append(f"GET {self.path}")
        self._repondre(_page() if self.path == "/" else _page("Page sans bloc de connexion", bloc=False))

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Site.requetes.append(f"POST {self.path}")
        refus = sum(r.startswith("POST") for r in Site.requetes)
        time.sleep(RETARD)
        self._repondre(_page(f"Refus numéro {refus}"))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url():
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{serveur.server_port}"
    serveur.shutdown()
    serveur.server_close()


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    engine = start_engine(request.param, load())
    yield engine
    engine.close()


@pytest.fixture
def accueil(engine, base_url):
    ui = engine.new_ui(profile_for(engine.name), base_url)
    ui.timeout = 10
    Site.requetes.clear()
    yield PageAccueil(ui)
    ui.close()


def test_a_new_attempt_on_the_refusal_page_reads_its_own_message(accueil):
    accueil.ouvrir()
    accueil.se_connecter("jdupont", "Mauvais.mdp1")
    accueil.attendre_erreur()
    assert accueil.texte_des_messages() == "Refus numéro 1"
    for numero in (2, 3):
        assert accueil.se_connecter_de_nouveau("jdupont", "Mauvais.mdp1")
        accueil.attendre_erreur()
        assert accueil.texte_des_messages() == f"Refus numéro {numero}"
    assert Site.requetes == ["GET /", "POST /connexion", "POST /connexion", "POST /connexion"]


def test_no_new_attempt_where_no_refusal_shows_the_login_block(accueil):
    accueil.ouvrir()  # the block, but no refusal
    assert not accueil.se_connecter_de_nouveau("jdupont", "Mauvais.mdp1")
    accueil.ui.goto("/autre")  # a refusal, but no block
    assert accueil.erreur_affichee()
    assert not accueil.se_connecter_de_nouveau("jdupont", "Mauvais.mdp1")
    assert Site.requetes == ["GET /", "GET /autre"]
