"""The one waiting helper (harness/attente.py), and that no hand-written
polling loop is left in the harness."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.attente import DelaiDepasse, attendre, attendre_sans_echec

ROOT = Path(__file__).resolve().parents[2]


def test_returns_the_first_true_result():
    values = iter([None, 0, "", "prêt"])
    assert attendre(lambda: next(values), 5, "jamais", intervalle=0) == "prêt"


def test_a_time_out_raises_the_french_message_with_the_last_value():
    seen = iter(range(1000))
    with pytest.raises(LookupError, match="toujours faux, dernier essai : "):
        attendre(lambda: next(seen) < 0, 0.05, lambda last: f"toujours faux, dernier essai : {last}",
                 erreur=LookupError, intervalle=0.01)


def test_ignored_exceptions_mean_not_yet_and_others_stop_at_once():
    tries = iter([KeyError("page remplacée"), KeyError("page remplacée"), "ok"])

    def condition():
        value = next(tries)
        if isinstance(value, Exception):
            raise value
        return value

    assert attendre(condition, 5, "x", intervalle=0, ignorer=(KeyError,)) == "ok"
    with pytest.raises(ValueError, match="processus mort"):
        attendre(lambda: (_ for _ in ()).throw(ValueError("processus mort")), 5, "x", intervalle=0)


def test_message_may_be_an_exception_raised_as_is():
    error = RuntimeError("vraie erreur")
    with pytest.raises(RuntimeError) as raised:
        attendre(lambda: False, 0, lambda _: error, intervalle=0)
    assert raised.value is error


def test_without_failure_a_time_out_returns_none():
    assert attendre_sans_echec(lambda: False, 0, intervalle=0) is None
    with pytest.raises(DelaiDepasse):
        attendre(lambda: False, 0, "délai dépassé", intervalle=0)


@pytest.mark.parametrize("path", ["harness/ui/common.py", "harness/ui/webdriver_backend.py",
                                  "harness/services.py"])
def test_no_hand_written_polling_loop_is_left(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not re.search(r"time\.sleep|time\.monotonic\(\) *\+", text), path
