"""Equivalent mutants (mutation/equivalents.yaml), the score per rule and the
reports (reports/mutation.json, reports/mutation.html, in French)."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from jinja2 import Environment, select_autoescape

from .mutants import Mutant

#: Statuses and their French names.
STATUTS = {
    "tue": "tué",
    "delai": "tué (délai dépassé)",
    "survivant": "survivant",
    "instable": "survivant (échec non reproduit)",
    "non_couvert": "survivant (aucun scénario n'atteint sa fonction)",
    "equivalent": "équivalent (expliqué)",
    "incompetent": "non évaluable",
    "sans_scenario": "aucun scénario de la règle",
    "a_faire": "non exécuté",
}
#: Statuses that count as detected by the scenarios, and as not detected:
#: « instable », a failure that did not come again when its test ran alone
#: with the mutant still there (a flaky test, not a kill); « non_couvert »,
#: a mutant in a function that no scenario ran without mutant (not run: it
#: cannot be killed).
DETECTES = {"tue", "delai"}
NON_DETECTES = {"survivant", "instable", "non_couvert"}


class EquivalentsError(ValueError):
    """mutation/equivalents.yaml is malformed."""


def _manque(e, cle: str) -> bool:
    """A key left out or empty; ``apres`` may be empty (a removed line, e.g.
    a decorator), but must be written."""
    if not isinstance(e, dict) or e.get(cle) is None:
        return True
    return cle != "apres" and not str(e[cle]).strip()


def charger_equivalents(chemin: Path) -> list[dict]:
    """The explained equivalent mutants. Each entry names the file, the
    operator, the line before and after the mutation, and why no scenario
    can tell the difference (``raison``, in French)."""
    if not chemin.exists():
        return []
    try:
        data = yaml.safe_load(chemin.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise EquivalentsError(f"{chemin}: YAML illisible ({exc})") from exc
    entrees = data.get("equivalents") or []
    if not isinstance(entrees, list):
        raise EquivalentsError(f"{chemin}: « equivalents » doit être une liste")
    for i, e in enumerate(entrees):
        manque = [k for k in ("fichier", "operateur", "avant", "apres", "raison") if _manque(e, k)]
        if manque:
            raise EquivalentsError(f"{chemin}: equivalents[{i}] : champ(s) manquant(s) : {', '.join(manque)}")
    return entrees


def correspond(e: dict, m: Mutant) -> bool:
    """Same file, operator and line before/after; and, when the explanation
    names them, the same function (``fonction``) and the same line above
    (``precedente``): a line such as ``return False`` stands in many places,
    and only one is explained."""
    return (e["fichier"] == m.fichier and e["operateur"] == m.operateur
            and e["avant"].strip() == m.avant and e["apres"].strip() == m.apres
            and (not e.get("fonction") or e["fonction"] == m.fonction)
            and (not e.get("precedente") or e["precedente"].strip() == m.precedente))


def marquer_equivalents(mutants: list[Mutant], entrees: list[dict]) -> list[dict]:
    """Mark the explained mutants; return the entries that match no mutant
    of the run's modules (stale explanations)."""
    perimees = []
    for e in entrees:
        trouves = [m for m in mutants if correspond(e, m)]
        for m in trouves:
            m.statut, m.raison = "equivalent", e["raison"].strip()
        if not trouves:
            perimees.append(e)
    return perimees


def scores(mutants: list[Mutant], retenues: list[str] | None = None) -> dict[str, dict]:
    """Per rule: killed / (killed + surviving); equivalents, non-evaluable
    and not-run mutants are counted apart and excluded from the score.
    With ``retenues``, only those rules (a partial run)."""
    par_regle: dict[str, dict] = {}
    for m in mutants:
        for r in m.regles:
            if retenues and r not in retenues:
                continue
            s = par_regle.setdefault(r, {k: 0 for k in STATUTS} | {"total": 0})
            s[m.statut] += 1
            s["total"] += 1
    for s in par_regle.values():
        tues = s["tue"] + s["delai"]
        evalues = tues + sum(s[k] for k in NON_DETECTES)
        s["tues"] = tues
        s["evalues"] = evalues
        s["score"] = round(tues / evalues, 3) if evalues else None
    return dict(sorted(par_regle.items()))


def ecrire(dossier: Path, resume: dict, mutants: list[Mutant], perimees: list[dict]) -> tuple[Path, Path]:
    """Write reports/mutation.json and reports/mutation.html."""
    dossier.mkdir(parents=True, exist_ok=True)
    par_regle = scores(mutants, resume.get("regles_choisies"))
    evalues = [m for m in mutants if m.statut in DETECTES | NON_DETECTES]
    tues = [m for m in evalues if m.statut in DETECTES]
    donnees = {
        **resume,
        "total": {"mutants": len(mutants), "evalues": len(evalues), "tues": len(tues),
                  "survivants": len(evalues) - len(tues),
                  "equivalents": sum(m.statut == "equivalent" for m in mutants),
                  "score": round(len(tues) / len(evalues), 3) if evalues else None},
        "regles": par_regle,
        "mutants": [m.as_dict() for m in mutants],
        "equivalents_perimes": perimees,
    }
    json_path = dossier / "mutation.json"
    json_path.write_text(json.dumps(donnees, ensure_ascii=False, indent=2), encoding="utf-8")
    html_path = dossier / "mutation.html"
    html_path.write_text(_html(donnees), encoding="utf-8")
    return json_path, html_path


def pourcent(x):
    return "—" if x is None else f"{x * 100:.0f} %".replace(".", ",")


_GABARIT = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Analyse de mutation du simulateur</title>
<style>
body{font-family:sans-serif;margin:2em;max-width:72em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}
.faible{background:#fdd}.bon{background:#dfd}pre{background:#f6f6f6;padding:.4em;margin:0;white-space:pre-wrap}
</style></head>
<body>
<h1>Analyse de mutation du simulateur</h1>
<p>Chaque mutant est une petite altération du code qui met en œuvre une règle du guide
(une limite déplacée, une condition inversée, une vérification retirée). Il est « tué »
si au moins un scénario de recette étiqueté avec l'une de ses règles échoue contre le
simulateur ainsi altéré. Score d'une règle = mutants tués ÷ mutants évalués ; les mutants
équivalents expliqués dans <code>{{ d.equivalents_fichier }}</code> en sont exclus.
Un mutant court d'abord contre les scénarios qui, sans mutant, ont exécuté sa ligne, puis,
s'il survit, contre tous ceux de ses règles ; un mutant dans une fonction qu'aucun scénario
n'exécute n'est pas lancé : il survit forcément.</p>
<ul>
<li>Outil : {{ d.outil }} — cible : {{ d.cible }}{% if d.cible == "acceptance" %}, profil {{ d.profil }}{% endif %}</li>
<li>Début : {{ d.debut }} — durée : {{ d.duree_s|round|int }} s — charge de la machine : {{ d.charge }}{% if d.execution %} — exécution : {{ d.execution }}{% endif %}{% if d.shard %} — part : {{ d.shard }}{% endif %}</li>
<li>Modules : {{ d.modules|join(", ") }}{% if d.regles_choisies %} — règles retenues : {{ d.regles_choisies|join(", ") }}{% endif %}</li>
<li>Mutants : {{ d.total.mutants }} (évalués {{ d.total.evalues }}, tués {{ d.total.tues }},
 survivants {{ d.total.survivants }}, équivalents {{ d.total.equivalents }}) — hors règle (non exécutés) : {{ d.hors_regle }}</li>
<li>Score global : <strong>{{ pc(d.total.score) }}</strong>{% if d.interrompu %} — <strong>exécution interrompue</strong>, résultats partiels{% endif %}</li>
</ul>
<h2>Score par règle</h2>
<table><tr><th>Règle</th><th>Score</th><th>Tués</th><th>Évalués</th><th>Survivants</th><th>Équivalents</th><th>Non évaluables</th><th>Non exécutés</th></tr>
{% for rid, s in d.regles.items() %}<tr class="{{ 'bon' if s.score == 1 else ('faible' if s.score is not none else '') }}">
<td>{{ rid }}</td><td>{{ pc(s.score) }}</td><td>{{ s.tues }}</td><td>{{ s.evalues }}</td><td>{{ s.survivant + s.instable + s.non_couvert }}</td>
<td>{{ s.equivalent }}</td><td>{{ s.incompetent + s.sans_scenario }}</td><td>{{ s.a_faire }}</td></tr>
{% endfor %}</table>
<h2>Mutants survivants par règle</h2>
{% for rid, liste in survivants.items() %}<h3>{{ rid }}</h3>
<table><tr><th>Fichier</th><th>Ligne</th><th>Opérateur</th><th>Statut</th><th>Différence</th></tr>
{% for m in liste %}<tr><td>{{ m.fichier }}</td><td>{{ m.ligne }}</td><td>{{ m.operateur }}</td><td>{{ statuts[m.statut] }}</td><td><pre>{{ m.diff }}</pre></td></tr>{% endfor %}
</table>{% else %}<p>Aucun mutant survivant.</p>{% endfor %}
<h2>Mutants équivalents (expliqués)</h2>
{% if equivalents %}<table><tr><th>Fichier</th><th>Ligne</th><th>Opérateur</th><th>Raison</th><th>Différence</th></tr>
{% for m in equivalents %}<tr><td>{{ m.fichier }}</td><td>{{ m.ligne }}</td><td>{{ m.operateur }}</td><td>{{ m.raison }}</td><td><pre>{{ m.diff }}</pre></td></tr>{% endfor %}
</table>{% else %}<p>Aucun.</p>{% endif %}
<h2>Explications périmées</h2>
{% if d.equivalents_perimes %}<p>Ces explications ne correspondent plus à aucun mutant des modules analysés : à retirer de <code>{{ d.equivalents_fichier }}</code>.</p>
<table><tr><th>Fichier</th><th>Opérateur</th><th>Avant</th><th>Après</th></tr>
{% for e in d.equivalents_perimes %}<tr><td>{{ e.fichier }}</td><td>{{ e.operateur }}</td><td><code>{{ e.avant }}</code></td><td><code>{{ e.apres }}</code></td></tr>{% endfor %}
</table>{% else %}<p>Aucune.</p>{% endif %}
<h2>Tous les mutants</h2>
<table><tr><th>Fichier:ligne</th><th>Opérateur</th><th>Règles</th><th>Statut</th><th>Premier test en échec</th><th>Durée</th></tr>
{% for m in d.mutants %}<tr><td>{{ m.fichier }}:{{ m.ligne }}</td><td>{{ m.operateur }}</td><td>{{ m.regles|join(", ") }}</td>
<td>{{ statuts[m.statut] }}</td><td>{{ m.tueur or "" }}</td><td>{{ "" if m.duree_s is none else (m.duree_s|round|int) ~ " s" }}</td></tr>{% endfor %}
</table>
</body></html>
"""


def _html(d: dict) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    survivants: dict[str, list] = {}
    for m in d["mutants"]:
        if m["statut"] in NON_DETECTES:
            for r in m["regles"]:
                survivants.setdefault(r, []).append(m)
    equivalents = [m for m in d["mutants"] if m["statut"] == "equivalent"]
    return env.from_string(_GABARIT).render(
        d=d, pc=pourcent, statuts=STATUTS, survivants=dict(sorted(survivants.items())),
        equivalents=equivalents)
