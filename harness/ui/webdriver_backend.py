"""The ``UI`` on WebDriver (Selenium): WebKitGTK here, any engine on a Grid.

Local WebKit: Debian's WebKitWebDriver drives MiniBrowser (the only WebKit
that runs on these machines; Playwright's WebKit cannot). MiniBrowser needs
an X display and a session start *hangs* without one, so the engine starts
its own Xvfb (xvfbwrapper) unless told to inherit $DISPLAY, and fails fast
when there is none.

Per worker the engine keeps the Xvfb and the WebKitWebDriver server; each
scenario gets a new session, i.e. a new MiniBrowser process (≈ 0.25 s to
start and 0.25 s to quit, measured): nothing — cookies, storage, cache,
history — can leak from one scenario to the next, which reusing one session
and wiping it could not promise on a real site with several domains.

Remote: ``grid_url`` gives a Selenium Grid (webdriver.Remote) for any engine.

Elements are found by ``dom.js``, run in the page, which mirrors Playwright's
get_by_label / get_by_role / get_by_text(exact=True).
"""
from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import urllib3
from selenium import webdriver
from selenium.common.exceptions import (ElementClickInterceptedException,
                                        ElementNotInteractableException,
                                        InvalidElementStateException,
                                        JavascriptException,
                                        NoSuchElementException,
                                        NoSuchFrameException,
                                        NoSuchWindowException,
                                        StaleElementReferenceException)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support.ui import Select
from selenium.webdriver.webkitgtk.options import Options as WebKitOptions
from selenium.webdriver.webkitgtk.service import Service as WebKitService

from harness.attente import attendre, attendre_sans_echec, echelle
from harness.processus import descendants

from .base import UI, ElementNotFound, Engine
from .common import (CLIPBOARD_SOURCE_JS, DOM_JS, ELEMENT_TEXT_JS, LOCALE, OPTIONS_JS,
                     PAGE_TEXT_JS, POLL_SECONDS, REMOVE_CLIPBOARD_SOURCE_JS,
                     EngineUnavailable, absolute_url, fold, not_found, split_where,
                     wait_for_text)

FIND_JS = DOM_JS + "\nreturn harness.find(arguments[0]);"
IS_EDITABLE_JS = DOM_JS + "\nreturn harness.isEditable(arguments[0]);"

# A session starts in ≈ 0.3 s on an idle machine, but measured at load ~17
# on 2 cores: up to 12 s for a session of a running engine, up to 21.5 s for
# an engine's start with its first session (54 starts, 2 workers, no hang).
# 30 s was too close to that: a slow start was taken for a hang. The limit
# only catches a browser that died starting (the driver then waits for ever).
SESSION_START_SECONDS = 120

# click(): the page notes the navigation the click starts, and the click
# waits until the new page has loaded (dom.js, watchNavigation).
WATCH_NAVIGATION_JS = DOM_JS + "\nharness.watchNavigation();"
NAVIGATION_STATE_JS = DOM_JS + "\nreturn harness.navigationState();"

# Big enough for any window of the matrix plus the browser's own toolbar.
XVFB_SCREEN = (2560, 1600)

# An element that exists but is not ready yet (covered, disabled, replaced
# by a re-render): try again until the time-out, as Playwright does.
NOT_READY = (StaleElementReferenceException, ElementNotInteractableException,
             ElementClickInterceptedException, InvalidElementStateException)

# A script run while the document is being replaced by a navigation: try
# again on the new one. WebKitWebDriver answers « no such frame: Callback was
# not called before the unload event » (NoSuchFrameException) where the
# others raise a JavascriptException (seen in a fresh-clone make test).
PAGE_REPLACED = (JavascriptException, NoSuchFrameException)


class WebDriverEngine(Engine):
    def __init__(self, name: str, settings):
        self.name = name
        self.settings = settings
        self._xvfb: Any = None
        self._service: WebKitService | None = None
        self._version: str | None = None
        self._window_chrome = (0, 0)  # the browser's toolbars, once measured
        #: the next scenario's browser, being started (``spare_session``)
        self._spare: tuple[tuple, Future] | None = None
        self._spares: ThreadPoolExecutor | None = None
        if settings.grid_url:
            self._executor = settings.grid_url
        elif name == "webkit":
            self._executor = self._start_local_webkit()
        else:
            raise EngineUnavailable(
                f"{name} : le WebDriver local ne sert que pour webkit ; utilisez kind: playwright, "
                f"ou donnez une Selenium Grid avec grid_url / HARNESS_{name.upper()}_GRID_URL")
        atexit.register(self.close)

    def _start_local_webkit(self) -> str:
        settings = self.settings
        for what, path, variable in (("pilote", settings.driver, "DRIVER"),
                                     ("exécutable", settings.executable, "EXECUTABLE")):
            if not path or not Path(path).exists():
                raise EngineUnavailable(
                    f"webkit : {what} {path!r} introuvable : apt-get install webkit2gtk-driver, "
                    f"ou définissez HARNESS_WEBKIT_{variable}")
        environ = dict(os.environ, **french_locale())
        if settings.xvfb == "own" and shutil.which("Xvfb"):
            from xvfbwrapper import Xvfb

            self._xvfb = Xvfb(width=XVFB_SCREEN[0], height=XVFB_SCREEN[1], environ=environ)
            self._xvfb.start()
            try:
                wait_for_display(self._xvfb.new_display)
            except BaseException:
                self._xvfb.stop()
                self._xvfb = None
                raise
        elif not environ.get("DISPLAY"):
            raise EngineUnavailable(
                "webkit : WebKitGTK a besoin d'un écran X et resterait bloqué sans lui : "
                "apt-get install xvfb xauth (le harnais démarre alors le sien), "
                "ou définissez DISPLAY avec xvfb: inherit")
        self._environ = environ
        try:
            return self._restart_service()
        except BaseException:
            self.close()
            raise

    def _restart_service(self) -> str:
        if self._service is not None:
            _stop_hung(self._service)
        # driver_log (browsers.yaml, or HARNESS_WEBKIT_DRIVER_LOG): the driver's
        # output (and MiniBrowser's, which it inherits) into that file, to look
        # into a failed start.
        service = self._service = WebKitService(self.settings.driver, env=self._environ,
                                                log_output=self.settings.driver_log)
        service.start()
        return service.service_url

    def _options(self, user_agent: str | None) -> ArgOptions:
        """Session options carrying the profile's user agent and language."""
        if self.name == "webkit":
            webkit = WebKitOptions()
            if self.settings.executable:
                webkit.binary_location = self.settings.executable
            webkit.add_argument("--automation")  # required once any argument is set
            # WebKit keeps `Cache-Control: no-store` pages in its back-forward
            # cache unless they came over HTTPS: over the simulator's plain
            # HTTP, Back would show a page that Safari on the real (HTTPS)
            # site, Chromium and Firefox all fetch again. Measured.
            webkit.add_argument("--enable-page-cache=false")
            if user_agent:
                webkit.add_argument(f"--user-agent={user_agent}")
            return webkit
        if self.name == "chromium":
            chrome = webdriver.ChromeOptions()
            if user_agent:
                chrome.add_argument(f"--user-agent={user_agent}")
            chrome.add_argument(f"--lang={LOCALE}")
            chrome.add_experimental_option("prefs", {"intl.accept_languages": LOCALE})
            return chrome
        firefox = webdriver.FirefoxOptions()
        if user_agent:
            firefox.set_preference("general.useragent.override", user_agent)
        firefox.set_preference("intl.accept_languages", LOCALE)
        return firefox

    def _session(self, user_agent: str | None, executor: str | None = None):
        """A new session (a new browser). Seen under heavy load: MiniBrowser
        dies while starting and WebKitWebDriver then waits for it for ever.
        So the start has a time limit; locally the driver is restarted and
        the start tried once more."""
        for attempt in (1, 2):
            # Our own ClientConfig: its timeout is read at every request, and
            # passing a URL instead makes Selenium 4.51 warn on every session.
            config = ClientConfig(remote_server_addr=executor or self._executor, timeout=SESSION_START_SECONDS)
            try:
                driver = webdriver.Remote(command_executor=RemoteConnection(client_config=config),
                                          options=self._options(user_agent))
            except urllib3.exceptions.TimeoutError:
                if self._service is None or executor is not None or attempt == 2:
                    raise EngineUnavailable(
                        f"{self.name} : aucune session de navigateur après {SESSION_START_SECONDS} s "
                        f"sur {self._executor}") from None
                warnings.warn(f"{self.name} : le navigateur n'a pas démarré en "
                              f"{SESSION_START_SECONDS} s ; WebKitWebDriver redémarré "
                              f"({_start_diagnosis(self._service)})")
                self._executor = self._restart_service()
                continue
            config.timeout = None  # page loads have their own limit
            return driver

    def new_ui(self, profile, base_url: str) -> "WebDriverUI":
        key = (profile.user_agent, profile.viewport.width, profile.viewport.height)
        ready = self._take_spare(key)
        if ready is not None:
            driver, extra = ready
        else:
            # WebKitWebDriver drives one session at a time: a second person
            # of the scenario (its own browser, beside the first) gets a
            # driver of its own, stopped with its page.
            busy = self._service is not None and getattr(self, "_sessions", 0) >= 1
            driver, extra = self._open(key, extra=busy)
            self._sessions = getattr(self, "_sessions", 0) + (extra is None)
        if self._version is None:
            self._version = driver.capabilities.get("browserVersion", "?")
        if self.settings.spare_session and self._service is not None:
            self._start_spare(key)
        ui = WebDriverUI(driver, base_url)
        ui._on_quit = extra.stop if extra is not None else self._session_closed
        return ui

    def _open(self, key: tuple, extra: bool):
        """A new session for ``key`` (user agent, width, height), its window
        fitted: on the engine's driver, or on a driver of its own (``extra``,
        returned with it, to stop with the session)."""
        user_agent, width, height = key
        service = None
        if extra:
            service = WebKitService(self.settings.driver, env=self._environ,
                                    log_output=self.settings.driver_log)
            service.start()
        try:
            driver = self._session(user_agent, service.service_url if service else None)
        except BaseException:
            if service is not None:
                _stop_hung(service)
            raise
        try:
            self._window_chrome = fit_viewport(driver, width, height, self._window_chrome)
        except BaseException:
            driver.quit()
            if service is not None:
                service.stop()
            raise
        return driver, service

    def _start_spare(self, key: tuple) -> None:
        """The next scenario's browser, started now on a driver of its own
        while this scenario runs (``spare_session``, browsers.yaml): a new
        session costs ≈ 0.4 – 0.6 s, a quarter of a WebKit scenario."""
        if self._spares is None:
            self._spares = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{self.name}-reserve")
        self._spare = (key, self._spares.submit(self._open, key, True))

    def _take_spare(self, key: tuple):
        """The spare session if it was started for ``key`` and did start;
        else None (a spare of another profile is closed; one that failed
        to start is dropped, the caller starts a session as without spare)."""
        spare, self._spare = self._spare, None
        if spare is None:
            return None
        spare_key, future = spare
        try:
            driver, service = future.result()
        except Exception as error:  # noqa: BLE001 - the session is started again, where errors are reported
            warnings.warn(f"{self.name} : session de réserve non démarrée ({error}) ; "
                          f"nouvelle session à la demande")
            return None
        if spare_key != key:
            _quit(driver, service)
            return None
        return driver, service

    def _session_closed(self) -> None:
        self._sessions = max(0, getattr(self, "_sessions", 0) - 1)

    def version(self) -> str:
        if self._version is None:
            driver = self._session(None)
            self._version = str(driver.capabilities.get("browserVersion", "?"))
            driver.quit()
        return self._version

    def close(self) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            try:
                _quit(*spare[1].result())
            except Exception:  # noqa: BLE001 - a spare that did not start has nothing to close
                pass
        if self._spares is not None:
            self._spares.shutdown(wait=True)
            self._spares = None
        service, self._service = self._service, None
        xvfb, self._xvfb = self._xvfb, None
        try:
            if service is not None:
                service.stop()
        finally:
            if xvfb is not None:
                xvfb.stop()


def _stop_hung(service: WebKitService) -> None:
    """Stop a driver, and the MiniBrowser it may have waited for: that one
    outlives it, and would keep its CPU (and the load that made it hang)
    for the rest of the run."""
    stuck = descendants(service.process.pid) if service.process else []
    service.stop()
    for pid in stuck:
        try:
            os.kill(pid, 9)
        except (ProcessLookupError, PermissionError):
            pass


def _quit(driver, service: WebKitService | None) -> None:
    try:
        driver.quit()
    finally:
        if service is not None:
            service.stop()


# The cause of the WebKit start "hang" (issue 11 item 7), found with
# bench/stress_webkit.py: xvfbwrapper takes the display as up as soon as its
# socket file exists, but Xvfb creates that file (bind) before it listens on
# it. A MiniBrowser started in between cannot connect ("cannot open display",
# in the driver's log), exits, and WebKitWebDriver waits for it for ever.
# Measured at load ≈ 18: 1 start in 100 connected to a socket not yet
# listening. So the engine waits until the display accepts a connection.
X11_SOCKETS = Path("/tmp/.X11-unix")
DISPLAY_START_SECONDS = 60  # only catches an Xvfb that never listens


def display_accepts(socket_path: str | os.PathLike) -> bool:
    """Whether an X server listens on this Unix socket (a connection is
    accepted), not merely whether the socket file exists."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(os.fspath(socket_path))
        except OSError:
            return False
    return True


def wait_for_display(number: int, sockets: Path = X11_SOCKETS,
                     timeout: float = DISPLAY_START_SECONDS) -> None:
    """Until display ``:number`` accepts connections, or EngineUnavailable."""
    path = sockets / f"X{number}"
    attendre(lambda: display_accepts(path), timeout,
             f"webkit: Xvfb :{number} n'accepte aucune connexion après {timeout:g} s ({path})",
             erreur=EngineUnavailable, intervalle=0.01)


def _listening_ports() -> set[int]:
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 3 and fields[3] == "0A":  # LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def _start_diagnosis(service) -> str:
    """What a hung session start looks like, for the warning: is the
    MiniBrowser the driver launched alive, and is the inspector port the
    driver chose for it (WEBKIT_INSPECTOR_SERVER, probed free by the driver,
    bound by the browser only seconds later under load) listening?"""
    if service is None or service.process is None:
        return "pilote distant"
    try:
        browsers = []
        listening = _listening_ports()
        for pid in descendants(service.process.pid):
            try:
                name = Path(f"/proc/{pid}/comm").read_text().strip()
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if name != "MiniBrowser":
                continue
            address = next((e.split(b"=", 1)[1].decode() for e in environ
                            if e.startswith(b"WEBKIT_INSPECTOR_SERVER=")), "")
            port = int(address.rsplit(":", 1)[1]) if ":" in address else None
            browsers.append(f"MiniBrowser {pid}, inspecteur {address or '?'} "
                            f"{'à l’écoute' if port in listening else 'PAS à l’écoute'}")
        return " ; ".join(browsers) or "aucun MiniBrowser en vie"
    except Exception as error:  # a diagnosis never hides the failure
        return f"pas de diagnostic : {error}"


def french_locale() -> dict:
    """Environment under which WebKitGTK speaks fr-FR (navigator.language,
    Accept-Language), as the Playwright contexts do. WebKitGTK takes its
    language from the C locale, which must exist: if fr_FR.UTF-8 is not
    installed, it is compiled once with localedef into a cache folder
    (≈ 1.5 s) and given through LOCPATH. Without localedef: en-US."""
    wanted = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR", "LC_ALL": ""}
    if shutil.which("locale"):
        installed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
        if "fr_FR.utf8" in installed.split():
            return wanted
    cache = Path(tempfile.gettempdir()) / "harness-locales"
    target = cache / "fr_FR.UTF-8"
    if not target.exists() and shutil.which("localedef"):
        cache.mkdir(exist_ok=True)
        building = Path(tempfile.mkdtemp(dir=cache)) / "fr_FR.UTF-8"
        subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8", str(building)],
                       capture_output=True)
        try:
            building.rename(target)  # atomic; another worker may have won
        except OSError:
            shutil.rmtree(building, ignore_errors=True)
        building.parent.rmdir()
    if target.exists():
        return dict(wanted, LOCPATH=str(cache))
    return {}


# The limit of fit_viewport only catches a window that can never fit: at
# load 20–30 (bench/stress_webkit.py, 300 engine starts) 10 s was too short
# for a resize to land 19 times ("obtenu 1280x762": the first resize before
# the toolbar was measured). A slow machine is slow, not wrong.
FIT_VIEWPORT_SECONDS = 60.0


def fit_viewport(driver, width: int, height: int, chrome=(0, 0), timeout: float = FIT_VIEWPORT_SECONDS):
    """Size the window so that the *page* (innerWidth × innerHeight) gets the
    profile's viewport, as Playwright does: WebDriver sizes the outer window,
    toolbar included (MiniBrowser: 0 × 38 px). ``chrome`` is the toolbar's
    size if known; returns the size found, for the next session. A resize
    lands asynchronously (late under load): sizes are read once settled."""
    found = {"chrome": tuple(chrome), "inner": (0, 0)}

    def fits() -> bool:
        c = found["chrome"]
        driver.set_window_size(width + c[0], height + c[1])
        inner = found["inner"] = _settled_inner_size(driver)
        if inner == (width, height):
            return True
        rect = driver.get_window_rect()
        found["chrome"] = (rect["width"] - inner[0], rect["height"] - inner[1])
        return False

    attendre(fits, timeout, lambda _: (
        f"la fenêtre ne peut pas donner une zone d'affichage de {width}x{height} (obtenu "
        f"{found['inner'][0]}x{found['inner'][1]}) : l'écran est-il plus petit ?"),
        erreur=EngineUnavailable, intervalle=0)
    return found["chrome"]


def _settled_inner_size(driver, timeout: float = 2.0) -> tuple[int, int]:
    """innerWidth × innerHeight once two readings in a row agree (the last
    reading after ``timeout``)."""
    script = "return [window.innerWidth, window.innerHeight]"
    readings = [tuple(driver.execute_script(script))]

    def settled() -> bool:
        readings.append(tuple(driver.execute_script(script)))
        return readings[-1] == readings[-2]

    attendre_sans_echec(settled, timeout, intervalle=POLL_SECONDS)
    return readings[-1]


class WebDriverUI(UI):
    def __init__(self, driver, base_url: str, handle: str | None = None,
                 opener: "WebDriverUI | None" = None):
        self._driver = driver
        self.base_url = base_url
        # Windows: each UI is bound to one window handle (None: the session's
        # only window so far); the driver is switched to it before use.
        self._handle = handle
        self.opener = opener
        self._on_quit: Callable[[], None] | None = None  # the engine's bookkeeping when the session ends
        self._fenetres: dict[str, str | None] = (
            opener._fenetres if opener is not None else {"courante": None})
        if opener is not None:
            self.timeout = opener.timeout

    @property
    def driver(self):
        """The WebDriver session, switched to this UI's window."""
        if self._handle is not None and self._fenetres["courante"] != self._handle:
            self._driver.switch_to.window(self._handle)
            self._fenetres["courante"] = self._handle
        return self._driver

    def _js(self, function: str, *args):
        """Call a JavaScript function (source text) with ``args``."""
        return self.driver.execute_script(f"return ({function}).apply(null, arguments);", *args)

    # finding
    def _resolve(self, what):
        found = self.driver.execute_script(FIND_JS, {
            "label": what.label, "role": what.role, "name": what.name, "text": what.text})
        return found["element"], found["hidden"]

    def _act(self, where: dict[str, Any], action: Callable[[Any], Any]) -> Any:
        """Find the element (waiting for it) and apply ``action`` to it,
        trying again while it is not ready, until the time-out."""
        what, timeout = split_where(where, self.timeout)
        last: dict[str, Any] = {"hidden": 0, "problem": None}

        def attempt():
            last["problem"] = None
            try:
                element, last["hidden"] = self._resolve(what)
            except PAGE_REPLACED as error:  # the page is being replaced
                last["problem"] = error
                return None
            if element is None:
                return None
            try:
                return (action(element),)
            except NOT_READY as error:
                last["problem"] = error
                return None

        def failure(_) -> BaseException:
            problem = last["problem"]
            if isinstance(problem, PAGE_REPLACED):
                return problem  # not a passing navigation: a real error
            if problem is not None:
                return ElementNotFound(f"{what} présent mais inutilisable après {echelle(timeout):g} s sur "
                                       f"{self.url} : {problem.msg}")
            return not_found(what, echelle(timeout), self.url, last["hidden"])

        return attendre(attempt, timeout, failure, intervalle=POLL_SECONDS)[0]

    def _find(self, where):
        return self._act(where, lambda element: element)

    def _press(self, *keys: str) -> None:
        """Keys pressed together with Ctrl, one after the other."""
        chain = ActionChains(self.driver).key_down(Keys.CONTROL)
        for key in keys:
            chain.send_keys(key)
        chain.key_up(Keys.CONTROL).perform()

    # navigation
    def goto(self, path: str = "/") -> None:
        self.driver.get(absolute_url(self.base_url, path))

    def back(self) -> None:
        self.driver.back()

    @property
    def url(self) -> str:
        return self.driver.current_url

    # acting
    def fill(self, value: str, **where) -> None:
        # WebDriver has no programmatic fill; real keys are fast enough here
        # (≈ 30 ms for 20 characters in WebKitGTK).
        self.type(value, **where)

    def type(self, value: str, **where) -> None:
        def clear_and_type(element):
            element.clear()
            if value:  # WebKitWebDriver refuses an empty text
                element.send_keys(value)
        self._act(where, clear_and_type)

    def paste(self, value: str, **where) -> None:
        field = self._find(where)
        self._js(CLIPBOARD_SOURCE_JS, value)
        self._press("a", "c")
        self._js(REMOVE_CLIPBOARD_SOURCE_JS)
        self._js("(el) => el.focus()", field)
        self._press("a", "v")

    def click(self, **where) -> None:
        try:
            self.driver.execute_script(WATCH_NAVIGATION_JS)
        except PAGE_REPLACED:  # a page still being replaced: _act waits
            pass
        try:
            self._act(where, lambda element: element.click())
            self._wait_for_navigation()
        except NoSuchWindowException:
            if self.closed:  # the click closed the window (« Fermer »)
                return
            raise

    def _wait_for_navigation(self) -> None:
        """Until the navigation the click started (if any) has loaded the
        new page; a navigation that never ends (a download, a 204) is left
        to the next step after the time-out."""
        attendre_sans_echec(lambda: self.driver.execute_script(NAVIGATION_STATE_JS) == "done",
                            self.timeout, intervalle=POLL_SECONDS,
                            ignorer=PAGE_REPLACED)  # the document is being replaced

    def hover(self, **where) -> None:
        self._act(where, lambda element: ActionChains(self.driver).move_to_element(element).perform())

    def check(self, checked: bool = True, **where) -> None:
        def set_checked(element):
            if element.is_selected() != checked:
                element.click()
            if element.is_selected() != checked:
                raise InvalidElementStateException("la case n'a pas changé d'état")
        self._act(where, set_checked)

    def select(self, option: str, **where) -> None:
        element = self._find(where)
        try:
            Select(element).select_by_visible_text(option)
        except NoSuchElementException:
            raise ElementNotFound(
                f"option « {option} » absente de la liste ({self.options(**where)})") from None

    # reading
    def value(self, **where) -> str:
        return self._find(where).get_property("value")

    def attribute(self, attribute: str, **where) -> str | None:
        return self._find(where).get_dom_attribute(attribute)

    def text(self, **where) -> str:
        """The element's visible text, white space folded (beyond base.UI)."""
        return fold(self._js(ELEMENT_TEXT_JS, self._find(where)))

    def options(self, **where) -> list[str]:
        return [fold(text) for text in self._js(OPTIONS_JS, self._find(where))]

    def is_visible(self, **where) -> bool:
        what, _ = split_where(where, self.timeout)
        return self._resolve(what)[0] is not None

    def is_editable(self, **where) -> bool:
        return bool(self.driver.execute_script(IS_EDITABLE_JS, self._find(where)))

    def wait_for_text(self, text: str, timeout: float | None = None) -> None:
        wait_for_text(self, text, timeout)

    def page_text(self) -> str:
        return fold(self._js(PAGE_TEXT_JS))

    def html(self) -> str:
        return self.driver.page_source

    def screenshot(self, path: str, full_page: bool = False) -> None:
        # WebDriver has no portable full-page capture: the viewport.
        if not self.driver.save_screenshot(path):
            raise OSError(f"capture d'écran non écrite dans {path}")

    def cookies(self) -> list[dict]:
        return [{k: c.get(k) for k in ("name", "value", "domain", "path")}
                for c in self.driver.get_cookies()]

    def evaluate(self, script: str):
        # Like Playwright's page.evaluate: an expression, or a function to call.
        return self.driver.execute_script(
            f"const value = ({script}); return typeof value === 'function' ? value() : value;")

    # session and windows
    def add_cookies(self, cookies: list[dict]) -> None:
        """WebDriver adds a cookie to the current document's site: open the
        site first, then add each (a host-only cookie without its domain)."""
        if not self.url.startswith(self.base_url.rstrip("/")):
            self.goto("/")
        hote = urlsplit(self.base_url).hostname
        for cookie in cookies:
            wd = {"name": cookie["name"], "value": cookie["value"], "path": cookie.get("path") or "/",
                  "secure": bool(cookie.get("secure")), "httpOnly": bool(cookie.get("httpOnly"))}
            domaine = (cookie.get("domain") or "").lstrip(".")
            if domaine and domaine != hote and not domaine.endswith(".local"):
                wd["domain"] = cookie["domain"]
            if cookie.get("sameSite"):
                wd["sameSite"] = cookie["sameSite"]
            if cookie.get("expires"):
                wd["expiry"] = int(cookie["expires"])
            self.driver.add_cookie(wd)

    def expect_new_window(self, action) -> "WebDriverUI":
        if self._handle is None:  # name this window before another one appears
            self._handle = self._driver.current_window_handle
            self._fenetres["courante"] = self._handle
        avant = set(self.driver.window_handles)
        action()
        delai = max(self.timeout, 1)
        nouvelles = attendre(lambda: set(self._driver.window_handles) - avant, delai,
                             f"aucune nouvelle fenêtre ouverte depuis {self.url} en {echelle(delai):g} s",
                             erreur=ElementNotFound, intervalle=POLL_SECONDS)
        fenetre = WebDriverUI(self._driver, self.base_url, handle=nouvelles.pop(), opener=self)
        # A popup opened by a script starts on about:blank, then loads the page
        attendre_sans_echec(
            lambda: (fenetre.driver.current_url not in ("", "about:blank")
                     and fenetre.driver.execute_script("return document.readyState") == "complete"),
            delai, intervalle=POLL_SECONDS, ignorer=PAGE_REPLACED)
        return fenetre

    @property
    def closed(self) -> bool:
        if self._handle is None:
            try:
                self._driver.current_window_handle
            except NoSuchWindowException:
                return True
            return False
        return self._handle not in self._driver.window_handles

    def wait_closed(self, timeout: float | None = None) -> None:
        secondes = self.timeout if timeout is None else timeout
        attendre(lambda: self.closed, secondes, f"la fenêtre est toujours ouverte après {echelle(secondes):g} s",
                 erreur=ElementNotFound, intervalle=POLL_SECONDS)
        if self._fenetres["courante"] == self._handle:
            self._fenetres["courante"] = None

    def close(self) -> None:
        if self.opener is not None:  # a window of the scenario: only that one
            if not self.closed:
                self.driver.close()
            self._fenetres["courante"] = None
            return
        try:
            self._driver.quit()
        finally:
            if self._on_quit is not None:
                self._on_quit()
