"""The layers of docs/architecture.md, and who may import whom (issue 12):

    features/ → steps/ → acteurs/ → pages/ → harness/ui/ → engines
    harness/clients/ (service clients) and simulator/ beside them.

- a page object imports no backend, no Playwright/Selenium, no httpx, no
  service client and never the simulator;
- a step uses no locator (``label=``, ``role=``, ``text=``), never reaches
  a browser page (``.ui``), does not poll, and imports no page object (only
  the guide's texts, ``pages.textes``), no client, no engine library;
- an actor's task or question finds nothing itself (no locator) and drives
  no engine directly;
- nothing outside ``simulator/`` and ``tests/simulator/`` imports the
  simulator: the same tests run against the real site;
- no import cycle inside ``harness/``, a function-level import included
  (plugins share their state through the leaf ``harness/stash.py``).

Each rule is checked on the project, then shown able to fail on a sample."""
from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENGINES = {"playwright", "selenium"}
LOCATOR_KWARGS = {"label", "role", "text"}
SKIP_DIRS = {".venv", "node_modules", ".git", "reports", "build", "__pycache__"}


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py")
                  if not SKIP_DIRS & set(p.relative_to(ROOT).parts))


def imports(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def parse(path_or_text) -> ast.AST:
    if isinstance(path_or_text, Path):
        return ast.parse(path_or_text.read_text(encoding="utf-8"), filename=str(path_or_text))
    return ast.parse(path_or_text)


# --- the rules, as functions of a module's tree: the list of breaches ---------------------------


def page_object_breaches(tree: ast.AST) -> list[str]:
    bad = []
    for name in sorted(imports(tree)):
        top = name.split(".")[0]
        if top in ENGINES | {"httpx", "simulator"}:
            bad.append(f"importe {name}")
        elif name.startswith(("harness.ui.playwright_backend", "harness.ui.webdriver_backend",
                              "harness.clients", "harness.mailpit", "harness.control", "harness.services")):
            bad.append(f"importe {name}")
    return bad


def step_breaches(tree: ast.AST) -> list[str]:
    bad = []
    for name in sorted(imports(tree)):
        top = name.split(".")[0]
        if top in ENGINES | {"httpx", "simulator", "time"}:
            bad.append(f"importe {name}")
        elif name.startswith(("harness.ui", "harness.clients", "harness.mailpit", "harness.control")):
            bad.append(f"importe {name}")
        elif top == "pages" and name not in ("pages", "pages.textes") and not name.startswith("pages.textes."):
            bad.append(f"importe l'objet de page {name} (une étape passe par une tâche ou une question)")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            used = {k.arg for k in node.keywords} & LOCATOR_KWARGS
            if used:
                bad.append(f"ligne {node.lineno} : localisateur {sorted(used)}")
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ("patienter", "sleep", "wait_for_text"):
                bad.append(f"ligne {node.lineno} : attente {func.attr}()")
        if isinstance(node, ast.Attribute) and node.attr in ("ui", "pages", "page"):
            bad.append(f"ligne {node.lineno} : .{node.attr} (une page du navigateur, dans une étape)")
        if isinstance(node, ast.While):
            bad.append(f"ligne {node.lineno} : boucle while (attente)")
    return bad


def actor_breaches(tree: ast.AST) -> list[str]:
    bad = [f"importe {n}" for n in sorted(imports(tree)) if n.split(".")[0] in ENGINES | {"simulator"}
           or n.startswith(("harness.ui.playwright_backend", "harness.ui.webdriver_backend"))]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            used = {k.arg for k in node.keywords} & LOCATOR_KWARGS
            if used:
                bad.append(f"ligne {node.lineno} : localisateur {sorted(used)}")
    return bad


def simulator_breaches(tree: ast.AST) -> list[str]:
    return [f"importe {n}" for n in sorted(imports(tree)) if n.split(".")[0] == "simulator"]


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:`` (never imported at run time)."""
    return {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test) for b in node.body for n in ast.walk(b)}


def internal_imports(module: str, is_package: bool, tree: ast.AST, known: set[str]) -> set[str]:
    """The modules of `known` that `module` imports, anywhere in it (a
    function's import too), relative imports resolved, TYPE_CHECKING apart."""
    package = module if is_package else module.rpartition(".")[0]
    skip, found = _type_checking_only(tree), set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_cycle(modules: dict[str, tuple[bool, ast.AST]]) -> list[str] | None:
    """One import cycle among `modules` (name → (is a package, tree)), or None."""
    known = set(modules)
    graph = {name: internal_imports(name, pkg, tree, known) for name, (pkg, tree) in modules.items()}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return list(error.args[1])
    return None


# --- on the project ----------------------------------------------------------------------------


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


PAGES = python_files("pages")
STEPS = python_files("steps")
ACTEURS = python_files("acteurs")
OUTSIDE_SIMULATOR = [p for p in python_files(".") if not p.relative_to(ROOT).parts[0] == "simulator"
                     and p.relative_to(ROOT).parts[:2] != ("tests", "simulator")]


@pytest.mark.parametrize("path", PAGES, ids=_ids(PAGES))
def test_un_objet_de_page_ne_voit_que_l_interface_ui(path):
    assert not page_object_breaches(parse(path)), page_object_breaches(parse(path))


@pytest.mark.parametrize("path", STEPS, ids=_ids(STEPS))
def test_une_etape_est_une_phrase_vers_une_tache_ou_une_question(path):
    assert not step_breaches(parse(path)), step_breaches(parse(path))


@pytest.mark.parametrize("path", ACTEURS, ids=_ids(ACTEURS))
def test_un_acteur_passe_par_les_objets_de_page(path):
    assert not actor_breaches(parse(path)), actor_breaches(parse(path))


def test_rien_hors_du_simulateur_n_importe_le_simulateur():
    fautifs = {str(p.relative_to(ROOT)): simulator_breaches(parse(p)) for p in OUTSIDE_SIMULATOR}
    assert not {k: v for k, v in fautifs.items() if v}


def test_pas_de_cycle_d_imports_dans_le_harnais():
    modules = {module_name(p): (p.name == "__init__.py", parse(p)) for p in python_files("harness")}
    assert "harness.plugin" in modules and "harness.stash" in modules
    cycle = import_cycle(modules)
    assert cycle is None, "cycle d'imports : " + " → ".join(cycle or [])


def test_les_couches_existent():
    assert PAGES and STEPS and ACTEURS and (ROOT / "pages" / "textes.py").exists()
    for ancien in ("courriels.py", "connexions_simultanees.py", "navigateur.py"):
        assert not (ROOT / "pages" / ancien).exists(), f"pages/{ancien} est un client de service, pas une page"


# --- each rule can fail ---------------------------------------------------------------------------


def test_la_regle_des_pages_voit_un_moteur_httpx_ou_le_simulateur():
    code = ("from playwright.sync_api import Page\nimport httpx\nfrom simulator import messages\n"
            "from harness.ui.webdriver_backend import WebDriverUI\nfrom harness.clients.courriels import B\n")
    assert len(page_object_breaches(parse(code))) >= 5


def test_la_regle_des_etapes_voit_un_localisateur_une_page_et_une_attente():
    code = ("from pages.accueil import PageAccueil\n"
            "def etape(acteur):\n"
            "    acteur.ui.click(role='button', name='VALIDER')\n"
            "    acteur.pages.page.patienter(lambda: True)\n"
            "    while True:\n"
            "        break\n")
    bad = step_breaches(parse(code))
    assert any("localisateur" in b for b in bad) and any(".ui" in b for b in bad)
    assert any("patienter" in b for b in bad) and any("while" in b for b in bad)
    assert any("objet de page" in b for b in bad)


def test_la_regle_des_etapes_accepte_les_textes_du_guide():
    assert not step_breaches(parse("from pages import textes\nfrom acteurs import taches\n"))


def test_la_regle_des_acteurs_voit_un_localisateur():
    assert actor_breaches(parse("def t(a):\n    a.ui.fill('x', label='Nom* :')\n"))


def test_la_regle_du_simulateur_voit_un_import():
    assert simulator_breaches(parse("from simulator.messages import VERROUILLE\n"))


def test_la_regle_des_cycles_voit_un_import_dans_une_fonction_et_un_import_relatif():
    modules = {
        "harness": (True, parse("")),
        "harness.plugin": (False, parse("from harness import options\n")),
        "harness.options": (False, parse("def f():\n    from harness.report import plugin\n")),
        "harness.report": (True, parse("")),
        "harness.report.plugin": (False, parse("from ..audit import plugin as audit\n")),
        "harness.audit": (True, parse("")),
        "harness.audit.plugin": (False, parse("import harness.plugin\n")),
    }
    assert set(import_cycle(modules)) == {"harness.plugin", "harness.options", "harness.report.plugin",
                                          "harness.audit.plugin"}
    modules["harness.audit.plugin"] = (False, parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import harness.plugin\nfrom harness import stash\n"))
    modules["harness.stash"] = (False, parse("import pytest\n"))
    assert import_cycle(modules) is None
