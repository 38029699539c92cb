"""What a scenario needs of its target, derived from its steps.

A step declares what it needs with ``@exige(...)`` (``steps/__init__.py``),
in the vocabulary of ``harness.targets.NEEDS`` (captcha, courriel, horloge,
controle, compte, compte_consommable). A scenario needs what its steps need:
``needs_of`` matches each step text to its definition the way the feature
lint does (``harness.bdd``: no browser, no fixture), at collection.

``harness/plugin.py`` puts each need on the item as a marker (``-m horloge``
selects them; reports show them) and skips the scenario at set-up with the
French reason of ``harness.targets.missing_capabilities`` when the target
lacks one. Features carry no plumbing tag: a product owner reads rules, not
capabilities.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pytest

from harness import bdd

#: The needs computed for an item at collection (``item.stash[NEEDS_KEY]``).
NEEDS_KEY = pytest.StashKey[frozenset[str]]()


class Matcher:
    """Step texts → definitions → needs, each text matched once."""

    def __init__(self, defs: Iterable[bdd.StepDefinition]):
        self.defs = list(defs)
        self._needs = lru_cache(maxsize=None)(self._needs_of_text)

    def _needs_of_text(self, step_type: str, text: str) -> frozenset[str]:
        found = bdd.matching(self.defs, step_type, text)
        return found[0].needs if found else frozenset()

    def needs_of(self, scenario: Any) -> dict[str, str]:
        """``{need: the first step text that needs it}`` for a rendered
        pytest-bdd scenario (its background steps included)."""
        needs: dict[str, str] = {}
        for step in scenario.steps:
            for need in sorted(self._needs(step.type, step.name)):
                needs.setdefault(need, step.name)
        return needs


def mark_needs(items: list[Any], matcher: Matcher) -> None:
    """Put each scenario item's needs on it (markers and ``NEEDS_KEY``)."""
    for item in items:
        scenario = bdd.rendered_scenario(item)
        if scenario is None:
            continue
        needs = matcher.needs_of(scenario)
        item.stash[NEEDS_KEY] = frozenset(needs)
        for need in sorted(needs):
            item.add_marker(need)


def needs_of_item(item: Any) -> frozenset[str]:
    return item.stash.get(NEEDS_KEY, frozenset())
