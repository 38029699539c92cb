"""Fixtures shared by the harness's own tests: a real HTTP site on the
loopback, the simulator served in its own process, and the sample rule
catalogue of the report tests."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

#: A small rule catalogue (the fixtures/rules.yaml format) for the report's tests.
CATALOGUE_LCK_PWD = """\
groups: {LCK: "Verrouillage du compte", PWD: "Première connexion et politique de mot de passe"}
rules:
  - {id: LCK-01, group: LCK, kind: doc, rule: "Trois erreurs verrouillent le compte.", guide: "x"}
  - {id: LCK-02, group: LCK, kind: impl, rule: "Verrouillé, même le bon mot de passe est refusé."}
  - {id: LCK-03, group: LCK, kind: doc, rule: "Le compte se déverrouille seul.", guide: "x"}
  - {id: PWD-02, group: PWD, kind: doc, rule: "Au moins 8 caractères.", guide: "x"}
"""


#: A small step module of the lockout (each step's needs in ``@exige``), for
#: the tests that match steps without a browser: the feature lint
#: (test_lint.py: one step of each fault it catches) and the needs
#: (test_besoins.py).
ETAPES_VERROUILLAGE = '''\
from pytest_bdd import given, when, then, parsers
from steps import exige

@given("un établissement inscrit qui s'est déjà connecté")
@exige("compte")
def _compte():
    pass

@when(parsers.parse("il saisit {n:d} fois un mot de passe erroné"))
def _erreurs(n):
    pass

@when(parsers.parse("{n:d} minutes passent"))
@exige("horloge")
def _temps(n):
    pass

@then("la connexion est refusée car le compte est verrouillé")
def _refus():
    pass

@then(parsers.parse("il reçoit le courriel « {sujet} »"))
@exige("courriel", "compte_consommable")
def _courriel(sujet):
    pass

@then(parsers.parse("le message « {message} » s'affiche"))
def _message(message):
    pass

@then("le message « Compte verrouillé » s'affiche")
def _message_precis():
    pass

@then("l'horloge avance d'un jour")
@exige("horlog")
def _faute_de_frappe():
    pass
'''

#: A clean feature of the lockout whose every step ETAPES_VERROUILLAGE defines.
VERROUILLAGE = """\
# language: fr
@LCK
Fonctionnalité: Verrouillage du compte

  Contexte:
    Étant donné un établissement inscrit qui s'est déjà connecté

  @LCK-01
  Scénario: Trois mots de passe erronés verrouillent le compte
    Quand il saisit 3 fois un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @LCK-03
  Plan du scénario: Le temps passe
    Quand <n> minutes passent
    Alors la connexion est refusée car le compte est verrouillé

    Exemples:
      | n  |
      | 29 |
"""


def pages_fixes(pages: dict[str, tuple[str, str]],
                sinon: tuple[str, str] | None = None) -> type[BaseHTTPRequestHandler]:
    """A handler that answers GET ``path`` with ``pages[path]`` (content type,
    body), any other path with ``sinon`` (200) or a 404 when there is none."""

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            page = pages.get(self.path, sinon)
            kind, body = page or ("text/plain", "")
            self.send_response(200 if page else 404)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    return Pages


@pytest.fixture(scope="module")
def servir_http() -> Iterator[Callable[[type[BaseHTTPRequestHandler]], str]]:
    """``servir_http(handler) -> url``: a real HTTP site on the loopback,
    served by a thread with ``handler`` until the end of the test module."""
    serveurs: list[ThreadingHTTPServer] = []

    def servir(handler: type[BaseHTTPRequestHandler]) -> str:
        serveur = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=serveur.serve_forever, daemon=True).start()
        serveurs.append(serveur)
        return f"http://127.0.0.1:{serveur.server_port}"

    yield servir
    for serveur in serveurs:
        serveur.shutdown()
        serveur.server_close()


@pytest.fixture(scope="module")
def simulateur(tmp_path_factory) -> Iterator[str]:
    """The simulator served in its own process, control mode on (nothing
    outside simulator/ imports it: tests/harness/test_architecture.py)."""
    from harness.services import free_port, simulator_process

    service = simulator_process(tmp_path_factory.mktemp("simulateur"), smtp_port=free_port(), control=True)
    service.start()
    yield service.url
    service.stop()
