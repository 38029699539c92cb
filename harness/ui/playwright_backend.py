"""The ``UI`` on Playwright: Chromium and Firefox here, WebKit too where
Playwright's own browsers are installed.

- chromium: Debian's binary (``executable``), or Playwright's own build;
- firefox: stock Firefox ESR over WebDriver BiDi (``channel: moz-firefox``,
  playwright 1.64.1 — 1.65 breaks every new page on ESR 153), or
  Playwright's own (Juggler) build when ESR is missing and it is installed;
- webkit: Playwright's own build only (it cannot drive Debian's WebKitGTK);
- any of them on a remote Playwright server (``ws_endpoint``).

One browser per engine and worker; one fresh context per scenario, with the
profile's user agent, viewport and the fr-FR locale.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import Playwright, sync_playwright

from harness.attente import attendre, attendre_sans_echec, echelle

from .base import UI, ElementNotFound, Engine
from .common import (CLIPBOARD_SOURCE_JS, DOM_JS, ELEMENT_TEXT_JS, LOCALE, OPTIONS_JS,
                     PAGE_TEXT_JS, POLL_SECONDS, REMOVE_CLIPBOARD_SOURCE_JS, EngineUnavailable,
                     PageImmobile, absolute_url, fold, not_found, split_where, wait_for_text)

# A BiDi gap of Firefox ESR: a page restored from the back-forward cache is
# never reported to Playwright, so go_back() waits forever and every later
# action waits "for navigation to finish". Without that cache, Back reloads
# the page (from the HTTP cache where the server allows it).
BIDI_FIREFOX_PREFS = {"browser.sessionhistory.max_total_viewers": 0}

# Playwright's sync API allows one instance per thread: engines share it.
class _Shared:
    playwright: Playwright | None = None
    users = 0


def _acquire_playwright() -> Playwright:
    if _Shared.playwright is None:
        _Shared.playwright = sync_playwright().start()
    _Shared.users += 1
    return _Shared.playwright


def _release_playwright() -> None:
    _Shared.users -= 1
    if _Shared.users == 0 and _Shared.playwright is not None:
        _Shared.playwright.stop()
        _Shared.playwright = None


#: How many times ``goto`` is tried when a navigation of the page cuts it short.
GOTO_ATTEMPTS = 3
#: Typing time granted per key on top of the action's timeout (hang catch only).
TYPING_MS_PER_KEY = 1000
#: How each engine says that a navigation of the page cut ``goto`` short.
INTERRUPTED_NAVIGATION = ("interrupted by another navigation", "net::ERR_ABORTED", "NS_BINDING_ABORTED")


class PlaywrightEngine(Engine):
    def __init__(self, name: str, settings):
        self.name = name
        self.settings = settings
        self._playwright = _acquire_playwright()
        try:
            self._browser = self._launch(getattr(self._playwright, name))
        except BaseException:
            _release_playwright()
            raise
        #: contexts opened by this browser; past ``recycle_after``, a new browser
        self.contexts_opened = 0
        self.browsers_launched = 1

    def _launch(self, browser_type):
        settings = self.settings
        firefox_prefs = BIDI_FIREFOX_PREFS if settings.channel == "moz-firefox" else None
        if settings.ws_endpoint:
            # A Playwright server launches the browser for us: it honours
            # channel and headless; executable and prefs only when started
            # with --unsafe (a default server uses its own browsers).
            wanted = {"channel": settings.channel, "headless": settings.headless,
                      "slowMo": getattr(settings, "slow_mo", 0) or None,
                      "executablePath": settings.executable, "firefoxUserPrefs": firefox_prefs}
            header = json.dumps({k: v for k, v in wanted.items() if v is not None})
            return browser_type.connect(settings.ws_endpoint,
                                        headers={"x-playwright-launch-options": header})
        options = {"headless": settings.headless,
                   "slow_mo": getattr(settings, "slow_mo", 0) or None}  # --slowmo
        executable = self._binary()
        if executable and Path(executable).exists():
            options["executable_path"] = executable
            options["channel"] = settings.channel
        elif executable or not settings.channel:
            # The configured binary is missing (or none is configured): use
            # Playwright's own build if `playwright install` put it there.
            if not Path(browser_type.executable_path).exists():
                raise EngineUnavailable(
                    f"{self.name} : aucun navigateur à lancer : "
                    f"{executable or 'aucun exécutable configuré'} est absent et le {self.name} "
                    f"de Playwright n'est pas installé. Installez le paquet Debian (chromium, "
                    f"firefox-esr), lancez `playwright install {self.name}`, ou définissez "
                    f"HARNESS_{self.name.upper()}_EXECUTABLE.")
            firefox_prefs = None  # Playwright's own Firefox speaks Juggler, not BiDi
        else:
            options["channel"] = settings.channel
        if firefox_prefs:
            options["firefox_user_prefs"] = firefox_prefs
        return browser_type.launch(**{k: v for k, v in options.items() if v is not None})

    def _binary(self) -> str | None:
        """The browser to launch: ``headless_executable`` when headless and
        present (Chromium's headless shell), else ``executable``."""
        lighter = self.settings.headless_executable
        if self.settings.headless and lighter and Path(lighter).exists():
            return lighter
        return self.settings.executable

    def new_ui(self, profile, base_url: str, **context_args) -> "PlaywrightUI":
        """``context_args``: more ``Browser.new_context`` arguments (the
        ``browser_context_args`` fixture, a video folder), over the profile's."""
        self._recycle_if_due()
        self.contexts_opened += 1
        context = self._browser.new_context(**{
            "user_agent": profile.user_agent,
            "viewport": {"width": profile.viewport.width, "height": profile.viewport.height},
            "locale": LOCALE, **context_args})
        ui_class = PlaywrightDomUI if self.settings.lookup == "dom" else PlaywrightUI
        return ui_class(context, base_url)

    def _recycle_if_due(self) -> None:
        """A new browser once this one has opened ``recycle_after`` contexts
        and holds none open (between two scenarios): Firefox over WebDriver
        BiDi keeps something of every closed context in its parent process
        (4 GB and a whole core after ≈ 1 000 contexts, its page actions ever
        slower: bench/RESULTS.md, round 19)."""
        limit = self.settings.recycle_after
        if not limit or self.contexts_opened < limit or self._browser.contexts:
            return
        try:
            self._browser.close()
        except Exception:  # noqa: BLE001 — a new one is launched anyway
            pass
        self._browser = self._launch(getattr(self._playwright, self.name))
        self.contexts_opened = 0
        self.browsers_launched += 1

    def version(self) -> str:
        return self._browser.version

    def close(self) -> None:
        if self._browser is None:
            return
        try:
            self._browser.close()
        finally:
            self._browser = None
            _release_playwright()


class PlaywrightUI(UI):
    def __init__(self, context, base_url: str, page=None, opener: "PlaywrightUI | None" = None):
        self._context = context
        self.base_url = base_url
        self.page = page if page is not None else context.new_page()
        self.opener = opener
        self.timeout = opener.timeout if opener is not None else UI.timeout
        self._tracing = False
        self._requests = [0, 0]  # in flight, begun or ended so far (--page-immobile)
        self.page.on("request", lambda _: self._count_request(1))
        self.page.on("requestfinished", lambda _: self._count_request(-1))
        self.page.on("requestfailed", lambda _: self._count_request(-1))

    def _count_request(self, change: int) -> None:
        # a window opened by the page may end a request begun before its UI
        self._requests[0] = max(0, self._requests[0] + change)
        self._requests[1] += 1

    def network_activity(self) -> tuple[int, int]:
        return (self._requests[0], self._requests[1])

    @property
    def timeout(self) -> float:
        return self._timeout

    @timeout.setter
    def timeout(self, seconds: float) -> None:
        """Also the limit of Playwright's own waits (navigation, actions),
        × ``--patience``."""
        self._timeout = seconds
        self._context.set_default_timeout(max(echelle(seconds) * 1000, 1))  # 0: for ever

    # finding
    def _candidates(self, what):
        page = self.page
        if what.label is not None:
            return page.get_by_label(fold(what.label), exact=True)
        if what.role is not None:
            name = None if what.name is None else fold(what.name)
            return page.get_by_role(what.role, name=name, exact=True)
        return page.get_by_text(fold(what.text), exact=True)

    def _act(self, where, action):
        """``action(locator, timeout_ms)`` on the first visible match, one
        round trip: Playwright's own wait finds the element and waits until
        it can act. A time-out says whether the element was there at all.
        ``timeout=0`` looks once (for Playwright itself 0 means "for ever")."""
        what, timeout = split_where(where, self.timeout)
        candidates = self._candidates(what)
        target = candidates.filter(visible=True).first
        if timeout <= 0 and not target.count():
            raise not_found(what, timeout, self.url, hidden=candidates.count())
        secondes = echelle(timeout if timeout > 0 else self.timeout)  # × --patience, once
        restant = secondes
        if timeout > 0 and self.immobile > 0:
            restant = self._until_present_or_still(what, candidates, target, timeout)
        try:
            return action(target, restant * 1000)
        except PlaywrightTimeout as error:
            if not target.count():
                raise not_found(what, secondes, self.url, hidden=candidates.count()) from None
            raise ElementNotFound(f"{what} présent mais inutilisable après {secondes:g} s sur "
                                  f"{self.url} : {error.message.splitlines()[0]}") from None

    def _until_present_or_still(self, what, candidates, target, timeout: float) -> float:
        """Before Playwright's own wait (``--page-immobile``): the element
        is there, or not found at once on a still page (common.PageImmobile);
        the time left for the action, in real seconds."""
        start, still = time.monotonic(), PageImmobile(self)

        def present() -> bool:
            if target.count():
                return True
            if still.reached():
                raise not_found(what, timeout, self.url, hidden=candidates.count(), still=self.immobile)
            return False

        attendre(present, timeout, lambda _: not_found(what, echelle(timeout), self.url, hidden=candidates.count()),
                 intervalle=2 * POLL_SECONDS, ignorer=(PlaywrightError,))
        return max(echelle(timeout) - (time.monotonic() - start), 1.0)

    # navigation
    def goto(self, path: str = "/") -> None:
        url = absolute_url(self.base_url, path)
        # Firefox: a navigation the last click or a script started (a form
        # posted, a redirect) may land after goto began and interrupt it. Let
        # it finish, then go where we were asked; on a loaded machine that can
        # happen to the second try too.
        for attempt in range(GOTO_ATTEMPTS):
            try:
                self.page.goto(url)
                return
            except PlaywrightError as error:
                interrupted = any(sign in error.message for sign in INTERRUPTED_NAVIGATION)
                if not interrupted or attempt == GOTO_ATTEMPTS - 1:
                    raise
                self.page.wait_for_load_state()

    def back(self) -> None:
        self.page.go_back()

    @property
    def url(self) -> str:
        return self.page.url

    # acting
    def fill(self, value: str, **where) -> None:
        self._act(where, lambda field, ms: field.fill(value, timeout=ms))

    def type(self, value: str, **where) -> None:
        def clear_and_type(field, ms):
            field.fill("", timeout=ms)
            # the field is ready once fill() is done: what is left of the
            # timeout is typing time, which a loaded machine stretches
            field.press_sequentially(value, timeout=ms + TYPING_MS_PER_KEY * len(value))
        self._act(where, clear_and_type)

    def paste(self, value: str, **where) -> None:
        keyboard = self.page.keyboard

        def paste_into(field, ms):
            field.wait_for(state="visible", timeout=ms)
            # A person pastes into a page that has been read to its end: the
            # page's scripts (e.g. one that forbids pasting, ACC-07, at the end
            # of the body) have run. A field is in the DOM before them; a
            # fresh-clone run pasted in between once.
            self.page.wait_for_load_state("domcontentloaded", timeout=ms)
            self.page.evaluate(CLIPBOARD_SOURCE_JS, value)
            keyboard.press("ControlOrMeta+a")
            keyboard.press("ControlOrMeta+c")
            self.page.evaluate(REMOVE_CLIPBOARD_SOURCE_JS)
            field.focus(timeout=ms)
            keyboard.press("ControlOrMeta+a")
            keyboard.press("ControlOrMeta+v")
        self._act(where, paste_into)

    def click(self, **where) -> None:
        try:
            self._act(where, lambda element, ms: element.click(timeout=ms))
        except PlaywrightError:
            if self.page.is_closed():  # the click closed the window (« Fermer »)
                return
            raise

    def hover(self, **where) -> None:
        self._act(where, lambda element, ms: element.hover(timeout=ms))

    def check(self, checked: bool = True, **where) -> None:
        self._act(where, lambda box, ms: box.set_checked(checked, timeout=ms))

    def select(self, option: str, **where) -> None:
        self._act(where, lambda field, ms: field.select_option(label=option, timeout=ms))

    # reading
    def value(self, **where) -> str:
        return self._act(where, lambda field, ms: field.input_value(timeout=ms))

    def attribute(self, attribute: str, **where) -> str | None:
        return self._act(where, lambda element, ms: element.get_attribute(attribute, timeout=ms))

    def text(self, **where) -> str:
        """The element's visible text, white space folded (beyond base.UI)."""
        return fold(self._act(where, lambda element, ms: element.evaluate(ELEMENT_TEXT_JS,
                                                                          timeout=ms)))

    def options(self, **where) -> list[str]:
        texts = self._act(where, lambda field, ms: field.evaluate(OPTIONS_JS, timeout=ms))
        return [fold(text) for text in texts]

    def is_visible(self, **where) -> bool:
        what, _ = split_where(where, self.timeout)
        return self._candidates(what).filter(visible=True).count() > 0

    def is_editable(self, **where) -> bool:
        return self._act(where, lambda field, ms: field.is_editable(timeout=ms))

    def wait_for_text(self, text: str, timeout: float | None = None) -> None:
        wait_for_text(self, text, timeout)

    def page_text(self) -> str:
        return fold(self._evaluate_settled(PAGE_TEXT_JS))

    def _evaluate_settled(self, script: str, arg=None):
        """``page.evaluate``, read again once the page has loaded if it
        navigated while being read (a third failure is raised)."""
        for _ in range(2):
            try:
                return self.page.evaluate(script, arg)
            except PlaywrightError:  # the page navigated while being read
                self.page.wait_for_load_state()
        return self.page.evaluate(script, arg)

    def html(self) -> str:
        return self.page.content()

    def screenshot(self, path: str, full_page: bool = False) -> None:
        self.page.screenshot(path=path, full_page=full_page)

    def evaluate(self, script: str):
        return self.page.evaluate(script)

    def cookies(self) -> list[dict]:
        return [{k: c.get(k) for k in ("name", "value", "domain", "path")}
                for c in self._context.cookies(self.base_url)]

    def start_trace(self) -> None:
        # DOM snapshots, no screencast: see bench/ for what each one costs.
        self._context.tracing.start(snapshots=True, screenshots=False)
        self._tracing = True

    def stop_trace(self, path: str | None) -> bool:
        if not self._tracing:
            return False
        self._tracing = False
        if path:
            self._context.tracing.stop(path=path)
            return True
        self._context.tracing.stop()
        return False

    # session and windows
    def add_cookies(self, cookies: list[dict]) -> None:
        """Playwright's context.add_cookies: a cookie of the site's own host
        by the site's URL, any other by its domain and path."""
        hote = urlsplit(self.base_url).hostname
        converted = []
        for cookie in cookies:
            pw = {"name": cookie["name"], "value": cookie["value"]}
            domaine = (cookie.get("domain") or "").lstrip(".")
            if not domaine or domaine == hote or domaine.endswith(".local"):
                pw["url"] = self.base_url.rstrip("/") + (cookie.get("path") or "/")
            else:
                pw.update(domain=cookie["domain"], path=cookie.get("path") or "/")
            for cle in ("httpOnly", "secure", "sameSite", "expires"):
                if cookie.get(cle) is not None:
                    pw[cle] = cookie[cle]
            converted.append(pw)
        self._context.add_cookies(converted)

    def expect_new_window(self, action) -> "PlaywrightUI":
        secondes = max(echelle(self.timeout), 1)
        try:
            with self._context.expect_page(timeout=secondes * 1000) as attente:
                action()
        except PlaywrightTimeout:
            raise ElementNotFound(f"aucune nouvelle fenêtre ouverte depuis {self.url} "
                                  f"en {secondes:g} s") from None
        fenetre = type(self)(self._context, self.base_url, page=attente.value, opener=self)
        # A popup opened by a script starts on about:blank, then loads the page
        try:
            fenetre.page.wait_for_url(lambda url: url not in ("", "about:blank"),
                                      timeout=secondes * 1000, wait_until="commit")
        except PlaywrightTimeout:
            pass        # left to the next step, as a page that never loads
        fenetre.page.wait_for_load_state()
        return fenetre

    @property
    def closed(self) -> bool:
        return self.page.is_closed()

    def wait_closed(self, timeout: float | None = None) -> None:
        secondes = echelle(self.timeout if timeout is None else timeout)
        if self.page.is_closed():
            return
        try:
            self.page.wait_for_event("close", timeout=max(secondes, 1) * 1000)
        except PlaywrightTimeout:
            raise ElementNotFound(f"la fenêtre {self.url} est toujours ouverte après {secondes:g} s") from None

    def close(self) -> None:
        if self.opener is not None:  # a window of the scenario: only that one
            if not self.page.is_closed():
                self.page.close()
            return
        self._context.close()


# « lookup: dom »: the element found and made ready by dom.js in one call.
PREPARE_JS = "(p) => {\n" + DOM_JS + "\nreturn harness.prepare(p.locator, p.action, p.detail);\n}"
NAVIGATION_STATE_JS = "() => {\n" + DOM_JS + "\nreturn harness.navigationState();\n}"


def _prepare_params(what, action: str, detail=None) -> dict:
    return {"locator": {"label": what.label, "role": what.role, "name": what.name, "text": what.text},
            "action": action, "detail": detail}


class PlaywrightDomUI(PlaywrightUI):
    """The ``UI`` on Playwright for an engine set to ``lookup: dom``
    (browsers.yaml): elements are found by dom.js, as on WebDriver, in one
    script call, and acted on with Playwright's real keyboard and mouse.

    Why: over WebDriver BiDi (Firefox ESR) each element handle behind a
    Playwright locator action costs ≈ 100 ms (measured: a locator's
    ``evaluate`` 106 ms, ``focus`` 92 ms, ``fill`` 60 – 90 ms, ``click``
    200 – 280 ms, against 2 – 5 ms for a ``page.evaluate`` and 2 ms for
    ``keyboard.insert_text``): a fill becomes ≈ 6 ms and a click that
    submits a form ≈ 120 ms instead of ≈ 270 ms (bench/RESULTS.md, round 22).
    What a person does is unchanged: the field is focused and its content
    replaced by the keyboard, the click is the mouse's, on the element's
    centre, refused while something covers it or while it is disabled."""

    def _prepare(self, where: dict, action: str, detail=None) -> dict:
        """dom.js's ``prepare`` until the element is ready (its answer), or
        ElementNotFound after the time-out, as the other backends wait."""
        what, timeout = split_where(where, self.timeout)
        params = _prepare_params(what, action, detail)
        still = PageImmobile(self)
        last: dict = {"reponse": None, "erreur": None}

        def attempt() -> dict | None:
            try:
                answer = self.page.evaluate(PREPARE_JS, params)
            except PlaywrightError as error:  # the page is being replaced
                if self.page.is_closed():
                    raise
                last["erreur"] = error
                return None
            last.update(reponse=answer, erreur=None)
            if answer["etat"] in ("ok", "fait", "sans_option"):
                return answer
            if answer["etat"] == "absent" and self._still(still):
                raise not_found(what, timeout, self.url, hidden=answer["hidden"], still=self.immobile)
            return None

        def failure(_) -> BaseException:
            answer, error = last["reponse"], last["erreur"]
            if error is not None:
                return error  # not a passing navigation: a real error
            if answer is not None and answer["etat"] == "inutilisable":
                return ElementNotFound(f"{what} présent mais inutilisable après {echelle(timeout):g} s "
                                       f"sur {self.url} : {answer['raison']}")
            return not_found(what, echelle(timeout), self.url, hidden=(answer or {}).get("hidden", 0))

        if timeout <= 0:  # look once
            answer = attempt()
            if answer is None:
                raise failure(None)
            return answer
        return attendre(attempt, timeout, failure, intervalle=POLL_SECONDS)

    @staticmethod
    def _still(still: PageImmobile) -> bool:
        try:
            return still.reached()
        except PlaywrightError:  # the page navigated while being read: not still
            return False

    def _read(self, where: dict, what: str):
        return self._prepare(where, "lire", what)["valeur"]

    def _wait_for_navigation(self) -> None:
        """Until the navigation the click started (if any) has loaded the
        new page; one that never ends (a download, a 204) is left to the
        next step after the time-out."""
        attendre_sans_echec(lambda: self.page.is_closed() or self.page.evaluate(NAVIGATION_STATE_JS) == "done",
                            self.timeout, intervalle=POLL_SECONDS, ignorer=(PlaywrightError,))

    # acting
    def fill(self, value: str, **where) -> None:
        if self._prepare(where, "saisir", value)["etat"] == "ok":
            if value:
                self.page.keyboard.insert_text(value)
            else:
                self.page.keyboard.press("Delete")

    def type(self, value: str, **where) -> None:
        if self._prepare(where, "saisir", value)["etat"] == "ok":
            self.page.keyboard.press("Delete")
            self.page.keyboard.type(value)

    def paste(self, value: str, **where) -> None:
        _, timeout = split_where(where, self.timeout)
        self._prepare(where, "lire")  # the field is there
        # the page's scripts have run (see PlaywrightUI.paste)
        self.page.wait_for_load_state("domcontentloaded", timeout=max(echelle(timeout), 1) * 1000)
        keyboard = self.page.keyboard
        self.page.evaluate(CLIPBOARD_SOURCE_JS, value)
        keyboard.press("ControlOrMeta+a")
        keyboard.press("ControlOrMeta+c")
        self.page.evaluate(REMOVE_CLIPBOARD_SOURCE_JS)
        self._prepare(where, "saisir", value)
        keyboard.press("ControlOrMeta+a")
        keyboard.press("ControlOrMeta+v")

    def click(self, **where) -> None:
        point = self._prepare(where, "pointer", True)
        try:
            self.page.mouse.click(point["x"], point["y"])
        except PlaywrightError:
            if self.page.is_closed():  # the click closed the window (« Fermer »)
                return
            raise
        self._wait_for_navigation()

    def hover(self, **where) -> None:
        point = self._prepare(where, "pointer", False)
        self.page.mouse.move(point["x"], point["y"])

    def check(self, checked: bool = True, **where) -> None:
        if self._read(where, "checked") != checked:
            point = self._prepare(where, "pointer", False)
            self.page.mouse.click(point["x"], point["y"])
        if self._read(where, "checked") != checked:
            what, _ = split_where(where, self.timeout)
            raise ElementNotFound(f"{what} : la case n'a pas changé d'état sur {self.url}")

    def select(self, option: str, **where) -> None:
        answer = self._prepare(where, "choisir", option)
        if answer["etat"] == "sans_option":
            raise ElementNotFound(f"option « {option} » absente de la liste "
                                  f"({[fold(t) for t in answer['options']]})")

    # reading
    def value(self, **where) -> str:
        return self._read(where, "value")

    def attribute(self, attribute: str, **where) -> str | None:
        return self._read(where, f"attribute:{attribute}")

    def text(self, **where) -> str:
        return fold(self._read(where, "text"))

    def options(self, **where) -> list[str]:
        return [fold(text) for text in self._read(where, "options")]

    def is_visible(self, **where) -> bool:
        what, _ = split_where(where, self.timeout)
        return self._evaluate_settled(PREPARE_JS, _prepare_params(what, "lire"))["etat"] == "ok"

    def is_editable(self, **where) -> bool:
        return bool(self._read(where, "editable"))
