"""``--une-par-regle`` (harness/plugin.py): on the profiles it names, one
scenario run per rule of the catalogue — how ``make test`` crosses every
rule on every engine without the whole suite three times. Checked on the
real collection of the French suite."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys

import pytest

from harness import profiles
from harness.rules import load
from harness.services import ROOT

RELEVE = '''
import json, os

def pytest_collection_finish(session):
    from harness.stash import profile_of
    with open(os.environ["RELEVE"], "w", encoding="utf-8") as f:
        json.dump([[profile_of(i), sorted(m.name for m in i.iter_markers()), i.originalname, i.name]
                   for i in session.items], f)
'''

PROFILS = "ie7-winxp,firefox-45.8-win7,safari-6.0-mac"


def releve(tmp_path, *options) -> list[list]:
    """[profile, markers, scenario function, test id] of each collected run."""
    (tmp_path / "releve_collecte.py").write_text(RELEVE, encoding="utf-8")
    sortie = tmp_path / "releve.json"
    env = {**os.environ, "RELEVE": str(sortie),
           "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    fait = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "releve_collecte",
                           "-p", "no:randomly", "tests/acceptance", "--profile", PROFILS, *options],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert fait.returncode == 0, fait.stdout[-2000:] + fait.stderr[-2000:]
    return json.loads(sortie.read_text(encoding="utf-8"))


def collecte(tmp_path, *options) -> list[tuple[str, set[str]]]:
    return [(profil, set(marques)) for profil, marques, _, _ in releve(tmp_path, *options)]


def regles_par_profil(items, regles) -> dict[str, set[str]]:
    par_profil: dict[str, set[str]] = {}
    for profil, marques in items:
        par_profil.setdefault(profil, set()).update(marques & regles)
    return par_profil


@pytest.fixture(scope="module")
def suite_entiere(tmp_path_factory) -> list[list]:
    """The relevé of the whole suite on PROFILS (collected once for the module)."""
    return releve(tmp_path_factory.mktemp("suite"))


def test_chaque_regle_reste_sur_chaque_profil_echantillonne_avec_bien_moins_de_scenarios(tmp_path, suite_entiere):
    regles = set(load().rules)
    tout = [(profil, set(marques)) for profil, marques, _, _ in suite_entiere]
    echantillon = collecte(tmp_path, "--une-par-regle", "firefox-45.8-win7,safari-6.0-mac")
    avant, apres = regles_par_profil(tout, regles), regles_par_profil(echantillon, regles)
    assert avant == apres  # every rule still runs on every profile
    for profil in ("firefox-45.8-win7", "safari-6.0-mac"):
        n_tout = sum(p == profil for p, _ in tout)
        n_echantillon = sum(p == profil for p, _ in echantillon)
        assert 0 < n_echantillon <= len(avant[profil]) < n_tout
    # the profile not named keeps the whole suite
    assert sum(p == "ie7-winxp" for p, _ in tout) == sum(p == "ie7-winxp" for p, _ in echantillon)


def test_un_exemple_par_plan_garde_chaque_scenario_une_fois_par_profil(tmp_path, suite_entiere):
    """--un-exemple-par-plan: every scenario still runs on every profile,
    each Scenario Outline once (its first row), the others whole."""
    tout = suite_entiere
    tour = releve(tmp_path, "--un-exemple-par-plan")
    premiers: dict[tuple[str, str], str] = {}
    for profil, _, scenario, test in tout:
        premiers.setdefault((profil, scenario), test)
    assert sorted(test for _, _, _, test in tour) == sorted(premiers.values())
    assert len(tour) < len(tout)  # the outlines had several rows


def test_le_make_test_echantillonne_firefox_et_webkit_parmi_ses_profils_par_defaut():
    """The sample of ``make test`` (its ``--une-par-regle`` in the Makefile)
    names the Firefox and WebKit profiles the run selects by default, and
    not the Chromium one, which keeps the whole suite: a pattern that named
    a profile outside the run sampled nothing, and Firefox ran the whole
    suite unnoticed."""
    ligne = next(l for l in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                 if "--une-par-regle" in l and "$(PYTEST)" in l)
    mots = shlex.split(re.sub(r"\$\(\w+\)", "", ligne))
    motifs = mots[mots.index("--une-par-regle") + 1].split(",")
    par_defaut = profiles.select(profiles.load(ROOT / "browsers.yaml"))
    for profil in par_defaut:
        echantillonne = any(fnmatch.fnmatchcase(profil.id, m) for m in motifs)
        assert echantillonne == (profil.engine != "chromium"), (profil.id, motifs)


def _collecte_brute(*options) -> subprocess.CompletedProcess:
    """A collection of the French suite, header shown (no ``-q``)."""
    return subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-p", "no:randomly",
                           "tests/acceptance", *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_un_motif_qui_ne_designe_aucun_profil_est_une_erreur_en_francais():
    fait = _collecte_brute("--une-par-regle", "firefx-*")
    assert fait.returncode == 4, fait.stdout[-2000:] + fait.stderr[-2000:]
    assert "--une-par-regle : aucun profil ne correspond à « firefx-* »" in fait.stderr


def test_l_en_tete_du_run_dit_ce_que_chaque_motif_echantillonne():
    fait = _collecte_brute("--profile", "ie7-winxp,safari-6.0-mac",
                           "--une-par-regle", "safari-*", "--une-par-regle", "firefox-45.8-win7")
    assert fait.returncode == 0, fait.stdout[-2000:] + fait.stderr[-2000:]
    assert "une par règle « safari-* » : safari-6.0-mac" in fait.stdout
    assert ("une par règle « firefox-45.8-win7 » : aucun profil de ce run, rien n'y est échantillonné"
            in fait.stdout)


class _Run:
    """A scenario run as the sample sees it: its rules (markers), its cost."""

    def __init__(self, nom: str, regles: str, cout: float, profil: str = "firefox-45.8-win7"):
        self.nom, self.regles, self.prix = nom, regles.split(), cout
        self.callspec = type("Callspec", (), {"params": {"profile": profil}})()

    def iter_markers(self):
        return [getattr(pytest.mark, r).mark for r in self.regles]

    def __repr__(self) -> str:
        return self.nom


def _noms(runs) -> list[str]:
    return [r.nom for r in runs]


def test_le_moins_cher_des_ensembles_qui_portent_toutes_les_regles():
    """One run for two rules when it costs less than the two that carry one
    each; two cheap runs when the one that carries both costs more."""
    from harness.echantillon import une_par_regle
    regles = {"PWD-01", "PWD-02", "LCK-01"}
    a, b = _Run("a", "PWD-01", 5), _Run("b", "PWD-02", 5)
    ab = _Run("ab", "PWD-01 PWD-02 PWD", 6)
    c = _Run("c", "LCK-01", 3)
    autre = _Run("autre", "PWD-01", 1, profil="ie7-winxp")   # a profile not sampled: kept
    kept, dropped = une_par_regle([autre, a, b, ab, c], regles, ["firefox-*"], cout_de=lambda r: r.prix)
    assert (_noms(kept), _noms(dropped)) == (["autre", "ab", "c"], ["a", "b"])
    ab.prix = 11
    kept, dropped = une_par_regle([autre, a, b, ab, c], regles, ["firefox-*"], cout_de=lambda r: r.prix)
    assert (_noms(kept), _noms(dropped)) == (["autre", "a", "b", "c"], ["ab"])


def test_un_run_que_les_autres_rendent_inutile_sort_de_l_echantillon():
    """The greedy choice takes « x » first (two new rules for 1), then
    needs « y » and « z »; « x »'s rules are then all carried by them."""
    from harness.echantillon import couverture
    x, y = _Run("x", "PWD-01 PWD-02", 1), _Run("y", "PWD-01 LCK-01", 1.5)
    z = _Run("z", "PWD-02 LCK-02", 1.5)
    assert _noms(couverture([x, y, z], {"PWD-01", "PWD-02", "LCK-01", "LCK-02"}, lambda r: r.prix)) == ["y", "z"]


def test_le_cout_d_un_run_compte_ses_etapes_et_la_lecture_d_un_courriel(monkeypatch):
    from types import SimpleNamespace

    from harness import echantillon
    monkeypatch.setattr(echantillon.bdd, "rendered_scenario", lambda item: SimpleNamespace(steps=[1, 2, 3]))
    monkeypatch.setattr(echantillon.besoins, "needs_of_item", lambda item: item)
    assert echantillon.cout(frozenset({"compte"})) == 3
    assert echantillon.cout(frozenset({"compte", "courriel"})) == 3 + echantillon.COUT_COURRIEL


def test_sur_la_vraie_suite_moins_de_runs_que_le_premier_de_chaque_regle(tmp_path, suite_entiere):
    """On the real suite: the sample of a profile has fewer runs than the
    first run of each rule in collection order (round 20's sample)."""
    regles = set(load().rules)
    tout = [(profil, set(marques)) for profil, marques, _, _ in suite_entiere if profil == "firefox-45.8-win7"]
    premiers, couvertes = 0, set()
    for _, marques in tout:
        if (marques & regles) - couvertes:
            premiers, couvertes = premiers + 1, couvertes | (marques & regles)
    echantillon = [p for p, _ in collecte(tmp_path, "--une-par-regle", "firefox-45.8-win7")
                   if p == "firefox-45.8-win7"]
    assert len(echantillon) < premiers
