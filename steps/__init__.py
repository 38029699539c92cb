"""Step definitions of the French features, one module per area of the guide.

``conftest.py`` loads every module of ``STEP_MODULES`` as a pytest plugin
(``pytest_plugins``), so that pytest-bdd sees their step definitions and
fixtures in every test; the feature lint (``harness.lint``) imports the same
list to match every step text without a browser.

A step is one sentence → one task (``acteurs.taches``) or one question
(``acteurs.questions``) of a person of the guide (``acteurs.Acteur``): no
locator, no waiting, no page object here (tests/harness/test_architecture.py).

A step that needs a power only some targets have says so with
``@exige(...)`` under its pytest-bdd decorator: ``captcha``, ``courriel``,
``horloge``, ``controle``, ``compte`` (an account from the target's
provider), ``compte_consommable`` (the scenario changes its account for
good: password, lockout, reset, secret question). The harness derives each
scenario's needs from its steps at collection and skips, with the reason,
what the target cannot do; features carry no such tag.
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
    """Declare what a step needs of the target (``captcha``, ``courriel``,
    ``horloge``, ``controle``, ``compte``, ``compte_consommable``). Put it
    *under* ``@given/@when/@then``."""

    def mark(func: F) -> F:
        # an attribute of the function object, read back with getattr (harness.bdd)
        setattr(func, "capacites", frozenset(getattr(func, "capacites", frozenset()) | set(capacites)))
        return func

    return mark
