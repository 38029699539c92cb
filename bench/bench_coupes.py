"""The per-scenario cuts of round 4, each measured side by side: a benchmark,
not a test (bench/RESULTS.md, « Round 4 »).

    .venv/bin/python bench/bench_coupes.py                    # all three, chromium
    .venv/bin/python bench/bench_coupes.py --engines chromium,firefox,webkit --runs 8

Each pair runs "avant" then "après" in turn (A B A B …), so that both see the
same machine; the figures are medians, with the load average before and after.

1. ``hachage``: two embedded simulators, SIM_HACHAGE=production and minimal;
   per run, an account from ``POST /_sim/comptes`` (state « connecté ») and a
   programmatic login (harness/clients/session_http.py) — what every scenario
   of the lockout area pays before its steps, plus one browser login.
2. ``clients``: making one httpx client, with its own TLS context (httpx's
   default) or with the process's one (``session_http.contexte_tls``);
   LCK-05 made ten per scenario.
3. ``erronés``: three wrong passwords in the browser, each refusal awaited,
   on a fresh account of the minimal simulator: the home page opened before
   each attempt (what ``acteurs/taches.saisir_des_mots_de_passe_errones``
   does) or retyped on the refusal page once it is known to show the login
   block and its error, the old message taken off first (``_retaper``: the
   variant tried in round 4, measured, and not kept — no gain).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from harness.clients import session_http  # noqa: E402
from harness.profiles import load  # noqa: E402
from harness.services import free_port, running, simulator_process  # noqa: E402
from harness.ui import start_engine  # noqa: E402
from pages import textes  # noqa: E402
from pages.accueil import PageAccueil  # noqa: E402

PROFILS = {"chromium": "ie7-winxp", "firefox": "firefox-45.8-win7", "webkit": "safari-6.0-mac"}
ERRONE = "Mauvais.mdp1"


def _paires(runs: int, avant, apres) -> dict:
    a, b = [], []
    for _ in range(runs):
        for mesure, liste in ((avant, a), (apres, b)):
            debut = time.perf_counter()
            mesure()
            liste.append(time.perf_counter() - debut)
    return {"avant_s": round(statistics.median(a), 4), "apres_s": round(statistics.median(b), 4),
            "avant_min_max": [round(min(a), 4), round(max(a), 4)],
            "apres_min_max": [round(min(b), 4), round(max(b), 4)], "runs": runs}


def _semer(url: str) -> dict:
    r = httpx.post(url + "/_sim/comptes", json={"profil": "Etablissement"}, timeout=60,
                   verify=session_http.contexte_tls())
    r.raise_for_status()
    return r.json()


def hachage(production: str, minimal: str, runs: int) -> dict:
    def un(url):
        def mesure():
            compte = _semer(url)
            session_http.connexion(url, compte["identifiant"], compte["mot_de_passe"])
        return mesure
    un(production)(), un(minimal)()  # warm-up
    return _paires(runs, un(production), un(minimal))


def clients(runs: int) -> dict:
    session_http.contexte_tls()
    return _paires(runs, lambda: httpx.Client().close(),
                   lambda: httpx.Client(verify=session_http.contexte_tls()).close())


def _retaper(accueil: PageAccueil, identifiant: str, mot_de_passe: str) -> bool:
    """The round-4 variant: on the refusal page, when it shows the login block."""
    ui = accueil.ui
    if not (accueil.erreur_affichee() and accueil.est_affichee()
            and ui.is_visible(label=textes.UTILISATEUR) and ui.is_visible(label=textes.MOT_DE_PASSE)):
        return False
    ui.evaluate("document.querySelectorAll('[role=alert]').forEach(function (e) { e.remove(); })")
    accueil.se_connecter(identifiant, mot_de_passe)
    return True


def errones(engine, profil, url: str, runs: int) -> dict:
    def trois(retaper: bool):
        def mesure_preparee():
            compte = _semer(url)
            ui = engine.new_ui(profil, url)
            try:
                accueil = PageAccueil(ui)
                debut = time.perf_counter()
                for i in range(3):
                    if not (retaper and i and _retaper(accueil, compte["identifiant"], ERRONE)):
                        accueil.ouvrir()
                        accueil.se_connecter(compte["identifiant"], ERRONE)
                    accueil.attendre_erreur()
                return time.perf_counter() - debut
            finally:
                ui.close()
        return mesure_preparee

    trois(False)(), trois(True)()  # warm-up
    a, b = [], []
    for _ in range(runs):  # only the three attempts are timed (not the account nor the page)
        a.append(trois(False)())
        b.append(trois(True)())
    return {"avant_s": round(statistics.median(a), 4), "apres_s": round(statistics.median(b), 4),
            "avant_min_max": [round(min(a), 4), round(max(a), 4)],
            "apres_min_max": [round(min(b), 4), round(max(b), 4)], "runs": runs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=8)
    ap.add_argument("--engines", default="chromium")
    ap.add_argument("--label", default="coupes-r4")
    args = ap.parse_args()
    resultats: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                       "cores": os.cpu_count(), "load_before": [round(x, 1) for x in os.getloadavg()]}
    resultats["clients"] = clients(max(args.runs, 20))
    with tempfile.TemporaryDirectory() as dossier:
        prod = simulator_process(Path(dossier) / "prod", free_port(), hachage="production")
        mini = simulator_process(Path(dossier) / "mini", free_port(), hachage="minimal")
        with running(prod, mini):
            resultats["hachage"] = hachage(prod.url, mini.url, args.runs)
            matrice = load()
            par_id = {p.id: p for p in matrice.profiles}
            for nom in args.engines.split(","):
                engine = start_engine(nom, matrice)
                try:
                    resultats[f"errones_{nom}"] = errones(engine, par_id[PROFILS[nom]], mini.url, args.runs)
                finally:
                    engine.close()
    resultats["load_after"] = [round(x, 1) for x in os.getloadavg()]
    sortie = ROOT / "bench" / "results" / f"{args.label}.json"
    sortie.write_text(json.dumps(resultats, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(resultats, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
