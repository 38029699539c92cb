"""``--shard i/n``: run one part of the matrix on one machine.

Every scenario run (a scenario of a feature on one browser profile) goes to
shard ``1 + sha256("profil|fichier.feature|scénario") mod n``: the split
depends only on the run itself, not on the machine, the order of
collection nor the other scenarios (adding one moves no other). The n
shards together run each scenario run exactly once.

Each shard writes its own ``results.json`` and Allure results; put them
together with ``ap-rapport merge`` (or ``python -m harness.report``) and
one Allure report over every ``allure-results`` folder (docs/ci/).
"""
from __future__ import annotations

import hashlib
import re

import pytest

SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse(value: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``; a clear French message otherwise."""
    m = SHARD.match(value or "")
    if not m:
        raise pytest.UsageError(f"--shard {value!r} : attendu i/n, par exemple --shard 2/4")
    i, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= i <= n:
        raise pytest.UsageError(f"--shard {value} : i doit être compris entre 1 et n (n ≥ 1)")
    return i, n


def cle(item) -> str:
    """What identifies a scenario run: its browser profile and its test id
    (feature file, scenario, example row), for any item."""
    callspec = getattr(item, "callspec", None)
    profile = str(callspec.params.get("profile", "")) if callspec else ""
    return f"{profile}|{item.nodeid}"


def shard_of(key: str, n: int) -> int:
    """The shard (1…n) of a key: a stable hash, the same on every machine
    and Python (unlike ``hash()``)."""
    return 1 + int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % n


def pytest_addoption(parser):
    parser.getgroup("recette").addoption(
        "--shard", default=None, metavar="i/n",
        help="n'exécute que la part i sur n de la matrice (répartition stable par profil et "
             "scénario) ; fusion des résultats : ap-rapport merge")


def pytest_configure(config):
    value = config.getoption("shard")
    if value:
        config.stash[_key] = parse(value)


_key = pytest.StashKey[tuple]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    wanted = config.stash.get(_key, None)
    if not wanted:
        return
    i, n = wanted
    kept: list = []
    dropped: list = []
    for item in items:
        (kept if shard_of(cle(item), n) == i else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_report_header(config):
    wanted = config.stash.get(_key, None)
    if wanted:
        return f"part {wanted[0]}/{wanted[1]} de la matrice (--shard)"
