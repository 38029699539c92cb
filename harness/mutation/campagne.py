"""Running the mutants one by one in a private copy of the repository: one
run without mutant per test selection (whose duration bounds a mutant's run),
then each mutant on disk while its selection runs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.profiles import SUPPORT_LEVELS, Matrix
from harness.rules import ScenarioRef

from . import couverture, execution, lots
from .mutants import Mutant, appliquer

#: A mutant that hangs is stopped after this factor of the run without mutant,
#: plus a fixed margin: a timeout catches a hang, never a slow run.
FACTEUR_DELAI, MARGE_DELAI_S = 3.0, 120.0

#: Where the run without mutant writes each test's duration (harness/mutation/lot.py).
_DUREES = "durees-sans-mutant.jsonl"

#: What the run without mutant says of a selection: a status imposed on its
#: mutants (``sans_scenario``, ``incompetent``) or the timeout of their runs.
Base = tuple[str | None, float | None]


@dataclass(frozen=True)
class Niveau:
    """A support level other than the chosen profile's (browsers.yaml), whose
    scenarios run only on its own profiles: @saisie_sans_signature, Chrome's
    refused signature (NAV-04). A mutant of one of ``regles`` also runs them,
    on ``profil`` (the first profile of that level)."""
    tag: str
    profil: str
    regles: frozenset[str]


def niveaux_de_support(matrice: Matrix, profil: str, scenarios: list[ScenarioRef]) -> list[Niveau]:
    """The support levels other than ``profil``'s that some scenario is tagged with."""
    niveau = matrice.profile(profil).support
    resultat = []
    for tag in SUPPORT_LEVELS:
        premier = next((p.id for p in matrice if p.support == tag), None)
        regles = frozenset(t for s in scenarios if tag in s.all_tags for t in s.all_tags)
        if tag != niveau and premier and regles:
            resultat.append(Niveau(tag, premier, regles))
    return resultat


def delai(duree_s: float) -> float:
    return FACTEUR_DELAI * duree_s + MARGE_DELAI_S


def statut_de(code_retour: int | None) -> str:
    """The status of a mutant from the return code of its run."""
    if code_retour is None:
        return "delai"
    return {0: "survivant", 5: "sans_scenario"}.get(code_retour, "tue")


class Campagne:
    """The runs of one analysis, in ``copie`` (see execution.CopieDuDepot)."""

    def __init__(self, copie: Path, cible: str, profil: str, confirmer: bool = True,
                 niveaux: list[Niveau] | None = None, immobile: float = execution.PAGE_IMMOBILE_S,
                 tueurs: dict[str, str] | None = None):
        self.copie, self.cible, self.profil, self.confirmer = copie, cible, profil, confirmer
        #: mutant id → the test whose kill of it a previous run confirmed
        #: (mutation/tueurs.json): tried first, its failure counts as confirmed
        self.tueurs = tueurs or {}
        #: pytest's --page-immobile in every session of the scenarios
        self.immobile = immobile
        self.niveaux = niveaux or []
        self.bases: dict[tuple[str, ...], Base] = {}
        self.delai_commun: float | None = None
        #: which scenarios reach which line, measured by the run without mutant
        self.couverture: couverture.Couverture | None = None
        self.selections: dict[tuple[str, ...], list[str]] = {}
        #: each test's duration in the run without mutant
        self.durees: dict[str, float] = {}

    def niveaux_de(self, regles: list[str]) -> dict[str, str]:
        """The other support levels with a scenario of one of ``regles``: tag → profile."""
        return {n.tag: n.profil for n in self.niveaux if n.regles & set(regles)}

    def commande(self, regles: list[str]) -> list[str]:
        return execution.commande_pytest(self.cible, regles, self.profil, self.niveaux_de(regles), self.immobile)

    def lancer_sans_mutant(self, mutants: list[Mutant]) -> None:
        """One clean run of every scenario the mutants need: if it passes,
        each mutant's subset passes too, and its duration bounds theirs."""
        a_lancer = [m for m in mutants if m.statut != "equivalent"]
        if not a_lancer:
            return
        union = sorted({r for m in a_lancer for r in m.regles})
        mesure, commande = {}, self.commande(union)
        if self.cible == "acceptance":  # the simulator measures each scenario's lines,
            mesure = {"SIM_COUVERTURE": str(self.copie / couverture.NOM)}  # the harness their durations
            commande += ["-p", "harness.mutation.lot", "--lot-resultats", str(self.copie / _DUREES)]
        base = execution.lancer(commande, self.copie, None, mesure)
        print(f"[mutation] exécution sans mutant : code {base.code_retour}, {base.duree_s:.0f} s",
              flush=True)
        if base.code_retour == 0:
            self.delai_commun = delai(base.duree_s)
            if mesure:
                self.couverture = couverture.lire(self.copie)
                self.durees = lots.durees(self.copie / _DUREES)

    def base(self, commande: list[str]) -> Base:
        """What the run without mutant of ``commande`` says (run once, when
        the common run did not pass)."""
        cle = tuple(commande)
        if cle not in self.bases:
            self.bases[cle] = ((None, self.delai_commun) if self.delai_commun is not None
                               else self._base_seule(commande))
        return self.bases[cle]

    def tests_couvrants(self, m: Mutant, commande: list[str]) -> list[str] | None:
        """The tests of ``commande`` that ran ``m``'s line (or its function),
        in their order; [] if no test of the run without mutant ran its
        function; None: the whole selection (no measure, none safe — see
        couverture.py —, or all its tests ran the line)."""
        if self.couverture is None:
            return None
        tests = self.couverture.tests_couvrants(self.copie / m.fichier, m.ligne)
        if not tests:
            return None if tests is None else []
        selection = self.selection(commande)
        choisis = [t for t in selection if t in tests]
        # none of them (reached by other rules' scenarios only) or all of them:
        # the whole selection, once
        return choisis if 0 < len(choisis) < len(selection) else None

    def selection(self, commande: list[str]) -> list[str]:
        """The pytest ids ``commande`` runs, in their order (collected once)."""
        cle = tuple(commande)
        if cle not in self.selections:
            self.selections[cle] = execution.collecter(commande, self.copie)
        return self.selections[cle]

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
        couvrants = self.tests_couvrants(m, commande)
        if couvrants == []:
            m.statut = "non_couvert"
            return
        original = appliquer(self.copie, m)
        try:
            issue, duree_s = None, 0.0
            if couvrants is not None:  # first the scenarios that ran its line …
                m.extra["tests_couvrants"] = len(couvrants)
                issue = execution.lancer(execution.commande_seule(
                    self.cible, couvrants, self.profil, self.niveaux_de(m.regles), self.immobile),
                    self.copie, delai_s)
                duree_s = issue.duree_s
            if issue is None or issue.code_retour == 0:  # … then, if it lives, all of them
                issue = execution.lancer(commande, self.copie, delai_s)
                duree_s += issue.duree_s
            statut = statut_de(issue.code_retour)
            confirmations: dict[str, int | None] = {}
            if self.confirmer and statut == "tue" and issue.tueur:
                # a kill counts if its failure comes again, the mutant still on
                # disk (a flaky failure is no kill): the killing test alone;
                # if it passes alone, the whole selection again (the failure
                # may need what the scenarios before it left under the mutant)
                seule = execution.lancer(execution.commande_seule(self.cible, issue.tueur, self.profil,
                                                                  self.niveaux_de(m.regles), self.immobile),
                                         self.copie, delai_s)
                confirmations["confirmation"] = seule.code_retour
                if seule.code_retour == 0:
                    confirmations["confirmation_selection"] = execution.lancer(
                        commande, self.copie, delai_s).code_retour
        finally:
            (self.copie / m.fichier).write_text(original, encoding="utf-8")
        m.duree_s, m.code_retour, m.tueur = round(duree_s, 1), issue.code_retour, issue.tueur
        m.statut = statut
        m.extra.update(confirmations)
        derniere = confirmations.get("confirmation_selection", confirmations.get("confirmation"))
        if derniere == 0:  # the failure did not come again
            m.statut = "instable"

    # -- by batches: many mutants per pytest session (acceptance only) ----------------------

    def evaluer_par_lots(self, mutants: list[Mutant], paralleles: int = 2, patience: float = 1.0) -> None:
        """Give every mutant of ``mutants`` its status as ``evaluer`` does —
        its line's scenarios first, then, if it lives, its whole selection;
        a kill confirmed by its test again (right after it, in its session;
        its known killer's failure, ``tueurs``, needs none), then by the selection — but each step for all the mutants at once,
        by batches (harness/mutation/lot.py):
        a session of pytest and a browser serve many mutants. The first step
        waits × ``patience`` (< 1: a killing scenario fails sooner); the others
        at the harness's own patience, so that a failure counts only if it
        comes again with it, and a survivor of the first step is one of the
        whole selection at full patience."""
        if not self.confirmer:  # a kill at lower patience counts only once confirmed
            patience = 1.0
        plan: dict[str, tuple[Mutant, list[str], list[str] | None]] = {}
        delai_s = self.delai_commun
        for m in (m for m in mutants if m.statut != "equivalent"):
            commande = self.commande(m.regles)
            statut_impose, delai_m = self.base(commande)
            delai_s = max(delai_s or 0.0, delai_m or 0.0)
            selection = [] if statut_impose else self.selection(commande)
            if not statut_impose and not selection:  # its rules have no scenario (SIM-01)
                statut_impose = "sans_scenario"
            couvrants = None if statut_impose else self.tests_couvrants(m, commande)
            if statut_impose or couvrants == []:
                m.statut = statut_impose or "non_couvert"
                continue
            if couvrants is not None:
                m.extra["tests_couvrants"] = len(couvrants)
            plan[m.id] = (m, selection, couvrants)
        if not plan:
            return
        executer = lots.Lots(self.copie, self.cible, self.profil, {n.tag: n.profil for n in self.niveaux},
                             paralleles, self.immobile).executer
        # 1. its line's scenarios (or its whole selection), its known killer first, then the
        # fastest: most kills come from any of them; 2. the survivors, their selection in its order
        premiers = executer([(m, self.ordre(m, c if c is not None else sel)) for m, sel, c in plan.values()],
                            delai_s, patience, self.confirmer, self.tueurs)
        seconds = executer([(m, sel) for m, sel, c in plan.values() if premiers[m.id].statut == "survivant"
                            and (c is not None or patience != 1.0)], delai_s, confirmer=self.confirmer,
                           connus=self.tueurs)
        resultats = {**premiers, **seconds}
        for m, _, _ in plan.values():
            r = resultats[m.id]
            m.statut, m.tueur = r.statut, r.tueur
            if r.confirmation is not None:  # its test again, in the same session (or its known killer)
                m.extra["confirmation"] = r.confirmation
            m.code_retour = {"tue": 1, "survivant": 0}.get(r.statut)
            m.duree_s = round(premiers[m.id].duree_s + (seconds[m.id].duree_s if m.id in seconds else 0), 1)
        if self.confirmer:
            self._confirmer([p for p in plan.values() if p[0].statut == "tue"], executer, delai_s)

    def ordre(self, m: Mutant, tests: list[str]) -> list[str]:
        """``tests`` for ``m``'s first step: its known killer first, then the fastest."""
        connu = self.tueurs.get(m.id)
        return sorted(tests, key=lambda t: (t != connu, self.durees.get(t, 0.0)))

    def _confirmer(self, tues: list[tuple[Mutant, list[str], list[str] | None]], executer,
                   delai_s: float | None) -> None:
        """A kill counts if its failure comes again, the mutant still there:
        the killing test again (in its session, right after it, or alone); if
        it passes, the whole selection (the failure may need what the
        scenarios before it left under the mutant)."""
        seuls = executer([(m, [m.tueur]) for m, _, _ in tues if m.tueur and "confirmation" not in m.extra],
                         delai_s)
        for m, _, _ in tues:
            if m.id in seuls:
                m.extra["confirmation"] = 0 if seuls[m.id].statut == "survivant" else 1
        refaits = executer([(m, sel) for m, sel, _ in tues if m.extra.get("confirmation") == 0], delai_s)
        for m, _, _ in tues:
            if m.id in refaits:
                m.extra["confirmation_selection"] = 0 if refaits[m.id].statut == "survivant" else 1
                if refaits[m.id].statut == "survivant":  # the failure did not come again
                    m.statut = "instable"
                else:  # the kill is the one that came again
                    m.tueur = refaits[m.id].tueur or m.tueur
