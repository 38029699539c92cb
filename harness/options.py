"""The browser options QA teams know from pytest-playwright, on every engine
of the harness.

Same names and values as pytest-playwright 0.7:

- ``--headed``: browsers with a window. Playwright: ``headless=False``
  (needs an X display: ``DISPLAY``); WebKitGTK (WebDriver): the harness
  does not start its own hidden Xvfb and uses ``DISPLAY`` instead;
- ``--slowmo MS``: Playwright's ``slow_mo`` (each protocol call waits MS ms);
  WebDriver: a pause of MS ms before each action of the page (goto, fill,
  type, paste, click, hover, check, select, back);
- ``--tracing on|off|retain-on-failure|on-first-retry`` (default
  ``retain-on-failure``): a Playwright trace per page; WebKitGTK cannot
  (said once, in French). ``on-first-retry`` is Playwright Test's own
  value (not pytest-playwright's): no trace on a first attempt, one on the
  first rerun of a failed scenario (``--reruns``, pytest-rerunfailures),
  kept whatever its outcome — a green run pays nothing for it (`make
  acceptance`: ``--reruns 1 --tracing on-first-retry``);
- ``--video on|off|retain-on-failure`` (default ``off``): Playwright's
  ``record_video_dir``; WebKitGTK cannot (said once);
- ``--screenshot on|off|only-on-failure`` (default ``only-on-failure``): a
  capture and the page's HTML at the end of each scenario (every engine);
- ``--output DIR`` (default ``reports/evidence``): where all of this goes,
  one folder per scenario run.

The evidence option of earlier versions (on-failure, always, never) folds into these:
``--screenshot only-on-failure|on|off`` (and ``--tracing`` for the trace).

When pytest-playwright is installed (it defines the same options), the
harness does not add them again: it reads pytest-playwright's, so both
plugins live in one environment (their defaults then apply: ``off``, and
``test-results`` for ``--output``); it adds ``on-first-retry`` to
pytest-playwright's ``--tracing``, so `make acceptance` runs there too.

``browser_context_args`` (fixture, as in pytest-playwright): extra
arguments of every new browser context, to override in a ``conftest.py``
(per profile: the fixture may ask for ``profile``) or per test with the
marker ``@pytest.mark.browser_context_args(**kwargs)``. Playwright takes
them all (``Browser.new_context``); WebDriver takes ``user_agent`` and
``viewport`` and says once which keys it cannot honour.

The page factory (fixture ``nouvelle_page``) calls two functions::

    ui = options.ouvrir_page(request, engine, profile, base_url, nom)
    ...
    options.fermer_page(request, ui, nom)   # evidence kept, then closed

and the report reads the evidence of a run with ``options.preuves_de(item)``.

PYTEST_DONT_REWRITE: the audit plugin (its own entry point) imports this
module before ``harness.pytest_plugin`` registers it; it has no assert for
pytest to rewrite, and without this mark every run warned that it could not.
"""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import time
import unicodedata
import warnings
from hashlib import sha1
from pathlib import Path

import pytest

from harness import etat, stash

TRACING = ("on", "off", "retain-on-failure", "on-first-retry")
VIDEO = ("on", "off", "retain-on-failure")
SCREENSHOT = ("on", "off", "only-on-failure")
DEFAULTS = {"tracing": "retain-on-failure", "video": "off", "screenshot": "only-on-failure",
            "output": os.path.join("reports", "evidence")}

_echec_key = pytest.StashKey[bool]()
_preuves_key = pytest.StashKey[dict]()
_dits: set = set()   # messages already said in this process
_sans_video: set = set()   # Playwright engines that cannot record (no ffmpeg)


class OptionNavigateur(pytest.PytestWarning):
    """An option an engine cannot honour (said once per process)."""


# --- pytest-playwright beside us ------------------------------------------------

def plugin_playwright_charge(pluginmanager) -> bool:
    """Whether pytest-playwright is (or is about to be) loaded in this run:
    already registered, or installed with plugin autoload on and not
    blocked with ``-p no:playwright``."""
    if pluginmanager.has_plugin("playwright") or pluginmanager.has_plugin(
            "pytest_playwright.pytest_playwright"):
        return True
    if pluginmanager.is_blocked("playwright"):
        return False
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    from importlib.metadata import entry_points

    return any(ep.value == "pytest_playwright.pytest_playwright"
               for ep in entry_points(group="pytest11"))


_parseur: list = []   # the run's parser, when pytest-playwright defines the options


def _tracing_etendu(parser) -> None:
    """pytest-playwright's ``--tracing`` takes on, off and retain-on-failure;
    the harness adds ``on-first-retry`` to it, so that `make acceptance`'s
    ``--reruns 1 --tracing on-first-retry`` runs beside pytest-playwright
    too. The harness's pages honour it; pytest-playwright's own ``page``
    fixture reads it as « no trace »."""
    actions = getattr(getattr(parser, "optparser", None), "_option_string_actions", {})  # pytest 9's argparse
    action = actions.get("--tracing")
    if action is not None and action.choices and "on-first-retry" not in action.choices:
        action.choices = (*action.choices, "on-first-retry")
        action.help = f"{action.help or ''} ; on-first-retry (recette AP) : seulement à la première relance"


def pytest_plugin_registered(plugin, manager):
    """pytest-playwright registered after the harness: its options exist now."""
    for parser in _parseur:
        _tracing_etendu(parser)


def pytest_addoption(parser, pluginmanager):
    if plugin_playwright_charge(pluginmanager):
        _parseur[:] = [parser]
        _tracing_etendu(parser)
        return      # pytest-playwright's own options are read instead
    g = parser.getgroup("playwright", "Navigateurs (noms et valeurs de pytest-playwright)")
    g.addoption("--headed", action="store_true", default=False,
                help="navigateurs avec fenêtre (il faut un écran : DISPLAY)")
    g.addoption("--slowmo", type=int, default=0, metavar="MS",
                help="ralentit chaque action de MS millisecondes")
    g.addoption("--tracing", choices=TRACING, default=DEFAULTS["tracing"],
                help="trace Playwright de chaque page : on, off, retain-on-failure (défaut : "
                     "gardée en cas d'échec ; off est plus rapide), on-first-retry (seulement "
                     "à la première relance d'un scénario en échec, avec --reruns)")
    g.addoption("--video", choices=VIDEO, default=DEFAULTS["video"],
                help="vidéo de chaque page (Playwright) : on, off (défaut), retain-on-failure")
    g.addoption("--screenshot", choices=SCREENSHOT, default=DEFAULTS["screenshot"],
                help="capture et HTML de la page en fin de scénario : on, off, "
                     "only-on-failure (défaut)")
    g.addoption("--output", default=DEFAULTS["output"], metavar="DOSSIER",
                help="dossier des preuves, un sous-dossier par scénario (défaut : reports/evidence)")


def option(config, name: str):
    """An option's value, whoever defined it (the harness or pytest-playwright)."""
    value = config.getoption(name, default=None)
    return DEFAULTS.get(name) if value is None else value


def dossier_preuves(config) -> Path:
    out = Path(option(config, "output"))
    return out if out.is_absolute() else (Path(str(config.rootpath)) / out).resolve()


# --- engines: headed, slowmo ------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ReglagesAvecOptions:
    """Marker base: engine settings with the run's options applied."""


def reglages_moteur(settings, *, headed: bool = False, slowmo: int = 0, environ=None):
    """The settings of one engine (``harness.profiles.EngineSettings``) with
    ``--headed`` and ``--slowmo`` applied. Returns a copy that also carries
    ``slow_mo`` (ms; read by the Playwright backend at launch)."""
    environ = os.environ if environ is None else environ
    changes: dict[str, object] = {}
    if headed:
        if not environ.get("DISPLAY") and not settings.remote:
            raise pytest.UsageError(
                "--headed : aucun écran (la variable DISPLAY est absente). Lancez la recette "
                "sous un serveur X (par exemple xvfb-run) ou sans --headed.")
        changes["headless"] = False
        if settings.kind == "webdriver":
            changes["xvfb"] = "inherit"   # WebKitGTK on the user's own display
    cls = _with_slow_mo(type(settings))
    fields = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)
              if f.name != "slow_mo"}
    return cls(**{**fields, **changes, "slow_mo": int(slowmo or 0)})


_classes: dict = {}


def _with_slow_mo(base):
    if issubclass(base, ReglagesAvecOptions):
        return base
    if base not in _classes:
        _classes[base] = dataclasses.make_dataclass(
            base.__name__, [("slow_mo", int, dataclasses.field(default=0))],
            bases=(base, ReglagesAvecOptions), frozen=True)
    return _classes[base]


def appliquer_aux_moteurs(config, matrix) -> None:
    """Apply ``--headed`` and ``--slowmo`` to every engine of the matrix (in
    place: ``matrix.engines``), before any engine starts."""
    headed, slowmo = bool(option(config, "headed")), int(option(config, "slowmo") or 0)
    for name, settings in list(matrix.engines.items()):
        matrix.engines[name] = reglages_moteur(settings, headed=headed, slowmo=slowmo)


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser_context_args(**kwargs): arguments de plus pour le contexte navigateur")
    matrix = stash.matrix_or_none(config)
    if matrix is not None:
        appliquer_aux_moteurs(config, matrix)


# --- messages said once -----------------------------------------------------------

def dire_une_fois(message: str) -> None:
    if message not in _dits:
        _dits.add(message)
        warnings.warn(OptionNavigateur(message), stacklevel=2)


def _webdriver(engine) -> bool:
    return type(engine).__name__.startswith("WebDriver") or getattr(
        getattr(engine, "settings", None), "kind", "") == "webdriver"


def _moteur_lisible(engine) -> str:
    return "WebKitGTK (WebDriver)" if getattr(engine, "name", "") == "webkit" else \
        f"{getattr(engine, 'name', '?')} (WebDriver)"


# --- browser_context_args -------------------------------------------------------

def arguments_contexte(request, profile) -> dict:
    """The context arguments of this test: the fixture, then the marker."""
    try:
        args = dict(request.getfixturevalue("browser_context_args") or {})
    except pytest.FixtureLookupError:   # harness/prioritaires.py not loaded
        args = {}
    for marker in reversed(list(request.node.iter_markers("browser_context_args"))):
        args.update(marker.kwargs)
    args.pop("base_url", None)   # the harness gives its own (target or simulator)
    return args


def _profil_ajuste(profile, args: dict):
    """The profile with ``user_agent`` / ``viewport`` taken from ``args``."""
    changes = {}
    if "user_agent" in args:
        changes["user_agent"] = args.pop("user_agent")
    if "viewport" in args:
        viewport = args.pop("viewport")
        changes["viewport"] = dataclasses.replace(
            profile.viewport, width=int(viewport["width"]), height=int(viewport["height"]))
    return dataclasses.replace(profile, **changes) if changes else profile


# --- one page ---------------------------------------------------------------------

class Ralenti:
    """A UI whose actions each wait ``ms`` milliseconds first (``--slowmo``
    on WebDriver, which has no such setting)."""

    ACTIONS = frozenset({"goto", "back", "fill", "type", "paste", "click", "hover", "check",
                         "select"})

    def __init__(self, ui, ms: int):
        self._ui, self._ms = ui, ms

    def __getattr__(self, name):
        value = getattr(self._ui, name)
        if name in self.ACTIONS and callable(value):
            def slowed(*args, **kwargs):
                time.sleep(self._ms / 1000)
                return value(*args, **kwargs)
            return slowed
        return value

    def __setattr__(self, name, value):
        if name in ("_ui", "_ms"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._ui, name, value)


def _brut(ui):
    return ui._ui if isinstance(ui, Ralenti) else ui


def ouvrir_page(request, engine, profile, base_url: str, nom: str = "principal"):
    """A new browser context of ``profile`` on ``engine``, with the context
    arguments, the video and the trace the options ask for."""
    config = request.config
    args = arguments_contexte(request, profile)
    webdriver = _webdriver(engine)
    video = option(config, "video") != "off"
    tracing = trace_demandee(request)
    if webdriver:
        profile = _profil_ajuste(profile, args)
        if args:
            dire_une_fois(f"browser_context_args : {_moteur_lisible(engine)} n'applique que "
                          f"user_agent et viewport ; ignoré : {', '.join(sorted(args))}")
        if video:
            dire_une_fois(f"--video : {_moteur_lisible(engine)} ne sait pas filmer ; "
                          f"pas de vidéo pour les profils de ce moteur")
        if tracing and option(config, "tracing") == "on":
            dire_une_fois(f"--tracing : {_moteur_lisible(engine)} n'a pas de trace Playwright ; "
                          f"capture et HTML seulement pour les profils de ce moteur")
        ui = engine.new_ui(profile, base_url)
    else:
        name = getattr(engine, "name", "?")
        if video and name not in _sans_video:
            videos = dossier_preuves(config) / ".videos"
            videos.mkdir(parents=True, exist_ok=True)
            args["record_video_dir"] = str(videos)
            args.setdefault("record_video_size", {"width": profile.viewport.width,
                                                  "height": profile.viewport.height})
        try:
            ui = engine.new_ui(profile, base_url, **args) if args else engine.new_ui(profile, base_url)
        except Exception as error:  # noqa: BLE001 - only the video is given up, said once
            if "record_video_dir" not in args or "ffmpeg" not in str(error):
                raise
            _sans_video.add(name)
            dire_une_fois(f"--video : l'encodeur vidéo de Playwright (ffmpeg) est absent pour "
                          f"{name} (`playwright install ffmpeg`) ; pas de vidéo, le reste continue")
            args.pop("record_video_dir"), args.pop("record_video_size", None)
            ui = engine.new_ui(profile, base_url, **args) if args else engine.new_ui(profile, base_url)
        if tracing:
            ui.start_trace()
    slowmo = int(option(config, "slowmo") or 0)
    return Ralenti(ui, slowmo) if webdriver and slowmo else ui


def preuves_de_relance(config, item) -> bool:
    """The first rerun of a scenario under ``--tracing on-first-retry``: it
    records a trace, and keeps its evidence (capture, HTML, trace) even
    when it passes: it tells why the first attempt failed (« instable »)."""
    return option(config, "tracing") == "on-first-retry" and etat.tentatives(item) == 2


def trace_demandee(request) -> bool:
    """Whether this page records a Playwright trace (``--tracing``): with
    ``on-first-retry``, only on the first rerun of its scenario."""
    mode = option(request.config, "tracing")
    if mode == "on-first-retry":
        if not request.config.getoption("reruns", None):
            dire_une_fois("--tracing on-first-retry sans --reruns : aucun scénario n'est relancé, "
                          "donc aucune trace")
        return preuves_de_relance(request.config, request.node)
    return mode != "off"


def _garder(mode: str, echec: bool) -> bool:
    return mode == "on" or (mode in ("retain-on-failure", "only-on-failure") and echec)


def slug(nodeid: str) -> str:
    """A folder name for a test id: readable, ASCII, unique (short hash)."""
    name = unicodedata.normalize("NFKD", nodeid.split("::")[-1])
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")[:80] or "test"
    return f"{name}-{sha1(nodeid.encode()).hexdigest()[:8]}"


def a_echoue(item) -> bool:
    return item.stash.get(_echec_key, False)


def mode_preuves(config) -> str:
    """When the report saves a page's capture, HTML and trace
    (``harness/report/evidence.py``): ``always``, ``on-failure`` or
    ``never``, from ``--screenshot`` and ``--tracing``."""
    shot, trace = option(config, "screenshot"), option(config, "tracing")
    if "on" in (shot, trace):
        return "always"
    if shot == "off" and trace == "off":
        return "never"
    return "on-failure"


def fermer_page(request, ui, nom: str = "principal") -> dict:
    """End of a page: its trace stopped (the report has kept it if it
    wanted it), its context closed, its video kept as ``--video`` says
    (each part tried on its own: evidence never hides the scenario's own
    error). Returns what was kept (absolute paths)."""
    item = request.node
    config = item.config
    echec = a_echoue(item)
    ui = _brut(ui)
    folder = dossier_preuves(config) / slug(item.nodeid)
    prefix = "" if nom == "principal" else f"{nom}-"
    kept: dict = {}
    problems: list[str] = []
    video_mode = option(config, "video")
    video_src = None
    if video_mode != "off":
        try:
            video = getattr(getattr(ui, "page", None), "video", None)
            video_src = Path(video.path()) if video is not None else None
        except Exception as error:  # noqa: BLE001
            problems.append(f"vidéo : {error}")
    try:
        ui.stop_trace(None)
    except Exception as error:  # noqa: BLE001
        problems.append(f"trace : {error}")
    try:
        ui.close()
    finally:
        if video_src is not None:
            try:
                if _garder(video_mode, echec) and video_src.exists():
                    folder.mkdir(parents=True, exist_ok=True)
                    path = folder / f"{prefix}video.webm"
                    shutil.move(str(video_src), path)
                    kept[f"{prefix}video"] = str(path)
                    _attacher(path, "Vidéo" + (f" ({nom})" if prefix else ""), "video")
                else:
                    video_src.unlink(missing_ok=True)
            except Exception as error:  # noqa: BLE001
                problems.append(f"vidéo : {error}")
    if problems:
        kept[f"{prefix}problems"] = problems
    if kept:
        item.stash.setdefault(_preuves_key, {}).update(kept)
    return kept


def preuves_de(item, relative_to: Path | None = None) -> dict | None:
    """The evidence the pages of this run kept (None if none): paths relative
    to ``relative_to`` (the reports folder) for the matrix's links."""
    kept = item.stash.get(_preuves_key, None)
    if not kept:
        return None
    if relative_to is None:
        return dict(kept)
    out = {}
    for key, value in kept.items():
        if isinstance(value, str) and os.path.isabs(value):
            value = Path(os.path.relpath(value, relative_to)).as_posix()
        out[key] = value
    return out


TRACE_CONTENT_TYPE = "application/vnd.allure.playwright-trace"


def _attacher(path: Path, name: str, kind: str) -> None:
    try:
        import allure
    except ImportError:  # pragma: no cover
        return
    try:
        if kind == "png":
            allure.attach.file(str(path), name=name, attachment_type=allure.attachment_type.PNG)
        elif kind == "html":
            allure.attach.file(str(path), name=name, attachment_type=allure.attachment_type.HTML)
        elif kind == "video":
            allure.attach.file(str(path), name=name, attachment_type=allure.attachment_type.WEBM)
        else:
            allure.attach.file(str(path), name=name, attachment_type=TRACE_CONTENT_TYPE,
                               extension="zip")
    except Exception:  # noqa: BLE001 - no running Allure test: the files stay on disk
        pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when in ("setup", "call") and report.failed:
        item.stash[_echec_key] = True


def pytest_runtest_setup(item):
    item.stash[_echec_key] = False
    item.stash[_preuves_key] = {}
