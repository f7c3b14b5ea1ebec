"""A benchmark run never leaves its embedded graph server behind.

A run starts its own server (a JVM of a gigabyte or more) in a temporary
folder and stops it in a ``finally``. Two things can skip that ``finally``:

* **a signal.** SIGTERM (what ``kill``, CI timeouts and ``systemd`` send) and
  SIGHUP (a closed terminal) end Python at once, ``finally`` blocks unrun.
  :func:`stop_on_signals` turns them into :class:`SystemExit`, which unwinds
  the stack like Ctrl-C does, so the server and the API child are stopped;
* **SIGKILL**, or a machine crash, which nothing can catch. Each run writes
  its own pid into its folder (:func:`claim`), and the next run stops the
  server of every earlier run whose benchmark process is gone
  (:func:`stop_stale_servers`); a run still going, or a folder that names no
  owner, is left alone.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import psutil

from policykg.graph.embedded import EmbeddedServer

#: The prefix of every run's temporary folder (its POLICYKG_HOME is ``<folder>/home``).
PREFIX = "policykg-bench-"
OWNER = "benchmark.pid"


def _exit_on(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def stop_on_signals(handler: Callable[[int, FrameType | None], None] = _exit_on) -> None:
    """Make SIGTERM and SIGHUP unwind the stack (``finally`` blocks run) instead of killing."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, handler)


def claim(folder: Path) -> None:
    """Mark ``folder`` as this process's run folder (its pid and start time)."""
    me = psutil.Process()
    (folder / OWNER).write_text(f"{me.pid} {me.create_time()!r}", encoding="utf-8")


def _owner_alive(folder: Path) -> bool:
    try:
        pid_text, started = (folder / OWNER).read_text(encoding="utf-8").split()
        pid, create_time = int(pid_text), float(started)
    except (OSError, ValueError):
        # No owner's pid: a run of a version without this check, or one that
        # has not written it yet. Nothing says it is over, so it is left alone.
        return True
    try:
        proc = psutil.Process(pid)
        # the same start time: the owner itself, not a later process given its pid
        return proc.status() != psutil.STATUS_ZOMBIE and proc.create_time() == create_time
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def stop_stale_servers(tmp: Path | None = None, say: Callable[[str], None] | None = None) -> int:
    """Stop the graph server of every earlier run whose benchmark process is gone.

    Args:
        tmp: where the run folders are (the system's temporary folder by default).
        say: where to report each server stopped.

    Returns:
        How many stale servers were stopped.
    """
    stopped = 0
    for folder in sorted((tmp or Path(tempfile.gettempdir())).glob(PREFIX + "*")):
        if not folder.is_dir() or folder.is_symlink() or _owner_alive(folder):
            continue
        home = folder / "home"
        if (home / "server.pid").exists() and EmbeddedServer(home, "bench").stop(timeout=30):
            stopped += 1
            if say is not None:
                say(f"stopped the graph server an interrupted run left in {home}")
        shutil.rmtree(folder, ignore_errors=True)
    return stopped


def main() -> None:
    """``python -m benchmarks.lifecycle``: stop stale benchmark servers now."""
    n = stop_stale_servers(say=lambda msg: print(msg, file=sys.stderr))
    print(f"{n} stale benchmark servers stopped")


if __name__ == "__main__":
    main()
