"""The report plugin: Allure labels, evidence on failure, the results of
every scenario run, the compatibility matrix and a summary per profile.

Registered by the top ``conftest.py`` (``pytest_plugins``) so that its
options exist:

- evidence follows pytest-playwright's ``--screenshot``, ``--tracing``,
  ``--video`` and ``--output`` (``harness/options.py``; they replace the
  evidence option of earlier versions): save a
  screenshot, the page's HTML and, where Playwright drives, a trace for a
  failed scenario (or for every scenario with ``always``), under
  ``<reports>/evidence/<test>/``, and attach them to the Allure result;
- ``--reports-dir DIR`` (default ``reports``): where ``results.json``,
  ``matrix.html``, ``matrix.md`` and ``evidence/`` are written;
- ``--rules-file FILE`` (default ``fixtures/rules.yaml``): the rows.

This module only wires pytest's and pytest-bdd's hooks to the jobs, each in
its own module: ``state`` (what the plugin knows, in ``config.stash``),
``records`` (one record per scenario run, carried to the xdist controller;
``results.json``), ``evidence`` (screenshots, HTML, traces of the pages a
scenario opened), ``allure_glue`` (labels through the public ``allure`` API,
the result of a scenario skipped before it starts), ``matrix`` (the HTML and
Markdown matrix).

The harness tells the plugin what it knows through ``set_target``,
``set_profiles``, ``record_engine_version`` and ``track_ui`` (each page a
scenario opens).
"""
from __future__ import annotations

from typing import Any

import pytest

from harness import stash
from harness.report import allure_glue, evidence, records
from harness.report.evidence import track_ui
from harness.report.matrix import write_reports
from harness.report.state import is_scenario_run, is_worker, state
from harness.rules import CatalogueError

EVIDENCE_MODES = ("on-failure", "always", "never")
REPORT_ATTR = records.REPORT_ATTR
results_document = records.results_document
profile_lines = records.profile_lines
__all__ = ["set_target", "set_profiles", "record_engine_version", "track_ui", "evidence_mode",
           "reports_dir", "results_document", "profile_lines"]


# --- what the harness tells the plugin ----------------------------------------

def set_target(config: pytest.Config, target: Any) -> None:
    """The run's ``harness.targets.Target`` (header, labels)."""
    state(config).target = target


def set_profiles(config: pytest.Config, profiles: Any) -> None:
    """The selected profiles, in column order (``harness.profiles.Profile``)."""
    state(config).profiles = list(profiles)


def record_engine_version(config: pytest.Config, name: str, version: str) -> None:
    """An engine's product version, once started (called on the worker)."""
    state(config).engines[name] = str(version)


def evidence_mode(config: pytest.Config) -> str:
    return state(config).evidence


def reports_dir(config: pytest.Config):
    return state(config).reports_dir


# --- options and set-up ---------------------------------------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rapports", "Rapports de recette (matrice, preuves)")
    group.addoption("--reports-dir", default="reports",
                    help="dossier des rapports : results.json, matrix.html, matrix.md, evidence/ "
                         "(défaut : reports, relatif à la racine du projet)")
    group.addoption("--rules-file", default=None,
                    help="catalogue des règles, lignes de la matrice (défaut : fixtures/rules.yaml)")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(records.Collector(state(config)), "ap-report-collector")


# --- pytest-bdd's public hooks --------------------------------------------------------

@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    """allure-pytest-bdd has scheduled the result (its hook runs first):
    add our labels to it through the public API."""
    if is_scenario_run(request.node):
        allure_glue.decorate_running(request.node)


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                          step_func: Any, step_func_args: Any, exception: Exception) -> None:
    if is_scenario_run(request.node):
        records.note_failed_step(request.node, f"{step.keyword} {step.name}")


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # trylast: the innermost wrapper, so this runs before allure-pytest-bdd
    # reads the report (it needs the early result to exist already).
    outcome = yield
    report = outcome.get_result()
    if not is_scenario_run(item):
        return          # not a scenario run on a browser profile
    if report.when == "setup" and not report.passed:
        allure_glue.result_for_early_exit(item)
    records.update(item, report)


# --- end of session ---------------------------------------------------------------

def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if is_worker(config):
        return
    s = state(config)
    if not s.records:
        return          # not an acceptance run: leave the last reports alone
    doc = records.results_document(config, exitstatus)
    audit = stash.audit_document(config)   # the audit's sessionfinish runs first (tryfirst)
    if audit is not None:
        doc["audit"] = {"rapport": "audit.html", "resume": audit["resume"]}
    try:
        write_reports(doc, s.reports_dir, rules_file=s.rules_file)
        evidence.prune(s.reports_dir, s.records)
        allure_glue.write_environment(config, doc)
        s.written = s.reports_dir
    except (OSError, CatalogueError) as error:
        tr = config.pluginmanager.get_plugin("terminalreporter")
        if tr:
            tr.write_line(f"[rapports] matrice non écrite : {error}", red=True)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if is_worker(config):
        return
    s = state(config)
    if not s.records:
        return
    terminalreporter.section("résumé par profil navigateur")
    for line, failed in records.profile_lines(config):
        terminalreporter.write_line(line, red=failed, green=not failed)
    if s.written:
        d = s.written
        terminalreporter.write_line(f"Matrice : {d / 'matrix.html'} (et matrix.md) ; résultats : "
                                    f"{d / 'results.json'}")
