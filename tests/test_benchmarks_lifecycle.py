"""An interrupted benchmark run does not leave its embedded graph server running.

SIGTERM makes the run unwind and stop its server; after a SIGKILL (which
nothing catches) the next run finds the orphaned server by the dead owner pid
in its folder and stops it. Real processes and a real server throughout.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from benchmarks import lifecycle
from policykg.graph.embedded import EmbeddedServer

pytestmark = [pytest.mark.embedded, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]


def _wait_for(predicate, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _server_pid(tmp: Path) -> int | None:
    for pid_file in tmp.glob(f"{lifecycle.PREFIX}*/home/server.pid"):
        try:
            return int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
    return None


def test_sigterm_stops_the_runs_server(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("NEO4J_URI", None)
    run = subprocess.Popen(
        [sys.executable, "-m", "benchmarks", "--sizes", "5", "--quick", "--only", "query",
         "--out", str(tmp_path / "results")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(lambda: _server_pid(tmp_path) is not None, 300, "the run's server")
        pid = _server_pid(tmp_path)
        assert pid is not None
        _wait_for(lambda: any(tmp_path.glob(f"{lifecycle.PREFIX}*/home/server.json")), 300, "ready")
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=180)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 128 + signal.SIGTERM, err[-2000:]
    assert "stop the embedded server" in err
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert list(tmp_path.glob(f"{lifecycle.PREFIX}*")) == []  # its folder is gone too


def test_the_next_run_stops_the_server_of_a_killed_one(tmp_path: Path) -> None:
    # a run folder whose owner was SIGKILLed: a pid that no longer exists
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f"{lifecycle.PREFIX}killed"
    (orphan / "home").mkdir(parents=True)
    (orphan / lifecycle.OWNER).write_text(f"{dead.pid} 1.0")
    server = EmbeddedServer(orphan / "home", "bench", start_timeout=300)
    status = server.start()
    assert status.running and status.pid is not None
    # a run still going (this test process owns it) and a folder naming no owner stay
    alive = tmp_path / f"{lifecycle.PREFIX}running"
    alive.mkdir()
    lifecycle.claim(alive)
    unknown = tmp_path / f"{lifecycle.PREFIX}unknown"
    unknown.mkdir()
    try:
        said: list[str] = []
        assert lifecycle.stop_stale_servers(tmp_path, said.append) == 1
        assert said == [f"stopped the graph server an interrupted run left in {orphan / 'home'}"]
        assert not psutil.pid_exists(status.pid) or (
            psutil.Process(status.pid).status() == psutil.STATUS_ZOMBIE
        )
        assert not orphan.exists() and alive.exists() and unknown.exists()
    finally:
        server.stop()
