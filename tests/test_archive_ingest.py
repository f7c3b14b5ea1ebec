"""Nothing lost: every source archived, every version known, the graph rebuilt from the archive.

Against the real graph server, on this module's own database. The plans are
the bundled five, two short plans without a title that are both saved as
``plan.txt``, and the final text of Ningbo's 征求意见稿 (the bundled
``ningbo.txt`` without its covering notice and its ``(征求意见稿)`` line: the
same title without the marker, status final).
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

from policykg import cli, services
from policykg.api.main import create_app
from policykg.archive import Archive, export_archive, import_archive
from policykg.build import build, ingest
from policykg.errors import InvalidInput
from policykg.exporters import export_bytes
from policykg.graph.store import GraphStore
from policykg.graph.writer import write_document
from policykg.model import Document, ManifestEntry
from policykg.ontology.vocab import PKG
from policykg.pipeline import Pipeline
from policykg.rdf_export import document_iri
from policykg.rebuild import rebuild
from policykg.resources import corpus_dir
from policykg.services.dataset import validate_dataset
from policykg.settings import Settings, get_settings

NINGBO = {"id": "ningbo", "name": "宁波市", "level": "sub_provincial_city"}
TESTCITY = {"id": "testcity", "name": "测试市", "level": "county"}
NINGBO_DRAFT = (corpus_dir() / "ningbo.txt").read_bytes()
TITLE = "关于全面加强知识产权工作的实施意见"


def _final_text() -> bytes:
    lines = NINGBO_DRAFT.decode("utf-8").split("\n")
    marker = lines.index("(征求意见稿)")
    assert lines[marker - 2] == TITLE, "ningbo.txt no longer has its title above the marker"
    return "\n".join(lines[marker - 2 : marker] + lines[marker + 1 :]).encode("utf-8")


NINGBO_FINAL = _final_text()
# two plans without a title line, both saved as plan.txt
UNTITLED_A = (
    "一、总体要求\n推进知识产权质押融资，建设知识产权保护中心。\n二、重点任务\n1.开展专利导航。\n"
)
UNTITLED_B = "一、总体要求\n加强地理标志保护。\n二、重点任务\n1.培育知识产权服务机构。\n"


def entry(jurisdiction: dict[str, str], file: str = "plan.txt", **fields: Any) -> ManifestEntry:
    return ManifestEntry.model_validate({"file": file, "jurisdiction": jurisdiction, **fields})


def export(store: GraphStore) -> Any:
    return json.loads(export_bytes(store, "json"))


def doc_rows(store: GraphStore) -> dict[str, Any]:
    return {r["id"]: r for r in store.read("list_document_sources", jurisdiction_id=None)}


@pytest.fixture()
def graph(scratch_store: GraphStore) -> GraphStore:
    scratch_store.write("delete_all")
    return scratch_store


# --- identity ----------------------------------------------------------------------------


def test_two_untitled_plans_both_named_plan_txt_are_two_documents(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    a = ingest(graph, pipeline, UNTITLED_A.encode(), entry(TESTCITY), archive)
    b = ingest(graph, pipeline, UNTITLED_B.encode(), entry(TESTCITY), archive)
    assert a.title is None and b.title is None  # neither has a title line
    assert a.id != b.id and (a.outcome, b.outcome) == ("created", "created")
    rows = doc_rows(graph)
    assert sorted(rows) == sorted([a.id, b.id])
    assert [rows[i]["superseded_by"] for i in (a.id, b.id)] == [None, None]  # two plans
    assert {r.document_id for r in archive.records()} == {a.id, b.id}
    units = {d: graph.read("count_document_units", document_id=d)[0]["units"] for d in rows}
    assert units == {a.id: 3, b.id: 3}  # 一、 二、 and 1. of each, kept apart


def test_the_same_bytes_again_are_a_no_op_that_says_so(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    first = ingest(graph, pipeline, UNTITLED_A.encode(), entry(TESTCITY), archive)
    counts, data, records = graph.counts(), export(graph), archive.record_files()
    again = ingest(graph, pipeline, UNTITLED_A.encode(), entry(TESTCITY), archive)
    assert (again.id, again.outcome) == (first.id, "unchanged")
    assert (graph.counts(), export(graph), archive.record_files()) == (counts, data, records)
    # the same bytes under another file name: still one document, written again and recorded
    renamed = ingest(graph, pipeline, UNTITLED_A.encode(), entry(TESTCITY, "copy.txt"), archive)
    assert (renamed.id, renamed.outcome) == (first.id, "updated")
    assert graph.counts() == counts and len(archive.record_files()) == len(records) + 1
    assert [d["source_file"] for d in export(graph)["documents"]] == ["copy.txt"]


# --- versions ----------------------------------------------------------------------------


def _adopted(doc: Document) -> set[str]:
    return {t.measure_id for u in doc.units for t in u.measures if t.adoption}


@pytest.mark.parametrize("order", ["draft first", "final first"])
def test_a_draft_and_its_final_give_one_current_version(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path, order: str
) -> None:
    archive = Archive(tmp_path / "archive")
    plans = [(NINGBO_DRAFT, "ningbo.txt"), (NINGBO_FINAL, "ningbo-final.txt")]
    if order == "final first":
        plans.reverse()
    summaries = {f: ingest(graph, pipeline, raw, entry(NINGBO, f), archive) for raw, f in plans}
    draft, final = summaries["ningbo.txt"], summaries["ningbo-final.txt"]
    assert (draft.title, final.title) == (f"{TITLE}（征求意见稿）", TITLE)
    rows = doc_rows(graph)
    assert {i: r["superseded_by"] for i, r in rows.items()} == {draft.id: final.id, final.id: None}
    last = summaries[plans[-1][1]]
    assert (last.superseded_by, last.supersedes) == (
        (None, [draft.id]) if last is final else (final.id, [])
    )
    # current answers read the final only
    final_doc = pipeline.parse(NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt"))
    adopted = {r["measure_id"] for r in graph.read("list_adoptions_of", ids=["ningbo"])}
    assert adopted == _adopted(final_doc)
    j = services.jurisdiction(graph, "ningbo")
    kinds: dict[str, int] = {}
    for u in final_doc.units:
        kinds[u.kind] = kinds.get(u.kind, 0) + 1
    assert j.counts.units == kinds and j.counts.targets == len(final_doc.targets)
    assert [d.id for d in j.current_documents] == [final.id]
    hits = services.search(graph, "知识产权")
    assert hits and {h.document_id for h in hits} == {final.id}
    coverage = services.coverage(graph, "C13")
    assert {u.document_id for c in coverage.implementing for u in c.units} == {final.id}
    # ... while the draft stays readable and exportable
    assert services.document(graph, draft.id).superseded_by == final.id
    dataset = export(graph)
    validate_dataset(dataset)
    assert {d["id"]: d["superseded_by"] for d in dataset["documents"]} == {
        draft.id: final.id,
        final.id: None,
    }


def test_the_user_says_a_plan_replaces_another(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    a = ingest(graph, pipeline, UNTITLED_A.encode(), entry(TESTCITY), archive)
    b = ingest(graph, pipeline, UNTITLED_B.encode(), entry(TESTCITY, replaces=a.id), archive)
    assert (b.supersedes, doc_rows(graph)[a.id]["superseded_by"]) == ([a.id], b.id)
    # a replaces naming no document of the jurisdiction is refused before anything is kept
    records = archive.record_files()
    with pytest.raises(InvalidInput, match=r"replaces 'testcity-000000000000': jurisdiction"):
        ingest(
            graph,
            pipeline,
            "一、总体要求\n另一个方案。\n".encode(),
            entry(TESTCITY, replaces="testcity-000000000000"),
            archive,
        )
    assert archive.record_files() == records and len(doc_rows(graph)) == 2


def test_pages_show_the_versions_and_mark_the_superseded_one(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path, graph_server: Any
) -> None:
    archive = Archive(tmp_path / "archive")
    draft = ingest(graph, pipeline, NINGBO_DRAFT, entry(NINGBO, "ningbo.txt"), archive)
    final = ingest(graph, pipeline, NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt"), archive)
    settings = Settings(_env_file=None, POLICYKG_HOME=graph_server.settings.POLICYKG_HOME)  # type: ignore[call-arg]
    # the app closes the store it was given when it stops: its own connection, then
    app = create_app(settings, store_factory=lambda: graph_server.connect(graph.database))
    with TestClient(app) as client:
        page = client.get("/pages/jurisdictions/ningbo").text
        # the current plan in full; the draft as a version with a link to its own page
        assert f'id="doc-{final.id}"' in page and f'id="doc-{draft.id}"' not in page
        assert f'href="/pages/documents/{draft.id}"' in page
        assert "已被取代" in page and "现行版本" in page
        old = client.get(f"/pages/documents/{draft.id}")
        assert old.status_code == 200
        assert "此版本已被取代" in old.text and f'href="/pages/documents/{final.id}"' in old.text
        assert f'id="doc-{draft.id}"' in old.text  # its text stays readable
        home = client.get("/?lang=en").text
        assert f"{TITLE}（征求意见稿）" not in home and "+ 1 earlier versions" in home
        api = client.get("/jurisdictions/ningbo").json()
        assert {d["id"]: d["superseded_by"] for d in api["documents"]} == {
            draft.id: final.id,
            final.id: None,
        }


def test_every_export_carries_provenance_and_versions(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    draft = ingest(graph, pipeline, NINGBO_DRAFT, entry(NINGBO, "ningbo.txt"), archive)
    final = ingest(graph, pipeline, NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt"), archive)
    # json: the contract, with source_format, source_url and superseded_by
    documents = {
        d["id"]: (d["source_format"], d["source_url"], d["superseded_by"])
        for d in export(graph)["documents"]
    }
    assert documents == {draft.id: ("text", None, final.id), final.id: ("text", None, None)}
    # csv: one row per unit, with its plan's provenance and version
    rows = list(csv.DictReader(io.StringIO(export_bytes(graph, "csv").decode("utf-8-sig"))))
    by_doc = {r["document_id"]: (r["source_format"], r["superseded_by"]) for r in rows}
    assert by_doc == {draft.id: ("text", final.id), final.id: ("text", "")}
    # turtle: Dublin Core's isReplacedBy / replaces between the two plans
    g = Graph().parse(data=export_bytes(graph, "turtle"), format="turtle")
    assert (document_iri(draft.id), DCTERMS.isReplacedBy, document_iri(final.id)) in g
    assert (document_iri(final.id), DCTERMS.replaces, document_iri(draft.id)) in g
    assert (document_iri(final.id), PKG.sourceFormat, Literal("text")) in g
    # graphml: node attributes and a SUPERSEDED_BY edge
    network = nx.read_graphml(io.BytesIO(export_bytes(graph, "graphml")))
    assert network.nodes[f"document:{draft.id}"]["superseded_by"] == final.id
    assert network.nodes[f"document:{final.id}"]["source_format"] == "text"
    assert network.edges[f"document:{draft.id}", f"document:{final.id}"]["type"] == "SUPERSEDED_BY"


# --- rebuild -------------------------------------------------------------------------------


def populate(store: GraphStore, pipeline: Pipeline, archive: Archive) -> None:
    """The bundled five, two untitled plan.txt, and Ningbo's final (its draft then superseded)."""
    store.write("delete_all")
    build(store, pipeline, corpus_dir(), archive=archive)
    ingest(store, pipeline, UNTITLED_A.encode(), entry(TESTCITY), archive)
    ingest(store, pipeline, UNTITLED_B.encode(), entry(TESTCITY), archive)
    ingest(store, pipeline, NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt"), archive)


def test_reset_then_rebuild_restores_every_document_with_the_same_ids(
    graph: GraphStore,
    pipeline: Pipeline,
    tmp_path: Path,
    graph_server: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = Archive(tmp_path / "archive")
    populate(graph, pipeline, archive)
    ids, counts, data = sorted(doc_rows(graph)), graph.counts(), export(graph)
    assert len(ids) == 8 and counts["Jurisdiction"] == 6
    # the commands, as a user runs them
    s = graph_server.settings
    env = {
        "POLICYKG_HOME": str(s.POLICYKG_HOME),
        "NEO4J_DATABASE": graph.database,
        "POLICYKG_ARCHIVE_DIR": str(archive.root),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        asked = runner.invoke(cli.app, ["db", "reset"], input="n\n")
        assert asked.exit_code != 0 and graph.counts() == counts  # nothing deleted
        assert f"The source archive {archive.root} is kept" in asked.output
        done = runner.invoke(cli.app, ["db", "reset", "--yes"])
        assert done.exit_code == 0 and graph.counts() == {}
        assert len(archive.records()) == 8  # five bundled, three ingested
        rebuilt = runner.invoke(cli.app, ["rebuild", "--json"])
        assert rebuilt.exit_code == 0, rebuilt.output
    finally:
        get_settings.cache_clear()
    report = json.loads(rebuilt.output)
    assert sorted(d["id"] for d in report["documents"]) == ids
    assert (report["removed"], report["unarchived"], report["failed"]) == ([], [], [])
    assert sorted(doc_rows(graph)) == ids
    assert graph.counts() == counts
    assert export(graph) == data
    # once more: nothing changes
    rebuild(graph, pipeline, archive)
    assert graph.counts() == counts and export(graph) == data


def test_rebuild_drops_stale_ids_and_keeps_plans_it_cannot_derive(
    graph: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    archive = Archive(tmp_path / "archive")
    populate(graph, pipeline, archive)
    counts, data = graph.counts(), export(graph)
    # hohhot written under the id an older version gave it (title hash): same source bytes
    hohhot_j = {"id": "hohhot", "name": "呼和浩特市", "level": "prefecture_city"}
    hohhot = pipeline.parse((corpus_dir() / "hohhot.txt").read_bytes(), entry(hohhot_j))
    old = Document.model_validate_json(
        hohhot.model_dump_json().replace(hohhot.id, "hohhot-b749a920")
    )
    write_document(graph, old)
    # a plan ingested before the archive existed: its bytes are nowhere
    lost = pipeline.parse("一、总体要求\n推进商标品牌建设。\n".encode(), entry(TESTCITY, "old.txt"))
    write_document(graph, lost)
    report = rebuild(graph, pipeline, archive)
    assert report.removed == ["hohhot-b749a920"]
    assert report.unarchived == [lost.id]  # kept, and said so
    assert lost.id in doc_rows(graph)
    graph.write("delete_document", document_id=lost.id)
    rebuild(graph, pipeline, archive)
    assert graph.counts() == counts and export(graph) == data
    # an ingest of a source the graph holds under an older id takes that document's place
    write_document(graph, old)
    ingest(graph, pipeline, (corpus_dir() / "hohhot.txt").read_bytes(), entry(hohhot_j), archive)
    assert "hohhot-b749a920" not in doc_rows(graph) and hohhot.id in doc_rows(graph)


@pytest.fixture()
def second_store(graph_server: Any) -> Iterator[GraphStore]:
    if graph_server.embedded is None:
        pytest.skip("needs a second database on the embedded server")
    graph_server.embedded.create_database("archive2")
    store = graph_server.connect("archive2")
    try:
        yield store
    finally:
        store.close()
        graph_server.embedded.drop_database("archive2")


@pytest.mark.embedded
def test_archive_export_then_import_elsewhere_rebuilds_an_equal_graph(
    graph: GraphStore, second_store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    here = Archive(tmp_path / "home1" / "archive")
    populate(graph, pipeline, here)
    backup = tmp_path / "policykg-archive.tar"
    export_archive(here, backup)
    there = Archive(tmp_path / "home2" / "archive")
    report = import_archive(there, backup, max_object_bytes=20 * 1024 * 1024)
    assert (report.objects_added, report.records_added) == (8, 8)
    rebuild(second_store, pipeline, there)
    assert sorted(doc_rows(second_store)) == sorted(doc_rows(graph))
    assert second_store.counts() == graph.counts()
    assert export(second_store) == export(graph)


# --- faults: a kill at each stage of an ingest ---------------------------------------------

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from policykg import build
    from policykg.archive import store as archive_store
    from policykg.graph import writer
    from policykg.graph.store import GraphStore
    from policykg.model import ManifestEntry
    from policykg.pipeline import Pipeline
    from policykg.sources import Source

    uri, password_file, database, archive_dir, plan, stage = sys.argv[1:7]
    password = Path(password_file).read_text(encoding="utf-8").strip()
    store = GraphStore.connect(uri, ("root", password), database, timeout=60)

    def die(where):
        print("killing myself", where, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    def after(real, where):
        def wrapped(*args, **kwargs):
            result = real(*args, **kwargs)
            die(where)
            return result
        return wrapped

    if stage == "archived":
        archive_store.Archive.add = after(archive_store.Archive.add, "after archiving")
    elif stage == "in-transaction":
        writer.write_document_tx = after(writer.write_document_tx, "inside the transaction")
    elif stage == "committed":
        build.write_document = after(build.write_document, "after the commit")
    entry = ManifestEntry.model_validate(
        {"file": "ningbo-final.txt",
         "jurisdiction": {"id": "ningbo", "name": "宁波市", "level": "sub_provincial_city"}}
    )
    source = Source(Path(plan).read_bytes(), entry, "file")
    build.ingest_source(store, Pipeline(), source, archive_store.Archive(Path(archive_dir)))
    print("not killed", flush=True)
    """
)


@pytest.mark.embedded
@pytest.mark.parametrize("stage", ["archived", "in-transaction", "committed"])
def test_a_kill_at_each_stage_of_an_ingest_then_rebuild_equals_a_clean_run(
    graph: GraphStore,
    second_store: GraphStore,
    pipeline: Pipeline,
    tmp_path: Path,
    graph_server: Any,
    stage: str,
) -> None:
    # the clean run: the bundled five, then Ningbo's final
    clean = Archive(tmp_path / "clean")
    second_store.write("delete_all")
    build(second_store, pipeline, corpus_dir(), archive=clean)
    ingest(second_store, pipeline, NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt"), clean)
    # the same, with the ingest killed
    archive = Archive(tmp_path / "archive")
    build(graph, pipeline, corpus_dir(), archive=archive)
    plan = tmp_path / "ningbo-final.txt"
    plan.write_bytes(NINGBO_FINAL)
    server = graph_server.embedded
    args = [str(server.status().bolt_uri), str(server.password_path), graph.database]
    child = subprocess.run(
        [sys.executable, "-c", CHILD, *args, str(archive.root), str(plan), stage],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr[-2000:]
    assert "killing myself" in child.stdout
    final_id = pipeline.parse(NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt")).id
    # the archive has the source in every case: it is written first, durably
    assert final_id in {r.document_id for r in archive.records()}
    # the graph has the whole document or none of it, never a part
    assert (final_id in doc_rows(graph)) == (stage == "committed")
    assert graph.read("list_orphans") == []
    report = rebuild(graph, pipeline, archive)
    assert report.failed == [] and report.unarchived == []
    assert graph.counts() == second_store.counts()
    assert export(graph) == export(second_store)


def test_two_ingests_at_once_lose_nothing(
    graph: GraphStore, tmp_path: Path, graph_server: Any, pipeline: Pipeline
) -> None:
    archive_dir = tmp_path / "archive"
    s = graph_server.settings
    env = {
        **os.environ,
        "POLICYKG_HOME": str(s.POLICYKG_HOME),
        "NEO4J_DATABASE": graph.database,
        "POLICYKG_ARCHIVE_DIR": str(archive_dir),
    }
    plans = {"ningbo.txt": NINGBO_DRAFT, "ningbo-final.txt": NINGBO_FINAL}
    for name, raw in plans.items():
        (tmp_path / name).write_bytes(raw)
    fields = ["--jurisdiction", "ningbo", "--name", "宁波市", "--level", "sub_provincial_city"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "policykg.cli", "ingest", str(tmp_path / name), *fields],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in plans
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    ids = {name: pipeline.parse(raw, entry(NINGBO, name)).id for name, raw in plans.items()}
    assert {r.document_id for r in Archive(archive_dir).records()} == set(ids.values())
    rows = doc_rows(graph)
    assert {i: r["superseded_by"] for i, r in rows.items()} == {
        ids["ningbo.txt"]: ids["ningbo-final.txt"],
        ids["ningbo-final.txt"]: None,
    }
    final = pipeline.parse(NINGBO_FINAL, entry(NINGBO, "ningbo-final.txt"))
    adopted = {r["measure_id"] for r in graph.read("list_adoptions_of", ids=["ningbo"])}
    assert adopted == _adopted(final)
    assert graph.read("list_orphans") == []
