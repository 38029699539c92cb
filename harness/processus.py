"""The processes below a process, read from Linux's /proc: what the
harness stops after a stuck browser driver (harness/ui/webdriver_backend.py)
or a mutation session (harness/mutation/execution.py)."""
from __future__ import annotations

import os


def descendants(pid: int) -> list[int]:
    """Every living descendant of ``pid``, each before its own children."""
    enfants: dict[int, list[int]] = {}
    for entree in os.listdir("/proc"):
        if not entree.isdigit():
            continue
        try:
            with open(f"/proc/{entree}/stat", "rb") as f:
                champs = f.read().rsplit(b")", 1)[1].split()
            enfants.setdefault(int(champs[1]), []).append(int(entree))
        except (OSError, IndexError, ValueError):
            continue
    resultat, pile = [], [pid]
    while pile:
        for enfant in enfants.get(pile.pop(), []):
            resultat.append(enfant)
            pile.append(enfant)
    return resultat
