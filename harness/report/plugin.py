"""The report plugin: Allure labels, evidence on failure, the results of
every scenario run, the compatibility matrix and a summary per profile.

Registered by the top ``conftest.py`` (``pytest_plugins``) so that its
options exist:

- the evidence (screenshot, HTML, trace, video) follows pytest-playwright's
  options ``--screenshot``, ``--tracing``, ``--video`` and ``--output``
  (``harness/options.py``, which saves it when a page closes); the record
  of a run links to it;
- ``--reports-dir DIR`` (default ``reports``): where ``results.json``,
  ``matrix.html``, ``matrix.md`` and ``evidence/`` are written;
- ``--rules-file FILE`` (default ``fixtures/rules.yaml``): the rows.

What it does, per pytest-bdd scenario run (an item whose function is a
pytest-bdd scenario):

- adds Allure labels (``story`` and ``rule`` per rule ID, ``epic`` for the
  rule group, ``profile``, ``engine``, ``target``), a link per rule to the
  matrix, and the profile in the title — through the ``allure`` API that
  allure-pytest-bdd honours;
- gives Allure a result for scenarios skipped (or broken) before they start,
  which allure-pytest-bdd 2.16 otherwise drops: a target that lacks a
  capability shows its skips in Allure too;
- builds one record (test id, feature, scenario, rule IDs, profile, engine,
  outcome, skip reason, error, evidence) on the worker and carries it to the
  xdist controller on the teardown report (an extra report attribute, which
  pytest serialises with the report);
- on the controller, at the end: ``results.json`` then ``matrix.html`` and
  ``matrix.md``, Allure's ``environment.properties``, and one line per
  profile in the terminal.

The harness tells the plugin what it knows through ``set_target``,
``set_profiles`` and ``record_engine_version`` (also reachable as
``config._ap_record_engine(name, version)``). When not told, it falls back
to ``config._ap_target`` / ``config._ap_matrix`` if the harness set them.
"""
from __future__ import annotations

import os
import re
import shutil
import time
from collections import Counter
from dataclasses import asdict, is_dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest

from harness import etat, options

from .catalogue import RULE_ID, CatalogueError, load_catalogue
from .matrix import FAILED, FLAKY, PASSED, SKIPPED, LABELS, PLURALS, write_reports

RESULTS_FORMAT = "ap-results/1"
REPORT_ATTR = "ap_scenario"        # the record, on the teardown report

_state_key = pytest.StashKey["_State"]()
_item_key = pytest.StashKey[dict]()
_run_key = pytest.StashKey[dict]()


class _State:
    def __init__(self, config):
        self.config = config
        self.target = None
        self.profiles: list = []
        self.engines: dict[str, str] = {}
        self.records: list[dict] = []
        self.started = datetime.now().astimezone()
        self.t0 = time.monotonic()
        root = Path(str(config.rootpath))
        self.reports_dir = (root / config.getoption("reports_dir")).resolve()
        rules = config.getoption("rules_file")
        self.rules_file = (root / rules).resolve() if rules else None
        self.written: Path | None = None


# --- what the harness tells the plugin ----------------------------------------

def _state(config) -> _State:
    state = config.stash.get(_state_key, None)
    if state is None:   # asked before our pytest_configure ran
        state = config.stash[_state_key] = _State(config)
    return state


def set_target(config, target) -> None:
    """The run's ``harness.targets.Target`` (header, labels)."""
    _state(config).target = target


def set_profiles(config, profiles) -> None:
    """The selected profiles, in column order (``harness.profiles.Profile``)."""
    _state(config).profiles = list(profiles)


def record_engine_version(config, name: str, version: str) -> None:
    """An engine's product version, once started (called on the worker)."""
    _state(config).engines[name] = str(version)


def reports_dir(config) -> Path:
    return _state(config).reports_dir


# --- options and set-up ---------------------------------------------------------

def pytest_addoption(parser):
    group = parser.getgroup("rapports", "Rapports de recette (matrice, preuves)")
    group.addoption("--reports-dir", default="reports",
                    help="dossier des rapports : results.json, matrix.html, matrix.md, evidence/ "
                         "(défaut : reports, relatif à la racine du projet)")
    group.addoption("--rules-file", default=None,
                    help="catalogue des règles, lignes de la matrice (défaut : fixtures/rules.yaml)")


def pytest_configure(config):
    state = _state(config)
    config._ap_record_engine = partial(record_engine_version, config)
    config.pluginmanager.register(_Collector(state), "ap-report-collector")


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


# --- reading an item --------------------------------------------------------------

def _template(item):
    """The pytest-bdd ScenarioTemplate behind an item, or None."""
    try:
        from pytest_bdd.scenario import scenario_wrapper_template_registry
    except ImportError:  # pragma: no cover
        return None
    fn = getattr(item, "function", None)
    return scenario_wrapper_template_registry.get(fn) if fn is not None else None


def _fixture_value(item, name):
    """A fixture's value if the item has already set it up, else None
    (steps get fixtures through ``request.getfixturevalue``, which does not
    fill ``item.funcargs``)."""
    funcargs = getattr(item, "funcargs", None) or {}
    if name in funcargs:
        return funcargs[name]
    request = getattr(item, "_request", None)
    fixturedef = getattr(request, "_fixture_defs", {}).get(name) if request else None
    cached = getattr(fixturedef, "cached_result", None)
    if cached and cached[2] is None:
        return cached[0]
    return None


def _profile_id(item) -> str | None:
    """The profile id of a scenario run (``[ie11-win7]``); None for an item
    without one, such as pytest's ``[NOTSET]`` placeholder when no selected
    profile fits a scenario (it has no column in the matrix)."""
    callspec = getattr(item, "callspec", None)
    value = callspec.params.get("profile") if callspec else None
    if isinstance(value, str):
        return value
    value = getattr(value, "id", None)
    return value if isinstance(value, str) else None


def _profile_object(item, pid):
    obj = _fixture_value(item, "profile")
    if obj is not None and hasattr(obj, "engine"):
        return obj
    for p in _known_profiles(item.config):
        if getattr(p, "id", None) == pid:
            return p
    return None


def _known_profiles(config) -> list:
    state = _state(config)
    if state.profiles:
        return state.profiles
    matrix = getattr(config, "_ap_matrix", None)
    return list(getattr(matrix, "profiles", None) or [])


def _target(config):
    state = _state(config)
    return state.target if state.target is not None else getattr(config, "_ap_target", None)


def _tags(item) -> list[str]:
    return sorted({m.name for m in item.iter_markers()})


def _rules(tags) -> list[str]:
    return [t for t in tags if RULE_ID.match(t)]


def _scenario_name(item, template) -> str:
    """The scenario's name, an outline's ``<placeholders>`` filled in from
    its example row."""
    if template is None:
        return item.name
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example") if callspec else None
    if example and hasattr(template, "render"):
        try:
            return template.render(example).name
        except Exception:  # noqa: BLE001 - a name is not worth failing for
            pass
    return template.name


def _info(item) -> dict:
    """What the record and the labels share, computed once per item."""
    info = item.stash.get(_item_key, None)
    if info is not None:
        return info
    template = _template(item)
    pid = _profile_id(item)
    profile = _profile_object(item, pid)
    tags = _tags(item)
    target = _target(item.config)
    info = {
        "nodeid": item.nodeid,
        "feature": getattr(getattr(template, "feature", None), "name", "") or "",
        "feature_file": getattr(getattr(template, "feature", None), "rel_filename", "") or "",
        "scenario": _scenario_name(item, template),
        "rules": _rules(tags),
        "tags": tags,
        "profile": pid,
        "profile_label": getattr(profile, "label", "") or "",
        "engine": getattr(profile, "engine", "") or "",
        "target": getattr(target, "name", None),
    }
    item.stash[_item_key] = info
    return info


# --- Allure -----------------------------------------------------------------

def _allure_listener(config):
    try:
        from allure_pytest_bdd.pytest_bdd_listener import PytestBDDListener
    except ImportError:  # pragma: no cover
        return None
    for plugin in config.pluginmanager.get_plugins():
        if isinstance(plugin, PytestBDDListener):
            return plugin
    return None


def _group_titles(config) -> dict:
    state = _state(config)
    if not hasattr(state, "_groups"):
        try:
            state._groups = load_catalogue(state.rules_file).groups
        except CatalogueError:
            state._groups = {}
    return state._groups


def _labels(item, info) -> list[tuple[str, str]]:
    labels = []
    groups = _group_titles(item.config)
    for gid in dict.fromkeys(r.split("-")[0] for r in info["rules"]):
        labels.append(("epic", f"{gid} — {groups[gid]}" if gid in groups else gid))
    for rid in info["rules"]:
        labels.append(("story", rid))
        labels.append(("rule", rid))
    for name in ("profile", "engine", "target"):
        if info.get(name):
            labels.append((name, info[name]))
    return labels


def _title(info) -> str:
    return f"{info['scenario']} — {info['profile']}" if info["profile"] else info["scenario"]


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request, feature, scenario):
    """allure-pytest-bdd has scheduled the result (its hook runs first):
    add our labels to it through the public API."""
    item = request.node
    if _profile_id(item) is None:
        return
    try:
        import allure
    except ImportError:  # pragma: no cover
        return
    info = _info(item)
    for name, value in _labels(item, info):
        allure.dynamic.label(name, value)
    for rid in info["rules"]:
        allure.dynamic.link(f"../matrix.html#regle-{rid}", name=f"{rid} dans la matrice")
    allure.dynamic.title(_title(info))


def _allure_result_for_early_exit(item, report) -> None:
    """A scenario that never started (skipped or broken in set-up) has no
    Allure result with allure-pytest-bdd 2.16: schedule one in its own
    lifecycle so that its set-up report fills the status and its teardown
    writes it."""
    listener = _allure_listener(item.config)
    template = _template(item)
    if listener is None or template is None:
        return
    try:
        from allure_commons.model2 import Label, Link
        from allure_commons.types import LabelType
        from allure_commons.utils import host_tag, md5, now, platform_label, thread_tag
        from allure_pytest_bdd.storage import save_test_data
        from allure_pytest_bdd.utils import (convert_params, get_full_name,
                                             get_outline_params, get_pytest_params)
    except ImportError:  # pragma: no cover - another allure-pytest-bdd version
        return
    uuid = listener.nodeid_to_uuid[item.nodeid]
    with listener.lifecycle.update_test_case(uuid=uuid) as existing:
        if existing is not None:
            return
    feature = template.feature
    outline = get_outline_params(item)
    params = {**get_pytest_params(item), **outline}
    scenario = template.render(outline) if hasattr(template, "render") else template
    save_test_data(item=item, feature=feature, scenario=scenario, params=params)
    info = _info(item)
    full_name = get_full_name(feature, scenario)
    root = Path(str(item.config.rootpath))
    try:
        parts = Path(feature.filename).relative_to(root).parts
    except ValueError:
        parts = (Path(feature.filename).name,)
    with listener.lifecycle.schedule_test_case(uuid=uuid) as result:
        result.fullName = full_name
        result.titlePath = [*parts[:-1], feature.name or parts[-1]]
        result.name = _title(info)
        result.start = result.stop = now()
        result.testCaseId = md5(full_name)
        result.labels += [Label(name=LabelType.HOST, value=host_tag()),
                          Label(name=LabelType.THREAD, value=thread_tag()),
                          Label(name=LabelType.FRAMEWORK, value="pytest-bdd"),
                          Label(name=LabelType.LANGUAGE, value=platform_label())]
        result.labels += [Label(name=n, value=v) for n, v in _labels(item, info)]
        result.links += [Link(url=f"../matrix.html#regle-{rid}", name=f"{rid} dans la matrice",
                              type="link") for rid in info["rules"]]
        result.parameters += convert_params(outline, get_pytest_params(item))


# --- the record of one run ----------------------------------------------------

def _reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        text = str(longrepr[2])
    else:
        text = str(getattr(report, "wasxfail", "") or longrepr or "")
    return re.sub(r"^Skipped:\s*", "", text).strip()


def _message(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = getattr(crash, "message", None) or str(report.longrepr or "")
    return text.strip().splitlines()[0][:500] if text.strip() else ""


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_makereport(item, call):
    # trylast: the innermost wrapper, so this runs before allure-pytest-bdd
    # reads the report (it needs the early result to exist already).
    outcome = yield
    report = outcome.get_result()
    if _template(item) is None or _profile_id(item) is None:
        return          # not a scenario run on a browser profile
    state = _state(item.config)
    info = _info(item)
    if report.when == "setup":   # a new attempt (pytest-rerunfailures runs it again)
        if _run_key in item.stash:
            del item.stash[_run_key]
    run = item.stash.setdefault(_run_key, {"outcome": None, "reason": "", "message": "",
                                           "duration": 0.0, "evidence": None})
    run["duration"] += getattr(report, "duration", 0.0) or 0.0

    if report.when == "setup" and not report.passed:
        _allure_result_for_early_exit(item, report)

    if report.failed and run["outcome"] != FAILED:
        run["outcome"] = FAILED
        run["message"] = _message(report)
    elif report.skipped and run["outcome"] is None:
        run["outcome"] = SKIPPED
        run["reason"] = _reason(report)
    elif report.when == "call" and report.passed and run["outcome"] is None:
        run["outcome"] = PASSED

    if report.when == "teardown":
        engine = info["engine"]
        record = {**info, "outcome": run["outcome"] or PASSED, "reason": run["reason"],
                  "message": run["message"], "duration": round(run["duration"], 3),
                  "evidence": options.preuves_de(item, state.reports_dir),
                  "engine_version": state.engines.get(engine, "") if engine else "",
                  "worker": os.environ.get("PYTEST_XDIST_WORKER", "")}
        # @fixme (xfail), strict XPASS, « instable » (green only on a rerun)
        etat.corriger(item, record, PASSED, FAILED, SKIPPED, FLAKY)
        setattr(report, REPORT_ATTR, record)


class _Collector:
    """Receives every report on the controller (and without xdist)."""

    def __init__(self, state: _State):
        self.state = state

    def pytest_runtest_logreport(self, report):
        record = getattr(report, REPORT_ATTR, None)
        if record and report.when == "teardown":
            # a rerun's last attempt replaces the earlier ones
            self.state.records[:] = [r for r in self.state.records
                                     if r["nodeid"] != record["nodeid"]]
            self.state.records.append(record)


# --- end of session ---------------------------------------------------------------

def _target_dict(target) -> dict:
    if target is None:
        return {}
    caps = target.capabilities() if hasattr(target, "capabilities") else {}
    return {"name": getattr(target, "name", ""), "base_url": getattr(target, "base_url", None),
            "embedded": bool(getattr(target, "embedded", False)),
            "description": getattr(target, "description", ""), "capabilities": caps}


def _profile_dict(p) -> dict:
    keys = ("id", "label", "engine", "os", "version", "support")
    if is_dataclass(p):
        d = asdict(p)
        return {k: d.get(k) for k in keys if d.get(k) is not None}
    return {k: getattr(p, k) for k in keys if getattr(p, k, None) is not None}


def results_document(config, exit_status=None) -> dict:
    state = _state(config)
    records = state.records
    run_ids = {r["profile"] for r in records}
    profiles = [_profile_dict(p) for p in _known_profiles(config)]
    if not state.profiles:   # only the profiles this run used, in file order
        profiles = [p for p in profiles if p["id"] in run_ids]
    engines = dict(state.engines)
    for r in records:
        if r.get("engine") and r.get("engine_version"):
            engines.setdefault(r["engine"], r["engine_version"])
    return {
        "format": RESULTS_FORMAT,
        "generated_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "started_at": state.started.isoformat(timespec="seconds"),
        "duration_s": round(time.monotonic() - state.t0, 1),
        "exit_status": None if exit_status is None else int(exit_status),
        "target": _target_dict(_target(config)),
        "engines": engines,
        "profiles": profiles,
        "results": sorted(records, key=lambda r: r["nodeid"]),
    }


def _prune_evidence(state: _State, records) -> None:
    """Keep only the evidence of this run (a fixed failure must not leave
    its old screenshots behind)."""
    folder = options.dossier_preuves(state.config)
    if not folder.is_dir():
        return
    keep = {options.slug(r["nodeid"]) for r in records if r.get("evidence")}
    for child in folder.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()


def _write_allure_environment(config, doc) -> None:
    alluredir = getattr(config.option, "allure_report_dir", None)
    if not alluredir:
        return
    path = Path(alluredir)
    path.mkdir(parents=True, exist_ok=True)
    target = doc["target"]
    lines = {"cible": target.get("name", ""),
             "cible.url": target.get("base_url") or ("embarquée" if target.get("embedded") else ""),
             "profils": ", ".join(p["id"] for p in doc["profiles"])}
    for name, version in sorted(doc["engines"].items()):
        lines[f"moteur.{name}"] = version

    def esc(v: str) -> str:
        return str(v).replace("\\", "\\\\").replace("\n", " ").replace(":", "\\:").replace("=", "\\=")

    (path / "environment.properties").write_text(
        "".join(f"{k}={esc(v)}\n" for k, v in lines.items() if v), encoding="utf-8")


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if _is_worker(config):
        return
    state = _state(config)
    if not state.records:
        return          # not an acceptance run: leave the last reports alone
    doc = results_document(config, exitstatus)
    try:
        write_reports(doc, state.reports_dir, rules_file=state.rules_file)
        _prune_evidence(state, state.records)
        _write_allure_environment(config, doc)
        state.written = state.reports_dir
    except (OSError, CatalogueError) as error:
        tr = config.pluginmanager.get_plugin("terminalreporter")
        if tr:
            tr.write_line(f"[rapports] matrice non écrite : {error}", red=True)


def profile_lines(config) -> list[tuple[str, bool]]:
    """One line per profile, and whether it has a failure:
    « ie11-win7 (Internet Explorer 11, chromium) : 12 scénarios — 10 réussis,
    1 échoué, 1 ignoré »."""
    state = _state(config)
    by_profile: dict[str, Counter] = {}
    meta: dict[str, tuple[str, str]] = {}
    for r in state.records:
        pid = r.get("profile") or "?"
        by_profile.setdefault(pid, Counter())[r["outcome"]] += 1
        meta.setdefault(pid, (r.get("profile_label", ""), r.get("engine", "")))
    order = [p.id for p in _known_profiles(config) if getattr(p, "id", None) in by_profile]
    order += [pid for pid in by_profile if pid not in order]
    lines = []
    for pid in order:
        counts = by_profile[pid]
        label, engine = meta[pid]
        what = ", ".join(x for x in (label, engine) if x)
        total = sum(counts.values())
        parts = ", ".join(f"{counts.get(s, 0)} {LABELS[s] if counts.get(s, 0) <= 1 else PLURALS[s]}"
                          for s in (PASSED, FLAKY, FAILED, SKIPPED) if s != FLAKY or counts.get(s))
        noun = "scénario" if total <= 1 else "scénarios"
        lines.append((f"{pid}{f' ({what})' if what else ''} : {total} {noun} — {parts}",
                      counts.get(FAILED, 0) > 0))
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _is_worker(config):
        return
    state = _state(config)
    if not state.records:
        return
    terminalreporter.section("résumé par profil navigateur")
    for line, failed in profile_lines(config):
        terminalreporter.write_line(line, red=failed, green=not failed)
    if state.written:
        d = state.written
        terminalreporter.write_line(f"Matrice : {d / 'matrix.html'} (et matrix.md) ; résultats : "
                                    f"{d / 'results.json'}")
