"""Running the tests against one mutant, in a copy of the repository.

The simulator is served in its own process (harness/services.py starts it per
pytest session), so a mutant must be *on disk* when pytest starts: the run
writes it into a private copy of the repository (never the checkout), runs
pytest in a new process group, then puts the file back. The copy is deleted
at the end, also on Ctrl+C or a crash; the checkout is never written to.

``PYTHONPATH`` points at the copy (it comes before the editable install of the
project) and ``PYTHONDONTWRITEBYTECODE`` keeps a stale ``.pyc`` from hiding a
mutant written within the same second as the original.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from harness import processus

#: What is not copied (big, or rebuilt by the run).
_IGNORES = shutil.ignore_patterns(".git", ".venv", "node_modules", "reports", "__pycache__",
                                  "*.egg-info", ".pytest_cache", "*.pool.yaml")
_ECHEC = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.M)


@dataclass
class Issue:
    code_retour: int | None   # None: stopped by the timeout
    duree_s: float
    tueur: str | None
    sortie: str


class CopieDuDepot:
    """A private copy of the repository, deleted on exit."""

    def __init__(self, racine: Path):
        self.racine = racine.resolve()
        self.chemin: Path | None = None

    def __enter__(self) -> Path:
        self.chemin = Path(tempfile.mkdtemp(prefix="ap-mutation-"))
        copie = self.chemin / "depot"
        shutil.copytree(self.racine, copie, ignore=_IGNORES, symlinks=True)
        for lien in ("node_modules",):
            if (self.racine / lien).exists():
                (copie / lien).symlink_to(self.racine / lien)
        return copie

    def __exit__(self, *exc):
        if self.chemin is not None:
            shutil.rmtree(self.chemin, ignore_errors=True)
        return False


def arreter(process: subprocess.Popen, grace_s: float = 30.0) -> None:
    """Stop pytest and everything it started (simulator, Mailpit, browsers),
    by process id: SIGINT first so that pytest tears its fixtures down,
    then SIGKILL what is left."""
    if process.poll() is not None:
        return
    descendants = processus.descendants(process.pid)
    try:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        pass
    for pid in [process.pid, *descendants]:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _environnement(copie: Path, env_en_plus: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(copie), "PYTHONDONTWRITEBYTECODE": "1", **(env_en_plus or {})}
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def _attendre(process: subprocess.Popen, delai_s: float | None, progres: Path | None,
              arret: threading.Event | None) -> int:
    """The return code of ``process``; TimeoutExpired after ``delai_s`` — of
    the whole run, or, with ``progres``, without the file growing;
    KeyboardInterrupt once ``arret`` is set (the run is stopped from another
    thread)."""
    if progres is None and arret is None:
        return process.wait(timeout=delai_s)
    taille, depuis = -1, time.monotonic()
    while True:
        try:
            return process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            if arret is not None and arret.is_set():
                raise KeyboardInterrupt from None
            maintenant = progres.stat().st_size if progres and progres.exists() else 0
            if maintenant != taille:
                taille, depuis = maintenant, time.monotonic()
            elif delai_s is not None and time.monotonic() - depuis > delai_s:
                raise


def lancer(commande: list[str], copie: Path, delai_s: float | None,
           env_en_plus: dict[str, str] | None = None, progres: Path | None = None,
           arret: threading.Event | None = None) -> Issue:
    """Run ``commande`` in ``copie``; a run longer than ``delai_s`` (with
    ``progres``: a run whose file ``progres`` stops growing that long) is
    stopped — a hang, not a slow run: the caller sets a wide margin. Setting
    ``arret`` stops it too (KeyboardInterrupt)."""
    env = _environnement(copie, env_en_plus)
    debut = time.monotonic()
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as sortie:
        # SIGINT back to its default in the child: a run started in the
        # background (`make mutation &`) or from a pytest-xdist worker has it
        # ignored, and an ignored SIGINT survives exec — `arreter` would then
        # wait its whole grace for a pytest that never hears it.
        process = subprocess.Popen(["env", "--default-signal=INT", *commande], cwd=copie, env=env,
                                   stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = _attendre(process, delai_s, progres, arret)
        except subprocess.TimeoutExpired:
            arreter(process)
            code = None
        except BaseException:
            arreter(process)
            raise
        sortie.seek(0)
        texte = sortie.read()
    trouve = _ECHEC.search(texte)
    return Issue(code, time.monotonic() - debut, trouve.group(1) if trouve else None, texte[-4000:])


#: The acceptance scenarios' waits give up once a page has been still this
#: many seconds (pytest's --page-immobile), unless make mutation's
#: --page-immobile says otherwise.
PAGE_IMMOBILE_S = 2.0


def _pytest(cible: str, profils: list[str], *selection: str, arret: bool = True,
            immobile: float = PAGE_IMMOBILE_S) -> list[str]:
    """pytest on one worker, stopping at the first failure (``arret``), on
    ``selection`` (and, for the acceptance scenarios, on ``profils``, without
    the trace nor the page audit: a mutant is killed by a scenario, and
    neither helps; a wait gives up on a page still for ``immobile`` s)."""
    options = [o for p in profils for o in ("--profile", p)] + ["--tracing", "off", "--audit=non"] \
        + (["--page-immobile", f"{immobile:g}"] if immobile else []) \
        if cible == "acceptance" else []
    return [sys.executable, "-m", "pytest", "-n", "0", *(["-x"] if arret else []), "-q", "-rfE",
            "-p", "no:cacheprovider", *selection, *options]


def commande_pytest(cible: str, regles: list[str], profil: str,
                    niveaux: dict[str, str] | None = None, immobile: float = PAGE_IMMOBILE_S) -> list[str]:
    """The test command for a mutant: the acceptance scenarios tagged with
    any of its rules on ``profil``, plus, for each support level of
    ``niveaux`` (tag → its profile: {"saisie_sans_signature": "chrome"}), the
    scenarios of that level on its profile; or (``cible`` a test path) those tests."""
    if cible != "acceptance":
        return _pytest(cible, [profil], *cible.split(","), immobile=immobile)
    niveaux = niveaux or {}
    selection = ["tests/acceptance", "-m", " or ".join(sorted(regles))]
    if niveaux:  # the default profile runs them all, each other profile its level's only
        selection += ["-k", " or ".join([profil, *sorted(niveaux)])]
    return _pytest(cible, _profils(profil, niveaux), *selection, immobile=immobile)


def collecter(commande: list[str], copie: Path) -> list[str]:
    """The pytest ids ``commande`` selects, in their order (collection only)."""
    sortie = subprocess.run([*commande[:3], "--collect-only", *commande[3:]], cwd=copie,
                            env=_environnement(copie), capture_output=True, text=True, timeout=900)
    return [ligne.strip() for ligne in sortie.stdout.splitlines() if "::" in ligne]


def commande_seule(cible: str, tests: str | list[str], profil: str,
                   niveaux: dict[str, str] | None = None, immobile: float = PAGE_IMMOBILE_S) -> list[str]:
    """Some tests alone (pytest ids), on the profiles ``commande_pytest``
    gives the same ``niveaux``: the confirmation of a kill, or the scenarios
    that reach a mutant's function."""
    return _pytest(cible, _profils(profil, niveaux or {}), *([tests] if isinstance(tests, str) else tests),
                   immobile=immobile)


def commande_lot(cible: str, plan: Path, resultats: Path, profil: str, niveaux: dict[str, str],
                 patience: float = 1.0, immobile: float = PAGE_IMMOBILE_S) -> list[str]:
    """One session for a batch of mutants (harness/mutation/lot.py): every
    acceptance scenario (or every test of ``cible``) is collected, those of
    the plan run; the scenarios' waits × ``patience``."""
    selection = ["tests/acceptance"] if cible == "acceptance" else cible.split(",")
    return [*_pytest(cible, _profils(profil, niveaux), *selection, arret=False, immobile=immobile),
            "-p", "harness.mutation.lot", "--lot", str(plan), "--lot-resultats", str(resultats),
            *(["--patience", str(patience)] if cible == "acceptance" and patience != 1.0 else [])]


def _profils(profil: str, niveaux: dict[str, str]) -> list[str]:
    """``profil``, then the profile of each support level of ``niveaux``."""
    return [profil, *(niveaux[n] for n in sorted(niveaux))]
