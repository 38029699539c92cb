"""Running the mutants one by one in a private copy of the repository: one
run without mutant per test selection (whose duration bounds a mutant's run),
then each mutant on disk while its selection runs."""
from __future__ import annotations

from pathlib import Path

from . import execution
from .mutants import Mutant, appliquer

#: A mutant that hangs is stopped after this factor of the run without mutant,
#: plus a fixed margin: a timeout catches a hang, never a slow run.
FACTEUR_DELAI, MARGE_DELAI_S = 3.0, 120.0

#: What the run without mutant says of a selection: a status imposed on its
#: mutants (``sans_scenario``, ``incompetent``) or the timeout of their runs.
Base = tuple[str | None, float | None]


def delai(duree_s: float) -> float:
    return FACTEUR_DELAI * duree_s + MARGE_DELAI_S


def statut_de(code_retour: int | None) -> str:
    """The status of a mutant from the return code of its run."""
    if code_retour is None:
        return "delai"
    return {0: "survivant", 5: "sans_scenario"}.get(code_retour, "tue")


class Campagne:
    """The runs of one analysis, in ``copie`` (see execution.CopieDuDepot)."""

    def __init__(self, copie: Path, cible: str, profil: str, confirmer: bool = True):
        self.copie, self.cible, self.profil, self.confirmer = copie, cible, profil, confirmer
        self.bases: dict[tuple[str, ...], Base] = {}
        self.delai_commun: float | None = None

    def commande(self, regles: list[str]) -> list[str]:
        return execution.commande_pytest(self.cible, regles, self.profil)

    def lancer_sans_mutant(self, mutants: list[Mutant]) -> None:
        """One clean run of every scenario the mutants need: if it passes,
        each mutant's subset passes too, and its duration bounds theirs."""
        a_lancer = [m for m in mutants if m.statut != "equivalent"]
        if not a_lancer:
            return
        union = sorted({r for m in a_lancer for r in m.regles})
        base = execution.lancer(self.commande(union), self.copie, None)
        print(f"[mutation] exécution sans mutant : code {base.code_retour}, {base.duree_s:.0f} s",
              flush=True)
        if base.code_retour == 0:
            self.delai_commun = delai(base.duree_s)

    def base(self, commande: list[str]) -> Base:
        """What the run without mutant of ``commande`` says (run once, when
        the common run did not pass)."""
        cle = tuple(commande)
        if cle not in self.bases:
            self.bases[cle] = ((None, self.delai_commun) if self.delai_commun is not None
                               else self._base_seule(commande))
        return self.bases[cle]

    def _base_seule(self, commande: list[str]) -> Base:
        base = execution.lancer(commande, self.copie, None)
        if base.code_retour == 5:
            return ("sans_scenario", None)
        if base.code_retour != 0:
            print(f"[mutation] la sélection échoue sans mutant : {' '.join(commande[3:])}\n"
                  f"{base.sortie[-1500:]}", flush=True)
            return ("incompetent", None)
        return (None, delai(base.duree_s))

    def evaluer(self, m: Mutant) -> None:
        """Give ``m`` its status: imposed by its selection, or from a run of
        its selection with the mutant on disk (the file is put back after)."""
        commande = self.commande(m.regles)
        statut_impose, delai_s = self.base(commande)
        if statut_impose:
            m.statut = statut_impose
            return
        original = appliquer(self.copie, m)
        try:
            issue = execution.lancer(commande, self.copie, delai_s)
            statut = statut_de(issue.code_retour)
            confirmation = None
            if self.confirmer and statut == "tue" and issue.tueur:
                # a kill counts if its failure comes again: the killing test
                # alone, the mutant still on disk (a flaky failure is no kill)
                confirmation = execution.lancer(execution.commande_seule(self.cible, issue.tueur, self.profil),
                                                self.copie, delai_s)
        finally:
            (self.copie / m.fichier).write_text(original, encoding="utf-8")
        m.duree_s, m.code_retour, m.tueur = round(issue.duree_s, 1), issue.code_retour, issue.tueur
        m.statut = statut
        if confirmation is not None:
            m.extra["confirmation"] = confirmation.code_retour
            if confirmation.code_retour == 0:
                m.statut = "instable"
