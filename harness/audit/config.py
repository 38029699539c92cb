"""``audit.yaml``: whether the audit runs for a target, and the severity of
each kind of finding (French keys, as the file's readers write them)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

LEVELS = ("erreur", "avertissement", "info")
DEFAULT_SEVERITY = {
    "compatibilite": {"sans_repli": "erreur", "avec_repli": "info", "partielle": "avertissement"},
    "accessibilite": {"critical": "erreur", "serious": "erreur", "moderate": "avertissement",
                      "minor": "info"},
    "verifications": "erreur",
}


class AuditConfigError(ValueError):
    pass


@dataclass
class AuditConfig:
    active: bool = False
    severity: dict = field(default_factory=lambda: {k: (dict(v) if isinstance(v, dict) else v)
                                                    for k, v in DEFAULT_SEVERITY.items()})
    fail_on: str = "jamais"
    accepted: list = field(default_factory=list)

    def compat_severity(self, finding: dict) -> str:
        if self.accepted_reason(finding):
            return "info"
        kind = ("avec_repli" if finding.get("fallback") else
                "partielle" if finding.get("partial") else "sans_repli")
        return self.severity["compatibilite"][kind]

    def a11y_severity(self, impact: str | None) -> str:
        return self.severity["accessibilite"].get(impact or "minor", "info")

    def check_severity(self) -> str:
        return self.severity["verifications"]

    def accepted_reason(self, finding: dict, query: str | None = None) -> str | None:
        for rule in self.accepted:
            if rule.get("outil") not in (None, finding.get("tool")):
                continue
            if rule.get("fonctionnalite") not in (None, finding.get("feature")):
                continue
            if rule.get("navigateur") not in (None, query or finding.get("target")):
                continue
            return rule.get("raison", "accepté")
        return None


def load(path: Path, target_name: str, embedded: bool) -> AuditConfig:
    """The audit settings of ``target_name``; a missing file gives the
    defaults (on for the embedded simulator only)."""
    config = AuditConfig(active=embedded)
    if not path.exists():
        return config
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    where = str(path)
    if not isinstance(data, dict):
        raise AuditConfigError(f"{where} : un dictionnaire est attendu")
    unknown = set(data) - {"defaut", "cibles", "gravite", "echec", "acceptes"}
    if unknown:
        raise AuditConfigError(f"{where} : clé « {sorted(unknown)[0]} » inconnue")
    config.active = _active(data, target_name, embedded)
    for group, values in (data.get("gravite") or {}).items():
        _set_severity(config, where, group, values)
    config.fail_on = data.get("echec", "jamais")
    if config.fail_on not in ("jamais", "erreur"):
        raise AuditConfigError(f"{where} : echec doit valoir jamais ou erreur")
    config.accepted = list(data.get("acceptes") or [])
    for rule in config.accepted:
        if not isinstance(rule, dict) or not rule.get("raison"):
            raise AuditConfigError(f"{where} : chaque constat accepté donne sa raison")
    return config


def _active(data: dict, target_name: str, embedded: bool) -> bool:
    """On for the target if its entry says so; else on for the embedded
    simulator, and as ``defaut.actif`` says for any other target."""
    per_target = (data.get("cibles") or {}).get(target_name)
    if per_target is not None:
        return bool(per_target.get("actif", embedded))
    return embedded or bool((data.get("defaut") or {}).get("actif", False))


def _set_severity(config: AuditConfig, where: str, group: str, values) -> None:
    """``gravite.<group>``: one level, or one level per key of the group."""
    if group not in DEFAULT_SEVERITY:
        raise AuditConfigError(f"{where} : gravite.{group} inconnue "
                               f"(permises : {', '.join(DEFAULT_SEVERITY)})")
    if not isinstance(DEFAULT_SEVERITY[group], dict):
        config.severity[group] = _level(where, f"gravite.{group}", values)
        return
    for key, level in (values or {}).items():
        if key not in DEFAULT_SEVERITY[group]:
            raise AuditConfigError(f"{where} : gravite.{group}.{key} inconnue")
        config.severity[group][key] = _level(where, f"gravite.{group}.{key}", level)


def _level(where: str, key: str, value) -> str:
    if value not in LEVELS:
        raise AuditConfigError(f"{where} : {key} doit valoir {', '.join(LEVELS)} (pas « {value} »)")
    return value
