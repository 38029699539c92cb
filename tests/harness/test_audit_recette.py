"""Issue 14, end to end: an acceptance run against the embedded simulator
leaves the audit (compatibility, RGAA, screenshots) in reports/, in
results.json and as a row of the matrix — and the simulator passes its own
audit: zero compatibility error, zero RGAA error for the run's pages.

A regression guard too: after the harness moved its state into
``config.stash``, the audit silently found no target and stayed off; only a
real run shows that."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from harness.services import ROOT

PROFIL = "ie7-winxp"
# two short scenarios of features/accueil.feature; the steps of « Mon Compte »
# (the lost password's window: a title per step, RGAA 8.6); the « Erreur
# 404 » page at three paths (one page, one title: not a finding)
SCENARIOS = ("bloc or vide_les_champs or linvite_à_contacter or avec_la_bonne_réponse_à_sa_question "
             "or avant_toute_première_connexion_le_mot_de_passe or ne_peut_pas_action_par_son_adresse")


def test_une_recette_sur_le_simulateur_laisse_l_audit_dans_les_rapports(tmp_path):
    rapports = tmp_path / "rapports"
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAILPIT_URL", "AP_TARGET", "AP_BASE_URL", "PYTEST_XDIST_WORKER",
                        "PYTEST_XDIST_WORKER_COUNT", "PYTEST_CURRENT_TEST")}
    argv = [sys.executable, "-m", "pytest", "tests/acceptance", "--profile", PROFIL, "-k", SCENARIOS,
            "-n", "0", "-p", "no:randomly", "-q", "--tracing", "off", "--audit", "oui",
            f"--reports-dir={rapports}"]
    fait = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    sortie = f"{fait.stdout[-3000:]}\n{fait.stderr[-2000:]}"
    assert fait.returncode == 0, sortie

    resultats = json.loads((rapports / "results.json").read_text(encoding="utf-8"))
    assert resultats["results"], sortie
    audit = resultats.get("audit")
    assert audit, f"pas d'audit dans results.json :\n{sortie}"
    resume = audit["resume"][PROFIL]
    assert resume["pages"] >= 1, resume
    assert resume["compat"].get("erreur", 0) == 0, resume
    assert resume["axe"].get("erreur", 0) + resume["verifications"].get("erreur", 0) == 0, resume

    assert (rapports / "audit.html").exists() and (rapports / "audit.json").exists()
    matrice = (rapports / "matrix.html").read_text(encoding="utf-8")
    assert "Audit (compatibilité, RGAA)" in matrice and "aucun constat" in matrice
    assert list(rapports.rglob("*.png")), "aucune capture d'écran par profil"
