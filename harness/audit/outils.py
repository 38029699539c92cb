"""Where the audit finds its npm tools (the compatibility data and checkers
of ``compat.mjs``, and axe-core), so that it works from a checkout as from a
harness installed from its wheel, which ships no ``node_modules/``.

In order, the first folder that holds them wins:

1. the folder named by ``--audit-node-modules`` or, without it, by the
   environment variable ``AP_AUDIT_NODE_MODULES`` (a ``node_modules``
   folder, or a folder that has one): when given, it is the only place
   looked at, so a wrong path is said rather than silently replaced;
2. ``node_modules/`` of the user's project (pytest's rootdir), where
   ``npm install`` puts them;
3. ``node_modules/`` of this checkout (``npm ci``, scripts/setup.sh), when
   the harness runs from one (an editable install).

When they are missing, the part of the audit that needs them is *not done*,
and the reason says so in French, with the command that installs them — the
audit never reads as clean for want of its tools.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from harness.defauts import SOURCE

ENV = "AP_AUDIT_NODE_MODULES"
OPTION = "--audit-node-modules"  # declared by harness/audit/plugin.py under this name
#: the packages compat.mjs loads (acorn comes with eslint)
COMPAT = ("@mdn/browser-compat-data", "browserslist", "caniuse-lite", "doiuse", "eslint",
          "eslint-plugin-compat", "es-check", "parse5", "postcss")
AXE = "axe-core"
#: the versions this harness is tested with: the ``dependencies`` of this
#: repository's package.json (tests/harness/test_audit_outils.py checks they
#: match), for the command a user is told to run.
VERSIONS = {
    "@mdn/browser-compat-data": "8.1.9",
    "axe-core": "4.14.1",
    "browserslist": "4.29.6",
    "caniuse-lite": "1.0.30001826",
    "doiuse": "6.0.6",
    "es-check": "9.8.1",
    "eslint": "10.15.0",
    "eslint-plugin-compat": "6.2.1",
    "parse5": "8.0.0",
    "postcss": "8.5.33",
}


def commande_npm(paquets=None) -> str:
    """The command that installs ``paquets`` (default: all the audit's
    tools) at the tested versions in the current project."""
    noms = sorted(paquets or VERSIONS)
    return "npm install --save-exact " + " ".join(f"{n}@{VERSIONS[n]}" for n in noms)


@dataclass(frozen=True)
class Outils:
    """What the audit can run, and why not when it cannot."""
    node_modules: Path | None        # holds every package of COMPAT
    axe: Path | None                 # the axe-core folder (axe.min.js, locales/fr.json)
    node: str | None                 # the node executable
    cherche: tuple[Path, ...] = field(default_factory=tuple)   # where we looked, in order

    @property
    def compat_absent(self) -> str | None:
        """Why the compatibility audit cannot run (French), or None."""
        if self.node_modules is not None and self.node is None:
            return ("audit de compatibilité non fait : node introuvable — installez "
                    "Node.js 20 ou plus (apt-get install nodejs npm)")
        if self.node_modules is not None:
            return None
        return (f"audit de compatibilité non fait : outils npm introuvables "
                f"({', '.join(COMPAT)} ; cherchés dans {self._ou()}) — installez-les avec : "
                f"{commande_npm([*COMPAT, AXE])}, ou donnez leur dossier node_modules par "
                f"{OPTION} ou {ENV}")

    @property
    def axe_absent(self) -> str | None:
        """Why axe-core cannot run (French), or None."""
        if self.axe is not None:
            return None
        return (f"audit d'accessibilité axe-core non fait : axe-core introuvable (cherché "
                f"dans {self._ou()}) — installez-le avec : {commande_npm([AXE])}, ou donnez "
                f"son dossier node_modules par {OPTION} ou {ENV}")

    def _ou(self) -> str:
        return ", ".join(str(p) for p in self.cherche) or "aucun dossier"

    def versions(self) -> dict[str, str]:
        """The installed versions of the compatibility tools (the cache key)."""
        out = {}
        for nom in COMPAT:
            fichier = (self.node_modules or Path("/nulle-part")) / nom / "package.json"
            if fichier.is_file():
                out[nom] = json.loads(fichier.read_text(encoding="utf-8")).get("version", "?")
        return out


def _dossier(chemin: str | os.PathLike) -> Path:
    """A ``node_modules`` folder, given as itself or as the folder holding it."""
    p = Path(chemin).expanduser().absolute()
    if p.name != "node_modules" and (p / "node_modules").is_dir():
        return p / "node_modules"
    return p


def _a_tout(dossier: Path, paquets) -> bool:
    return all((dossier / nom / "package.json").is_file() for nom in paquets)


def _a_axe(dossier: Path) -> bool:
    return (dossier / AXE / "axe.min.js").is_file() and (dossier / AXE / "locales" / "fr.json").is_file()


def candidats(option: str | None, racine: str | os.PathLike | None) -> list[Path]:
    """The folders looked at, in order (see the module's docstring)."""
    donne = option or os.environ.get(ENV)
    if donne:
        return [_dossier(donne)]
    out: list[Path] = []
    if racine is not None:
        out.append(Path(racine).absolute() / "node_modules")
    if (SOURCE / "package.json").is_file():   # a checkout, not site-packages
        out.append(SOURCE / "node_modules")
    return list(dict.fromkeys(out))


def trouver(option: str | None = None, racine: str | os.PathLike | None = None) -> Outils:
    """The audit's npm tools for a run: ``option`` is --audit-node-modules,
    ``racine`` the user's project (pytest's rootdir)."""
    ou = candidats(option, racine)
    compat = next((d for d in ou if _a_tout(d, COMPAT)), None)
    axe = next((d / AXE for d in ou if _a_axe(d)), None)
    return Outils(node_modules=compat, axe=axe, node=shutil.which("node"), cherche=tuple(ou))
