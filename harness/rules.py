"""The rule catalogue (``fixtures/rules.yaml``) and the rule-coverage check.

The catalogue is the machine-readable copy of RULES.md: one entry per rule
(id, group, kind, what is checked, the guide's words). From it come

- ``markers()``: every tag a feature may carry (rule IDs, group tags,
  capability tags), which ``conftest.py`` registers so that
  ``--strict-markers`` accepts them;
- ``check_coverage()``: every rule outside the SIM group is proven by at least
  one scenario tagged with its ID, unless the catalogue defers it explicitly
  (with the issue that will bring it and the reason); no tag names an unknown
  rule; every scenario proves at least one rule.

Command line (run by ``make test`` through tests/harness/test_rules_coverage.py)::

    .venv/bin/python -m harness.rules            # coverage table, exit 1 on a problem
    .venv/bin/python -m harness.rules --markers  # the markers conftest registers
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "fixtures" / "rules.yaml"
FEATURES = ROOT / "features"

KINDS = ("doc", "impl", "sim")
#: A tag that looks like a rule ID (``@LCK-03``); it must name a rule of the catalogue.
RULE_ID = re.compile(r"^[A-Z]+-\d+$")
#: The group whose rules need no scenario (what the simulator adds).
EXEMPT_KIND = "sim"


class CatalogueError(ValueError):
    """fixtures/rules.yaml is malformed."""


@dataclass(frozen=True)
class Deferral:
    issue: str
    reason: str


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    kind: str
    rule: str
    guide: str = ""
    deferred: Deferral | None = None
    partial: str | None = None
    browsers: dict | None = None

    @property
    def needs_scenario(self) -> bool:
        return self.kind != EXEMPT_KIND and self.deferred is None


@dataclass
class Catalogue:
    path: Path
    rules: dict[str, Rule]
    groups: dict[str, str]
    capabilities: dict[str, str]
    support: dict[str, str] = field(default_factory=dict)

    def tags(self) -> set[str]:
        """Every tag a feature may use (without the ``@``)."""
        return set(self.rules) | set(self.groups) | set(self.capabilities) | set(self.support)

    def markers(self) -> list[str]:
        """``name: description`` lines for ``config.addinivalue_line("markers", …)``."""
        lines = [f"{r.id}: {r.rule}" for r in self.rules.values()]
        lines += [f"{g}: groupe de règles — {title}" for g, title in self.groups.items()]
        lines += [f"{c}: capacité requise de la cible — {what}" for c, what in self.capabilities.items()]
        lines += [f"{s}: niveau de prise en charge — {what}" for s, what in self.support.items()]
        return lines


def _text(value, where: str, key: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise CatalogueError(f"{where}: « {key} » doit être un texte non vide")
    return value


def load(path: str | os.PathLike = CATALOGUE) -> Catalogue:
    """Read and validate the catalogue; raise CatalogueError on any defect."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{path}: illisible ({exc})") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: un document YAML (mapping) est attendu")

    groups = data.get("groups") or {}
    capabilities = data.get("capabilities") or {}
    deferred = data.get("deferred") or {}
    support = data.get("support") or {}
    if not all(isinstance(x, dict) for x in (groups, capabilities, deferred, support)):
        raise CatalogueError(f"{path}: groups, capabilities, support et deferred sont des mappings")
    for name, what in capabilities.items():
        _text(what, f"{path}: capabilities.{name}", "description")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
            raise CatalogueError(f"{path}: capacité « {name} » : minuscules ASCII attendues")

    rules: dict[str, Rule] = {}
    for i, entry in enumerate(data.get("rules") or []):
        where = f"{path}: rules[{i}]"
        if not isinstance(entry, dict):
            raise CatalogueError(f"{where}: mapping attendu")
        rid = _text(entry.get("id"), where, "id")
        where = f"{path}: {rid}"
        if not RULE_ID.match(rid):
            raise CatalogueError(f"{where}: identifiant de règle mal formé (attendu GROUPE-NN)")
        if rid in rules:
            raise CatalogueError(f"{where}: identifiant en double")
        group = _text(entry.get("group"), where, "group")
        if group not in groups:
            raise CatalogueError(f"{where}: groupe « {group} » absent de groups")
        if rid.split("-")[0] != group:
            raise CatalogueError(f"{where}: l'identifiant ne commence pas par son groupe « {group} »")
        kind = _text(entry.get("kind"), where, "kind")
        if kind not in KINDS:
            raise CatalogueError(f"{where}: kind « {kind} » inconnu (attendu {', '.join(KINDS)})")
        text = _text(entry.get("rule"), where, "rule")
        guide = _text(entry.get("guide"), where, "guide", required=(kind == "doc"))
        rules[rid] = Rule(
            id=rid, group=group, kind=kind, rule=text, guide=guide,
            partial=entry.get("partial"), browsers=entry.get("browsers"),
        )

    for rid, d in deferred.items():
        where = f"{path}: deferred.{rid}"
        if rid not in rules:
            raise CatalogueError(f"{where}: règle inconnue")
        if not isinstance(d, dict):
            raise CatalogueError(f"{where}: mapping attendu (issue, reason)")
        issue = _text(d.get("issue"), where, "issue")
        reason = _text(d.get("reason"), where, "reason")
        if rules[rid].kind == EXEMPT_KIND:
            raise CatalogueError(f"{where}: une règle {EXEMPT_KIND} n'exige pas de scénario, rien à différer")
        rules[rid] = replace(rules[rid], deferred=Deferral(issue, reason))

    kinds_of_tags = [set(rules), set(groups), set(capabilities), set(support)]
    clash = {t for i, a in enumerate(kinds_of_tags) for b in kinds_of_tags[i + 1:] for t in a & b}
    if clash:
        raise CatalogueError(f"{path}: un même nom sert à plusieurs sortes d'étiquettes : {sorted(clash)}")
    if not rules:
        raise CatalogueError(f"{path}: aucune règle")
    return Catalogue(path=path, rules=rules, groups=dict(groups), capabilities=dict(capabilities),
                     support=dict(support))


def markers(path: str | os.PathLike = CATALOGUE) -> list[str]:
    """Every marker line to register (rule IDs, groups, capabilities)."""
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


def parse_feature(path: Path) -> dict:
    """The raw Gherkin AST (dict) of one feature file; raises on a syntax error."""
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


# ---------------------------------------------------------------------------
# RULES.md, when it is at hand: the catalogue must list the same rules
# ---------------------------------------------------------------------------

RULES_MD_CANDIDATES = (
    ROOT / "docs" / "spec" / "RULES.md",
    ROOT / "docs" / "RULES.md",
    Path("/work/shared/spec/RULES.md"),
)


def find_rules_md() -> Path | None:
    env = os.environ.get("RULES_MD")
    for p in ([Path(env)] if env else []) + list(RULES_MD_CANDIDATES):
        if p.is_file():
            return p
    return None


def rules_md_entries(path: Path) -> dict[str, str]:
    """``{id: kind}`` from the tables of RULES.md (``| ID | kind | rule |``)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*([A-Z]+-\d+)\s*\|\s*(\w+)\s*\|", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def compare_with_rules_md(catalogue: Catalogue, path: Path) -> list[str]:
    md = rules_md_entries(path)
    problems = [f"{rid}: dans {path.name} mais absente du catalogue" for rid in md if rid not in catalogue.rules]
    problems += [f"{rid}: dans le catalogue mais absente de {path.name}" for rid in catalogue.rules if rid not in md]
    problems += [f"{rid}: kind « {catalogue.rules[rid].kind} » dans le catalogue, « {k} » dans {path.name}"
                 for rid, k in md.items() if rid in catalogue.rules and catalogue.rules[rid].kind != k]
    if list(md) != [r for r in catalogue.rules if r in md]:
        problems.append(f"l'ordre des règles diffère de {path.name}")
    return problems


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
    md = find_rules_md()
    problems = compare_with_rules_md(catalogue, md) if md else []
    for p in report.errors + problems:
        print(f"ERREUR {p}")
    n = len(report.scenarios)
    print(f"\n{len(catalogue.rules)} règles, {n} scénarios (blocs d'exemples comptés à part), "
          f"{len(report.errors) + len(problems)} problème(s)")
    return 0 if report.ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
