"""bench/bench_suite.py reads the figures of a run already made (`--junit`,
e.g. make acceptance's reports/junit.xml): per engine, from the profile in
each test's name, the median of the scenarios that ran; the wall time from
the results.json beside it."""
from __future__ import annotations

import importlib.util
import json

from harness.services import ROOT

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="recette">
<testcase classname="a" name="test_connexion[ie7-winxp]" time="1.0"/>
<testcase classname="a" name="test_connexion[ie8-winxp]" time="3.0"/>
<testcase classname="a" name="test_plan[ie7-winxp-ligne2]" time="2.0"/>
<testcase classname="a" name="test_connexion[firefox-45.8-win7]" time="5.0"><failure message="x"/></testcase>
<testcase classname="a" name="test_verrou[firefox-45.8-win7]" time="0.1"><skipped message="y"/></testcase>
</testsuite></testsuites>"""


def test_les_chiffres_d_un_run_deja_fait(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_suite", ROOT / "bench" / "bench_suite.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "results")
    (tmp_path / "junit.xml").write_text(JUNIT, encoding="utf-8")
    (tmp_path / "results.json").write_text(json.dumps({"duration_s": 7023.4, "exit_status": 1}))
    assert bench.main(["--label", "essai", "--junit", str(tmp_path / "junit.xml")]) == 0
    result = json.loads((tmp_path / "results" / "essai.json").read_text(encoding="utf-8"))
    assert result["engines"]["chromium"] == {"passed": 3, "failed": 0, "skipped": 0,
                                             "median_s": 2.0, "min_s": 1.0, "max_s": 3.0}
    assert result["engines"]["firefox"]["failed"] == 1 and result["engines"]["firefox"]["median_s"] == 5.0
    assert (result["wall_s"], result["exit_code"], result["tests"]) == (7023.4, 1, 5)
