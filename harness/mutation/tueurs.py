"""``mutation/tueurs.json``: for each mutant a run killed, the test whose
failure killed it, the kill confirmed (its failure came again). The next run
tries that test first, and its failure there counts as confirmed: the same
mutant (its id is its file, operator and line before and after) failing the
same test a second time. The file is rewritten at the end of each run of the
acceptance scenarios: a kill confirmed now is kept (or replaced), a mutant
that now lives, or hangs, leaves it; the others stay as they were. Kept in
the repository, like mutation/equivalents.yaml: a fresh clone's run starts
from the last one's knowledge (Stryker's « incremental » file, per mutant).
"""
from __future__ import annotations

import json
from pathlib import Path

from .mutants import Mutant

#: The statuses that say a known killer no longer holds, unless confirmed
#: (not those a run imposes without running: equivalent, no scenario…).
_EXECUTES = {"tue", "survivant", "instable", "delai", "non_couvert"}


def lire(chemin: Path | None) -> dict[str, str]:
    """The known killers (empty when there is no file)."""
    if chemin is None or not chemin.is_file():
        return {}
    return dict(json.loads(chemin.read_text(encoding="utf-8"))["tueurs"])


def confirme(m: Mutant) -> bool:
    """A kill whose failure came again (in this run, or as its known killer's)."""
    return m.statut == "tue" and bool(m.tueur) and (m.extra.get("confirmation") in (1, "run précédent")
                                                    or m.extra.get("confirmation_selection") == 1)


def retenir(chemin: Path, mutants: list[Mutant]) -> dict[str, str]:
    """Rewrite ``chemin`` with what this run learnt of ``mutants``."""
    tueurs = lire(chemin)
    for m in mutants:
        if confirme(m) and m.tueur:
            tueurs[m.id] = m.tueur
        elif m.statut in _EXECUTES:
            tueurs.pop(m.id, None)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps({"tueurs": dict(sorted(tueurs.items()))}, ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    return tueurs
