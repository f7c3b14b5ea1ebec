"""Lifecycle of the embedded ArcadeDB server: start, stop, status.

The server runs as its own process (``graph/_server_main.py``), never inside the
API or CLI process: a JVM in the API process would tie the two lifetimes
together and make a crash in one take down the other. Everything lives under
``POLICYKG_HOME``:

* ``password``      generated root password, mode 0600, never logged
* ``server.pid``    pid of the server process
* ``server.json``   written by the server once its Bolt port answers (ports, db)
* ``server.log``    the server's stdout/stderr
* ``databases/``, ``config/``, ``log/``  ArcadeDB data, settings and logs

Ports are chosen free at start, so a port in use elsewhere is never a problem,
and a stale pid file (the process died, or the pid was reused by another
program) is detected and cleaned instead of blocking a start.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from policykg.errors import GraphUnavailable, InvalidInput

SERVER_MODULE = "policykg.graph._server_main"
ROOT_USER = "root"


@dataclass(frozen=True)
class EmbeddedStatus:
    """What ``policykg db status`` reports."""

    running: bool
    pid: int | None
    bolt_uri: str | None
    http_port: int | None
    database: str | None
    home: Path
    log: Path
    note: str = ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_answers(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


class EmbeddedServer:
    """Manages one embedded ArcadeDB server process under a home folder.

    Args:
        home: the ``POLICYKG_HOME`` folder (created if missing).
        database: the database the server must open.
        start_timeout: seconds to wait for readiness before giving up.
        heap: JVM max heap, e.g. ``"1g"``.
    """

    def __init__(
        self, home: Path, database: str, *, start_timeout: float = 180.0, heap: str = "1g"
    ) -> None:
        self.home = home
        self.database = database
        self.start_timeout = start_timeout
        self.heap = heap

    # --- files ---------------------------------------------------------------
    @property
    def pid_path(self) -> Path:
        return self.home / "server.pid"

    @property
    def state_path(self) -> Path:
        return self.home / "server.json"

    @property
    def log_path(self) -> Path:
        return self.home / "server.log"

    @property
    def password_path(self) -> Path:
        return self.home / "password"

    def password(self) -> str:
        """The root password, generated (0600) on first use."""
        self.home.mkdir(parents=True, exist_ok=True)
        if not self.password_path.exists():
            # O_EXCL + 0600 from the start: the secret is never world-readable,
            # not even for the instant between create and chmod.
            fd = os.open(self.password_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(secrets.token_urlsafe(24))
        return self.password_path.read_text(encoding="utf-8").strip()

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialise start/stop between processes (two CLIs starting at once)."""
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / "server.lock", "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    # --- process inspection -----------------------------------------------------
    def _pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None

    def _is_ours(self, pid: int) -> bool:
        """True when ``pid`` is alive and is our server (not a reused pid)."""
        try:
            proc = psutil.Process(pid)
            if proc.status() == psutil.STATUS_ZOMBIE:
                return False
            cmdline = proc.cmdline()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False
        return SERVER_MODULE in cmdline and str(self.home) in cmdline

    def _state(self) -> dict[str, object] | None:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return state if isinstance(state, dict) else None

    def _clean_stale(self) -> str:
        pid = self._pid()
        if pid is not None and not self._is_ours(pid):
            self.pid_path.unlink(missing_ok=True)
            self.state_path.unlink(missing_ok=True)
            return f"removed stale pid file (pid {pid} is not a running policykg server)"
        if pid is None:
            self.state_path.unlink(missing_ok=True)
        return ""

    # --- public ------------------------------------------------------------------
    def status(self) -> EmbeddedStatus:
        """Report whether the server runs and answers on its Bolt port."""
        pid = self._pid()
        state = self._state()
        if pid is None or not self._is_ours(pid):
            note = "stale pid file" if pid is not None else ""
            return EmbeddedStatus(False, None, None, None, None, self.home, self.log_path, note)
        if not state:
            return EmbeddedStatus(
                False, pid, None, None, None, self.home, self.log_path, "starting"
            )
        bolt_port = int(str(state["bolt_port"]))
        answering = _port_answers(bolt_port)
        return EmbeddedStatus(
            answering,
            pid,
            f"bolt://127.0.0.1:{bolt_port}",
            int(str(state["http_port"])),
            str(state["database"]),
            self.home,
            self.log_path,
            "" if answering else "process alive but Bolt port not answering",
        )

    def start(self) -> EmbeddedStatus:
        """Start the server if it is not running, and wait until Bolt answers.

        Raises:
            GraphUnavailable: the server exited during start-up or was not ready
                within ``start_timeout`` seconds (the log tail is included).
        """
        with self._lock():
            note = self._clean_stale()
            current = self.status()
            if current.running:
                return current
            pid = self._pid()
            if pid is not None and self._is_ours(pid):
                # Alive but not ready (another start in progress, or a hung
                # server): wait for it instead of starting a second one.
                return self._wait_ready(pid)
            self.password()  # ensure it exists before the child reads it
            bolt_port, http_port = _free_port(), _free_port()
            while http_port == bolt_port:
                http_port = _free_port()
            log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child
            try:
                proc = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        SERVER_MODULE,
                        "--home",
                        str(self.home),
                        "--bolt-port",
                        str(bolt_port),
                        "--http-port",
                        str(http_port),
                        "--database",
                        self.database,
                        "--heap",
                        self.heap,
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=self.home,
                    start_new_session=True,  # survives the CLI that started it
                )
            finally:
                log.close()
            self.pid_path.write_text(str(proc.pid))
            status = self._wait_ready(proc.pid, proc)
            if note:
                status = EmbeddedStatus(**{**status.__dict__, "note": note})
            return status

    def _wait_ready(self, pid: int, proc: subprocess.Popen[bytes] | None = None) -> EmbeddedStatus:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                self.pid_path.unlink(missing_ok=True)
                raise GraphUnavailable(
                    f"embedded server exited during start-up (code {proc.returncode}); "
                    f"last log lines: {self._log_tail()}"
                )
            if proc is None and not self._is_ours(pid):
                raise GraphUnavailable(f"embedded server {pid} died; see {self.log_path}")
            status = self.status()
            if status.running:
                return status
            time.sleep(0.25)
        raise GraphUnavailable(
            f"embedded server not ready after {self.start_timeout:.0f}s "
            f"(POLICYKG_DB_START_TIMEOUT); see {self.log_path}"
        )

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server; returns False when none was running."""
        with self._lock():
            pid = self._pid()
            if pid is None or not self._is_ours(pid):
                self.pid_path.unlink(missing_ok=True)
                self.state_path.unlink(missing_ok=True)
                return False
            proc = psutil.Process(pid)
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except psutil.TimeoutExpired:
                proc.kill()
                proc.wait(10)
            except psutil.NoSuchProcess:
                pass
            self.pid_path.unlink(missing_ok=True)
            self.state_path.unlink(missing_ok=True)
            return True

    def kill(self) -> None:
        """SIGKILL the server without cleanup (fault-injection tests use this)."""
        pid = self._pid()
        if pid is not None and self._is_ours(pid):
            psutil.Process(pid).kill()
            with contextlib.suppress(psutil.NoSuchProcess, psutil.TimeoutExpired):
                psutil.Process(pid).wait(30)

    # --- databases over the loopback HTTP API ------------------------------------
    def _server_command(self, command: str) -> None:
        status = self.status()
        if not status.running or status.http_port is None:
            raise GraphUnavailable("embedded server is not running")
        try:
            r = httpx.post(
                f"http://127.0.0.1:{status.http_port}/api/v1/server",
                json={"command": command},
                auth=(ROOT_USER, self.password()),
                timeout=60,
            )
        except httpx.HTTPError as e:
            raise GraphUnavailable(f"embedded server HTTP API unreachable: {e}") from e
        if r.status_code >= 400:
            raise InvalidInput(f"embedded server refused {command.split()[0:2]}: {r.text[:200]}")

    def create_database(self, name: str) -> None:
        """Create a database (used by tests for a fresh database per module)."""
        if not name.replace("_", "").isalnum():
            raise InvalidInput(f"invalid database name {name!r}")
        self._server_command(f"create database {name}")

    def drop_database(self, name: str) -> None:
        if not name.replace("_", "").isalnum():
            raise InvalidInput(f"invalid database name {name!r}")
        self._server_command(f"drop database {name}")

    def _log_tail(self, lines: int = 8) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return " | ".join(text.strip().splitlines()[-lines:])
