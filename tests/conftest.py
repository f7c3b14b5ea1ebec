"""Test fixtures: a real graph server, never a mock.

By default one embedded ArcadeDB server is started for the whole session in a
temporary ``POLICYKG_HOME`` and stopped at the end. With ``NEO4J_URI`` set
(plus ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE`` naming a
*disposable* database) the same tests run against that server instead; tests
marked ``embedded`` (start/stop, fault injection) are then skipped.

Databases: the five-plan corpus is built once into ``corpus`` and shared by all
read-only tests. Tests that write get ``scratch_store``: on the embedded server
a fresh database per test module; on an external server the one database is
emptied first and the corpus rebuilt afterwards.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from policykg.graph.embedded import ROOT_USER, EmbeddedServer
from policykg.graph.store import GraphStore
from policykg.settings import Settings

EXTERNAL_URI = os.environ.get("NEO4J_URI")
ARTIFACTS = Path(os.environ.get("POLICYKG_TEST_ARTIFACTS", "artifacts"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not EXTERNAL_URI:
        return
    skip = pytest.mark.skip(reason="needs the embedded server's lifecycle; NEO4J_URI is external")
    for item in items:
        if "embedded" in item.keywords:
            item.add_marker(skip)


@dataclass
class GraphServer:
    """How tests reach the graph server of this session."""

    settings: Settings
    embedded: EmbeddedServer | None
    corpus_database: str
    corpus_dirty: bool = True

    def connect(self, database: str) -> GraphStore:
        if self.embedded is not None:
            status = self.embedded.status()
            assert status.bolt_uri, "embedded server not running"
            return GraphStore.connect(
                status.bolt_uri, (ROOT_USER, self.embedded.password()), database, timeout=60
            )
        s = self.settings
        password = s.NEO4J_PASSWORD.get_secret_value() if s.NEO4J_PASSWORD else ""
        assert s.NEO4J_URI
        return GraphStore.connect(s.NEO4J_URI, (s.NEO4J_USERNAME, password), database, timeout=60)


@pytest.fixture(scope="session")
def graph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphServer]:
    if EXTERNAL_URI:
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        yield GraphServer(settings, None, settings.NEO4J_DATABASE)
        return
    home = tmp_path_factory.mktemp("policykg-home")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        POLICYKG_HOME=home,
        NEO4J_DATABASE="corpus",
    )
    server = EmbeddedServer(home, "corpus", start_timeout=300, heap="1g")
    server.start()
    try:
        yield GraphServer(settings, server, "corpus")
    finally:
        server.stop()


def _build_corpus(store: GraphStore) -> None:
    from policykg.build import build
    from policykg.pipeline import Pipeline
    from policykg.resources import corpus_dir

    store.write("delete_all")
    build(store, Pipeline(), corpus_dir())


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from policykg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def parsed_corpus(pipeline):  # type: ignore[no-untyped-def]
    """The five plans parsed, tagged and linked (no graph involved), by jurisdiction id."""
    from policykg.pipeline import corpus_entries
    from policykg.resources import corpus_dir

    return {
        entry.jurisdiction.id: pipeline.parse_file(path, entry)
        for entry, path in corpus_entries(corpus_dir())
    }


@pytest.fixture(scope="module")
def corpus_store(graph_server: GraphServer) -> Iterator[GraphStore]:
    """The five-plan graph; built on first use (and again after an external wipe)."""
    store = graph_server.connect(graph_server.corpus_database)
    try:
        if graph_server.corpus_dirty:
            _build_corpus(store)
            graph_server.corpus_dirty = False
        yield store
    finally:
        store.close()


@pytest.fixture()
def cli_corpus(
    corpus_store: GraphStore, graph_server: GraphServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GraphStore]:
    """Point the CLI's settings (the environment) at the test server's corpus database.

    The commands open their store from the settings as they do for a user, so
    they reach the real test server; nothing of theirs is replaced.
    """
    from policykg.settings import get_settings

    s = graph_server.settings
    monkeypatch.setenv("POLICYKG_HOME", str(s.POLICYKG_HOME))
    monkeypatch.setenv("NEO4J_DATABASE", graph_server.corpus_database)
    if s.NEO4J_URI:
        monkeypatch.setenv("NEO4J_URI", s.NEO4J_URI)
    get_settings.cache_clear()
    yield corpus_store
    get_settings.cache_clear()


_scratch_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def scratch_store(graph_server: GraphServer) -> Iterator[GraphStore]:
    """An empty database this module may write to."""
    if graph_server.embedded is not None:
        name = f"scratch{next(_scratch_numbers)}"
        graph_server.embedded.create_database(name)
        store = graph_server.connect(name)
        try:
            yield store
        finally:
            store.close()
            graph_server.embedded.drop_database(name)
        return
    store = graph_server.connect(graph_server.corpus_database)
    store.write("delete_all")
    graph_server.corpus_dirty = True
    try:
        yield store
    finally:
        store.close()
        # A fresh connection: an app under test closes the store it was given.
        # The flag again: a corpus_store set up meanwhile (same module) cleared it.
        with graph_server.connect(graph_server.corpus_database) as cleanup:
            cleanup.write("delete_all")
        graph_server.corpus_dirty = True


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
