"""Targets: which site the features run against, and what it lets tests do.

A target is the embedded simulator (``simulateur``, started by the harness in
control mode, the default), or an existing site: a ``recette`` or ``staging``
environment, or any URL given with ``--base-url``. The features are the same;
what changes is what the target *allows*:

- ``captcha``: reading the security code — ``controle`` (the simulator's
  control interface), ``fixe`` (the site accepts a fixed code, given as
  ``captcha_code``), or nothing;
- ``courriel``: reading the mail it sends — a Mailpit URL, ``embarque`` (the
  Mailpit the harness starts beside the embedded simulator), or nothing;
- ``horloge``: moving its clock — ``controle``, or nothing;
- ``controle``: seeding agents and ASP accounts through the control interface.

A scenario tagged with a capability (``@captcha``, ``@courriel``,
``@horloge``, ``@controle``) that the target lacks is skipped with a French
reason (``missing_capabilities``); nothing else changes.

Targets are declared in ``targets.yaml`` (top-level key ``targets:``);
``${VAR}`` and ``${VAR:-default}`` in a value are replaced from the
environment when that target is chosen. Every mistake raises ``TargetError``
naming the file, the target and the key.

The harness's options (``--target``, ``--base-url``) are declared by
``harness/plugin.py``; this module only resolves and checks.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "targets.yaml"
DEFAULT_TARGET = "simulateur"

CAPTCHA_MODES = ("controle", "fixe")
CLOCK_MODES = ("controle",)
EMBEDDED_MAIL = "embarque"
CAPABILITY_TAGS = ("captcha", "courriel", "horloge", "controle")

_KEYS = {"description", "base_url", "embedded", "captcha", "captcha_code",
         "courriel", "horloge", "controle"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class TargetError(ValueError):
    """targets.yaml, --target or --base-url is wrong, or the target does not
    answer; the message says where and what to do."""


@dataclass(frozen=True)
class Target:
    name: str
    base_url: str | None = None
    captcha: str | None = None          # "controle" | "fixe" | None
    captcha_code: str | None = None     # the fixed code, when captcha == "fixe"
    courriel: str | None = None         # Mailpit URL | "embarque" | None
    horloge: str | None = None          # "controle" | None
    controle: bool = False
    embedded: bool = False              # the harness starts the simulator itself
    description: str = ""

    @property
    def mailpit_url(self) -> str | None:
        """The Mailpit to read this target's mail from, when it is an
        existing one (None for ``embarque``: the harness starts it)."""
        if self.courriel and self.courriel != EMBEDDED_MAIL:
            return self.courriel
        return None

    @property
    def uses_control(self) -> bool:
        """Whether something declared needs the simulator's /_sim/ interface."""
        return self.controle or self.captcha == "controle" or self.horloge == "controle"

    def capabilities(self) -> dict[str, str | None]:
        """What the target allows, in words, for reports."""
        return {
            "captcha": {"controle": "interface de contrôle",
                        "fixe": "code fixe"}.get(self.captcha or "", None),
            "courriel": ("Mailpit embarqué" if self.courriel == EMBEDDED_MAIL
                         else self.courriel),
            "horloge": "interface de contrôle" if self.horloge else None,
            "controle": "interface de contrôle" if self.controle else None,
        }

    def with_base_url(self, base_url: str) -> "Target":
        return replace(self, base_url=base_url.rstrip("/"))


# --- what a scenario needs ----------------------------------------------------

def _reason(target: Target, tag: str) -> str | None:
    who = f"la cible « {target.name} »"
    if tag == "captcha" and target.captcha is None:
        return f"{who} ne permet pas de lire le code de sécurité"
    if tag == "courriel" and target.courriel is None:
        return f"{who} ne permet pas de lire les courriels"
    if tag == "horloge" and target.horloge is None:
        return f"{who} ne permet pas d'avancer l'horloge"
    if tag == "controle" and not target.controle:
        return (f"{who} n'a pas d'interface de contrôle "
                "(création d'agents et de comptes ASP)")
    return None


def missing_capabilities(target: Target, tags) -> list[str]:
    """French reasons, one per capability tag among ``tags`` (marker names,
    with or without ``@``) that ``target`` does not allow; empty when the
    scenario can run. Order: captcha, courriel, horloge, controle."""
    names = {str(t).lstrip("@") for t in tags}
    return [r for tag in CAPABILITY_TAGS if tag in names
            for r in [_reason(target, tag)] if r]


def skip_reason(target: Target, tags) -> str | None:
    """All missing capabilities in one sentence, or None."""
    missing = missing_capabilities(target, tags)
    return "; ".join(missing) if missing else None


# --- loading ------------------------------------------------------------------

def load_targets(path: str | os.PathLike | None = None) -> tuple[dict[str, dict], str]:
    """The raw declarations of the file (``${…}`` not yet replaced) and the
    default target's name. Checks the keys and the values that do not
    depend on the environment."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TargetError(f"{path} : lecture impossible ({error})") from None
    except yaml.YAMLError as error:
        raise TargetError(f"{path} : YAML invalide ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("targets"), dict) or not data["targets"]:
        raise TargetError(f"{path} : le fichier doit avoir une clé « targets: » "
                          "qui associe chaque nom de cible à sa déclaration")
    unknown = set(data) - {"targets", "default"}
    if unknown:
        key = sorted(unknown)[0]
        raise TargetError(f"{path} : clé « {key} » inconnue au premier niveau"
                          f"{_suggest(key, ('targets', 'default'))} (permises : targets, default)")
    declared = data["targets"]
    for name, raw in declared.items():
        _check(path, str(name), raw)
    default = data.get("default", DEFAULT_TARGET)
    if default not in declared:
        raise TargetError(f"{path} : clé « default » : la cible « {default} » n'est pas déclarée "
                          f"(déclarées : {', '.join(declared)})")
    return declared, default


def _check(path: Path, name: str, raw) -> None:
    where = f"{path} : cible « {name} »"
    if not _NAME.match(name):
        raise TargetError(f"{where} : nom invalide (minuscules, chiffres, « - », « _ », « . »)")
    if not isinstance(raw, dict):
        raise TargetError(f"{where} : la déclaration doit être un dictionnaire de clés")
    for key in raw:
        if key not in _KEYS:
            raise TargetError(f"{where} : clé « {key} » inconnue{_suggest(str(key), _KEYS)} "
                              f"(permises : {', '.join(sorted(_KEYS))})")
    for key in ("embedded", "controle"):
        if key in raw and not isinstance(raw[key], bool):
            raise TargetError(f"{where} : clé « {key} » : true ou false attendu, "
                              f"pas {raw[key]!r}")
    for key in ("description", "base_url", "captcha_code", "courriel", "captcha", "horloge"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise TargetError(f"{where} : clé « {key} » : un texte est attendu, pas {raw[key]!r}")
    if raw.get("captcha") not in (None, *CAPTCHA_MODES) and not _VAR.search(raw["captcha"]):
        raise TargetError(f"{where} : clé « captcha » : {raw['captcha']!r} invalide "
                          "(attendu : controle, fixe, ou rien)")
    if raw.get("horloge") not in (None, *CLOCK_MODES) and not _VAR.search(raw["horloge"]):
        raise TargetError(f"{where} : clé « horloge » : {raw['horloge']!r} invalide "
                          "(attendu : controle, ou rien)")
    embedded = raw.get("embedded", False)
    if embedded and raw.get("base_url"):
        raise TargetError(f"{where} : clé « base_url » : une cible embarquée (embedded: true) "
                          "est démarrée par le harnais, elle n'a pas d'URL à déclarer")
    if not embedded and not raw.get("base_url"):
        raise TargetError(f"{where} : clé « base_url » manquante (ou embedded: true)")
    if raw.get("courriel") == EMBEDDED_MAIL and not embedded:
        raise TargetError(f"{where} : clé « courriel » : « embarque » n'existe que pour une "
                          "cible embarquée ; donnez l'URL de son Mailpit")


def _substitute(where: str, key: str, value, environ):
    if not isinstance(value, str):
        return value

    def one(match):
        var, default = match.group(1), match.group(2)
        if var in environ and environ[var] != "":
            return environ[var]
        if default is not None:
            return default
        raise TargetError(f"{where} : clé « {key} » : la variable d'environnement {var} "
                          "n'est pas définie")

    result = _VAR.sub(one, value)
    return result if result != "" else None


def build_target(name: str, raw: dict, path: str | os.PathLike = DEFAULT_PATH,
                 environ=None) -> Target:
    """One declaration, environment variables replaced, fully checked."""
    environ = os.environ if environ is None else environ
    where = f"{path} : cible « {name} »"
    values = {key: _substitute(where, key, raw.get(key), environ) for key in _KEYS}
    embedded = bool(values["embedded"])
    captcha = values["captcha"]
    if captcha not in (None, *CAPTCHA_MODES):
        raise TargetError(f"{where} : clé « captcha » : {captcha!r} invalide "
                          "(attendu : controle, fixe, ou rien)")
    if captcha == "fixe" and not values["captcha_code"]:
        raise TargetError(f"{where} : clé « captcha_code » : le code fixe est requis "
                          "quand captcha vaut « fixe »")
    if captcha != "fixe" and values["captcha_code"]:
        raise TargetError(f"{where} : clé « captcha_code » : n'a de sens qu'avec captcha: fixe")
    if values["horloge"] not in (None, *CLOCK_MODES):
        raise TargetError(f"{where} : clé « horloge » : {values['horloge']!r} invalide "
                          "(attendu : controle, ou rien)")
    base_url = values["base_url"]
    if base_url is not None:
        base_url = _check_url(f"{where} : clé « base_url »", base_url)
    courriel = values["courriel"]
    if courriel not in (None, EMBEDDED_MAIL):
        courriel = _check_url(f"{where} : clé « courriel »", courriel)
    if not embedded and base_url is None:
        raise TargetError(f"{where} : clé « base_url » vide")
    return Target(
        name=name, base_url=base_url, captcha=captcha, captcha_code=values["captcha_code"],
        courriel=courriel, horloge=values["horloge"], controle=bool(values["controle"]),
        embedded=embedded, description=values["description"] or "",
    )


def _check_url(where: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TargetError(f"{where} : {url!r} n'est pas une URL http(s) complète "
                          "(exemple : https://recette.exemple.fr)")
    return url.rstrip("/")


def resolve_target(name: str | None = None, base_url: str | None = None,
                   mailpit_url: str | None = None, path: str | os.PathLike | None = None,
                   environ=None) -> Target:
    """The target of a run, from ``--target NAME``, ``--base-url URL`` and a
    Mailpit URL (``--mailpit-url`` or the environment's MAILPIT_URL).

    - ``--base-url`` alone (or with the embedded default target's name):
      a target named after the URL that allows nothing, except reading mail
      when a Mailpit URL is given;
    - ``--target NAME`` (+ optionally ``--base-url`` to point that target's
      declaration at another address): the declaration of targets.yaml;
    - neither: the file's default target (``simulateur``).
    A Mailpit URL given explicitly replaces the target's ``courriel``.
    """
    environ = os.environ if environ is None else environ
    path = Path(path) if path else DEFAULT_PATH
    mailpit_url = mailpit_url or None
    declared, default = load_targets(path)
    chosen = name or default
    if chosen not in declared:
        raise TargetError(f"cible « {chosen} » inconnue{_suggest(chosen, declared)} : "
                          f"{path} déclare {', '.join(declared)}")
    if mailpit_url:
        mailpit_url = _check_url("URL de Mailpit", mailpit_url)
    if base_url:
        base_url = _check_url("--base-url", base_url)
        raw = declared[chosen]
        if raw.get("embedded", False):
            # The embedded simulator cannot live at another address: a base
            # URL means "this site, nothing more".
            return Target(name=base_url, base_url=base_url, courriel=mailpit_url,
                          description="site donné par --base-url")
        target = build_target(chosen, raw, path, environ).with_base_url(base_url)
    else:
        target = build_target(chosen, declared[chosen], path, environ)
    if mailpit_url:
        target = replace(target, courriel=mailpit_url)
    return target


# --- does it answer? ------------------------------------------------------------

def preflight(target: Target, timeout: float = 5.0) -> None:
    """Check, before any scenario, that the site answers (and, when declared,
    its control interface and its Mailpit). Raises one ``TargetError`` that
    lists every problem. An embedded target is checked once the harness has
    started it and given it its URL (``target.with_base_url``)."""
    if target.base_url is None:
        if target.embedded:
            return
        raise TargetError(f"la cible « {target.name} » n'a pas d'URL")
    problems = []
    with httpx.Client(timeout=timeout, follow_redirects=True, verify=True) as http:
        site = _probe(http, target.base_url + "/")
        if site:
            problems.append(f"le site {target.base_url} ne répond pas ({site})")
        elif target.uses_control:
            ctl = _probe(http, target.base_url + "/_sim/health", expect_200=True)
            if ctl:
                problems.append(
                    f"l'interface de contrôle {target.base_url}/_sim/health ne répond pas ({ctl}) : "
                    "la cible la déclare (captcha, horloge ou contrôle) ; démarrez le simulateur "
                    "avec SIM_CONTROL=1 et joignez-le depuis la boucle locale, ou choisissez "
                    "une cible sans ces capacités")
        if target.mailpit_url:
            mail = _probe(http, target.mailpit_url + "/readyz", expect_200=True)
            if mail:
                problems.append(f"Mailpit {target.mailpit_url} ne répond pas ({mail})")
    if problems:
        raise TargetError(f"La cible « {target.name} » n'est pas joignable : "
                          + " ; ".join(problems)
                          + ". Aucun scénario n'a été lancé.")


def _probe(http: httpx.Client, url: str, expect_200: bool = False) -> str | None:
    """None when ``url`` answers, else why not, in a few words."""
    try:
        r = http.get(url)
    except httpx.TimeoutException:
        return f"pas de réponse en {http.timeout.read or 0:.0f} s"
    except httpx.ConnectError as error:
        return f"connexion impossible : {error}" if str(error) else "connexion refusée"
    except httpx.HTTPError as error:
        return f"{type(error).__name__} : {error}"
    if expect_200 and r.status_code != 200:
        return f"HTTP {r.status_code}"
    if r.status_code >= 500:
        return f"HTTP {r.status_code}"
    return None


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
