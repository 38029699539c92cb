"""Runs ``compat.mjs`` (the npm tools, found by ``outils.py``) on the
contents not yet checked, once per run, and caches each answer by content
hash x browserslist query x the installed versions of the tools (new data ->
checked again)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path

from . import outils as outils_mod
from .outils import Outils

SCRIPT = Path(__file__).with_name("compat.mjs")
TIMEOUT_SECONDS = 600  # only catches a hang


class CompatUnavailable(RuntimeError):
    pass


def tools_stamp(outils: Outils) -> str:
    versions = json.dumps(outils.versions(), sort_keys=True).encode()
    return hashlib.sha256(versions + SCRIPT.read_bytes()).hexdigest()[:12]


def check(contents: dict[str, tuple[str, str]], queries: list[str], cache_dir: Path,
          outils: Outils | None = None) -> dict:
    """``contents``: sha -> (kind, text). Returns ``{"tools": {...},
    "results": {"<sha>|<query>": [finding, ...]}}`` for every pair.
    ``outils``: where the npm tools are (default: looked up from the current
    directory, see outils.py); raises CompatUnavailable, with the French
    reason, when they are not there."""
    outils = outils or outils_mod.trouver(None, Path.cwd())
    raison = outils.compat_absent
    if raison:
        raise CompatUnavailable(raison)
    stamp = tools_stamp(outils)
    cache_dir = cache_dir / stamp
    cache_dir.mkdir(parents=True, exist_ok=True)
    results, missing_items, missing_queries = {}, {}, set()
    for digest, (kind, _text) in contents.items():
        for query in queries:
            cached = cache_dir / f"{digest}-{query.replace(' ', '_')}.json"
            if cached.exists():
                results[f"{digest}|{query}"] = json.loads(cached.read_text(encoding="utf-8"))
            else:
                missing_items[digest] = kind
                missing_queries.add(query)
    tools_file = cache_dir / "outils.json"
    tools = json.loads(tools_file.read_text(encoding="utf-8")) if tools_file.exists() else {}
    if missing_items:
        answer = _run({"items": [{"id": d, "kind": k, "content": contents[d][1]}
                                 for d, k in missing_items.items()],
                       "targets": sorted(missing_queries)}, outils)
        tools = answer["tools"]
        tools_file.write_text(json.dumps(tools), encoding="utf-8")
        for pair, findings in answer["results"].items():
            digest, query = pair.split("|", 1)
            (cache_dir / f"{digest}-{query.replace(' ', '_')}.json").write_text(
                json.dumps(findings, ensure_ascii=False), encoding="utf-8")
            results[pair] = findings
    return {"tools": tools, "results": results}


def _run(payload: dict, outils: Outils) -> dict:
    dossier, node = outils.node_modules, outils.node
    if dossier is None or node is None:
        raise CompatUnavailable(outils.compat_absent or "audit de compatibilité non fait")
    # compat.mjs loads its packages from there (createRequire on that folder;
    # NODE_PATH when the folder is not called node_modules)
    env = {**os.environ, outils_mod.ENV: str(dossier), "NODE_PATH": str(dossier)}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(payload, f)
        path = f.name
    try:
        done = subprocess.run([node, str(SCRIPT), path], capture_output=True, text=True,
                              cwd=dossier.parent, env=env, timeout=TIMEOUT_SECONDS)
    finally:
        Path(path).unlink(missing_ok=True)
    if done.returncode != 0:
        raise CompatUnavailable("audit de compatibilité non fait : compat.mjs a échoué avec les "
                                f"outils de {dossier} : {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout)
