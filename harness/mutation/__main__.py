"""``make mutation``: mutation analysis of the simulator's rule code against
the acceptance scenarios tagged with each rule.

    python -m harness.mutation                          # every rule module, every rule
    python -m harness.mutation --regles LCK,PWD-02      # only mutants of these rules
    python -m harness.mutation --modules simulator/regles.py --regles PWD-02 \\
        --cible tests/simulator/test_regles.py --max-mutants 5   # the tooling check
    python -m harness.mutation --liste                  # list the mutants, run nothing

See docs/mutation.md.
"""
from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from harness import rules as catalogue

from . import execution, rapport
from .mutants import Mutant, appliquer, mutants_du_fichier

ROOT = Path(__file__).resolve().parents[2]

#: The modules that implement the guide's rules (the rest is plumbing).
MODULES = [
    "simulator/regles.py", "simulator/mot_de_passe.py", "simulator/connexion.py",
    "simulator/comptes.py", "simulator/recuperation.py", "simulator/identifiant.py",
    "simulator/code_securite.py", "simulator/inscription.py", "simulator/demarche.py",
    "simulator/procedure.py", "simulator/web.py",
]
#: A mutant that hangs is stopped after this factor of the run without mutant,
#: plus a fixed margin: a timeout catches a hang, never a slow run.
FACTEUR_DELAI, MARGE_DELAI_S = 3.0, 120.0


def _choisies(selection: str, connues: set[str]) -> set[str] | None:
    if not selection:
        return None
    choisies: set[str] = set()
    for morceau in (s.strip() for s in selection.split(",") if s.strip()):
        trouvees = {r for r in connues if r == morceau or r.startswith(morceau + "-")}
        if not trouvees:
            raise SystemExit(f"mutation : règle ou groupe inconnu : {morceau}")
        choisies |= trouvees
    return choisies


def _charge() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m harness.mutation", description=__doc__.split("\n\n")[0])
    p.add_argument("--modules", default=",".join(MODULES), help="fichiers à muter, séparés par des virgules")
    p.add_argument("--regles", default="", help="règles ou groupes retenus (LCK,PWD-02) ; défaut : toutes")
    p.add_argument("--cible", default="acceptance",
                   help="« acceptance » (scénarios étiquetés, un profil) ou chemin(s) de tests pytest")
    p.add_argument("--profil", default="ie7-winxp")
    p.add_argument("--sortie", default="reports", help="dossier de mutation.json et mutation.html")
    p.add_argument("--equivalents", default="mutation/equivalents.yaml")
    p.add_argument("--max-mutants", type=int, default=0, help="au plus N mutants (0 : tous)")
    p.add_argument("--liste", action="store_true", help="lister les mutants sans rien exécuter")
    p.add_argument("--depuis", metavar="JSON",
                   help="refaire le rapport d'une exécution passée (mutation.json) avec le fichier "
                        "des équivalents d'aujourd'hui, sans rien exécuter")
    args = p.parse_args(argv)
    if args.depuis:
        return _refaire(Path(args.depuis), args)

    connues = set(catalogue.load(ROOT / "fixtures" / "rules.yaml").rules)
    choisies = _choisies(args.regles, connues)
    modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    equivalents = rapport.charger_equivalents(ROOT / args.equivalents)
    lignes_expliquees = {(e["fichier"], e["operateur"], e["avant"].strip()) for e in equivalents}
    mutants: list[Mutant] = []
    expliques: list[Mutant] = []   # every mutant an explanation may name, selected or not
    hors_regle = 0
    for module in modules:
        if not (ROOT / module).is_file():
            raise SystemExit(f"mutation : module introuvable : {module}")

        def garder(regles, operateur, avant, module=module):
            return (choisies is None or bool(choisies & set(regles))
                    or (module, operateur, avant) in lignes_expliquees)

        trouves, hors = mutants_du_fichier(ROOT, module, connues, garder)
        hors_regle += hors
        expliques += [m for m in trouves if (m.fichier, m.operateur, m.avant) in lignes_expliquees]
        mutants += [m for m in trouves if choisies is None or choisies & set(m.regles)]
    if args.max_mutants:
        mutants = mutants[: args.max_mutants]

    # An explanation is stale when it matches no mutant at all of the modules
    # analysed (a partial run does not make the others stale).
    rapport.marquer_equivalents(mutants, equivalents)
    perimees = [e for e in equivalents if e["fichier"] in modules
                and not any(rapport.correspond(e, m) for m in expliques)]

    if args.liste:
        for m in mutants:
            print(f"{m.id} {m.fichier}:{m.ligne} {m.operateur} [{', '.join(m.regles)}] "
                  f"{m.statut if m.statut == 'equivalent' else ''}\n    - {m.avant}\n    + {m.apres}")
        print(f"{len(mutants)} mutants, {hors_regle} hors règle")
        return 0

    resume = {
        "outil": f"cosmic-ray {version('cosmic-ray')}", "cible": args.cible, "profil": args.profil,
        "modules": modules, "regles_choisies": sorted(choisies) if choisies else [],
        "equivalents_fichier": args.equivalents, "hors_regle": hors_regle,
        "debut": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "charge": _charge(), "duree_s": 0.0, "interrompu": False,
    }
    sortie = ROOT / args.sortie if not Path(args.sortie).is_absolute() else Path(args.sortie)
    debut = time.monotonic()

    def _sigterm(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _sigterm)
    bases: dict[tuple, tuple[str | None, float | None]] = {}
    code = 0
    try:
        with execution.CopieDuDepot(ROOT) as copie:
            # One clean run of every scenario the mutants need: if it passes,
            # each mutant's subset passes too, and its duration bounds theirs.
            a_lancer = [m for m in mutants if m.statut != "equivalent"]
            union = sorted({r for m in a_lancer for r in m.regles})
            delai_commun = None
            if a_lancer:
                base = execution.lancer(execution.commande_pytest(args.cible, union, args.profil), copie, None)
                print(f"[mutation] exécution sans mutant : code {base.code_retour}, {base.duree_s:.0f} s",
                      flush=True)
                if base.code_retour == 0:
                    delai_commun = FACTEUR_DELAI * base.duree_s + MARGE_DELAI_S
            for i, m in enumerate(mutants, 1):
                if m.statut == "equivalent":
                    continue
                commande = execution.commande_pytest(args.cible, m.regles, args.profil)
                cle = tuple(commande)
                if cle not in bases and delai_commun is not None:
                    bases[cle] = (None, delai_commun)
                if cle not in bases:
                    base = execution.lancer(commande, copie, None)
                    if base.code_retour == 5:
                        bases[cle] = ("sans_scenario", None)
                    elif base.code_retour != 0:
                        print(f"[mutation] la sélection échoue sans mutant : {' '.join(commande[3:])}\n"
                              f"{base.sortie[-1500:]}", flush=True)
                        bases[cle] = ("incompetent", None)
                    else:
                        bases[cle] = (None, FACTEUR_DELAI * base.duree_s + MARGE_DELAI_S)
                statut_impose, delai = bases[cle]
                if statut_impose:
                    m.statut = statut_impose
                else:
                    original = appliquer(copie, m)
                    try:
                        issue = execution.lancer(commande, copie, delai)
                    finally:
                        (copie / m.fichier).write_text(original, encoding="utf-8")
                    m.duree_s, m.code_retour, m.tueur = round(issue.duree_s, 1), issue.code_retour, issue.tueur
                    m.statut = ("delai" if issue.code_retour is None else "survivant" if issue.code_retour == 0
                                else "sans_scenario" if issue.code_retour == 5 else "tue")
                print(f"[mutation] {i}/{len(mutants)} {m.fichier}:{m.ligne} {m.operateur} "
                      f"[{', '.join(m.regles)}] → {rapport.STATUTS[m.statut]}"
                      f"{'' if m.duree_s is None else f' ({m.duree_s:.0f} s)'}", flush=True)
                resume["duree_s"] = round(time.monotonic() - debut, 1)
                rapport.ecrire(sortie, resume, mutants, perimees)
    except KeyboardInterrupt:
        resume["interrompu"] = True
        code = 130
        print("[mutation] interrompu : rapport partiel, dépôt intact", file=sys.stderr)
    resume["duree_s"] = round(time.monotonic() - debut, 1)
    json_path, html_path = rapport.ecrire(sortie, resume, mutants, perimees)
    for rid, s in rapport.scores(mutants, resume["regles_choisies"]).items():
        print(f"  {rid:8} {rapport.pourcent(s['score']):>6}  ({s['tues']}/{s['evalues']}, "
              f"{s['equivalent']} équivalent(s))")
    print(f"[mutation] {json_path.relative_to(ROOT) if json_path.is_relative_to(ROOT) else json_path}, "
          f"{html_path.name} — {resume['duree_s']:.0f} s")
    return code


def _refaire(source: Path, args) -> int:
    """Re-apply mutation/equivalents.yaml to a past run's results: a survivor
    explained since is excluded; a mutant whose explanation was removed was
    never run and becomes « non exécuté »."""
    donnees = json.loads(source.read_text(encoding="utf-8"))
    mutants = [Mutant(**m) for m in donnees["mutants"]]
    for m in mutants:
        if m.statut == "equivalent":
            m.statut, m.raison = "a_faire", None
    equivalents = rapport.charger_equivalents(ROOT / args.equivalents)
    perimees = rapport.marquer_equivalents(mutants, equivalents)
    perimees = [e for e in perimees if e["fichier"] in donnees["modules"]]
    resume = {k: v for k, v in donnees.items()
              if k not in ("total", "regles", "mutants", "equivalents_perimes")}
    resume["equivalents_fichier"] = args.equivalents
    sortie = ROOT / args.sortie if not Path(args.sortie).is_absolute() else Path(args.sortie)
    json_path, _ = rapport.ecrire(sortie, resume, mutants, perimees)
    print(f"[mutation] rapport refait : {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
