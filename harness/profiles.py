"""The browser matrix: profiles and engine settings read from browsers.yaml.

``load(path) -> Matrix``: ``matrix.profiles`` (file order; iterating the
matrix gives them too), ``matrix.profile(id)``, ``matrix.engines`` (what
``harness.ui.start_engine`` needs); ``select(matrix, ids, engines,
everything)`` chooses the profiles of a run. The file is checked by
``harness.schemas.BrowsersFile`` at load time and a mistake raises
``ProfileError`` naming, in French, the file, the profile (or engine) and the
bad key. Environment variables (documented at the top of browsers.yaml)
override the file: ``HARNESS_<ENGINE>_<KEY>`` for engine settings and
``HARNESS_ENGINE_OVERRIDES`` to run profiles on another engine.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from harness import defauts, schemas
from harness.schemas import ENGINES, suggest

DEFAULT_PATH = defauts.embarque("browsers.yaml")  # the user's own: defauts.fichier

SUPPORT_LEVELS = ("supporte", "saisie_sans_signature")
OVERRIDES_ENV = "HARNESS_ENGINE_OVERRIDES"


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
    browserslist: str | None = None     # the browserslist query of this browser ("ie 7")

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
    headless_executable: str | None = None   # a lighter binary when headless (Chromium's headless shell)
    channel: str | None = None
    driver: str | None = None
    ws_endpoint: str | None = None
    grid_url: str | None = None
    headless: bool = True
    xvfb: str = "own"
    driver_log: str | None = None   # WebDriver engines: the driver's output into this file
    recycle_after: int = 0          # Playwright: a new browser after so many contexts (0: never)
    lookup: str | None = None       # Playwright: how elements are found (None, playwright | dom: dom.js)
    spare_session: bool = False     # WebDriver, local: the next scenario's browser started beforehand

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
        raise ProfileError(f"aucun profil « {profile_id} »{suggest(profile_id, self.ids())}"
                           f" (connus : {', '.join(self.ids())})")

    def ids(self) -> list[str]:
        return [p.id for p in self.profiles]

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)


# --- public API ------------------------------------------------------------

def load(path: str | os.PathLike | None = None, environ: Mapping[str, str] | None = None) -> Matrix:
    """The file (default: browsers.yaml at the project's root), checked, with
    the environment's overrides applied (``environ``: default os.environ)."""
    path = Path(path) if path else DEFAULT_PATH
    environ = os.environ if environ is None else environ
    data = schemas.read_yaml(path, ProfileError)
    if isinstance(data, dict) and isinstance(data.get("engines"), dict):
        data = {**data, "engines": {
            name: {**settings, **_env_settings(str(name), environ)} if isinstance(settings, dict)
            else settings for name, settings in data["engines"].items()}}
    checked = schemas.validate(schemas.BrowsersFile, data, path=path, error=ProfileError,
                               entry=schemas.browsers_entry)
    engines: dict[str, EngineSettings] = {
        str(name): EngineSettings(name=name, **e.model_dump()) for name, e in checked.engines.items()}
    profiles = [Profile(**{**p.model_dump(), "viewport": Viewport(**p.viewport.model_dump())})
                for p in checked.profiles]
    profiles = apply_overrides(profiles, environ.get(OVERRIDES_ENV, ""), engines)
    return Matrix(profiles=profiles, engines=engines)


def load_engines(path: str | os.PathLike | None = None) -> dict[str, EngineSettings]:
    """The engine settings of the file, environment overrides applied."""
    return load(path).engines


def check_patterns(patterns: list[str], ids: list[str], option: str = "") -> None:
    """Each id or glob of ``patterns`` must match one of ``ids``: a typo is
    an error (``option``, e.g. "--une-par-regle", heads the message)."""
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
            raise ProfileError(f"{option + ' : ' if option else ''}aucun profil ne correspond à « {pattern} »"
                               f"{suggest(pattern, ids)} (connus : {', '.join(ids)})")


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
            raise ProfileError(f"moteur « {engine} » inconnu{suggest(engine, ENGINES)} "
                               f"(connus : {', '.join(ENGINES)})")
    check_patterns(ids, [p.id for p in profiles])
    if ids or engines:
        return [p for p in profiles
                if (not ids or any(fnmatch.fnmatchcase(p.id, pat) for pat in ids))
                and (not engines or p.engine in engines)]
    if everything:
        return profiles
    first_of_engine: dict[str, Profile] = {}
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
                f"{OVERRIDES_ENV} : « {item} » doit s'écrire `profil-ou-motif=moteur`, "
                f"moteur parmi {', '.join(ENGINES)}")
        if engines is not None and engine not in engines:
            raise ProfileError(f"{OVERRIDES_ENV} : le moteur « {engine} » n'a pas de réglages "
                               "dans la section « engines »")
        if not any(fnmatch.fnmatchcase(p.id, pattern) for p in profiles):
            raise ProfileError(f"{OVERRIDES_ENV} : « {pattern} » ne correspond à aucun profil"
                               f"{suggest(pattern, [p.id for p in profiles])}")
        rules.append((pattern, engine))
    result = []
    for profile in profiles:
        moved = next((e for pat, e in rules if fnmatch.fnmatchcase(profile.id, pat)), None)
        result.append(replace(profile, engine=moved) if moved else profile)
    return result


# --- the environment's engine settings ------------------------------------------

#: The type of each engine key (as written in EngineSettings), by key.
_ENGINE_KEYS = {f.name: str(f.type) for f in fields(EngineSettings) if f.name != "name"}


def _booleen(value: str) -> bool:
    if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
        raise ValueError("true ou false attendu")
    return value.lower() in ("1", "true", "yes")


def _entier(value: str) -> int:
    if not value.isdigit():
        raise ValueError("un nombre entier positif ou nul attendu")
    return int(value)


#: How a variable's text becomes a key's value, by the key's type; a text
#: key takes it as it is (empty: no value).
_CONVERSIONS = {"bool": _booleen, "int": _entier}


def _env_settings(engine: str, environ: Mapping[str, str]) -> dict[str, object]:
    """HARNESS_<ENGINE>_<KEY> variables, converted to the key's type; an
    empty value clears the key."""
    found: dict[str, object] = {}
    prefix = f"HARNESS_{engine.upper()}_"
    for var, value in environ.items():
        if not var.startswith(prefix):
            continue
        key = var[len(prefix):].lower()
        if key not in _ENGINE_KEYS:
            raise ProfileError(f"variable d'environnement {var} : clé de moteur « {key} » inconnue"
                               f"{suggest(key, _ENGINE_KEYS)}")
        try:
            found[key] = _CONVERSIONS.get(_ENGINE_KEYS[key], lambda v: v or None)(value)
        except ValueError as erreur:
            raise ProfileError(f"variable d'environnement {var} : {erreur}") from None
    return found


def _as_list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]
