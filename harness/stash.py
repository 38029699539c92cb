"""What the harness's pytest plugins share, in ``config.stash``: the keys and
their readers, in one leaf module.

``harness/plugin.py`` stores the browser matrix and the target at configure
time; ``harness/audit/plugin.py`` stores its document at session end; the
options (``harness/options.py``), the report (``harness/report/``) and the
audit read them here. This module imports nothing of the harness but types
(tests/harness/test_architecture.py: no import cycle inside harness/), so any
plugin may read another's state without importing it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from harness.profiles import Matrix
    from harness.targets import Target

MATRIX_KEY = pytest.StashKey["Matrix"]()
TARGET_KEY = pytest.StashKey["Target"]()
AUDIT_DOCUMENT_KEY = pytest.StashKey[dict[str, Any]]()


def matrix_of(config: pytest.Config) -> Matrix:
    """The browser matrix (browsers.yaml), once harness/plugin.py configured it."""
    return config.stash[MATRIX_KEY]


def target_of(config: pytest.Config) -> Target:
    """The run's target (targets.yaml), once harness/plugin.py configured it."""
    return config.stash[TARGET_KEY]


def matrix_or_none(config: pytest.Config) -> Matrix | None:
    return config.stash.get(MATRIX_KEY, None)


def target_or_none(config: pytest.Config) -> Target | None:
    """The run's target, or None when harness/plugin.py is not loaded."""
    return config.stash.get(TARGET_KEY, None)


def profile_of(item: Any) -> str | None:
    """The profile id of a scenario run (``[ie11-win7]``); None for an item
    without one, such as pytest's ``[NOTSET]`` placeholder when no selected
    profile fits a scenario (it has no column in the matrix)."""
    callspec = getattr(item, "callspec", None)
    value = callspec.params.get("profile") if callspec else None
    if not isinstance(value, str):
        value = getattr(value, "id", None)
    return value if isinstance(value, str) else None


def audit_document(config: pytest.Config) -> dict[str, Any] | None:
    """The audit document of the run (controller, after the audit's sessionfinish)."""
    return config.stash.get(AUDIT_DOCUMENT_KEY, None)
