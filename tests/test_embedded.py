"""The embedded server's lifecycle: start, status, stop, stale pid, secrets."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.graph.embedded import EmbeddedServer

pytestmark = pytest.mark.embedded


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A second embedded server with its own home, so stopping it is harmless."""
    server = EmbeddedServer(tmp_path_factory.mktemp("own-home"), "lifecycle", start_timeout=300)
    yield server
    server.stop()


def test_start_status_stop_leaves_no_process(own_server: EmbeddedServer) -> None:
    status = own_server.start()
    assert status.running and status.bolt_uri and status.bolt_uri.startswith("bolt://127.0.0.1:")
    pid = status.pid
    assert pid is not None
    # a second start is a no-op on the running server
    assert own_server.start().pid == pid
    assert own_server.stop() is True
    assert not own_server.status().running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert own_server.stop() is False


def test_password_file_is_private_and_not_logged(own_server: EmbeddedServer) -> None:
    own_server.start()
    mode = stat.S_IMODE(own_server.password_path.stat().st_mode)
    assert mode == 0o600
    password = own_server.password()
    assert len(password) >= 20
    assert password not in own_server.log_path.read_text(encoding="utf-8", errors="replace")
    own_server.stop()


def test_stale_pid_file_is_cleaned(own_server: EmbeddedServer) -> None:
    own_server.stop()
    # a pid that is certainly not our server: a short-lived process that has exited
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    own_server.home.mkdir(parents=True, exist_ok=True)
    own_server.pid_path.write_text(str(proc.pid))
    assert not own_server.status().running
    status = own_server.start()
    assert status.running and status.pid != proc.pid
    assert "stale" in status.note
    own_server.stop()


def test_killed_server_is_restarted(own_server: EmbeddedServer) -> None:
    first = own_server.start()
    own_server.kill()
    assert not own_server.status().running
    second = own_server.start()
    assert second.running and second.pid != first.pid
    own_server.stop()


def test_listens_on_loopback_only(own_server: EmbeddedServer) -> None:
    import psutil

    status = own_server.start()
    assert status.pid is not None
    listening = [
        c.laddr
        for c in psutil.Process(status.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening, "server has no listening socket"
    for addr in listening:
        assert addr.ip in ("127.0.0.1", "::1", "::ffff:127.0.0.1"), f"listens on {addr}"
    own_server.stop()


def test_home_holds_data_log_and_pid(own_server: EmbeddedServer) -> None:
    own_server.start()
    home: Path = own_server.home
    assert (home / "server.pid").exists() and (home / "server.log").exists()
    assert (home / "databases" / "lifecycle").is_dir()
    own_server.stop()
    assert not (home / "server.pid").exists()
