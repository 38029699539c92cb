"""The CI examples of docs/ci/: checked by actionlint (GitHub Actions) and
GitLab's JSON schema (check-jsonschema's vendored copy, pinned in
pyproject's test extra), and the workflow's inputs never expanded inside a
`run:` script (script injection): they go through `env:`. Each check is
shown to fail on a broken copy."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / "docs" / "ci" / "github-actions.yml"
GITLAB = ROOT / "docs" / "ci" / "gitlab-ci.yml"
EXPRESSION_IN_RUN = re.compile(r"\$\{\{\s*(inputs|github\.event)\.")


def _actionlint() -> str | None:
    found = shutil.which("actionlint")
    gopath = subprocess.run(["go", "env", "GOPATH"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("go") else ""
    candidate = Path(gopath or Path.home() / "go") / "bin" / "actionlint"
    return found or (str(candidate) if candidate.exists() else None)


def _runs(workflow: dict):
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            if "run" in step:
                yield job_id, step.get("name", ""), step["run"]


def test_no_input_is_expanded_inside_a_run_script():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    bad = [(job, name) for job, name, script in _runs(workflow) if EXPRESSION_IN_RUN.search(script)]
    assert bad == [], f"entrées développées dans un script run: (injection) : {bad}"
    used = GITHUB.read_text(encoding="utf-8")
    for name in ("inputs.base_url", "inputs.profiles", "inputs.target"):
        assert re.search(r"^\s+RECETTE_\w+: \$\{\{ " + re.escape(name) + r" \}\}$", used, re.M), name
    # the check itself catches the old form
    broken = {"jobs": {"j": {"steps": [{"run": 'echo "${{ inputs.base_url }}"'}]}}}
    assert list(_runs(broken)) and EXPRESSION_IN_RUN.search(next(_runs(broken))[2])


@pytest.mark.skipif(_actionlint() is None,
                    reason="actionlint absent : go install github.com/rhysd/actionlint/cmd/actionlint"
                           "@v1.7.12 (scripts/setup.sh le fait quand Go est là)")
def test_actionlint_accepts_the_workflow(tmp_path):
    tool = _actionlint()
    proc = subprocess.run([tool, "-no-color", str(GITHUB)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    broken = tmp_path / "casse.yml"
    broken.write_text(GITHUB.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1),
                      encoding="utf-8")
    proc = subprocess.run([tool, "-no-color", str(broken)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "run-on" in proc.stdout, proc.stdout + proc.stderr


def _check_jsonschema(path: Path):
    tool = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(tool), "--builtin-schema", "vendor.gitlab-ci", str(path)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})


def test_gitlab_schema_accepts_the_pipeline(tmp_path):
    proc = _check_jsonschema(GITLAB)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    broken = tmp_path / "casse.yml"
    broken.write_text(GITLAB.read_text(encoding="utf-8").replace("parallel: 4", "parallel: quatre"),
                      encoding="utf-8")
    assert _check_jsonschema(broken).returncode != 0


def test_the_merge_job_reads_what_the_parts_leave():
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert "--shard $CI_NODE_INDEX/$CI_NODE_TOTAL" in " ".join(gitlab["recette"]["script"])
    assert gitlab["recette"]["artifacts"]["reports"]["junit"] == "reports/junit.xml"
    assert gitlab["fusion"]["script"] == ["make merge"]
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert github["jobs"]["fusion"]["needs"] == "recette"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ap-rapport merge shards/*/results.json" in makefile
    assert "shards/*/allure-results" in makefile
