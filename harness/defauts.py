"""Where the harness finds its default files: ``browsers.yaml``,
``targets.yaml``, ``audit.yaml`` and ``fixtures/rules.yaml``.

In order, the first that exists wins:

1. the file named by its option (``--browsers-file``, ``--targets-file``,
   ``--audit-file``, ``--rules-file``): the caller checks it first;
2. a file of the same name in the user's project (pytest's rootdir);
3. the copy shipped in the installed package (``harness/data/`` of the
   wheel, read with ``importlib.resources``; ``fixtures/rules.yaml`` is the
   ``fixtures`` package's own data);
4. the file of this checkout (an editable install: ``pip install -e .``).

The files at the root of this repository are the only source: the wheel's
copies are made from them at build time (``setup.py``), never by hand.
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: The root of the checkout (or, in a non-editable install, site-packages).
SOURCE = Path(__file__).resolve().parent.parent
#: The files shipped in ``harness/data/`` of the wheel (setup.py copies them).
LIVRES = ("browsers.yaml", "targets.yaml", "audit.yaml")
RULES = "fixtures/rules.yaml"


def embarque(nom: str) -> Path:
    """The harness's own copy of ``nom`` (installed package, or checkout)."""
    if nom == RULES:
        livre = resources.files("fixtures").joinpath("rules.yaml")
    else:
        livre = resources.files("harness").joinpath("data", nom)
    if livre.is_file():
        return Path(str(livre))
    return SOURCE / nom


def fichier(nom: str, racine: str | os.PathLike | None = None) -> Path:
    """``nom`` in ``racine`` (the user's project) if it is there, else the
    harness's own copy."""
    if racine is not None and (Path(racine) / nom).is_file():
        return Path(racine) / nom
    return embarque(nom)


def pour(config, option: str, nom: str) -> Path:
    """The file for a pytest run: the option's value when given (relative to
    the current directory), else ``fichier(nom, rootdir)``."""
    valeur = config.getoption(option, default=None)
    if valeur:
        return Path(valeur)
    return fichier(nom, config.rootpath)
