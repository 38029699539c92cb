"""pytest wiring of the audit (docs/audit.md).

- loaded by its own entry point (``harness.audit.plugin`` of the ``pytest11``
  group in pyproject.toml: an installed harness has it; the name is the
  module's, so ``-p harness.audit.plugin`` or a conftest listing it does not
  register it twice);
- option ``--audit=auto|oui|non`` (default ``auto``: ``audit.yaml``, which
  turns it on for the embedded simulator); ``--audit-node-modules`` (or
  ``AP_AUDIT_NODE_MODULES``): where its npm tools are (``outils.py``; when
  they are missing, the parts that need them are reported *not done*);
- after every pytest-bdd step, each browser page of the scenario (the ``ui``
  fixture, and any page given to ``watch()``) is captured if its state is new
  for its profile: HTML and resources, RGAA checks, axe-core, screenshot —
  attached to the Allure result;
- each xdist worker writes its records to ``<reports>/audit/parts/``; the
  controller (or the only process) runs the npm tools once on the unique
  contents x profiles and writes ``audit.json`` / ``audit.html``.
"""
from __future__ import annotations

import json
import shutil
import time
import weakref
from pathlib import Path

import pytest

from harness import stash
from harness.report.state import known_profiles
from harness.report.state import state as report_state
from harness import defauts
from harness.ui.base import UI

from . import compat, config as config_mod, outils as outils_mod, report
from .capture import Capturer

_key = pytest.StashKey["_Audit"]()


class _Audit:
    def __init__(self, pytest_config, settings, reports_dir: Path, outils: outils_mod.Outils):
        self.pytest_config = pytest_config
        self.settings = settings
        self.outils = outils    # where its npm tools are (or why they are missing)
        self.reports_dir = reports_dir
        self.directory = reports_dir / "audit"
        self.capturer: Capturer | None = None
        #: what the audit cost in this process: seconds after the steps,
        #: page states captured, page states read, pages not read again
        #: (unused since their last reading)
        self.couts = {"capture_s": 0.0, "captures": 0, "lectures": 0, "inchangees": 0}
        self.watched: dict[str, list] = {}
        self.step_args: dict[str, dict] = {}   # what the scenario's steps received so far, by test
        #: each page's ``UI.uses`` when its state was last read: a page no
        #: step used since then is not read again (steps that arrange
        #: through the target, read mail or move the clock)
        self.lu: weakref.WeakKeyDictionary[UI, int] = weakref.WeakKeyDictionary()

    def capturer_(self) -> Capturer:
        if self.capturer is None:
            self.capturer = Capturer(self.directory, self.outils.axe)
        return self.capturer


def pytest_addoption(parser):
    group = parser.getgroup("audit", "Audit des pages (compatibilité, accessibilité)")
    group.addoption("--audit", choices=("auto", "oui", "non"), default="auto",
                    help="audit de compatibilité et d'accessibilité de chaque page atteinte "
                         "(défaut : selon audit.yaml, actif contre le simulateur embarqué)")
    group.addoption("--audit-file", default=None,
                    help="réglages de l'audit (défaut : audit.yaml du projet, sinon celui du harnais)")
    group.addoption("--audit-node-modules", dest="audit_node_modules", default=None, metavar="DOSSIER",
                    help="dossier node_modules des outils npm de l'audit (défaut : "
                         f"${outils_mod.ENV}, sinon node_modules du projet, sinon celui du dépôt)")


def _reports_dir(config) -> Path:
    try:
        return report_state(config).reports_dir
    except Exception:  # noqa: BLE001 — the report plugin is not loaded (no --reports-dir)
        return (Path(str(config.rootpath)) / "reports").resolve()


def audit_of(config) -> _Audit | None:
    """The run's audit, or None when it is off."""
    state = config.stash.get(_key, None)
    if state is None:
        target = _target(config)
        if target is None or config.getoption("audit", default=None) is None:
            return None   # the audit plugin is not loaded in this run
        settings = config_mod.load(defauts.pour(config, "audit_file", "audit.yaml"), target.name,
                                   bool(target.embedded))
        choice = config.getoption("audit")
        if choice != "auto":
            settings.active = choice == "oui"
        outils = outils_mod.trouver(config.getoption("audit_node_modules"), config.rootpath)
        state = config.stash[_key] = _Audit(config, settings, _reports_dir(config), outils)
    return state if state.settings.active else None


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    audit = audit_of(config)
    if audit is not None:  # a new run: the previous captures go
        shutil.rmtree(audit.directory / "parts", ignore_errors=True)
        shutil.rmtree(audit.directory / "captures", ignore_errors=True)
        for raison in (audit.outils.compat_absent, audit.outils.axe_absent):
            if raison:   # said before the run too: the user may stop it and install them
                _say(config, f"[audit] {raison}")


def watch(request, ui, profile) -> None:
    """Audit ``ui`` (a further browser page of the scenario, e.g. a second
    actor's) after every step, like the ``ui`` fixture."""
    audit = audit_of(request.config)
    if audit is not None:
        audit.watched.setdefault(request.node.nodeid, []).append((ui, profile))


def _fixture_values(request, step_args: dict) -> dict:
    """The fixtures this test has shown so far, by name, through public
    APIs only: the test's own (``item.funcargs``) and every argument its
    steps received (pytest-bdd's ``step_func_args``, kept from step to step:
    an actor met in the first step is still audited after a clock step)."""
    return {**getattr(request.node, "funcargs", {}), **step_args}


def _uis_in(value) -> list:
    if isinstance(value, UI):
        return [value]
    # an actor (its window, if it has one: looking must not open a browser
    # page it would not need, ≈ 0.3–1 s) or a page holder
    inner = getattr(value, "ui_ouverte") if hasattr(type(value), "ui_ouverte") else getattr(value, "ui", None)
    if isinstance(inner, UI):
        return [inner]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, UI)]
    return []


def _pages(request, audit: _Audit, step_func_args: dict):
    step_args = audit.step_args.setdefault(request.node.nodeid, {})
    step_args.update(step_func_args)
    values = _fixture_values(request, step_args)
    profile = values.get("profile")
    pages: list[tuple] = []
    if profile is not None:
        for value in values.values():
            for ui in _uis_in(value):
                if all(ui is not known for known, _ in pages):
                    pages.append((ui, profile))
    for ui, prof in audit.watched.get(request.node.nodeid, []):
        if all(ui is not known for known, _ in pages):
            pages.append((ui, prof))
    return pages


def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args):
    audit = audit_of(request.config)
    if audit is None:
        return
    started = time.perf_counter()
    for ui, profile in _pages(request, audit, step_func_args or {}):
        if audit.lu.get(ui) == ui.uses:
            audit.couts["inchangees"] += 1
            continue   # not used since its state was read: the same state
        capturer = audit.capturer_()
        audit.couts["lectures"] += 1
        record = capturer.capture(ui, profile, f"{feature.name} — {scenario.name}")
        if capturer.stable:
            audit.lu[ui] = ui.uses
        if record is not None:
            audit.couts["captures"] += 1
            _attach(audit, record, profile)
    audit.couts["capture_s"] += time.perf_counter() - started


def pytest_runtest_teardown(item):
    audit = audit_of(item.config)
    if audit is not None:
        audit.watched.pop(item.nodeid, None)
        audit.step_args.pop(item.nodeid, None)


def _attach(audit: _Audit, record: dict, profile) -> None:
    try:
        import allure
    except ImportError:
        return
    lines = [f"Page {record['state_info']['path']} — « {record['title']} » — {profile.label}"]
    if record.get("axe") is None and audit.outils.axe_absent:
        lines.append(audit.outils.axe_absent)
    axe = record.get("axe") or {}
    for v in axe.get("violations", []):
        if axe.get("langue") == "en":
            v = dict(v, **report._french(v["id"], audit.outils.axe))
        rgaa = ", ".join(t[5:] for t in v["tags"] if t.startswith("RGAA-")) or "—"
        lines.append(f"axe [{v['impact']}] RGAA {rgaa} : {v['id']} — {v['help']} "
                     f"({len(v['nodes'])} élément(s))")
    for c in record["checks"]:
        lines.append(f"vérification RGAA {c['rgaa']} : {c['message']}")
    if len(lines) == 1:
        lines.append("Aucune violation axe-core ni vérification RGAA en défaut.")
    name = f"Audit accessibilité {record['state_info']['path']}"
    allure.attach("\n".join(lines), name=name, attachment_type=allure.attachment_type.TEXT)
    shot = record.get("screenshot")
    if shot:
        path = audit.directory / "captures" / shot
        if path.exists():
            allure.attach.file(str(path), name=f"Capture {record['state_info']['path']} — {profile.label}",
                               attachment_type=allure.attachment_type.PNG)


def _write_part(audit: _Audit, worker: str) -> None:
    """This process's pages, for the controller to gather."""
    if audit.capturer is None:
        return
    parts = audit.directory / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    (parts / f"{worker}.json").write_text(json.dumps({
        "records": audit.capturer.records, "couts": audit.couts}, ensure_ascii=False), encoding="utf-8")
    audit.capturer.close()


def _read_parts(audit: _Audit) -> tuple[list, dict]:
    """Every process's pages: the records, and their costs added up."""
    records: list = []
    couts: dict = {}
    parts = audit.directory / "parts"
    for part in sorted(parts.glob("*.json")) if parts.exists() else []:
        data = json.loads(part.read_text(encoding="utf-8"))
        records += data["records"]
        for cle, valeur in data["couts"].items():
            couts[cle] = couts.get(cle, 0) + valeur
    return records, couts


def _contents(audit: _Audit, records: list) -> dict:
    """Each distinct file the pages loaded (HTML, CSS, JS), by digest."""
    contents = {}
    store = audit.directory / "contenus"
    for record in records:
        for digest, kind in [(record["html"], "html")] + [(r["sha"], r["kind"])
                                                          for r in record["resources"]]:
            path = store / f"{digest}.{kind}"
            if digest not in contents and path.exists():
                contents[digest] = (kind, path.read_text(encoding="utf-8"))
    return contents


def _compatibility(audit: _Audit, contents: dict, queries: list, non_fait: dict) -> dict:
    """The compatibility tools' answers; what they could not do goes into
    ``non_fait``."""
    try:
        return compat.check(contents, queries, audit.reports_dir / ".cache-audit", audit.outils)
    except compat.CompatUnavailable as error:
        non_fait["compatibilite"] = str(error)
        return {"tools": {}, "results": {}}


@pytest.hookimpl(tryfirst=True)  # before the report plugin writes the matrix
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    audit = config.stash.get(_key, None)
    if audit is None or not audit.settings.active:
        return
    _write_part(audit, getattr(config, "workerinput", {}).get("workerid", "principal"))
    if hasattr(config, "workerinput"):
        return
    records, couts = _read_parts(audit)
    if not records:
        return
    profiles = _profiles(config)
    queries = sorted({p.browserslist for p in profiles if getattr(p, "browserslist", None)})
    contents = _contents(audit, records)
    started = time.perf_counter()
    non_fait = {"axe": audit.outils.axe_absent}
    answers = _compatibility(audit, contents, queries, non_fait)
    tools_s = time.perf_counter() - started
    target = _target(config)
    document = report.build(records, answers, profiles, audit.settings,
                            target=getattr(target, "name", ""),
                            costs={**couts, "outils_s": tools_s, "contenus": len(contents),
                                   "requetes": len(queries)},
                            non_fait=non_fait, axe_dir=audit.outils.axe)
    _, html = report.write(document, audit.reports_dir)
    config.stash[stash.AUDIT_DOCUMENT_KEY] = document
    for raison in document["non_fait"].values():
        _say(config, f"[audit] {raison}", red=True)
    _say(config, f"[audit] {report.bilan(document)} : {html}")
    # « echec: erreur » asks for a clean audit: one that could not run is not
    if ((report.errors(document) or document["non_fait"]) and audit.settings.fail_on == "erreur"
            and session.exitstatus == 0):
        session.exitstatus = 1


document_of = stash.audit_document  # the audit document of the run (controller, after sessionfinish)


def _target(config):
    """The run's target, or None when the harness plugin is not loaded."""
    return stash.target_or_none(config)


def _profiles(config):
    chosen = known_profiles(config)
    return chosen or list(stash.matrix_of(config).profiles)


def _say(config, text: str, **markup: bool) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(text, **markup)
    else:
        print(text)
