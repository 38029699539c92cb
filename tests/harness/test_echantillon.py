"""``--une-par-regle`` (harness/plugin.py): on the profiles it names, one
scenario run per rule of the catalogue — how ``make test`` crosses every
rule on every engine without the whole suite three times. Checked on the
real collection of the French suite."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from harness.rules import load
from harness.services import ROOT

RELEVE = '''
import json, os

def pytest_collection_finish(session):
    from harness.plugin import profile_of
    with open(os.environ["RELEVE"], "w", encoding="utf-8") as f:
        json.dump([[profile_of(i), sorted(m.name for m in i.iter_markers())] for i in session.items], f)
'''

PROFILS = "ie7-winxp,firefox-45.8-win7,safari-6.0-mac"


def collecte(tmp_path, *options) -> list[tuple[str, set[str]]]:
    (tmp_path / "releve_collecte.py").write_text(RELEVE, encoding="utf-8")
    sortie = tmp_path / "releve.json"
    env = {**os.environ, "RELEVE": str(sortie),
           "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    fait = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "releve_collecte",
                           "-p", "no:randomly", "tests/acceptance", "--profile", PROFILS, *options],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert fait.returncode == 0, fait.stdout[-2000:] + fait.stderr[-2000:]
    return [(profil, set(marques)) for profil, marques in json.loads(sortie.read_text(encoding="utf-8"))]


def regles_par_profil(items, regles) -> dict[str, set[str]]:
    par_profil: dict[str, set[str]] = {}
    for profil, marques in items:
        par_profil.setdefault(profil, set()).update(marques & regles)
    return par_profil


def test_chaque_regle_reste_sur_chaque_profil_echantillonne_avec_bien_moins_de_scenarios(tmp_path):
    regles = set(load().rules)
    tout = collecte(tmp_path)
    echantillon = collecte(tmp_path, "--une-par-regle", "firefox-45.8-win7,safari-6.0-mac")
    avant, apres = regles_par_profil(tout, regles), regles_par_profil(echantillon, regles)
    assert avant == apres  # every rule still runs on every profile
    for profil in ("firefox-45.8-win7", "safari-6.0-mac"):
        n_tout = sum(p == profil for p, _ in tout)
        n_echantillon = sum(p == profil for p, _ in echantillon)
        assert 0 < n_echantillon <= len(avant[profil]) < n_tout
    # the profile not named keeps the whole suite
    assert sum(p == "ie7-winxp" for p, _ in tout) == sum(p == "ie7-winxp" for p, _ in echantillon)
