"""Cucumber JSON and JUnit XML read by real consumers: junitparser (what
CI and test-management importers do with JUnit) and the npm
cucumber-html-reporter (pinned in package.json), on the files of one
acceptance run with two xdist workers (pytest-bdd 9 alone writes an empty
Cucumber JSON under xdist)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from junitparser import JUnitXml, Properties

from . import projet_options as projet

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = "seul_au_bout or successifs_verrouillent"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("formats")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "-q",
         "tests/acceptance", "--profile", "ie7-winxp", "-k", SCENARIOS,
         "--reports-dir", str(out / "rapports"),
         f"--cucumberjson={out / 'cucumber.json'}", f"--junitxml={out / 'junit.xml'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env=projet.env())
    assert "2 passed" in proc.stdout, proc.stdout + proc.stderr
    return out


def test_junit_read_by_junitparser(run):
    xml = JUnitXml.fromfile(str(run / "junit.xml"))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == 2
    for case in cases:
        assert case.name.endswith("[ie7-winxp]"), case.name   # the profile in every name
        assert case.is_passed
        props = {}
        for p in case.child(Properties) or []:
            props.setdefault(p.name, []).append(p.value)
        assert props["profil"] == ["ie7-winxp"]
        assert props["regle"] and all(r.startswith("LCK-") for r in props["regle"])
        assert props["requirements"] == [",".join(props["regle"])]
        assert props["scenario"][0] in ("Trois mots de passe erronés successifs verrouillent le compte",
                                        "Le compte se déverrouille seul au bout de 30 minutes")


def test_cucumber_json_under_xdist_with_profile_and_rule_tags(run):
    features = json.loads((run / "cucumber.json").read_text(encoding="utf-8"))
    elements = [e for f in features for e in f["elements"]]
    assert len(elements) == 2, features
    for e in elements:
        assert e["name"].endswith(" — ie7-winxp"), e["name"]
        tags = {t["name"] for t in e["tags"]}
        assert "@profil-ie7-winxp" in tags and any(t.startswith("@LCK-0") for t in tags), tags
        assert all(s["result"]["status"] == "passed" for s in e["steps"])


@pytest.mark.skipif(shutil.which("node") is None, reason="node absent : npm ci (scripts/setup.sh)")
def test_cucumber_json_read_by_cucumber_html_reporter(run):
    html = run / "cucumber.html"
    proc = subprocess.run(["node", str(ROOT / "scripts" / "cucumber-html.cjs"),
                           str(run / "cucumber.json"), str(html)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = html.read_text(encoding="utf-8")
    assert "Le compte se déverrouille seul au bout de 30 minutes — ie7-winxp" in page
    assert "@LCK-03" in page
    assert "Recette Activité Partielle" in page


ENGLISH = re.compile(r"\b(the|and|is|are|with|must|after|before|gets?|cannot|only|every|"
                     r"which|while|until|user|account|password|button|field)\b", re.I)


def test_every_rule_description_is_french():
    """The rows of reports/matrix.html: French, in the guide's words (an
    English word outside a quotation of the site fails)."""
    catalogue = yaml.safe_load((ROOT / "fixtures" / "rules.yaml").read_text(encoding="utf-8"))
    english = {}
    for rule in catalogue["rules"]:
        outside_quotes = re.sub(r"«[^»]*»", "", rule["rule"])
        found = ENGLISH.findall(outside_quotes)
        if found:
            english[rule["id"]] = found
    assert english == {}, english
    assert catalogue["rules"][0]["rule"].startswith("Pris en charge : Windows XP (SP3 minimum)")
