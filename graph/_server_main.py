"""Entry point of the embedded ArcadeDB server process.

Run by :mod:`policykg.graph.embedded` as ``python -m policykg.graph._server_main``;
never imported by the rest of the project. It starts ArcadeDB with its Bolt
plugin bound to loopback, makes sure the project's database exists (the server
opens only databases that exist), writes a state file the parent polls for
readiness, and stops cleanly on SIGTERM/SIGINT.

The root password is read from a 0600 file rather than argv or the environment
so that it never shows in ``ps`` output or in logs.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policykg-embedded-server")
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--bolt-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--heap", default="1g")
    args = parser.parse_args(argv)

    home: Path = args.home
    password = (home / "password").read_text(encoding="utf-8").strip()
    state_path = home / "server.json"

    import arcadedb_embedded as adb  # imported here: it starts a JVM

    server = adb.ArcadeDBServer(
        root_path=str(home),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": args.http_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": args.bolt_port,
            "mode": "production",
        },
        jvm_kwargs={"heap_size": args.heap},
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    server.start()
    try:
        server.create_database(args.database)
        version = adb.__version__ if hasattr(adb, "__version__") else "unknown"
        state = {
            "pid": os.getpid(),
            "bolt_port": args.bolt_port,
            "http_port": args.http_port,
            "database": args.database,
            "arcadedb_embedded": str(version),
        }
        tmp = state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(state_path)
        print(f"policykg embedded server ready: bolt://127.0.0.1:{args.bolt_port}", flush=True)
        while not stop.wait(1.0):
            pass
    finally:
        print("policykg embedded server stopping", flush=True)
        state_path.unlink(missing_ok=True)
        server.stop()
        print("policykg embedded server stopped", flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    # The databases are closed by now. A normal exit would wait for the JVM's
    # non-daemon threads, and the Bolt threads of clients still connected (an
    # API process) never end: `db stop` then hung until it fell back to SIGKILL.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
