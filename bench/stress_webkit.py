"""Stress loop of the local WebKit engine (issue 11 item 7): a benchmark
tool, not a test.

    .venv/bin/python bench/stress_webkit.py --rounds 100 --processes 2 --limit 20

Each process starts the WebKit engine (Xvfb + WebKitWebDriver), opens a
session (a MiniBrowser), loads a page, quits, stops the engine, ``--rounds``
times (``--sessions`` sessions per engine start). A session start that takes
longer than ``--limit`` seconds counts as a hang: the WebKitWebDriver's own
log (its stderr, where MiniBrowser's goes too) and the diagnosis are written
to ``--out`` for that round. Prints, per process, the rounds, the hangs and
the other failures, as JSON.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_process(index: int, args) -> dict:
    from harness import profiles
    from harness.ui import start_engine
    from harness.ui import webdriver_backend as wd

    wd.SESSION_START_SECONDS = args.limit
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    matrix = profiles.load()
    profile = matrix.profile("safari-6.0-mac")
    stats = {"process": index, "rounds": 0, "sessions": 0, "hangs": 0, "restarts": 0, "failures": 0,
             "details": []}
    for round_ in range(args.rounds):
        log = out / f"p{index}-r{round_}.log"
        matrix = profiles.load(environ={**os.environ, "HARNESS_WEBKIT_DRIVER_LOG": str(log)})
        engine = None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                engine = start_engine("webkit", matrix)
                for _ in range(args.sessions):
                    ui = engine.new_ui(profile, "about:blank")
                    ui.goto("data:text/html,<h1>ok</h1>")
                    ui.close()
                    stats["sessions"] += 1
            restarts = [str(w.message) for w in caught if "n'a pas démarré" in str(w.message)]
            if restarts:
                stats["restarts"] += len(restarts)
                stats["details"].append({"round": round_, "restart": restarts, "log": str(log)})
        except Exception as error:  # noqa: BLE001 — counted, the loop goes on
            kind = "hangs" if "aucune session de navigateur" in str(error) else "failures"
            stats[kind] += 1
            stats["details"].append({"round": round_, kind: f"{type(error).__name__}: {error}",
                                     "trace": traceback.format_exc()[-800:], "log": str(log)})
        finally:
            if engine is not None:
                try:
                    engine.close()
                except Exception:  # noqa: BLE001
                    pass
        stats["rounds"] += 1
        if not any(d.get("round") == round_ for d in stats["details"]):
            log.unlink(missing_ok=True)
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--sessions", type=int, default=1, help="sessions per engine start")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--limit", type=float, default=20.0, help="seconds before a start counts as a hang")
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "stress-webkit"))
    args = ap.parse_args(argv)
    started, load = time.monotonic(), os.getloadavg()
    with multiprocessing.get_context("spawn").Pool(args.processes) as pool:
        results = pool.starmap(one_process, [(i, args) for i in range(args.processes)])
    print(json.dumps({"wall_s": round(time.monotonic() - started, 1), "load_before": load,
                      "load_after": os.getloadavg(), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
