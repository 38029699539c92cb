"""Rebuild the matrix from one or more results.json files.

    python -m harness.report reports/results.json
    python -m harness.report job1/results.json job2/results.json --out reports

Several files (for example one per CI job or per engine) are merged: their
runs are put together, the header takes the first file's target and every
engine version found.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from harness.rules import CatalogueError

from harness.report.matrix import write_reports


def merge(docs: list[dict]) -> dict:
    merged = dict(docs[0])
    profiles: dict[str, dict] = {}
    merged["results"], merged["engines"] = [], {}
    for doc in docs:
        merged["results"] += doc.get("results", [])
        merged["engines"].update(doc.get("engines") or {})
        for p in doc.get("profiles") or []:
            profiles.setdefault(p["id"], p)
    merged["profiles"] = list(profiles.values())
    return merged


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", type=Path, help="fichiers results.json")
    parser.add_argument("--out", type=Path, default=None,
                        help="dossier de sortie (défaut : celui du premier fichier)")
    parser.add_argument("--rules-file", type=Path, default=None,
                        help="catalogue des règles (défaut : fixtures/rules.yaml)")
    args = parser.parse_args(argv)
    try:
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in args.results]
    except (OSError, ValueError) as error:
        print(f"lecture impossible : {error}", file=sys.stderr)
        return 2
    out = args.out or args.results[0].parent
    try:
        matrix = write_reports(merge(docs), out, rules_file=args.rules_file)
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 2
    t = matrix.totals
    print(f"{out / 'matrix.html'} : {t['runs_total']} exécution(s), {t['rules_total']} règles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
