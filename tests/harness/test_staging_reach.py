"""Issue 10, « Staging reach »: against a site one does not control — no
control interface, no mail catcher, no way to read the security code, a pool
of test accounts provisioned by hand — the acceptance suite still runs most
of its scenarios, and skips the others with their reason.

A second simulator is started *without* control mode (as a staging site
would be), a pool is provisioned through its own command line (``flask
--app simulator comptes-de-test``, what a staging administrator runs), and
the French suite runs on one profile in a child pytest against the target
``site-avec-comptes`` of targets.yaml (``comptes: pool``, nothing else),
each scenario once (``--un-exemple-par-plan``: an outline's first row; its
other rows vary what is acted and checked, not the arrangement, and run on
the same profile against the embedded simulator in ``make test``). The
child's JUnit report says what ran, passed and was skipped, and why.

Slow (the suite on one profile): it is the proof that the arrangement
through the target's account provider works where nothing else does. The
list of what is skipped there, and why, is in features/README.md.
"""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from harness.services import ROOT, embedded_stack

PROFIL = "ie7-winxp"
MINIMUM = 40

#: What a staging administrator provisions for the suite (profile, state,
#: ordinary accounts, consumable ones, département).
POOL = [
    ("Etablissement", "connecte", 3, 14, None),
    ("Etablissement", "connecte", 2, 0, "19"),
    ("Etablissement", "jamais_connecte", 2, 10, None),
    ("UD", "connecte", 2, 0, "19"),
    ("UD", "connecte", 1, 0, "87"),
    ("UD", "jamais_connecte", 0, 6, None),
]


def provisionner(base: Path, dossier: Path) -> Path:
    """The pool file, written by the simulator's own command (one call per
    kind of account, the entries put together in one file)."""
    env = {**os.environ, "SIM_DATABASE_URL": f"sqlite:///{base}", "SIM_CONTROL": "0"}
    comptes = []
    for i, (profil, etat, nombre, consommables, departement) in enumerate(POOL):
        sortie = dossier / f"part{i}.pool.yaml"
        argv = [sys.executable, "-m", "flask", "--app", "simulator", "comptes-de-test", "--sortie", str(sortie),
                "--nombre", str(nombre), "--consommables", str(consommables), "--profil", profil, "--etat", etat]
        if departement:
            argv += ["--departement", departement]
        fait = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert fait.returncode == 0, f"comptes-de-test a échoué :\n{fait.stdout}\n{fait.stderr}"
        comptes += yaml.safe_load(sortie.read_text(encoding="utf-8"))["comptes"]
    pool = dossier / "staging.pool.yaml"
    pool.write_text(yaml.safe_dump({"comptes": comptes}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pool


def resultats(junit: Path) -> dict[str, list[tuple[str, str]]]:
    """{"passed"|"failed"|"skipped": [(test name, message)]} of a JUnit report."""
    classes: dict[str, list[tuple[str, str]]] = {"passed": [], "failed": [], "skipped": []}
    for cas in ET.parse(junit).getroot().iter("testcase"):
        nom = cas.get("name", "")
        enfants = {e.tag: e for e in cas}
        if "failure" in enfants or "error" in enfants:
            e = enfants.get("failure", enfants.get("error"))
            classes["failed"].append((nom, (e.get("message") or "")[:300]))
        elif "skipped" in enfants:
            classes["skipped"].append((nom, enfants["skipped"].get("message") or ""))
        else:
            classes["passed"].append((nom, ""))
    return classes


def test_un_site_sans_controle_ni_courriel_ni_code_fait_tourner_la_plupart_des_scenarios(tmp_path):
    with embedded_stack(tmp_path / "pile", control=False) as (site, _mailpit_que_personne_ne_lit):
        pool = provisionner(tmp_path / "pile" / "simulateur" / "simulateur.db", tmp_path)
        junit = tmp_path / "junit.xml"
        env = {k: v for k, v in os.environ.items()
               if k not in ("MAILPIT_URL", "AP_TARGET", "AP_BASE_URL", "PYTEST_XDIST_WORKER",
                            "PYTEST_XDIST_WORKER_COUNT", "PYTEST_CURRENT_TEST")}
        # the leases and the accounts set aside stay in this test's folder
        env.update(SITE_URL=site, AP_POOL_FILE=str(pool), AP_POOL_VERROUS=str(tmp_path / "verrous"))
        argv = [sys.executable, "-m", "pytest", "tests/acceptance", "--profile", PROFIL,
                "--target", "site-avec-comptes", "--un-exemple-par-plan", "-n", "0", "-p", "no:randomly", "-q",
                f"--junitxml={junit}", "--tracing", "off"]
        fait = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
        assert junit.exists(), f"pas de rapport JUnit :\n{fait.stdout[-3000:]}\n{fait.stderr[-3000:]}"
    r = resultats(junit)
    assert not r["failed"], (
        f"{len(r['failed'])} scénarios en échec contre le site sans contrôle "
        f"({len(r['passed'])} réussis, {len(r['skipped'])} ignorés) :\n"
        + "\n".join(f"- {nom} : {message}" for nom, message in r["failed"]))
    assert len(r["passed"]) >= MINIMUM, (
        f"{len(r['passed'])} scénarios exécutés et réussis (au moins {MINIMUM} attendus) ; "
        f"ignorés : {len(r['skipped'])}")
    sans_raison = [nom for nom, message in r["skipped"] if not message.strip()]
    assert not sans_raison, f"scénarios ignorés sans raison : {sans_raison}"
    print(f"{len(r['passed'])} réussis, {len(r['skipped'])} ignorés :")
    for nom, message in sorted(r["skipped"]):
        print(f"  {nom} — {message}")
