"""Unfinished and flaky scenarios, said honestly.

- ``@fixme``: a scenario known to fail (a bug of the target, a step still
  wrong). It runs, as an expected failure (``xfail`` strict): reported as
  « échec attendu » while it fails, and it fails the run as soon as it
  passes (remove the tag then).
- ``@wip``: a scenario being written. Left out of the run by default
  (deselected, counted by pytest); ``--wip`` includes them.
- reruns on demand: ``--reruns N`` (pytest-rerunfailures) runs a failed
  scenario again, up to N times. One that passed only on a rerun is
  « instable »: its record in results.json (and so the matrix) says
  ``instable``, and its Allure result is marked flaky with the tag
  « instable ». Never silently green.

PYTEST_DONT_REWRITE: harness/options.py (imported early by the audit
plugin) reads ``tentatives``; this module has no assert to rewrite.
"""
from __future__ import annotations

import pytest

FIXME, WIP = "fixme", "wip"
INSTABLE = "instable"
FIXME_RAISON = ("@fixme : échec attendu (scénario connu pour échouer) ; le run échoue dès qu'il "
                "réussit : retirez alors l'étiquette")


def pytest_addoption(parser):
    g = parser.getgroup("recette")
    g.addoption("--wip", action="store_true", default=False,
                help="exécute aussi les scénarios @wip (en cours d'écriture, exclus par défaut)")


def pytest_configure(config):
    config.addinivalue_line("markers", f"{FIXME}: scénario connu pour échouer (xfail strict)")
    config.addinivalue_line("markers", f"{WIP}: scénario en cours d'écriture (exclu sans --wip)")


def pytest_collection_modifyitems(config, items):
    include_wip = config.getoption("wip")
    kept, dropped = [], []
    for item in items:
        if item.get_closest_marker(WIP) is not None and not include_wip:
            dropped.append(item)
            continue
        if item.get_closest_marker(FIXME) is not None:
            item.add_marker(pytest.mark.xfail(strict=True, reason=FIXME_RAISON))
            if config.pluginmanager.has_plugin("rerunfailures"):
                # its failure is known (or its XPASS is news): never rerun it
                item.add_marker(pytest.mark.flaky(reruns=0))
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def tentatives(item) -> int:
    """How many times pytest-rerunfailures ran this item (1 without rerun)."""
    return int(getattr(item, "execution_count", 1) or 1)


def est_instable(item, passed: bool) -> bool:
    """Passed, but only after at least one failed attempt."""
    return passed and tentatives(item) > 1


_final_key = pytest.StashKey[dict]()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # tryfirst: the outermost wrapper, so the report is final here (an
    # expected failure already turned into « xfailed », a strict XPASS
    # into a failure).
    outcome = yield
    report = outcome.get_result()
    if report.when == "setup":
        item.stash[_final_key] = {}
    if report.when in ("setup", "call"):
        final = item.stash.setdefault(_final_key, {})
        if hasattr(report, "wasxfail"):
            final["xfail"] = report.wasxfail
        if report.failed:
            final["failed"] = True
    if report.when == "call" and report.passed and tentatives(item) > 1:
        # JUnit writes the item's properties with its test case
        item.user_properties.append(("instable", f"réussi à la tentative {tentatives(item)}"))
        _allure_instable(item)


def corriger(item, record: dict, passed: str, failed: str, skipped: str, flaky: str) -> dict:
    """The record of a run as the reader must see it: an expected failure
    (@fixme) is « ignoré » with its reason, a strict XPASS « échoué », a
    pass on a rerun « instable »."""
    final = item.stash.get(_final_key, {})
    if final.get("failed"):
        record["outcome"] = failed
        if final.get("xfail") is not None or "XPASS" in (record.get("message") or ""):
            record["message"] = record.get("message") or f"[XPASS(strict)] {FIXME_RAISON}"
    elif final.get("xfail") is not None:
        record["outcome"] = skipped
        record["reason"] = final["xfail"] or FIXME_RAISON
    elif record["outcome"] == passed and est_instable(item, True):
        record["outcome"] = flaky
    return record


def _allure_instable(item) -> None:
    """Mark the Allure result of this attempt flaky, with the tag « instable »."""
    try:
        import allure
        from allure_commons._allure import plugin_manager  # noqa: F401
    except ImportError:  # pragma: no cover
        return
    try:
        allure.dynamic.tag(INSTABLE)
    except Exception:  # noqa: BLE001 - no running Allure test
        pass
    listener = None
    for plugin in item.config.pluginmanager.get_plugins():
        if type(plugin).__name__ == "PytestBDDListener":
            listener = plugin
    if listener is None:
        return
    try:
        from allure_commons.model2 import StatusDetails

        uuid = listener.nodeid_to_uuid[item.nodeid]
        with listener.lifecycle.update_test_case(uuid=uuid) as result:
            if result is not None:
                result.statusDetails = result.statusDetails or StatusDetails()
                result.statusDetails.flaky = True
    except Exception:  # noqa: BLE001 - another allure-pytest-bdd version
        pass
