"""--shard i/n (harness/shard.py): a deterministic split of the matrix by
profile and scenario; the n shards together run each scenario run once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness import profiles, shard

from . import projet_options as projet

ROOT = Path(__file__).resolve().parents[2]


def test_parse_and_french_errors():
    assert shard.parse("2/4") == (2, 4)
    assert shard.parse(" 1 / 1 ") == (1, 1)
    for bad in ("0/3", "4/3", "a/b", "3", "1/0", ""):
        with pytest.raises(pytest.UsageError, match="--shard"):
            shard.parse(bad)


def test_the_hash_is_stable_across_machines_and_runs():
    # sha256, not hash(): the same value under every PYTHONHASHSEED
    key = "ie7-winxp|tests/acceptance/test_features.py::test_x[ie7-winxp]"
    values = {shard.shard_of(key, 7) for _ in range(3)}
    code = ("from harness.shard import shard_of; "
            f"print(shard_of({key!r}, 7))")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**projet.env(), "PYTHONHASHSEED": seed}, cwd=ROOT, timeout=60)
        values.add(int(out.stdout))
    assert len(values) == 1 and 1 <= values.pop() <= 7


def _collect(*args) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0",
                           "--collect-only", "-q", "tests/acceptance", "--matrix", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=projet.env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [line for line in proc.stdout.splitlines() if "::" in line]


def test_three_shards_cover_the_matrix_once():
    """The matrix collected whole, then part 2 of 3: the part is exactly its
    runs by shard_of(profile|test id) (so the three parts, each run's one
    shard, run it once; the same on every machine: the test above), in the
    collection's order. Two collections of the matrix instead of five."""
    everything = _collect()
    ids = sorted((p.id for p in profiles.load(ROOT / "browsers.yaml")), key=len, reverse=True)

    def key(nodeid: str) -> str:  # shard.cle of the item, from its id
        params = nodeid.split("[", 1)[1].rstrip("]")
        profil = next(p for p in ids if params == p or params.startswith(p + "-"))
        return f"{profil}|{nodeid}"

    parts = [[n for n in everything if shard.shard_of(key(n), 3) == i] for i in (1, 2, 3)]
    assert _collect("--shard", "2/3") == parts[1]
    assert all(parts) and max(map(len, parts)) < len(everything)   # every shard has its share
    # by profile and scenario: one scenario's profiles are spread over shards
    def scenario(nodeid):
        return nodeid.split("[")[0]
    spread = {scenario(n) for n in parts[0]} & {scenario(n) for n in parts[1]}
    assert spread, "un même scénario devrait pouvoir tourner sur plusieurs parts"
