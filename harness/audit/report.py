"""``reports/audit.json`` and ``reports/audit.html`` (French): per page and
profile, the compatibility findings, the accessibility violations and checks,
and the screenshots as a gallery. ``summary()`` gives the per-profile counts
the matrix shows (see ``matrix_cell``)."""
from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, select_autoescape

from .capture import rgaa_of, wcag_of
from .config import AuditConfig

FORMAT = "ap-audit/1"
LEVELS = ("erreur", "avertissement", "info")


#: the parts of the audit that need npm tools, as ``non_fait`` names them
PARTIES = {"compatibilite": "compatibilité", "axe": "accessibilité axe-core"}


def build(records: list[dict], compat: dict, profiles: list, config: AuditConfig,
          *, target: str = "", costs: dict | None = None, non_fait: dict | None = None,
          axe_dir: Path | None = None) -> dict:
    """The audit document from the captured records (every worker's) and the
    compatibility answers. ``non_fait``: the parts of the audit that could
    not run (``compatibilite``, ``axe``) with their French reason — shown
    as not done, never as clean. ``axe_dir``: axe-core's folder (its French
    texts)."""
    non_fait = {k: v for k, v in (non_fait or {}).items() if v}
    by_id = {p.id: p for p in profiles}
    urls: dict[str, dict] = {}
    pages: dict[str, dict] = {}
    for record in sorted(records, key=lambda r: (r["state_info"]["path"], r["profile"])):
        page = pages.setdefault(record["state"], {
            "cle": record["state"], "chemin": record["state_info"]["path"],
            "structure": record["state_info"].get("structure"),
            "titre": record["title"], "alertes": record["state_info"]["alerts"],
            "url": record["url"], "scenario": record["scenario"], "par_profil": {}})
        profile = by_id.get(record["profile"])
        query = getattr(profile, "browserslist", None) if profile else None
        urls[record["html"]] = {"url": record["url"], "kind": "html"}
        findings = []
        sources = [(record["html"], record["url"])] + [(r["sha"], r["url"])
                                                        for r in record["resources"]]
        for digest, url in sources:
            for f in (compat.get("results", {}).get(f"{digest}|{query}", []) if query else []):
                f = dict(f, target=query, fichier=url + (" (intégré)" if f.get("inline") else ""))
                f["accepte"] = config.accepted_reason(f, query)
                f["gravite"] = config.compat_severity(f)
                findings.append(f)
        for r in record["resources"]:
            urls[r["sha"]] = {"url": r["url"], "kind": r["kind"]}
        axe = record.get("axe") or {}
        violations = []
        for v in axe.get("violations", []):
            if axe.get("langue") == "en":  # the page's CSP kept axe's English
                v = dict(v, **_french(v["id"], axe_dir))
            violations.append(dict(v, rgaa=rgaa_of(v["tags"]), wcag=wcag_of(v["tags"]),
                                   gravite=config.a11y_severity(v.get("impact"))))
        checks = [dict(c, gravite=config.check_severity()) for c in record["checks"]]
        page["par_profil"][record["profile"]] = {
            "capture": f"audit/captures/{record['screenshot']}" if record.get("screenshot") else None,
            "compat": findings, "axe": violations, "axe_erreur": axe.get("error"),
            "verifications": checks, "scenario": record["scenario"]}
    _same_titles(pages, config)
    document = {
        "format": FORMAT, "genere": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cible": target, "outils": compat.get("tools", {}),
        "profils": [{"id": p.id, "label": p.label, "browserslist": getattr(p, "browserslist", None),
                     "viewport": f"{p.viewport.width}×{p.viewport.height}"} for p in profiles],
        "pages": list(pages.values()), "fichiers": urls, "couts": costs or {},
        "non_fait": non_fait,
    }
    document["resume"] = summary(document)
    return document


_FRENCH: dict[str, dict[str, str]] = {}


def _french(rule: str, axe_dir: Path | None) -> dict:
    """axe-core's own French texts of a rule (locales/fr.json)."""
    if not _FRENCH and axe_dir is not None:
        data = json.loads((axe_dir / "locales" / "fr.json").read_text(encoding="utf-8"))
        _FRENCH.update(data.get("rules", {}))
    texts: dict[str, str] = _FRENCH.get(rule, {})
    return {k: texts[k] for k in ("help", "description") if texts.get(k)}


def _same_titles(pages: dict, config: AuditConfig) -> None:
    """RGAA 8.6: a page's title names it; two different pages (another path
    and another structure) with one title are a finding on each profile
    where both were seen. One page at several paths (the « Erreur 404 »
    page of /demandes/N and of /instruction/demandes/N) is not."""
    by_title = defaultdict(list)
    for page in pages.values():
        by_title[page["titre"]].append(page)
    for page in pages.values():
        others = sorted({p["chemin"] for p in by_title[page["titre"]]
                         if p["chemin"] != page["chemin"] and p.get("structure") != page.get("structure")})
        if others and page["titre"]:
            for entry in page["par_profil"].values():
                entry["verifications"].append({
                    "id": "titre-identique", "rgaa": "8.6.1", "elements": [],
                    "gravite": config.check_severity(),
                    "message": f"Titre « {page['titre']} » identique à celui de : {', '.join(others)}."})


def summary(document: dict) -> dict:
    """Per profile: pages seen, counts per severity of each kind, and the
    parts not done (``non_fait``: their counts are not a clean result)."""
    out = {}
    for p in document["profils"]:
        pages = 0
        counts: dict[str, Counter] = {"compat": Counter(), "axe": Counter(), "impacts": Counter(),
                                      "verifications": Counter()}
        for page in document["pages"]:
            entry = page["par_profil"].get(p["id"])
            if not entry:
                continue
            pages += 1
            counts["compat"].update(f["gravite"] for f in entry["compat"])
            counts["axe"].update(v["gravite"] for v in entry["axe"])
            counts["impacts"].update(v.get("impact") or "minor" for v in entry["axe"])
            counts["verifications"].update(c["gravite"] for c in entry["verifications"])
        out[p["id"]] = {"pages": pages, **{k: dict(v) for k, v in counts.items()},
                        "non_fait": sorted(document.get("non_fait") or {})}
    return out


def errors(document: dict) -> int:
    return sum(s[kind].get("erreur", 0) for s in document["resume"].values()
               for kind in ("compat", "axe", "verifications"))


def bilan(document: dict) -> str:
    """The audit's line of the terminal summary: its errors per part, and the
    parts not done said as such (never « 0 erreur(s) » for them)."""
    resume = document["resume"].values()
    non_fait = document.get("non_fait") or {}
    compat = ("compatibilité NON FAITE (outils npm introuvables)" if "compatibilite" in non_fait
              else f"compatibilité : {sum(s['compat'].get('erreur', 0) for s in resume)} erreur(s)")
    a11y = sum(s[k].get("erreur", 0) for s in resume for k in ("axe", "verifications"))
    rgaa = (f"RGAA : axe-core NON FAIT, {a11y} erreur(s) des seules vérifications du harnais"
            if "axe" in non_fait else f"RGAA : {a11y} erreur(s)")
    incomplet = " — AUDIT INCOMPLET" if non_fait else ""
    return f"{len(document['pages'])} états de page ; {compat} ; {rgaa}{incomplet}"


def non_verifie(parties: list[str]) -> str:
    """« compatibilité non vérifiée (outils npm introuvables) », or both parts."""
    noms = [PARTIES[k] for k in parties]
    if len(noms) == 1:
        return f"{noms[0]} non vérifiée (outils npm introuvables)"
    return f"{' et '.join(noms)} non vérifiées (outils npm introuvables)"


def matrix_cell(document: dict, profile_id: str) -> str:
    """The marker of a profile's column in reports/matrix.html, e.g.
    « audit : 2 incompatibilités, 1 accessibilité », « audit : aucun constat »
    or, tools missing, « audit : compatibilité non vérifiée (…) »."""
    s = document.get("resume", {}).get(profile_id)
    if not s or not s["pages"]:
        return ""
    compat, a11y = s["compat"].get("erreur", 0), s["axe"].get("erreur", 0) + s["verifications"].get("erreur", 0)
    if s.get("non_fait"):
        return f"audit incomplet : {non_verifie(s['non_fait'])}, {a11y} accessibilité"
    if not compat and not a11y:
        return "audit : aucun constat"
    return f"audit : {compat} incompatibilité(s), {a11y} accessibilité"


def write(document: dict, reports_dir: Path) -> tuple[Path, Path]:
    reports_dir.mkdir(parents=True, exist_ok=True)
    json_path = reports_dir / "audit.json"
    json_path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    html_path = reports_dir / "audit.html"
    env = Environment(autoescape=select_autoescape(default=True))
    env.filters["basename"] = os.path.basename
    html_path.write_text(env.from_string(TEMPLATE).render(d=document, LEVELS=LEVELS),
                         encoding="utf-8")
    return json_path, html_path


TEMPLATE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Audit des pages — compatibilité navigateurs et accessibilité (RGAA)</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;margin:20px;color:#222}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top;font-size:13px}
.erreur{color:#b00020;font-weight:bold}.avertissement{color:#8a5a00}.info{color:#555}
.galerie{display:flex;flex-wrap:wrap;gap:12px}.galerie figure{margin:0;border:1px solid #ccc;padding:4px;max-width:340px}
.galerie img{max-width:330px;height:auto;display:block}figcaption{font-size:12px}
details{margin:4px 0 8px 12px}code{font-size:12px}
</style></head><body>
<header><h1>Audit des pages — compatibilité navigateurs et accessibilité (RGAA)</h1>
<p>Cible : {{ d.cible }} — généré le {{ d.genere }} — {{ d.pages|length }} états de page distincts.
Outils : {% for k, v in d.outils.items() %}{{ k }} {{ v }}{% if not loop.last %}, {% endif %}{% endfor %}.</p>
<p>Chaque profil est vérifié contre le <em>vrai</em> navigateur qu'il représente (requête browserslist) :
le rendu du moteur moderne ne prouve pas qu'IE 7 aurait exécuté la page.</p>
{% for partie, raison in (d.non_fait or {}).items() %}<p class="erreur" id="non-fait-{{ partie }}">Audit incomplet — {{ raison }}.</p>
{% endfor %}</header>
<main>
<h2>Résumé par profil</h2>
<table><thead><tr><th>Profil</th><th>Navigateur vérifié</th><th>Fenêtre</th><th>Pages</th>
<th>Compatibilité (erreurs / avert. / info)</th><th>axe-core (erreurs / avert. / info)</th><th>Vérifications RGAA</th></tr></thead><tbody>
{% for p in d.profils %}{% set s = d.resume[p.id] %}{% if s.pages %}
<tr id="profil-{{ p.id }}"><td>{{ p.label }}</td><td>{{ p.browserslist }}</td><td>{{ p.viewport }}</td><td>{{ s.pages }}</td>
<td>{% if 'compatibilite' in (d.non_fait or {}) %}<span class="erreur">non fait</span>{% else %}{% for l in LEVELS %}<span class="{{ l }}">{{ s.compat.get(l, 0) }}</span>{% if not loop.last %} / {% endif %}{% endfor %}{% endif %}</td>
<td>{% if 'axe' in (d.non_fait or {}) %}<span class="erreur">non fait</span>{% else %}{% for l in LEVELS %}<span class="{{ l }}">{{ s.axe.get(l, 0) }}</span>{% if not loop.last %} / {% endif %}{% endfor %}{% endif %}</td>
<td><span class="erreur">{{ s.verifications.get('erreur', 0) }}</span></td></tr>{% endif %}{% endfor %}
</tbody></table>

<h2>Pages</h2>
{% for page in d.pages %}
<section id="page-{{ page.cle }}">
<h3>{{ page.titre or '(sans titre)' }} — <code>{{ page.chemin }}</code></h3>
{% if page.alertes %}<p>Message affiché : « {{ page.alertes }} »</p>{% endif %}
<p>Atteinte par : {{ page.scenario }}</p>
<div class="galerie">
{% for p in d.profils %}{% set e = page.par_profil.get(p.id) %}{% if e and e.capture %}
<figure><a href="{{ e.capture }}"><img src="{{ e.capture }}" alt="Capture de {{ page.chemin }} sur {{ p.label }}" loading="lazy"></a>
<figcaption>{{ p.label }} — {{ p.viewport }}</figcaption></figure>{% endif %}{% endfor %}
</div>
{% for p in d.profils %}{% set e = page.par_profil.get(p.id) %}{% if e %}
{% set n = e.compat|length + e.axe|length + e.verifications|length %}
<details{% if n and (e.compat + e.axe + e.verifications)|selectattr('gravite', 'equalto', 'erreur')|list %} open{% endif %}>
<summary>{{ p.label }} ({{ p.browserslist }}) : {% if 'compatibilite' in (d.non_fait or {}) %}compatibilité non vérifiée{% else %}{{ e.compat|length }} constat(s) de compatibilité{% endif %}, {% if 'axe' in (d.non_fait or {}) %}axe-core non exécuté{% else %}{{ e.axe|length }} violation(s) axe{% endif %}, {{ e.verifications|length }} vérification(s) en défaut</summary>
{% if e.compat %}<table><thead><tr><th>Gravité</th><th>Fonctionnalité</th><th>Fichier</th><th>Ligne</th><th>Prise en charge à partir de</th><th>Repli</th><th>Outil</th><th>Message</th></tr></thead><tbody>
{% for f in e.compat %}<tr><td class="{{ f.gravite }}">{{ f.gravite }}</td><td>{{ f.title }}<br><code>{{ f.feature }}</code></td><td><code>{{ f.fichier }}</code></td><td>{{ f.line or '' }}</td>
<td>{{ f.first_version or 'aucune version' }}</td>
<td>{% if f.accepte %}accepté : {{ f.accepte }}{% elif f.fallback %}oui : {{ f.fallback_how }}{% elif f.fallback is none %}indéterminé{% else %}non{% endif %}</td>
<td>{{ f.tool }}</td><td>{{ f.message }}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% if e.axe_erreur %}<p class="erreur">axe-core n'a pas pu s'exécuter : {{ e.axe_erreur }}</p>{% endif %}
{% if e.axe %}<table><thead><tr><th>Gravité</th><th>Impact</th><th>Critère RGAA</th><th>WCAG</th><th>Règle axe</th><th>Éléments</th></tr></thead><tbody>
{% for v in e.axe %}<tr><td class="{{ v.gravite }}">{{ v.gravite }}</td><td>{{ v.impact }}</td><td>{{ v.rgaa|join(', ') or '—' }}</td><td>{{ v.wcag|join(', ') or '—' }}</td>
<td><a href="{{ v.helpUrl }}">{{ v.id }}</a> : {{ v.help }}</td><td>{% for node in v.nodes %}<code>{{ node.target }}</code> {% endfor %}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% if e.verifications %}<table><thead><tr><th>Gravité</th><th>Critère RGAA</th><th>Vérification</th><th>Éléments</th></tr></thead><tbody>
{% for c in e.verifications %}<tr><td class="{{ c.gravite }}">{{ c.gravite }}</td><td>{{ c.rgaa }}</td><td>{{ c.message }}</td><td>{% for el in c.elements %}<code>{{ el }}</code> {% endfor %}</td></tr>{% endfor %}</tbody></table>{% endif %}
</details>{% endif %}{% endfor %}
</section>
{% endfor %}
{% if d.couts %}<h2>Coût de l'audit</h2><p>{{ d.couts.captures }} captures en {{ '%.1f'|format(d.couts.capture_s) }} s au total
(pendant les scénarios{% if d.couts.lectures is defined %} : {{ d.couts.lectures }} lectures de l'état d'une page après une étape,
{{ d.couts.inchangees }} évitées pour une page qu'aucune étape n'avait touchée depuis{% endif %}) ; outils npm : {{ '%.1f'|format(d.couts.outils_s) }} s en fin de session
({{ d.couts.contenus }} contenus uniques, {{ d.couts.requetes }} navigateurs).</p>{% endif %}
</main>
<footer><p>Données : MDN browser-compat-data (HTML), caniuse par doiuse (CSS), eslint-plugin-compat et es-check (JavaScript), axe-core (accessibilité, critères RGAA donnés par ses étiquettes). docs/audit.md</p></footer>
</body></html>
"""
