"""Every operation of the API's own OpenAPI schema, fuzzed with schemathesis.

The app runs in-process (ASGI) against the five-plan graph. Each operation gets
a small, derandomized batch of valid and of invalid requests; every response
must not be a server error and must match the schema the app publishes.
``POST /documents`` is fuzzed too, but never with the key: it must answer
401, 413 or 422 and write nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from policykg.api.main import create_app  # noqa: E402
from policykg.graph.store import GraphStore  # noqa: E402
from policykg.settings import Settings  # noqa: E402

KEY = "fuzz-key-never-sent-0123456789"
EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 10}
# Operations whose every call reads the whole graph: fewer examples keep the run short.
HEAVY = {
    "/export",
    "/analytics/communities",
    "/analytics/centrality",
    "/matrix",
    "/analytics/similarity",
    "/views/overview",
}


@pytest.fixture(scope="module")
def fuzz_app(corpus_store: GraphStore) -> Iterator[Any]:
    settings = Settings(_env_file=None, POLICYKG_API_KEY=KEY)  # type: ignore[call-arg]
    app = create_app(settings, store_factory=lambda: corpus_store)
    with TestClient(app):  # runs the lifespan, as a server would
        yield app


def _operations(app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ops = []
    for result in schema.get_all_operations():
        ops.append(result.ok())  # an Err here means the app publishes a broken schema
    return ops


def _fuzz(op: Any, mode: GenerationMode, examples: int) -> None:
    """Run one operation's batch; raises on the first failing example."""
    is_upload = op.method.upper() == "POST" and op.path == "/documents"

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        if is_upload:
            # whatever the fuzzer sends, the real key is never among it; a body
            # that is not a readable form at all is refused (400) before any
            # field, the key included, is looked at
            response = case.call()
            assert response.status_code in (400, 401, 413, 422), (
                f"POST /documents without the key answered {response.status_code}"
            )
            return
        case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

    run()


def test_every_operation_survives_fuzzing(fuzz_app: Any, corpus_store: GraphStore) -> None:
    before = corpus_store.counts()
    failures: list[str] = []
    operations = _operations(fuzz_app)
    assert len(operations) >= 20, "the schema lost its operations"
    for op in operations:
        for mode, examples in EXAMPLES.items():
            n = max(3, examples // 3) if op.path in HEAVY else examples
            try:
                _fuzz(op, mode, n)
            except Unsatisfiable:
                # no invalid value exists (e.g. a path parameter that is any string)
                assert mode is GenerationMode.NEGATIVE, f"{op.path}: no valid request"
            except Exception as e:  # collect all operations' failures, then report
                failures.append(f"{op.method.upper()} {op.path} [{mode.value}]: {e}"[:3000])
    assert corpus_store.counts() == before, "fuzzing changed the graph"
    assert not failures, "\n\n".join(failures)
