"""Where one scenario's time goes: a pytest plugin for the benchmark, not a
test (``-p bench.phases``, written by ``bench/bench_suite.py --phases``).

For every scenario it adds up, with ``time.perf_counter``:

- ``setup`` / ``teardown``: pytest's own phases (the first scenario of a
  process also pays the simulator's and Mailpit's start there or in its
  first step);
- ``page``: opening a browser page (a new context or WebDriver session,
  the trace started) and ``fermeture``: closing it (the trace kept or
  dropped);
- ``compte``: an account made by the target's provider (``POST
  /_sim/comptes``: argon2 on the simulator's side);
- ``connexion_http``: the programmatic login (the site's form through an
  HTTP client, the cookie handed to the browser);
- ``audit``: the audit's capture after the steps;
- ``etapes``: the steps themselves, minus what the lines above already
  count inside them.

Each scenario is one JSON line in the file named by ``BENCH_PHASES``.
Wrapping is done here, at import, on the harness's own functions: nothing
in the harness knows about it.
"""
from __future__ import annotations

import functools
import json
import os
import time
from collections import defaultdict

import pytest

_current: dict = {"totals": None, "step_started": None, "depth": 0}


def _timed(kind: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        totals = _current["totals"]
        if totals is None or _current["depth"]:
            return function(*args, **kwargs)
        _current["depth"] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _current["depth"] -= 1
            spent = time.perf_counter() - started
            totals[kind] += spent
            if _current["step_started"] is not None:
                totals["_dans_etapes"] += spent
    return wrapper


def _wrap(owner, name: str, kind: str) -> None:
    setattr(owner, name, _timed(kind, getattr(owner, name)))


def pytest_configure(config):
    from harness import comptes, options
    from harness.audit import capture
    from harness.clients import session_http

    _wrap(options, "ouvrir_page", "page")
    _wrap(options, "fermer_page", "fermeture")
    _wrap(comptes.FournisseurControle, "obtenir", "compte")
    _wrap(session_http.SessionHTTP, "connecter", "connexion_http")
    _wrap(capture.Capturer, "capture", "audit")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _current["totals"] = defaultdict(float)
    _current["item"] = item.nodeid
    yield
    totals, _current["totals"] = _current["totals"], None
    path = os.environ.get("BENCH_PHASES")
    if path and totals is not None:
        inside = totals.pop("_dans_etapes", 0.0)
        totals["etapes"] = round(max(0.0, totals.pop("steps_raw", 0.0) - inside), 3)
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": item.nodeid, **{k: round(v, 3) for k, v in totals.items()}},
                                 ensure_ascii=False) + "\n")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_step(request, feature, scenario, step, step_func):
    _current["step_started"] = time.perf_counter()


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args):
    started, totals = _current["step_started"], _current["totals"]
    if started is not None and totals is not None:
        totals["steps_raw"] += time.perf_counter() - started
        totals["nb_etapes"] += 1
    _current["step_started"] = None


def pytest_runtest_logreport(report):
    totals = _current["totals"]
    if totals is not None and report.when in ("setup", "teardown"):
        totals[report.when] += report.duration
    if totals is not None and report.when == "call":
        totals["call"] += report.duration
