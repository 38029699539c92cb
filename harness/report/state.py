"""What the report plugin knows of a run and of each scenario item.

``state(config)`` (in ``config.stash``): the target, the selected profiles,
the engines' versions, the records gathered on the controller, the options.
``item_info(item)`` (in ``item.stash``): what a record and the Allure labels
share — feature, scenario, rule IDs, profile, engine, target.
"""
from __future__ import annotations

import re
import time
import unicodedata
from datetime import datetime
from hashlib import sha1
from pathlib import Path
from typing import Any

import pytest

from harness import defauts, options

from harness import bdd
from harness.stash import profile_of
from harness.rules import RULE_ID


class State:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.target: Any = None
        self.profiles: list = []
        self.engines: dict[str, str] = {}
        self.records: list[dict] = []
        self.groups: dict[str, str] | None = None
        self.started = datetime.now().astimezone()
        self.t0 = time.monotonic()
        root = Path(str(config.rootpath))
        self.reports_dir = (root / config.getoption("reports_dir")).resolve()
        rules = config.getoption("rules_file")
        self.rules_file = (root / rules).resolve() if rules else defauts.fichier(defauts.RULES, root)
        # on-failure | always | never, from --screenshot/--tracing (harness/options.py)
        self.evidence = options.mode_preuves(config)
        self.written: Path | None = None


_state_key = pytest.StashKey[State]()
_item_key = pytest.StashKey[dict]()


def state(config: pytest.Config) -> State:
    found = config.stash.get(_state_key, None)
    if found is None:   # asked before the plugin's pytest_configure ran
        found = config.stash[_state_key] = State(config)
    return found


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def known_profiles(config: pytest.Config) -> list:
    return state(config).profiles


def slug(nodeid: str) -> str:
    """A folder name for a test id: readable, ASCII, unique (short hash)."""
    name = unicodedata.normalize("NFKD", nodeid.split("::")[-1])
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")[:80] or "test"
    return f"{name}-{sha1(nodeid.encode()).hexdigest()[:8]}"


def is_scenario_run(item: pytest.Item) -> bool:
    """A pytest-bdd scenario run on a browser profile (what the reports are about)."""
    return profile_of(item) is not None and bdd.scenario_of(item) is not None


def item_info(item: pytest.Item) -> dict:
    """What the record and the labels share, computed once per item."""
    info = item.stash.get(_item_key, None)
    if info is not None:
        return info
    template = bdd.scenario_of(item)
    scenario = bdd.rendered_scenario(item)
    pid = profile_of(item)
    profile = next((p for p in known_profiles(item.config) if getattr(p, "id", None) == pid), None)
    tags = sorted({m.name for m in item.iter_markers()})
    feature = getattr(template, "feature", None)
    info = {
        "nodeid": item.nodeid,
        "feature": getattr(feature, "name", "") or "",
        "feature_file": getattr(feature, "rel_filename", "") or "",
        "scenario": getattr(scenario, "name", None) or item.name,
        "rules": [t for t in tags if RULE_ID.match(t)],
        "tags": tags,
        "profile": pid,
        "profile_label": getattr(profile, "label", "") or "",
        "engine": getattr(profile, "engine", "") or "",
        "target": getattr(state(item.config).target, "name", None),
    }
    item.stash[_item_key] = info
    return info
