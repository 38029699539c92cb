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
- ``controle``: seeding agents and ASP accounts through the control interface;
- ``comptes``: how a scenario gets an account — ``controle`` (created through
  the control interface; the embedded target's default), ``pool`` (leased
  from the file of provisioned accounts ``pool``), ``inscription`` (registered
  through the browser; the default otherwise).

What a scenario needs follows from its steps (``@exige`` in ``steps/``,
computed at collection by ``harness.besoins``); ``missing_capabilities``
gives the French reason of each need the target does not meet (vocabulary:
``NEEDS``), and the scenario is skipped with it.

Targets are declared in ``targets.yaml`` (top-level key ``targets:``), checked
by ``harness.schemas.TargetsFile``; ``${VAR}`` and ``${VAR:-default}`` in a
value are replaced from the environment when that target is chosen. Every
mistake raises ``TargetError`` naming the file, the target and the key.

The harness's options (``--target``, ``--base-url``) are declared by
``harness/plugin.py``; a Mailpit for a ``--base-url`` site comes from the
environment's ``MAILPIT_URL``. This module only resolves and checks.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

from harness import defauts, schemas
from harness.schemas import (ACCOUNT_MODES, CAPTCHA_MODES, CLOCK_MODES, EMBEDDED_MAIL, ENV_VAR,
                             TargetSchema, TargetsFile, suggest)

DEFAULT_PATH = defauts.embarque("targets.yaml")  # the user's own: defauts.fichier
DEFAULT_TARGET = "simulateur"

#: What a step may declare with ``@exige(...)``, in the order reasons are given.
NEEDS: dict[str, str] = {
    "captcha": "lire le code de sécurité affiché (interface de contrôle ou code fixe de la cible)",
    "courriel": "lire les courriels envoyés par la cible (Mailpit)",
    "horloge": "avancer l'horloge de la cible (interface de contrôle)",
    "controle": "créer des agents ou des comptes ASP sans passer par l'Assistance (interface de contrôle)",
    "compte": "obtenir un compte du fournisseur de la cible (contrôle, fichier de comptes ou inscription)",
    "compte_consommable": "un compte que le scénario change pour de bon (mot de passe, verrouillage, "
                          "question secrète)",
}
#: The needs that features used to carry as tags (``@captcha``…): plumbing.
CAPABILITY_TAGS = ("captcha", "courriel", "horloge", "controle")
__all__ = ["ACCOUNT_MODES", "CAPTCHA_MODES", "CLOCK_MODES", "EMBEDDED_MAIL", "NEEDS", "Target",
           "TargetError", "load_targets", "build_target", "resolve_target", "preflight",
           "missing_capabilities", "skip_reason"]


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
    comptes: str = "inscription"        # "controle" | "pool" | "inscription"
    pool: Path | None = None            # the pool file, with comptes == "pool"

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
        return (self.controle or self.captcha == "controle" or self.horloge == "controle"
                or self.comptes == "controle")

    def capabilities(self) -> dict[str, str | None]:
        """What the target allows, in words, for reports."""
        return {
            "captcha": {"controle": "interface de contrôle",
                        "fixe": "code fixe"}.get(self.captcha or "", None),
            "courriel": ("Mailpit embarqué" if self.courriel == EMBEDDED_MAIL
                         else self.courriel),
            "horloge": "interface de contrôle" if self.horloge else None,
            "controle": "interface de contrôle" if self.controle else None,
            "comptes": {"controle": "interface de contrôle", "pool": "fichier de comptes",
                        "inscription": "inscription par le navigateur"}[self.comptes],
        }

    def with_base_url(self, base_url: str) -> "Target":
        return replace(self, base_url=base_url.rstrip("/"))


# --- what a scenario needs ----------------------------------------------------

@lru_cache(maxsize=8)
def pool_has_consumable(path: Path) -> bool | None:
    """Whether the pool file holds an account marked ``consommable: true``
    (None: the file cannot be read)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    accounts = data.get("comptes") if isinstance(data, dict) else None
    return any(isinstance(c, dict) and c.get("consommable") is True for c in accounts or [])


def _account_reason(target: Target, need: str) -> str | None:
    who = f"la cible « {target.name} »"
    if target.comptes == "inscription" and (target.captcha is None or target.courriel is None):
        return (f"{who} ne fournit pas de compte : comptes « inscription » demande de lire le code "
                "de sécurité et les courriels")
    if need == "compte_consommable" and target.comptes == "pool":
        found = pool_has_consumable(target.pool) if target.pool else None
        if found is None:
            return f"{who} : fichier de comptes {target.pool} illisible"
        if not found:
            return (f"{who} n'a aucun compte consommable dans son fichier de comptes "
                    "(consommable: true) : ce scénario change le compte pour de bon")
    return None


def _reason(target: Target, need: str) -> str | None:
    who = f"la cible « {target.name} »"
    if need == "captcha" and target.captcha is None:
        return f"{who} ne permet pas de lire le code de sécurité"
    if need == "courriel" and target.courriel is None:
        return f"{who} ne permet pas de lire les courriels"
    if need == "horloge" and target.horloge is None:
        return f"{who} ne permet pas d'avancer l'horloge"
    if need == "controle" and not target.controle:
        return (f"{who} n'a pas d'interface de contrôle "
                "(création d'agents et de comptes ASP)")
    if need in ("compte", "compte_consommable"):
        return _account_reason(target, need)
    return None


def missing_capabilities(target: Target, needs: Iterable[str]) -> list[str]:
    """French reasons, one per need among ``needs`` (marker names, with or
    without ``@``; other names are ignored) that ``target`` does not meet;
    empty when the scenario can run. Order: that of ``NEEDS``."""
    names = {str(t).lstrip("@") for t in needs}
    if "compte_consommable" in names and "compte" in names:
        names.discard("compte")              # one reason for the account, not two
    return [r for need in NEEDS if need in names for r in [_reason(target, need)] if r]


def skip_reason(target: Target, needs: Iterable[str]) -> str | None:
    """All unmet needs in one sentence, or None."""
    missing = missing_capabilities(target, needs)
    return "; ".join(missing) if missing else None


# --- loading ------------------------------------------------------------------

def load_targets(path: str | os.PathLike | None = None) -> tuple[dict[str, dict], str]:
    """The raw declarations of the file (``${…}`` not yet replaced) and the
    default target's name, checked by ``schemas.TargetsFile`` (what does not
    depend on the environment)."""
    path = Path(path) if path else DEFAULT_PATH
    data = schemas.read_yaml(path, TargetError)
    if not isinstance(data, dict) or "targets" not in data:
        raise TargetError(f"{path} : le fichier doit avoir une clé « targets: » "
                          "qui associe chaque nom de cible à sa déclaration")
    checked = schemas.validate(TargetsFile, data, path=path, error=TargetError,
                               entry=schemas.targets_entry)
    return {name: dict(raw or {}) for name, raw in data["targets"].items()}, checked.default


def _substitute(where: str, key: str, value, environ: Mapping[str, str]):
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

    result = ENV_VAR.sub(one, value)
    return result if result != "" else None


def build_target(name: str, raw: dict, path: str | os.PathLike = DEFAULT_PATH,
                 environ: Mapping[str, str] | None = None) -> Target:
    """One declaration, environment variables replaced, fully checked."""
    environ = os.environ if environ is None else environ
    where = f"{path} : cible « {name} »"
    values = {key: _substitute(where, key, value, environ) for key, value in raw.items()}
    values = {key: value for key, value in values.items() if value is not None}
    decl = schemas.validate(TargetSchema, values, path=path, error=TargetError, where=where)
    base_url = _check_url(f"{where} : clé « base_url »", decl.base_url) if decl.base_url else None
    courriel = decl.courriel
    if courriel not in (None, EMBEDDED_MAIL):
        courriel = _check_url(f"{where} : clé « courriel »", courriel)
    pool = None
    if decl.pool:
        pool = Path(decl.pool)
        pool = pool if pool.is_absolute() else Path(path).resolve().parent / pool
    return Target(
        name=name, base_url=base_url, captcha=decl.captcha, captcha_code=decl.captcha_code,
        courriel=courriel, horloge=decl.horloge, controle=decl.controle,
        embedded=decl.embedded, description=decl.description or "",
        comptes=decl.comptes or ("controle" if decl.embedded else "inscription"), pool=pool,
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
    Mailpit URL (the environment's MAILPIT_URL, read by harness/plugin.py).

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
        raise TargetError(f"cible « {chosen} » inconnue{suggest(chosen, declared)} : "
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
