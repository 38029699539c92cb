"""The report's Allure side: labels, links and title through the public
``allure`` API, evidence attachments, ``environment.properties`` — and the
one place that uses allure-pytest-bdd's internals.

allure-pytest-bdd 2.16 writes no result for a scenario that never started
(skipped — a need the target lacks — or broken in set-up): the public API
only decorates a running test. ``result_for_early_exit`` schedules that
result in the listener's own lifecycle; it is written for ``SUPPORTED``
versions only (``check_version``; tests/harness/test_report_plugin.py checks
both the pinned version and the skipped scenario in Allure) and does
nothing on another version rather than forge a wrong result.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest

from harness import bdd
from harness.report.state import item_info, state

TRACE_CONTENT_TYPE = "application/vnd.allure.playwright-trace"
#: allure-pytest-bdd versions whose listener ``result_for_early_exit`` knows.
SUPPORTED = ("2.16.",)


def check_version() -> str | None:
    """The installed allure-pytest-bdd version when supported, else None."""
    try:
        found = version("allure-pytest-bdd")
    except PackageNotFoundError:
        return None
    return found if found.startswith(SUPPORTED) else None


def group_titles(config: pytest.Config) -> dict[str, str]:
    from harness.rules import CatalogueError, load

    s = state(config)
    if s.groups is None:
        try:
            s.groups = load(s.rules_file).groups
        except CatalogueError:
            s.groups = {}
    return s.groups


def labels(item: pytest.Item, info: dict) -> list[tuple[str, str]]:
    found = []
    groups = group_titles(item.config)
    for gid in dict.fromkeys(r.split("-")[0] for r in info["rules"]):
        found.append(("epic", f"{gid} — {groups[gid]}" if gid in groups else gid))
    for rid in info["rules"]:
        found.append(("story", rid))
        found.append(("rule", rid))
    for name in ("profile", "engine", "target"):
        if info.get(name):
            found.append((name, info[name]))
    return found


def title(info: dict) -> str:
    return f"{info['scenario']} — {info['profile']}" if info["profile"] else info["scenario"]


def decorate_running(item: pytest.Item) -> None:
    """Labels, links and title of a started scenario (public API)."""
    try:
        import allure
    except ImportError:  # pragma: no cover
        return
    info = item_info(item)
    for name, value in labels(item, info):
        allure.dynamic.label(name, value)
    for rid in info["rules"]:
        allure.dynamic.link(f"../matrix.html#regle-{rid}", name=f"{rid} dans la matrice")
    allure.dynamic.title(title(info))


def attach(path: Path, name: str, kind: str) -> None:
    try:
        import allure
    except ImportError:  # pragma: no cover
        return
    if kind == "png":
        allure.attach.file(str(path), name=name, attachment_type=allure.attachment_type.PNG)
    elif kind == "html":
        allure.attach.file(str(path), name=name, attachment_type=allure.attachment_type.HTML)
    else:
        allure.attach.file(str(path), name=name, attachment_type=TRACE_CONTENT_TYPE, extension="zip")


def _listener(config: pytest.Config) -> Any:
    try:
        from allure_pytest_bdd.pytest_bdd_listener import PytestBDDListener
    except ImportError:  # pragma: no cover
        return None
    for plugin in config.pluginmanager.get_plugins():
        if isinstance(plugin, PytestBDDListener):
            return plugin
    return None


def result_for_early_exit(item: pytest.Item) -> None:
    """A scenario that never started gets its Allure result (see the module
    docstring); its set-up report then fills the status and its teardown
    writes it."""
    listener = _listener(item.config)
    template = bdd.scenario_of(item)
    if listener is None or template is None or check_version() is None:
        return
    from allure_commons.model2 import Label, Link
    from allure_commons.types import LabelType
    from allure_commons.utils import host_tag, md5, now, platform_label, thread_tag
    from allure_pytest_bdd.storage import save_test_data
    from allure_pytest_bdd.utils import (convert_params, get_full_name, get_outline_params,
                                         get_pytest_params)

    uuid = listener.nodeid_to_uuid[item.nodeid]
    with listener.lifecycle.update_test_case(uuid=uuid) as existing:
        if existing is not None:
            return
    feature = template.feature
    outline = get_outline_params(item)
    params = {**get_pytest_params(item), **outline}
    scenario = template.render(outline)
    save_test_data(item=item, feature=feature, scenario=scenario, params=params)
    info = item_info(item)
    full_name = get_full_name(feature, scenario)
    root = Path(str(item.config.rootpath))
    try:
        parts = Path(feature.filename).relative_to(root).parts
    except ValueError:
        parts = (Path(feature.filename).name,)
    with listener.lifecycle.schedule_test_case(uuid=uuid) as result:
        result.fullName = full_name
        result.titlePath = [*parts[:-1], feature.name or parts[-1]]
        result.name = title(info)
        result.start = result.stop = now()
        result.testCaseId = md5(full_name)
        result.labels += [Label(name=LabelType.HOST, value=host_tag()),
                          Label(name=LabelType.THREAD, value=thread_tag()),
                          Label(name=LabelType.FRAMEWORK, value="pytest-bdd"),
                          Label(name=LabelType.LANGUAGE, value=platform_label())]
        result.labels += [Label(name=n, value=v) for n, v in labels(item, info)]
        result.links += [Link(url=f"../matrix.html#regle-{rid}", name=f"{rid} dans la matrice",
                              type="link") for rid in info["rules"]]
        result.parameters += convert_params(outline, get_pytest_params(item))


def write_environment(config: pytest.Config, doc: dict) -> None:
    """Allure's ``environment.properties``: the target, the profiles, the engines."""
    alluredir = getattr(config.option, "allure_report_dir", None)
    if not alluredir:
        return
    path = Path(alluredir)
    path.mkdir(parents=True, exist_ok=True)
    target = doc["target"]
    lines = {"cible": target.get("name", ""),
             "cible.url": target.get("base_url") or ("embarquée" if target.get("embedded") else ""),
             "profils": ", ".join(p["id"] for p in doc["profiles"])}
    for name, engine_version in sorted(doc["engines"].items()):
        lines[f"moteur.{name}"] = engine_version

    def esc(v: str) -> str:
        return str(v).replace("\\", "\\\\").replace("\n", " ").replace(":", "\\:").replace("=", "\\=")

    (path / "environment.properties").write_text(
        "".join(f"{k}={esc(v)}\n" for k, v in lines.items() if v), encoding="utf-8")
