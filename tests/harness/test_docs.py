"""The docs name what exists: every ``scripts/…`` and ``docs/…`` path of
docs/architecture.md and docs/reports.md is in the repository, and no option
is documented that the harness does not declare."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ["docs/architecture.md", "docs/reports.md"]


@pytest.mark.parametrize("doc", DOCS)
def test_every_scripts_and_docs_path_exists(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:scripts|docs)/[\w./-]*)`", text))
    assert paths, doc
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == [], f"{doc} names {missing}"


def test_no_undeclared_option_is_documented_in_the_harness():
    declared = set()
    for path in (ROOT / "harness").rglob("*.py"):
        # pytest's options (addoption) and the harness's commands' (argparse: python -m harness.mutation)
        declared |= set(re.findall(r'add(?:option|_argument)\(\s*"(--[\w-]+)"', path.read_text(encoding="utf-8")))
    assert "--target" in declared
    # pytest's and the plugins' own: pytest-base-url gives --base-url (issue 13)
    # pytest-rerunfailures --reruns, pytest-bdd --cucumberjson, pytest --junitxml
    declared |= {"--strict-markers", "--alluredir", "--collect-only", "--base-url", "--verify-base-url",
                 "--reruns", "--cucumberjson", "--junitxml"}
    for path in (ROOT / "harness").rglob("*.py"):
        for option in re.findall(r"``(--[a-z][\w-]+)", path.read_text(encoding="utf-8")):
            assert option in declared, f"{path.relative_to(ROOT)} documents {option}"
