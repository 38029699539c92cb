"""Samples of the suite: ``--une-par-regle PROFILS`` and ``--un-exemple-par-plan``.

``make test`` proves every rule of the catalogue on every engine without
running the whole suite three times: on the profiles ``--une-par-regle``
names, it keeps the cheapest set of scenario runs that, together, carry
every rule found on that profile (a weighted set cover, chosen greedily:
the run that brings the most rules not yet covered per unit of cost first,
then any run whose rules the others already carry is dropped). The cost of
a run is known before it runs: one per step, and ``COUT_COURRIEL`` more
when it reads a mail (its steps need ``courriel``: a delivery to wait for).
"""
from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any

from harness import bdd, besoins
from harness.stash import profile_of

#: What reading mail adds to a run's cost, in steps: measured on make
#: test's Chromium runs (round 21), a scenario that reads a mail took 2.75 s
#: against 1.16 s for one that does not, for 4 to 7 steps alike.
COUT_COURRIEL = 4


def cout(item: Any) -> float:
    """The cost of a scenario run, before it runs (see the module)."""
    scenario = bdd.rendered_scenario(item)
    pas = len(scenario.steps) if scenario is not None else 1
    return pas + (COUT_COURRIEL if "courriel" in besoins.needs_of_item(item) else 0)


def couverture(runs: list[Any], regles: set[str], cout_de: Callable[[Any], float] = cout) -> list[Any]:
    """Of ``runs`` (one profile's), a cheap subset carrying every rule of
    ``regles`` they carry, in their order."""
    siennes = [{m.name for m in run.iter_markers()} & regles for run in runs]
    couts = [max(cout_de(run), 0.001) for run in runs]
    a_couvrir = set().union(*siennes) if siennes else set()
    choisis: list[int] = []
    couvertes: set[str] = set()
    while couvertes != a_couvrir:   # greedy: most new rules per cost; the first on a tie
        meilleur = max(range(len(runs)), key=lambda i: (len(siennes[i] - couvertes) / couts[i], -i))
        choisis.append(meilleur)
        couvertes |= siennes[meilleur]
    for i in sorted(choisis, key=lambda i: -couts[i]):   # the dearest redundant runs go first
        autres = set().union(*(siennes[j] for j in choisis if j != i))
        if siennes[i] <= autres:
            choisis.remove(i)
    return [runs[i] for i in sorted(choisis)]


def une_par_regle(items: list[Any], regles: set[str], motifs: list[str],
                  cout_de: Callable[[Any], float] = cout) -> tuple[list, list]:
    """``(kept, dropped)``: on each profile matching ``motifs``, the runs
    ``couverture`` keeps; every other item is kept, in its order."""
    par_profil: dict[str, list[Any]] = {}
    for item in items:
        profil = profile_of(item)
        if profil is not None and any(fnmatch.fnmatchcase(profil, m) for m in motifs):
            par_profil.setdefault(profil, []).append(item)
    gardes = {id(run) for runs in par_profil.values() for run in couverture(runs, regles, cout_de)}
    kept: list[Any] = []
    dropped: list[Any] = []
    for item in items:
        echantillonne = profile_of(item) in par_profil
        (kept if not echantillonne or id(item) in gardes else dropped).append(item)
    return kept, dropped


def un_exemple_par_plan(items: list[Any]) -> tuple[list, list]:
    """``(kept, dropped)``: of a Scenario Outline, the first run of its
    « Exemples » on each profile (in collection order); every other item
    is kept."""
    vus: set[tuple[str, str | None]] = set()
    kept: list[Any] = []
    dropped: list[Any] = []
    for item in items:
        cle = (getattr(item, "originalname", item.name), profile_of(item))
        (dropped if cle in vus else kept).append(item)
        vus.add(cle)
    return kept, dropped
