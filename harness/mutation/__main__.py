"""``make mutation``: mutation analysis of the simulator's rule code against
the acceptance scenarios tagged with each rule.

    python -m harness.mutation                          # every rule module, every rule
    python -m harness.mutation --regles LCK,PWD-02      # only mutants of these rules
    python -m harness.mutation --modules simulator/regles.py --regles PWD-02 \\
        --cible tests/simulator/test_regles.py --max-mutants 5   # the tooling check
    python -m harness.mutation --liste                  # list the mutants, run nothing
    python -m harness.mutation --mutants 178ff164e4,ba8683c209   # only these (ids of --liste)

See docs/mutation.md.
"""
from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pytest

from harness import profiles, rules as catalogue, shard

from . import execution, rapport, tueurs
from .campagne import Campagne, Niveau, niveaux_de_support
from .mutants import Mutant, mutants_du_fichier

ROOT = Path(__file__).resolve().parents[2]

#: The modules that implement the guide's rules (the rest is plumbing).
MODULES = [
    "simulator/regles.py", "simulator/mot_de_passe.py", "simulator/connexion.py",
    "simulator/comptes.py", "simulator/recuperation.py", "simulator/identifiant.py",
    "simulator/code_securite.py", "simulator/inscription.py", "simulator/demarche.py",
    "simulator/procedure.py", "simulator/etablissements.py", "simulator/web.py",
]


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


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m harness.mutation", description=__doc__.split("\n\n")[0])
    p.add_argument("--modules", default=",".join(MODULES), help="fichiers à muter, séparés par des virgules")
    p.add_argument("--regles", default="", help="règles ou groupes retenus (LCK,PWD-02) ; défaut : toutes")
    p.add_argument("--cible", default="acceptance",
                   help="« acceptance » (scénarios étiquetés, un profil) ou chemin(s) de tests pytest")
    p.add_argument("--profil", default="ie7-winxp")
    p.add_argument("--sortie", default="reports", help="dossier de mutation.json et mutation.html")
    p.add_argument("--equivalents", default="mutation/equivalents.yaml")
    p.add_argument("--max-mutants", type=int, default=0, help="au plus N mutants (0 : tous)")
    p.add_argument("--mutants", default="",
                   help="seulement ces mutants (identifiants de --liste ou du rapport, séparés par "
                        "des virgules) : revérifier des survivants après un scénario nouveau")
    p.add_argument("--shard", metavar="i/n", default="",
                   help="seulement la part i sur n des mutants (répartition stable par mutant) : une "
                        "machine par part ; réunir leurs rapports : --depuis p1.json,p2.json…")
    p.add_argument("--liste", action="store_true", help="lister les mutants sans rien exécuter")
    p.add_argument("--sans-confirmation", action="store_true",
                   help="ne pas relancer seul le test qui a tué un mutant (par défaut, un échec "
                        "qui ne se reproduit pas compte comme survivant « instable »)")
    p.add_argument("--tueurs", default="mutation/tueurs.json", metavar="JSON",
                   help="les tests qui ont tué chaque mutant au run précédent, leur mort confirmée "
                        "(scénarios d'acceptation) : essayés d'abord, leur échec vaut confirmation ; "
                        "réécrit en fin de run ; « » : aucun (tout depuis zéro)")
    p.add_argument("--sessions-separees", action="store_true",
                   help="une session pytest par mutant (l'ancienne manière, pour comparer) ; par "
                        "défaut, les scénarios tournent par lots : une session pour plusieurs mutants")
    p.add_argument("--paralleles", type=int, default=2,
                   help="sessions par lots côte à côte (défaut : 2)")
    p.add_argument("--patience", type=float, default=0.5,
                   help="facteur des délais d'attente des scénarios à la première étape d'un mutant "
                        "(défaut 0.5 : un scénario qui le tue échoue plus tôt ; un échec ne compte "
                        "qu'une fois reproduit à 1, un survivant l'est de toute sa sélection à 1)")
    p.add_argument("--page-immobile", type=float, default=execution.PAGE_IMMOBILE_S, metavar="SECONDES",
                   help="les attentes des scénarios abandonnent sur une page immobile depuis SECONDES "
                        "(option --page-immobile de pytest ; défaut 2 : un scénario qui tue un mutant "
                        "échoue en quelques secondes au lieu du délai entier ; 0 : jamais)")
    p.add_argument("--depuis", metavar="JSON",
                   help="refaire le rapport d'une exécution passée (mutation.json) avec le fichier "
                        "des équivalents d'aujourd'hui, sans rien exécuter ; plusieurs, séparés par "
                        "des virgules (les parts d'un --shard, une revérification par --mutants) : un "
                        "seul rapport ; un mutant de plusieurs rapports y est celui du premier qui l'a exécuté")
    return p.parse_args(argv)


@dataclass
class Selection:
    """The mutants an analysis runs, and what the report says of the choice."""
    modules: list[str]
    choisies: set[str] | None      # None: every rule
    mutants: list[Mutant]
    perimees: list[dict]           # explanations of equivalents that match no mutant
    hors_regle: int                # mutants mapped to no rule (not run)


def _regles_connues() -> set[str]:
    """The IDs of the rule catalogue (fixtures/rules.yaml)."""
    return set(catalogue.load(ROOT / "fixtures" / "rules.yaml").rules)


def _selection(args: argparse.Namespace) -> Selection:
    connues = _regles_connues()
    choisies = _choisies(args.regles, connues)
    modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    equivalents = rapport.charger_equivalents(ROOT / args.equivalents)
    mutants, expliques, hors_regle = _mutants(modules, connues, choisies, equivalents)
    if args.mutants:
        mutants = _par_identifiant(mutants, args.mutants)
    if args.shard:
        try:
            i, n = shard.parse(args.shard)
        except pytest.UsageError as erreur:
            raise SystemExit(f"mutation : {erreur}") from None
        mutants = [m for m in mutants if shard.shard_of(m.id, n) == i]
    if args.max_mutants:
        mutants = mutants[: args.max_mutants]
    rapport.marquer_equivalents(mutants, equivalents)
    return Selection(modules, choisies, mutants, _perimees(equivalents, modules, expliques), hors_regle)


def _mutants(modules: list[str], connues: set[str], choisies: set[str] | None,
             equivalents: list[dict]) -> tuple[list[Mutant], list[Mutant], int]:
    """The mutants of the chosen rules; every mutant an explanation may name,
    selected or not; the count of mutants mapped to no rule."""
    lignes_expliquees = {(e["fichier"], e["operateur"], e["avant"].strip()) for e in equivalents}
    mutants: list[Mutant] = []
    expliques: list[Mutant] = []
    hors_regle = 0
    for module in modules:
        trouves, hors = _mutants_du_module(module, connues, choisies, lignes_expliquees)
        hors_regle += hors
        expliques += [m for m in trouves if (m.fichier, m.operateur, m.avant) in lignes_expliquees]
        mutants += [m for m in trouves if choisies is None or choisies & set(m.regles)]
    return mutants, expliques, hors_regle


def _par_identifiant(mutants: list[Mutant], liste: str) -> list[Mutant]:
    """The mutants named in ``liste`` (ids, comma-separated), in their order;
    an id that names none of the selection is an error."""
    voulus = [i.strip() for i in liste.split(",") if i.strip()]
    inconnus = sorted(set(voulus) - {m.id for m in mutants})
    if inconnus:
        raise SystemExit(f"mutation : mutant(s) introuvable(s) parmi les modules et règles choisis : "
                         f"{', '.join(inconnus)}")
    return [m for m in mutants if m.id in voulus]


def _perimees(equivalents: list[dict], modules: list[str], expliques: list[Mutant]) -> list[dict]:
    """An explanation is stale when it matches no mutant at all of the modules
    analysed (a partial run does not make the others stale)."""
    return [e for e in equivalents if e["fichier"] in modules
            and not any(rapport.correspond(e, m) for m in expliques)]


def _mutants_du_module(module: str, connues: set[str], choisies: set[str] | None,
                       lignes_expliquees: set[tuple[str, str, str]]) -> tuple[list[Mutant], int]:
    """The mutants of ``module`` of the chosen rules, plus those an explanation
    of an equivalent names (to tell a stale explanation); and the count of
    mutants mapped to no rule."""
    if not (ROOT / module).is_file():
        raise SystemExit(f"mutation : module introuvable : {module}")

    def garder(regles, operateur, avant):
        return (choisies is None or bool(choisies & set(regles))
                or (module, operateur, avant) in lignes_expliquees)

    return mutants_du_fichier(ROOT, module, connues, garder)


def _lister(selection: Selection) -> int:
    for m in selection.mutants:
        print(f"{m.id} {m.fichier}:{m.ligne} {m.operateur} [{', '.join(m.regles)}] "
              f"{m.statut if m.statut == 'equivalent' else ''}\n    - {m.avant}\n    + {m.apres}")
    print(f"{len(selection.mutants)} mutants, {selection.hors_regle} hors règle")
    return 0


def _par_lots(args: argparse.Namespace) -> bool:
    """Many mutants per pytest session: the acceptance scenarios, unless asked
    otherwise (unit-test targets import the simulator in the pytest process)."""
    return args.cible == "acceptance" and not args.sessions_separees


def _resume(args: argparse.Namespace, selection: Selection) -> dict:
    """The head of the report (mutation.json)."""
    return {
        "outil": f"cosmic-ray {version('cosmic-ray')}", "cible": args.cible, "profil": args.profil,
        "modules": selection.modules,
        "regles_choisies": sorted(selection.choisies) if selection.choisies else [],
        "equivalents_fichier": args.equivalents, "hors_regle": selection.hors_regle,
        "debut": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "charge": _charge(), "duree_s": 0.0, "interrompu": False, "shard": args.shard or None,
        "execution": (f"par lots ({args.paralleles} session(s) côte à côte, patience "
                      f"{args.patience if not args.sans_confirmation else 1.0} à la première étape)"
                      if _par_lots(args) else "une session pytest par mutant")
        + (f", page immobile {args.page_immobile:g} s" if args.cible == "acceptance" and args.page_immobile
           else ""),
    }


def _sortie(args: argparse.Namespace) -> Path:
    return ROOT / args.sortie if not Path(args.sortie).is_absolute() else Path(args.sortie)


def _niveaux(args: argparse.Namespace) -> list[Niveau]:
    """For the acceptance scenarios: the support levels other than the
    profile's (Chrome's NAV-04), which a mutant of their rules also runs."""
    if args.cible != "acceptance":
        return []
    return niveaux_de_support(profiles.load(ROOT / "browsers.yaml"), args.profil,
                              catalogue.collect_scenarios(ROOT / "features")[0])


def _tueurs(args: argparse.Namespace) -> Path | None:
    """The known killers' file: for the acceptance scenarios only (a unit-test
    target's tests are others), none with ``--tueurs ""``."""
    if args.cible != "acceptance" or not args.tueurs:
        return None
    return ROOT / args.tueurs if not Path(args.tueurs).is_absolute() else Path(args.tueurs)


def _sigterm(*_):
    raise KeyboardInterrupt


def _executer(args: argparse.Namespace, selection: Selection, resume: dict, sortie: Path) -> int:
    """Run every mutant not explained as equivalent, rewriting the report after
    each; SIGTERM or Ctrl+C stop the run with a partial report (code 130)."""
    debut = time.monotonic()
    signal.signal(signal.SIGTERM, _sigterm)
    mutants = selection.mutants
    try:
        with execution.CopieDuDepot(ROOT) as copie:
            campagne = Campagne(copie, args.cible, args.profil, confirmer=not args.sans_confirmation,
                                niveaux=_niveaux(args), immobile=args.page_immobile,
                                tueurs=tueurs.lire(_tueurs(args)))
            campagne.lancer_sans_mutant(mutants)
            par_lots = _par_lots(args)
            # by batches: a module's mutants at once; else one session per mutant
            groupes = [[m for m in mutants if m.fichier == f] for f in dict.fromkeys(m.fichier for m in mutants)] \
                if par_lots else [[m] for m in mutants]
            for groupe in groupes:
                if par_lots:
                    campagne.evaluer_par_lots(groupe, args.paralleles, args.patience)
                else:
                    for m in groupe:
                        if m.statut != "equivalent":
                            campagne.evaluer(m)
                for m in groupe:
                    if m.statut != "equivalent":
                        print(f"[mutation] {mutants.index(m) + 1}/{len(mutants)} {m.fichier}:{m.ligne} "
                              f"{m.operateur} [{', '.join(m.regles)}] → {rapport.STATUTS[m.statut]}"
                              f"{'' if m.duree_s is None else f' ({m.duree_s:.0f} s)'}", flush=True)
                resume["duree_s"] = round(time.monotonic() - debut, 1)
                rapport.ecrire(sortie, resume, mutants, selection.perimees)
    except KeyboardInterrupt:
        resume["interrompu"] = True
        print("[mutation] interrompu : rapport partiel, dépôt intact", file=sys.stderr)
        return 130
    finally:
        resume["duree_s"] = round(time.monotonic() - debut, 1)
    return 0


def _rapport(sortie: Path, resume: dict, selection: Selection) -> None:
    """Write the final report and print each rule's score."""
    json_path, html_path = rapport.ecrire(sortie, resume, selection.mutants, selection.perimees)
    for rid, s in rapport.scores(selection.mutants, resume["regles_choisies"]).items():
        print(f"  {rid:8} {rapport.pourcent(s['score']):>6}  ({s['tues']}/{s['evalues']}, "
              f"{s['equivalent']} équivalent(s))")
    print(f"[mutation] {json_path.relative_to(ROOT) if json_path.is_relative_to(ROOT) else json_path}, "
          f"{html_path.name} — {resume['duree_s']:.0f} s")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.depuis:
        return _refaire([Path(p.strip()) for p in args.depuis.split(",") if p.strip()], args)
    selection = _selection(args)
    if args.liste:
        return _lister(selection)
    resume, sortie = _resume(args, selection), _sortie(args)
    code = _executer(args, selection, resume, sortie)
    fichier = _tueurs(args)
    if fichier is not None and not args.sans_confirmation:
        tueurs.retenir(fichier, selection.mutants)
    _rapport(sortie, resume, selection)
    return code


def _reunir(sources: list[Path]) -> dict:
    """One run from the reports of its shards (or one report as it is): the
    mutants of all, each once (from the first report that ran it: a re-check
    by --mutants, given first, wins), in their modules' order; the longest
    duration (the shards run side by side on their machines)."""
    parts = [json.loads(source.read_text(encoding="utf-8")) for source in sources]
    donnees = dict(parts[0])
    if len(parts) == 1:
        return donnees
    par_id: dict[str, dict] = {}
    for part in parts:
        for m in part["mutants"]:
            if m["id"] not in par_id or par_id[m["id"]]["statut"] == "a_faire":
                par_id[m["id"]] = m
    modules = sorted({module for part in parts for module in part["modules"]},
                     key=lambda module: MODULES.index(module) if module in MODULES else len(MODULES))
    donnees.update(modules=modules, duree_s=max(p["duree_s"] for p in parts),
                   interrompu=any(p["interrompu"] for p in parts),
                   hors_regle=max(p["hors_regle"] for p in parts),
                   shard=f"{len(parts)} parts réunies ({', '.join(str(p.get('shard')) for p in parts)})",
                   mutants=sorted(par_id.values(), key=lambda m: (modules.index(m["fichier"]), m["ligne"],
                                                                  m["colonne"], m["occurrence"], m["operateur"])))
    return donnees


def _refaire(sources: list[Path], args) -> int:
    """Re-apply mutation/equivalents.yaml to a past run's results (or to its
    shards' together): a survivor explained since is excluded; a mutant
    whose explanation was removed was never run and becomes « non exécuté »;
    a mutant today's code no longer has (its line changed since: a survivor
    mended, its re-check given with --mutants) is left out, and said."""
    donnees = _reunir(sources)
    connues = _regles_connues()
    actuels = {m.id for module in donnees["modules"] if (ROOT / module).is_file()
               for m in _mutants_du_module(module, connues, None, set())[0]}
    mutants: list[Mutant] = []
    ecartes: list[Mutant] = []
    for m in (Mutant(**d) for d in donnees["mutants"]):
        (mutants if m.id in actuels else ecartes).append(m)
    if ecartes:
        print(f"[mutation] {len(ecartes)} mutant(s) des rapports absent(s) du code d'aujourd'hui (leur ligne a "
              "changé depuis), laissé(s) de côté : " + ", ".join(f"{m.id} {m.fichier}:{m.ligne}" for m in ecartes))
    for m in mutants:
        if m.statut == "equivalent":
            m.statut, m.raison = "a_faire", None
    equivalents = rapport.charger_equivalents(ROOT / args.equivalents)
    perimees = rapport.marquer_equivalents(mutants, equivalents)
    perimees = [e for e in perimees if e["fichier"] in donnees["modules"]]
    resume = {k: v for k, v in donnees.items()
              if k not in ("total", "regles", "mutants", "equivalents_perimes")}
    resume["equivalents_fichier"] = args.equivalents
    resume["mutants_ecartes"] = [{"id": m.id, "fichier": m.fichier, "ligne": m.ligne, "statut": m.statut}
                                 for m in ecartes]
    json_path, _ = rapport.ecrire(_sortie(args), resume, mutants, perimees)
    print(f"[mutation] rapport refait : {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
