"""Running mutants by batches: one pytest session for many mutants, several
sessions side by side (harness/mutation/lot.py is the plugin each session
loads). A session's outcomes come back as JSON lines, one per test."""
from __future__ import annotations

import json
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import execution
from .mutants import Mutant, source_mutee


@dataclass
class Resultat:
    """What a batch found for one mutant."""
    statut: str                 # tue | survivant | delai | non_lance | incomplet
    tueur: str | None = None
    duree_s: float = 0.0
    #: a kill's test run again in the session (lot.py): 1 it failed again, 0 it
    #: passed; "run précédent": the known killer failed (its kill confirmed before)
    confirmation: int | str | None = None


def lire(chemin: Path) -> list[dict]:
    """The outcomes a session wrote (a line cut by a stop is left out)."""
    if not chemin.exists():
        return []
    lignes = []
    for texte in chemin.read_text(encoding="utf-8").splitlines():
        try:
            lignes.append(json.loads(texte))
        except json.JSONDecodeError:
            continue
    return lignes


def durees(chemin: Path) -> dict[str, float]:
    """Each test's duration in a run without mutant (its call phase)."""
    return {l["test"]: l["duree_s"] for l in lire(chemin) if l.get("phase") == "call"}


def _bilan(demandes: list[tuple[Mutant, list[str]]], lignes: list[dict],
           arrete: bool, confirmer: bool = False) -> dict[str, Resultat]:
    """Each mutant's result from its tests' outcomes; with ``arrete`` (the
    session was stopped by the timeout), the first unfinished mutant hung —
    the last killed one, if it was the second run of its failed test
    (``confirmer``) that never ended: its kill stands, unconfirmed."""
    par_mutant: dict[str, list[dict]] = {}
    for ligne in lignes:
        par_mutant.setdefault(ligne["mutant"], []).append(ligne)
    resultats: dict[str, Resultat] = {}
    bloque = False
    for rang, (m, tests) in enumerate(demandes):
        siennes = par_mutant.get(m.id, [])
        duree = round(sum(l["duree_s"] for l in siennes), 1)
        echec = next((l for l in siennes if l["issue"] == "failed" and not l.get("confirmation")), None)
        seconde = [l for l in siennes if l.get("confirmation")]
        if echec:
            resultats[m.id] = Resultat("tue", echec["test"], duree, confirmation=(
                int(any(l["issue"] == "failed" for l in seconde)) if seconde else echec.get("confirme")))
            if arrete and confirmer and not seconde and not any(par_mutant.get(n.id) for n, _ in demandes[rang + 1:]):
                bloque = True
        elif {l["test"] for l in siennes} >= set(tests):
            resultats[m.id] = Resultat("survivant", None, duree)
        elif not arrete:  # the session ended, yet some test of the plan never ran
            resultats[m.id] = Resultat("incomplet", None, duree)
        elif not bloque and siennes:
            bloque = True
            resultats[m.id] = Resultat("delai", None, duree)
        else:
            resultats[m.id] = Resultat("non_lance", None, duree)
    if arrete and not bloque:  # stopped before its first outcome: the first not started
        premier = next((m for m, _ in demandes if resultats[m.id].statut == "non_lance"), None)
        if premier:
            resultats[premier.id].statut = "delai"
    return resultats


class Lots:
    """Batches of one analysis, in ``copie`` (see execution.CopieDuDepot)."""

    def __init__(self, copie: Path, cible: str, profil: str, niveaux: dict[str, str], paralleles: int = 2,
                 immobile: float = execution.PAGE_IMMOBILE_S):
        self.copie, self.cible, self.profil, self.niveaux = copie, cible, profil, niveaux
        self.paralleles = max(1, paralleles)
        self.immobile = immobile

    def executer(self, demandes: list[tuple[Mutant, list[str]]], delai_s: float | None,
                 patience: float = 1.0, confirmer: bool = False,
                 connus: dict[str, str] | None = None) -> dict[str, Resultat]:
        """Run each mutant against its tests (in their order, stopping at its
        first failure, the waits × ``patience``; with ``confirmer``, that
        failure's test once more, at full patience, unless it is the
        mutant's known killer in ``connus``); ``paralleles`` sessions
        side by side, each mutant in one. A session stopped by a hang
        (``delai_s`` without an outcome) is started again for the mutants it
        had not reached."""
        resultats: dict[str, Resultat] = {}
        restantes = [d for d in demandes if d[1]]
        while restantes:
            parts = [p for p in (restantes[i::self.paralleles] for i in range(self.paralleles)) if p]
            arret = threading.Event()   # Ctrl+C or SIGTERM here: every session is stopped
            with ThreadPoolExecutor(len(parts)) as pool:
                sessions = [pool.submit(self._session, part, delai_s, patience, confirmer, arret, connus or {})
                            for part in parts]
                try:
                    for session in sessions:
                        resultats.update(session.result())
                except BaseException:
                    arret.set()
                    raise
            incomplets = [i for i, r in resultats.items() if r.statut == "incomplet"]
            if incomplets:  # a test of the plan was not collected: the tool is wrong, not the mutant
                raise RuntimeError(f"mutation : tests du plan jamais exécutés pour {', '.join(incomplets)} "
                                   f"(sessions dans {self.copie / 'lots'})")
            restantes = [d for d in restantes if resultats[d[0].id].statut == "non_lance"]
        return resultats

    def _session(self, demandes: list[tuple[Mutant, list[str]]], delai_s: float | None,
                 patience: float, confirmer: bool, arret: threading.Event,
                 connus: dict[str, str]) -> dict[str, Resultat]:
        dossier = self.copie / "lots"
        dossier.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".json", dir=dossier, delete=False,
                                         encoding="utf-8") as f:
            json.dump({"confirmer": confirmer, "mutants": [{"id": m.id, "fichier": m.fichier, "tests": tests,
                                    "source": source_mutee(self.copie, m), "tueur_connu": connus.get(m.id)}
                                   for m, tests in demandes]}, f, ensure_ascii=False)
        plan = Path(f.name)
        sortie = plan.with_suffix(".jsonl")
        issue = execution.lancer(execution.commande_lot(self.cible, plan, sortie, self.profil, self.niveaux, patience,
                                                        self.immobile),
                                 self.copie, delai_s, progres=sortie, arret=arret)
        bilan = _bilan(demandes, lire(sortie), arrete=issue.code_retour is None, confirmer=confirmer)
        if any(r.statut == "incomplet" for r in bilan.values()):
            (dossier / f"{plan.stem}.log").write_text(issue.sortie, encoding="utf-8")
            print(f"[mutation] une session par lots n'a pas exécuté tous les tests de son plan "
                  f"(code {issue.code_retour}) :\n"
                  f"{issue.sortie[-1500:]}", flush=True)
        return bilan
