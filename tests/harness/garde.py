"""A bound that only catches a hang: never an assertion on how long
something took (a loaded machine is slow, not wrong)."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

import pytest


class Bloque(Exception):
    """The guarded block did not end in time."""


@contextmanager
def sans_blocage(secondes: float, quoi: str):
    """Fail the test if the block has not ended after ``secondes`` (choose
    far more than it could ever take when it works). Main thread only
    (SIGALRM); elsewhere the block just runs unguarded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarme(_signal, _frame):
        raise Bloque(f"{quoi} : toujours en cours après {secondes:.0f} s (blocage)")

    precedent = signal.signal(signal.SIGALRM, alarme)
    signal.setitimer(signal.ITIMER_REAL, secondes)
    try:
        yield
    except Bloque as blocage:
        pytest.fail(str(blocage))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, precedent)
