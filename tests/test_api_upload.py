"""POST /documents: API key, size limit, validation, and an all-or-nothing write.

Runs against this module's own empty database (``scratch_store``), so the
shared corpus graph is never written to.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.model import LEVELS
from policykg.resources import corpus_dir
from policykg.services import resolve_measure
from policykg.settings import Settings

KEY = "test-key-0123456789abcdef"
LIMIT = 300_000  # bytes; the five plans are 20-110 kB
FIELDS = {"jurisdiction": "testcity", "name": "测试市", "level": "prefecture_city"}


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive")


@pytest.fixture(scope="module")
def client(graph_server, scratch_store: GraphStore, archive_dir: Path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        POLICYKG_HOME=graph_server.settings.POLICYKG_HOME,
        POLICYKG_ARCHIVE_DIR=archive_dir,
        POLICYKG_API_KEY=KEY,
        POLICYKG_MAX_UPLOAD_BYTES=LIMIT,
    )
    with TestClient(create_app(settings, store_factory=lambda: scratch_store)) as c:
        yield c


def post(
    client: TestClient,
    content: bytes,
    key: str | None = KEY,
    filename: str = "plan.txt",
    **fields: Any,
) -> Any:
    headers = {"X-API-Key": key} if key is not None else {}
    return client.post(
        "/documents",
        files={"file": (filename, content, "text/plain")},
        data={**FIELDS, **fields},
        headers=headers,
    )


def assert_error(r: Any, status: int, code: str, *words: str) -> None:
    assert r.status_code == status, r.text[:500]
    body = r.json()
    assert set(body["error"]) == {"code", "message", "detail"} and body["error"]["code"] == code
    for w in words:
        assert w in body["error"]["message"]


def hohhot_bytes() -> bytes:
    return (corpus_dir() / "hohhot.txt").read_bytes()


def test_upload_needs_the_api_key(client: TestClient, scratch_store: GraphStore) -> None:
    before = scratch_store.counts()
    assert_error(post(client, hohhot_bytes(), key=None), 401, "unauthorized", "X-API-Key")
    assert_error(post(client, hohhot_bytes(), key="wrong"), 401, "unauthorized")
    assert scratch_store.counts() == before


def test_upload_over_the_limit_is_413(client: TestClient, scratch_store: GraphStore) -> None:
    before = scratch_store.counts()
    # a little over: passes the declared-length check, stopped while the upload is read
    assert_error(post(client, b"a" * (LIMIT + 1)), 413, "payload_too_large", str(LIMIT))
    # far over: refused on the Content-Length header alone
    assert_error(post(client, b"a" * (LIMIT + 100_000)), 413, "payload_too_large")
    assert scratch_store.counts() == before


@pytest.mark.parametrize(
    ("content", "fields", "word"),
    [
        (b"", {}, "empty"),
        (bytes(range(256)) * 8, {}, "binary"),
        (b"plan", {"level": "galaxy"}, "level"),
        (
            b"plan",
            {"jurisdiction": "Not An Id"},
            "jurisdiction 'Not An Id': must be a lowercase ascii slug of 2–64 characters",
        ),
        (
            b"plan",
            {"issued_on": "2022-13-45"},
            "issued_on '2022-13-45': must be a date written YYYY-MM-DD (month must be in 1..12)",
        ),
    ],
)
def test_failed_upload_leaves_the_graph_unchanged(
    client: TestClient,
    scratch_store: GraphStore,
    content: bytes,
    fields: dict[str, str],
    word: str,
) -> None:
    before = scratch_store.counts()
    r = post(client, content, **fields)
    assert_error(r, 422, "invalid_input")
    assert word in r.text
    assert scratch_store.counts() == before


def test_level_is_the_models_enum(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    form = spec["paths"]["/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]
    ref = form["schema"]["$ref"].rsplit("/", 1)[1]
    assert spec["components"]["schemas"][ref]["properties"]["level"]["enum"] == list(LEVELS)


def test_missing_form_field_is_422(client: TestClient) -> None:
    r = client.post(
        "/documents",
        files={"file": ("plan.txt", b"x", "text/plain")},
        data={"jurisdiction": "testcity"},
        headers={"X-API-Key": KEY},
    )
    assert_error(r, 422, "invalid_input", "name")


def test_upload_ingests_a_plan(
    client: TestClient, scratch_store: GraphStore, archive_dir: Path
) -> None:
    r = post(
        client,
        hohhot_bytes(),
        filename="hohhot.txt",
        jurisdiction="hohhot2",
        name="呼和浩特市",
        province="内蒙古自治区",
    )
    assert r.status_code == 201, r.text[:500]
    receipt = r.json()
    assert receipt["jurisdiction_id"] == "hohhot2"
    # hohhot.txt numbers at least 15 tasks (line 94: 15.加大知识产权质押融资工作力度)
    assert receipt["units"].get("task", 0) >= 15
    assert receipt["measures_adopted"] > 0 and receipt["targets"] >= 2
    doc = client.get(f"/documents/{receipt['id']}").json()
    assert doc["jurisdiction"] == {
        "id": "hohhot2",
        "name": "呼和浩特市",
        "level": "prefecture_city",
        "province": "内蒙古自治区",
    }
    assert doc["doc_number"] == "呼政发〔2022〕49号"
    adopters = client.get("/measures/pledge_financing/adopters").json()
    assert [j["id"] for j in adopters["adopters"]] == ["hohhot2"]
    assert receipt["outcome"] == "created" and receipt["source_format"] == "text"
    # the same plan again is a no-op that says so (200, not 201): nothing is added
    counts = scratch_store.counts()
    records = sorted((archive_dir / "records").iterdir())
    again = post(
        client,
        hohhot_bytes(),
        filename="hohhot.txt",
        jurisdiction="hohhot2",
        name="呼和浩特市",
        province="内蒙古自治区",
    )
    assert again.status_code == 200 and again.json()["id"] == receipt["id"]
    assert again.json()["outcome"] == "unchanged"
    assert scratch_store.counts() == counts
    assert sorted((archive_dir / "records").iterdir()) == records


def test_resolve_through_the_ontology_then_the_graph(
    client: TestClient, scratch_store: GraphStore
) -> None:
    # the bundled ontology answers first, whatever the graph holds
    for label in ("知识产权质押融资", "質押融資", "pledge_financing", "IP pledge financing"):
        assert resolve_measure(scratch_store, label) == "pledge_financing"
    # a measure the bundled ontology lacks is found by its labels in the graph,
    # in either script, but only by a whole label
    scratch_store.write(
        "merge_measures",
        rows=[
            {
                "id": "lunar_patents",
                "category": "creation",
                "clauses": [],
                "props": {
                    "label_zh": "月球专利",
                    "label_en": "lunar patents",
                    "labels_search": "lunar_patents\n月球专利\nlunar patents\n月面专利池",
                },
            }
        ],
    )
    assert resolve_measure(scratch_store, "月球專利") == "lunar_patents"
    assert resolve_measure(scratch_store, "Lunar Patents") == "lunar_patents"
    assert resolve_measure(scratch_store, "月面专利池") == "lunar_patents"
    with pytest.raises(NotFound, match="月球"):
        resolve_measure(scratch_store, "月球")
    assert client.get("/measures/月面專利池").json()["id"] == "lunar_patents"
