"""What the browser tests share: Debian's Chromium via Playwright, and the app on loopback."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from policykg.api.main import create_app
from policykg.settings import Settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags this machine needs: without the background-networking ones Chromium
# tries Google's hosts at start and the closed network refuses them.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium, or a skip that says what is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served_app(graph_server: Any) -> Iterator[str]:
    """The app on a free loopback port (uvicorn in a thread), over the corpus database."""
    import uvicorn

    app = create_app(
        Settings(_env_file=None),  # type: ignore[call-arg]
        # its own connection: the app closes its store when it stops
        store_factory=lambda: graph_server.connect(graph_server.corpus_database),
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5):
                break
        except OSError:
            if time.monotonic() > deadline or not thread.is_alive():
                server.should_exit = True
                pytest.fail("the API did not start")
            time.sleep(0.2)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def guarded_page(
    browser: Any,
    allowed: tuple[str, ...],
    *,
    console_errors: bool = False,
    dialogs: bool = False,
    **options: Any,
) -> tuple[Any, Any, list[str], list[str]]:
    """A page that may only reach URLs starting with ``allowed``.

    Returns the context, the page, the requests it blocked and the script
    errors it saw (plus console errors and dialogs when asked: an ``alert()``
    would mean plan text ran as script). The caller closes the context.
    """
    context = browser.new_context(**options)
    blocked: list[str] = []
    errors: list[str] = []

    def gate(route: Any) -> None:
        url = route.request.url
        if url.startswith(allowed):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", gate)
    pg = context.new_page()
    pg.on("pageerror", lambda e: errors.append(str(e)))
    if console_errors:
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    if dialogs:

        def on_dialog(dialog: Any) -> None:
            errors.append(f"dialog: {dialog.message}")
            dialog.dismiss()

        pg.on("dialog", on_dialog)
    return context, pg, blocked, errors
