"""The rule catalogue (``fixtures/rules.yaml``) and the rule-coverage check.

The catalogue is the project's reference for the rules of the guide: one
entry per rule (id, group, kind, what is checked, the guide's words), checked
by ``harness.schemas.RulesFile``. It is the one model of a rule, used by

- ``markers()``: every tag a feature may carry (rule IDs, groups, support
  levels) and the needs of ``harness.targets.NEEDS`` (markers the harness puts
  on scenarios from their steps), which ``harness/plugin.py`` registers so
  that ``--strict-markers`` accepts them;
- ``check_coverage()``: every rule outside the SIM group is proven by at least
  one scenario tagged with its ID, unless the catalogue defers it explicitly
  (with the issue that will bring it and the reason); no tag names an unknown
  rule; every scenario proves at least one rule;
- the feature lint (``harness.lint``) and the compatibility matrix
  (``harness.report.matrix``: one row per rule).

A rule ID is ``RULE_ID`` (``^[A-Z]+-\\d+$``: ``LCK-03``, ``ABC-100``) everywhere.

Command line (run by ``make test`` through tests/harness/test_rules_coverage.py)::

    .venv/bin/python -m harness.rules            # coverage table, exit 1 on a problem
    .venv/bin/python -m harness.rules --markers  # the markers conftest registers
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness import defauts, schemas
from harness.schemas import EXEMPT_KIND, KINDS, RULE_ID
from harness.targets import NEEDS

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = defauts.embarque(defauts.RULES)  # the user's own: defauts.fichier
FEATURES = ROOT / "features"

__all__ = ["CATALOGUE", "EXEMPT_KIND", "FEATURES", "KINDS", "RULE_ID", "Catalogue",
           "CatalogueError", "Deferral", "Rule", "check_coverage", "load", "markers", "parse"]


class CatalogueError(ValueError):
    """fixtures/rules.yaml is malformed (the message names file, rule and key)."""


@dataclass(frozen=True)
class Deferral:
    issue: str
    reason: str


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    kind: str
    rule: str                       # what is checked
    guide: str = ""                 # the guide's own words, when there are
    deferred: Deferral | None = None
    partial: str | None = None      # what its scenarios do not prove yet
    browsers: dict | None = None

    @property
    def needs_scenario(self) -> bool:
        return self.kind != EXEMPT_KIND and self.deferred is None


@dataclass
class Catalogue:
    path: Path
    rules: dict[str, Rule]          # by ID, in catalogue order
    groups: dict[str, str]          # group ID → title, in catalogue order
    support: dict[str, str] = field(default_factory=dict)

    def ids(self) -> list[str]:
        return list(self.rules)

    def tags(self) -> set[str]:
        """Every tag a feature may use (without the ``@``)."""
        return set(self.rules) | set(self.groups) | set(self.support)

    def markers(self) -> list[str]:
        """``name: description`` lines for ``config.addinivalue_line("markers", …)``."""
        lines = [f"{r.id}: {r.rule}" for r in self.rules.values()]
        lines += [f"{g}: groupe de règles — {title}" for g, title in self.groups.items()]
        lines += [f"{s}: niveau de prise en charge — {what}" for s, what in self.support.items()]
        lines += [f"{n}: besoin déduit des étapes — {what}" for n, what in NEEDS.items()]
        return lines


def parse(data: Any, path: str | os.PathLike = CATALOGUE) -> Catalogue:
    """The catalogue from an already read YAML document."""
    checked = schemas.validate(schemas.RulesFile, data, path=path, error=CatalogueError,
                               entry=schemas.rules_entry)
    deferred = {rid: Deferral(d.issue, d.reason) for rid, d in checked.deferred.items()}
    rules = {r.id: Rule(id=r.id, group=r.group, kind=r.kind, rule=r.rule, guide=r.guide,
                        deferred=deferred.get(r.id), partial=r.partial, browsers=r.browsers)
             for r in checked.rules}
    return Catalogue(path=Path(path), rules=rules, groups=dict(checked.groups),
                     support=dict(checked.support))


def load(path: str | os.PathLike | None = None) -> Catalogue:
    """Read and check the catalogue (default: fixtures/rules.yaml); raise
    CatalogueError on any defect."""
    path = Path(path) if path else CATALOGUE
    return parse(schemas.read_yaml(path, CatalogueError), path)


def markers(path: str | os.PathLike | None = None) -> list[str]:
    """Every marker line to register (rule IDs, groups, support levels, needs)."""
    return load(path).markers()


# ---------------------------------------------------------------------------
# Scenarios of the feature files, as the coverage check sees them
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ScenarioRef:
    """One scenario (or one ``Exemples`` block of a ``Plan du scénario``)."""

    feature: str          # path relative to the features directory
    name: str
    line: int
    tags: frozenset[str]  # its own tags and those of its Exemples block
    inherited: frozenset[str]  # the feature's (and Règle's) tags

    @property
    def all_tags(self) -> frozenset[str]:
        return self.tags | self.inherited

    def __str__(self) -> str:
        return f"{self.feature}:{self.line} « {self.name} »"


def feature_files(features_dir: str | os.PathLike = FEATURES) -> list[Path]:
    return sorted(Path(features_dir).rglob("*.feature"))


def parse_feature(path: Path) -> Any:
    """The raw Gherkin AST (nested dicts) of one feature file; raises on a
    syntax error."""
    from gherkin.parser import Parser  # installed with pytest-bdd

    return Parser().parse(path.read_text(encoding="utf-8"))


def _tag_names(node: dict) -> set[str]:
    return {t["name"].lstrip("@") for t in node.get("tags", [])}


def iter_scenarios(doc: dict) -> Iterable[tuple[dict, set[str]]]:
    """(scenario node, inherited tags) for every scenario of a Gherkin AST."""
    feature = doc.get("feature") or {}
    ftags = _tag_names(feature)
    for child in feature.get("children", []):
        if "scenario" in child:
            yield child["scenario"], ftags
        elif "rule" in child:
            rule = child["rule"]
            rtags = ftags | _tag_names(rule)
            for sub in rule.get("children", []):
                if "scenario" in sub:
                    yield sub["scenario"], rtags


def collect_scenarios(features_dir: str | os.PathLike = FEATURES) -> tuple[list[ScenarioRef], list[str]]:
    """Every scenario of every feature (an outline counts once per Exemples
    block, since its blocks may prove different rules), and parse errors."""
    features_dir = Path(features_dir)
    found: list[ScenarioRef] = []
    errors: list[str] = []
    for path in feature_files(features_dir):
        rel = path.relative_to(features_dir).as_posix()
        try:
            doc = parse_feature(path)
        except Exception as exc:  # gherkin's CompositeParserException, UnicodeDecodeError…
            errors.append(f"{rel}: illisible par Gherkin : {str(exc).splitlines()[0] if str(exc) else exc!r}")
            continue
        for sc, inherited in iter_scenarios(doc):
            own = _tag_names(sc)
            line = sc["location"]["line"]
            examples = sc.get("examples") or []
            if examples:
                for ex in examples:
                    found.append(ScenarioRef(rel, sc["name"], ex["location"]["line"],
                                             frozenset(own | _tag_names(ex)), frozenset(inherited)))
            else:
                found.append(ScenarioRef(rel, sc["name"], line, frozenset(own), frozenset(inherited)))
    return found, errors


# ---------------------------------------------------------------------------
# The coverage check
# ---------------------------------------------------------------------------

@dataclass
class CoverageReport:
    catalogue: Catalogue
    scenarios: list[ScenarioRef]
    covered: dict[str, list[ScenarioRef]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def table(self) -> str:
        """Rule → scenarios, one line a rule, for people and CI logs."""
        out = []
        for r in self.catalogue.rules.values():
            refs = self.covered.get(r.id, [])
            if refs:
                names = " ; ".join(f"{s.feature} « {s.name} »" for s in refs)
                state = f"{len(refs)} scénario(s) : {names}"
            elif r.deferred:
                state = f"DIFFÉRÉE — {r.deferred.issue} : {r.deferred.reason}"
            elif r.kind == EXEMPT_KIND:
                state = "sans scénario (règle du simulateur)"
            else:
                state = "NON COUVERTE"
            out.append(f"{r.id:8} {state}")
        return "\n".join(out)


def check_coverage(catalogue: Catalogue | None = None,
                   features_dir: str | os.PathLike = FEATURES) -> CoverageReport:
    catalogue = catalogue or load()
    scenarios, parse_errors = collect_scenarios(features_dir)
    report = CoverageReport(catalogue=catalogue, scenarios=scenarios, errors=list(parse_errors))
    if not scenarios and not parse_errors:
        report.errors.append(f"{features_dir}: aucun scénario trouvé")

    for sc in scenarios:
        rule_tags = {t for t in sc.all_tags if RULE_ID.match(t)}
        for t in sorted(rule_tags - set(catalogue.rules)):
            report.errors.append(f"{sc}: l'étiquette @{t} nomme une règle inconnue du catalogue")
        known = sorted(rule_tags & set(catalogue.rules))
        if not known:
            report.errors.append(f"{sc}: ce scénario ne prouve aucune règle (aucune étiquette d'ID de règle)")
        for rid in known:
            report.covered.setdefault(rid, []).append(sc)

    for r in catalogue.rules.values():
        has = bool(report.covered.get(r.id))
        if r.needs_scenario and not has:
            report.errors.append(
                f"{r.id}: aucun scénario ne porte @{r.id} ({r.rule}) — écrivez-le, ou différez la règle "
                f"dans {catalogue.path.name} (deferred: issue et reason)")
        if r.deferred and has:
            report.errors.append(
                f"{r.id}: différée dans {catalogue.path.name} mais prouvée par "
                f"{', '.join(map(str, report.covered[r.id]))} — retirez la mention deferred")
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m harness.rules", description=__doc__.splitlines()[0])
    ap.add_argument("--catalogue", default=str(CATALOGUE))
    ap.add_argument("--features", default=str(FEATURES))
    ap.add_argument("--markers", action="store_true", help="print the markers to register and exit")
    args = ap.parse_args(argv)
    try:
        catalogue = load(args.catalogue)
    except CatalogueError as exc:
        print(f"catalogue : {exc}", file=sys.stderr)
        return 2
    if args.markers:
        print("\n".join(catalogue.markers()))
        return 0
    report = check_coverage(catalogue, args.features)
    print(report.table())
    for p in report.errors:
        print(f"ERREUR {p}")
    n = len(report.scenarios)
    print(f"\n{len(catalogue.rules)} règles, {n} scénarios (blocs d'exemples comptés à part), "
          f"{len(report.errors)} problème(s)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
