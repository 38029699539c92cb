"""The one waiting helper of the project: poll a condition until it holds,
or fail after a time-out with a clear French message.

Built on tenacity (pinned in pyproject.toml)::

    from harness.attente import attendre

    attendre(lambda: "Bienvenue" in ui.page_text(), 10,
             lambda _: f"texte « Bienvenue » absent après 10 s sur {ui.url}",
             erreur=ElementNotFound)

- ``condition()`` is called at once, then every ``intervalle`` seconds; a
  true result ends the wait and is returned;
- an exception of ``ignorer`` counts as "not yet" (a page being replaced);
  any other exception ends the wait at once (a dead process, a real error);
- after ``timeout`` seconds, ``message(last)`` — ``last`` is the last result
  or the last ignored exception — becomes ``erreur(message)``; ``message``
  may also return an exception, raised as it is.

A time-out only catches a hang: nothing here measures durations.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tenacity import (RetryCallState, Retrying, retry_if_exception_type, retry_if_result,
                      stop_after_delay, wait_fixed)
from tenacity.retry import retry_base

T = TypeVar("T")
INTERVALLE = 0.1

#: Every time-out of the harness is multiplied by it (pytest's ``--patience``).
PATIENCE = 1.0


def regler_la_patience(facteur: float) -> None:
    """Multiply every wait of the harness in this process by ``facteur``:
    those of ``attendre`` and the browsers' own (harness/ui, ``echelle``)."""
    global PATIENCE
    PATIENCE = facteur


def echelle(secondes: float) -> float:
    """The time a wait of ``secondes`` (as written in the code) really
    lasts: × ``--patience``. Every time-out is written at patience 1 and
    scaled once, where the wait happens (here, or a browser's own wait)."""
    return secondes * PATIENCE


class DelaiDepasse(TimeoutError):
    """A condition still false after its time-out."""


def _last(state: RetryCallState) -> Any:
    outcome = state.outcome
    if outcome is None:
        return None
    return outcome.exception() if outcome.failed else outcome.result()


def attendre(condition: Callable[[], T | None], timeout: float,
             message: str | Callable[[Any], str | BaseException],
             *, erreur: Callable[[str], BaseException] = DelaiDepasse,
             intervalle: float = INTERVALLE,
             ignorer: tuple[type[BaseException], ...] = ()) -> T:
    """``condition()``'s first true result, or ``erreur(message)`` after
    ``timeout`` seconds (see the module docstring)."""

    def give_up(state: RetryCallState) -> T:
        text = message(_last(state)) if callable(message) else message
        raise text if isinstance(text, BaseException) else erreur(text)

    retry: retry_base = retry_if_result(lambda result: not result)
    if ignorer:
        retry = retry | retry_if_exception_type(ignorer)
    retrying = Retrying(stop=stop_after_delay(echelle(timeout)), wait=wait_fixed(intervalle), retry=retry,
                        retry_error_callback=give_up)
    result = retrying(condition)
    assert result, "tenacity returned a false result instead of giving up"  # retry_if_result above
    return result


def attendre_sans_echec(condition: Callable[[], T], timeout: float, *,
                        intervalle: float = INTERVALLE,
                        ignorer: tuple[type[BaseException], ...] = ()) -> T | None:
    """Like ``attendre``, but the time-out is not an error: None (or the last
    falsy result) is returned — for a wait that the next step may survive."""
    try:
        return attendre(condition, timeout, "", intervalle=intervalle, ignorer=ignorer)
    except DelaiDepasse:
        return None
