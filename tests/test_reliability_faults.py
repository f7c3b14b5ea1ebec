"""Faults of the graph server: stopped, restarted, paused, killed, stale files, ports taken.

Every test here uses its OWN embedded server in a temporary home (never the
session's shared one), and drives it the way an operator would: through the
real ``policykg db`` CLI where that is practical.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import psutil
import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.connect import embedded_server, open_store
from policykg.graph.embedded import EmbeddedServer
from policykg.settings import Settings

pytestmark = pytest.mark.embedded

DB_TIMEOUT = 3.0


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        POLICYKG_HOME=tmp_path_factory.mktemp("faults-home"),
        NEO4J_DATABASE="faults",
        POLICYKG_DB_TIMEOUT=DB_TIMEOUT,
        POLICYKG_DB_START_TIMEOUT=300,
    )


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[EmbeddedServer]:
    srv = embedded_server(settings)
    yield srv
    pid = srv.status().pid
    if pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGCONT)
    srv.stop()


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """The real ``policykg`` CLI against this module's home."""
    env = {
        **os.environ,
        "POLICYKG_HOME": str(settings.POLICYKG_HOME),
        "NEO4J_DATABASE": settings.NEO4J_DATABASE,
        "POLICYKG_DB_START_TIMEOUT": "300",
    }
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "policykg.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=360,
    )


def ping(settings: Settings) -> None:
    with open_store(settings, start=False) as store:
        store.ping()


def _listen(port: int) -> socket.socket:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen()
    return s


def test_db_start_survives_a_stale_pid_file_and_its_ports_in_use(
    settings: Settings, server: EmbeddedServer
) -> None:
    first = cli(settings, "db", "start")
    assert first.returncode == 0, first.stderr
    old = server.status()
    assert old.running and old.bolt_uri and old.http_port
    old_bolt = int(old.bolt_uri.rsplit(":", 1)[1])
    assert cli(settings, "db", "stop").returncode == 0
    # What a crash leaves behind: a pid file naming a process that is gone, the
    # state file with the old ports, and (here) someone else now on those ports.
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    server.pid_path.write_text(str(gone.pid))
    server.state_path.write_text(
        json.dumps({"bolt_port": old_bolt, "http_port": old.http_port, "database": "faults"})
    )
    squatters = [_listen(old_bolt), _listen(old.http_port)]
    try:
        assert not server.status().running  # the answering squatter does not fool status
        started = cli(settings, "db", "start")
        assert started.returncode == 0, started.stderr
        assert "stale pid file" in started.stdout
        new = server.status()
        assert new.running and new.pid != gone.pid and new.bolt_uri
        assert int(new.bolt_uri.rsplit(":", 1)[1]) not in (old_bolt, old.http_port)
        ping(settings)
    finally:
        for s in squatters:
            s.close()
    password = server.password()
    for text in (first.stdout, first.stderr, started.stdout, started.stderr):
        assert password not in text


def test_db_start_after_the_server_was_killed(settings: Settings, server: EmbeddedServer) -> None:
    before = server.start()
    assert before.pid is not None
    os.kill(before.pid, signal.SIGKILL)
    psutil.Process(before.pid).wait(30)
    status = cli(settings, "db", "status")
    assert status.returncode == 3, status.stdout  # "not running", not a traceback
    started = cli(settings, "db", "start")
    assert started.returncode == 0, started.stderr
    after = server.status()
    assert after.running and after.pid != before.pid
    ping(settings)


def test_server_listens_on_loopback_and_keeps_its_password_private(server: EmbeddedServer) -> None:
    status = server.start()
    assert status.pid is not None and status.bolt_uri and status.http_port
    # both of the ports the server was given listen, on loopback only
    listening = {
        (c.laddr.ip, c.laddr.port)
        for c in psutil.Process(status.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    }
    bolt_port = int(status.bolt_uri.rsplit(":", 1)[1])
    assert {port for _, port in listening} >= {bolt_port, status.http_port}
    assert {ip for ip, _ in listening} <= {"127.0.0.1", "::1", "::ffff:127.0.0.1"}, listening
    password = server.password()
    proc = psutil.Process(status.pid)
    family = [proc, *proc.children(recursive=True)]
    for p in family:
        assert not any(password in arg for arg in p.cmdline()), "password in argv"
        assert not any(password in v for v in p.environ().values()), "password in environment"
    assert password not in server.log_path.read_text(encoding="utf-8", errors="replace")
    for log in (server.home / "log").glob("*"):
        if log.is_file():
            assert password not in log.read_text(encoding="utf-8", errors="replace"), log


def _client(settings: Settings) -> TestClient:
    # start=False: the API reconnects to a server someone else (re)starts; it
    # never starts one itself in these tests.
    app = create_app(settings, store_factory=lambda: open_store(settings, start=False))
    return TestClient(app)


def test_api_answers_503_while_the_server_is_down_and_recovers(
    settings: Settings, server: EmbeddedServer
) -> None:
    status = server.start()
    assert status.pid is not None
    with open_store(settings, start=False) as store:
        store.write(
            "merge_jurisdictions",
            rows=[
                {"id": "faultcity", "name": "故障市", "level": "prefecture_city", "province": None}
            ],
        )
        counts = store.counts()
    with _client(settings) as client:
        assert client.get("/health").status_code == 200  # the API now holds a Bolt connection
        # A clean stop while a client is connected: the server must exit on SIGTERM
        # (it used to wait forever for the client's Bolt threads, until SIGKILL).
        proc = psutil.Process(status.pid)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except psutil.TimeoutExpired:
            pytest.fail("the server did not exit on SIGTERM while a client was connected")
        server.stop()  # clears the pid and state files, as `db stop` would
        for path in ("/health", "/jurisdictions", "/health"):
            r = client.get(path)
            assert r.status_code == 503, r.text
            error = r.json()["error"]
            assert error["code"] == "graph_unavailable"
            assert "graph server" in error["message"]
        # the researchers' pages: a readable HTML page, not the API's JSON
        for path, words in (
            ("/", "图谱数据库暂时无法访问，请稍后再试。"),
            ("/pages/jurisdictions/faultcity", "图谱数据库暂时无法访问"),
            ("/pages/measures/质押融资?lang=en", "The graph database cannot be reached right now"),
        ):
            r = client.get(path)
            assert r.status_code == 503, r.text[:300]
            assert r.headers["content-type"].startswith("text/html")
            assert r.headers["retry-after"] == "30"
            assert words in r.text and '<p class="error" role="alert">' in r.text
            assert "Traceback" not in r.text and "bolt://" not in r.text
        server.start()  # new ports: the API must find them by itself
        r = client.get("/health")
        assert r.status_code == 200, r.text
        assert client.get("/jurisdictions").status_code == 200
        assert client.get("/pages/jurisdictions/faultcity").status_code == 200
    with open_store(settings, start=False) as store:
        assert store.counts() == counts  # the clean stop kept what was written


def _get_in_thread(client: TestClient, path: str, limit: float) -> Any:
    """GET ``path``; fail (instead of hanging the test run) if it takes over ``limit`` s."""
    box: dict[str, Any] = {}
    t = threading.Thread(target=lambda: box.setdefault("r", client.get(path)), daemon=True)
    t.start()
    t.join(limit)
    assert not t.is_alive(), f"GET {path} hung on a paused graph server"
    return box["r"]


def _wait_stopped(pid: int) -> None:
    # SIGSTOP reaches the JVM's threads asynchronously; a request sent at once
    # may still be answered. Wait until the kernel reports the process stopped.
    proc = psutil.Process(pid)
    for _ in range(100):
        if proc.status() == psutil.STATUS_STOPPED:
            return
        threading.Event().wait(0.05)
    raise AssertionError(f"process {pid} did not stop")


def test_a_paused_server_gives_503_not_a_hung_request(
    settings: Settings, server: EmbeddedServer
) -> None:
    status = server.start()
    assert status.pid is not None
    # generous: the deadline is DB_TIMEOUT per graph call; a hang is unbounded
    limit = 3 * DB_TIMEOUT + 10
    with _client(settings) as client:
        assert client.get("/health").status_code == 200
        os.kill(status.pid, signal.SIGSTOP)
        _wait_stopped(status.pid)
        try:
            for path in ("/health", "/jurisdictions"):
                r = _get_in_thread(client, path, limit)
                assert r.status_code == 503, r.text
                assert "did not answer" in r.json()["error"]["message"] or (
                    "unavailable" in r.json()["error"]["message"]
                )
        finally:
            os.kill(status.pid, signal.SIGCONT)
        # back by itself once the server runs again
        for _ in range(20):
            r = _get_in_thread(client, "/health", limit)
            if r.status_code == 200:
                break
        assert r.status_code == 200, r.text
