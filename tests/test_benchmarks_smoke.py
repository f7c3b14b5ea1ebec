"""Smoke tests of the benchmarks: the generator and the measures on tiny input.

Structure and facts only; no timing is asserted anywhere (figures depend on the
machine and its load).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import report, runner
from benchmarks.generator import chinese_number, generate, parse_real_corpus, unit_pool
from policykg.build import prepare
from policykg.graph.store import GraphStore
from policykg.graph.writer import write_document
from policykg.loaders import load_document
from policykg.loaders.manifest import load_manifest
from policykg.model import Document, ManifestEntry
from policykg.pipeline import Pipeline, corpus_entries

RealCorpus = list[tuple[ManifestEntry, Path, Document]]


@pytest.fixture(scope="module")
def real() -> RealCorpus:
    return parse_real_corpus()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory, real: RealCorpus) -> Path:
    out = tmp_path_factory.mktemp("bench3")
    generate(3, out, seed=7, real=real, include_real=False)
    return out


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 12, 20, 24, 99)] == [
        "一", "九", "十", "十二", "二十", "二十四", "九十九"
    ]  # fmt: skip
    with pytest.raises(ValueError):
        chinese_number(0)


def test_pool_takes_units_of_every_role(real: RealCorpus) -> None:
    pool = unit_pool([doc for _, _, doc in real])
    sizes = pool.sizes()
    # every real plan has numbered tasks under a group heading and a 保障措施 part
    assert sizes["groups"] >= 5 and sizes["items"] > sizes["groups"]
    assert sizes["guarantees"] >= 5 and sizes["goals"] >= 1 and sizes["guidance"] >= 1
    # Heyuan's 专栏 boxes are recombined too
    assert any(u.kind == "column" for _, items in pool.groups for u in items)


def test_generator_writes_three_plans_and_a_manifest(small_corpus: Path) -> None:
    entries = load_manifest(small_corpus / "manifest.yaml")
    assert [e.file for e in entries] == ["city006.txt", "city007.txt", "city008.txt"]
    assert len({e.jurisdiction.name for e in entries}) == 3
    for entry in entries:
        raw = (small_corpus / entry.file).read_bytes()
        doc = load_document(raw, entry)
        kinds = {u.kind for u in doc.units}
        assert {"task", "guarantee", "goal"} <= kinds
        # the manifest states what the text's header says
        assert doc.title == entry.title
        assert doc.doc_number == entry.doc_number
        assert doc.issued_on == entry.issued_on
        assert entry.jurisdiction.name in doc.title


def test_generator_is_deterministic(tmp_path: Path, real: RealCorpus, small_corpus: Path) -> None:
    again = tmp_path / "again"
    generate(3, again, seed=7, real=real, include_real=False)
    for f in ("city006.txt", "city007.txt", "manifest.yaml"):
        assert (again / f).read_bytes() == (small_corpus / f).read_bytes()
    other = tmp_path / "other"
    generate(3, other, seed=8, real=real, include_real=False)
    assert (other / "city006.txt").read_bytes() != (small_corpus / "city006.txt").read_bytes()


def test_generator_variants_are_what_it_reports(tmp_path: Path, real: RealCorpus) -> None:
    gen = generate(25, tmp_path, seed=3, real=real)
    files = sorted(tmp_path.glob("*.txt"))
    assert len(files) == 25 and gen.synthetic == 20
    synthetic = [f for f in files if f.name.startswith("city")]
    not_utf8 = 0
    traditional = 0
    crlf = 0
    for f in synthetic:
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            not_utf8 += 1
            text = raw.decode("gb18030")
        traditional += "知識產權" in text
        crlf += "\r\n" in text
    assert not_utf8 == gen.encodings.get("gb18030", 0)
    assert traditional == gen.traditional
    assert crlf == gen.crlf
    # the real five are byte copies
    assert (tmp_path / "hohhot.txt").read_bytes() == real[0][1].read_bytes()


def test_percentiles_nearest_rank() -> None:
    got = runner.percentiles([i / 1000 for i in range(1, 101)])
    assert (got["p50"], got["p95"], got["p99"], got["n"]) == (50.0, 95.0, 99.0, 100)
    assert math.isnan(runner.percentiles([])["p50"])


def test_pipeline_measures_on_tiny_input(small_corpus: Path, pipeline: Pipeline) -> None:
    entries = corpus_entries(small_corpus)
    docs, parse = runner.measure_parse(entries)
    assert parse["plans"] == 3 and parse["units"] == sum(len(d.units) for d in docs)
    assert set(parse) >= {"plans_per_s", "mb_per_s", "bytes", "seconds"}
    naive = runner.NaiveTagger(pipeline.ontology)
    assert "质押融资" in naive.tag_text("推进知識產權質押融資")  # traditional input is simplified
    tag = runner.measure_tagging(pipeline.tagger, naive, docs, baseline_docs=1)
    assert tag["baseline_plans"] == 1 and tag["tags"] > 0
    assert set(tag) >= {"chars_per_s", "naive_chars_per_s", "speedup_vs_naive"}
    link = runner.measure_linking(pipeline.linker, docs)
    assert link["links"] > 0 and link["linkable_units"] <= link["units"]


def test_report_checks_targets() -> None:
    results = {
        "date": "2026-01-01T00:00:00+00:00",
        "machine": {"cpus": 2, "python": "3.11", "loadavg_start": [1, 1, 1], "note": "n"},
        "sizes": {
            "50": {"build": {"seconds": 10.0, "seconds_per_plan": 0.2}},
            "500": {
                "build": {"seconds": 150.0, "seconds_per_plan": 0.3},
                "tag": {"speedup_vs_naive": 25.0},
                "load_speedup": 4.0,
                "query": {"adopters": {"p50": 5.0, "p95": 20.0, "p99": 30.0}},
            },
        },
    }
    t = report.targets(results)
    assert t["at_size"] == 500
    assert t["build_under_2_min"]["met"] is False
    assert t["tagger_20x_naive"]["met"] is True
    assert t["batched_10x_rows"]["met"] is False
    assert t["p95_adopters_under_50ms"]["met"] is True
    assert t["p95_coverage_under_50ms"]["met"] is None  # not measured
    assert t["cost_per_plan"]["growth"] == 1.5
    results["targets"] = t
    table = report.markdown(results)
    assert "| tagger / naive | – | 25 |" in table
    assert "build_under_2_min: 150 (MISSED)" in table


def test_row_at_a_time_writes_the_same_graph_as_the_batched_writer(
    scratch_store: GraphStore, pipeline: Pipeline, small_corpus: Path
) -> None:
    entry, path = corpus_entries(small_corpus)[0]
    doc = pipeline.parse_file(path, entry)
    scratch_store.write("delete_all")
    prepare(scratch_store, pipeline)
    rows_summary, statements = runner.write_document_rows(scratch_store, doc)
    by_rows = scratch_store.counts()
    scratch_store.write("delete_all")
    prepare(scratch_store, pipeline)
    batched_summary = write_document(scratch_store, doc)
    assert scratch_store.counts() == by_rows
    assert rows_summary.nodes_created == batched_summary.nodes_created
    assert rows_summary.relationships_created == batched_summary.relationships_created
    # one statement per row plus the per-document ones
    assert statements > len(doc.units) + 5
