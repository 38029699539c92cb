"""Feature lint: what pytest-bdd 9 would silently get wrong in French Gherkin.

Checks every ``*.feature`` file of a directory, without a browser:

- F01 ``# language: fr`` is the very first line;
- F02 no UTF-8 byte-order mark;
- F03 NFC text only (NFD accents break keywords and step matching);
- F04 no space before a keyword's colon (``Scénario :`` is not a keyword);
- F05 the file is valid Gherkin (and pytest-bdd accepts it);
- F06 no scenario (or background) without its own steps — pytest-bdd passes
  a scenario with zero steps;
- F07 no free text under a scenario title (a misspelled keyword turns steps
  into a description, silently);
- F08 scenario names unique within a feature (pytest-bdd keeps the last one;
  Allure uses the name as id);
- F09 no undefined step: every step text of every scenario (each Exemples row
  rendered) matches a registered step definition of its type — a dry
  collection against the modules of ``steps.STEP_MODULES``;
- F10 no ambiguous step (two definitions match the same text);
- F11 no ``<placeholder>`` left after the Exemples are applied;
- F12 every tag is registered (rule IDs, groups and support levels of
  fixtures/rules.yaml);
- F13 rule-ID tags sit on scenarios (or Exemples), not on the whole feature;
- F14 every need a step declares (``@exige``) is known
  (``harness.targets.NEEDS``): the harness derives a scenario's needs from
  its steps at collection (``harness.besoins``);
- F15 no plumbing tag (``@captcha @courriel @horloge @controle``, or any
  need) in a feature: what a scenario needs follows from its steps
  (``REJECT_PLUMBING_TAGS``).

Command line (run by ``make test`` through tests/harness/test_lint.py)::

    .venv/bin/python -m harness.lint [features/]
"""
from __future__ import annotations

import argparse
import importlib
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from harness import bdd
from harness import rules as rules_mod
from harness.schemas import suggest
from harness.targets import NEEDS

#: F15: refuse the needs as tags in features. False only while the features
#: of main still carry them (until the step layer's rewrite is merged); the
#: lead sets it to True at that merge.
REJECT_PLUMBING_TAGS = True

LANGUAGE_LINE = "# language: fr"
KEYWORDS_WITH_COLON = (
    "Fonctionnalité", "Contexte", "Règle", "Plan du scénario", "Plan du Scénario",
    "Scénario", "Exemples", "Exemple",
)
SPACE_BEFORE_COLON = re.compile(
    r"^\s*(" + "|".join(re.escape(k) for k in KEYWORDS_WITH_COLON) + r")\s+:")
PLACEHOLDER = re.compile(r"<[^<>\s][^<>]*>")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


StepDefinition = bdd.StepDefinition


def load_step_definitions(modules: Iterable[str] | None = None) -> list[StepDefinition]:
    """Import the step modules and return their pytest-bdd step definitions.

    This is what pytest-bdd sees once conftest.py loads the same modules as
    plugins (plus its built-in ``trace`` step)."""
    if modules is None:
        modules = importlib.import_module("steps").STEP_MODULES
    modules = list(modules) + ["pytest_bdd.plugin"]
    for name in modules:
        importlib.import_module(name)
    return bdd.step_definitions(modules)


_matching = bdd.matching


def _tags_of(node: dict) -> list[tuple[str, int]]:
    return [(t["name"].lstrip("@"), t["location"]["line"]) for t in node.get("tags", [])]


class FeatureLinter:
    def __init__(self, features_dir: str | Path = rules_mod.FEATURES,
                 step_modules: Iterable[str] | None = None,
                 catalogue: rules_mod.Catalogue | None = None):
        self.features_dir = Path(features_dir)
        self.catalogue = catalogue or rules_mod.load()
        self.step_defs = load_step_definitions(step_modules)
        self.problems: list[Problem] = []
        self.manquantes: list[tuple[str, str]] = []   # (type, sentence) with no definition

    # -- helpers -----------------------------------------------------------
    def _add(self, rel: str, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(rel, line, code, message))

    def run(self) -> list[Problem]:
        files = rules_mod.feature_files(self.features_dir)
        if not files:
            self._add(str(self.features_dir), 0, "F05", "aucun fichier .feature")
        for path in files:
            self.lint_file(path)
        return sorted(set(self.problems))

    # -- one file ----------------------------------------------------------
    def lint_file(self, path: Path) -> None:
        rel = path.relative_to(self.features_dir).as_posix() if path.is_relative_to(self.features_dir) else str(path)
        raw = path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            self._add(rel, 1, "F02", "marque d'ordre d'octets (BOM) UTF-8 en tête de fichier : à retirer")
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._add(rel, 1, "F05", f"le fichier n'est pas en UTF-8 ({exc})")
            return
        lines = text.splitlines()
        if not lines or lines[0].strip() != LANGUAGE_LINE:
            self._add(rel, 1, "F01", f"la première ligne doit être « {LANGUAGE_LINE} » "
                      "(avant toute étiquette ; sinon les mots-clés français ne sont pas reconnus)")
        for n, line in enumerate(lines, 1):
            if not unicodedata.is_normalized("NFC", line):
                self._add(rel, n, "F03", "texte non normalisé NFC (accents décomposés) : à convertir en NFC")
            if SPACE_BEFORE_COLON.match(line):
                self._add(rel, n, "F04", "espace avant les deux-points d'un mot-clé "
                          f"(« {line.strip()} ») : Gherkin ne le reconnaît pas")
        if any(p.path == rel and p.code in ("F01", "F02", "F03") for p in self.problems):
            # pytest-bdd would misread the file: report the encoding faults only.
            return

        try:
            doc = rules_mod.parse_feature(path)
        except Exception as exc:
            first = str(exc).splitlines()[0] if str(exc) else repr(exc)
            m = re.search(r"\((\d+):\d+\)", first)
            self._add(rel, int(m.group(1)) if m else 1, "F05", f"Gherkin invalide : {first}")
            return
        feature = doc.get("feature")
        if not feature:
            self._add(rel, 1, "F05", "aucune « Fonctionnalité: » dans le fichier")
            return
        self.lint_tags_and_names(rel, feature)

        try:
            from pytest_bdd.parser import FeatureParser

            parsed = FeatureParser(str(path.parent), path.name).parse()
        except Exception as exc:
            self._add(rel, getattr(exc, "line", 1) or 1, "F05", f"refusé par pytest-bdd : {exc}")
            return
        self.lint_steps(rel, parsed, feature)

    def lint_tags_and_names(self, rel: str, feature: dict) -> None:
        for tag, line in _tags_of(feature):
            if rules_mod.RULE_ID.match(tag):
                self._add(rel, line, "F13", f"@{tag} étiquette toute la fonctionnalité : "
                          "les ID de règle se posent sur les scénarios qui les prouvent")
        nodes = [feature]
        names: dict[str, int] = {}
        for child in feature.get("children", []):
            if "background" in child:
                self.lint_background(rel, child["background"])
            scs = []
            if "scenario" in child:
                scs = [child["scenario"]]
            elif "rule" in child:
                nodes.append(child["rule"])
                scs = [c["scenario"] for c in child["rule"].get("children", []) if "scenario" in c]
            for sc in scs:
                nodes.append(sc)
                nodes.extend(sc.get("examples") or [])
                self.lint_scenario(rel, sc, names)
        for node in nodes:
            for tag, line in _tags_of(node):
                self.lint_tag(rel, tag, line)

    def lint_background(self, rel: str, bg: dict) -> None:
        if bg.get("description", "").strip():
            self._add(rel, bg["location"]["line"], "F07",
                      "texte libre sous « Contexte: » : un mot-clé d'étape mal écrit ?")

    def lint_scenario(self, rel: str, sc: dict, names: dict[str, int]) -> None:
        line = sc["location"]["line"]
        if sc["name"] in names:
            self._add(rel, line, "F08", f"scénario « {sc['name']} » déjà défini ligne {names[sc['name']]} "
                      "(pytest-bdd n'en garde qu'un)")
        else:
            names[sc["name"]] = line
        if not sc["name"].strip():
            self._add(rel, line, "F08", "scénario sans nom")
        if not sc.get("steps"):
            self._add(rel, line, "F06", f"le scénario « {sc['name']} » n'a aucune étape à lui "
                      "(pytest-bdd le ferait passer sans rien vérifier)")
        if sc.get("description", "").strip():
            first = sc["description"].strip().splitlines()[0].strip()
            self._add(rel, line + 1, "F07", f"texte libre sous le titre du scénario (« {first} ») : "
                      "un mot-clé d'étape mal écrit ? Ces lignes ne seraient pas exécutées")

    def lint_tag(self, rel: str, tag: str, line: int) -> None:
        if tag in NEEDS:
            if REJECT_PLUMBING_TAGS:
                self._add(rel, line, "F15", f"@{tag} est un besoin de la cible, pas une étiquette : "
                          "il se déduit des étapes (@exige dans steps/), retirez-le")
        elif tag not in self.catalogue.tags() | {"fixme", "wip"}:   # harness/etat.py
            self._add(rel, line, "F12", f"étiquette @{tag} non enregistrée dans fixtures/rules.yaml "
                      "(ni règle, ni groupe, ni niveau de prise en charge)")

    def lint_steps(self, rel: str, parsed, feature: dict) -> None:
        if parsed.background is not None and not parsed.background.steps:
            self._add(rel, parsed.background.line_number, "F06", "« Contexte: » sans étape")
        for template in parsed.scenarios.values():
            blocks = [ctx for ex in template.examples for ctx in ex.as_contexts()] or [{}]
            for context in blocks:
                for step in template.render(context).steps:
                    self.lint_step(rel, template, step)

    def lint_step(self, rel: str, template, step) -> None:
        if PLACEHOLDER.search(step.name) and template.templated:
            self._add(rel, step.line_number, "F11",
                      f"« {step.name} » garde un paramètre absent des Exemples")
        found = _matching(self.step_defs, step.type, step.name)
        if not found:
            self.manquantes.append((step.type, step.name))
            self._add(rel, step.line_number, "F09",
                      f"étape non définie : {step.keyword.strip()} {step.name} "
                      f"(type {step.type}, scénario « {template.name} »)")
        elif len(found) > 1:
            self._add(rel, step.line_number, "F10",
                      f"étape ambiguë « {step.name} » : " + " ; ".join(map(str, found)))
        for d in found[:1]:
            for need in sorted(d.needs - set(NEEDS)):
                self._add(rel, step.line_number, "F14",
                          f"l'étape « {step.name} » ({d}) exige « {need} », besoin inconnu"
                          f"{suggest(need, NEEDS)} (connus : {', '.join(NEEDS)})")


def lint(features_dir: str | Path = rules_mod.FEATURES, step_modules: Iterable[str] | None = None,
         catalogue: rules_mod.Catalogue | None = None) -> list[Problem]:
    """Every problem of every feature file of ``features_dir`` (empty: clean)."""
    return FeatureLinter(features_dir, step_modules, catalogue).run()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m harness.lint", description=__doc__.splitlines()[0])
    ap.add_argument("features", nargs="?", default=str(rules_mod.FEATURES))
    ap.add_argument("--catalogue", default=str(rules_mod.CATALOGUE))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(rules_mod.ROOT))
    linter = FeatureLinter(args.features, catalogue=rules_mod.load(args.catalogue))
    problems = linter.run()
    for p in problems:
        print(p)
    if linter.manquantes:
        from harness.etapes_manquantes import extrait

        print("\n" + extrait(linter.manquantes))
    n = len(rules_mod.feature_files(args.features))
    print(f"{n} fichier(s) .feature, {len(problems)} problème(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
