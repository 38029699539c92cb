"""Speed of the browser layer: a benchmark, not a test.

    .venv/bin/python bench/bench_engines.py              # all figures, local page
    .venv/bin/python bench/bench_engines.py --runs 20 --engines chromium,firefox
    .venv/bin/python bench/bench_engines.py --simulator  # the embedded simulator
    .venv/bin/python bench/bench_engines.py --base-url http://127.0.0.1:5000  # a running one
    .venv/bin/python bench/bench_engines.py --full-matrix  # + pytest -n 2 --matrix wall time

Figures:
1. engine start (once per worker) and scenario-runs per minute per engine,
   one process, for a multi-step scenario (open the home page, a failed
   login, the "forgotten password" link, a field) — a fresh context or
   session per run, as in the suite;
2. the harness (``UI``) next to a plain script doing the same clicks in the
   same run (plain Playwright for chromium and firefox, plain Selenium for
   webkit), alternating blocks so that both see the same machine load; the
   harness with and without the trace the suite records per scenario;
3. with --full-matrix, the wall time of ``pytest -n 2 tests/acceptance
   --matrix`` (needs the whole suite).

The scenario follows the simulator's home page contract (docs/architecture.md):
--simulator runs it on the embedded simulator (harness.services, the walking
skeleton's pages), --base-url on a running site; by default it runs on a
small page served here, which measures the browser layer alone.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.profiles import load  # noqa: E402
from harness.ui import start_engine  # noqa: E402

USER, PASSWORD, FORGOT = "Utilisateur :", "Mot de passe :", "J'ai oublié mon mot de passe"

HOME = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Activité Partielle</title></head>
<body><h2>MON ESPACE PERSONNEL</h2>
<form method="post" action="/connexion">
<label for="u">Utilisateur :</label> <input id="u" name="u">
<label for="p">Mot de passe :</label> <input id="p" name="p" type="password">
<button type="reset">Annuler</button> <button type="submit">Connexion</button></form>
<a href="/identifiant/oubli">J'ai oublié mon identifiant</a> |
<a href="/mot-de-passe/oubli">J'ai oublié mon mot de passe</a>
%s</body></html>"""
ALERT = '<div role="alert">Identifiant ou mot de passe incorrect.</div>'
FORGOT_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"></head>
<body><h2>J'ai oublié mon mot de passe</h2><form method="post">
<label for="u">Utilisateur :</label> <input id="u" name="u">
<button type="submit">Continuer</button></form></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def _send(self, html: str):
        body = html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._send(FORGOT_PAGE if self.path.startswith("/mot-de-passe/oubli") else HOME % "")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(HOME % ALERT)

    def log_message(self, *args):
        pass


def serve() -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


# --- the scenario, three ways ------------------------------------------------------

def scenario_harness(engine, profile, base_url, trace=False):
    ui = engine.new_ui(profile, base_url)
    if trace:
        ui.start_trace()
    ui.goto("/")
    ui.fill("jdupont1", label=USER)
    ui.fill("Mauvais.mdp1", label=PASSWORD)
    ui.click(role="button", name="Connexion")
    ui.attribute("role", role="alert")  # waits for the error message
    ui.goto("/")
    ui.click(role="link", name=FORGOT)
    ui.fill("jdupont1", label=USER)
    assert ui.value(label=USER) == "jdupont1"
    if trace:
        ui.stop_trace(None)
    ui.close()


def scenario_plain_playwright(browser, profile, base_url):
    context = browser.new_context(
        user_agent=profile.user_agent, locale="fr-FR",
        viewport={"width": profile.viewport.width, "height": profile.viewport.height})
    page = context.new_page()
    page.goto(base_url + "/")
    page.get_by_label(USER, exact=True).fill("jdupont1")
    page.get_by_label(PASSWORD, exact=True).fill("Mauvais.mdp1")
    page.get_by_role("button", name="Connexion", exact=True).click()
    page.get_by_role("alert").first.wait_for()
    page.goto(base_url + "/")
    page.get_by_role("link", name=FORGOT, exact=True).click()
    page.get_by_label(USER, exact=True).fill("jdupont1")
    assert page.get_by_label(USER, exact=True).input_value() == "jdupont1"
    context.close()


def scenario_plain_selenium(new_driver, profile, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    def field(driver, label):
        return WebDriverWait(driver, 10).until(EC.visibility_of_element_located(
            (By.XPATH, f"//*[@id=//label[normalize-space()=\"{label}\"]/@for]")))

    driver = new_driver(profile)
    driver.get(base_url + "/")
    field(driver, USER).send_keys("jdupont1")
    field(driver, PASSWORD).send_keys("Mauvais.mdp1")
    driver.find_element(By.XPATH, "//button[normalize-space()='Connexion']").click()
    WebDriverWait(driver, 10).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "[role=alert]")))
    driver.get(base_url + "/")
    driver.find_element(By.LINK_TEXT, FORGOT).click()
    field(driver, USER).send_keys("jdupont1")
    assert field(driver, USER).get_property("value") == "jdupont1"
    driver.quit()


# --- measuring -------------------------------------------------------------------

def timed(runs: int, once) -> list[float]:
    """Durations of ``runs`` runs; a run that fails is told and left out
    (plain Selenium has no cure for a MiniBrowser that dies starting)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            once()
        except Exception as error:  # noqa: BLE001 - a benchmark goes on
            print(f"  a run failed after {time.perf_counter() - started:.1f} s: "
                  f"{type(error).__name__}", flush=True)
            continue
        times.append(time.perf_counter() - started)
    return times


def harness_block(name, profile, base_url, runs, trace=False):
    started = time.perf_counter()
    engine = start_engine(name, load())
    launch = time.perf_counter() - started
    try:
        scenario_harness(engine, profile, base_url, trace)  # warm-up
        return launch, timed(runs, lambda: scenario_harness(engine, profile, base_url, trace))
    finally:
        engine.close()


def plain_block(name, profile, base_url, runs):
    settings = load().engines[name]
    if settings.kind == "playwright":
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            options = {"executable_path": settings.executable, "channel": settings.channel}
            if settings.channel == "moz-firefox":
                options["firefox_user_prefs"] = {"browser.sessionhistory.max_total_viewers": 0}
            browser = getattr(p, name).launch(**{k: v for k, v in options.items() if v})
            try:
                scenario_plain_playwright(browser, profile, base_url)
                return timed(runs, lambda: scenario_plain_playwright(browser, profile, base_url))
            finally:
                browser.close()
    return plain_webkit_block(settings, profile, base_url, runs)


def plain_webkit_block(settings, profile, base_url, runs):
    from selenium import webdriver
    from selenium.webdriver.remote.client_config import ClientConfig
    from selenium.webdriver.remote.remote_connection import RemoteConnection
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service
    from xvfbwrapper import Xvfb

    environ = dict(os.environ)
    display = Xvfb(width=2560, height=1600, environ=environ)
    display.start()
    service = Service(settings.driver, env=environ)
    service.start()

    def new_driver(profile):
        options = Options()
        options.binary_location = settings.executable
        options.add_argument("--automation")
        options.add_argument(f"--user-agent={profile.user_agent}")
        # a time limit on the session start, or a MiniBrowser that dies while
        # starting (seen under heavy load) hangs the benchmark
        config = ClientConfig(remote_server_addr=service.service_url, timeout=30)
        driver = webdriver.Remote(command_executor=RemoteConnection(client_config=config),
                                  options=options)
        config.timeout = None
        driver.set_window_size(profile.viewport.width, profile.viewport.height + 38)
        return driver

    try:
        scenario_plain_selenium(new_driver, profile, base_url)
        return timed(runs, lambda: scenario_plain_selenium(new_driver, profile, base_url))
    finally:
        service.stop()
        display.stop()


def median(values):
    return statistics.median(values) if values else float("nan")


def bench_engine(name, profile, base_url, runs, rounds):
    """Alternate plain / harness / harness+trace blocks, ``rounds`` times."""
    plain, bare, traced, launches = [], [], [], []
    for round_number in range(1, rounds + 1):
        plain += plain_block(name, profile, base_url, runs)
        launch, times = harness_block(name, profile, base_url, runs)
        launches.append(launch)
        bare += times
        traced += harness_block(name, profile, base_url, runs, trace=True)[1]
        print(f"{name} round {round_number}: plain {median(plain):.3f} s, harness "
              f"{median(bare):.3f} s, traced {median(traced):.3f} s per run", flush=True)
    return {"engine": name, "profile": profile.id, "launch_s": median(launches),
            "plain_s": median(plain), "harness_s": median(bare), "traced_s": median(traced),
            "runs": len(bare)}


def full_matrix(workers: int, extra: list[str]) -> dict:
    command = [sys.executable, "-m", "pytest", "-n", str(workers), "tests/acceptance",
               "--matrix", "-q", "-p", "no:randomly", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return {"command": " ".join(command[2:]), "wall_s": wall, "exit": done.returncode,
            "summary": summary}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="chromium,firefox,webkit")
    parser.add_argument("--runs", type=int, default=8, help="timed runs per block")
    parser.add_argument("--rounds", type=int, default=2, help="alternated blocks per engine")
    parser.add_argument("--base-url", help="run the scenario against this running site")
    parser.add_argument("--simulator", action="store_true",
                        help="start the embedded simulator and run the scenario on it")
    parser.add_argument("--full-matrix", action="store_true",
                        help="also time `pytest -n WORKERS tests/acceptance --matrix`")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", help="write the figures to this file")
    args, pytest_args = parser.parse_known_args(argv)

    with contextlib.ExitStack() as stack:
        if args.simulator:
            from harness.services import embedded_stack

            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            base_url = stack.enter_context(embedded_stack(workdir, control=False))[0]
        else:
            base_url = args.base_url or serve()
        matrix = load()
        results = []
        for name in [e for e in args.engines.split(",") if e]:
            profile = next(p for p in matrix if p.engine == name)
            results.append(bench_engine(name, profile, base_url, args.runs, args.rounds))
    page = "simulator" if args.simulator else args.base_url or "local page"

    print(f"\nmachine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          f"at the end; page: {page}; "
          f"{args.rounds} x {args.runs} timed runs per figure (median)\n")
    print("| engine | profile | engine start | plain script / run | harness / run "
          "| harness + trace / run | harness runs/min | harness vs plain | with trace |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['engine']} | {r['profile']} | {r['launch_s']:.2f} s | {r['plain_s']:.3f} s "
              f"| {r['harness_s']:.3f} s | {r['traced_s']:.3f} s | {60 / r['harness_s']:.0f} "
              f"| {100 * (r['harness_s'] / r['plain_s'] - 1):+.0f} % "
              f"| {100 * (r['traced_s'] / r['plain_s'] - 1):+.0f} % |")
    report = {"results": results}
    if args.full_matrix:
        report["full_matrix"] = full_matrix(args.workers, pytest_args)
        fm = report["full_matrix"]
        print(f"\nfull matrix: `{fm['command']}` {fm['wall_s']:.0f} s wall, "
              f"exit {fm['exit']}: {fm['summary']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
