"""The compatibility matrix, built from sample results: cell aggregation,
the Markdown summary, and the HTML page opened in a real Chromium."""
import json
import os
import re

import pytest

import yaml

from harness import rules
from harness.report import matrix as mx

from .conftest import CATALOGUE_LCK_PWD

CATALOGUE = CATALOGUE_LCK_PWD

SKIP_REASON = "la cible « staging » ne permet pas d'avancer l'horloge"


def run(nodeid, rules, profile, outcome, **extra):
    return {"nodeid": nodeid, "feature": "Verrouillage du compte", "scenario": nodeid,
            "rules": rules, "profile": profile, "outcome": outcome, "reason": "",
            "message": "", "evidence": None, **extra}


@pytest.fixture
def doc():
    return {
        "generated_at": "2025-11-28T22:46:00+01:00",
        "target": {"name": "staging", "base_url": "https://staging.exemple.fr", "embedded": False,
                   "capabilities": {"captcha": "code fixe", "courriel": None,
                                    "horloge": None, "controle": None}},
        "engines": {"chromium": "140.0.7339.185", "firefox": "140.5.0esr"},
        "profiles": [{"id": "ie11-win7", "label": "Internet Explorer 11", "engine": "chromium"},
                     {"id": "firefox-45.8-win7", "label": "Firefox 45.8", "engine": "firefox"}],
        "results": [
            run("trois_erreurs[ie11-win7]", ["LCK-01", "LCK-02"], "ie11-win7", "passed"),
            run("succes_remet_a_zero[ie11-win7]", ["LCK-01"], "ie11-win7", "passed"),
            run("trois_erreurs[firefox-45.8-win7]", ["LCK-01", "LCK-02"], "firefox-45.8-win7", "failed",
                message="AssertionError: le compte n'est pas verrouillé",
                evidence={"screenshot": "evidence/trois/capture.png", "html": "evidence/trois/page.html",
                          "trace": "evidence/trois/trace.zip"}),
            run("succes_remet_a_zero[firefox-45.8-win7]", ["LCK-01"], "firefox-45.8-win7", "passed"),
            run("deverrouillage[ie11-win7]", ["LCK-03"], "ie11-win7", "skipped", reason=SKIP_REASON),
            run("deverrouillage[firefox-45.8-win7]", ["LCK-03"], "firefox-45.8-win7", "skipped",
                reason=SKIP_REASON),
        ],
    }


@pytest.fixture
def catalogue():
    return rules.parse(yaml.safe_load(CATALOGUE), "rules.yaml")


# --- building ---------------------------------------------------------------------

def test_cells_aggregate_the_runs_that_prove_a_rule_on_a_profile(doc, catalogue):
    m = mx.build_matrix(doc, catalogue)
    assert [c.id for c in m.columns] == ["ie11-win7", "firefox-45.8-win7"]
    assert [r.rule.id for r in m.rows] == ["LCK-01", "LCK-02", "LCK-03", "PWD-02"]
    # failed if any failed, even beside a pass
    assert m.cell("LCK-01", "firefox-45.8-win7").status == mx.FAILED
    assert m.cell("LCK-01", "firefox-45.8-win7").summary == "1 échoué, 1 réussi"
    assert m.cell("LCK-01", "ie11-win7").status == mx.PASSED
    assert m.cell("LCK-02", "ie11-win7").status == mx.PASSED
    # skipped with its reason when all were skipped
    skipped = m.cell("LCK-03", "ie11-win7")
    assert (skipped.status, skipped.reasons) == (mx.SKIPPED, [SKIP_REASON])
    # a rule of the catalogue that no scenario proves: its row is there, not run
    assert m.cell("PWD-02", "ie11-win7").status == mx.NOTRUN
    assert m.cell("PWD-02", "firefox-45.8-win7").label == "non exécuté"


def test_a_pass_beside_a_skip_is_a_pass(catalogue):
    doc = {"results": [run("a", ["LCK-01"], "p", "passed"),
                       run("b", ["LCK-01"], "p", "skipped", reason="x")]}
    assert mx.build_matrix(doc, catalogue).cell("LCK-01", "p").status == mx.PASSED


def test_the_failed_cell_links_to_its_evidence(doc, catalogue):
    m = mx.build_matrix(doc, catalogue)
    assert m.cell("LCK-01", "firefox-45.8-win7").evidence["screenshot"] == "evidence/trois/capture.png"


def test_totals_count_runs_and_rules(doc, catalogue):
    t = mx.build_matrix(doc, catalogue).totals
    assert t["runs_total"] == 6
    assert (t["runs"]["passed"], t["runs"]["failed"], t["runs"]["skipped"]) == (3, 1, 2)
    assert t["rules_total"] == 4
    assert (t["rules"]["failed"], t["rules"]["skipped"], t["rules"]["notrun"]) == (2, 1, 1)


def test_a_rule_id_outside_the_catalogue_gets_its_own_row(catalogue):
    doc = {"results": [run("a", ["XYZ-09"], "p", "passed")]}
    m = mx.build_matrix(doc, catalogue)
    assert m.groups[-1].title == "Hors catalogue"
    assert m.cell("XYZ-09", "p").status == mx.PASSED


def test_every_rule_of_the_project_catalogue_is_a_row():
    catalogue = rules.load()  # fixtures/rules.yaml
    m = mx.build_matrix({"results": [run("a", ["LCK-03"], "p", "passed")]}, catalogue)
    ids = [r.rule.id for r in m.rows]
    assert len(ids) == len(catalogue.rules) >= 60
    assert {"NAV-01", "LCK-03", "SIM-02"} <= set(ids)
    assert sum(1 for r in m.rows if r.status == mx.NOTRUN) == len(ids) - 1


def test_the_yaml_catalogue_reads_groups_and_deferrals():
    c = rules.parse(yaml.safe_load("""
groups: {PROC: "La démarche"}
deferred: {PROC-01: {issue: "Demande préalable", reason: "Pas encore dans le simulateur"}}
rules:
  - {id: PROC-01, group: PROC, kind: doc, rule: "Filing", guide: "La demande"}
"""))
    assert c.groups == {"PROC": "La démarche"}
    assert c.rules["PROC-01"].deferred.reason == "Pas encore dans le simulateur"


def test_a_rule_with_a_three_digit_number_has_its_row():
    """One RULE_ID everywhere: ABC-100 is a rule for the catalogue, the
    coverage check and the matrix alike (the matrix once had \\d{2})."""
    c = rules.parse(yaml.safe_load("""
groups: {ABC: "Un groupe"}
rules:
  - {id: ABC-100, group: ABC, kind: impl, rule: "Une règle au numéro à trois chiffres."}
"""))
    m = mx.build_matrix({"results": [run("a[p]", ["ABC-100"], "p", "passed")]}, c)
    assert [r.rule.id for r in m.rows] == ["ABC-100"]
    assert m.cell("ABC-100", "p").status == mx.PASSED
    assert m.groups[-1].title == "Un groupe"      # not the « Hors catalogue » row


# --- Markdown ---------------------------------------------------------------------

def test_markdown_has_the_header_the_table_and_the_reasons(doc, catalogue):
    md = mx.render_markdown(mx.build_matrix(doc, catalogue))
    assert "- **Date** : 28/11/2025 à 22:46 (UTC+01:00)" in md
    assert "- **Cible** : staging (https://staging.exemple.fr)" in md
    assert "- **Moteurs** : chromium 140.0.7339.185 · firefox 140.5.0esr" in md
    assert "- **Scénarios × profils** : 6 — 3 réussis, 1 échoué, 2 ignorés" in md
    assert "| Règle | ie11-win7 | firefox-45.8-win7 |" in md
    assert "| **LCK-01** | ✅ réussi | ❌ échoué |" in md
    assert "| **LCK-03** | ⏭️ ignoré [1] | ⏭️ ignoré [1] |" in md
    assert "| **PWD-02** | ⬜ non exécuté | ⬜ non exécuté |" in md
    assert f"1. {SKIP_REASON}" in md
    assert "[capture](evidence/trois/capture.png)" in md
    # every table row has as many cells as the header
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert {line.count(" | ") for line in rows} == {2}


def test_markdown_escapes_a_pipe_in_a_reason(catalogue):
    doc = {"results": [run("a", ["LCK-01"], "p", "skipped", reason="a | b")]}
    assert "1. a \\| b" in mx.render_markdown(mx.build_matrix(doc, catalogue))


# --- HTML -------------------------------------------------------------------------

def test_html_is_self_contained_and_escapes_text(doc, catalogue):
    doc["results"][0]["scenario"] = "<script>alert(1)</script>"
    html = mx.render_html(mx.build_matrix(doc, catalogue))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "no remote asset"
    assert '<html lang="fr">' in html and "<style>" in html


def test_write_reports_writes_the_three_files(tmp_path, doc, catalogue):
    mx.write_reports(doc, tmp_path, catalogue=catalogue)
    assert json.loads((tmp_path / "results.json").read_text(encoding="utf-8")) == doc
    assert (tmp_path / "matrix.md").read_text(encoding="utf-8").startswith("## Matrice")
    assert (tmp_path / "matrix.html").stat().st_size > 0


CHROMIUM = os.environ.get("HARNESS_CHROMIUM_EXECUTABLE") or "/usr/lib/chromium/chromium"


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


def test_the_matrix_renders_in_chromium_and_a_cell_reads_right(tmp_path, doc, catalogue, chromium):
    mx.write_reports(doc, tmp_path, catalogue=catalogue)
    page = chromium.new_page()
    try:
        page.goto((tmp_path / "matrix.html").as_uri())
        assert page.title() == "Matrice de compatibilité navigateurs — Activité Partielle"
        table = page.get_by_role("table", name="Règles du guide × profils navigateurs")
        headers = table.get_by_role("columnheader").all_inner_texts()
        assert [h.split("\n")[0] for h in headers] == ["Règle", "ie11-win7", "firefox-45.8-win7"]

        def cell(rule, column):
            row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(f"^{rule}")))
            return row.get_by_role("cell").nth(column)

        assert cell("LCK-01", 1).inner_text().startswith("✗ échoué")
        assert cell("LCK-01", 0).inner_text().startswith("✓ réussi")
        assert cell("PWD-02", 0).inner_text() == "○ non exécuté"
        skipped = cell("LCK-03", 0)
        assert skipped.inner_text().startswith("↷ ignoré")
        assert SKIP_REASON in skipped.get_attribute("title")
        # the note the skipped cell points to says why
        skipped.get_by_role("link", name="[1]").click()
        assert page.locator("#note-1").inner_text() == SKIP_REASON
        # the failed cell leads to the evidence of the failed run
        cell("LCK-01", 1).get_by_role("link", name=re.compile("échoué")).click()
        assert page.url.endswith("#d-LCK-01--firefox-45.8-win7")
        detail = page.locator('[id="d-LCK-01--firefox-45.8-win7"]')
        assert detail.get_by_role("link", name="capture d'écran").get_attribute("href") == \
            "evidence/trois/capture.png"
        assert detail.get_by_role("link", name="trace Playwright").is_visible()
        # the header
        facts = page.locator("dl.facts").inner_text()
        assert "28/11/2025 à 22:46" in facts and "staging" in facts and "140.0.7339.185" in facts
        assert "6 — 3 réussis, 1 échoué, 2 ignorés" in facts
        # the legend names every state
        legend = page.locator("ul.legend").inner_text()
        for word in ("réussi", "échoué", "ignoré", "non exécuté"):
            assert word in legend
    finally:
        page.close()
