"""/health and the one error shape every failure shares."""

from __future__ import annotations

import socket

from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.store import GraphStore
from policykg.settings import Settings


def _settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nobody listens


def assert_error_shape(body: dict, code: str) -> None:  # type: ignore[type-arg]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_health_reports_the_embedded_server(corpus_store: GraphStore) -> None:
    app = create_app(_settings(), store_factory=lambda: corpus_store)
    with TestClient(app) as client:
        r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["server"]["kind"] == corpus_store.server.kind
    assert body["database"] == corpus_store.database


def test_health_is_503_with_a_clear_message_when_the_server_is_down() -> None:
    port = _dead_port()

    def factory() -> GraphStore:
        return GraphStore.connect(f"bolt://127.0.0.1:{port}", ("root", "x"), "db", timeout=3)

    with TestClient(create_app(_settings(), store_factory=factory)) as client:
        r = client.get("/health")
    assert r.status_code == 503
    assert_error_shape(r.json(), "graph_unavailable")
    assert "unavailable" in r.json()["error"]["message"]


def test_unknown_route_has_the_error_shape() -> None:
    with TestClient(create_app(_settings(), store_factory=lambda: None)) as client:  # type: ignore[arg-type,return-value]
        r = client.get("/no/such/thing")
    assert r.status_code == 404
    assert_error_shape(r.json(), "not_found")
    assert "/no/such/thing" in r.json()["error"]["message"]


def test_oversized_body_is_refused_before_it_is_read() -> None:
    settings = Settings(_env_file=None, POLICYKG_MAX_UPLOAD_BYTES=1000)  # type: ignore[call-arg]
    with TestClient(create_app(settings, store_factory=lambda: None)) as client:  # type: ignore[arg-type,return-value]
        r = client.post(
            "/documents",
            content=b"x" * 200_000,
            headers={"content-type": "application/octet-stream"},
        )
    assert r.status_code == 413
    assert_error_shape(r.json(), "payload_too_large")


def test_cors_is_closed_by_default() -> None:
    with TestClient(create_app(_settings(), store_factory=lambda: None)) as client:  # type: ignore[arg-type,return-value]
        r = client.options(
            "/health",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
    assert "access-control-allow-origin" not in r.headers
