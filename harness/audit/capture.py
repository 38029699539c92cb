"""What the audit takes from one page state, through the ``UI`` only (so both
backends): ``page.js`` (HTML, resources, RGAA checks), axe-core, and a
full-page screenshot. Stylesheets and scripts are fetched with httpx and
kept once per content hash."""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).parent
PAGE_JS = (HERE / "page.js").read_text(encoding="utf-8")
# What tells one page state from another, read after every step (cheap):
# the path (numbers folded), the page's structure — the set of distinct
# elements by their tag and identity (id, name, type, role; numbers
# folded), hashed — and whether an alert is shown. Not its texts nor the
# state of its fields: « Changement du mot de passe pour clefebvre » and
# « … pour vgomes », a list of one request and one of ten, a form empty or
# filled in, with one field in error or another, are one page, audited and
# photographed once per profile (the texts of the first are shown); an
# error shown is another state of it. The title and the alerts' texts come
# back for the report.
STATE_JS = """(function () {
  var d = document;
  var texte = function (el) { return (el.innerText || el.textContent || '').replace(/\\s+/g, ' ').trim(); };
  var alertes = Array.prototype.filter.call(d.querySelectorAll('[role="alert"]'), function (el) {
    return texte(el) && !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }).map(texte);
  var IDENTITE = ['id', 'name', 'type', 'role'];
  var vus = {}, elements = [];
  Array.prototype.forEach.call(d.getElementsByTagName('*'), function (el) {
    var e = el.tagName + IDENTITE.map(function (a) {
      var v = el.getAttribute(a);
      return v === null ? '' : ' ' + a + '=' + v.replace(/\\d+/g, 'N');
    }).join('');
    if (!vus[e]) { vus[e] = true; elements.push(e); }
  });
  var t = elements.sort().join('\\n'), h = 2166136261;   // FNV-1a, 32 bits
  for (var i = 0; i < t.length; i++) { h = Math.imul(h ^ t.charCodeAt(i), 16777619); }
  return { url: location.href, state: { path: location.pathname.replace(/\\d+/g, 'N'),
           structure: (h >>> 0).toString(16), alerte: alertes.length > 0,
           title: d.title || '', alerts: alertes.sort().join(' | ') } };
})()"""

# axe-core, French messages; only violations come back (small answers).
AXE_RUN_JS = """(function () {
  if (!window.axe) { %(axe)s }
  // French messages; axe compiles them with `new Function`, which a page's
  // CSP forbids where the engine does not exempt injected scripts (WebKit
  // over WebDriver): then axe's own English messages.
  var langue = 'fr';
  try { window.axe.configure({ locale: %(locale)s }); } catch (e) { langue = 'en'; }
  return window.axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
    return { version: window.axe.version, langue: langue, violations: r.violations.map(function (v) {
      return { id: v.id, impact: v.impact, tags: v.tags, help: v.help, description: v.description,
               helpUrl: v.helpUrl, nodes: v.nodes.slice(0, 10).map(function (n) {
                 return { target: n.target.join(' '), html: n.html.slice(0, 300),
                          summary: n.failureSummary }; }) }; }) };
  });
})()"""

_axe_scripts: dict[Path, str] = {}


def axe_script(axe_dir: Path) -> str:
    """axe-core of ``axe_dir`` (found by outils.py) and its French locale,
    with the code that runs it."""
    if axe_dir not in _axe_scripts:
        source = (axe_dir / "axe.min.js").read_text(encoding="utf-8")
        locale = (axe_dir / "locales" / "fr.json").read_text(encoding="utf-8")
        _axe_scripts[axe_dir] = AXE_RUN_JS % {"axe": source, "locale": locale}
    return _axe_scripts[axe_dir]


def sha(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:20]


#: The fields of STATE_JS's state that make a page state (not its texts).
STATE_FIELDS = ("path", "structure", "alerte")


def state_key(state: dict) -> str:
    return sha(json.dumps({k: state.get(k) for k in STATE_FIELDS}, sort_keys=True))


def rgaa_of(tags: list[str]) -> list[str]:
    """``RGAA-x.y.z`` tags of axe-core (4.10+), else its WCAG success criteria."""
    rgaa = [t[len("RGAA-"):] for t in tags if t.startswith("RGAA-")]
    return rgaa


def wcag_of(tags: list[str]) -> list[str]:
    out = []
    for t in tags:
        if t.startswith("wcag") and t[4:].isdigit() and len(t) >= 7:
            digits = t[4:]
            out.append(".".join([digits[0], digits[1], digits[2:]]))
    return out


@dataclass
class Store:
    """Where the contents go: ``<dir>/contenus/<sha>.<kind>``."""
    directory: Path

    def put(self, content: str, kind: str, key: str | None = None) -> str:
        """Keep ``content`` under the hash of ``key`` (default: itself); the
        first content stored under a key stays."""
        digest = sha(content if key is None else key)
        folder = self.directory / "contenus"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{digest}.{kind}"
        if not path.exists():
            path.write_text(content, encoding="utf-8")
        return digest


class Capturer:
    """Per worker: the states already seen (per profile), the resources
    already fetched (per URL), the store. ``axe_dir``: axe-core's folder, or
    None when it is missing (then no axe run: the report says it was not
    done)."""

    def __init__(self, directory: Path, axe_dir: Path | None = None):
        self.directory = directory
        self.axe_dir = axe_dir
        self.store = Store(directory)
        self.seen: set[tuple[str, str]] = set()
        self.fetched: dict[str, str | None] = {}
        self.records: list[dict] = []
        self.axe_done: dict[tuple[str, str], dict] = {}
        self.stable = False
        self.http = httpx.Client(timeout=20, follow_redirects=True)

    def close(self):
        self.http.close()

    def capture(self, ui, profile, scenario: str) -> dict | None:
        """Audit the page ``ui`` shows, if this state is new for ``profile``.
        Returns the record (None if already seen or unreadable); ``stable``
        then says whether the state was read (False: the page was being
        replaced, to be looked at again)."""
        t0 = time.perf_counter()
        self.stable = False
        try:
            probe = ui.evaluate(STATE_JS)
            if not isinstance(probe, dict) or not probe.get("url", "").startswith("http"):
                self.stable = True   # no page of a site yet (about:blank)
                return None
            key = state_key(probe["state"])
        except Exception:  # noqa: BLE001 — the page is being replaced: the next step sees it
            return None
        if (profile.id, key) in self.seen:
            self.stable = True
            return None
        self.seen.add((profile.id, key))
        shot = self._claim(profile.id, key)
        if shot is None:    # another worker of the run has it
            self.stable = True
            return None
        try:
            page = ui.evaluate(PAGE_JS)
            changed = state_key(ui.evaluate(STATE_JS)["state"]) != key
        except Exception:  # noqa: BLE001
            changed = True
        if changed:         # the page is being replaced: the next step sees it
            shot.unlink(missing_ok=True)
            self.seen.discard((profile.id, key))
            return None
        self.stable = True
        record = {
            "profile": profile.id, "state": key, "state_info": probe["state"],
            "url": page["url"], "title": page["title"], "scenario": scenario,
            "html": self.store.put(page["html"], "html", key=page["skeleton"]),
            "resources": [], "checks": page["checks"], "axe": None, "screenshot": None,
        }
        t1 = time.perf_counter()
        for resource in page["resources"]:
            digest = self._fetch(resource["url"], resource["kind"])
            if digest:
                record["resources"].append({"url": resource["url"], "kind": resource["kind"],
                                            "sha": digest})
        t2 = time.perf_counter()
        # One axe run per page structure and engine: the profiles of one
        # engine that get the same page (IE 7 to 11 on Chromium) share it.
        axe_key = (profile.engine, record["html"])
        if self.axe_dir is None:
            pass   # axe-core missing: record["axe"] stays None (« non fait »)
        elif axe_key in self.axe_done:
            record["axe"] = dict(self.axe_done[axe_key], partage=True)
        else:
            try:
                record["axe"] = ui.evaluate(axe_script(self.axe_dir))
                self.axe_done[axe_key] = record["axe"]
            except Exception as error:  # noqa: BLE001 — shown in the report
                record["axe"] = {"error": str(error).splitlines()[0][:300], "violations": []}
        t3 = time.perf_counter()
        try:
            ui.screenshot(str(shot), full_page=True)
            record["screenshot"] = shot.name
        except TypeError:  # a UI without full_page
            ui.screenshot(str(shot))
            record["screenshot"] = shot.name
        except Exception:  # noqa: BLE001
            pass
        record["durees"] = {"page": t1 - t0, "ressources": t2 - t1, "axe": t3 - t2,
                            "capture": time.perf_counter() - t3}
        self.records.append(record)
        return record

    def _claim(self, profile_id: str, key: str) -> Path | None:
        """The screenshot's path of this state, created empty if no process
        of the run has it yet (atomic: the workers of ``-n 2`` share the
        folder, emptied by the controller when the run starts); None if one
        has. So each page state is audited once per profile and run."""
        shots = self.directory / "captures"
        shots.mkdir(parents=True, exist_ok=True)
        shot = shots / f"{profile_id}-{key}.png"
        try:
            os.close(os.open(shot, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return None
        return shot

    def _fetch(self, url: str, kind: str) -> str | None:
        if url not in self.fetched:
            try:
                response = self.http.get(url)
                self.fetched[url] = (self.store.put(response.text, kind)
                                     if response.status_code == 200 else None)
            except httpx.HTTPError:
                self.fetched[url] = None
        return self.fetched[url]
