"""Small pieces both backends share: URLs, locators from keyword arguments,
white-space folding, the clipboard trick and the not-found message."""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urljoin

from harness.attente import attendre, echelle

from .base import ElementNotFound, Locator, locator

POLL_SECONDS = 0.05


class EngineUnavailable(RuntimeError):
    """An engine cannot start here (browser or display missing); the message
    says what to install or configure."""


# How elements are found in the page where the engine's own locators are
# not used (WebDriver; Playwright's « lookup: dom »): see dom.js.
DOM_JS = (Path(__file__).with_name("dom.js")).read_text(encoding="utf-8")

# The page's language (Accept-Language, navigator.language): a context option
# in Playwright, the C locale of the browser in WebKitGTK (see its backend).
LOCALE = "fr-FR"

# paste(): a temporary field that holds the value, selected, so that a real
# Ctrl+A / Ctrl+C puts it on the clipboard. It is removed right after.
CLIPBOARD_SOURCE_JS = """(value) => {
  const t = document.createElement('textarea');
  t.id = '__harness_clipboard';
  t.value = value;
  t.style.cssText = 'position:fixed;top:0;left:0;width:20em;height:3em;z-index:2147483647';
  document.body.appendChild(t);
  t.focus();
  t.select();
}"""
REMOVE_CLIPBOARD_SOURCE_JS = "() => document.getElementById('__harness_clipboard').remove()"

# page_text(): the visible text, as the user reads it.
PAGE_TEXT_JS = "() => document.body ? document.body.innerText : ''"
# text(): an element's visible text.
ELEMENT_TEXT_JS = "(el) => el.innerText"
# options(): the texts of a <select>'s options.
OPTIONS_JS = "(el) => Array.from(el.options, (o) => o.text)"


def fold(text: str | None) -> str:
    """White space folded to single spaces, trimmed (how texts compare)."""
    return re.sub(r"\s+", " ", (text or "").replace("\u200b", "")).strip()


def absolute_url(base_url: str, path: str) -> str:
    """``base_url + path``, or ``path`` itself when it is absolute."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", path):
        return path
    return urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))


def split_where(where: dict, default_timeout: float) -> tuple[Locator, float]:
    """``label=…`` / ``role=…, name=…`` / ``text=…`` and an optional
    ``timeout=`` (seconds) from a UI method's keyword arguments."""
    where = dict(where)
    timeout = where.pop("timeout", None)
    unknown = set(where) - {"label", "role", "name", "text"}
    if unknown:
        raise TypeError(f"argument(s) de localisation inconnu(s) : {', '.join(sorted(unknown))} "
                        "(connus : label, role, name, text, timeout)")
    return locator(**where), default_timeout if timeout is None else timeout


class PageImmobile:
    """When a wait may give up before its time-out (pytest's
    ``--page-immobile``): the page has kept its address and its visible
    text, with no request in flight and none begun or ended, for
    ``ui.immobile`` seconds — a page served whole, that will not change any
    more. A server still answering a form keeps its request in flight, so a
    slow site is waited for; a page that changes by a timer alone, later
    than that, is not (hence off by default). Never where the backend does
    not see the network (``UI.network_activity``)."""

    def __init__(self, ui):
        self.ui = ui
        self.active = ui.immobile > 0 and ui.network_activity() is not None
        self._state: tuple | None = None
        self._since = time.monotonic()

    def reached(self, text: str | None = None) -> bool:
        """Whether the page has been still long enough; ``text``: its
        visible text, if the caller has just read it."""
        if not self.active:
            return False
        network = self.ui.network_activity()
        state = (network, self.ui.url, self.ui.page_text() if text is None else text)
        now = time.monotonic()
        if state != self._state or network[0]:
            self._state, self._since = state, now
            return False
        return now - self._since >= self.ui.immobile


def not_found(what: Locator, timeout: float, url: str, hidden: int = 0,
              still: float = 0.0) -> ElementNotFound:
    message = (f"{what} introuvable sur la page immobile depuis {still:g} s, {url}" if still
               else f"{what} introuvable après {timeout:g} s sur {url}")
    if hidden:
        message += f" ({hidden} correspondance(s) présente(s) mais invisible(s))"
    return ElementNotFound(message)


def wait_for_text(ui, text: str, timeout: float | None) -> None:
    """Poll the page's visible text until it contains ``text`` (folded);
    the same wait on every engine, so the same meaning everywhere."""
    timeout = ui.timeout if timeout is None else timeout
    wanted = fold(text)
    still = PageImmobile(ui)

    def present() -> bool:
        page = ui.page_text()
        if wanted in page:
            return True
        if still.reached(page):
            raise ElementNotFound(f"texte « {text} » absent de la page immobile depuis "
                                  f"{ui.immobile:g} s, {ui.url}")
        return False

    attendre(present, timeout,
             lambda _: f"texte « {text} » absent de la page après {echelle(timeout):g} s sur {ui.url}",
             erreur=ElementNotFound, intervalle=POLL_SECONDS)
