"""The browser compatibility matrix: the rules of the guide as rows, the
browser profiles as columns, one cell per rule and profile.

A cell aggregates the scenario runs that prove that rule on that profile:
*échoué* if any failed, *ignoré* (with the reasons) if all were skipped,
*réussi* otherwise, *non exécuté* when none ran. Every rule of the catalogue
has its row, run or not.

Input: the results document that the report plugin writes
(``reports/results.json``, see ``harness.report.plugin``). Output: one
self-contained HTML page (inline CSS, no script, no remote asset; evidence is
linked by relative path) and a Markdown version for a CI job summary.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from harness.rules import RULE_ID, Catalogue, Rule, load as load_catalogue

PASSED, FAILED, SKIPPED, NOTRUN = "passed", "failed", "skipped", "notrun"
# Passed only on a rerun (pytest-rerunfailures, harness/etat.py): never green.
FLAKY = "instable"
LABELS = {PASSED: "réussi", FAILED: "échoué", SKIPPED: "ignoré", NOTRUN: "non exécuté",
          FLAKY: "instable"}
PLURALS = {PASSED: "réussis", FAILED: "échoués", SKIPPED: "ignorés", NOTRUN: "non exécutés",
           FLAKY: "instables"}
# Rules are feminine (« une règle réussie »).
RULE_WORDS = {PASSED: ("réussie", "réussies"), FAILED: ("échouée", "échouées"),
              SKIPPED: ("ignorée", "ignorées"), NOTRUN: ("non exécutée", "non exécutées"),
              FLAKY: ("instable", "instables")}
SYMBOLS = {PASSED: "✅", FAILED: "❌", SKIPPED: "⏭️", NOTRUN: "⬜", FLAKY: "⚠️"}   # Markdown (GitHub draws emoji)
# HTML: plain glyphs that common fonts have (DejaVu, Segoe UI), not emoji,
# so that a machine without an emoji font still shows them.
HTML_SYMBOLS = {PASSED: "✓", FAILED: "✗", SKIPPED: "↷", NOTRUN: "○", FLAKY: "≈"}
EXTRA_GROUP = "HORS-CATALOGUE"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Column:
    id: str
    label: str = ""
    engine: str = ""
    os: str = ""
    version: str = ""


@dataclass
class Cell:
    rule: str
    profile: str
    results: list[dict]
    status: str = NOTRUN

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def anchor(self) -> str:
        return f"d-{self.rule}--{self.profile}"

    @property
    def counts(self) -> Counter:
        return Counter(r["outcome"] for r in self.results)

    @property
    def reasons(self) -> list[str]:
        seen = []
        for r in self.results:
            if r["outcome"] == SKIPPED and r.get("reason") and r["reason"] not in seen:
                seen.append(r["reason"])
        return seen

    @property
    def evidence(self) -> dict | None:
        """The evidence of the first failed run (else of any run that has)."""
        ordered = sorted(self.results, key=lambda r: r["outcome"] != FAILED)
        for r in ordered:
            if r.get("evidence"):
                return r["evidence"]
        return None

    @property
    def summary(self) -> str:
        """Counts in words, e.g. « 2 réussis, 1 ignoré »."""
        parts = []
        for status in (FAILED, FLAKY, PASSED, SKIPPED):
            n = self.counts.get(status, 0)
            if n:
                parts.append(_plural(n, status))
        return ", ".join(parts) or LABELS[NOTRUN]

    @property
    def title(self) -> str:
        text = f"{self.rule} × {self.profile} : {self.summary}"
        if self.reasons:
            text += " — " + " ; ".join(self.reasons)
        return text


@dataclass
class Row:
    rule: Rule
    cells: list[Cell]

    @property
    def status(self) -> str:
        return aggregate([c.status for c in self.cells if c.status != NOTRUN])


@dataclass
class Group:
    id: str
    title: str
    rows: list[Row]


@dataclass
class Matrix:
    generated_at: datetime
    target: dict
    engines: dict[str, str]
    columns: list[Column]
    groups: list[Group]
    results: list[dict]
    unruled: list[dict] = field(default_factory=list)  # runs that prove no rule ID
    audit: dict | None = None   # the audit's summary per profile (harness/audit), if it ran

    def audit_marker(self, profile: str) -> str:
        """« 2 incompat. · 1 RGAA » for a profile's column, « aucun constat », or ""."""
        s = (self.audit or {}).get("resume", {}).get(profile)
        if not s or not s.get("pages"):
            return ""
        compat = s["compat"].get("erreur", 0)
        rgaa = s["axe"].get("erreur", 0) + s["verifications"].get("erreur", 0)
        if s.get("non_fait"):   # npm tools missing: not a clean audit (harness/audit/outils.py)
            parties = " et ".join({"compatibilite": "compatibilité", "axe": "axe-core"}.get(k, k)
                                  for k in s["non_fait"])
            return f"audit incomplet : {parties} non vérifié(s), outils npm introuvables · {rgaa} RGAA"
        return "aucun constat" if not compat and not rgaa else f"{compat} incompat. · {rgaa} RGAA"

    @cached_property
    def rows(self) -> list[Row]:
        return [row for g in self.groups for row in g.rows]

    def cell(self, rule: str, profile: str) -> Cell:
        for row in self.rows:
            if row.rule.id == rule:
                for c in row.cells:
                    if c.profile == profile:
                        return c
        raise KeyError((rule, profile))

    @property
    def totals(self) -> dict:
        runs = Counter(r["outcome"] for r in self.results)
        rules = Counter(row.status for row in self.rows)
        cells = Counter(c.status for row in self.rows for c in row.cells)
        return {"runs": runs, "runs_total": sum(runs.values()),
                "rules": rules, "rules_total": len(self.rows),
                "cells": cells}

    @cached_property
    def skip_notes(self) -> list[str]:
        """Every distinct skip reason, in order of first appearance: the
        numbered notes that skipped cells refer to."""
        notes: list[str] = []
        for row in self.rows:
            for c in row.cells:
                if c.status == SKIPPED:
                    notes.extend(r for r in c.reasons if r not in notes)
        return notes

    def note_numbers(self, cell: "Cell") -> list[int]:
        notes = self.skip_notes
        return [notes.index(r) + 1 for r in cell.reasons if r in notes]

    def column_totals(self, profile: str) -> Counter:
        return Counter(r["outcome"] for r in self.results if r.get("profile") == profile)


def aggregate(statuses) -> str:
    statuses = list(statuses)
    if not statuses:
        return NOTRUN
    if FAILED in statuses:
        return FAILED
    if FLAKY in statuses:
        return FLAKY
    if all(s == SKIPPED for s in statuses):
        return SKIPPED
    return PASSED


# --- building -----------------------------------------------------------------

def build_matrix(doc: dict, catalogue: Catalogue) -> Matrix:
    results = list(doc.get("results", []))
    columns = _columns(doc, results)
    by_cell, unruled, extra_ids = _runs_by_cell(results, set(catalogue.rules))

    def row(rule: Rule) -> Row:
        cells = []
        for col in columns:
            found = by_cell.get((rule.id, col.id), [])
            cells.append(Cell(rule=rule.id, profile=col.id, results=found,
                              status=aggregate(x["outcome"] for x in found)))
        return Row(rule=rule, cells=cells)

    groups = []
    for gid, title in catalogue.groups.items():
        rows = [row(r) for r in catalogue.rules.values() if r.group == gid]
        if rows:
            groups.append(Group(id=gid, title=title, rows=rows))
    if extra_ids:
        extras = [Rule(id=rid, group=EXTRA_GROUP, kind="",
                       rule="Identifiant absent du catalogue des règles")
                  for rid in sorted(extra_ids)]
        groups.append(Group(id=EXTRA_GROUP, title="Hors catalogue", rows=[row(r) for r in extras]))

    generated = doc.get("generated_at")
    generated_at = datetime.fromisoformat(generated) if generated else datetime.now().astimezone()
    return Matrix(generated_at=generated_at, target=doc.get("target") or {},
                  engines=_engines(doc, results), columns=columns, groups=groups,
                  results=results, unruled=unruled, audit=doc.get("audit"))


def _runs_by_cell(results: list[dict], known: set[str]
                  ) -> tuple[dict[tuple[str, str], list[dict]], list[dict], list[str]]:
    """The runs of each (rule, profile), the runs that name no rule, and the
    rule IDs that the catalogue does not know."""
    by_cell: dict[tuple[str, str], list[dict]] = defaultdict(list)
    unruled: list[dict] = []
    extra_ids: list[str] = []
    for r in results:
        rules = [x for x in r.get("rules", []) if RULE_ID.match(x)]
        if not rules:
            unruled.append(r)
        for rid in rules:
            by_cell[(rid, r.get("profile") or "")].append(r)
            if rid not in known and rid not in extra_ids:
                extra_ids.append(rid)
    return by_cell, unruled, extra_ids


def _engines(doc: dict, results: list[dict]) -> dict[str, str]:
    engines = dict(doc.get("engines") or {})
    for r in results:  # versions carried by the runs themselves
        if r.get("engine") and r.get("engine_version"):
            engines.setdefault(r["engine"], r["engine_version"])
    return engines


def _columns(doc: dict, results: list[dict]) -> list[Column]:
    columns: dict[str, Column] = {}
    for p in doc.get("profiles") or []:
        columns[p["id"]] = Column(id=p["id"], label=p.get("label", ""), engine=p.get("engine", ""),
                                  os=p.get("os", ""), version=p.get("version", ""))
    for r in results:
        pid = r.get("profile")
        if pid and pid not in columns:
            columns[pid] = Column(id=pid, label=r.get("profile_label") or "",
                                  engine=r.get("engine") or "")
    return list(columns.values())


# --- rendering ----------------------------------------------------------------

def _french_datetime(moment: datetime) -> str:
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return moment.strftime("%d/%m/%Y à %H:%M") + zone


def _plural(n: int, status: str) -> str:
    return f"{n} {LABELS[status] if n <= 1 else PLURALS[status]}"


def _rule_plural(n: int, status: str) -> str:
    return f"{n} {RULE_WORDS[status][0 if n <= 1 else 1]}"


def _target_line(target: dict) -> str:
    if not target:
        return "inconnue"
    name = target.get("name", "?")
    where = target.get("base_url") or ("démarré par le harnais" if target.get("embedded") else "")
    return f"{name} ({where})" if where and where != name else name


def _capabilities_line(target: dict) -> str:
    caps = target.get("capabilities") or {}
    names = {"captcha": "code de sécurité", "courriel": "courriels",
             "horloge": "horloge", "controle": "contrôle", "comptes": "comptes"}
    parts = [f"{names.get(k, k)} : {v or 'non'}" for k, v in caps.items()]
    return " · ".join(parts)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(LABELS=LABELS, PLURALS=PLURALS, SYMBOLS=HTML_SYMBOLS,
                       PASSED=PASSED, FAILED=FAILED, SKIPPED=SKIPPED, NOTRUN=NOTRUN, FLAKY=FLAKY)
    env.filters["plural"] = _plural
    env.filters["rule_plural"] = _rule_plural
    return env


def render_html(matrix: Matrix) -> str:
    return _environment().get_template("matrix.html.j2").render(
        m=matrix, totals=matrix.totals, date=_french_datetime(matrix.generated_at),
        target_line=_target_line(matrix.target),
        capabilities_line=_capabilities_line(matrix.target))


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(matrix: Matrix, evidence_prefix: str = "") -> str:
    """GitHub-flavoured Markdown: header, legend, the table (one symbol and
    word per cell; a skipped cell has a numbered note with its reason),
    then the notes and the failed runs with their evidence."""
    lines = (_md_header(matrix) + _md_table(matrix) + _md_audit(matrix) + _md_skip_notes(matrix)
             + _md_failures(matrix, evidence_prefix))
    return "\n".join(lines) + "\n"


def _md_audit(matrix: Matrix) -> list[str]:
    """One line per profile of the audit (compatibility, RGAA), if it ran."""
    cells = [(c.id, matrix.audit_marker(c.id)) for c in matrix.columns]
    cells = [(pid, marker) for pid, marker in cells if marker]
    if not cells:
        return []
    return ["", "### Audit (compatibilité navigateur, RGAA) — détail dans `audit.html`", ""] + \
        [f"- **{pid}** : {marker}" for pid, marker in cells]


def _md_header(matrix: Matrix) -> list[str]:
    t = matrix.totals
    lines = [
        "## Matrice de compatibilité navigateurs — Activité Partielle",
        "",
        f"- **Date** : {_french_datetime(matrix.generated_at)}",
        f"- **Cible** : {_md_escape(_target_line(matrix.target))}",
    ]
    if matrix.target.get("capabilities"):
        lines.append(f"- **Capacités de la cible** : {_md_escape(_capabilities_line(matrix.target))}")
    engines = " · ".join(f"{k} {v}" for k, v in sorted(matrix.engines.items())) or "inconnues"
    return lines + [
        f"- **Moteurs** : {engines}",
        f"- **Scénarios × profils** : {t['runs_total']} — "
        + ", ".join(_plural(t["runs"].get(s, 0), s) for s in (PASSED, FAILED, SKIPPED)
                    + ((FLAKY,) if t["runs"].get(FLAKY) else ())),
        f"- **Règles** : {t['rules_total']} — "
        + ", ".join(_rule_plural(t["rules"].get(s, 0), s) for s in (PASSED, FAILED, SKIPPED, NOTRUN)
                    + ((FLAKY,) if t["rules"].get(FLAKY) else ())),
        "",
        "Légende : " + " · ".join(f"{SYMBOLS[s]} {LABELS[s]}"
                                  for s in (PASSED, FAILED, FLAKY, SKIPPED, NOTRUN)),
        "",
    ]


def _md_cell(matrix: Matrix, cell: Cell) -> str:
    text = f"{SYMBOLS[cell.status]} {cell.label}"
    if cell.status == SKIPPED:
        text += "".join(f" [{n}]" for n in matrix.note_numbers(cell))
    return text


def _md_table(matrix: Matrix) -> list[str]:
    header = ["Règle"] + [c.id for c in matrix.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in matrix.rows:
        cells = [f"**{row.rule.id}**"] + [_md_cell(matrix, c) for c in row.cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_skip_notes(matrix: Matrix) -> list[str]:
    notes = matrix.skip_notes
    if not notes:
        return []
    return ["", "**Raisons des scénarios ignorés**", ""] + [
        f"{i}. {_md_escape(reason)}" for i, reason in enumerate(notes, start=1)]


def _md_failure(r: dict, evidence_prefix: str) -> str:
    ev = r.get("evidence") or {}
    links = ", ".join(f"[{name}]({evidence_prefix}{path})" for name, path in
                      (("capture", ev.get("screenshot")), ("HTML", ev.get("html")),
                       ("trace", ev.get("trace"))) if path)
    rules = ", ".join(r.get("rules") or []) or "sans règle"
    message = f" — {_md_escape(r['message'])}" if r.get("message") else ""
    return (f"- {rules} · {r.get('profile')} · {_md_escape(r.get('scenario', r['nodeid']))}"
            f"{message}" + (f" ({links})" if links else ""))


def _md_failures(matrix: Matrix, evidence_prefix: str) -> list[str]:
    failed = [r for r in matrix.results if r["outcome"] == FAILED]
    if not failed:
        return []
    return ["", "**Scénarios échoués**", ""] + [_md_failure(r, evidence_prefix) for r in failed]


# --- files --------------------------------------------------------------------

def write_reports(doc: dict, out_dir: str | Path, catalogue: Catalogue | None = None,
                  rules_file: str | Path | None = None) -> Matrix:
    """Write ``results.json``, ``matrix.html`` and ``matrix.md`` in ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    catalogue = catalogue or load_catalogue(rules_file)
    matrix = build_matrix(doc, catalogue)
    _write(out_dir / "results.json", json.dumps(doc, ensure_ascii=False, indent=2))
    _write(out_dir / "matrix.html", render_html(matrix))
    _write(out_dir / "matrix.md", render_markdown(matrix))
    return matrix


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
