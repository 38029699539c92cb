"""The audit (issue 14, docs/audit.md): compatibility findings from the npm
tools against each profile's real browser, axe-core and the RGAA checks on a
real page, screenshots, the report; and the simulator passing its own audit.

The pages are served here on 127.0.0.1 and opened in Chromium (Playwright)
with a profile of browsers.yaml; the npm tools are the pinned ones
(node_modules, `npm ci`)."""
from __future__ import annotations

import json

import pytest

from harness.audit import compat, config as audit_config, outils, report
from harness.audit.capture import Capturer
from harness.profiles import load
from harness.services import ROOT
from harness.ui import start_engine

from .conftest import pages_fixes

MATRIX = load(ROOT / "browsers.yaml")

MODERNE_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Page moderne</title>
<link rel="stylesheet" href="/moderne.css"></head>
<body>
<div role="banner"><a href="#contenu">Aller au contenu</a></div>
<div role="navigation"><a href="/">Accueil</a></div>
<div role="main" id="contenu"><h1>Page moderne</h1>
<form><label for="debut">Date de début</label> <input type="date" id="debut" name="debut"></form>
</div>
<div role="contentinfo">Pied</div>
<script src="/moderne.js"></script>
</body></html>"""
MODERNE_CSS = ".grille { display: grid; grid-template-columns: 1fr 1fr; }\n"
MODERNE_JS = "const charger = () => fetch('/donnees');\ncharger();\n"

DEFAUTS_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Page en défaut</title></head>
<body><h1>Page en défaut</h1>
<p><img src="/logo.png"></p>
<form><input type="text" name="nom"></form>
</body></html>"""

#: A form's error message (RGAA 11.10): on a field of its own (here none), or
#: on the read-only field it is about (step 2's SIRET, registered meanwhile).
ERREUR_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Erreur</title></head>
<body><div role="alert" id="erreurs"><p id="erreur-1">Le numéro de SIRET existe déjà.</p></div>
<form><label for="siret">N° de Siret</label> <input type="text" id="siret" value="12345678901234" readonly{lien}>
<label for="nom">Nom</label> <input type="text" id="nom" name="nom"></form>
</body></html>"""

#: One page for four users: another name in the title and the heading,
#: another number of rows, the form empty or filled in, an error shown or
#: not, on one field or another.
COMPTE_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Changement du mot de passe pour {nom}</title></head>
<body><div role="alert" id="erreurs">{erreur}</div><h1>Bonjour {nom}</h1>
<table><tbody>{lignes}</tbody></table>
<form><input type="text" id="nom" name="nom"{nom_etat}> <input type="email" id="mel" name="mel"{mel_etat}></form>
</body></html>"""
LIGNE = '<tr id="demande-{n}"><td>Demande n° {n}</td><td>brouillon</td></tr>'
EN_ERREUR = ' aria-invalid="true" aria-describedby="erreurs"'


def _compte(nom: str, lignes: int, erreur: str = "", nom_etat: str = "", mel_etat: str = "") -> tuple[str, str]:
    return "text/html", COMPTE_HTML.format(nom=nom, erreur=erreur, nom_etat=nom_etat, mel_etat=mel_etat,
                                           lignes="".join(LIGNE.format(n=n) for n in range(lignes)))


PAGES = {"/compte/1": _compte("alice", 1), "/compte/22": _compte("bob", 3, nom_etat=' value="bob"'),
         "/compte/3": _compte("carole", 1, erreur="<p>Le mot de passe est incorrect.</p>", nom_etat=EN_ERREUR),
         "/compte/4": _compte("david", 2, erreur="<p>Adresse invalide.</p>", mel_etat=EN_ERREUR + ' value="d@"'),
         "/erreur-seule": ("text/html", ERREUR_HTML.format(lien="")),
         "/erreur-champ-fige": ("text/html", ERREUR_HTML.format(
             lien=' aria-invalid="true" aria-describedby="erreur-1"')),
         "/moderne": ("text/html", MODERNE_HTML), "/moderne.css": ("text/css", MODERNE_CSS),
         "/moderne.js": ("application/javascript", MODERNE_JS),
         "/defauts": ("text/html", DEFAUTS_HTML), "/donnees": ("application/json", "{}")}
MODERNE = ["chrome 57", "firefox 128", "safari 17"]
ANCIENS = ["ie 8", "firefox 3.6"]


@pytest.fixture(scope="module")
def site(servir_http):
    return servir_http(pages_fixes(PAGES))


@pytest.fixture(scope="module")
def chromium():
    engine = start_engine("chromium", MATRIX)
    yield engine
    engine.close()


def _by_feature(answers, digest, query):
    return {f["feature"]: f for f in answers["results"][f"{digest}|{query}"]}


# --- compatibility: the npm tools, per browser --------------------------------------------
@pytest.fixture(scope="module")
def moderne(tmp_path_factory):
    contents = {"page": ("html", MODERNE_HTML), "css": ("css", MODERNE_CSS),
                "js": ("js", MODERNE_JS)}
    return compat.check(contents, ANCIENS + MODERNE, tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("query", ANCIENS)
def test_fetch_const_grid_et_date_signales_pour_les_anciens_navigateurs(moderne, query):
    js = _by_feature(moderne, "js", query)
    assert {"fetch", "const", "ArrowFunctions"} <= set(js), js
    assert js["fetch"]["tool"] == "eslint-plugin-compat" and js["fetch"]["line"] == 1
    assert js["const"]["tool"] == "es-check" and js["const"]["line"] == 1
    assert js["fetch"]["fallback"] is False
    css = _by_feature(moderne, "css", query)
    assert css["css-grid"]["tool"] == "doiuse" and css["css-grid"]["line"] == 1
    html = _by_feature(moderne, "page", query)
    date = html["html.elements.input.type_date"]
    assert date["line"] == 8 and date["fallback"] is False


def test_premiere_version_qui_prend_en_charge(moderne):
    firefox = _by_feature(moderne, "js", "firefox 3.6")
    assert firefox["fetch"]["first_version"] == "39"
    assert firefox["const"]["first_version"] == "36"
    assert _by_feature(moderne, "css", "firefox 3.6")["css-grid"]["first_version"] == "52"
    assert _by_feature(moderne, "page", "firefox 3.6")[
        "html.elements.input.type_date"]["first_version"] == "57"


@pytest.mark.parametrize("query", MODERNE)
def test_rien_pour_les_navigateurs_modernes(moderne, query):
    for digest in ("page", "css", "js"):
        assert moderne["results"][f"{digest}|{query}"] == [], (digest, query)


def test_un_repli_est_reconnu(tmp_path):
    js = "if (window.fetch) { window.fetch('/a'); }\nvar j = window.JSON ? JSON.parse('1') : null;\n"
    css = ".a { display: block; display: grid; }\n@supports (display: grid) { .b { display: grid; } }\n"
    answers = compat.check({"js": ("js", js), "css": ("css", css)}, ["ie 7"], tmp_path)
    for finding in answers["results"]["js|ie 7"]:
        assert finding["fallback"] is True, finding
    grid = [f for f in answers["results"]["css|ie 7"] if f["feature"] == "css-grid"]
    assert len(grid) == 2 and all(f["fallback"] for f in grid)


def test_les_reponses_sont_en_cache(tmp_path):
    contents = {"css": ("css", MODERNE_CSS)}
    first = compat.check(contents, ["ie 8"], tmp_path)
    cached = list(tmp_path.rglob("css-ie_8.json"))
    assert len(cached) == 1
    cached[0].write_text(json.dumps([{"feature": "depuis-le-cache"}]), encoding="utf-8")
    again = compat.check(contents, ["ie 8"], tmp_path)
    assert first["results"]["css|ie 8"][0]["feature"] == "css-grid"
    assert again["results"]["css|ie 8"] == [{"feature": "depuis-le-cache"}]


# --- a real page in a real browser: capture, axe, checks, report ---------------------------
@pytest.fixture(scope="module")
def audit_des_pages(site, chromium, tmp_path_factory):
    directory = tmp_path_factory.mktemp("audit")
    capturer = Capturer(directory, outils.trouver(None, ROOT).axe)
    profiles = [MATRIX.profile("ie8-winxp"), MATRIX.profile("chrome")]
    for profile in profiles:
        ui = chromium.new_ui(profile, site)
        try:
            for path in ("/moderne", "/defauts", "/erreur-seule", "/erreur-champ-fige"):
                ui.goto(path)
                assert capturer.capture(ui, profile, "essai") is not None
                assert capturer.capture(ui, profile, "essai") is None  # seen: once
        finally:
            ui.close()
    capturer.close()
    contents = {}
    for record in capturer.records:
        for digest, kind in [(record["html"], "html")] + [(r["sha"], r["kind"])
                                                          for r in record["resources"]]:
            contents[digest] = (kind, (directory / "contenus" / f"{digest}.{kind}").read_text())
    answers = compat.check(contents, sorted({p.browserslist for p in profiles}),
                           directory / "cache")
    settings = audit_config.load(ROOT / "audit.yaml", "essai", embedded=True)
    document = report.build(capturer.records, answers, profiles, settings, target="essai")
    json_path, html_path = report.write(document, directory)
    return document, directory, json_path, html_path


def _entry(document, path, profile):
    page = next(p for p in document["pages"] if p["chemin"] == path)
    return page["par_profil"][profile]


def test_une_page_est_sa_structure_pas_ses_textes(site, chromium, tmp_path):
    """Another user's name in the title, more rows in a list, a field filled
    in: the same page, audited and photographed once per profile (its first
    texts shown); an error shown: another state of it, whichever field."""
    capturer = Capturer(tmp_path, None)
    profile = MATRIX.profile("ie8-winxp")
    ui = chromium.new_ui(profile, site)
    try:
        vus = []
        for path in ("/compte/1", "/compte/22", "/compte/3", "/compte/4"):
            ui.goto(path)
            vus.append(capturer.capture(ui, profile, "essai"))
    finally:
        ui.close()
        capturer.close()
    premiere, deuxieme, erreur, autre_erreur = vus
    assert premiere is not None and deuxieme is None and autre_erreur is None, vus
    assert premiere["title"] == "Changement du mot de passe pour alice"
    assert erreur is not None and erreur["state"] != premiere["state"]
    assert erreur["state_info"]["alerts"] == "Le mot de passe est incorrect."
    assert len(list((tmp_path / "captures").glob("*.png"))) == 2


def test_deux_workers_ne_capturent_une_page_qu_une_fois(site, chromium, tmp_path):
    """The workers of -n 2 share the captures folder: a page state one of
    them audited is not audited again by the other (per profile)."""
    workers = [Capturer(tmp_path, None), Capturer(tmp_path, None)]
    ie8, chrome = MATRIX.profile("ie8-winxp"), MATRIX.profile("chrome")
    vus = []
    for profile in (ie8, chrome):
        ui = chromium.new_ui(profile, site)
        try:
            ui.goto("/compte/1")
            vus += [w.capture(ui, profile, "essai") for w in workers]
        finally:
            ui.close()
    for worker in workers:
        worker.close()
    assert [v is not None for v in vus] == [True, False, True, False], vus
    assert vus[0]["profile"] == "ie8-winxp" and vus[2]["profile"] == "chrome"


def test_les_ressources_chargees_sont_collectees(audit_des_pages):
    document, *_ = audit_des_pages
    files = {f["url"].rsplit("/", 1)[-1] for f in document["fichiers"].values()}
    assert {"moderne", "moderne.css", "moderne.js"} <= files


def test_la_page_moderne_est_signalee_pour_ie8_pas_pour_chrome(audit_des_pages):
    document, *_ = audit_des_pages
    ie8 = {f["feature"] for f in _entry(document, "/moderne", "ie8-winxp")["compat"]}
    assert {"fetch", "const", "css-grid", "html.elements.input.type_date"} <= ie8
    assert _entry(document, "/moderne", "chrome")["compat"] == []
    assert document["resume"]["ie8-winxp"]["compat"]["erreur"] >= 4
    assert "erreur" not in document["resume"]["chrome"]["compat"]


def test_image_sans_alt_et_champ_sans_etiquette(audit_des_pages):
    document, *_ = audit_des_pages
    for profile in ("ie8-winxp", "chrome"):
        entry = _entry(document, "/defauts", profile)
        violations = {v["id"]: v for v in entry["axe"]}
        assert "image-alt" in violations and "label" in violations, list(violations)
        assert "1.1.1" in violations["image-alt"]["rgaa"]
        assert violations["image-alt"]["gravite"] == "erreur"
        checks = {c["id"] for c in entry["verifications"]}
        assert {"regions", "lien-evitement", "autocomplete"} <= checks
    # the page with landmarks, skip link and labelled fields has neither
    moderne = _entry(document, "/moderne", "chrome")
    assert {"image-alt", "label"}.isdisjoint(v["id"] for v in moderne["axe"])
    assert {c["id"] for c in moderne["verifications"]}.isdisjoint({"regions", "lien-evitement"})


def test_un_message_d_erreur_est_relie_a_son_champ_meme_en_lecture_seule(audit_des_pages):
    document, *_ = audit_des_pages
    erreurs = {"erreur-sans-champ", "message-non-relie", "erreur-non-reliee"}
    for profile in ("ie8-winxp", "chrome"):
        seule = {c["id"]: c for c in _entry(document, "/erreur-seule", profile)["verifications"]}
        assert "erreur-sans-champ" in seule and seule["erreur-sans-champ"]["rgaa"] == "11.10.1", list(seule)
        fige = {c["id"] for c in _entry(document, "/erreur-champ-fige", profile)["verifications"]}
        assert erreurs.isdisjoint(fige), fige


def test_une_capture_par_page_et_par_profil(audit_des_pages):
    document, directory, *_ = audit_des_pages
    shots = {e["capture"] for p in document["pages"] for e in p["par_profil"].values()}
    assert len(shots) == 8 and None not in shots
    for shot in shots:
        png = (directory / shot.removeprefix("audit/")).read_bytes()
        assert png.startswith(b"\x89PNG")


def test_le_rapport_html_en_francais(audit_des_pages):
    document, directory, json_path, html_path = audit_des_pages
    page = html_path.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Résumé par profil" in page
    assert "Internet Explorer 8 — Windows XP SP3 — 1024×768" in page
    assert "fetch" in page and "image-alt" in page
    assert json.loads(json_path.read_text(encoding="utf-8"))["format"] == "ap-audit/1"
    assert report.matrix_cell(document, "chrome").startswith("audit : ")


# --- audit.yaml ------------------------------------------------------------------------------
def test_actif_par_defaut_contre_le_simulateur_seulement():
    assert audit_config.load(ROOT / "audit.yaml", "simulateur", embedded=True).active
    assert not audit_config.load(ROOT / "audit.yaml", "recette", embedded=False).active


def test_reglages_par_cible_et_gravites(tmp_path):
    fichier = tmp_path / "audit.yaml"
    fichier.write_text(
        "cibles:\n  recette: {actif: true}\n"
        "gravite:\n  compatibilite: {avec_repli: avertissement}\n  accessibilite: {moderate: erreur}\n"
        "acceptes:\n  - {outil: doiuse, fonctionnalite: css-grid, navigateur: 'ie 8', raison: 'essai'}\n",
        encoding="utf-8")
    settings = audit_config.load(fichier, "recette", embedded=False)
    assert settings.active
    assert settings.compat_severity({"tool": "x", "feature": "y", "fallback": True}) == "avertissement"
    assert settings.compat_severity({"tool": "x", "feature": "y", "fallback": False}) == "erreur"
    assert settings.a11y_severity("moderate") == "erreur"
    grille = {"tool": "doiuse", "feature": "css-grid", "fallback": False}
    assert settings.accepted_reason(grille, "ie 8") == "essai"
    assert settings.accepted_reason(grille, "ie 7") is None


def test_une_gravite_inconnue_est_refusee_en_francais(tmp_path):
    fichier = tmp_path / "audit.yaml"
    fichier.write_text("gravite:\n  verifications: grave\n", encoding="utf-8")
    with pytest.raises(audit_config.AuditConfigError, match="doit valoir erreur, avertissement, info"):
        audit_config.load(fichier, "simulateur", embedded=True)
