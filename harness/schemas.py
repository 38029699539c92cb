"""One schema layer for the project's configuration files.

``browsers.yaml`` (``harness.profiles``), ``targets.yaml``
(``harness.targets``) and ``fixtures/rules.yaml`` (``harness.rules``) are
described here as pydantic models; each module only turns the checked
document into its own objects. A mistake becomes one French message that
names the file, the entry (« profil « ie7-winxp » », « cible « staging » »,
« règle « LCK-03 » ») and the key, with a suggestion when a key or a name is
misspelt (``suggest``, the only "did you mean" of the project).

Environment-dependent values (``${VAR}`` in targets.yaml) are checked twice:
as written (``${…}`` accepted wherever a value may come from the
environment) and once replaced, by the same models.
"""
from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

import yaml
from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

#: A rule ID (``LCK-03``, ``ABC-100``): the one pattern of the project.
RULE_ID = re.compile(r"^[A-Z]+-\d+$")
#: ``${VAR}`` or ``${VAR:-default}`` in a value of targets.yaml.
ENV_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")

M = TypeVar("M", bound=BaseModel)


# --- shared helpers ----------------------------------------------------------------

def suggest(word: object, choices: Iterable[object]) -> str:
    """`` (vouliez-vous dire « x » ?)`` for the closest of ``choices``, or ``""``."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def invalid(message: str, key: str | None = None) -> PydanticCustomError:
    """An error raised by a validator below: ``message`` is shown as is,
    after « clé « key » : » when ``key`` is given."""
    return PydanticCustomError("ap_invalide", "{message}", {"message": message, "key": key})


def read_yaml(path: str | os.PathLike, error: type[Exception]) -> Any:
    """The YAML document of ``path``, or ``error`` with a French message."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path} : lecture impossible ({exc})") from None
    except yaml.YAMLError as exc:
        raise error(f"{path} : YAML invalide ({exc})") from None


#: Names an entry from its location in the document: ``(words, rest of the location)``.
EntryNamer = Callable[[tuple, Any], tuple[str, tuple]]


def validate(model: type[M], data: Any, *, path: str | os.PathLike, error: type[Exception],
             entry: EntryNamer | None = None, where: str | None = None) -> M:
    """``model.model_validate(data)``; a mistake raises ``error`` with one
    French line per problem, each naming ``path`` (or ``where``), the entry
    and the key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        prefix = where or str(path)
        lines = [_describe(e, model, data, prefix, entry) for e in exc.errors()]
        raise error("\n".join(dict.fromkeys(lines))) from None


# --- turning pydantic's errors into French -----------------------------------------------

def _choices(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` → ``a, b, c``."""
    return ", ".join(re.findall(r"'([^']*)'", expected)) or expected


def _is_container(annotation: Any) -> bool:
    return get_origin(annotation) in (list, dict)


def _inner_model(annotation: Any) -> Any:
    """The model inside ``X``, ``X | None``, ``list[X]``, ``dict[K, X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _holder(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model of which ``loc[-1]`` is a key (to list the allowed keys)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(current, tuple):          # an index or a name inside a list or dict
            current = current[1]
        elif isinstance(current, type) and issubclass(current, BaseModel) \
                and isinstance(part, str) and part in current.model_fields:
            annotation = current.model_fields[part].annotation
            inner = _inner_model(annotation)
            current = ("container", inner) if _is_container(annotation) else inner
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _describe(err: Any, model: type[BaseModel], data: Any, prefix: str,
              entry: EntryNamer | None) -> str:
    loc = tuple(err.get("loc", ()))
    words, rest = entry(loc, data) if entry else ("", loc)
    rest = tuple(p for p in rest if not (isinstance(p, str) and p.startswith("function-")))
    head = f"{prefix} : {words} : " if words else f"{prefix} : "
    if rest and rest[-1] == "[key]":           # a name of a mapping (engine, target…)
        return head + _bad_name(err)
    key = ".".join(str(p) for p in rest)
    kind = err.get("type")
    if kind == "ap_invalide":
        return head + _own_message(err.get("ctx") or {}, key)
    if kind == "extra_forbidden":
        return head + _unknown_key(model, loc, str(rest[-1]) if rest else key)
    if kind == "missing":
        return f"{head}clé « {key} » manquante"
    what = _what(kind, err.get("input"), err.get("ctx") or {}, err)
    return f"{head}clé « {key} » : {what}" if key else head + what


def _bad_name(err: Any) -> str:
    ctx = err.get("ctx") or {}
    if err.get("type") == "literal_error":
        known = _choices(ctx.get("expected", ""))
        return f"nom inconnu{suggest(err.get('input'), known.split(', '))} (connus : {known})"
    return str(ctx.get("message") or err.get("msg"))


def _own_message(ctx: dict, key: str) -> str:
    """A message of ``invalid()``, after « clé « … » » when it names one."""
    full = ".".join(x for x in (key, ctx.get("key")) if x)
    if not full:
        return ctx["message"]
    sep = " " if ctx["message"].startswith(("manquante", "inconnue")) else " : "
    return f"clé « {full} »{sep}{ctx['message']}"


def _unknown_key(model: type[BaseModel], loc: tuple, key: str) -> str:
    holder = _holder(model, loc)
    allowed = sorted(holder.model_fields) if holder else []
    return (f"clé « {key} » inconnue{suggest(key, allowed)}"
            + (f" (permises : {', '.join(allowed)})" if allowed else ""))


_WHAT: dict[str, Callable[[Any, dict], str]] = {
    "literal_error": lambda v, c: f"{v!r} invalide (attendu : {_choices(c.get('expected', ''))})",
    "string_type": lambda v, c: f"un texte entre guillemets est attendu, pas {v!r}",
    "bool_type": lambda v, c: f"true ou false attendu, pas {v!r}",
    "int_type": lambda v, c: f"un nombre entier est attendu, pas {v!r}",
    "int_parsing": lambda v, c: f"un nombre entier est attendu, pas {v!r}",
    "dict_type": lambda v, c: f"un dictionnaire de clés est attendu, pas {v!r}",
    "model_type": lambda v, c: f"un dictionnaire de clés est attendu, pas {v!r}",
    "model_attributes_type": lambda v, c: f"un dictionnaire de clés est attendu, pas {v!r}",
    "list_type": lambda v, c: f"une liste est attendue, pas {v!r}",
    "too_short": lambda v, c: "ne doit pas être vide",
    "greater_than_equal": lambda v, c: f"au moins {c.get('ge')} attendu, pas {v!r}",
    "less_than_equal": lambda v, c: f"au plus {c.get('le')} attendu, pas {v!r}",
    "string_pattern_mismatch": lambda v, c: f"{v!r} n'a pas la forme attendue ({c.get('pattern')})",
}


def _what(kind: str | None, value: Any, ctx: dict, err: Any) -> str:
    """pydantic's error of one value, in French."""
    french = _WHAT.get(kind or "")
    return french(value, ctx) if french else str(err.get("msg"))


# --- reusable field types ------------------------------------------------------------------

def _non_empty(value: str) -> str:
    if not value.strip():
        raise invalid("un texte non vide est attendu")
    return value


def _rule_id(value: str) -> str:
    if not RULE_ID.match(value):
        raise invalid(f"« {value} » n'est pas un identifiant de règle (GROUPE-N : LCK-03, ABC-100)")
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
RuleId = Annotated[str, AfterValidator(_rule_id)]


class Strict(BaseModel):
    """No unknown key, no conversion: ``"6.0"`` is a text, ``6.0`` is not."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- browsers.yaml ------------------------------------------------------------------------------

ENGINES = ("chromium", "firefox", "webkit")
Engine = Literal["chromium", "firefox", "webkit"]
_PROFILE_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")


def _profile_id(value: str) -> str:
    if not _PROFILE_ID.match(value):
        raise invalid(f"{value!r} invalide : minuscules, chiffres, « . » et « - »")
    return value


class ViewportSchema(Strict):
    width: int = Field(ge=200, le=10000)
    height: int = Field(ge=200, le=10000)


class ProfileSchema(Strict):
    id: Annotated[str, AfterValidator(_profile_id)]
    label: Text
    os: Text
    version: Text
    user_agent: Text
    viewport: ViewportSchema
    engine: Engine
    support: Literal["supporte", "saisie_sans_signature"]
    rule: RuleId | None = None
    browserslist: Text | None = None     # e.g. "ie 7" (issue 14)


class EngineSchema(Strict):
    kind: Literal["playwright", "webdriver"]
    executable: str | None = None
    headless_executable: str | None = None
    channel: str | None = None
    driver: str | None = None
    ws_endpoint: str | None = None
    grid_url: str | None = None
    headless: bool = True
    xvfb: Literal["own", "inherit"] = "own"
    driver_log: str | None = None
    recycle_after: Annotated[int, Field(ge=0)] = 0
    lookup: Literal["playwright", "dom"] | None = None
    spare_session: bool = False

    @model_validator(mode="after")
    def _remote_matches_kind(self) -> "EngineSchema":
        if self.kind == "playwright" and self.grid_url:
            raise invalid("est pour kind: webdriver (un serveur Playwright se donne par ws_endpoint)",
                          key="grid_url")
        if self.kind == "webdriver" and self.ws_endpoint:
            raise invalid("est pour kind: playwright (une Selenium Grid se donne par grid_url)",
                          key="ws_endpoint")
        if self.kind == "playwright" and self.spare_session:
            raise invalid("est pour kind: webdriver (Playwright ouvre un contexte, pas un navigateur, "
                          "par scénario)", key="spare_session")
        if self.kind == "webdriver" and self.lookup:
            raise invalid("est pour kind: playwright (WebDriver trouve toujours les éléments par dom.js)",
                          key="lookup")
        return self


class BrowsersFile(Strict):
    engines: dict[Engine, EngineSchema] = Field(min_length=1)
    profiles: list[ProfileSchema] = Field(min_length=1)

    @model_validator(mode="after")
    def _profiles_agree(self) -> "BrowsersFile":
        seen: set[str] = set()
        for p in self.profiles:
            if p.id in seen:
                raise invalid(f"profil « {p.id} » : identifiant en double (clé « id »)")
            seen.add(p.id)
            if p.engine not in self.engines:
                raise invalid(f"profil « {p.id} » : clé « engine » : « {p.engine} » n'a pas de "
                              "réglages dans la section « engines »")
        return self


def browsers_entry(loc: tuple, data: Any) -> tuple[str, tuple]:
    if len(loc) >= 2 and loc[0] == "profiles" and isinstance(loc[1], int):
        raw = data["profiles"][loc[1]] if isinstance(data, dict) else None
        name = raw.get("id") if isinstance(raw, dict) else None
        return (f"profil « {name} »" if isinstance(name, str) else f"profil n° {loc[1] + 1}"), loc[2:]
    if len(loc) >= 2 and loc[0] == "engines":
        return f"moteur « {loc[1]} »", loc[2:]
    return "", loc


# --- targets.yaml ------------------------------------------------------------------------------

CAPTCHA_MODES = ("controle", "fixe")
CLOCK_MODES = ("controle",)
ACCOUNT_MODES = ("controle", "pool", "inscription")
EMBEDDED_MAIL = "embarque"
_TARGET_NAME = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def _target_name(value: str) -> str:
    if not _TARGET_NAME.match(value):
        raise invalid(f"nom de cible « {value} » invalide (minuscules, chiffres, « - », « _ », « . »)")
    return value


def _from_env(value: str | None) -> bool:
    return isinstance(value, str) and bool(ENV_VAR.search(value))


def _one_of(key: str, value: str | None, choices: Sequence[str]) -> None:
    if value is not None and not _from_env(value) and value not in choices:
        raise invalid(f"{value!r} invalide (attendu : {', '.join(choices)}, ou rien)", key=key)


class TargetSchema(Strict):
    """One target, as written (``${VAR}`` allowed) or once replaced."""

    description: str | None = None
    base_url: str | None = None
    embedded: bool = False
    captcha: str | None = None
    captcha_code: str | None = None
    courriel: str | None = None
    horloge: str | None = None
    controle: bool = False
    comptes: str | None = None
    pool: str | None = None

    @model_validator(mode="after")
    def _coherent(self) -> "TargetSchema":
        _one_of("captcha", self.captcha, CAPTCHA_MODES)
        _one_of("horloge", self.horloge, CLOCK_MODES)
        _one_of("comptes", self.comptes, ACCOUNT_MODES)
        self._where_it_is()
        self._captcha_code()
        self._accounts()
        return self

    def _where_it_is(self) -> None:
        if self.embedded and self.base_url:
            raise invalid("une cible embarquée (embedded: true) est démarrée par le harnais, "
                          "elle n'a pas d'URL à déclarer", key="base_url")
        if not self.embedded and not self.base_url:
            raise invalid("manquante (ou embedded: true)", key="base_url")
        if self.courriel == EMBEDDED_MAIL and not self.embedded:
            raise invalid("« embarque » n'existe que pour une cible embarquée ; donnez l'URL de "
                          "son Mailpit", key="courriel")

    def _captcha_code(self) -> None:
        if self.captcha == "fixe" and not self.captcha_code:
            raise invalid("le code fixe est requis quand captcha vaut « fixe »", key="captcha_code")
        if self.captcha_code and self.captcha != "fixe" and not _from_env(self.captcha):
            raise invalid("n'a de sens qu'avec captcha: fixe", key="captcha_code")

    def _accounts(self) -> None:
        if self.comptes == "pool" and not self.pool:
            raise invalid("le chemin du fichier de comptes est requis quand comptes vaut « pool »",
                          key="pool")
        if self.pool and self.comptes != "pool" and not _from_env(self.comptes):
            raise invalid("n'a de sens qu'avec comptes: pool", key="pool")
        if self.comptes == "controle" and not self.controle:
            raise invalid("« controle » demande l'interface de contrôle (controle: true)",
                          key="comptes")


TargetName = Annotated[str, AfterValidator(_target_name)]


class TargetsFile(Strict):
    default: str = "simulateur"
    targets: dict[TargetName, TargetSchema] = Field(min_length=1)

    @model_validator(mode="after")
    def _default_is_declared(self) -> "TargetsFile":
        if self.default not in self.targets:
            raise invalid(f"la cible « {self.default} » n'est pas déclarée "
                          f"(déclarées : {', '.join(self.targets)})", key="default")
        return self


def targets_entry(loc: tuple, data: Any) -> tuple[str, tuple]:
    if len(loc) >= 2 and loc[0] == "targets":
        return f"cible « {loc[1]} »", loc[2:]
    return "", loc


# --- fixtures/rules.yaml ------------------------------------------------------------------------

KINDS = ("doc", "impl", "sim")
EXEMPT_KIND = "sim"


class DeferralSchema(Strict):
    issue: Text
    reason: Text


class RuleSchema(Strict):
    id: RuleId
    group: Text
    kind: Literal["doc", "impl", "sim"]
    rule: Text
    guide: str = ""
    partial: Text | None = None
    browsers: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _coherent(self) -> "RuleSchema":
        if self.kind == "doc" and not self.guide.strip():
            raise invalid("les mots du guide sont requis pour une règle kind: doc", key="guide")
        if self.id.split("-")[0] != self.group:
            raise invalid(f"l'identifiant ne commence pas par son groupe « {self.group} »", key="id")
        return self


class RulesFile(Strict):
    version: int | None = None
    source: str | None = None
    groups: dict[str, Text] = Field(min_length=1)
    support: dict[str, Text] = Field(default_factory=dict)
    deferred: dict[str, DeferralSchema] = Field(default_factory=dict)
    rules: list[RuleSchema] = Field(min_length=1)

    @field_validator("support", "deferred", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return {} if value is None else value

    @model_validator(mode="after")
    def _coherent(self) -> "RulesFile":
        seen: dict[str, RuleSchema] = {}
        for r in self.rules:
            if r.id in seen:
                raise invalid(f"règle « {r.id} » : identifiant en double")
            if r.group not in self.groups:
                raise invalid(f"règle « {r.id} » : clé « group » : « {r.group} » absent de groups"
                              f"{suggest(r.group, self.groups)}")
            seen[r.id] = r
        for rid in self.deferred:
            if rid not in seen:
                raise invalid(f"règle « {rid} » inconnue{suggest(rid, seen)}", key=f"deferred.{rid}")
            if seen[rid].kind == EXEMPT_KIND:
                raise invalid(f"une règle {EXEMPT_KIND} n'exige pas de scénario, rien à différer",
                              key=f"deferred.{rid}")
        kinds = [set(seen), set(self.groups), set(self.support)]
        clash = sorted({t for i, a in enumerate(kinds) for b in kinds[i + 1:] for t in a & b})
        if clash:
            raise invalid(f"un même nom sert à plusieurs sortes d'étiquettes : {', '.join(clash)}")
        return self


def rules_entry(loc: tuple, data: Any) -> tuple[str, tuple]:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        raw = data["rules"][loc[1]] if isinstance(data, dict) else None
        rid = raw.get("id") if isinstance(raw, dict) else None
        return (f"règle « {rid} »" if isinstance(rid, str) else f"règle n° {loc[1] + 1}"), loc[2:]
    if len(loc) >= 2 and loc[0] == "deferred":
        return f"report de « {loc[1]} »", loc[2:]
    return "", loc


__all__ = [
    "ACCOUNT_MODES", "CAPTCHA_MODES", "CLOCK_MODES", "EMBEDDED_MAIL", "ENGINES", "ENV_VAR",
    "EXEMPT_KIND", "KINDS", "RULE_ID", "BrowsersFile", "EngineSchema", "ProfileSchema",
    "RuleSchema", "RulesFile", "TargetSchema", "TargetsFile", "browsers_entry", "invalid",
    "read_yaml", "rules_entry", "suggest", "targets_entry", "validate",
]
