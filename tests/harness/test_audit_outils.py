"""Where the audit finds its npm tools (harness/audit/outils.py), and what it
says when they are missing: the option or AP_AUDIT_NODE_MODULES, then the
user's project (pytest's rootdir), then this checkout; a missing tool makes
its part of the audit « non fait », in French, with the command that
installs it — never a clean « 0 erreur(s) ».

The folders are real: links to this checkout's node_modules (npm ci), or
empty folders. The run from an installed wheel is in test_plugin_install.py.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from harness.audit import compat, config as audit_config, outils, report
from harness.profiles import load
from harness.services import ROOT

MODULES = ROOT / "node_modules"


@pytest.fixture(autouse=True)
def sans_variable(monkeypatch):
    monkeypatch.delenv(outils.ENV, raising=False)


def _lien(dossier, nom="node_modules"):
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / nom).symlink_to(MODULES, target_is_directory=True)
    return dossier / nom


def test_les_versions_annoncees_sont_celles_de_package_json():
    paquet = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for nom, version in outils.VERSIONS.items():
        assert paquet["dependencies"].get(nom) == version, nom
    assert set(outils.COMPAT) | {outils.AXE} == set(outils.VERSIONS)


def test_le_projet_de_l_utilisateur_avant_le_depot(tmp_path):
    projet = _lien(tmp_path / "projet")
    trouve = outils.trouver(None, tmp_path / "projet")
    assert trouve.cherche == (projet, ROOT / "node_modules")
    assert trouve.node_modules == projet and trouve.axe == projet / "axe-core"
    assert trouve.compat_absent is None and trouve.axe_absent is None
    # a project without tools: this checkout's (an editable install)
    trouve = outils.trouver(None, tmp_path / "vide")
    assert trouve.node_modules == ROOT / "node_modules"


def test_l_option_puis_la_variable_l_emportent_et_seules(tmp_path, monkeypatch):
    ailleurs = _lien(tmp_path / "ailleurs", "outils")   # not called node_modules
    _lien(tmp_path / "projet")
    monkeypatch.setenv(outils.ENV, str(tmp_path / "vide"))
    assert outils.trouver(str(ailleurs), tmp_path / "projet").node_modules == ailleurs
    # the variable, when no option: a folder holding node_modules will do
    _lien(tmp_path / "parent")
    monkeypatch.setenv(outils.ENV, str(tmp_path / "parent"))
    trouve = outils.trouver(None, tmp_path / "projet")
    assert trouve.node_modules == tmp_path / "parent" / "node_modules"
    # given but wrong: said, not silently replaced by the project's or the checkout's
    monkeypatch.setenv(outils.ENV, str(tmp_path / "vide"))
    trouve = outils.trouver(None, tmp_path / "projet")
    assert trouve.node_modules is None and trouve.axe is None
    assert trouve.cherche == (tmp_path / "vide",)


def test_sans_outils_le_message_francais_dit_comment_les_installer(tmp_path, monkeypatch):
    monkeypatch.setenv(outils.ENV, str(tmp_path / "vide"))
    trouve = outils.trouver(None, tmp_path)
    message = trouve.compat_absent
    assert message.startswith("audit de compatibilité non fait : outils npm introuvables (")
    assert str(tmp_path / "vide") in message and "doiuse" in message
    assert "installez-les avec : npm install --save-exact " in message
    assert "doiuse@6.0.6" in message and "--audit-node-modules" in message
    assert trouve.axe_absent.startswith("audit d'accessibilité axe-core non fait : axe-core introuvable")
    assert "axe-core@4.14.1" in trouve.axe_absent
    with pytest.raises(compat.CompatUnavailable, match="non fait : outils npm introuvables"):
        compat.check({"css": ("css", ".a{display:grid}")}, ["ie 8"], tmp_path / "cache", trouve)


def test_les_outils_d_un_autre_dossier_tournent(tmp_path):
    """compat.mjs loads its packages from the folder found, not from beside
    itself: a folder of another name, reached by a link, does."""
    trouve = outils.trouver(str(_lien(tmp_path / "ailleurs", "outils")), None)
    reponse = compat.check({"js": ("js", "fetch('/a');\n")}, ["ie 8"], tmp_path / "cache", trouve)
    assert {f["feature"] for f in reponse["results"]["js|ie 8"]} == {"fetch"}
    assert reponse["tools"]["doiuse"] == outils.VERSIONS["doiuse"]


def _document(non_fait):
    matrix = load(ROOT / "browsers.yaml")
    profil = matrix.profile("ie8-winxp")
    record = {"profile": profil.id, "state": "s1", "state_info": {"path": "/", "alerts": ""},
              "url": "http://127.0.0.1/", "title": "Accueil", "scenario": "essai",
              "html": "h1", "resources": [], "checks": [], "axe": None, "screenshot": None}
    settings = audit_config.load(ROOT / "audit.yaml", "essai", embedded=True)
    return report.build([record], {"tools": {}, "results": {}}, [profil], settings,
                        target="essai", non_fait=non_fait)


def test_un_audit_non_fait_ne_se_dit_jamais_propre(tmp_path):
    raison = outils.trouver(str(tmp_path / "vide"), None).compat_absent
    document = _document({"compatibilite": raison, "axe": None})
    assert document["non_fait"] == {"compatibilite": raison}
    assert document["resume"]["ie8-winxp"]["non_fait"] == ["compatibilite"]
    bilan = report.bilan(document)
    assert "compatibilité NON FAITE (outils npm introuvables)" in bilan and "AUDIT INCOMPLET" in bilan
    assert "compatibilité : 0 erreur(s)" not in bilan
    cellule = report.matrix_cell(document, "ie8-winxp")
    assert cellule.startswith("audit incomplet : compatibilité non vérifiée") and "aucun constat" not in cellule
    _, html = report.write(document, tmp_path)
    page = html.read_text(encoding="utf-8")
    assert "Audit incomplet — audit de compatibilité non fait : outils npm introuvables" in page
    assert "compatibilité non vérifiée" in page and "non fait" in page
    # all there: the usual line
    propre = _document({})
    assert report.bilan(propre) == "1 états de page ; compatibilité : 0 erreur(s) ; RGAA : 0 erreur(s)"
    assert report.matrix_cell(propre, "ie8-winxp") == "audit : aucun constat"


def test_le_plugin_d_audit_a_son_point_d_entree_et_ne_s_enregistre_qu_une_fois(tmp_path):
    eps = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert eps.get("harness.audit.plugin") == "harness.audit.plugin", eps
    conftest = (ROOT / "conftest.py").read_text(encoding="utf-8").split('"""', 2)[-1]
    assert '"harness.audit.plugin"' not in conftest
    # loaded again by name (-p, a conftest): found registered, not registered twice
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["harness.audit.plugin"]\n',
                                          encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "AP_"))}
    fait = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                           "-p", "harness.audit.plugin", "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env=env)
    assert fait.returncode == 0, fait.stdout[-2000:] + fait.stderr[-2000:]
    assert fait.stdout.count("--audit-node-modules=DOSSIER") == 1, fait.stdout


def test_echec_erreur_fait_echouer_une_recette_dont_l_audit_n_a_pu_se_faire(tmp_path):
    """« echec: erreur » asks for a clean audit: the same run on the
    simulator (which passes its own audit) succeeds with the tools and fails
    without them, saying why."""
    from . import projet_options as projet

    path = projet.make(tmp_path / "projet")
    reglages = (ROOT / "audit.yaml").read_text(encoding="utf-8").replace(
        "echec: jamais", "echec: erreur")
    assert "echec: erreur" in reglages
    (path / "audit.yaml").write_text(reglages, encoding="utf-8")
    (tmp_path / "vide").mkdir()
    for dossier, reussi in ((MODULES, True), (tmp_path / "vide", False)):
        # one argument: pytest would take a separate existing path for a rootdir hint
        proc = projet.run(path, "-k", "arguments_de_contexte", "--reports-dir", "rapports",
                          f"--audit-node-modules={dossier}")
        out = proc.stdout + proc.stderr
        assert "1 passed" in out, out
        assert (proc.returncode == 0) is reussi, out
        assert ("[audit] audit de compatibilité non fait : outils npm introuvables" in out) is not reussi, out


def test_un_titre_pour_deux_pages_differentes_seulement(tmp_path):
    """RGAA 8.6: one title for two different pages is a finding on each; one
    page at two paths (a 404 page) is not."""
    matrix = load(ROOT / "browsers.yaml")
    profil = matrix.profile("ie8-winxp")

    def page(chemin: str, titre: str, structure: str) -> dict:
        return {"profile": profil.id, "state": f"{chemin}-{structure}",
                "state_info": {"path": chemin, "alerts": "", "structure": structure},
                "url": f"http://127.0.0.1{chemin}", "title": titre, "scenario": "essai",
                "html": structure, "resources": [], "checks": [], "axe": None, "screenshot": None}

    records = [page("/demandes/N", "Erreur 404", "a"), page("/instruction/demandes/N", "Erreur 404", "a"),
               page("/oubli", "Mon Compte", "b"), page("/oubli/question", "Mon Compte", "c")]
    settings = audit_config.load(ROOT / "audit.yaml", "essai", embedded=True)
    document = report.build(records, {"tools": {}, "results": {}}, [profil], settings, target="essai")
    constats = {p["chemin"]: [c["message"] for c in p["par_profil"][profil.id]["verifications"]
                              if c["id"] == "titre-identique"] for p in document["pages"]}
    assert constats == {"/demandes/N": [], "/instruction/demandes/N": [],
                        "/oubli": ["Titre « Mon Compte » identique à celui de : /oubli/question."],
                        "/oubli/question": ["Titre « Mon Compte » identique à celui de : /oubli."]}, constats
