"""The browser matrix: profiles and engine settings read from browsers.yaml.

``load(path) -> Matrix``: ``matrix.profiles`` (file order; iterating the
matrix gives them too), ``matrix.profile(id)``, ``matrix.engines`` (what
``harness.ui.start_engine`` needs); ``select(matrix, ids, engines,
everything)`` chooses the profiles of a run. Everything is checked at load time and a
mistake raises ``ProfileError`` naming the file, the profile (or engine) and
the bad key. Environment variables (documented at the top of browsers.yaml)
override the file: ``HARNESS_<ENGINE>_<KEY>`` for engine settings and
``HARNESS_ENGINE_OVERRIDES`` to run profiles on another engine.
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "browsers.yaml"

ENGINES = ("chromium", "firefox", "webkit")
KINDS = ("playwright", "webdriver")
SUPPORT_LEVELS = ("supporte", "saisie_sans_signature")
XVFB_MODES = ("own", "inherit")
OVERRIDES_ENV = "HARNESS_ENGINE_OVERRIDES"

_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_RULE = re.compile(r"^[A-Z]+-\d{2}$")


class ProfileError(ValueError):
    """browsers.yaml (or an override) is wrong; the message says where."""


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int


@dataclass(frozen=True)
class Profile:
    """A browser of the guide, emulated on one of the engines."""

    id: str
    label: str
    os: str
    version: str
    user_agent: str
    viewport: Viewport
    engine: str
    support: str
    rule: str | None = None
    browserslist: str | None = None  # the real browser, for the audit (issue 14)

    @property
    def signature_possible(self) -> bool:
        """NAV-04 / PROC-05: Chrome can enter data but cannot sign."""
        return self.support == "supporte"


@dataclass(frozen=True)
class EngineSettings:
    """How one engine is started (section ``engines:`` of browsers.yaml)."""

    name: str
    kind: str
    executable: str | None = None
    channel: str | None = None
    driver: str | None = None
    ws_endpoint: str | None = None
    grid_url: str | None = None
    headless: bool = True
    xvfb: str = "own"

    @property
    def remote(self) -> bool:
        return bool(self.ws_endpoint or self.grid_url)


@dataclass(frozen=True)
class Matrix:
    """The whole file: profiles in file order, engine settings by name."""

    profiles: list[Profile]
    engines: dict[str, EngineSettings]

    def profile(self, profile_id: str) -> Profile:
        for profile in self.profiles:
            if profile.id == profile_id:
                return profile
        raise ProfileError(f"no profile {profile_id!r}{_suggest(profile_id, self.ids())}"
                           f" (known: {', '.join(self.ids())})")

    def ids(self) -> list[str]:
        return [p.id for p in self.profiles]

    def __iter__(self):
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)


# --- public API ------------------------------------------------------------

def load(path: str | os.PathLike | None = None, environ=None) -> Matrix:
    """The file (default: browsers.yaml at the project's root), checked, with
    the environment's overrides applied (``environ``: default os.environ)."""
    path = Path(path) if path else DEFAULT_PATH
    environ = os.environ if environ is None else environ
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ProfileError(f"{path}: cannot read the file ({error})") from None
    except yaml.YAMLError as error:
        raise ProfileError(f"{path}: not valid YAML ({error})") from None
    where = _Where(path)
    if not isinstance(data, dict):
        where.fail("the file must be a mapping with the keys `engines` and `profiles`")
    where.check_keys(data, required={"engines", "profiles"}, optional=set())
    engines = _read_engines(where, data["engines"], environ)
    profiles = _read_profiles(where, data["profiles"], engines)
    profiles = apply_overrides(profiles, environ.get(OVERRIDES_ENV, ""), engines)
    return Matrix(profiles=profiles, engines=engines)


def load_engines(path: str | os.PathLike | None = None) -> dict[str, EngineSettings]:
    """The engine settings of the file, environment overrides applied."""
    return load(path).engines


def select(profiles, ids=None, engines=None, everything: bool = False) -> list[Profile]:
    """The profiles of a run, in file order, from a ``Matrix`` or a list:

    - ``ids`` (a list or a comma-separated string; globs allowed: ``ie*``)
      and/or ``engines``: the profiles that match both filters given;
    - else ``everything``: the whole matrix;
    - else one profile per engine, the first of each in the file (a quick
      run that still crosses every engine).

    An id or glob that matches nothing is an error: a typo must not
    silently shrink the matrix."""
    profiles = list(profiles)
    ids = _as_list(ids)
    engines = _as_list(engines)
    for engine in engines:
        if engine not in ENGINES:
            raise ProfileError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    for pattern in ids:
        if not any(fnmatch.fnmatchcase(p.id, pattern) for p in profiles):
            raise ProfileError(
                f"no profile matches {pattern!r}{_suggest(pattern, [p.id for p in profiles])}"
                f" (known: {', '.join(p.id for p in profiles)})")
    if ids or engines:
        return [p for p in profiles
                if (not ids or any(fnmatch.fnmatchcase(p.id, pat) for pat in ids))
                and (not engines or p.engine in engines)]
    if everything:
        return profiles
    first_of_engine = {}
    for profile in profiles:
        first_of_engine.setdefault(profile.engine, profile)
    return [p for p in profiles if first_of_engine[p.engine] is p]


def apply_overrides(profiles: list[Profile], spec: str,
                    engines: dict[str, EngineSettings] | None = None) -> list[Profile]:
    """Apply ``"ie*=firefox,chrome=webkit"``: the first matching pattern
    gives the profile's engine."""
    rules = []
    for item in _as_list(spec):
        pattern, sep, engine = item.partition("=")
        pattern, engine = pattern.strip(), engine.strip()
        if not sep or not pattern or engine not in ENGINES:
            raise ProfileError(
                f"{OVERRIDES_ENV}: {item!r} must be `profile-id-or-glob=engine` "
                f"with engine one of {', '.join(ENGINES)}")
        if engines is not None and engine not in engines:
            raise ProfileError(f"{OVERRIDES_ENV}: engine {engine!r} has no settings "
                               f"in the `engines` section")
        if not any(fnmatch.fnmatchcase(p.id, pattern) for p in profiles):
            raise ProfileError(f"{OVERRIDES_ENV}: {pattern!r} matches no profile"
                               f"{_suggest(pattern, [p.id for p in profiles])}")
        rules.append((pattern, engine))
    result = []
    for profile in profiles:
        engine = next((e for pat, e in rules if fnmatch.fnmatchcase(profile.id, pat)), None)
        result.append(replace(profile, engine=engine) if engine else profile)
    return result


# --- reading and checking ----------------------------------------------------

_PROFILE_REQUIRED = {"id", "label", "os", "version", "user_agent", "viewport",
                     "engine", "support"}
_PROFILE_OPTIONAL = {"rule", "browserslist"}
_ENGINE_KEYS = {f.name for f in fields(EngineSettings)} - {"name"}


class _Where:
    """Where we are in the file, to name it in every error."""

    def __init__(self, path: Path, context: str = ""):
        self.path, self.context = path, context

    def inside(self, context: str) -> "_Where":
        return _Where(self.path, context)

    def fail(self, message: str):
        prefix = f"{self.path}: {self.context}: " if self.context else f"{self.path}: "
        raise ProfileError(prefix + message)

    def check_keys(self, mapping: dict, required: set, optional: set) -> None:
        allowed = required | optional
        for key in mapping:
            if key not in allowed:
                self.fail(f"unknown key {key!r}{_suggest(str(key), allowed)}"
                          f" (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required):
            if key not in mapping:
                self.fail(f"missing key {key!r}")

    def text(self, mapping: dict, key: str, pattern: re.Pattern | None = None) -> str:
        value = mapping[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"key {key!r} must be a non-empty text in quotes, "
                      f"got {value!r}")
        if pattern and not pattern.match(value):
            self.fail(f"key {key!r}: {value!r} does not match {pattern.pattern}")
        return value

    def choice(self, mapping: dict, key: str, choices) -> str:
        value = mapping[key]
        if value not in choices:
            self.fail(f"key {key!r}: {value!r} is not one of {', '.join(choices)}")
        return value


def _read_engines(where: _Where, raw, environ) -> dict[str, EngineSettings]:
    if not isinstance(raw, dict) or not raw:
        where.fail("`engines` must be a mapping of engine name to settings")
    engines = {}
    for name, settings in raw.items():
        here = where.inside(f"engine {name!r}")
        if name not in ENGINES:
            here.fail(f"unknown engine{_suggest(str(name), ENGINES)} (known: {', '.join(ENGINES)})")
        if not isinstance(settings, dict):
            here.fail("settings must be a mapping")
        settings = dict(settings)
        settings.update(_env_settings(name, environ))
        here.check_keys(settings, required={"kind"}, optional=_ENGINE_KEYS - {"kind"})
        here.choice(settings, "kind", KINDS)
        settings.setdefault("xvfb", "own")
        here.choice(settings, "xvfb", XVFB_MODES)
        if not isinstance(settings.get("headless", True), bool):
            here.fail(f"key 'headless' must be true or false, got {settings['headless']!r}")
        for key in ("executable", "channel", "driver", "ws_endpoint", "grid_url"):
            if settings.get(key) is not None and not isinstance(settings[key], str):
                here.fail(f"key {key!r} must be a text, got {settings[key]!r}")
        if settings["kind"] == "playwright" and settings.get("grid_url"):
            here.fail("key 'grid_url' is for kind: webdriver (a Playwright server is ws_endpoint)")
        if settings["kind"] == "webdriver" and settings.get("ws_endpoint"):
            here.fail("key 'ws_endpoint' is for kind: playwright (a Selenium Grid is grid_url)")
        engines[name] = EngineSettings(name=name, **settings)
    return engines


def _env_settings(engine: str, environ) -> dict:
    """HARNESS_<ENGINE>_<KEY> variables; an empty value clears the key."""
    found = {}
    prefix = f"HARNESS_{engine.upper()}_"
    for var, value in environ.items():
        if not var.startswith(prefix):
            continue
        key = var[len(prefix):].lower()
        if key not in _ENGINE_KEYS:
            raise ProfileError(f"environment variable {var}: unknown engine key {key!r}"
                               f"{_suggest(key, _ENGINE_KEYS)}")
        if key == "headless":
            if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ProfileError(f"environment variable {var}: expected true or false")
            found[key] = value.lower() in ("1", "true", "yes")
        else:
            found[key] = value or None
    return found


def _read_profiles(where: _Where, raw, engines: dict) -> list[Profile]:
    if not isinstance(raw, list) or not raw:
        where.fail("`profiles` must be a non-empty list")
    profiles, seen = [], set()
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            where.fail(f"profile #{index} must be a mapping")
        here = where.inside(f"profile {item.get('id', '#' + str(index))!r}")
        here.check_keys(item, _PROFILE_REQUIRED, _PROFILE_OPTIONAL)
        profile_id = here.text(item, "id", _ID)
        if profile_id in seen:
            here.fail("duplicate id (key 'id')")
        seen.add(profile_id)
        engine = here.choice(item, "engine", ENGINES)
        if engine not in engines:
            here.fail(f"key 'engine': {engine!r} has no settings in the `engines` section")
        rule = item.get("rule")
        if rule is not None:
            here.text(item, "rule", _RULE)
        profiles.append(Profile(
            id=profile_id,
            label=here.text(item, "label"),
            os=here.text(item, "os"),
            version=here.text(item, "version"),
            user_agent=here.text(item, "user_agent"),
            viewport=_read_viewport(here, item["viewport"]),
            engine=engine,
            support=here.choice(item, "support", SUPPORT_LEVELS),
            rule=rule,
            browserslist=here.text(item, "browserslist") if "browserslist" in item else None,
        ))
    return profiles


def _read_viewport(where: _Where, raw) -> Viewport:
    if not isinstance(raw, dict):
        where.fail(f"key 'viewport' must be {{width: W, height: H}}, got {raw!r}")
    where = where.inside(f"{where.context}, viewport")
    where.check_keys(raw, required={"width", "height"}, optional=set())
    for key in ("width", "height"):
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 200 <= value <= 10000:
            where.fail(f"key {key!r} must be a whole number of pixels "
                       f"between 200 and 10000, got {value!r}")
    return Viewport(width=raw["width"], height=raw["height"])


def _as_list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
