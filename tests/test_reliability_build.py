"""A build killed half-way, then run again, gives the full graph.

The build runs in a child process that SIGKILLs itself in the middle of the
third plan's transaction (after its statements ran, before the commit): the
harshest interruption there is, and a deterministic one. The server must drop
the open transaction with its dead client; a second build must then give
exactly the graph of a clean build (the shared corpus graph).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from policykg.build import build
from policykg.exporters import export_bytes
from policykg.graph.store import GraphStore
from policykg.pipeline import Pipeline
from policykg.resources import corpus_dir

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from policykg.build import build
    from policykg.graph import writer
    from policykg.graph.store import GraphStore
    from policykg.pipeline import Pipeline
    from policykg.resources import corpus_dir

    uri, password_file, database = sys.argv[1:4]
    with open(password_file, encoding="utf-8") as f:
        password = f.read().strip()
    store = GraphStore.connect(uri, ("root", password), database, timeout=60)
    real, written = writer.write_document_tx, []

    def dying(tx, doc):
        real(tx, doc)
        written.append(doc.id)
        if len(written) == 3:
            print("killing myself inside", doc.id, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    writer.write_document_tx = dying
    build(store, Pipeline(), corpus_dir())
    """
)


def test_a_killed_build_run_again_gives_the_full_graph(
    graph_server: Any, scratch_store: GraphStore, corpus_store: GraphStore, pipeline: Pipeline
) -> None:
    server = graph_server.embedded
    if server is None:  # external server: the same check needs its credentials in a file
        pytest.skip("needs the embedded server's password file")
    status = server.status()
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(status.bolt_uri),
            str(server.password_path),
            scratch_store.database,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    assert "killing myself inside" in child.stdout
    # two plans committed; the third died with its transaction open
    docs = scratch_store.counts().get("Document", 0)
    assert docs == 2, f"{docs} documents after the kill"
    assert scratch_store.read("list_orphans") == []
    build(scratch_store, pipeline, corpus_dir())
    assert scratch_store.counts() == corpus_store.counts()
    assert json.loads(export_bytes(scratch_store, "json")) == json.loads(
        export_bytes(corpus_store, "json")
    )
