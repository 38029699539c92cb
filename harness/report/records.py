"""The record of each scenario run and the results document of a session.

On the worker, each report of a scenario run updates its run (outcome, skip
reason, first error, duration, evidence); the teardown report carries the
finished record to the xdist controller (an extra report attribute, which
pytest serialises with the report). On the controller, ``Collector``
gathers them; ``results_document`` is ``results.json``; ``profile_lines``
the one-line-per-profile summary.
"""
from __future__ import annotations

import os
import re
import time
from collections import Counter
from dataclasses import asdict, is_dataclass
from datetime import datetime
from typing import Any

import pytest

from harness import etat, options
from harness.report import evidence
from harness.report.matrix import FAILED, FLAKY, LABELS, PASSED, PLURALS, SKIPPED
from harness.report.state import State, item_info, known_profiles, state

RESULTS_FORMAT = "ap-results/1"
REPORT_ATTR = "ap_scenario"        # the record, on the teardown report

_run_key = pytest.StashKey[dict]()


def _reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        text = str(longrepr[2])
    else:
        text = str(getattr(report, "wasxfail", "") or longrepr or "")
    return re.sub(r"^Skipped:\s*", "", text).strip()


def _message(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = getattr(crash, "message", None) or str(report.longrepr or "")
    return text.strip().splitlines()[0][:500] if text.strip() else ""


def note_failed_step(item: pytest.Item, step_name: str) -> None:
    """The step that failed (pytest-bdd's public ``pytest_bdd_step_error``)."""
    _run(item).setdefault("step", step_name)


def _run(item: pytest.Item) -> dict:
    return item.stash.setdefault(_run_key, {"outcome": None, "reason": "", "message": "",
                                            "duration": 0.0, "evidence": None})


def _outcome(run: dict, report: pytest.TestReport) -> None:
    if report.failed and run["outcome"] != FAILED:
        run["outcome"] = FAILED
        run["message"] = _message(report)
    elif report.skipped and run["outcome"] is None:
        run["outcome"] = SKIPPED
        run["reason"] = _reason(report)
    elif report.when == "call" and report.passed and run["outcome"] is None:
        run["outcome"] = PASSED


def _with_video(saved: dict | None, item: pytest.Item, reports_dir) -> dict | None:
    """The report's evidence plus what the page factory kept when the page
    closed (the video, harness/options.py)."""
    extra = options.preuves_de(item, reports_dir)
    if not extra:
        return saved
    return {**(saved or {}), **extra}


def update(item: pytest.Item, report: pytest.TestReport) -> None:
    """Fold one report (setup, call, teardown) into the item's run; on
    teardown, put the finished record on the report."""
    s = state(item.config)
    if report.when == "setup" and _run_key in item.stash:
        del item.stash[_run_key]     # a new attempt (pytest-rerunfailures runs it again)
    run = _run(item)
    run["duration"] += getattr(report, "duration", 0.0) or 0.0
    _outcome(run, report)
    if report.when in ("setup", "call") and run["evidence"] is None and s.evidence != "never":
        if report.failed or (report.when == "call" and (
                s.evidence == "always" or options.preuves_de_relance(item.config, item))):
            run["evidence"] = evidence.save_for(item)
    if report.when == "teardown":
        info = item_info(item)
        engine = info["engine"]
        record = {**info, "outcome": run["outcome"] or PASSED, "reason": run["reason"],
                  "message": run["message"], "duration": round(run["duration"], 3),
                  "evidence": _with_video(run["evidence"], item, s.reports_dir),
                  "engine_version": s.engines.get(engine, "") if engine else "",
                  "worker": os.environ.get("PYTEST_XDIST_WORKER", "")}
        if run.get("step"):
            record["step"] = run["step"]
        # @fixme (xfail), strict XPASS, « instable » (green only on a rerun)
        etat.corriger(item, record, PASSED, FAILED, SKIPPED, FLAKY)
        setattr(report, REPORT_ATTR, record)


class Collector:
    """Receives every report on the controller (and without xdist)."""

    def __init__(self, s: State):
        self.state = s

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        record = getattr(report, REPORT_ATTR, None)
        if record and report.when == "teardown":
            # a rerun's last attempt replaces the earlier ones
            self.state.records[:] = [r for r in self.state.records
                                     if r["nodeid"] != record["nodeid"]]
            self.state.records.append(record)


def _target_dict(target: Any) -> dict:
    if target is None:
        return {}
    caps = target.capabilities() if hasattr(target, "capabilities") else {}
    return {"name": getattr(target, "name", ""), "base_url": getattr(target, "base_url", None),
            "embedded": bool(getattr(target, "embedded", False)),
            "description": getattr(target, "description", ""), "capabilities": caps}


def _profile_dict(p: Any) -> dict:
    keys = ("id", "label", "engine", "os", "version", "support")
    if is_dataclass(p) and not isinstance(p, type):
        d = asdict(p)
        return {k: d.get(k) for k in keys if d.get(k) is not None}
    return {k: getattr(p, k) for k in keys if getattr(p, k, None) is not None}


def results_document(config: pytest.Config, exit_status: int | None = None) -> dict:
    s = state(config)
    records = s.records
    run_ids = {r["profile"] for r in records}
    profiles = [_profile_dict(p) for p in known_profiles(config)]
    if not s.profiles:   # only the profiles this run used, in file order
        profiles = [p for p in profiles if p["id"] in run_ids]
    engines = dict(s.engines)
    for r in records:
        if r.get("engine") and r.get("engine_version"):
            engines.setdefault(r["engine"], r["engine_version"])
    return {
        "format": RESULTS_FORMAT,
        "generated_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "started_at": s.started.isoformat(timespec="seconds"),
        "duration_s": round(time.monotonic() - s.t0, 1),
        "exit_status": None if exit_status is None else int(exit_status),
        "target": _target_dict(s.target),
        "engines": engines,
        "profiles": profiles,
        "results": sorted(records, key=lambda r: r["nodeid"]),
    }


def profile_lines(config: pytest.Config) -> list[tuple[str, bool]]:
    """One line per profile, and whether it has a failure:
    « ie11-win7 (Internet Explorer 11, chromium) : 12 scénarios — 10 réussis,
    1 échoué, 1 ignoré »."""
    by_profile: dict[str, Counter] = {}
    meta: dict[str, tuple[str, str]] = {}
    for r in state(config).records:
        pid = r.get("profile") or "?"
        by_profile.setdefault(pid, Counter())[r["outcome"]] += 1
        meta.setdefault(pid, (r.get("profile_label", ""), r.get("engine", "")))
    order = [p.id for p in known_profiles(config) if getattr(p, "id", None) in by_profile]
    order += [pid for pid in by_profile if pid not in order]
    return [_profile_line(pid, by_profile[pid], *meta[pid]) for pid in order]


def _profile_line(pid: str, counts: Counter, label: str, engine: str) -> tuple[str, bool]:
    what = ", ".join(x for x in (label, engine) if x)
    total = sum(counts.values())
    parts = ", ".join(f"{counts.get(s, 0)} {LABELS[s] if counts.get(s, 0) <= 1 else PLURALS[s]}"
                      for s in (PASSED, FLAKY, FAILED, SKIPPED) if s != FLAKY or counts.get(s))
    noun = "scénario" if total <= 1 else "scénarios"
    return (f"{pid}{f' ({what})' if what else ''} : {total} {noun} — {parts}",
            counts.get(FAILED, 0) > 0)
