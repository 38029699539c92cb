"""The harness is an installed pytest plugin that lives beside
pytest-base-url and pytest-playwright.

- its entry point (pyproject ``pytest11``) is what loads it; conftest.py
  loads only the French steps (never the harness twice);
- in a folder outside the repository, ``pytest --target …`` works;
- in a throwaway virtualenv holding this project's packages plus
  pytest-playwright (pinned in pyproject's ``beside-playwright`` extra),
  ``pytest --help`` lists both plugins' options and a scenario runs, with
  pytest-playwright's own --tracing/--screenshot/--output read by the
  harness;
- built as a wheel (pyproject's pinned setuptools) and installed from it,
  not editable, beside pytest-playwright in a new virtualenv, it ships its
  default files (browsers.yaml, targets.yaml, audit.yaml, the rule
  catalogue) and runs a scenario from a project that has none of them,
  while a file of the same name in that project wins;
- installed so, its page audit (issue 14) is loaded by its own entry point
  and runs with the npm tools of the user's project (``node_modules``),
  and without them says, in French, that it was not done.

The few wheels these tests install are fetched once (``magasin``); the
builds and installs then run offline.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from harness.audit import outils

from . import projet_options as projet
from .conftest import pages_fixes
from .test_audit import PAGES as PAGES_EN_DEFAUT
from .test_audit_site import FEATURE as FEATURE_SITE, TESTS as TESTS_SITE

ROOT = Path(__file__).resolve().parents[2]


def test_the_entry_point_loads_the_harness_and_conftest_only_the_steps():
    eps = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert eps.get("recette-ap") == "harness.pytest_plugin", eps
    assert eps.get("base_url") == "pytest_base_url.plugin", "pytest-base-url est une dépendance"
    conftest = (ROOT / "conftest.py").read_text(encoding="utf-8")
    code = conftest.split('"""', 2)[-1]
    for module in ("harness.plugin", "harness.report.plugin", "harness.pytest_plugin",
                   "harness.options", "harness.etat", "harness.shard"):
        assert f'"{module}"' not in code, f"conftest.py chargerait {module} une deuxième fois"


def test_console_scripts_are_declared_and_installed():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    bindir = Path(sys.executable).parent
    for name in ("ap-regles", "ap-lint", "ap-rapport", "ap-comptes-de-test"):
        assert name in scripts, name
        assert (bindir / name).exists(), f"{name} absent de {bindir} : pip install -e ."
    proc = subprocess.run([str(bindir / "ap-rapport"), "merge", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "results.json" in proc.stdout, proc.stdout + proc.stderr
    proc = subprocess.run([str(bindir / "ap-comptes-de-test"), "--help"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    if "No such command 'comptes-de-test'" in proc.stderr:   # forwarded to Flask's CLI
        pytest.skip("la commande du simulateur « flask comptes-de-test » (issue 10) est absente "
                    "de cette branche")
    assert proc.returncode == 0 and "--sortie" in proc.stdout, proc.stdout + proc.stderr


def test_pytest_target_anywhere(tmp_path):
    """Outside the repository, the plugin gives --target, the embedded
    simulator as base_url, and pytest-base-url's --base-url."""
    (tmp_path / "test_ailleurs.py").write_text(
        "import httpx\n\n"
        "def test_le_simulateur_repond(base_url):\n"
        "    assert httpx.get(base_url + '/').status_code == 200\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "--target", "simulateur", "test_ailleurs.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=projet.env())
    assert "1 passed" in proc.stdout, proc.stdout + proc.stderr
    # the harness's plugins load without pytest's warning of a module it
    # could not rewrite (every run used to end with three of them)
    assert "PytestAssertRewriteWarning" not in proc.stdout + proc.stderr, proc.stdout
    # an unknown target: the harness's own French message, before any test
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "--target", "nulle-part", "test_ailleurs.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=projet.env())
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "cible « nulle-part » inconnue" in out, out
    assert "INTERNALERROR" not in out and "Traceback" not in out, out


# --- beside pytest-playwright ---------------------------------------------------------

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: pytest-playwright and what it needs beyond this project's dependencies
PINS_PLAYWRIGHT = PYPROJECT["project"]["optional-dependencies"]["beside-playwright"]
#: the pinned build backend of the wheel
PINS_CONSTRUCTION = PYPROJECT["build-system"]["requires"]


@pytest.fixture(scope="module")
def magasin(tmp_path_factory):
    """The few wheels these tests install, fetched once per module by pip
    from the registry; everything after that runs offline (``--no-index``)."""
    where = tmp_path_factory.mktemp("magasin")
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                           "--disable-pip-version-check", "-d", str(where),
                           *PINS_PLAYWRIGHT, *PINS_CONSTRUCTION],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.skip(f"pytest-playwright ou setuptools non téléchargeables ici (registre "
                    f"injoignable ?) : {proc.stderr.strip()[-300:]}")
    return where


def hors_ligne(magasin: Path) -> list[str]:
    return ["--no-index", "--find-links", str(magasin), "--disable-pip-version-check"]


def nouveau_venv(where: Path, chemins: list[str], paquets: list[str], magasin: Path) -> Path:
    """A new virtualenv whose sys.path also holds ``chemins`` (a .pth file)
    and where ``paquets`` are installed by pip from ``magasin``, without
    their dependencies (they are found through ``chemins``)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True,
                   timeout=120)
    python = where / "bin" / "python"
    site = Path(subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    (site / "projet.pth").write_text("".join(f"{c}\n" for c in chemins), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                           "--no-deps", *hors_ligne(magasin), *paquets],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return python


@pytest.fixture(scope="module")
def venv_playwright(tmp_path_factory, magasin):
    """A new virtualenv that sees this project's packages (a .pth file) and
    has pytest-playwright installed in its own site-packages."""
    return nouveau_venv(tmp_path_factory.mktemp("venv-playwright"),
                        [str(ROOT), sysconfig.get_paths()["purelib"]], PINS_PLAYWRIGHT, magasin)


def test_help_lists_both_plugins(venv_playwright, tmp_path):
    proc = subprocess.run([str(venv_playwright), "-m", "pytest", "-p", "no:cacheprovider",
                           "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=projet.env())
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    # pytest-playwright's group, its own options once, the harness's beside them
    assert "Playwright:" in out and "--browser-channel" in out and "--device" in out
    for name in ("--headed", "--slowmo", "--tracing", "--video", "--screenshot", "--output"):
        assert out.count(f"  {name}") == 1, name
    assert "--target=TARGET" in out and "--shard=i/n" in out and "--base-url=url" in out
    assert "on-first-retry" in out  # the harness's value, added to pytest-playwright's --tracing
    proc = subprocess.run([str(venv_playwright), "-c",
                           "import pytest_playwright, harness; print(pytest_playwright.__file__)"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert str(venv_playwright.parent.parent) in proc.stdout, "pytest-playwright du venv jetable"


def test_a_run_beside_pytest_playwright_uses_its_options(venv_playwright, tmp_path):
    path = projet.make(tmp_path / "projet")
    proc = projet.run(path, "--tracing", "retain-on-failure", "--screenshot", "only-on-failure",
                      "--output", "preuves", "--reports-dir", "rapports",
                      python=str(venv_playwright))
    out = proc.stdout + proc.stderr
    assert "1 failed, 1 passed" in out, out
    folders = [p for p in (path / "preuves").iterdir() if p.is_dir()]
    assert len(folders) == 1 and "echec" in folders[0].name, folders
    assert {"capture.png", "trace.zip"} <= {p.name for p in folders[0].iterdir()}


def test_make_acceptance_s_trace_on_first_retry_runs_beside_pytest_playwright(venv_playwright, tmp_path):
    """``on-first-retry`` is the harness's value of ``--tracing``: added to
    pytest-playwright's choices (argparse refused it before), honoured by
    the harness's pages: the failing scenario's rerun is traced, the green
    one records nothing."""
    path = projet.make(tmp_path / "projet")
    proc = projet.run(path, "--reruns", "1", "--tracing", "on-first-retry", "--output", "preuves",
                      "--reports-dir", "rapports", python=str(venv_playwright))
    out = proc.stdout + proc.stderr
    assert "1 failed, 1 passed, 1 rerun" in out, out
    folders = [p for p in (path / "preuves").iterdir() if p.is_dir()]
    assert len(folders) == 1 and "echec" in folders[0].name, folders
    assert "trace.zip" in {p.name for p in folders[0].iterdir()}


def test_a_feature_scenario_runs_beside_pytest_playwright(venv_playwright):
    proc = subprocess.run(
        [str(venv_playwright), "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q",
         "tests/acceptance", "--profile", "ie7-winxp", "-k", "seul_au_bout", "--maxfail", "1",
         "--reports-dir", os.path.join("reports", "beside-playwright")],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env=projet.env())
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and " passed" in out, out


# --- installed from its wheel (not editable), run from a project of one's own ---------

#: What the wheel is built from (a copy: the checkout gets no build/ folder).
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md",
           "browsers.yaml", "targets.yaml", "audit.yaml")
PAQUETS = ("simulator", "harness", "acteurs", "pages", "steps", "fixtures")
DEFAUTS = ("browsers.yaml", "targets.yaml", "audit.yaml", "fixtures/rules.yaml")


@pytest.fixture(scope="module")
def venv_roue(tmp_path_factory, magasin):
    """A QA team's environment: the project installed from its wheel (``pip
    wheel``, pyproject's pinned build backend), not editable, beside
    pytest-playwright, in a new virtualenv. The wheel's dependencies (the
    same pinned versions) are borrowed from this run's environment by a .pth
    line rather than downloaded again; this checkout is not on its path."""
    copie = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        shutil.copy2(ROOT / name, copie / name)
    for name in PAQUETS:
        shutil.copytree(ROOT / name, copie / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pool.yaml"))
    roues = tmp_path_factory.mktemp("roue")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                           *hors_ligne(magasin), "-w", str(roues), str(copie)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (roue,) = roues.glob("activite_partielle_recette-*.whl")
    return nouveau_venv(tmp_path_factory.mktemp("venv-roue"),
                        [str(dependances_seules(tmp_path_factory.mktemp("dependances")))],
                        [str(roue), *PINS_PLAYWRIGHT], magasin)


def dependances_seules(where: Path) -> Path:
    """This run's site-packages without this project's own (editable)
    install: links to every entry but its dist-info and finder, so that the
    wheel's venv sees the wheel's entry points only, not the checkout's."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    for entry in purelib.iterdir():
        if not entry.name.startswith(("activite_partielle_recette", "__editable__")):
            (where / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return where


def test_the_wheel_ships_the_default_files(venv_roue, tmp_path):
    code = ("import harness, pytest_playwright\n"
            "from harness import defauts\n"
            "print(harness.__file__)\n"
            f"for nom in {DEFAUTS!r}: print(defauts.fichier(nom, '.'))\n")
    proc = subprocess.run([str(venv_roue), "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env=projet.env())
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    venv = str(venv_roue.parent.parent)
    assert lines[0].startswith(venv), f"le harnais vient de {lines[0]}, pas de la roue installée"
    proc = subprocess.run([str(venv_roue), "-c", "from importlib.metadata import distributions\n"
                           "print(sum(d.metadata['Name'] == 'activite-partielle-recette' "
                           "for d in distributions()))"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout.strip() == "1", "le venv de la roue voit aussi l'installation du dépôt"
    for nom, chemin in zip(DEFAUTS, lines[1:]):
        assert chemin.startswith(venv), f"{nom} : {chemin}"
        assert Path(chemin).read_bytes() == (ROOT / nom).read_bytes(), f"{nom} : copie différente"


def test_installed_from_its_wheel_a_scenario_runs_outside_the_project(venv_roue, tmp_path):
    """A project of one's own, with no browsers.yaml, targets.yaml or rule
    catalogue: the wheel's defaults (profile ie7-winxp, target simulateur,
    the catalogue of the matrix) serve."""
    path = projet.make(tmp_path / "projet")
    assert not {p.name for p in path.iterdir()} & {"browsers.yaml", "targets.yaml", "fixtures"}
    proc = projet.run(path, "-k", "arguments_de_contexte", "--reports-dir", "rapports",
                      python=str(venv_roue))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "1 passed" in out, out
    doc = projet.results(path)
    assert [p["id"] for p in doc["profiles"]] == ["ie7-winxp"], doc["profiles"]
    assert "NAV-01" in (path / "rapports" / "matrix.md").read_text(encoding="utf-8")


def test_a_file_of_the_same_name_in_the_project_wins(venv_roue, tmp_path):
    path = projet.make(tmp_path / "projet")
    argv = ["--collect-only", "--target", "maison"]
    proc = projet.run(path, *argv, python=str(venv_roue), profile="ie7-maison")
    # without files of its own: the wheel's targets.yaml has no « maison »
    assert proc.returncode != 0 and "maison" in proc.stdout + proc.stderr, proc.stdout
    navigateurs = (ROOT / "browsers.yaml").read_text(encoding="utf-8")
    assert "id: ie7-winxp" in navigateurs
    (path / "browsers.yaml").write_text(navigateurs.replace("id: ie7-winxp", "id: ie7-maison"),
                                        encoding="utf-8")
    (path / "targets.yaml").write_text(
        "default: maison\ntargets:\n  maison:\n    description: « chez nous »\n"
        "    embedded: true\n    captcha: controle\n    courriel: embarque\n"
        "    horloge: controle\n    controle: true\n    comptes: controle\n", encoding="utf-8")
    proc = projet.run(path, *argv, python=str(venv_roue), profile="ie7-maison")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "[ie7-maison]" in out, out


def test_the_default_files_are_looked_up_in_order(tmp_path):
    """The user's project first, else the harness's copy (here, an editable
    install: this checkout's files)."""
    from harness import defauts
    for nom in DEFAUTS:
        assert defauts.fichier(nom, tmp_path) == ROOT / nom, nom
        assert defauts.fichier(nom) == ROOT / nom, nom
    (tmp_path / "fixtures").mkdir()
    for nom in DEFAUTS:
        (tmp_path / nom).write_text("# le fichier du projet\n", encoding="utf-8")
        assert defauts.fichier(nom, tmp_path) == tmp_path / nom, nom


# --- the page audit of an installed harness (issue 14) ---------------------------------

def _projet_audite(path: Path, outils: bool) -> Path:
    """A project of one's own auditing a deliberately faulty site (the pages
    of test_audit.py) by a bare --base-url, its audit.yaml turning the audit
    on; with ``outils``, the npm tools installed in it (a link to this
    checkout's node_modules, as ``npm install`` would leave them: no network)."""
    path.mkdir(parents=True)
    (path / "site.feature").write_text(FEATURE_SITE, encoding="utf-8")
    (path / "test_site.py").write_text(TESTS_SITE, encoding="utf-8")
    (path / "audit.yaml").write_text("defaut:\n  actif: true\n", encoding="utf-8")
    if outils:
        assert (ROOT / "node_modules" / "doiuse").is_dir(), "npm ci (scripts/setup.sh)"
        (path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return path


def _entree(document: dict, chemin: str, profil: str) -> dict:
    page = next(p for p in document["pages"] if p["chemin"] == chemin)
    return page["par_profil"][profil]


@pytest.fixture
def site_en_defaut(servir_http):
    return servir_http(pages_fixes(PAGES_EN_DEFAUT))


def test_installed_from_its_wheel_the_audit_runs_with_the_project_s_npm_tools(
        venv_roue, site_en_defaut, tmp_path):
    """The audit's entry point loads it in an installed harness; its npm
    tools come from the project's node_modules (the wheel has none)."""
    path = _projet_audite(tmp_path / "projet", outils=True)
    proc = projet.run(path, "--base-url", site_en_defaut, "--reports-dir", "rapports",
                      python=str(venv_roue), profile="ie8-winxp")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "1 passed" in out, out
    assert "non fait" not in out and "AUDIT INCOMPLET" not in out, out
    document = json.loads((path / "rapports" / "audit.json").read_text(encoding="utf-8"))
    assert document["non_fait"] == {}, document["non_fait"]
    ie8 = {f["feature"] for f in _entree(document, "/moderne", "ie8-winxp")["compat"]}
    assert {"fetch", "const", "css-grid", "html.elements.input.type_date"} <= ie8, ie8
    assert {"image-alt", "label"} <= {v["id"] for v in _entree(document, "/defauts", "ie8-winxp")["axe"]}
    erreurs = document["resume"]["ie8-winxp"]["compat"]["erreur"]
    assert f"[audit] 2 états de page ; compatibilité : {erreurs} erreur(s) ; RGAA : " in out, out
    assert "incompat." in (path / "rapports" / "matrix.md").read_text(encoding="utf-8")
    # --audit=non still turns it off, whatever the project's audit.yaml says
    proc = projet.run(path, "--base-url", site_en_defaut, "--reports-dir", "sans-audit",
                      "--audit=non", python=str(venv_roue), profile="ie8-winxp")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "[audit]" not in out, out
    assert not (path / "sans-audit" / "audit.json").exists()


def test_installed_from_its_wheel_without_npm_tools_the_audit_says_it_was_not_done(
        venv_roue, site_en_defaut, tmp_path):
    path = _projet_audite(tmp_path / "projet", outils=False)
    proc = projet.run(path, "--base-url", site_en_defaut, "--reports-dir", "rapports",
                      python=str(venv_roue), profile="ie8-winxp")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "1 passed" in out, out
    attendu = (f"[audit] audit de compatibilité non fait : outils npm introuvables "
               f"({', '.join(outils.COMPAT)} ; cherchés dans {path / 'node_modules'}) — "
               f"installez-les avec : npm install --save-exact ")
    assert attendu in out, out
    assert "[audit] audit d'accessibilité axe-core non fait : axe-core introuvable" in out, out
    assert "AUDIT INCOMPLET" in out and "compatibilité : 0 erreur(s)" not in out, out
    rapports = path / "rapports"
    document = json.loads((rapports / "audit.json").read_text(encoding="utf-8"))
    assert set(document["non_fait"]) == {"compatibilite", "axe"}, document["non_fait"]
    assert document["resume"]["ie8-winxp"]["non_fait"] == ["axe", "compatibilite"]
    # what could run did: the harness's own RGAA checks, the screenshots
    defauts = _entree(document, "/defauts", "ie8-winxp")
    assert {"regions", "autocomplete"} <= {c["id"] for c in defauts["verifications"]}, defauts
    assert defauts["capture"] and (rapports / defauts["capture"]).read_bytes().startswith(b"\x89PNG")
    html = (rapports / "audit.html").read_text(encoding="utf-8")
    assert "Audit incomplet — audit de compatibilité non fait : outils npm introuvables" in html
    matrice = (rapports / "matrix.md").read_text(encoding="utf-8")
    assert "audit incomplet : axe-core et compatibilité non vérifié(s), outils npm introuvables" in matrice, matrice
    assert "aucun constat" not in matrice
