"""The browser interface that page objects use, whatever the engine.

Page objects find elements as a person does: by the text of a label, by a
role and its accessible name, or by a visible text. They never import
Playwright or Selenium; a backend implements this interface for one engine.

Every lookup waits (up to ``timeout`` seconds, default of the UI) for the
element to exist and be visible, and fails with ``ElementNotFound`` naming
what was looked for. Names and labels are matched exactly, after white space
is folded (the guide's texts are exact).
"""
from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass


class ElementNotFound(AssertionError):
    """No element matched a locator before the time-out."""


@dataclass(frozen=True)
class Locator:
    """What a person looks for. Exactly one way is given.

    - ``label``: a form field by the exact text of its ``<label>``;
    - ``role`` + ``name``: ``button``, ``link``, ``checkbox``, ``img``,
      ``heading``, ``alert``, ``status``… with its accessible name (for
      ``alert``/``status``, name may be None: the first one);
    - ``text``: an element whose own visible text is exactly this.
    """

    label: str | None = None
    role: str | None = None
    name: str | None = None
    text: str | None = None

    def __str__(self) -> str:
        if self.label is not None:
            return f"champ « {self.label} »"
        if self.role is not None:
            return f"{self.role} « {self.name} »" if self.name else self.role
        return f"texte « {self.text} »"


def locator(label=None, role=None, name=None, text=None) -> Locator:
    given = [x for x in (label, role, text) if x is not None]
    if len(given) != 1:
        raise ValueError("donnez exactement un de label=, role= ou text=")
    return Locator(label=label, role=role, name=name, text=text)


#: How long a lookup waits by default, in seconds, written at patience 1:
#: every wait is × pytest's ``--patience`` where it happens (attente.echelle).
DELAI = 10.0

#: A lookup or a text wait gives up before its time-out once the page has
#: been still this many seconds (pytest's ``--page-immobile``); 0: never.
IMMOBILE = 0.0


def _compte(method: Callable) -> Callable:
    @functools.wraps(method)
    def counted(self, *args, **kwargs):
        self.uses += 1
        return method(self, *args, **kwargs)
    return counted


class UI(ABC):
    """One browser page for one scenario, with the profile's user agent and
    window size, rooted at ``base_url``."""

    base_url: str
    timeout: float = DELAI
    immobile: float = IMMOBILE
    #: The calls made so far on this page through the methods of this
    #: interface (a backend's are counted as they are defined): a page no
    #: call reached since someone last looked at it shows what it showed,
    #: as this extranet's pages change only on a request (the audit looks
    #: again only at a page used since it last looked).
    uses: int = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and callable(value) and callable(getattr(UI, name, None)):
                setattr(cls, name, _compte(value))

    def network_activity(self) -> tuple[int, int] | None:
        """The requests of the page in flight, and how many began or ended
        so far; None where the backend cannot see them (a wait then never
        gives up on a still page: ``immobile`` has no effect)."""
        return None

    # navigation
    @abstractmethod
    def goto(self, path: str = "/") -> None:
        """Open ``base_url + path`` (or an absolute URL)."""

    @abstractmethod
    def back(self) -> None:
        """The browser's back button."""

    @property
    @abstractmethod
    def url(self) -> str:
        """The current URL."""

    # acting
    @abstractmethod
    def fill(self, value: str, **where) -> None:
        """Replace the value of a field (programmatic input, fast)."""

    @abstractmethod
    def type(self, value: str, **where) -> None:
        """Type ``value`` key by key into a field, as a person typing."""

    @abstractmethod
    def paste(self, value: str, **where) -> None:
        """Put ``value`` on the clipboard by a real keyboard copy, then press
        Ctrl+V in the field (a trusted paste event). The page may block it."""

    @abstractmethod
    def click(self, **where) -> None:
        """Click an element (button, link, image…)."""

    @abstractmethod
    def hover(self, **where) -> None:
        """Move the mouse over an element."""

    @abstractmethod
    def check(self, checked: bool = True, **where) -> None:
        """Tick (or untick) a checkbox."""

    @abstractmethod
    def select(self, option: str, **where) -> None:
        """Choose the option whose visible text is ``option`` in a select."""

    # reading
    @abstractmethod
    def value(self, **where) -> str:
        """The current value of a field."""

    @abstractmethod
    def attribute(self, attribute: str, **where) -> str | None:
        """An HTML attribute of an element (None if absent)."""

    @abstractmethod
    def text(self, **where) -> str:
        """The visible text of one element (e.g. ``role="alert"``), white
        space folded."""

    @abstractmethod
    def options(self, **where) -> list[str]:
        """The visible texts of a select's options."""

    @abstractmethod
    def is_visible(self, **where) -> bool:
        """Whether the element is visible now (no waiting)."""

    @abstractmethod
    def is_editable(self, **where) -> bool:
        """Whether the field accepts input (not disabled nor read-only)."""

    @abstractmethod
    def wait_for_text(self, text: str, timeout: float | None = None) -> None:
        """Wait until ``text`` appears in the page's visible text."""

    @abstractmethod
    def page_text(self) -> str:
        """The visible text of the whole page, white space folded."""

    @abstractmethod
    def html(self) -> str:
        """The page's current HTML (evidence)."""

    @abstractmethod
    def screenshot(self, path: str, full_page: bool = False) -> None:
        """Save a PNG of the viewport (evidence); ``full_page``: the whole
        page at the viewport's width, where the engine can (Playwright)."""

    @abstractmethod
    def evaluate(self, script: str):
        """Run a JavaScript expression in the page and return its value
        (used for evidence and engine facts, never to drive a scenario)."""

    def cookies(self) -> list[dict]:
        """The cookies this browser context holds for the site, as dicts with
        ``name``, ``value``, ``domain``, ``path`` (to prove on the server that
        a session is over: OUT-01/OUT-02)."""
        raise NotImplementedError(f"{type(self).__name__} ne sait pas lire ses cookies")

    def start_trace(self) -> None:
        """Start recording a trace of the scenario, where the engine can
        (Playwright); a no-op elsewhere."""

    def stop_trace(self, path: str | None) -> bool:
        """Stop recording; save the trace to ``path`` when given. Returns
        whether a trace file was written."""
        return False

    # session and windows (issue 10 item 2, issue 11 item 8)
    #: The UI of the window that opened this one (``expect_new_window``), else None.
    opener: "UI | None" = None

    def add_cookies(self, cookies: list[dict]) -> None:
        """Give the browser these cookies for the site (a session opened by
        harness.clients.session_http), as {name, value, domain, path,
        httpOnly, secure[, sameSite][, expires]}."""
        raise NotImplementedError

    def expect_new_window(self, action: Callable[[], None]) -> "UI":
        """Run ``action`` (e.g. a click) that opens a new window or tab, and
        return a UI bound to that window, its page loaded. This UI stays
        bound to its own window. Fails (ElementNotFound) if none opens."""
        raise NotImplementedError

    @property
    def closed(self) -> bool:
        """Whether this window is closed (by the page's « Fermer », say)."""
        raise NotImplementedError

    def wait_closed(self, timeout: float | None = None) -> None:
        """Wait until this window is closed (a time-out only catches a hang);
        then go on with ``opener``."""
        raise NotImplementedError

    @abstractmethod
    def close(self) -> None:
        """End the scenario's context or session (for a window from
        ``expect_new_window``: close that window only)."""


class Engine(ABC):
    """One running browser of one engine, shared by the scenarios of a
    worker; makes a fresh, isolated UI for each scenario."""

    name: str  # "chromium", "firefox" or "webkit"

    @abstractmethod
    def new_ui(self, profile, base_url: str) -> UI:
        ...

    @abstractmethod
    def version(self) -> str:
        """The engine's product version (for reports)."""

    @abstractmethod
    def close(self) -> None:
        ...
