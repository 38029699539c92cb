"""Runs ``compat.mjs`` (the npm tools) on the contents not yet checked, once
per run, and caches each answer by content hash x browserslist query x the
versions in package-lock.json (new data -> checked again)."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from harness.services import ROOT

SCRIPT = Path(__file__).with_name("compat.mjs")
TIMEOUT_SECONDS = 600  # only catches a hang


class CompatUnavailable(RuntimeError):
    pass


def tools_stamp() -> str:
    lock = ROOT / "package-lock.json"
    data = lock.read_bytes() if lock.exists() else b""
    return hashlib.sha256(data + SCRIPT.read_bytes()).hexdigest()[:12]


def check(contents: dict[str, tuple[str, str]], queries: list[str], cache_dir: Path) -> dict:
    """``contents``: sha -> (kind, text). Returns ``{"tools": {...},
    "results": {"<sha>|<query>": [finding, ...]}}`` for every pair."""
    stamp = tools_stamp()
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
                       "targets": sorted(missing_queries)})
        tools = answer["tools"]
        tools_file.write_text(json.dumps(tools), encoding="utf-8")
        for pair, findings in answer["results"].items():
            digest, query = pair.split("|", 1)
            (cache_dir / f"{digest}-{query.replace(' ', '_')}.json").write_text(
                json.dumps(findings, ensure_ascii=False), encoding="utf-8")
            results[pair] = findings
    return {"tools": tools, "results": results}


def _run(payload: dict) -> dict:
    node = shutil.which("node")
    if not node:
        raise CompatUnavailable("node est introuvable : apt-get install nodejs npm, puis npm ci")
    if not (ROOT / "node_modules" / "doiuse").exists():
        raise CompatUnavailable("les outils npm de l'audit manquent : npm ci (scripts/setup.sh)")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(payload, f)
        path = f.name
    try:
        done = subprocess.run([node, str(SCRIPT), path], capture_output=True, text=True,
                              cwd=ROOT, timeout=TIMEOUT_SECONDS)
    finally:
        Path(path).unlink(missing_ok=True)
    if done.returncode != 0:
        raise CompatUnavailable(f"compat.mjs a échoué : {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout)
