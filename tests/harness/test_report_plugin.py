"""The report plugin end to end, on a tiny pytest-bdd project run in its own
pytest process (pytester, two xdist workers): one scenario passes, one
fails, one needs a capability the target lacks. The browser is a test
double (``FakeUI``: it writes a real PNG, the page's HTML and a trace zip)
so that this test checks the plugin's wiring without starting a browser;
the real backends' ``screenshot``/``html``/``stop_trace`` are tested with
the engines.

Checked: evidence files, results.json, the matrix, the Allure results
(labels, attachments, the skipped scenario with its reason), the per-profile
summary, the --screenshot/--tracing options, and the Allure 3 HTML (French, one file)
opened in Chromium.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CATALOGUE_LCK_PWD

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("HARNESS_CHROMIUM_EXECUTABLE") or "/usr/lib/chromium/chromium"
REASON = "la cible « staging » ne permet pas d'avancer l'horloge"

FEATURE = """\
# language: fr
@LCK
Fonctionnalité: Verrouillage du compte après trois mots de passe erronés

  @LCK-01
  Scénario: Trois mots de passe erronés verrouillent le compte
    Étant donné un établissement inscrit
    Alors la connexion est refusée

  @LCK-02
  Scénario: Le bon mot de passe est refusé tant que le compte est verrouillé
    Étant donné un établissement inscrit
    Alors la page montre un défaut

  @LCK-03 @horloge
  Scénario: Le compte se déverrouille seul au bout de 30 minutes
    Étant donné un établissement inscrit
    Alors la connexion est refusée
"""

RULES = CATALOGUE_LCK_PWD

CONFTEST = '''\
import base64
import zipfile
from dataclasses import dataclass

import pytest

from harness import targets

# the report plugin and the evidence options alone (the inner runs turn the
# installed harness plugin off: -p no:recette-ap)
pytest_plugins = ["harness.options", "harness.report.plugin"]

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


@dataclass(frozen=True)
class Profile:
    id: str
    label: str
    engine: str


PROFILES = [Profile("ie11-win7", "Internet Explorer 11", "chromium"),
            Profile("firefox-45.8-win7", "Firefox 45.8", "firefox")]
VERSIONS = {"chromium": "140.0.test", "firefox": "140.5.0esr-test"}
TARGET = targets.Target(name="staging", base_url="https://staging.exemple.fr",
                        captcha="fixe", captcha_code="X")


class FakeUI:
    """Test double of harness.ui.base.UI: only what evidence needs."""
    url = "https://staging.exemple.fr/connexion"

    def __init__(self):
        self.tracing = False

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(PNG)

    def html(self):
        return "<html><body><p role=alert>Compte verrouillé</p></body></html>"

    def start_trace(self):
        self.tracing = True

    def stop_trace(self, path):
        was, self.tracing = self.tracing, False
        if was and path:
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("trace.trace", "{}")
            return True
        return False


def pytest_configure(config):
    for tag in ("LCK", "LCK-01", "LCK-02", "LCK-03", "IDR-04", "horloge"):
        config.addinivalue_line("markers", tag)
    from harness.report import plugin as report  # imported by pytest_plugins above
    report.set_target(config, TARGET)
    report.set_profiles(config, PROFILES)


def pytest_generate_tests(metafunc):
    if "profile" in metafunc.fixturenames:
        metafunc.parametrize("profile", [p.id for p in PROFILES], indirect=True)


@pytest.fixture
def profile(request):
    return next(p for p in PROFILES if p.id == request.param)


@pytest.fixture
def ui(profile, pytestconfig, request):
    from harness.report import plugin as report
    report.record_engine_version(pytestconfig, profile.engine, VERSIONS[profile.engine])
    page = FakeUI()
    report.track_ui(request.node, page)
    page.start_trace()
    yield page
    page.stop_trace(None)


def pytest_runtest_setup(item):
    reason = targets.skip_reason(TARGET, {m.name for m in item.iter_markers()})
    if reason:
        pytest.skip(reason)
'''

TESTS = '''\
import pytest
from pytest_bdd import given, scenarios, then

scenarios("features/verrouillage.feature")


@pytest.fixture(autouse=True)
def _sur_un_profil(profile):
    pass


@given("un établissement inscrit")
def etablissement(ui):
    return ui


@then("la connexion est refusée")
def refusee():
    pass


@then("la page montre un défaut")
def defaut():
    assert False, "le message de verrouillage est absent"
'''


def clean_env() -> dict:
    """The environment without this run's own pytest/xdist variables (this
    test may itself run in an xdist worker)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTEST_XDIST"))}


@pytest.fixture(autouse=True)
def _no_outer_xdist(monkeypatch):
    for name in list(os.environ):
        if name.startswith("PYTEST_XDIST") or name == "PYTEST_CURRENT_TEST":
            monkeypatch.delenv(name, raising=False)


def make_project(pytester):
    pytester.makefile(".feature", **{"features/verrouillage": FEATURE})
    pytester.makefile(".yaml", rules=RULES)
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_scenarios=TESTS,
                        test_plain="def test_nothing_to_report():\n    pass\n")
    return pytester.path


def run(pytester, *args):
    return pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:recette-ap", "--rules-file", "rules.yaml", *args)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One run with two xdist workers, shared by the checks below (pytester
    is function-scoped, so this one is laid out and run by hand)."""
    path = tmp_path_factory.mktemp("projet")
    (path / "features").mkdir()
    (path / "features" / "verrouillage.feature").write_text(FEATURE, encoding="utf-8")
    (path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (path / "test_scenarios.py").write_text(TESTS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:recette-ap", "-n", "2",
         "--rules-file", "rules.yaml", "--alluredir", "reports/allure-results", "test_scenarios.py"],
        cwd=path, capture_output=True, text=True, timeout=180, env=clean_env())
    return path, proc


# --- the shared run ------------------------------------------------------------------

def test_the_run_fails_because_one_scenario_failed(project):
    path, proc = project
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 failed, 2 passed, 2 skipped" in proc.stdout, proc.stdout


def test_a_summary_line_per_profile_ends_the_run(project):
    _, proc = project
    assert "résumé par profil navigateur" in proc.stdout
    assert "ie11-win7 (Internet Explorer 11, chromium) : 3 scénarios — 1 réussi, 1 échoué, 1 ignoré" in proc.stdout
    assert "firefox-45.8-win7 (Firefox 45.8, firefox) : 3 scénarios — 1 réussi, 1 échoué, 1 ignoré" in proc.stdout


def results(path):
    return json.loads((path / "reports" / "results.json").read_text(encoding="utf-8"))


def by_scenario(doc, words, profile="ie11-win7"):
    [found] = [r for r in doc["results"] if words in r["scenario"] and r["profile"] == profile]
    return found


def test_results_json_has_one_record_per_run_from_both_workers(project):
    path, _ = project
    doc = results(path)
    assert len(doc["results"]) == 6
    assert {r["worker"] for r in doc["results"]} == {"gw0", "gw1"}
    assert doc["target"]["name"] == "staging"
    assert doc["engines"] == {"chromium": "140.0.test", "firefox": "140.5.0esr-test"}
    assert [p["id"] for p in doc["profiles"]] == ["ie11-win7", "firefox-45.8-win7"]
    failed = by_scenario(doc, "Le bon mot de passe")
    assert failed["outcome"] == "failed" and failed["rules"] == ["LCK-02"]
    assert failed["feature"] == "Verrouillage du compte après trois mots de passe erronés"
    assert (failed["engine"], failed["engine_version"]) == ("chromium", "140.0.test")
    assert "le message de verrouillage est absent" in failed["message"]
    skipped = by_scenario(doc, "se déverrouille")
    assert (skipped["outcome"], skipped["reason"]) == ("skipped", REASON)
    assert skipped["evidence"] is None
    passed = by_scenario(doc, "Trois mots de passe")
    assert (passed["outcome"], passed["evidence"]) == ("passed", None)


def test_a_failed_scenario_leaves_its_screenshot_html_and_trace(project):
    path, _ = project
    for profile in ("ie11-win7", "firefox-45.8-win7"):
        evidence = by_scenario(results(path), "Le bon mot de passe", profile)["evidence"]
        assert evidence["url"] == "https://staging.exemple.fr/connexion"
        reports = path / "reports"
        assert (reports / evidence["screenshot"]).read_bytes().startswith(b"\x89PNG")
        assert "Compte verrouillé" in (reports / evidence["html"]).read_text(encoding="utf-8")
        assert (reports / evidence["trace"]).read_bytes().startswith(b"PK")
    # nothing is kept for passing or skipped scenarios
    assert len(list((path / "reports" / "evidence").iterdir())) == 2


def test_the_matrix_shows_the_failure_the_skip_and_the_rule_not_run(project):
    path, _ = project
    md = (path / "reports" / "matrix.md").read_text(encoding="utf-8")
    assert "| **LCK-01** | ✅ réussi | ✅ réussi |" in md
    assert "| **LCK-02** | ❌ échoué | ❌ échoué |" in md
    assert "| **LCK-03** | ⏭️ ignoré [1] | ⏭️ ignoré [1] |" in md
    assert "| **PWD-02** | ⬜ non exécuté | ⬜ non exécuté |" in md
    assert f"1. {REASON}" in md
    html = (path / "reports" / "matrix.html").read_text(encoding="utf-8")
    evidence = by_scenario(results(path), "Le bon mot de passe")["evidence"]
    assert f'href="{evidence["screenshot"]}"' in html


def allure_results(path):
    found = {}
    for f in (path / "reports" / "allure-results").glob("*-result.json"):
        r = json.loads(f.read_text(encoding="utf-8"))
        found[r["name"]] = r
    return found


def labels(result):
    return {(label["name"], label["value"]) for label in result["labels"]}


def test_allure_results_carry_rule_feature_profile_engine_and_target(project):
    path, _ = project
    found = allure_results(path)
    assert len(found) == 6
    r = found["Le bon mot de passe est refusé tant que le compte est verrouillé — firefox-45.8-win7"]
    assert r["status"] == "failed"
    assert {("rule", "LCK-02"), ("story", "LCK-02"), ("tag", "LCK-02"),
            ("epic", "LCK — Verrouillage du compte"),
            ("feature", "Verrouillage du compte après trois mots de passe erronés"),
            ("profile", "firefox-45.8-win7"), ("engine", "firefox"),
            ("target", "staging")} <= labels(r)
    assert {"url": "../matrix.html#regle-LCK-02", "name": "LCK-02 dans la matrice",
            "type": "link"} in r["links"]
    attached = {a["name"]: a for a in r["attachments"]}
    assert attached["Capture d'écran"]["type"] == "image/png"
    assert attached["HTML de la page"]["type"] == "text/html"
    assert attached["Trace Playwright"]["type"] == "application/vnd.allure.playwright-trace"
    for a in attached.values():
        assert (path / "reports" / "allure-results" / a["source"]).stat().st_size > 0
    passed = found["Trois mots de passe erronés verrouillent le compte — ie11-win7"]
    assert passed["status"] == "passed" and not passed.get("attachments")


def test_allure_gets_the_scenarios_skipped_before_they_start(project):
    path, _ = project
    r = allure_results(path)["Le compte se déverrouille seul au bout de 30 minutes — ie11-win7"]
    assert r["status"] == "skipped"
    assert REASON in r["statusDetails"]["message"]
    assert {("rule", "LCK-03"), ("profile", "ie11-win7"), ("target", "staging"),
            ("tag", "horloge"), ("feature", "Verrouillage du compte après trois mots de passe erronés")
            } <= labels(r)


def test_allure_environment_names_the_target_and_engines(project):
    path, _ = project
    env = (path / "reports" / "allure-results" / "environment.properties").read_text(encoding="utf-8")
    assert "cible=staging\n" in env
    assert "moteur.chromium=140.0.test\n" in env


# --- Allure 3 HTML ----------------------------------------------------------------

def late_end_server(page: bytes):
    """An HTTP server that sends ``page`` up to its data, pauses 3 s, then
    sends the rest: the reading of a big report on a loaded machine or a
    slow artifact server, made reproducible."""
    import http.server
    import threading
    import time
    cut = page.index(b"<script async>")

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page[:cut])
            self.wfile.flush()
            time.sleep(3)
            self.wfile.write(page[cut:])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_the_allure_html_is_one_french_file_with_the_evidence(project, tmp_path):
    path, _ = project
    out = tmp_path / "allure-report"
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "allure-report.sh")], cwd=ROOT,
                          env={**os.environ, "ALLURE_RESULTS": str(path / "reports" / "allure-results"),
                               "ALLURE_OUTPUT": str(out)},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page_bytes = (out / "index.html").read_bytes()
    assert len(page_bytes) > 100_000
    assert not (out / "data").exists(), "single file: no data/ folder beside index.html"
    assert b"googletagmanager" not in page_bytes and b"gtag(" not in page_bytes, "no Google Analytics"
    from playwright.sync_api import sync_playwright
    server = late_end_server(page_bytes)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            # the end of the file (the data) arrives 3 s after the script that
            # shows it: the report must wait for it (Allure's own page does
            # not, and shows an empty tree for good)
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            # hang catches only; the scenario failed on both profiles, each with
            # its evidence; which of the two the report lists first varies
            page.get_by_text("Le bon mot de passe est refusé tant que le compte est verrouillé — ") \
                .first.click(timeout=90_000)
            page.get_by_text("Capture d'écran").first.wait_for(timeout=60_000)
            body = page.inner_text("body")
            assert "Échoué" in body and "Pièces jointes" in body   # the French interface
            assert "Trace Playwright" in body and "HTML de la page" in body
        finally:
            browser.close()
            server.shutdown()


def test_the_allure_repair_refuses_an_unknown_template():
    from harness.report.allure_html import RepairError, repair
    fixed = repair("<html><head><title>r</title></head><body></body></html>")
    assert fixed.index("window.allureReportData") < fixed.index("<title>")
    assert repair(fixed) == fixed   # once only
    with pytest.raises(RepairError):
        repair('<html><head></head><body><script src="https://www.googletagmanager.com/x"></script>')


# --- options and quiet runs ---------------------------------------------------------

def test_evidence_always_keeps_passing_scenarios_and_never_keeps_nothing(pytester):
    make_project(pytester)
    result = run(pytester, "--screenshot=on", "--tracing=on", "test_scenarios.py")
    result.assert_outcomes(passed=2, failed=2, skipped=2)
    doc = results(pytester.path)
    kept = {r["scenario"][:10] for r in doc["results"] if r["evidence"]}
    assert kept == {"Trois mots", "Le bon mot"}
    result = run(pytester, "--screenshot=off", "--tracing=off", "test_scenarios.py")
    result.assert_outcomes(passed=2, failed=2, skipped=2)
    assert all(r["evidence"] is None for r in results(pytester.path)["results"])
    assert list((pytester.path / "reports" / "evidence").iterdir()) == []  # old evidence pruned


def test_a_run_without_scenarios_writes_no_report(pytester):
    make_project(pytester)
    run(pytester, "test_plain.py").assert_outcomes(passed=1)
    assert not (pytester.path / "reports").exists()


OUTLINE = """\
# language: fr
Fonctionnalité: Réponse secrète

  @IDR-04
  Plan du scénario: Avec une réponse secrète <réponse>, l'identifiant ne peut pas être récupéré
    Étant donné un établissement inscrit
    Alors la connexion est refusée

    Exemples:
      | réponse  |
      | erronée  |
      | vide     |
"""


def test_an_outline_run_is_named_after_its_example(pytester):
    make_project(pytester)
    pytester.makefile(".feature", **{"features/reponse": OUTLINE})
    pytester.makepyfile(test_outline=TESTS.replace("features/verrouillage.feature",
                                                   "features/reponse.feature"))
    run(pytester, "test_outline.py", "--alluredir", "allure").assert_outcomes(passed=4)
    names = sorted({r["scenario"] for r in results(pytester.path)["results"]})
    assert names == ["Avec une réponse secrète erronée, l'identifiant ne peut pas être récupéré",
                     "Avec une réponse secrète vide, l'identifiant ne peut pas être récupéré"]
    titles = {json.loads(f.read_text(encoding="utf-8"))["name"]
              for f in (pytester.path / "allure").glob("*-result.json")}
    assert "Avec une réponse secrète vide, l'identifiant ne peut pas être récupéré — ie11-win7" in titles


def test_the_pinned_allure_pytest_bdd_is_the_one_allure_glue_knows():
    """harness/report/allure_glue.py forges the result of a scenario skipped
    before it starts with allure-pytest-bdd's internals: only for the
    versions it was written for (the skip test above proves the result)."""
    from harness.report import allure_glue

    assert allure_glue.check_version() is not None
