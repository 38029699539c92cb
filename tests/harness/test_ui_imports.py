"""Page objects and steps see only ``harness.ui``: neither Playwright nor
Selenium, so that one page object serves every engine."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .test_architecture import imports

ROOT = Path(__file__).resolve().parents[2]
ENGINE_LIBRARIES = {"playwright", "selenium"}


def imported_modules(path: Path) -> set[str]:
    """Every module (and ``module.name``) a file imports, relative imports aside."""
    return imports(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))


SOURCES = sorted(p for folder in ("pages", "steps") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_engine_library_outside_the_backends(path):
    leaked = {m for m in imported_modules(path) if m.split(".")[0] in ENGINE_LIBRARIES}
    assert not leaked, f"{path.relative_to(ROOT)} imports {sorted(leaked)}: use harness.ui"


def test_the_guard_sees_an_import(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text("from playwright.sync_api import Page\nimport selenium.webdriver\n")
    assert imported_modules(sample) == {"playwright.sync_api", "playwright.sync_api.Page", "selenium.webdriver"}
