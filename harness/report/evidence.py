"""Evidence of a scenario run: screenshot, HTML and (Playwright) trace of
each browser page it opened.

The fixtures that open a page (``ui``, ``nouvelle_page``) hand it to
``track_ui(request.node, ui, name)``; on failure (or always, with
``--screenshot on`` or ``--tracing on``, harness/options.py) ``save_for(item)`` writes each page's evidence under
``<reports>/evidence/<test>/`` (``<test>/<name>/`` for a second page) and
attaches it to the Allure result. Nothing here reads pytest's fixture
internals.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness import options
from harness.report.allure_glue import attach
from harness.report.state import slug, state

_uis_key = pytest.StashKey[dict[str, Any]]()


def track_ui(node: pytest.Item, ui: Any, name: str = "principal") -> None:
    """Register a page opened for the scenario ``node`` (its evidence is
    kept if the scenario fails)."""
    uis = node.stash.get(_uis_key, None)
    if uis is None:
        uis = node.stash[_uis_key] = {}
    uis[name] = ui


def tracked_uis(item: pytest.Item) -> dict[str, Any]:
    uis: dict[str, Any] | None = item.stash.get(_uis_key, None)
    return dict(uis) if uis else {}


def save_for(item: pytest.Item) -> dict | None:
    """The evidence of every page of ``item`` (the first one's at the top,
    the others under ``pages``), or None when it opened none."""
    uis = tracked_uis(item)
    if not uis:
        return None
    # --output (harness/options.py; default reports/evidence)
    folder = options.dossier_preuves(item.config) / slug(item.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    (first, ui), *others = uis.items()
    saved = save(item, ui, folder)
    if others:
        saved["pages"] = {name: save(item, other, folder / slug(name)) for name, other in others}
    return saved


def _try(problems: list[str], what: str, action: Callable[[], object]) -> None:
    try:
        action()
    except Exception as error:  # noqa: BLE001 - evidence must not hide the scenario's error
        problems.append(f"{what} : {error}")


def save(item: pytest.Item, ui: Any, folder: Path) -> dict:
    """Screenshot, HTML and (Playwright) trace of ``ui`` in ``folder``; each
    part is tried on its own and a failure to save one is noted, never
    raised: evidence must not hide the scenario's own error."""
    reports = state(item.config).reports_dir
    folder.mkdir(parents=True, exist_ok=True)
    saved: dict = {}
    problems: list[str] = []

    def rel(p: Path) -> str:
        return Path(os.path.relpath(p, reports)).as_posix()

    def url() -> None:
        saved["url"] = str(ui.url)

    def screenshot() -> None:
        shot = folder / "capture.png"
        ui.screenshot(str(shot))
        if shot.exists():
            saved["screenshot"] = rel(shot)
            attach(shot, "Capture d'écran", "png")

    def html() -> None:
        page = folder / "page.html"
        page.write_text(ui.html(), encoding="utf-8")
        saved["html"] = rel(page)
        attach(page, "HTML de la page", "html")

    def trace() -> None:
        path = folder / "trace.zip"
        if ui.stop_trace(str(path)) and path.exists():
            saved["trace"] = rel(path)
            attach(path, "Trace Playwright", "trace")

    _try(problems, "URL", url)
    _try(problems, "capture", screenshot)
    _try(problems, "HTML", html)
    _try(problems, "trace", trace)
    if problems:
        saved["problems"] = problems
    return saved


def prune(reports_dir: Path, records: list[dict]) -> None:
    """Keep only the evidence of this run (a fixed failure must not leave
    its old screenshots behind)."""
    folder = reports_dir / "evidence"
    if not folder.is_dir():
        return
    keep = {slug(r["nodeid"]) for r in records if r.get("evidence")}
    for child in folder.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()
