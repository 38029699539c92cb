"""Step definitions of the French features, one module per area of the guide.

``conftest.py`` loads every module of ``STEP_MODULES`` as a pytest plugin
(``pytest_plugins``), so that pytest-bdd sees their step definitions and
fixtures in every test; the feature lint (``harness.lint``) imports the same
list to match every step text without a browser.

A step that needs a power only some targets have (see ``capabilities`` in
fixtures/rules.yaml) says so with ``@exige(...)`` under its pytest-bdd
decorator; the lint checks that every scenario using it carries the tag, and
that no scenario carries a capability tag none of its steps needs.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

STEP_MODULES = [
    "steps.commun",
    "steps.navigateurs",
    "steps.accueil",
    "steps.inscription",
    "steps.connexion",
    "steps.agents",
    "steps.recuperation",
    "steps.demandes",
    "steps.etablissement",
]

F = TypeVar("F", bound=Callable)


def exige(*capacites: str) -> Callable[[F], F]:
    """Declare the target capabilities a step needs (``horloge``, ``captcha``,
    ``courriel``, ``controle``). Put it *under* ``@given/@when/@then``."""

    def mark(func: F) -> F:
        func.capacites = frozenset(getattr(func, "capacites", frozenset()) | set(capacites))
        return func

    return mark
