"""Which scenarios ran which line of the simulator, measured once by the
run without mutant (SIM_COUVERTURE: simulator/couverture.py names each
scenario a coverage.py « dynamic context »). A mutant then runs first
against the scenarios of its rules that ran its line — as PIT does for
Java — and a mutant in a function no scenario ran is not run at all.

What the measure cannot see, the caller keeps safe: a line reached outside
any scenario (the simulator's start) or a mutant outside any function (run
at import) gets no restriction, and a mutant that survives the scenarios
that reach it runs again against its whole selection (a line run by the mail
worker's thread between two scenarios is counted to the wrong one)."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

#: The data file's name, in the run's private copy of the repository.
NOM = ".couverture-mutation"


@dataclass
class Couverture:
    """file (absolute path) → line → the scenarios (pytest ids) that ran it;
    "" for a line run outside any scenario."""
    lignes: dict[str, dict[int, set[str]]] = field(default_factory=dict)

    def tests_couvrants(self, chemin: Path, ligne: int) -> set[str] | None:
        """The scenarios that ran ``ligne`` of ``chemin``, or, if none did
        (a line with no code of its own), those that ran the innermost
        function holding it; an empty set if none ran that function; None if
        no restriction is safe: outside any function, in a function's header
        (decorators, defaults), or in a function run outside any scenario."""
        debut_fin = corps_de_fonction(chemin.read_text(encoding="utf-8"), ligne)
        if debut_fin is None:
            return None
        par_ligne = self.lignes.get(str(chemin.resolve()), {})
        fonction: set[str] = set()
        for n in range(debut_fin[0], debut_fin[1] + 1):
            fonction |= par_ligne.get(n, set())
        if "" in fonction:
            return None
        return set(par_ligne.get(ligne, ())) or fonction


def corps_de_fonction(source: str, ligne: int) -> tuple[int, int] | None:
    """First and last line of the body of the innermost function holding
    ``ligne``, or None if ``ligne`` is in no function's body."""
    meilleur: tuple[int, int] | None = None
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef)):
            debut, fin = noeud.body[0].lineno, noeud.end_lineno or noeud.lineno
            if debut <= ligne <= fin and (meilleur is None or debut >= meilleur[0]):
                meilleur = (debut, fin)
    return meilleur


def lire(dossier: Path) -> Couverture | None:
    """The measure written by the simulators of a run in ``dossier`` (one file
    per process: NOM.<machine>.<pid>.<hasard>), combined; None if none was."""
    if not any(dossier.glob(NOM + ".*")):
        return None
    import coverage
    mesure = coverage.Coverage(data_file=str(dossier / NOM), config_file=False)
    mesure.combine(data_paths=[str(dossier)], keep=False)
    donnees = mesure.get_data()
    couverture = Couverture()
    for fichier in donnees.measured_files():
        couverture.lignes[fichier] = {n: set(contextes) for n, contextes
                                      in donnees.contexts_by_lineno(fichier).items()}
    return couverture
