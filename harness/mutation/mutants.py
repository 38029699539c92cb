"""The mutants of the simulator's rule code, made by cosmic-ray's operators.

cosmic-ray (pinned in pyproject.toml) gives the operators, the positions
where each applies and the mutated source. It has ~200 operators; a run on
the acceptance scenarios costs a browser session per mutant, so only a
chosen set is used (:data:`OPERATEURS`): every operator that is not a binary
or comparison replacement, plus, for comparisons, the boundary shift and the
negation of each operator, and for arithmetic the inverse operation. That is
the kind of mistake a site makes when it gets a rule *almost* right.

A mutant inside a type annotation is dropped (it changes nothing: the
simulator's modules are annotations-only), and so is one of a parameter
list's bare ``*`` or ``/`` (it changes only how the function may be
called). So is a mutant whose source no longer compiles.
"""
from __future__ import annotations

import ast
import difflib
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cosmic_ray.plugins
from cosmic_ray.ast import ast_nodes, get_ast
from cosmic_ray.mutating import mutate_code
from cosmic_ray.operators.operator import Operator

from .carte import carte, zones_d_annotation

_COMPARAISONS = {
    "Lt": ("LtE", "GtE"), "LtE": ("Lt", "Gt"), "Gt": ("GtE", "LtE"), "GtE": ("Gt", "Lt"),
    "Eq": ("NotEq",), "NotEq": ("Eq",), "Is": ("IsNot",), "IsNot": ("Is",),
    "In": ("NotIn",), "NotIn": ("In",),
}
_ARITHMETIQUE = {"Add": ("Sub",), "Sub": ("Add",), "Mul": ("Div",), "Div": ("Mul",),
                 "FloorDiv": ("Mul",), "Mod": ("FloorDiv",), "BitOr": ("BitAnd",),
                 "BitAnd": ("BitOr",)}


def _retenu(nom: str) -> bool:
    famille, _, variante = nom.partition("/")[2].partition("_")
    if famille == "ReplaceComparisonOperator":
        de, _, vers = variante.partition("_")
        return vers in _COMPARAISONS.get(de, ())
    if famille == "ReplaceBinaryOperator":
        de, _, vers = variante.partition("_")
        return vers in _ARITHMETIQUE.get(de, ())
    return True


def operateurs() -> list[tuple[str, Operator]]:
    """(name, instance) of every operator of the run (those needing no argument)."""
    retenus = []
    for nom in cosmic_ray.plugins.operator_names():
        classe = cosmic_ray.plugins.get_operator(nom)
        if not classe.arguments() and _retenu(nom):
            retenus.append((nom, classe()))
    return retenus


@dataclass
class Mutant:
    id: str                    # stable while the line and the operator do not change
    fichier: str               # path relative to the repository
    ligne: int
    colonne: int
    operateur: str             # cosmic-ray operator name
    occurrence: int            # cosmic-ray occurrence of the operator in the file
    regles: list[str]
    portee: str                # how the rules were found (see carte.py)
    avant: str                 # the line before …
    apres: str                 # … and after the mutation (stripped)
    diff: str
    statut: str = "a_faire"    # tue | survivant | instable | non_couvert | delai | equivalent | incompetent | sans_scenario | a_faire
    duree_s: float | None = None
    tueur: str | None = None   # the first test that failed
    code_retour: int | None = None
    raison: str | None = None  # the explanation of an equivalent mutant
    extra: dict = field(default_factory=dict)
    fonction: str = ""         # the innermost function holding the line ("" at module level)
    precedente: str = ""       # the line before it (stripped)

    def as_dict(self) -> dict:
        return asdict(self)


def fonctions_par_ligne(source: str) -> dict[int, str]:
    """Line → name of the innermost function holding it (an explanation of an
    equivalent mutant names it when the same line stands in several places)."""
    noms: dict[int, str] = {}
    for noeud in ast.walk(ast.parse(source)):  # breadth first: inner functions come later
        if isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for ligne in range(noeud.lineno, (noeud.end_lineno or noeud.lineno) + 1):
                noms[ligne] = noeud.name
    return noms


def _marqueur_de_parametres(lignes: list[str], ligne: int, colonne: int) -> bool:
    """A bare ``*`` or ``/`` of a parameter list (the keyword-only or
    positional-only marker): cosmic-ray takes it for an operator, and its
    "mutation" changes only how the function may be called, never what it does."""
    reste = lignes[ligne - 1][colonne:]
    return reste[:1] in ("*", "/") and reste[1:].lstrip()[:1] in (",", ")")


def _dans(zones, position) -> bool:
    return any(debut <= position < fin for debut, fin in zones)


def mutants_du_fichier(racine: Path, relatif: str, connus: set[str],
                       garder=None) -> tuple[list[Mutant], int]:
    """Every mutant of one file mapped to at least one rule, and the count of
    those that map to none (« hors règle »). ``garder(regles, operateur,
    ligne_d_origine)``, if given, keeps only some of them (making a mutant
    re-parses the file: the slow part)."""
    chemin = racine / relatif
    source = chemin.read_text(encoding="utf-8")
    lignes = source.splitlines()
    la_carte = carte(chemin, connus, relatif)
    annotations = zones_d_annotation(source)
    fonctions = fonctions_par_ligne(source)
    arbre = get_ast(source)
    noeuds = list(ast_nodes(arbre))
    retenus: list[Mutant] = []
    hors_regle = 0
    for nom, operateur in operateurs():
        positions = [debut for noeud in noeuds for debut, _fin in operateur.mutation_positions(noeud)]
        for occurrence, (ligne, colonne) in enumerate(positions):
            if _dans(annotations, (ligne, colonne)) or _marqueur_de_parametres(lignes, ligne, colonne):
                continue
            regles = la_carte.regles(ligne)
            if not regles:
                hors_regle += 1
                continue
            if garder is not None and not garder(regles, nom, lignes[ligne - 1].strip()):
                continue
            mute = mutate_code(source, operateur, occurrence)
            if mute is None or mute == source:
                continue
            try:
                compile(mute, relatif, "exec")
            except SyntaxError:
                continue
            apres_lignes = mute.splitlines()
            diff = "".join(difflib.unified_diff(
                source.splitlines(keepends=True), mute.splitlines(keepends=True),
                fromfile=f"a/{relatif}", tofile=f"b/{relatif}", n=1))
            avant = lignes[ligne - 1].strip()
            apres = apres_lignes[ligne - 1].strip() if ligne <= len(apres_lignes) else ""
            empreinte = hashlib.sha1(f"{relatif}|{nom}|{avant}|{apres}|{occurrence}".encode()).hexdigest()[:10]
            retenus.append(Mutant(
                id=empreinte, fichier=relatif, ligne=ligne, colonne=colonne, operateur=nom,
                occurrence=occurrence, regles=list(regles), portee=la_carte.portee.get(ligne, ""),
                avant=avant, apres=apres, diff=diff, fonction=fonctions.get(ligne, ""),
                precedente=lignes[ligne - 2].strip() if ligne > 1 else ""))
    retenus.sort(key=lambda m: (m.ligne, m.colonne, m.operateur))
    return retenus, hors_regle


def source_mutee(racine: Path, mutant: Mutant) -> str:
    """The text of the mutant's file under ``racine`` with the mutant in it."""
    original = (racine / mutant.fichier).read_text(encoding="utf-8")
    classe = cosmic_ray.plugins.get_operator(mutant.operateur)
    mute = mutate_code(original, classe(), mutant.occurrence)
    if mute is None:
        raise RuntimeError(f"mutant {mutant.id} introuvable dans {mutant.fichier}")
    return mute


def appliquer(racine: Path, mutant: Mutant) -> str:
    """Write the mutant into the file under ``racine``; return the original text."""
    chemin = racine / mutant.fichier
    original = chemin.read_text(encoding="utf-8")
    chemin.write_text(source_mutee(racine, mutant), encoding="utf-8")
    return original
