"""Postal code → communes (ACC-05), from data/codes_postaux.csv (source and
licence: data/SOURCE.md)."""
import csv
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

FICHIER = Path(__file__).parent / "data" / "codes_postaux.csv"


@lru_cache(maxsize=1)
def _index() -> dict[str, list[str]]:
    index = defaultdict(list)
    with FICHIER.open(encoding="utf-8", newline="") as f:
        for ligne in csv.DictReader(f, delimiter=";"):
            index[ligne["code_postal"]].append(ligne["nom_commune"])
    return {cp: sorted(noms) for cp, noms in index.items()}


def communes(code_postal: str) -> list[str]:
    """The communes of a postal code, sorted; [] for an unknown or malformed one."""
    return _index().get((code_postal or "").strip(), [])
