"""Ingest under bad input, new versions, write failures and concurrent reads.

Runs on this module's own database, first filled with the five-plan corpus, so
"the graph is unchanged" is checked on a graph that holds real data.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykg.build import build, ingest
from policykg.errors import InvalidInput, PayloadTooLarge, QueryFailed
from policykg.exporters import export_bytes
from policykg.graph import writer
from policykg.graph.store import GraphStore
from policykg.graph.writer import write_document
from policykg.loaders import load_document
from policykg.model import Document, ManifestEntry
from policykg.pipeline import Pipeline
from policykg.resources import corpus_dir


def entry(jurisdiction: str = "testcity", file: str = "plan.txt", **j: Any) -> ManifestEntry:
    return ManifestEntry(
        file=file,
        jurisdiction={"id": jurisdiction, "name": "测试市", "level": "prefecture_city", **j},
    )


def hohhot_entry() -> ManifestEntry:
    """hohhot.txt's manifest entry, as data/corpus/manifest.yaml gives it."""
    from policykg.loaders.manifest import load_manifest

    return next(e for e in load_manifest(corpus_dir() / "manifest.yaml") if e.file == "hohhot.txt")


def hohhot_bytes() -> bytes:
    return (corpus_dir() / "hohhot.txt").read_bytes()


def export(store: GraphStore) -> Any:
    return json.loads(export_bytes(store, "json"))


@pytest.fixture(scope="module")
def graph(scratch_store: GraphStore, pipeline: Pipeline) -> Iterator[GraphStore]:
    build(scratch_store, pipeline, corpus_dir())
    yield scratch_store


# --- bad input: a clear error, the graph untouched ------------------------------------


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("plan.txt", "一、总体要求\n推进知识产权质押融资。\n" * 1000)
    return buf.getvalue()


def _mixed_encodings() -> bytes:
    """hohhot.txt with every other line that has Chinese in it re-encoded as GBK."""
    out, n = [], 0
    for line in hohhot_bytes().decode("utf-8").split("\n"):
        chinese = any("\u4e00" <= c <= "\u9fff" for c in line)
        n += chinese
        # GB18030 (the superset of GBK) so that every character survives the round trip
        out.append(line.encode("gb18030") if chinese and n % 2 else line.encode("utf-8"))
    return b"\n".join(out)


@pytest.mark.parametrize(
    ("name", "raw", "words"),
    [
        ("empty", b"", ["empty"]),
        ("png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, ["PNG image", "OCR"]),
        ("zip", _zip(), ["ZIP archive", "not a Word .docx"]),  # never unpacked
        ("utf16-no-bom", "一、总体要求\n推进专利转化。\n".encode("utf-16-le"), ["binary"]),
    ],
)
def test_bad_input_is_refused_and_leaves_the_graph_unchanged(
    graph: GraphStore, pipeline: Pipeline, name: str, raw: bytes, words: list[str]
) -> None:
    before = graph.counts()
    with pytest.raises(InvalidInput) as info:
        ingest(graph, pipeline, raw, entry(file=f"{name}.txt"))
    for word in words:
        assert word in info.value.message
    assert f"{name}.txt" in info.value.message  # the message names the file
    assert graph.counts() == before


def _cli(*args: str, home: Path) -> tuple[int, str, int]:
    """Run the real CLI; returns (exit code, stderr, the child's peak RSS in kB)."""
    env = {**os.environ, "POLICYKG_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "policykg.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode("utf-8", errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own resource usage
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, stderr, usage.ru_maxrss


def test_a_200_mb_plan_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no disk is filled
    empty = tmp_path / "empty.txt"
    empty.touch()
    fields = ["--jurisdiction", "bigcity", "--name", "测试市", "--level", "prefecture_city"]
    # The CLI refuses both before it connects to any graph server (none runs in this home).
    rc0, err0, rss0 = _cli("ingest", str(empty), *fields, home=tmp_path / "home")
    rc, err, rss = _cli("ingest", str(big), *fields, home=tmp_path / "home")
    assert rc0 != 0 and "empty" in err0
    assert rc != 0 and "over the" in err and str(200 * 1024 * 1024) in err, err
    assert "Traceback" not in err
    # Reading 200 MB would raise the peak by 200 MB; the refusal costs nothing.
    assert rss - rss0 < 50 * 1024, f"peak RSS grew by {(rss - rss0) // 1024} MB"
    # the library path refuses it by size as well
    with pytest.raises(PayloadTooLarge, match="over the"):
        Pipeline().parse_file(big, entry(file="big.txt"))


# --- odd but legal input: loaded, with a warning where something was lost ---------------


def test_truncated_utf8_is_loaded_with_a_warning(graph: GraphStore, pipeline: Pipeline) -> None:
    raw = hohhot_bytes()
    cut = len(raw) // 2
    while raw[cut] & 0xC0 != 0x80:  # land inside a multi-byte character
        cut += 1
    summary = ingest(graph, pipeline, raw[:cut], entry("truncated", file="cut.txt"))
    assert any("truncated UTF-8" in w for w in summary.warnings), summary.warnings
    # hohhot.txt's first half reaches its numbered tasks (line 62: 1.健全知识产权管理体制机制)
    assert summary.units.get("task", 0) >= 1
    assert graph.read("list_orphans") == []


def test_mixed_gbk_and_utf8_lines_are_decoded_line_by_line_with_a_warning(
    pipeline: Pipeline,
) -> None:
    # Read whole as GB18030, the UTF-8 lines would become mojibake without a word.
    mixed = pipeline.parse(_mixed_encodings(), hohhot_entry())
    plain = pipeline.parse(hohhot_bytes(), hohhot_entry())
    assert mixed.encoding == "utf-8+gb18030"
    assert any("mixes encodings" in w for w in mixed.warnings), mixed.warnings
    assert mixed.title == plain.title == "呼和浩特市推进知识产权强市建设工作方案"
    # other bytes, another document id; the same tree below it
    assert [(u.id.replace(mixed.id, ""), u.heading, u.text) for u in mixed.units] == [
        (u.id.replace(plain.id, ""), u.heading, u.text) for u in plain.units
    ]


def test_text_without_structure_is_one_unit_with_a_warning(
    graph: GraphStore, pipeline: Pipeline
) -> None:
    text = "这段文字没有任何标题，只讨论知识产权质押融资和专利导航。\n" * 30
    before = graph.counts()
    summary = ingest(graph, pipeline, text.encode("utf-8"), entry("nostructure"))
    assert summary.units == {"other": 1}
    assert any("no recognisable heading structure" in w for w in summary.warnings)
    after = graph.counts()
    assert after["Document"] == before["Document"] + 1
    assert after["Unit"] == before["Unit"] + 1


def _numbered(items: int) -> bytes:
    head = (
        "条目市知识产权工作方案\n一、总体要求\n为推进知识产权强市建设，制定本方案。\n二、重点任务\n"
    )
    body = "".join(f"{i}.推进第{i}项知识产权工作。加强专利导航。\n" for i in range(1, items + 1))
    return (head + body).encode("utf-8")


def test_ten_thousand_numbered_items_are_refused_with_a_clear_error(
    graph: GraphStore, pipeline: Pipeline
) -> None:
    before = graph.counts()
    with pytest.raises(InvalidInput, match="more than the 1000 one plan may have") as info:
        ingest(graph, pipeline, _numbered(10_000), entry("tenthousand", file="items.txt"))
    assert "items.txt" in info.value.message
    assert graph.counts() == before


def test_items_past_99_are_their_own_units(graph: GraphStore, pipeline: Pipeline) -> None:
    # numbering runs on across chapters, so long plans pass 99 (it used to be
    # swallowed, silently, by item 99)
    summary = ingest(graph, pipeline, _numbered(150), entry("hundredfifty"))
    rows = graph.read("list_document_units", document_id=summary.id)
    items = [r["marker"] for r in rows if r["marker"] and r["marker"][0].isdigit()]
    assert items == [f"{i}." for i in range(1, 151)]
    assert graph.read("list_orphans") == []


def test_fifty_levels_of_mixed_markers_load_without_losing_text(pipeline: Pipeline) -> None:
    markers = ["{c}、", "（{c}）", "{n}.", "（{n}）", "①"]
    numerals = "一二三四五六七八九十"
    lines = ["测试市知识产权工作方案"]
    for level in range(50):
        marker = markers[level % 5].format(c=numerals[level % 10], n=level % 9 + 1)
        lines += [f"{marker}第{level + 1}层标题", f"第{level + 1}层正文：推进专利转化运用。"]
    doc = pipeline.parse("\n".join(lines).encode("utf-8"), entry("deepnest"))
    # The heading tree has five ranks here (一、（一）1.（1）①); a repeated marker
    # closes the deeper ones, so the tree is never deeper than the ranks.
    assert max(u.depth for u in doc.units) <= 4
    text = "\n".join(u.text for u in doc.units)
    for level in range(1, 51):
        assert f"第{level}层正文" in text, f"level {level}'s text was lost"


# --- versions: idempotent re-ingest, re-derivation without orphans ----------------------------


def test_reingesting_the_same_plan_changes_nothing(graph: GraphStore, pipeline: Pipeline) -> None:
    counts, data = graph.counts(), export(graph)
    ingest(graph, pipeline, hohhot_bytes(), hohhot_entry())
    assert graph.counts() == counts
    assert export(graph) == data


def _hohhot_v2() -> bytes:
    """hohhot.txt without tasks 24 and 25 and with a new task 27 after task 26."""
    lines = hohhot_bytes().decode("utf-8").split("\n")
    out = []
    for line in lines:
        if line.strip().startswith(("24.加强知识产权人才队伍建设", "25.强化知识产权人才支撑")):
            continue
        out.append(line)
        if line.strip().startswith("26.深化知识产权交流合作"):
            out.append("  27.建立海外知识产权纠纷应对指导机制。建设海外维权援助工作站。")
    assert len(out) == len(lines) - 1, "hohhot.txt no longer has tasks 24-26 as expected"
    return "\n".join(out).encode("utf-8")


def rederived(pipeline: Pipeline, raw: bytes, entry: ManifestEntry, source: bytes) -> Document:
    """``raw`` parsed as if it were ``source`` read by other code: ``source``'s document id.

    What a rebuild after an upgrade of the loaders does: the same source (the
    same id) comes out with other units.
    """
    pinned = entry.model_copy(update={"sha256": hashlib.sha256(source).hexdigest()})
    doc = load_document(raw, pinned, max_bytes=pipeline.max_bytes)
    pipeline.tagger.tag_document(doc)
    pipeline.linker.link_document(doc)
    return doc


def _unit_ids(store: GraphStore, doc_id: str) -> set[str]:
    return {r["id"] for r in store.read("list_document_units", document_id=doc_id)}


def test_a_rederived_document_replaces_its_units_without_orphans(
    graph: GraphStore, pipeline: Pipeline
) -> None:
    old = pipeline.parse(hohhot_bytes(), hohhot_entry())
    before = graph.counts()
    old_ids = _unit_ids(graph, old.id)
    assert len(old_ids) == len(old.units)
    try:
        v2 = rederived(pipeline, _hohhot_v2(), hohhot_entry(), hohhot_bytes())
        assert v2.id == old.id  # the same source: the same document
        write_document(graph, v2)
        new_ids = _unit_ids(graph, old.id)
        gone, added = old_ids - new_ids, new_ids - old_ids
        assert {i.rsplit("/", 1)[1] for i in gone} == {"24", "25"}
        assert {i.rsplit("/", 1)[1] for i in added} == {"27"}
        after = graph.counts()
        assert after["Unit"] == before["Unit"] - 1
        assert after["Document"] == before["Document"]
        assert graph.read("list_orphans") == []
        rows = {r["id"]: r for r in graph.read("list_document_units", document_id=old.id)}
        assert "海外维权援助工作站" in rows[added.pop()]["text"]
    finally:
        ingest(graph, pipeline, hohhot_bytes(), hohhot_entry())
    assert graph.counts() == before
    assert graph.read("list_orphans") == []


# --- a failure inside the document transaction ------------------------------------------


def test_a_failure_after_the_writes_rolls_the_document_back(
    graph: GraphStore, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts, data = graph.counts(), export(graph)
    v2 = rederived(pipeline, _hohhot_v2(), hohhot_entry(), hohhot_bytes())
    ran: list[int] = []
    real = writer.write_document_tx

    def failing(tx: Any, doc: Any) -> None:
        real(tx, doc)  # every statement of the document ran inside the transaction
        ran.append(tx.summary.nodes_deleted + tx.summary.nodes_created)
        raise RuntimeError("injected failure before commit")

    monkeypatch.setattr(writer, "write_document_tx", failing)
    with pytest.raises(QueryFailed, match="injected"):  # wrapped where it leaves the store
        write_document(graph, v2)
    assert ran and ran[0] > 0, "the injected failure came before any write"
    assert graph.counts() == counts
    assert export(graph) == data


# --- concurrent reads see a whole version, never half of one ---------------------------------


def _version(tasks: int) -> bytes:
    head = (
        "并发市知识产权强市建设工作方案\n一、总体要求\n"
        "为推进知识产权强市建设，制定本方案。\n二、重点任务\n"
    )
    items = "".join(
        f"{i}.推进第{i}项知识产权工作。加强专利导航和知识产权质押融资。\n"
        for i in range(1, tasks + 1)
    )
    return (head + items).encode("utf-8")


def test_reads_during_reingest_see_one_version_or_the_other(
    graph: GraphStore, pipeline: Pipeline
) -> None:
    e = entry("flipflop")
    a, b = pipeline.parse(_version(12), e), rederived(pipeline, _version(4), e, _version(12))
    assert a.id == b.id
    n, m = len(a.units), len(b.units)
    assert n != m
    write_document(graph, a)
    errors: list[BaseException] = []
    done = threading.Event()

    def writer_thread() -> None:
        try:
            for i in range(20):
                write_document(graph, b if i % 2 == 0 else a)
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            done.set()

    t = threading.Thread(target=writer_thread)
    t.start()
    seen: list[int] = []
    try:
        while not done.is_set():
            seen.append(graph.read("count_document_units", document_id=a.id)[0]["units"])
    finally:
        t.join(120)
    assert not errors, errors
    assert seen, "no read completed while the writer ran"
    assert set(seen) <= {n, m}, f"saw unit counts {sorted(set(seen))}, expected only {n} or {m}"
    assert graph.read("count_document_units", document_id=a.id)[0]["units"] == n
    assert graph.read("list_orphans") == []
