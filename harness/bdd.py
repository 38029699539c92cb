"""The one place that reads pytest-bdd's internals, behind a version check.

pytest-bdd has public hooks for a scenario that *runs*
(``pytest_bdd_before_scenario``, ``pytest_bdd_after_step``,
``pytest_bdd_step_error``…) and the harness uses them. It has no public way
to know, *before* a scenario runs, which scenario an item is and which step
definition each of its steps will call — what the harness needs at
collection (a scenario's needs from its steps' ``@exige``), for a scenario
skipped before it starts (its name in the reports), and in the feature lint
(matching step texts without a browser). Those two reads live here only:

- ``step_definitions()``: pytest-bdd's registry of step functions
  (``pytest_bdd.steps.step_function_context_registry``);
- ``scenario_of(item)``: the scenario template behind a collected item
  (``pytest_bdd.scenario.scenario_wrapper_template_registry``).

``check_version()`` refuses a pytest-bdd outside ``SUPPORTED`` with a clear
message (tests/harness/test_besoins.py checks the pinned one), so that an
upgrade that moves these names fails here, loudly, not somewhere else.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

#: The pytest-bdd major versions whose internals match what this module reads.
SUPPORTED = ("9.",)


class UnsupportedPytestBdd(RuntimeError):
    """The installed pytest-bdd is not one this module was written for."""


@functools.cache
def _installed() -> str:
    """pytest-bdd's version, read once per process: ``importlib.metadata``
    parses its METADATA file each time (≈ 2 ms), and every collected
    scenario asks (half of the French suite's collection time before)."""
    return version("pytest-bdd")


def check_version() -> str:
    """The installed pytest-bdd version, or UnsupportedPytestBdd."""
    found = _installed()
    if not found.startswith(SUPPORTED):
        raise UnsupportedPytestBdd(
            f"pytest-bdd {found} n'est pas pris en charge par harness/bdd.py "
            f"(versions : {', '.join(v + 'x' for v in SUPPORTED)}) : vérifiez que "
            "step_function_context_registry et scenario_wrapper_template_registry existent "
            "toujours, puis ajoutez la version à SUPPORTED")
    return found


@dataclass(frozen=True)
class StepDefinition:
    """A step definition: its type (given / when / then, None = any), its
    parser and its function."""

    type: str | None
    parser: Any           # pytest_bdd.parsers.StepParser
    func: Any

    @property
    def needs(self) -> frozenset[str]:
        """What the step declares with ``steps.exige`` (``func.capacites``)."""
        return frozenset(getattr(self.func, "capacites", frozenset()))

    def matches(self, step_type: str, text: str) -> bool:
        if self.type is not None and self.type != step_type:
            return False
        try:
            return bool(self.parser.is_matching(text))
        except Exception:  # noqa: BLE001 - a parser that raises does not match
            return False

    def __str__(self) -> str:
        f = self.func
        return f"{getattr(f, '__module__', '?')}.{getattr(f, '__name__', '?')} ({self.parser.name!r})"


def step_definitions(modules: Iterable[str] | None = None) -> list[StepDefinition]:
    """The step definitions pytest-bdd knows (those of ``modules`` only, when
    given: module names, already imported)."""
    check_version()
    from pytest_bdd.steps import step_function_context_registry

    wanted = set(modules) if modules is not None else None
    return [StepDefinition(type=ctx.type, parser=ctx.parser, func=ctx.step_func)
            for ctx in list(step_function_context_registry.values())
            if wanted is None or getattr(ctx.step_func, "__module__", None) in wanted]


def matching(defs: Iterable[StepDefinition], step_type: str, text: str) -> list[StepDefinition]:
    """The definitions that match one step text of that type."""
    return [d for d in defs if d.matches(step_type, text)]


def scenario_of(item: Any) -> Any:
    """The pytest-bdd scenario template behind a collected item, or None
    (an item that is not a pytest-bdd scenario)."""
    check_version()
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    function = getattr(item, "function", None)
    return scenario_wrapper_template_registry.get(function) if function is not None else None


def rendered_scenario(item: Any) -> Any:
    """The scenario of an item with its example row applied (outlines), or None."""
    template = scenario_of(item)
    if template is None:
        return None
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example") if callspec else None
    return template.render(example or {})
