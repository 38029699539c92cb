"""The harness as one pytest plugin (entry point ``recette-ap`` of the
``pytest11`` group in pyproject.toml): ``pip install`` the project and
``pytest --target …`` works in any folder; ``-p no:recette-ap`` turns it
off. The French step definitions of this extranet are loaded by the
repository's own ``conftest.py``.

It lives beside pytest-base-url (whose ``--base-url`` and ``base_url`` it
uses) and pytest-playwright (whose browser options it reads when present).
"""
from __future__ import annotations

import pytest

# Modules imported by others come first (pytest rewrites a plugin's
# asserts only if it imports it first).
pytest_plugins = [
    "harness.options",
    "harness.etat",
    "harness.shard",
    "harness.report.formats",
    "harness.report.plugin",
    "harness.plugin",
]

PRIORITAIRES = "harness.prioritaires"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # Registered now, after every plugin that setuptools loaded: its
    # fixtures come last, so they override pytest-base-url's and
    # pytest-playwright's of the same names.
    if not config.pluginmanager.has_plugin(PRIORITAIRES):
        from harness import prioritaires

        config.pluginmanager.register(prioritaires, PRIORITAIRES)
