#!/usr/bin/env python3
"""Start (or stop) a second embedded ArcadeDB server to play "external Bolt server".

The test suite runs against any Bolt server named by ``NEO4J_URI`` (see
``tests/conftest.py``). This script gives you one without Docker, so the
external-server path can be exercised on any machine::

    eval "$(.venv/bin/python scripts/external_server.py start)"
    python3 dev.py test            # now against that server, embedded-only tests skipped
    .venv/bin/python scripts/external_server.py stop

``start`` prints ``export`` lines for the four ``NEO4J_*`` variables on stdout
(progress goes to stderr, so ``eval`` sees only the exports). The server runs
in its own home folder, apart from ``POLICYKG_HOME``, with a database of its
own, and keeps running after this script exits until ``stop``.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

from policykg.graph.embedded import ROOT_USER, EmbeddedServer

DEFAULT_HOME = Path(tempfile.gettempdir()) / "policykg-external"
DEFAULT_DATABASE = "external"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=["start", "stop", "env"])
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME, help=f"default {DEFAULT_HOME}")
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="database the server opens")
    parser.add_argument("--heap", default="1g", help="JVM max heap")
    args = parser.parse_args(argv)

    server = EmbeddedServer(args.home, args.database, start_timeout=300, heap=args.heap)
    if args.command == "stop":
        stopped = server.stop()
        print("stopped" if stopped else "was not running", file=sys.stderr)
        return 0
    if args.command == "start":
        print(f"starting an ArcadeDB server under {args.home} ...", file=sys.stderr)
        status = server.start()
    else:
        status = server.status()
        if not status.running:
            print(f"no server running under {args.home}: run `start`", file=sys.stderr)
            return 3
    env = {
        "NEO4J_URI": status.bolt_uri or "",
        "NEO4J_USERNAME": ROOT_USER,
        "NEO4J_PASSWORD": server.password(),
        "NEO4J_DATABASE": status.database or args.database,
    }
    for name, value in env.items():
        print(f"export {name}={shlex.quote(value)}")
    print(f"pid {status.pid}, log {status.log}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
