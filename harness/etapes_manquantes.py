"""Ready-to-paste step definitions for the step sentences no definition
matches (as ``pytest-bdd --generate-missing`` and playwright-bdd do), in
French and in the house style: the decorator of the step's type
(``@given``/``@when``/``@then``), ``parsers.parse`` with a ``{placeholder}``
for each quoted value (« … » or "…") and each number.

    print(extrait([("when", "je saisis « 123 » dans le champ « SIRET »")]))
"""
from __future__ import annotations

import keyword
import re
import unicodedata

DECORATEURS = {"given": "given", "when": "when", "then": "then"}
MOTS_CLES = {"given": "Étant donné", "when": "Quand", "then": "Alors"}
# « … » (with ordinary or no-break spaces), "…", then numbers
QUOTED = re.compile(r"«[\s\u00a0\u202f]*(?P<g>[^»]*?)[\s\u00a0\u202f]*»|\"(?P<d>[^\"]*)\"")
NUMBER = re.compile(r"(?<![\w{])\d+(?:[.,]\d+)?(?![\w}])")


def _nom(texte: str) -> str:
    t = unicodedata.normalize("NFKD", texte)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9]+", "_", t).strip("_")
    t = re.sub(r"_+", "_", t)[:60].strip("_") or "etape"
    if t[0].isdigit() or keyword.iskeyword(t):
        t = f"etape_{t}"
    return t


def motif(phrase: str) -> tuple[str, list[str]]:
    """The ``parsers.parse`` pattern of a sentence and its argument names."""
    noms: list[str] = []

    def nouveau(base: str) -> str:
        n = sum(1 for x in noms if x.rstrip("0123456789") == base)
        nom = base if n == 0 else f"{base}{n + 1}"
        noms.append(nom)
        return nom

    pieces, pos = [], 0
    text = phrase.replace("{", "{{").replace("}", "}}")
    for m in QUOTED.finditer(text):
        pieces.append(_nombres(text[pos:m.start()], nouveau))
        whole = m.group(0)
        inner = m.group("g") if m.group("g") is not None else m.group("d")
        pieces.append(whole.replace(inner, "{" + nouveau("texte") + "}", 1) if inner else whole)
        pos = m.end()
    pieces.append(_nombres(text[pos:], nouveau))
    return "".join(pieces), noms


def _nombres(segment: str, nouveau) -> str:
    return NUMBER.sub(lambda m: "{" + nouveau("nombre") + (":d}" if m.group(0).isdigit() else "}"),
                      segment)


def definition(type_: str, phrase: str) -> str:
    """One step definition, ready to paste under ``steps/``."""
    deco = DECORATEURS.get(type_, "given")
    pattern, noms = motif(phrase)
    sans_args = re.sub(r"\{[^{}]*\}", " ", pattern)
    fonction = _nom(sans_args)
    if noms:
        decorateur = f"@{deco}(parsers.parse({pattern!r}))"
    else:
        decorateur = f"@{deco}({phrase!r})"
    args = ", ".join(noms)
    quoi = f"{MOTS_CLES.get(type_, '')} {phrase}".strip()
    return (f"{decorateur}\n"
            f"def {fonction}({args}):\n"
            f"    \"\"\"{quoi}\"\"\"\n"
            f"    raise NotImplementedError({('étape à écrire : ' + quoi)!r})\n")


def extrait(manquantes) -> str:
    """Every missing step once (``(type, phrase)`` pairs), with the imports."""
    vues, blocs = set(), []
    for type_, phrase in manquantes:
        cle = (type_, motif(phrase)[0])
        if cle in vues:
            continue
        vues.add(cle)
        blocs.append(definition(type_, phrase))
    if not blocs:
        return ""
    entete = ("# Étapes manquantes : à coller dans le module de steps/ de leur domaine\n"
              "# (une étape = une tâche ou une question d'un acteur, pas de localisateur).\n"
              "from pytest_bdd import given, parsers, then, when\n")
    return entete + "\n\n" + "\n\n".join(blocs)
