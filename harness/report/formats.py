"""Cucumber JSON and JUnit XML that test-management tools import (Xray,
TestRail, ReportPortal, GitLab's test reports).

Both files are written by pytest itself: pytest-bdd's ``--cucumberjson``
and pytest's ``--junitxml`` (``make acceptance`` writes
``reports/cucumber.json`` and ``reports/junit.xml``). This plugin makes them
say what a reader needs:

- Cucumber JSON: every scenario's name ends with its browser profile
  (« Verrouillage après trois échecs — ie7-winxp »); its tags are the
  feature's tags with the Cucumber ``@`` (rule IDs: ``@LCK-01``), plus
  ``@profil-<id>``; it works under pytest-xdist too (pytest-bdd 9 writes an
  empty file there: the scenario of each report is carried from the worker
  to the controller); a failed attempt that pytest-rerunfailures runs again
  is left out (pytest-bdd would stop on its « rerun » outcome), the last
  attempt is written;
- JUnit XML: the test name holds the profile (``test_…[ie7-winxp]``) and
  each test case has properties: ``profil``, ``scenario``,
  ``fonctionnalite``, one ``regle`` per rule ID, ``requirements`` (the rule
  IDs, comma-separated, the property Xray reads) and ``tags``.
"""
from __future__ import annotations

import pytest

from harness import bdd
from harness.stash import profile_of
from harness.rules import RULE_ID

REPORT_ATTR = "ap_cucumber"


def _registry():
    try:
        from pytest_bdd.reporting import ReportContext, test_report_context_registry
    except ImportError:  # pragma: no cover - another pytest-bdd
        return None, None
    return test_report_context_registry, ReportContext


def _tag(name: str) -> str:
    return name if name.startswith("@") else f"@{name}"


def pytest_collection_modifyitems(config, items):
    """JUnit properties of every scenario run (written with its test case)."""
    for item in items:
        template = bdd.scenario_of(item)
        if template is None:
            continue
        tags = sorted({m.name for m in item.iter_markers()})
        rules = [t for t in tags if RULE_ID.match(t)]
        props = [("scenario", template.name),
                 ("fonctionnalite", getattr(template.feature, "name", "") or "")]
        profile = profile_of(item)
        if profile:
            props.append(("profil", profile))
        props += [("regle", r) for r in rules]
        if rules:
            props.append(("requirements", ",".join(rules)))
        if tags:
            props.append(("tags", ",".join(tags)))
        item.user_properties.extend(props)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # tryfirst: the outermost wrapper, so pytest-bdd has stored the
    # scenario of this report when the code below runs.
    outcome = yield
    report = outcome.get_result()
    registry, _ = _registry()
    if registry is None or report.when != "call":
        return
    context = registry.get(report)
    if context is None:
        return
    scenario = context.scenario
    profile = profile_of(item)
    if profile and not scenario["name"].endswith(f" — {profile}"):
        scenario["name"] = f"{scenario['name']} — {profile}"
    scenario["tags"] = [_tag(t) for t in scenario.get("tags", [])]
    if profile:
        scenario["tags"].append(f"@profil-{profile}")
    feature = scenario.get("feature") or {}
    feature["tags"] = [_tag(t) for t in feature.get("tags", [])]
    # carried to the xdist controller with the report (pytest serialises
    # a report's attributes)
    setattr(report, REPORT_ATTR, {"scenario": scenario, "name": context.name})


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report):
    """Before pytest-bdd's Cucumber JSON writer reads the report."""
    registry, ReportContext = _registry()
    if registry is None:
        return
    if report.outcome == "rerun":
        registry.pop(report, None)     # only the last attempt is written
        return
    carried = getattr(report, REPORT_ATTR, None)
    if carried and report not in registry:
        registry[report] = ReportContext(scenario=carried["scenario"], name=carried["name"])
