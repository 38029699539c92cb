"""What a scenario needs, derived from its steps (harness/besoins.py, issue 10
item 3): the steps' ``@exige`` give the needs, the harness marks the items
at collection and skips at set-up, with the French reason, the scenarios
whose target lacks one — with features that carry no plumbing tag.

The end-to-end check runs a tiny project in its own pytest process with the
real harness plugin, against a real HTTP site given by ``--base-url`` (a
target that allows nothing); its steps never open a browser.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness import bdd, besoins

from .conftest import ETAPES_VERROUILLAGE, VERROUILLAGE, pages_fixes

ROOT = Path(__file__).resolve().parents[2]

#: The lockout feature of the lint's tests, plus a scenario that needs mail.
FEATURE = VERROUILLAGE + """
  @LCK-02
  Plan du scénario: Un courriel part
    Quand il saisit <n> fois un mot de passe erroné
    Alors il reçoit le courriel « Compte verrouillé »

    Exemples:
      | n |
      | 1 |
"""
STEPS = ETAPES_VERROUILLAGE


def test_a_scenario_needs_what_its_steps_need(tmp_path, monkeypatch):
    from pytest_bdd.parser import FeatureParser

    (tmp_path / "etapes_besoins.py").write_text(STEPS, encoding="utf-8")
    (tmp_path / "verrouillage.feature").write_text(FEATURE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        import etapes_besoins  # noqa: F401 - registers the steps

        matcher = besoins.Matcher(bdd.step_definitions(["etapes_besoins"]))
        feature = FeatureParser(str(tmp_path), "verrouillage.feature").parse()
        found = {name: matcher.needs_of(t.render(t.examples[0].as_contexts().__next__())
                                        if t.examples else t.render({}))
                 for name, t in feature.scenarios.items()}
    finally:
        sys.modules.pop("etapes_besoins", None)
    compte = {"compte": "un établissement inscrit qui s'est déjà connecté"}
    courriel = "il reçoit le courriel « Compte verrouillé »"
    assert found == {
        "Trois mots de passe erronés verrouillent le compte": compte,
        "Le temps passe": {**compte, "horloge": "29 minutes passent"},
        "Un courriel part": {**compte, "courriel": courriel, "compte_consommable": courriel},
    }


def test_the_pinned_pytest_bdd_is_the_one_harness_bdd_reads():
    assert bdd.check_version().startswith(bdd.SUPPORTED)


def test_another_pytest_bdd_is_refused_clearly(monkeypatch):
    monkeypatch.setattr(bdd, "SUPPORTED", ("99.",))
    with pytest.raises(bdd.UnsupportedPytestBdd, match="n'est pas pris en charge par harness/bdd.py"):
        bdd.step_definitions()


# --- end to end, with the real harness plugin ----------------------------------------

@pytest.fixture(scope="module")
def site(servir_http):
    return servir_http(pages_fixes({}, sinon=("text/plain", "ok")))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    path = tmp_path_factory.mktemp("besoins")
    (path / "features").mkdir()
    (path / "features" / "verrouillage.feature").write_text(FEATURE, encoding="utf-8")
    (path / "etapes_besoins.py").write_text(STEPS, encoding="utf-8")
    (path / "conftest.py").write_text(textwrap.dedent("""\
        import pytest

        pytest_plugins = ["harness.report.plugin", "harness.plugin", "etapes_besoins"]


        @pytest.fixture(autouse=True)
        def _sur_un_profil(profile):
            pass
        """), encoding="utf-8")
    (path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers\n", encoding="utf-8")
    (path / "test_scenarios.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("features/verrouillage.feature")\n',
        encoding="utf-8")
    return path


def run(project, *args):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTEST_") and k not in ("AP_TARGET", "AP_BASE_URL", "MAILPIT_URL")}
    env["PYTHONPATH"] = os.pathsep.join([str(project), str(ROOT)])
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0",
                           "-c", str(project / "pytest.ini"), "--rootdir", str(project), "--rules-file", str(ROOT / "fixtures" / "rules.yaml"),
                           "--profile", "ie7-winxp", *args, "test_scenarios.py"],
                          cwd=project, capture_output=True, text=True, timeout=300, env=env)


def test_the_needs_are_markers_of_the_collected_items(project, site):
    proc = run(project, "--base-url", site, "--collect-only", "-q", "-m", "horloge")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    collected = [line for line in proc.stdout.splitlines() if "::" in line]
    assert collected == ["test_scenarios.py::test_le_temps_passe[ie7-winxp-29]"], proc.stdout


def test_a_target_without_a_need_skips_with_the_french_reason(project, site):
    proc = run(project, "--base-url", site, "-rs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 skipped" in proc.stdout, proc.stdout
    records = json.loads((project / "reports" / "results.json").read_text(encoding="utf-8"))["results"]
    reasons = {r["scenario"]: r["reason"] for r in records}
    who = f"la cible « {site} »"
    account = (f"{who} ne fournit pas de compte : comptes « inscription » demande de lire le code "
               "de sécurité et les courriels")
    assert reasons == {
        "Trois mots de passe erronés verrouillent le compte": account,
        "Le temps passe": f"{who} ne permet pas d'avancer l'horloge; {account}",
        "Un courriel part": f"{who} ne permet pas de lire les courriels; {account}",
    }
    assert {t for r in records for t in r["tags"]} >= {"compte", "horloge", "courriel", "compte_consommable"}
