"""Small pieces both backends share: URLs, locators from keyword arguments,
white-space folding, the clipboard trick and the not-found message."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from harness.attente import attendre

from .base import ElementNotFound, Locator, locator

POLL_SECONDS = 0.05


class EngineUnavailable(RuntimeError):
    """An engine cannot start here (browser or display missing); the message
    says what to install or configure."""


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


def not_found(what: Locator, timeout: float, url: str, hidden: int = 0) -> ElementNotFound:
    message = f"{what} introuvable après {timeout:g} s sur {url}"
    if hidden:
        message += f" ({hidden} correspondance(s) présente(s) mais invisible(s))"
    return ElementNotFound(message)


def wait_for_text(ui, text: str, timeout: float | None) -> None:
    """Poll the page's visible text until it contains ``text`` (folded);
    the same wait on every engine, so the same meaning everywhere."""
    timeout = ui.timeout if timeout is None else timeout
    wanted = fold(text)
    attendre(lambda: wanted in ui.page_text(), timeout,
             lambda _: f"texte « {text} » absent de la page après {timeout:g} s sur {ui.url}",
             erreur=ElementNotFound, intervalle=POLL_SECONDS)
