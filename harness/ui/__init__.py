"""The browser layer: one ``UI`` interface, two backends.

    from harness import profiles
    from harness.ui import EnginePool

    matrix = profiles.load("browsers.yaml")
    engines = EnginePool(matrix)                     # once per worker
    ui = engines.get(profile.engine).new_ui(profile, base_url)  # per scenario
    ...
    ui.close()                                       # end of the scenario
    engines.close()                                  # end of the worker

Page objects only see ``UI`` (and ``ElementNotFound``); Playwright and
Selenium are imported only when an engine of their kind is started.
"""
from __future__ import annotations

from collections.abc import Callable

from .base import UI, ElementNotFound, Engine, Locator, locator
from .common import EngineUnavailable

__all__ = ["UI", "Engine", "Locator", "ElementNotFound", "EngineUnavailable",
           "EnginePool", "locator", "start_engine"]


def start_engine(name: str, settings=None) -> Engine:
    """Start the engine ``name`` ("chromium", "firefox", "webkit") as the
    ``engines:`` section of browsers.yaml says. ``settings``: the loaded
    ``Matrix``, its ``engines`` dict, one ``EngineSettings``, or None to read
    browsers.yaml (environment overrides apply in every case, at load).
    The engine is a running browser (Playwright) or a running WebDriver
    server with its own Xvfb (WebKitGTK): start one per worker."""
    settings = _settings_of(name, settings)
    if settings.kind == "playwright":
        from .playwright_backend import PlaywrightEngine

        return PlaywrightEngine(name, settings)
    if settings.kind == "webdriver":
        from .webdriver_backend import WebDriverEngine

        return WebDriverEngine(name, settings)
    raise ValueError(f"{name} : sorte de moteur inconnue {settings.kind!r} (connues : playwright, webdriver)")


def _settings_of(name: str, settings):
    if settings is None:
        from harness.profiles import load

        settings = load()
    by_engine = getattr(settings, "engines", settings)  # a Matrix
    if isinstance(by_engine, dict):
        if name not in by_engine:
            raise EngineUnavailable(f"aucun réglage pour le moteur {name!r} dans la section "
                                    f"`engines` de browsers.yaml")
        return by_engine[name]
    return settings


class EnginePool:
    """The engines of one worker, each started on first use and kept until
    ``close()`` (a browser launch costs up to ≈ 3 s: Firefox)."""

    def __init__(self, settings=None,
                 on_start: Callable[[str, Engine], object] | None = None):
        self._settings = settings
        self._on_start = on_start
        self._started: dict[str, Engine] = {}

    def get(self, name: str) -> Engine:
        if name not in self._started:
            self._started[name] = start_engine(name, self._settings)
            if self._on_start is not None:
                self._on_start(name, self._started[name])
        return self._started[name]

    def close(self) -> None:
        started, self._started = self._started, {}
        errors = []
        for engine in started.values():
            try:
                engine.close()
            except Exception as error:  # close the others all the same
                errors.append(error)
        if errors:
            raise errors[0]
