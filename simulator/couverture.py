"""Which scenario reaches which line of the simulator (``make mutation``,
docs/mutation.md). With ``SIM_COUVERTURE=<data file>`` the served simulator
runs under coverage.py, and the control interface's ``POST /_sim/couverture``
names the scenario that runs from then on (a coverage « dynamic context »):
a mutant then runs first against the scenarios that ran its line
(harness/mutation/couverture.py). Off by default: coverage is not even
imported."""
from __future__ import annotations

import os
from pathlib import Path

_mesure = None


def demarrer() -> bool:
    """Start measuring if SIM_COUVERTURE asks for it (before the app is built)."""
    global _mesure
    chemin = os.environ.get("SIM_COUVERTURE")
    if not chemin or _mesure is not None:
        return False
    import coverage
    # data_suffix: each simulator process writes its own file (a test may
    # start a second one); the reader combines them.
    _mesure = coverage.Coverage(data_file=chemin, data_suffix=True, branch=False,
                                source=[str(Path(__file__).parent)])
    _mesure.start()
    return True


def active() -> bool:
    return _mesure is not None


def nommer(contexte: str) -> None:
    """From now on, the lines run are the scenario ``contexte``'s."""
    if _mesure is not None:
        _mesure.switch_context(contexte)


def arreter() -> None:
    """Stop measuring and write the data file (at the end of ``serve``)."""
    global _mesure
    mesure, _mesure = _mesure, None
    if mesure is not None:
        mesure.stop()
        mesure.save()
