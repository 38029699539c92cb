"""The rules of the guide, as rows of the compatibility matrix.

Read from ``fixtures/rules.yaml`` (the machine-readable catalogue: ``groups``,
``rules`` with id / group / kind / rule / guide, and ``deferred``); when that
file is absent, from a Markdown catalogue in the shape of RULES.md (one table
per group under a ``## GROUP — title`` heading). Only what a report needs is
read here; ``harness.rules`` owns the catalogue's checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RULES = ROOT / "fixtures" / "rules.yaml"
RULE_ID = re.compile(r"^[A-Z]+-\d{2}$")


class CatalogueError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    kind: str = ""
    text: str = ""           # what is checked (the catalogue's ``rule``)
    guide: str = ""          # the guide's own words, when there are
    deferred: str = ""       # why no scenario yet (the ``deferred`` entry)
    partial: str = ""        # what its scenarios do not prove yet


@dataclass(frozen=True)
class Catalogue:
    rules: list[Rule]
    groups: dict[str, str]   # group id → title, in catalogue order

    def ids(self) -> list[str]:
        return [r.id for r in self.rules]


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The catalogue at ``path`` (YAML, or Markdown for a ``.md`` file);
    by default ``fixtures/rules.yaml``."""
    path = Path(path) if path else DEFAULT_RULES
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogueError(f"{path} : lecture impossible du catalogue des règles ({error})") from None
    if path.suffix.lower() == ".md":
        return parse_markdown(text)
    return parse_yaml(text, str(path))


def parse_yaml(text: str, where: str = "rules.yaml") -> Catalogue:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogueError(f"{where} : une liste « rules: » est attendue")
    groups = {str(k): str(v) for k, v in (data.get("groups") or {}).items()}
    deferred = data.get("deferred") or {}
    rules = []
    for entry in data["rules"]:
        if not isinstance(entry, dict) or not RULE_ID.match(str(entry.get("id", ""))):
            raise CatalogueError(f"{where} : règle sans identifiant valide : {entry!r}")
        rid = entry["id"]
        group = str(entry.get("group") or rid.split("-")[0])
        why = deferred.get(rid) or {}
        rules.append(Rule(
            id=rid, group=group, kind=str(entry.get("kind") or ""),
            text=str(entry.get("rule") or entry.get("text") or ""),
            guide=str(entry.get("guide") or ""),
            deferred=str(why.get("reason") or why.get("issue") or "") if isinstance(why, dict) else str(why),
            partial=str(entry.get("partial") or ""),
        ))
        groups.setdefault(group, group)
    return Catalogue(rules=rules, groups=groups)


_HEADING = re.compile(r"^##\s+([A-Z]+)\s+[—-]\s+(.*)$")
_ROW = re.compile(r"^\|\s*([A-Z]+-\d{2})\s*\|\s*([a-z]*)\s*\|\s*(.*?)\s*\|\s*$")


def parse_markdown(text: str) -> Catalogue:
    """RULES.md's shape: ``## LCK — lockout`` then ``| ID | kind | rule |`` rows."""
    rules, groups = [], {}
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            groups[heading.group(1)] = heading.group(2).strip()
            continue
        row = _ROW.match(line)
        if row:
            rid, kind, rule = row.groups()
            group = rid.split("-")[0]
            groups.setdefault(group, group)
            rules.append(Rule(id=rid, group=group, kind=kind, text=rule.replace("**", "")))
    if not rules:
        raise CatalogueError("aucune règle trouvée dans le catalogue Markdown")
    return Catalogue(rules=rules, groups=groups)
