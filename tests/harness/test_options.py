"""pytest-playwright's browser options on the harness's engines
(harness/options.py): --headed, --slowmo, --tracing, --video, --screenshot,
--output, and browser_context_args per profile and per test."""
from __future__ import annotations

import dataclasses

import pytest

from harness import options
from harness.profiles import load

from . import projet_options as projet


@pytest.fixture(scope="module")
def moteurs():
    return load().engines


def test_headed_and_slowmo_reach_the_engine_settings(moteurs):
    chromium = options.reglages_moteur(moteurs["chromium"], headed=True, slowmo=250,
                                       environ={"DISPLAY": ":0"})
    assert chromium.headless is False and chromium.slow_mo == 250
    assert chromium.executable == moteurs["chromium"].executable   # the rest is kept
    webkit = options.reglages_moteur(moteurs["webkit"], headed=True, environ={"DISPLAY": ":0"})
    # WebKitGTK on the user's own display instead of the harness's hidden Xvfb
    assert webkit.xvfb == "inherit" and webkit.headless is False
    plain = options.reglages_moteur(moteurs["firefox"])
    assert plain.headless is True and plain.slow_mo == 0
    # applied twice (controller and worker): the same
    again = options.reglages_moteur(chromium, headed=True, slowmo=250, environ={"DISPLAY": ":0"})
    assert dataclasses.asdict(again) == dataclasses.asdict(chromium)


def test_headed_without_a_display_is_a_clear_french_error(moteurs):
    with pytest.raises(pytest.UsageError, match="--headed : aucun écran"):
        options.reglages_moteur(moteurs["chromium"], headed=True, environ={})


def test_the_slowed_ui_passes_every_call_through():
    class Page:
        url = "http://x/"
        calls = []

        def click(self, **where):
            self.calls.append(("click", where))
            return "ok"

    page = Page()
    slowed = options.Ralenti(page, 1)
    assert slowed.click(role="button", name="Connexion") == "ok"
    assert page.calls == [("click", {"role": "button", "name": "Connexion"})]
    assert slowed.url == "http://x/"
    slowed.timeout = 3
    assert page.timeout == 3


def test_options_on_chromium_evidence_and_context_args(tmp_path):
    """One run: trace, capture and HTML kept for every test (on), video said
    or kept, browser_context_args from the conftest (per profile) and the
    marker (per test) applied, evidence linked from results.json."""
    path = projet.make(tmp_path / "projet")
    proc = projet.run(path, "--tracing", "on", "--screenshot", "on", "--video", "on",
                      "--slowmo", "1", "--output", "preuves", "--reports-dir", "rapports")
    out = proc.stdout + proc.stderr
    assert "1 failed, 1 passed" in out, out
    folders = sorted(p for p in (path / "preuves").iterdir() if p.is_dir() and p.name != ".videos")
    assert len(folders) == 2, folders
    for folder in folders:
        names = {p.name for p in folder.iterdir()}
        assert {"capture.png", "page.html", "trace.zip"} <= names, (folder, names)
        assert (folder / "capture.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    videos = [p for f in folders for p in f.glob("video.webm")]
    if not videos:   # no Playwright ffmpeg on this machine: said once, in French
        assert out.count("OptionNavigateur: --video : l'encodeur vidéo de Playwright (ffmpeg) est absent") == 1, out


def test_retain_on_failure_keeps_only_the_failed_test(tmp_path):
    path = projet.make(tmp_path / "projet")
    proc = projet.run(path, "--tracing", "retain-on-failure", "--screenshot", "only-on-failure",
                      "--output", "preuves", "--reports-dir", "rapports")
    out = proc.stdout + proc.stderr
    assert "1 failed, 1 passed" in out, out
    folders = [p for p in (path / "preuves").iterdir() if p.is_dir()]
    assert len(folders) == 1 and "echec" in folders[0].name, folders
    assert {"capture.png", "page.html", "trace.zip"} <= {p.name for p in folders[0].iterdir()}


def test_off_keeps_nothing(tmp_path):
    path = projet.make(tmp_path / "projet")
    proc = projet.run(path, "--tracing", "off", "--screenshot", "off", "--output", "preuves")
    assert "1 failed, 1 passed" in proc.stdout, proc.stdout + proc.stderr
    assert not (path / "preuves").exists() or not any(
        p for p in (path / "preuves").iterdir() if p.is_dir())


def test_webkit_says_once_what_it_cannot(tmp_path):
    """WebKitGTK (WebDriver) has no video and no Playwright trace: a French
    message once, and the scenario still runs with its capture."""
    path = projet.make(tmp_path / "projet")
    proc = projet.run(path, "--video", "on", "--tracing", "on", "--screenshot", "on",
                      "--output", "preuves", profile="safari-6.0-mac")
    out = proc.stdout + proc.stderr
    assert "1 failed, 1 passed" in out, out
    assert out.count("OptionNavigateur: browser_context_args : WebKitGTK (WebDriver) n'applique "
                     "que user_agent et viewport ; ignoré : timezone_id") == 1, out
    assert out.count("OptionNavigateur: --video : WebKitGTK (WebDriver) ne sait pas filmer") == 1, out
    assert out.count("OptionNavigateur: --tracing : WebKitGTK (WebDriver) n'a pas de trace Playwright") == 1, out
    captures = list((path / "preuves").glob("*safari*/capture.png"))
    assert len(captures) == 2, list((path / "preuves").rglob("*"))


def test_la_patience_multiplie_les_delais_d_attente(tmp_path):
    """--patience scales the harness's waits (harness.attente), the
    browser pages' default lookup time among them, once (make mutation's
    first step uses 0.5; a slow target, 2); zero or less is a usage error
    in French. That each wait is scaled once: test_ui_engines.py."""
    (tmp_path / "test_patience.py").write_text(
        "from harness import attente\nfrom harness.ui import UI\n\n\n"
        "def test_les_delais():\n    assert (attente.PATIENCE, attente.echelle(UI.timeout)) == (0.5, 5.0)\n")
    assert projet.run(tmp_path, "--patience", "0.5").returncode == 0
    proc = projet.run(tmp_path)
    assert proc.returncode == 1 and "(1.0, 10.0) == (0.5, 5.0)" in proc.stdout, proc.stdout[-2000:]
    proc = projet.run(tmp_path, "--patience", "0")
    assert proc.returncode == 4 and "--patience : un facteur positif est attendu" in proc.stderr, proc.stderr


def test_page_immobile_regle_l_abandon_des_attentes(tmp_path):
    """--page-immobile reaches the browser pages (off by default); a negative
    number is a usage error in French."""
    (tmp_path / "test_immobile.py").write_text(
        "from harness.ui import UI\n\n\ndef test_le_reglage():\n    assert UI.immobile == 2.0\n")
    assert projet.run(tmp_path, "--page-immobile", "2").returncode == 0
    proc = projet.run(tmp_path)
    assert proc.returncode == 1 and "0.0 == 2.0" in proc.stdout, proc.stdout[-2000:]
    proc = projet.run(tmp_path, "--page-immobile", "-1")
    assert proc.returncode == 4 and "--page-immobile : un nombre de secondes positif ou nul" in proc.stderr, \
        proc.stderr


RELANCE_FEATURE = """\
# language: fr
Fonctionnalité: Relance

  Scénario: Échec à la première tentative seulement
    Étant donné la page d'accueil
    Alors la trace ne court qu'à la relance
"""

RELANCE = '''
from pytest_bdd import given, scenario, then

from harness import etat


@given("la page d'accueil", target_fixture="page")
def accueil(ui):
    ui.goto("/")
    return ui


@then("la trace ne court qu'à la relance")
def trace_a_la_relance(page, request):
    tentative = etat.tentatives(request.node)
    with open("tentatives.txt", "a", encoding="utf-8") as vu:
        vu.write(f"{tentative} {page._tracing}\\n")
    assert tentative > 1, "échec voulu à la première tentative"


@scenario("relance.feature", "Échec à la première tentative seulement")
def test_trace_a_la_premiere_relance(profile):
    pass
'''


def test_on_first_retry_traces_only_the_rerun(tmp_path):
    """make acceptance's --reruns 1 --tracing on-first-retry: no trace on a
    first attempt, one on the rerun, kept with its capture even when the
    rerun passes (« instable »), and for a scenario that fails twice."""
    path = projet.make(tmp_path / "projet")
    (path / "relance.feature").write_text(RELANCE_FEATURE, encoding="utf-8")
    (path / "test_relance.py").write_text(RELANCE, encoding="utf-8")
    proc = projet.run(path, "--reruns", "1", "--tracing", "on-first-retry", "--output", "preuves",
                      "--reports-dir", "rapports")
    out = proc.stdout + proc.stderr
    assert "1 failed, 2 passed, 2 rerun" in out, out
    assert (path / "tentatives.txt").read_text().split() == ["1", "False", "2", "True"]
    gardes = {p.name.split("-")[0]: {f.name for f in p.iterdir()}
              for p in (path / "preuves").iterdir() if p.is_dir()}
    assert set(gardes) == {"test_trace_a_la_premiere_relance", "test_echec_qui_garde_ses_preuves"}, gardes
    for names in gardes.values():
        assert {"capture.png", "page.html", "trace.zip"} <= names, gardes
    outcomes = {r["nodeid"].split("::")[-1].split("[")[0]: r["outcome"]
                for r in projet.results(path)["results"]}
    assert outcomes["test_trace_a_la_premiere_relance"] == "instable", outcomes
    proc = projet.run(path, "--tracing", "on-first-retry", "-k", "arguments")
    assert "--tracing on-first-retry sans --reruns : aucun scénario n'est relancé" in proc.stdout + proc.stderr
