"""Issue 14, « by --base-url, against any site »: the audit (compatibility
findings, axe-core and the RGAA checks, a screenshot per profile) through
the real plugin, end to end, against sites the harness did not start.

- a simulator started in its own process *without* control mode (as the
  staging-reach test does, ``embedded_stack(control=False)``), reached by
  ``--target recette --base-url …``; the audit is turned on for that target
  by an ``audit.yaml`` of the run (section ``cibles``), not by ``--audit``;
- a deliberately bad site served here (the pages of test_audit.py: ``fetch``,
  ``const``, CSS grid, ``<input type="date">``, an image without ``alt``, a
  field without label), reached by a bare ``--base-url`` from a small
  pytest-bdd project of its own, whose own ``audit.yaml`` turns the audit on
  (``defaut: actif: true``).

test_audit.py checks the capture, the npm tools and the report piece by
piece; test_audit_recette.py the run against the embedded simulator.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from harness.services import ROOT, embedded_stack

from .conftest import pages_fixes
from .test_audit import PAGES

PROFILS = ("ie7-winxp", "ie8-winxp")
SCENARIOS = "bloc or vide_les_champs"   # two short scenarios of features/accueil.feature


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAILPIT_URL", "AP_TARGET", "AP_BASE_URL", "PYTEST_XDIST_WORKER",
                        "PYTEST_XDIST_WORKER_COUNT", "PYTEST_CURRENT_TEST", "RECETTE_URL")}
    return {**env, **extra}


def _pytest(argv: list[str], cwd: Path, env: dict) -> tuple[int, str]:
    fait = subprocess.run([sys.executable, "-m", "pytest", "-n", "0", "-p", "no:randomly", "-q",
                           "--tracing", "off", *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=1800)
    return fait.returncode, f"{fait.stdout[-4000:]}\n{fait.stderr[-2000:]}"


def _audit(rapports: Path) -> dict:
    return json.loads((rapports / "audit.json").read_text(encoding="utf-8"))


def _entree(document: dict, chemin: str, profil: str) -> dict:
    page = next(p for p in document["pages"] if p["chemin"] == chemin)
    return page["par_profil"][profil]


def _captures_png(document: dict, rapports: Path) -> None:
    for page in document["pages"]:
        for profil, entree in page["par_profil"].items():
            assert entree["capture"], f"pas de capture de {page['chemin']} pour {profil}"
            assert (rapports / entree["capture"]).read_bytes().startswith(b"\x89PNG")


# --- a simulator started apart, without control mode -----------------------------------

def test_un_simulateur_demarre_a_part_est_audite_par_base_url(tmp_path):
    # the project's settings (its accepted findings), plus: on for « recette »
    donnees = yaml.safe_load((ROOT / "audit.yaml").read_text(encoding="utf-8"))
    assert "recette" not in donnees["cibles"], "audit.yaml l'active déjà : le test ne prouve rien"
    donnees["cibles"]["recette"] = {"actif": True}
    reglages = tmp_path / "audit.yaml"
    reglages.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    rapports = tmp_path / "rapports"
    with embedded_stack(tmp_path / "pile", control=False) as (site, _mailpit):
        argv = ["tests/acceptance", "-k", SCENARIOS, "--target", "recette", "--base-url", site,
                "--audit-file", str(reglages), f"--reports-dir={rapports}"]
        for profil in PROFILS:
            argv += ["--profile", profil]
        # RECETTE_URL leads nowhere: only --base-url reaches the site
        code, sortie = _pytest(argv, ROOT, _env(RECETTE_URL="http://127.0.0.1:9"))
    assert code == 0 and " passed" in sortie, sortie

    document = _audit(rapports)
    assert document["cible"] == "recette", document["cible"]
    assert document["pages"], sortie
    for page in document["pages"]:
        assert page["url"].startswith(site + "/"), page["url"]
        assert set(page["par_profil"]) == set(PROFILS), (page["chemin"], list(page["par_profil"]))
    _captures_png(document, rapports)
    for profil in PROFILS:   # the simulator passes its own audit, wherever it runs
        resume = document["resume"][profil]
        assert resume["pages"] >= 1, resume
        assert resume["compat"].get("erreur", 0) == 0, resume
        assert resume["axe"].get("erreur", 0) + resume["verifications"].get("erreur", 0) == 0, resume
    resultats = json.loads((rapports / "results.json").read_text(encoding="utf-8"))
    assert resultats["audit"]["rapport"] == "audit.html"
    html = (rapports / "audit.html").read_text(encoding="utf-8")
    assert site in html and "Internet Explorer 7" in html


# --- a deliberately bad site, by a bare --base-url -------------------------------------

FEATURE = """\
# language: fr
Fonctionnalité: Un site quelconque

  Scénario: Deux pages du site
    Étant donné la page moderne du site
    Quand on ouvre la page en défaut
    Alors la page en défaut est affichée
"""

TESTS = '''
from pytest_bdd import given, scenario, then, when


@given("la page moderne du site")
def moderne(ui):
    ui.goto("/moderne")


@when("on ouvre la page en défaut")
def defauts(ui):
    ui.goto("/defauts")


@then("la page en défaut est affichée")
def affichee(ui):
    assert ui.url.endswith("/defauts")


@scenario("site.feature", "Deux pages du site")
def test_deux_pages(profile):
    pass
'''


@pytest.fixture
def site_en_defaut(servir_http):
    return servir_http(pages_fixes(PAGES))


def test_un_site_en_defaut_est_signale_de_bout_en_bout(site_en_defaut, tmp_path):
    projet = tmp_path / "projet"
    projet.mkdir()
    (projet / "site.feature").write_text(FEATURE, encoding="utf-8")
    (projet / "test_site.py").write_text(TESTS, encoding="utf-8")
    # the project's own audit.yaml (pytest's rootdir) turns the audit on for
    # a site it does not list; no --audit option
    (projet / "audit.yaml").write_text("defaut:\n  actif: true\n", encoding="utf-8")
    rapports = projet / "rapports"
    code, sortie = _pytest(["-p", "harness.audit.plugin", "--base-url", site_en_defaut,
                            "--profile", "ie8-winxp", "--profile", "chrome",
                            "--reports-dir", "rapports"], projet, _env())
    assert code == 0 and "2 passed" in sortie, sortie

    document = _audit(rapports)
    assert {p["chemin"] for p in document["pages"]} == {"/moderne", "/defauts"}
    # per profile: the states after « Étant donné » and « Quand » read; after
    # « Alors » (the address only: no call of the page) not read again
    assert (document["couts"]["lectures"], document["couts"]["inchangees"]) == (4, 2), document["couts"]
    for page in document["pages"]:
        assert page["url"].startswith(site_en_defaut + "/"), page["url"]
    ie8 = {f["feature"] for f in _entree(document, "/moderne", "ie8-winxp")["compat"]}
    assert {"fetch", "const", "css-grid", "html.elements.input.type_date"} <= ie8, ie8
    assert _entree(document, "/moderne", "chrome")["compat"] == []
    for profil in ("ie8-winxp", "chrome"):
        violations = {v["id"] for v in _entree(document, "/defauts", profil)["axe"]}
        assert {"image-alt", "label"} <= violations, violations
    _captures_png(document, rapports)
    assert len({e["capture"] for p in document["pages"] for e in p["par_profil"].values()}) == 4
    matrice = (rapports / "matrix.html").read_text(encoding="utf-8")
    assert "Audit (compatibilité, RGAA)" in matrice
