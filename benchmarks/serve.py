"""Serve the API for the benchmarks: ``python -m benchmarks.serve HOME DATABASE PORT``.

A separate process so its memory is measured on its own and the load
generator does not share its event loop. Binds 127.0.0.1 only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn

from policykg.api.main import create_app
from policykg.settings import Settings


def main(argv: list[str]) -> None:
    home, database, port = argv[1], argv[2], int(argv[3])
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        POLICYKG_HOME=Path(home),
        NEO4J_DATABASE=database,
        POLICYKG_DB_TIMEOUT=120,
    )
    uvicorn.run(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )


if __name__ == "__main__":
    main(sys.argv)
