"""A batch of mutants in one pytest session (``-p harness.mutation.lot``).

A pytest session per mutant pays, each time, the collection of the features,
a browser's start and a kill's confirmation in one more session. Here one
session runs many mutants: each acceptance scenario of the plan is
parametrized with the mutants that must run it, through the harness's
``variante_du_simulateur`` fixture (session scope): for each mutant, its
scenarios run one after the other on a simulator and a Mailpit of its own
(started fresh, empty database), the browsers staying up from one mutant to
the next. The mutant is never written to the repository: its simulator
imports the package from an overlay directory (the mutated file, links to
every other file of the package) that ``PYTHONPATH`` puts first, with
``PYTHONSAFEPATH`` so that ``python -m`` does not put the working directory
before it.

Once a scenario of a mutant fails, the mutant's other scenarios are skipped
(``-x`` per mutant). With ``"confirmer": true`` in the plan, the failed test
runs once more right after, at the harness's full patience (``--patience``
1): a kill counts only if its failure comes again, and asking it here saves
a session and a stack's start per kill — unless that test is the mutant's
``"tueur_connu"``, the test whose kill of this very mutant a previous run
confirmed (mutation/tueurs.json): its failure is then that kill coming
again, and its line says so (``"confirme": "run précédent"``). Each test's outcome is appended to
the results file (JSON lines) as it ends, so a run stopped by a hang keeps
what it measured.

Options: ``--lot PLAN.json`` — ``{"confirmer": bool, "mutants": [{"id",
"fichier", "source", "tests": [pytest ids without the mutant], "tueur_connu":
pytest id or null}]}``, each mutant's tests in the order to run them; ``--lot-resultats FILE`` — where
the outcomes go (also without ``--lot``: the run without mutant records
each test's duration).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from harness import attente

#: The id of a mutant's param inside a pytest id: ``…[ie7-winxp-mutant-1a2b3c4d5e]``.
_JETON = re.compile(r"\[mutant-([0-9a-z]+)\]|\[mutant-([0-9a-z]+)-|-mutant-([0-9a-z]+)(?=[-\]])")
_FIXTURE = "variante_du_simulateur"


def separer(nodeid: str) -> tuple[str | None, str]:
    """``(mutant id or None, the pytest id without the mutant)``."""
    trouve = _JETON.search(nodeid)
    if not trouve:
        return None, nodeid
    ident = next(g for g in trouve.groups() if g)
    remplace = "[" if trouve.group(2) else ""
    return ident, nodeid[:trouve.start()] + remplace + nodeid[trouve.end():]


def _fonction(nodeid: str) -> str:
    return nodeid.split("[", 1)[0]


class Variante:
    """The simulator with one mutant: entered before its stack starts, left
    after it stops (see ``variante_du_simulateur``)."""

    def __init__(self, racine: Path, ident: str, fichier: str, source: str):
        self.racine, self.ident, self.fichier, self.source = racine, ident, fichier, source
        self.dossier: Path | None = None
        self.environ: dict[str, str | None] = {}

    def __repr__(self) -> str:
        return f"mutant-{self.ident}"

    def __enter__(self) -> "Variante":
        self.dossier = Path(tempfile.mkdtemp(prefix=f"mutant-{self.ident}-"))
        parties = Path(self.fichier).parts
        original, copie = self.racine, self.dossier
        for i, partie in enumerate(parties[:-1]):  # each directory down to the file: links
            original, copie = original / partie, copie / partie
            copie.mkdir()
            for entree in original.iterdir():
                if entree.name not in (parties[i + 1], "__pycache__"):
                    (copie / entree.name).symlink_to(entree)
        (self.dossier / self.fichier).write_text(self.source, encoding="utf-8")
        chemins = [str(self.dossier), os.environ.get("PYTHONPATH", "")]
        for cle, valeur in (("PYTHONPATH", os.pathsep.join(filter(None, chemins))),
                            ("PYTHONSAFEPATH", "1"), ("PYTHONDONTWRITEBYTECODE", "1")):
            self.environ[cle] = os.environ.get(cle)
            os.environ[cle] = valeur
        return self

    def __exit__(self, *exc) -> None:
        for cle, valeur in self.environ.items():
            if valeur is None:
                os.environ.pop(cle, None)
            else:
                os.environ[cle] = valeur
        if self.dossier is not None:
            shutil.rmtree(self.dossier, ignore_errors=True)


def pytest_addoption(parser):
    groupe = parser.getgroup("mutation", "make mutation (harness/mutation/lot.py)")
    groupe.addoption("--lot", default=None, help="plan JSON d'un lot de mutants")
    groupe.addoption("--lot-resultats", default=None, help="fichier (lignes JSON) des issues des tests")


def pytest_configure(config):
    chemin = config.getoption("lot")
    plan = json.loads(Path(chemin).read_text(encoding="utf-8")) if chemin else {"mutants": []}
    config.pluginmanager.register(Lot(config, plan["mutants"], plan.get("confirmer", False)),
                                  "harness-mutation-lot")


class Lot:
    """The plan of a batch, and the hooks that run it."""

    def __init__(self, config, mutants: list[dict], confirmer: bool = False):
        self.racine, self.confirmer = Path(config.rootpath), confirmer
        #: the failed tests to run once more (pytest ids), and the one running again
        self.a_confirmer: set[str] = set()
        self.en_confirmation: str | None = None
        #: function id → the mutants that run one of its tests
        self.par_fonction: dict[str, list[dict]] = {}
        for m in mutants:
            for fonction in dict.fromkeys(_fonction(t) for t in m["tests"]):
                self.par_fonction.setdefault(fonction, []).append(m)
        #: (mutant, test) → its place in the run
        self.rang = {(m["id"], t): (i, j) for i, m in enumerate(mutants) for j, t in enumerate(m["tests"])}
        self.tues: set[str] = set()
        #: mutant id → the test a previous run saw kill it, its kill confirmed
        self.connus = {m["id"]: m.get("tueur_connu") for m in mutants}
        chemin = config.getoption("lot_resultats")
        self.sortie = open(chemin, "a", encoding="utf-8") if chemin else None

    def pytest_generate_tests(self, metafunc):
        mutants = self.par_fonction.get(metafunc.definition.nodeid)
        if mutants:
            if _FIXTURE not in metafunc.fixturenames:  # a scenario's steps ask for the stack at run
                metafunc.fixturenames.append(_FIXTURE)  # time: make it known before, to parametrize it
            metafunc.parametrize(_FIXTURE, [Variante(self.racine, m["id"], m["fichier"], m["source"])
                                            for m in mutants],
                                 ids=[f"mutant-{m['id']}" for m in mutants], indirect=True,
                                 scope="session")

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        """Only the tests of the plan, mutant after mutant, each mutant's in its order."""
        if not self.rang:
            return
        gardes: list[pytest.Item] = []
        ecartes: list[pytest.Item] = []
        for item in items:
            (gardes if separer(item.nodeid) in self.rang else ecartes).append(item)
        if ecartes:
            config.hook.pytest_deselected(items=ecartes)
        gardes.sort(key=lambda item: self.rang[separer(item.nodeid)])
        items[:] = gardes

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        """A failed test's second run: at full patience (then the session's again)."""
        if item.nodeid not in self.a_confirmer:
            return (yield)
        self.a_confirmer.discard(item.nodeid)
        self.en_confirmation, avant = item.nodeid, attente.PATIENCE
        attente.regler_la_patience(1.0)
        try:
            return (yield)
        finally:
            self.en_confirmation = None
            attente.regler_la_patience(avant)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        if separer(item.nodeid)[0] in self.tues and item.nodeid != self.en_confirmation:
            pytest.skip("mutant déjà tué par un test précédent")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        """A mutant's first failure: its test runs again right after it (see the module)."""
        report = yield
        ident, test = separer(item.nodeid)
        if (self.confirmer and report.failed and ident and ident not in self.tues
                and item.nodeid != self.en_confirmation and not self._connu(ident, test)):
            items = item.session.items
            items.insert(items.index(item) + 1, item)
            self.a_confirmer.add(item.nodeid)
        return report

    def pytest_runtest_logreport(self, report):
        """Each test's outcome once known: a failure in any phase, a skip, or
        its call; a second run's, marked as the confirmation."""
        if not (report.failed or report.skipped or report.when == "call"):
            return
        ident, test = separer(report.nodeid)
        confirmation = report.nodeid == self.en_confirmation
        deja = {}
        if report.failed and ident and not confirmation:
            if ident in self.tues:
                return
            self.tues.add(ident)
            if self._connu(ident, test):
                deja = {"confirme": "run précédent"}
        self.ecrire({"mutant": ident, "test": test, "issue": report.outcome, "phase": report.when,
                     "duree_s": round(report.duration, 2), **({"confirmation": True} if confirmation else {}),
                     **deja})

    def _connu(self, ident: str | None, test: str) -> bool:
        """Whether ``test`` is mutant ``ident``'s known killer."""
        return ident is not None and self.connus.get(ident) == test

    def ecrire(self, ligne: dict) -> None:
        if self.sortie:
            self.sortie.write(json.dumps(ligne, ensure_ascii=False) + "\n")
            self.sortie.flush()

    def pytest_unconfigure(self, config):
        if self.sortie:
            self.sortie.close()
