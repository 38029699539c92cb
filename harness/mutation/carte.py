"""Which rules of the guide a line of the simulator implements.

The simulator carries rule IDs in its comments and docstrings
(``# LCK-02``, ``\"\"\"PWD-02..08: …\"\"\"``). For a line, in this order:

1. the IDs of the comment at the end of the line (``if len(nouveau) < 8:  # PWD-02``);
2. the IDs of a comment-only line above it, which covers the lines that follow
   it up to the next blank line or the end of its block;
3. the IDs of the docstring of the innermost function or class around it,
   then of the one around that;
4. the IDs of the module's docstring.

Only IDs of the catalogue (``fixtures/rules.yaml``) count; ranges are expanded
(``LCK-01..05`` → LCK-01 … LCK-05, ``PWD-02 à 08`` likewise). A line that none
of these reaches implements no rule: its mutants are counted « hors règle » and
not run.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

#: ``LCK-01``, ``LCK-01..05``, ``PWD-02 à 08``, ``RST-01–06``, ``ENR-01..ENR-05``.
_ID = re.compile(r"\b([A-Z]+)-(\d+)(?:\s*(?:\.\.|…|à|–)\s*(?:\1-)?(\d+))?")


def identifiants(texte: str, connus: set[str] | None = None) -> list[str]:
    """The rule IDs a comment or docstring names, ranges expanded, in order."""
    vus: list[str] = []
    for groupe, debut, fin in _ID.findall(texte or ""):
        largeur = len(debut)
        bornes = range(int(debut), int(fin or debut) + 1) if fin else [int(debut)]
        for n in bornes:
            rid = f"{groupe}-{n:0{largeur}d}"
            if (connus is None or rid in connus) and rid not in vus:
                vus.append(rid)
    return vus


@dataclass
class CarteDuModule:
    """Rule IDs of every line of one source file."""
    chemin: str
    par_ligne: dict[int, tuple[str, ...]] = field(default_factory=dict)
    portee: dict[int, str] = field(default_factory=dict)   # how the IDs were found

    def regles(self, ligne: int) -> tuple[str, ...]:
        return self.par_ligne.get(ligne, ())


def _commentaires(source: str) -> dict[int, tuple[str, bool]]:
    """line → (comment text, comment alone on its line)."""
    out: dict[int, tuple[str, bool]] = {}
    lignes = source.splitlines()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            ligne = tok.start[0]
            seul = not lignes[ligne - 1][: tok.start[1]].strip()
            out[ligne] = (tok.string, seul)
    return out


def carte(chemin: Path, connus: set[str], nom: str | None = None) -> CarteDuModule:
    """Map every line of ``chemin`` to the rule IDs it implements."""
    source = chemin.read_text(encoding="utf-8")
    arbre = ast.parse(source)
    lignes = source.splitlines()
    resultat = CarteDuModule(nom or str(chemin))
    commentaires = _commentaires(source)

    # 4. module docstring, 3. function / class docstrings (innermost wins)
    defaut = tuple(identifiants(ast.get_docstring(arbre) or "", connus))
    niveau: dict[int, tuple[tuple[str, ...], str]] = {
        n: (defaut, "module") for n in range(1, len(lignes) + 1)}

    def descendre(noeud, herite):
        for enfant in ast.iter_child_nodes(noeud):
            ids = herite
            if isinstance(enfant, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                propres = tuple(identifiants(ast.get_docstring(enfant) or "", connus))
                if propres:
                    ids = (propres, f"docstring de {enfant.name}")
                debut = min([enfant.lineno] + [d.lineno for d in enfant.decorator_list])
                for n in range(debut, (enfant.end_lineno or enfant.lineno) + 1):
                    niveau[n] = ids
            descendre(enfant, ids)

    descendre(arbre, (defaut, "module"))

    # 2. a comment-only line covers what follows, up to a blank line or a dedent
    bloc: dict[int, tuple[str, ...]] = {}
    for ligne, (texte, seul) in sorted(commentaires.items()):
        ids = tuple(identifiants(texte, connus))
        if not (seul and ids):
            continue
        retrait = len(lignes[ligne - 1]) - len(lignes[ligne - 1].lstrip())
        n = ligne + 1
        while n <= len(lignes):
            brut = lignes[n - 1]
            if not brut.strip():
                break
            if len(brut) - len(brut.lstrip()) < retrait:
                break
            bloc.setdefault(n, ids)
            n += 1

    for n in range(1, len(lignes) + 1):
        texte, seul = commentaires.get(n, ("", True))
        propres = tuple(identifiants(texte, connus)) if not seul else ()
        if propres:
            resultat.par_ligne[n], resultat.portee[n] = propres, "commentaire de la ligne"
        elif n in bloc:
            resultat.par_ligne[n], resultat.portee[n] = bloc[n], "commentaire au-dessus"
        elif niveau[n][0]:
            resultat.par_ligne[n], resultat.portee[n] = niveau[n]
    return resultat


def zones_d_annotation(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) positions (line, column in characters) of every type
    annotation: a mutant there changes nothing the program does."""
    arbre = ast.parse(source)
    lignes = source.splitlines()

    def col(ligne: int, octets: int) -> int:
        return len(lignes[ligne - 1].encode("utf-8")[:octets].decode("utf-8", "replace"))

    zones = []
    for noeud in ast.walk(arbre):
        cibles = []
        if isinstance(noeud, ast.arg) and noeud.annotation is not None:
            cibles.append(noeud.annotation)
        elif isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef)) and noeud.returns is not None:
            cibles.append(noeud.returns)
        elif isinstance(noeud, ast.AnnAssign):
            cibles.append(noeud.annotation)
        for c in cibles:
            fin_ligne = c.end_lineno if c.end_lineno is not None else c.lineno
            fin_col = c.end_col_offset if c.end_col_offset is not None else c.col_offset
            zones.append(((c.lineno, col(c.lineno, c.col_offset)), (fin_ligne, col(fin_ligne, fin_col))))
    return zones
