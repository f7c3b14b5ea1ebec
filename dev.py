#!/usr/bin/env python3
"""Set up and run PolicyKG with nothing but Python 3.11+.

    python3 dev.py run     # venv + install, build the graph, serve the API and pages
    python3 dev.py test    # venv + install (with test extras), run the whole test suite
    python3 dev.py bench   # venv + install, run the benchmarks
    python3 dev.py lint    # ruff + mypy

The virtual environment lives in ``.venv`` beside this file and is reinstalled
when ``pyproject.toml`` changes. Standard library only: this runs before any
dependency exists.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".policykg-installed"


def run(*cmd: str | Path, check: bool = True, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check, env=env).returncode


def ensure_venv(extras: str = "") -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 is
        sys.exit(f"PolicyKG needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """Best effort: the browser tests need Debian's chromium; they skip without it."""
    if shutil.which("chromium") or os.environ.get("POLICYKG_NO_APT"):
        return
    # fonts-wqy-microhei: a CJK font, so screenshots show Chinese labels, not boxes
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print("chromium not found and cannot be installed here: browser tests will skip")
        return
    quiet = {"DEBIAN_FRONTEND": "noninteractive", **os.environ}
    if run("apt-get", "update", "-qq", check=False, env=quiet) == 0:
        run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            "chromium",
            "fonts-wqy-microhei",
            check=False,
            env=quiet,
        )


def ensure_cypher_lint() -> None:
    """Best effort: Neo4j's Cypher linter (npm) for the static Neo4j check."""
    tools = ROOT / "tools" / "cypher-lint"
    lock = tools / "package-lock.json"
    if not lock.exists() or not shutil.which("npm"):
        return
    # reinstall when the pinned lock file changes, not only when node_modules is absent
    stamp = tools / "node_modules" / ".policykg-lock"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if run("npm", "ci", "--silent", "--no-audit", "--no-fund", "--prefix", tools, check=False) == 0:
        stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "help"
    rest = argv[2:]
    if command == "run":
        ensure_venv()
        run(BIN / "policykg", "build")
        os.execv(str(BIN / "policykg"), [str(BIN / "policykg"), "serve", *rest])
    if command == "test":
        ensure_venv("[dev]")
        ensure_chromium()
        ensure_cypher_lint()
        return run(BIN / "python", "-m", "pytest", *rest, check=False)
    if command == "bench":
        ensure_venv("[dev]")
        return run(BIN / "python", "-m", "benchmarks", *rest, check=False)
    if command == "lint":
        ensure_venv("[dev]")
        code = run(BIN / "ruff", "check", ".", check=False)
        code |= run(BIN / "ruff", "format", "--check", ".", check=False)
        code |= run(BIN / "mypy", check=False)
        return code
    print(__doc__)
    return 0 if command == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
