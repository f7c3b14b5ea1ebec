"""Open a :class:`GraphStore` from settings: the embedded server or an external one."""

from __future__ import annotations

from policykg.errors import GraphUnavailable
from policykg.graph.embedded import ROOT_USER, EmbeddedServer
from policykg.graph.store import GraphStore
from policykg.settings import Settings


def embedded_server(settings: Settings) -> EmbeddedServer:
    """The embedded server manager for these settings."""
    return EmbeddedServer(
        settings.POLICYKG_HOME,
        settings.NEO4J_DATABASE,
        start_timeout=settings.POLICYKG_DB_START_TIMEOUT,
        heap=settings.POLICYKG_JVM_HEAP,
    )


def open_store(settings: Settings, *, start: bool = True) -> GraphStore:
    """Connect to the configured graph server.

    With ``NEO4J_URI`` unset, the embedded server is started on demand (or,
    with ``start=False``, must already run).

    Raises:
        GraphUnavailable: the server is not running / not reachable.
    """
    if settings.embedded:
        server = embedded_server(settings)
        status = server.start() if start else server.status()
        if not status.running or not status.bolt_uri:
            raise GraphUnavailable(
                "the embedded graph server is not running (start it with `policykg db start`)"
            )
        return GraphStore.connect(
            status.bolt_uri,
            (ROOT_USER, server.password()),
            settings.NEO4J_DATABASE,
            timeout=settings.POLICYKG_DB_TIMEOUT,
        )
    password = settings.NEO4J_PASSWORD.get_secret_value() if settings.NEO4J_PASSWORD else ""
    assert settings.NEO4J_URI is not None
    return GraphStore.connect(
        settings.NEO4J_URI,
        (settings.NEO4J_USERNAME, password),
        settings.NEO4J_DATABASE,
        timeout=settings.POLICYKG_DB_TIMEOUT,
    )
