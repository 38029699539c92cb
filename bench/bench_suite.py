"""Speed of the main job: a benchmark, not a test (issue 10).

    .venv/bin/python bench/bench_suite.py --label apres --profile ie7-winxp
    .venv/bin/python bench/bench_suite.py --label matrice --matrix -n 2
    .venv/bin/python bench/bench_suite.py --label make-test --make-test
    .venv/bin/python bench/bench_suite.py --label acceptance --junit reports/junit.xml
    .venv/bin/python bench/bench_suite.py --label avant --checkout ../main-copy \
        --profile ie7-winxp -k "verrouill or erron" --phases -- --tracing off

Runs the French suite (or ``make test``) as a whole process, with pytest's
JUnit XML, and prints:

- the wall time of the run and the machine's load average before and after
  (the machine is shared: a figure means little without its load);
- per engine, the median, minimum and maximum time of one scenario (set-up,
  steps and tear-down, as JUnit counts it) and how many passed, failed or
  were skipped.

Each run is also written to ``bench/results/<label>.json`` so that a later
sitting can be compared with an earlier one (``--compare LABEL``).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def engines_of_profiles(browsers_yaml: Path = ROOT / "browsers.yaml") -> dict[str, str]:
    """Profile id → engine name, read from browsers.yaml itself."""
    data = yaml.safe_load(browsers_yaml.read_text(encoding="utf-8"))
    return {p["id"]: p["engine"] for p in data["profiles"]}


def scenario_times(junit_xml: Path) -> list[dict]:
    """One record per test case: profile, outcome, seconds."""
    records = []
    known = sorted(engines_of_profiles(), key=len, reverse=True)
    for case in ET.parse(junit_xml).getroot().iter("testcase"):
        name = case.get("name", "")
        # "…[ie7-winxp]" or, for a row of Exemples, "…[ie7-winxp-row]"
        params = name[name.find("[") + 1:-1] if name.endswith("]") else ""
        profile = next((p for p in known if params == p or params.startswith(p + "-")), None)
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
            elif child.tag == "skipped":
                outcome = "skipped"
        records.append({"name": name, "profile": profile, "outcome": outcome,
                        "seconds": float(case.get("time", 0))})
    return records


def summary(records: list[dict], engines: dict[str, str]) -> dict[str, dict]:
    by_engine: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_engine[engines.get(r["profile"] or "", "autre")].append(r)
    out = {}
    for engine, rs in sorted(by_engine.items()):
        ran = [r["seconds"] for r in rs if r["outcome"] != "skipped"]
        out[engine] = {
            "passed": sum(r["outcome"] == "passed" for r in rs),
            "failed": sum(r["outcome"] == "failed" for r in rs),
            "skipped": sum(r["outcome"] == "skipped" for r in rs),
            "median_s": round(statistics.median(ran), 2) if ran else None,
            "min_s": round(min(ran), 2) if ran else None,
            "max_s": round(max(ran), 2) if ran else None,
        }
    return out


def phase_summary(path: Path, engines: dict[str, str]) -> dict[str, dict]:
    """Per engine, the median seconds of each phase of a scenario
    (bench/phases.py), over the scenarios that ran."""
    known = sorted(engines, key=len, reverse=True)
    by_engine: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        name = record.pop("test")
        params = name[name.find("[") + 1:-1] if name.endswith("]") else ""
        profile = next((p for p in known if params == p or params.startswith(p + "-")), "")
        by_engine[engines.get(profile, "autre")].append(record)
    out = {}
    for engine, records in sorted(by_engine.items()):
        keys = sorted({k for r in records for k in r})
        out[engine] = {k: round(statistics.median(r.get(k, 0.0) for r in records), 3) for k in keys}
        out[engine]["scenarios"] = len(records)
    return out


def run(command: list[str], env: dict | None = None,
        cwd: Path = ROOT) -> tuple[float, int, tuple, tuple]:
    load_before = os.getloadavg()
    started = time.monotonic()
    code = subprocess.call(command, cwd=cwd, env={**os.environ, **(env or {})})
    wall = time.monotonic() - started
    return wall, code, load_before, os.getloadavg()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--label", required=True, help="name of this measurement (bench/results/LABEL.json)")
    ap.add_argument("--profile", action="append", default=[], help="profile(s) to run (repeatable)")
    ap.add_argument("--matrix", action="store_true", help="the whole documented matrix")
    ap.add_argument("-n", "--workers", default="2", help="pytest-xdist workers (default 2)")
    ap.add_argument("-k", dest="keyword", help="pytest -k expression")
    ap.add_argument("--make-test", action="store_true", help="time `make test` instead of the suite")
    ap.add_argument("--compare", help="an earlier LABEL to print beside this one")
    ap.add_argument("--checkout", help="run the suite of another checkout of the project (e.g. a "
                    "`git worktree` of main, for a before/after in the same sitting), with this "
                    "checkout's .venv: its folder comes first on PYTHONPATH")
    ap.add_argument("--phases", action="store_true",
                    help="also where each scenario's time goes (bench/phases.py), per engine")
    ap.add_argument("--junit", help="no run: the per-engine figures of a run already made, from its "
                    "JUnit XML (make acceptance's reports/junit.xml; the wall time from the "
                    "results.json beside it)")
    ap.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --), e.g. --tracing off")
    args = ap.parse_args(argv)
    if args.junit:
        return save(args, figures_of_run(Path(args.junit)))

    result: dict = {}
    if args.make_test:
        wall, code, before, after = run(["make", "test"])
        result.update(command="make test", exit_code=code)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            junit = Path(tmp) / "junit.xml"
            command = [sys.executable, "-m", "pytest", "tests/acceptance", "-q", "-p", "no:randomly",
                       "-n", args.workers, f"--junitxml={junit}", "-o", "junit_family=xunit1"]
            command += ["--matrix"] if args.matrix else [f"--profile={p}" for p in args.profile]
            if args.keyword:
                command += ["-k", args.keyword]
            # `make bench BENCH=matrice ARGS='… -- --shard 1/16'` adds make
            # acceptance's own after a second « -- »
            command += [a for a in args.pytest_args if a != "--"]
            env, cwd = {}, ROOT
            if args.checkout:
                cwd = Path(args.checkout).resolve()
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(cwd), os.environ.get("PYTHONPATH")]))
            phases = Path(tmp) / "phases.jsonl"
            if args.phases:
                # the plugin is this checkout's, whatever checkout runs
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), str(ROOT / "bench")]))
                env["BENCH_PHASES"] = str(phases)
                command += ["-p", "phases"]
            wall, code, before, after = run(command, env, cwd)
            records = scenario_times(junit) if junit.exists() else []
            if phases.exists():
                result["phases"] = phase_summary(phases, engines_of_profiles())
        shown = [c.replace(str(junit), "junit.xml").replace(str(phases), "phases.jsonl") for c in command[1:]]
        result.update(command=" ".join(shown), checkout=Path(args.checkout).name if args.checkout else ".",
                      exit_code=code,
                      engines=summary(records, engines_of_profiles()), tests=len(records))
    result.update(wall_s=round(wall, 1), load_before=[round(x, 1) for x in before],
                  load_after=[round(x, 1) for x in after])
    return save(args, result)


def figures_of_run(junit: Path) -> dict:
    """The figures of a run already made: per engine from its JUnit XML,
    the wall time of its pytest session from the results.json beside it
    (the machine's load then is not known here: say it beside the figure)."""
    records = scenario_times(junit)
    result: dict = {"command": f"(run already made) {junit.name}",
                    "engines": summary(records, engines_of_profiles()), "tests": len(records)}
    beside = junit.parent / "results.json"
    if beside.exists():
        data = json.loads(beside.read_text(encoding="utf-8"))
        result.update(wall_s=data.get("duration_s"), started=data.get("started_at"),
                      exit_code=data.get("exit_status"))
    return result


def save(args, figures: dict) -> int:
    result = {"label": args.label, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "cores": os.cpu_count(), **figures}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.label}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.compare:
        earlier = json.loads((RESULTS / f"{args.compare}.json").read_text(encoding="utf-8"))
        print(f"\n{args.compare}: wall {earlier.get('wall_s')} s, load {earlier.get('load_before')}")
        for engine, s in earlier.get("engines", {}).items():
            now = result.get("engines", {}).get(engine, {})
            print(f"  {engine}: median {s['median_s']} s → {now.get('median_s')} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
