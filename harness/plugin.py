"""The pytest wiring of the acceptance suite: options, the target and its
services, the browser profile matrix, what each scenario needs, and one
fresh browser page per scenario.

Loaded by the top ``conftest.py``. The French scenarios live in
``features/``; ``tests/acceptance/test_features.py`` collects them.

State shared by the hooks lives in ``config.stash``; its keys and readers
are in the leaf module ``harness/stash.py`` (``matrix_of(config)``,
``target_of(config)``), so that no plugin imports another to read it.
"""
from __future__ import annotations

import fnmatch
import os

import pytest

from harness import attente, besoins, bdd, defauts
from harness.echantillon import un_exemple_par_plan, une_par_regle
from harness import profiles as profiles_mod
from harness import options, rules, targets
from harness.stash import MATRIX_KEY, TARGET_KEY, matrix_of, profile_of, target_of
from harness.control import Control
from harness.mailpit import Mailpit
from harness.report import plugin as report
from harness.services import embedded_stack
from harness.ui import UI, EnginePool



# --------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------
def pytest_addoption(parser):
    g = parser.getgroup("recette", "Recette Activité Partielle")
    g.addoption("--target", default=os.environ.get("AP_TARGET", "simulateur"),
                help="cible nommée de targets.yaml (défaut : simulateur, démarré par le harnais)")
    g.addoption("--profile", action="append", default=[],
                help="profil de browsers.yaml (répétable, ou liste séparée par des virgules)")
    g.addoption("--engine", action="append", default=[],
                help="tous les profils d'un moteur : chromium, firefox, webkit (répétable)")
    g.addoption("--matrix", action="store_true",
                help="toute la matrice documentée de browsers.yaml")
    g.addoption("--une-par-regle", action="append", default=[], metavar="PROFILS",
                help="sur ces profils (ids ou motifs, virgules) : les scénarios les moins coûteux qui, "
                     "ensemble, portent chaque règle du catalogue (coût : les étapes, plus la lecture "
                     "d'un courriel) ; make test : chaque règle sur chaque moteur, la matrice complète "
                     "restant à make acceptance")
    g.addoption("--un-exemple-par-plan", action="store_true",
                help="de chaque plan du scénario, la première ligne d'« Exemples » seulement : "
                     "chaque scénario une fois par profil (un tour rapide d'une recette)")
    g.addoption("--patience", type=float, default=1.0, metavar="FACTEUR",
                help="multiplie les délais d'attente du harnais (pages, courriels) : 2 pour une cible "
                     "lente ; make mutation lance les premiers scénarios d'un mutant avec 0.5 "
                     "(un échec arrive plus tôt ; il n'est compté qu'une fois reproduit à 1)")
    g.addoption("--page-immobile", type=float, default=0.0, metavar="SECONDES",
                help="une attente d'élément ou de texte abandonne dès que la page est restée immobile "
                     "SECONDES (même adresse, même texte, aucune requête en cours) : un échec en "
                     "quelques secondes au lieu du délai entier, pour un site dont les pages arrivent "
                     "entières du serveur (make mutation : 2) ; 0 (défaut) : jamais ; sans effet sur "
                     "WebKitGTK (WebDriver ne montre pas le réseau)")
    g.addoption("--browsers-file", default=None,
                help="fichier de profils (défaut : browsers.yaml du projet, sinon celui du harnais)")
    g.addoption("--targets-file", default=None,
                help="fichier des cibles (défaut : targets.yaml du projet, sinon celui du harnais)")


def _split(values):
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def pytest_configure(config):
    patience = config.getoption("patience")
    if patience <= 0:
        raise pytest.UsageError(f"--patience : un facteur positif est attendu, pas {patience}")
    attente.regler_la_patience(patience)
    immobile = config.getoption("page_immobile")
    if immobile < 0:
        raise pytest.UsageError(f"--page-immobile : un nombre de secondes positif ou nul est attendu, "
                                f"pas {immobile}")
    UI.immobile = immobile
    for marker in rules.markers(defauts.pour(config, "rules_file", defauts.RULES)):
        config.addinivalue_line("markers", f"{marker}: étiquette des scénarios")
    config.addinivalue_line("markers", "profile: scénario exécuté sur un profil navigateur")
    try:   # a wrong file or option: its French message, not a traceback
        config.stash[MATRIX_KEY] = profiles_mod.load(
            defauts.pour(config, "browsers_file", "browsers.yaml"))
        target = config.stash[TARGET_KEY] = targets.resolve_target(
            # --base-url is pytest-base-url's (also its `base_url` ini key and
            # PYTEST_BASE_URL); AP_BASE_URL still works.
            config.getoption("target"), config.getoption("base_url") or os.environ.get("AP_BASE_URL"),
            os.environ.get("MAILPIT_URL"), defauts.pour(config, "targets_file", "targets.yaml"))
    except (profiles_mod.ProfileError, targets.TargetError) as error:
        raise pytest.UsageError(str(error)) from None
    try:
        choisis = selected_profiles(config)
        # A pattern naming no profile of browsers.yaml is a typo, as for
        # --profile; one naming no profile of *this* run is legitimate
        # (make test ARGS="--profile …") and said in the header.
        profiles_mod.check_patterns(_split(config.getoption("une_par_regle")),
                                    matrix_of(config).ids(), "--une-par-regle")
    except profiles_mod.ProfileError as error:
        raise pytest.UsageError(str(error)) from None
    report.set_profiles(config, choisis)
    report.set_target(config, target)
    # A target that does not answer: one clear error before any scenario.
    is_worker = hasattr(config, "workerinput")
    if not target.embedded and not is_worker and not config.option.collectonly:
        try:
            targets.preflight(target)
        except targets.TargetError as e:
            pytest.exit(str(e), returncode=3)


def pytest_report_header(config):
    """What ``--une-par-regle`` samples in this run, so that a pattern that
    names none of its profiles cannot go unnoticed."""
    motifs = _split(config.getoption("une_par_regle"))
    if not motifs:
        return None
    ids = [p.id for p in selected_profiles(config)]
    lignes = []
    for motif in motifs:
        vises = [i for i in ids if fnmatch.fnmatchcase(i, motif)]
        lignes.append(f"une par règle « {motif} » : " + (", ".join(vises) if vises else
                      "aucun profil de ce run, rien n'y est échantillonné"))
    return lignes


def selected_profiles(config):
    matrix = matrix_of(config)
    return profiles_mod.select(
        matrix, ids=_split(config.getoption("profile")),
        engines=_split(config.getoption("engine")), everything=config.getoption("matrix"))


# A scenario tagged with a support level of the guide runs only on the
# profiles of that level: @saisie_sans_signature (Chrome, NAV-04) or
# @supporte (every other documented browser).
SUPPORT_TAGS = ("supporte", "saisie_sans_signature")


def pytest_generate_tests(metafunc):
    if "profile" in metafunc.fixturenames:
        chosen = selected_profiles(metafunc.config)
        levels = {m.name for m in metafunc.definition.iter_markers()} & set(SUPPORT_TAGS)
        if levels:
            chosen = [p for p in chosen if p.support in levels]
        metafunc.parametrize("profile", [p.id for p in chosen], indirect=True)


# --------------------------------------------------------------------------
# Scenario guards and what a scenario needs (derived from its steps)
# --------------------------------------------------------------------------
def pytest_bdd_before_scenario(request, feature, scenario):
    """pytest-bdd silently passes a scenario with no steps of its own."""
    if not [s for s in scenario.steps if not s.background]:
        pytest.fail(f"Le scénario « {scenario.name} » ({feature.rel_filename}) n'a aucune étape.")


def pytest_runtest_setup(item):
    """A scenario whose steps need what the target lacks is skipped, with
    the French reason (the matrix and Allure show it)."""
    if "profile" not in getattr(item, "fixturenames", ()):
        return
    reason = targets.skip_reason(target_of(item.config), besoins.needs_of_item(item))
    if reason:
        pytest.skip(reason)


# --------------------------------------------------------------------------
# Fixtures: target, services, clients
# --------------------------------------------------------------------------
@pytest.fixture(scope="session")
def target(pytestconfig):
    return target_of(pytestconfig)


@pytest.fixture(scope="session")
def variante_du_simulateur(request):
    """What the embedded stack is built with: nothing, unless a plugin
    parametrizes this fixture (``metafunc.parametrize(..., indirect=True,
    scope="session")``) with context managers — make mutation gives each
    mutant one (harness/mutation/lot.py). Each param is entered before its
    own stack starts and left after it stops, so each param gets a fresh
    simulator and Mailpit while the browsers stay up."""
    param = getattr(request, "param", None)
    if param is None:
        yield None
        return
    with param:
        yield param


@pytest.fixture(scope="session")
def stack(target, tmp_path_factory, variante_du_simulateur):
    """``(base_url, mailpit_url or None)``: the embedded simulator and
    Mailpit, started for this process (or for each variant of the
    simulator, see ``variante_du_simulateur``) and stopped at the end; or
    the target's own site and mail server."""
    if target.embedded:
        with embedded_stack(tmp_path_factory.mktemp("pile"), control=True,
                            mailpit_url=target.mailpit_url) as urls:
            yield urls
    else:
        yield target.base_url, target.mailpit_url


# base_url: harness/prioritaires.py (it must win over pytest-base-url's).


@pytest.fixture(scope="session")
def mailpit(stack):
    if not stack[1]:
        pytest.skip("la cible ne permet pas de lire les courriels")
    client = Mailpit(stack[1])
    yield client
    client.close()


@pytest.fixture(scope="session")
def control(target, base_url):
    if not target.controle:
        pytest.skip(f"la cible « {target.name} » n'a pas d'interface de contrôle")
    client = Control(base_url)
    yield client
    client.close()


@pytest.fixture(autouse=True)
def _scenario_nomme(request):
    """make mutation (docs/mutation.md): tells the embedded simulator, when it
    measures which scenario reaches which line (SIM_COUVERTURE), that this
    scenario runs now, before anything of the scenario reaches it."""
    if (os.environ.get("SIM_COUVERTURE") and "profile" in request.fixturenames
            and target_of(request.config).embedded):
        request.getfixturevalue("control").nommer_le_scenario(request.node.nodeid)


@pytest.fixture
def lire_code_securite(target, request):
    """Reads the security code of a captcha id: control interface, or the
    fixed code the target uses, or the scenario is skipped."""
    if target.captcha == "controle":
        ctl = request.getfixturevalue("control")
        return ctl.captcha
    if target.captcha == "fixe":
        return lambda _captcha_id: target.captcha_code
    pytest.skip(f"la cible « {target.name} » ne permet pas de lire le code de sécurité")


# --------------------------------------------------------------------------
# Browsers: one engine per worker, one fresh page per scenario
# --------------------------------------------------------------------------
@pytest.fixture(scope="session")
def engines(pytestconfig):
    """``engines(name)``: the worker's ``EnginePool``, each engine started on
    first use (its version goes to the report) and closed at the end."""
    pool = EnginePool(matrix_of(pytestconfig), on_start=lambda name, engine:
                      report.record_engine_version(pytestconfig, name, engine.version()))
    yield pool.get
    pool.close()


@pytest.fixture
def profile(request):
    return matrix_of(request.config).profile(request.param)


@pytest.fixture
def nouvelle_page(engines, profile, base_url, request):
    """``nouvelle_page(nom="principal") -> UI``: the browser page of one
    person of the scenario, in its **own browser context** (own cookies) of
    the scenario's profile; the same name gives the same page. Each page is
    traced and audited like the first, its evidence kept if the scenario
    fails, and closed at the end of the scenario. --headed, --slowmo,
    --tracing, --video, --screenshot, --output and browser_context_args:
    harness/options.py."""
    from harness.audit import plugin as audit  # loaded beside this plugin (conftest.py)

    pages: dict = {}

    def ouvrir(nom: str = "principal"):
        if nom not in pages:
            page = options.ouvrir_page(request, engines(profile.engine), profile, base_url, nom)
            report.track_ui(request.node, page, nom)      # its evidence if the scenario fails
            audit.watch(request, page, profile)
            pages[nom] = page
        return pages[nom]

    yield ouvrir
    for nom, page in pages.items():
        options.fermer_page(request, page, nom)


@pytest.fixture
def ui(nouvelle_page):
    """The scenario's main browser page (its first person's)."""
    return nouvelle_page("principal")


def pytest_collection_modifyitems(config, items):
    """Drop the placeholder pytest makes for a scenario whose support level
    matches none of the selected profiles (not a skip: it does not apply),
    sample (``--une-par-regle``, ``--un-exemple-par-plan``),
    group scenario runs by profile so that workers keep browsers warm, and
    mark each scenario with the needs of its steps (``harness.besoins``)."""
    order: dict[str | None, int] = {p.id: i for i, p in enumerate(matrix_of(config).profiles)}
    kept: list = []
    dropped: list = []
    for item in items:
        applies = "profile" not in getattr(item, "fixturenames", ()) or profile_of(item) in order
        (kept if applies else dropped).append(item)
    besoins.mark_needs(kept, besoins.Matcher(bdd.step_definitions()))  # before the sample: its cost
    echantillon = _split(config.getoption("une_par_regle"))
    if echantillon:
        regles = set(rules.load(defauts.pour(config, "rules_file", defauts.RULES)).rules)
        kept, en_trop = une_par_regle(kept, regles, echantillon)
        dropped += en_trop
    if config.getoption("un_exemple_par_plan"):
        kept, en_trop = un_exemple_par_plan(kept)
        dropped += en_trop
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    kept.sort(key=lambda it: order.get(profile_of(it), -1))
    items[:] = kept
