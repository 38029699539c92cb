"""Start and stop the real services a run needs: Mailpit and the simulator.

Each runs as its own process on a free loopback port, is waited for until it
answers (Mailpit ``/readyz``, the simulator ``/_sim/health``), and is stopped
at the end, also on failure or Ctrl+C (context managers, and the processes
are in their own process group so nothing is left behind).
"""
from __future__ import annotations

import ctypes
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from harness.attente import attendre
from harness.clients.session_http import contexte_tls

ROOT = Path(__file__).resolve().parent.parent


class ServiceError(RuntimeError):
    """A service could not be found or started; the message says what to do."""


def _die_with_parent() -> None:
    """In the child: be ended when the harness dies, even by SIGKILL (Linux),
    so that no simulator or Mailpit outlives an interrupted run."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


#: Where free_port() looks: below the system's range of ephemeral ports.
PORTS_LIBRES = range(20_000, 32_768)


def _ports_ephemeres() -> range:
    """The system's ephemeral ports (Linux; the usual 32768–60999 elsewhere)."""
    try:
        bas, haut = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        bas, haut = 32_768, 60_999
    return range(bas, haut + 1)


def free_port() -> int:
    """A free loopback port for a service we start, taken *outside* the
    system's ephemeral range: between this choice and the service's own bind,
    an outgoing connection (a browser's, a driver's, another test's) is given
    an ephemeral port, and could take that one (« Address already in use »,
    seen on a loaded 2-core CI). Only another random choice can collide here,
    and the bind below rules out a port already listened on."""
    ephemeres = _ports_ephemeres()
    candidats = [p for p in PORTS_LIBRES if p not in ephemeres]
    for port in random.sample(candidats, min(50, len(candidats))):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:  # that range is full, or inside the ephemeral one
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_mailpit() -> str:
    """The Mailpit binary: $MAILPIT_BIN, the PATH, or Go's bin folder."""
    candidates = [os.environ.get("MAILPIT_BIN"), shutil.which("mailpit")]
    gopath = os.environ.get("GOPATH") or str(Path.home() / "go")
    candidates.append(str(Path(gopath) / "bin" / "mailpit"))
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    raise ServiceError(
        "Mailpit est introuvable. Installez-le avec "
        "`go install github.com/axllent/mailpit@v1.33.1` (ou `make setup`), "
        "ou indiquez son chemin dans MAILPIT_BIN, ou une instance existante "
        "dans MAILPIT_URL."
    )


def wait_until_up(url: str, process: subprocess.Popen | None, name: str,
                  timeout: float = 30.0) -> None:
    last = {"why": "pas de réponse"}
    # One client for every poll (httpx.get makes a client, and reads the CA
    # bundle, each time: 70–170 ms a poll), on the process's one TLS context.
    http = httpx.Client(timeout=2, verify=contexte_tls())

    def up() -> bool:
        if process is not None and process.poll() is not None:
            raise ServiceError(f"{name} s'est arrêté au démarrage (code {process.returncode}).")
        try:
            r = http.get(url)
        except httpx.HTTPError as e:
            last["why"] = str(e) or type(e).__name__
            return False
        last["why"] = f"HTTP {r.status_code}"
        return r.status_code == 200

    with http:
        attendre(up, timeout, lambda _: f"{name} ne répond pas sur {url} après {timeout:.0f} s ({last['why']}).",
                 erreur=ServiceError)


@dataclass
class Process:
    """A service process we started; ``stop()`` ends its whole group."""

    name: str
    argv: list[str]
    health_url: str
    env: dict = field(default_factory=dict)
    log_path: Path | None = None
    popen: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> "Process":
        debut = 0
        if self.log_path:
            with open(self.log_path, "ab") as out:  # the child keeps its own copy
                debut = out.tell()
                self.popen = self._spawn(out)
        else:
            self.popen = self._spawn(subprocess.DEVNULL)
        try:
            wait_until_up(self.health_url, self.popen, self.name, timeout)
        except ServiceError as erreur:
            self.stop()
            raise ServiceError(f"{erreur}{self._fin_du_journal(debut)}") from None
        except BaseException:
            self.stop()
            raise
        return self

    def _fin_du_journal(self, debut: int, lignes: int = 15) -> str:
        """The last lines the process wrote since ``debut``, to say why it
        did not start (a port taken, a configuration refused…)."""
        if not self.log_path or not self.log_path.exists():
            return ""
        with open(self.log_path, "rb") as journal:
            journal.seek(debut)
            texte = journal.read().decode("utf-8", "replace").strip()
        if not texte:
            return ""
        fin = "\n".join(texte.splitlines()[-lignes:])
        return f"\nSes dernières lignes ({self.log_path}) :\n{fin}"

    def _spawn(self, out) -> subprocess.Popen:
        return subprocess.Popen(
            self.argv, env={**os.environ, **self.env}, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
            preexec_fn=_die_with_parent,
        )

    def stop(self) -> None:
        p, self.popen = self.popen, None
        if p is None or p.poll() is not None:
            return
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        except ProcessLookupError:
            pass

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None


@dataclass
class MailpitService(Process):
    smtp_port: int = 0
    http_port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"


def mailpit_process(workdir: Path) -> MailpitService:
    """A Mailpit on free ports with its database in ``workdir`` (a restart
    with ``stop()``/``start()`` keeps the ports and the mail)."""
    binary = find_mailpit()
    smtp, http = free_port(), free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    return MailpitService(
        name="Mailpit",
        argv=[binary, "--smtp", f"127.0.0.1:{smtp}", "--listen", f"127.0.0.1:{http}",
              "--database", str(workdir / "mailpit.db"), "--quiet"],
        health_url=f"http://127.0.0.1:{http}/readyz",
        log_path=workdir / "mailpit.log",
        smtp_port=smtp, http_port=http,
    )


@dataclass
class SimulatorService(Process):
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def simulator_process(workdir: Path, smtp_port: int, control: bool = True,
                      port: int | None = None, smtp_host: str = "127.0.0.1",
                      hachage: str = "minimal") -> SimulatorService:
    """The simulator served by waitress, SQLite file in ``workdir``. Its
    password hashes cost ``hachage`` (SIM_HACHAGE): argon2-cffi's cheapest
    parameters by default, since this simulator only serves tests (every
    seeded account and every browser login pays the hash); a simulator
    started by hand keeps the production cost."""
    port = port or free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        "SIM_DATABASE_URL": f"sqlite:///{workdir / 'simulateur.db'}",
        "SIM_SMTP_HOST": smtp_host,
        "SIM_SMTP_PORT": str(smtp_port),
        "SIM_CONTROL": "1" if control else "0",
        "SIM_HACHAGE": hachage,
    }
    # Health: the control interface when on, the home page otherwise.
    health = f"http://127.0.0.1:{port}/_sim/health" if control else f"http://127.0.0.1:{port}/"
    return SimulatorService(
        name="Le simulateur",
        argv=[sys.executable, "-m", "simulator", "serve", "--host", "127.0.0.1", "--port", str(port)],
        health_url=health, env=env, log_path=workdir / "simulateur.log", port=port,
    )


@contextmanager
def running(*processes: Process):
    """Start the processes in order, stop them all in reverse at the end."""
    started: list[Process] = []
    try:
        for p in processes:
            started.append(p.start())
        yield processes
    finally:
        for p in reversed(started):
            p.stop()


def smtp_of(mailpit_url: str, environ=os.environ) -> tuple[str, int]:
    """The SMTP address of an existing Mailpit: $MAILPIT_SMTP (host:port), or
    the host of its URL on Mailpit's default SMTP port 1025."""
    given = environ.get("MAILPIT_SMTP")
    if given:
        host, _, port = given.rpartition(":")
        return host or "127.0.0.1", int(port)
    return urlsplit(mailpit_url).hostname or "127.0.0.1", 1025


@contextmanager
def embedded_stack(workdir: Path, control: bool = True, mailpit_url: str | None = None):
    """The simulator and the Mailpit it sends to: yields ``(simulator_url,
    mailpit_url)``. With ``mailpit_url`` (an existing Mailpit, such as a CI
    service container) only the simulator is started."""
    if mailpit_url:
        host, port = smtp_of(mailpit_url)
        simulator = simulator_process(workdir / "simulateur", port, control, smtp_host=host)
        with running(simulator):
            yield simulator.url, mailpit_url
        return
    mailpit = mailpit_process(workdir / "mailpit")
    simulator = simulator_process(workdir / "simulateur", mailpit.smtp_port, control)
    with running(mailpit, simulator):
        yield simulator.url, mailpit.url
