"""A small pytest project outside the repository that uses the harness as an
installed plugin: two pytest-bdd scenarios asking for ``ui`` on the
Chromium profile ie7-winxp against the embedded simulator, with
``browser_context_args`` overridden in its conftest.py (per profile) and by
the marker (per test). Shared by test_options.py and
test_plugin_install.py (the same project beside pytest-playwright)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

UA = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1) recette-options"

CONFTEST = f'''
import pytest


@pytest.fixture
def browser_context_args(browser_context_args, profile):
    # per profile: only this one gets the user agent below
    if profile.id == "ie7-winxp":
        return {{**browser_context_args, "user_agent": {UA!r}}}
    return browser_context_args
'''

FEATURE = """\
# language: fr
Fonctionnalité: Options des navigateurs

  Scénario: Arguments de contexte
    Étant donné la page d'accueil
    Alors le contexte porte les arguments demandés

  Scénario: Échec qui garde ses preuves
    Étant donné la page d'accueil
    Alors la page échoue
"""

TESTS = f'''
import pytest
from pytest_bdd import given, scenario, then


@given("la page d'accueil", target_fixture="page")
def accueil(ui, base_url):
    ui.goto("/")
    assert ui.url.startswith(base_url)
    return ui


@then("le contexte porte les arguments demandés")
def arguments(page, profile):
    if profile.id == "ie7-winxp":   # per profile (conftest) and per test (marker)
        assert page.evaluate("navigator.userAgent") == {UA!r}
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Pacific/Noumea"


@then("la page échoue")
def echoue(page):
    assert False, "échec voulu : ses preuves sont gardées"


@pytest.mark.browser_context_args(timezone_id="Pacific/Noumea")
@scenario("options.feature", "Arguments de contexte")
def test_page_avec_arguments_de_contexte(profile):
    pass


@scenario("options.feature", "Échec qui garde ses preuves")
def test_echec_qui_garde_ses_preuves(profile):
    pass
'''


def make(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (path / "options.feature").write_text(FEATURE, encoding="utf-8")
    (path / "test_options_navigateur.py").write_text(TESTS, encoding="utf-8")
    return path


def env() -> dict:
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTEST_", "AP_", "COV_")) and k != "PYTHONPATH"}
    return keep


def run(path: Path, *args: str, python: str = sys.executable, profile: str = "ie7-winxp",
        timeout: int = 600):
    return subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "--profile", profile,
         "-W", "default", "-rA", *args],
        cwd=path, capture_output=True, text=True, timeout=timeout, env=env())


def results(path: Path, reports: str = "rapports") -> dict:
    return json.loads((path / reports / "results.json").read_text(encoding="utf-8"))
