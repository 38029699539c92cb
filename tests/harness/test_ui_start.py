"""Starting engines: the factory, clear failures instead of hangs, and the
remote engines (a Playwright server, a WebDriver endpoint as a Grid)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from harness.processus import descendants
from harness.services import free_port
from harness.profiles import EngineSettings, Profile, Viewport, load
from harness.ui import EnginePool, EngineUnavailable, start_engine
from harness.ui.playwright_backend import PlaywrightEngine

from .garde import sans_blocage

MATRIX = load(environ={})
WEBKIT = MATRIX.engines["webkit"]
PROFILE = Profile(id="remote", label="remote", os="test", version="1",
                  user_agent="HarnessRemote/1.0", viewport=Viewport(1024, 768),
                  engine="chromium", support="supporte")
PAGE = "data:text/html,<title>distant</title><p>Bonjour</p>"


def seen_by_page(engine, profile: Profile = PROFILE) -> list:
    ui = engine.new_ui(profile, "http://127.0.0.1/")
    try:
        ui.goto(PAGE)
        return ui.evaluate("[navigator.userAgent, innerWidth, innerHeight]")
    finally:
        ui.close()


# --- the factory --------------------------------------------------------------

def test_start_engine_takes_the_matrix_its_engines_or_one_setting():
    for settings in (MATRIX, MATRIX.engines, MATRIX.engines["chromium"]):
        engine = start_engine("chromium", settings)
        try:
            assert engine.name == "chromium" and engine.version()
        finally:
            engine.close()
    with pytest.raises(EngineUnavailable, match="aucun réglage pour le moteur 'webkit'"):
        start_engine("webkit", {"chromium": MATRIX.engines["chromium"]})


def test_engine_pool_starts_each_engine_once_on_first_use():
    pool = EnginePool(MATRIX)
    try:
        first = pool.get("chromium")
        assert pool.get("chromium") is first
        assert seen_by_page(first) == ["HarnessRemote/1.0", 1024, 768]
    finally:
        pool.close()
    assert first._browser is None  # closed


# --- failures are clear and fast -----------------------------------------------------

def binaries_below_this_process() -> set[str]:
    """The executables of this process's descendants."""
    binaries = set()
    for pid in descendants(os.getpid()):
        try:
            binaries.add(os.readlink(f"/proc/{pid}/exe"))
        except OSError:
            continue
    return binaries


def test_headless_chromium_runs_the_lighter_headless_shell_and_headed_the_full_browser():
    settings = MATRIX.engines["chromium"]
    shell, full = settings.headless_executable, settings.executable
    if not Path(shell).exists():
        pytest.skip(f"{shell} absent (paquet Debian chromium-headless-shell)")
    engine = start_engine("chromium", settings)
    try:
        assert seen_by_page(engine) == ["HarnessRemote/1.0", 1024, 768]   # the profile, as ever
        launched = binaries_below_this_process()
        assert shell in launched and full not in launched, launched
    finally:
        engine.close()
    headed = PlaywrightEngine.__new__(PlaywrightEngine)   # not launched: which binary it would take
    headed.settings = replace(settings, headless=False)
    assert headed._binary() == full                          # a window needs the whole browser
    headed.settings = replace(settings, headless_executable="/nonexistent/shell")
    assert headed._binary() == full                          # no shell installed: the browser


def test_a_browser_is_recycled_between_scenarios_after_so_many_contexts():
    """recycle_after (browsers.yaml, Firefox's: 100): past that many contexts
    and with none open, the next page comes from a new browser; never while
    a scenario holds a context. browsers.yaml turns it on for Firefox."""
    assert MATRIX.engines["firefox"].recycle_after > 0 and MATRIX.engines["chromium"].recycle_after == 0
    engine = start_engine("chromium", replace(MATRIX.engines["chromium"], recycle_after=2))
    try:
        first = engine._browser
        one, two = engine.new_ui(PROFILE, "http://127.0.0.1/"), engine.new_ui(PROFILE, "http://127.0.0.1/")
        three = engine.new_ui(PROFILE, "http://127.0.0.1/")     # due, but two pages are open
        assert engine._browser is first and engine.browsers_launched == 1
        for ui in (one, two, three):
            ui.close()
        assert seen_by_page(engine) == ["HarnessRemote/1.0", 1024, 768]   # due, none open: a new browser
        assert engine._browser is not first and not first.is_connected()
        assert (engine.browsers_launched, engine.contexts_opened) == (2, 1)
    finally:
        engine.close()


def test_missing_browser_falls_back_to_playwrights_own_or_says_what_to_install():
    settings = replace(MATRIX.engines["chromium"], executable="/nonexistent/chromium",
                       headless_executable=None)
    try:
        engine = start_engine("chromium", settings)
    except EngineUnavailable as error:
        assert "/nonexistent/chromium" in str(error)
        assert "playwright install chromium" in str(error)
    else:  # a machine where `playwright install` was run
        engine.close()


def test_webkit_without_display_fails_fast_instead_of_hanging(monkeypatch):
    """Without a display a session start would wait for ever (here: as long
    as the session limit, made huge): the engine refuses before trying."""
    from harness.ui import webdriver_backend

    monkeypatch.setattr(webdriver_backend, "SESSION_START_SECONDS", 3600)
    monkeypatch.delenv("DISPLAY", raising=False)
    with sans_blocage(120, "le démarrage de WebKit sans écran"), \
            pytest.raises(EngineUnavailable, match="écran X.*xvfb"):
        start_engine("webkit", replace(WEBKIT, xvfb="inherit"))


def test_webkit_without_its_driver_names_the_package():
    with pytest.raises(EngineUnavailable, match="webkit2gtk-driver"):
        start_engine("webkit", replace(WEBKIT, driver="/nonexistent/WebKitWebDriver"))


def test_local_webdriver_is_only_for_webkit():
    settings = EngineSettings(name="chromium", kind="webdriver")
    with pytest.raises(EngineUnavailable, match="grid_url"):
        start_engine("chromium", settings)


def test_the_webkit_engine_stops_its_own_display():
    engine = start_engine("webkit", WEBKIT)
    display = engine._xvfb.new_display
    assert Path(f"/tmp/.X11-unix/X{display}").exists()
    assert "DISPLAY" not in os.environ or os.environ["DISPLAY"] != f":{display}"
    engine.close()
    time.sleep(0.2)
    assert not Path(f"/tmp/.X11-unix/X{display}").exists()


def test_a_display_whose_socket_exists_but_does_not_listen_yet_is_not_ready(tmp_path):
    """The cause of the WebKit start hang (issue 11 item 7): Xvfb creates its
    socket file (bind) before it listens; xvfbwrapper took the file for a
    ready display, a MiniBrowser started in between could not open it, died,
    and WebKitWebDriver waited for it for ever. The engine now waits until
    the display accepts a connection."""
    from harness.ui.webdriver_backend import display_accepts, wait_for_display

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "X7"))
        assert (tmp_path / "X7").exists()            # what xvfbwrapper waited for
        assert not display_accepts(tmp_path / "X7")  # ... yet no X client can connect
        with sans_blocage(120, "l'attente d'un affichage qui n'écoute pas"), \
                pytest.raises(EngineUnavailable, match="Xvfb :7 n'accepte aucune connexion"):
            wait_for_display(7, sockets=tmp_path, timeout=0.3)
        server.listen(1)
        assert display_accepts(tmp_path / "X7")
        wait_for_display(7, sockets=tmp_path)


def test_the_webkit_engine_starts_once_its_display_accepts_connections(tmp_path):
    """... and its driver writes into driver_log (HARNESS_WEBKIT_DRIVER_LOG), the file to read when it does not."""
    from harness.ui.webdriver_backend import display_accepts

    engine = start_engine("webkit", replace(WEBKIT, driver_log=str(tmp_path / "driver.log")))
    try:
        assert display_accepts(f"/tmp/.X11-unix/X{engine._xvfb.new_display}")
        assert (tmp_path / "driver.log").exists()
    finally:
        engine.close()


# --- remote engines ------------------------------------------------------------------

@pytest.fixture
def playwright_server():
    """A Playwright server as a user would run it on another machine
    (--unsafe lets it use this machine's Chromium instead of its own)."""
    port = free_port()
    cli = Path(sys.executable).with_name("playwright")
    # its own process group: the `playwright` script starts a node child
    # that would outlive it
    server = subprocess.Popen([str(cli), "run-server", "--unsafe", "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        assert "Listening on" in server.stdout.readline()
        yield f"ws://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        try:  # node shuts down slowly on SIGTERM, or not at all
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_playwright_server_endpoint(playwright_server):
    settings = replace(MATRIX.engines["chromium"], ws_endpoint=playwright_server)
    engine = start_engine("chromium", settings)
    try:
        assert seen_by_page(engine) == ["HarnessRemote/1.0", 1024, 768]
    finally:
        engine.close()


@pytest.fixture
def webdriver_endpoint():
    """A W3C WebDriver endpoint on its own display, as a Grid node is."""
    from selenium.webdriver.webkitgtk.service import Service
    from xvfbwrapper import Xvfb

    environ = dict(os.environ)
    display = Xvfb(width=1920, height=1200, environ=environ)
    display.start()
    service = Service(WEBKIT.driver, env=environ)
    service.start()
    try:
        yield service.service_url
    finally:
        service.stop()
        display.stop()


def test_webdriver_grid_url(webdriver_endpoint):
    engine = start_engine("webkit", replace(WEBKIT, grid_url=webdriver_endpoint))
    try:
        assert engine._xvfb is None and engine._service is None  # nothing started here
        assert seen_by_page(engine) == ["HarnessRemote/1.0", 1024, 768]
    finally:
        engine.close()


def test_webkit_spare_session_is_the_next_scenarios_own_new_browser():
    """spare_session (browsers.yaml, WebKit's): while a scenario runs, the
    next one's browser starts; the next scenario of that profile gets it —
    a browser nobody used, on a driver of its own — and one of another
    profile gets a browser of its own user agent, the spare closed."""
    assert WEBKIT.spare_session
    engine = start_engine("webkit", WEBKIT)
    try:
        first = engine.new_ui(PROFILE, "http://127.0.0.1/")
        spare_driver, spare_service = engine._spare[1].result()
        assert spare_driver is not first._driver and spare_service is not None
        first.close()
        second = engine.new_ui(PROFILE, "http://127.0.0.1/")
        assert second._driver is spare_driver
        second.goto(PAGE)
        assert second.evaluate("[navigator.userAgent, innerWidth, innerHeight, history.length]") == \
            ["HarnessRemote/1.0", 1024, 768, 2]  # about:blank, then this page: nobody used it
        second.close()
        assert spare_service.process is None or spare_service.process.poll() is not None  # stopped with it
        assert seen_by_page(engine, replace(PROFILE, user_agent="HarnessAutre/2.0",
                                               viewport=Viewport(1280, 1024))) == ["HarnessAutre/2.0", 1280, 1024]
    finally:
        engine.close()
    assert engine._spare is None


def test_a_browser_that_dies_starting_is_retried_then_reported(monkeypatch):
    """WebKitWebDriver waits for ever for a MiniBrowser that died starting
    (seen under heavy load): the engine gives up, restarts it, tries again."""
    from harness.ui import webdriver_backend

    monkeypatch.setattr(webdriver_backend, "SESSION_START_SECONDS", 1)
    engine = start_engine("webkit", replace(WEBKIT, executable="/bin/false"))
    try:
        first_driver = engine._service
        with sans_blocage(300, "la session WebKit qui ne démarre pas"), \
                pytest.warns(UserWarning, match=r"WebKitWebDriver redémarré \(aucun MiniBrowser en vie\)"), \
                pytest.raises(EngineUnavailable, match="aucune session de navigateur après 1 s"):
            engine.new_ui(PROFILE, "http://127.0.0.1/")
        assert engine._service is not first_driver
    finally:
        engine.close()
