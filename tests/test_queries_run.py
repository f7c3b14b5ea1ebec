"""Every named query runs on the real server: reads on the corpus graph, writes on a scratch one.

A new query file without sample parameters here fails ``test_every_query_has_sample_params``,
so no statement ships that has never been executed. Read queries must return rows
(unless declared in ``EMPTY_ON_CORPUS``) with exactly the columns their header
declares. Write queries run against a small seeded document (``SEED``: one
jurisdiction, one plan of two units, one agency, mention, clause link, target
and citation, plus the reference nodes they hang on) and must create or delete
exactly the nodes and relationships listed in ``WRITE_COUNTS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from policykg.graph.store import GraphStore, WriteSummary
from policykg.queries import get_query, list_queries

#: replaced by a real plan id of the corpus graph at run time
DOCUMENT = "<document>"


def _unit(n: int, depth: int) -> dict[str, Any]:
    return {
        "id": f"scratch-doc/{n}",
        "props": {
            "document_id": "scratch-doc",
            "kind": "task",
            "heading": f"标题{n}",
            "text": "正文",
            "order": n - 1,
            "depth": depth,
            "text_search": f"标题{n}\n正文",
        },
    }


SAMPLE_PARAMS: dict[str, dict[str, Any]] = {
    # --- reads (corpus graph) ---
    "count_document_units": {"document_id": DOCUMENT},
    "count_measure_adopters": {"measure_id": "pledge_financing"},
    "count_nodes_by_label": {},
    "count_relationships_by_type": {},
    "count_targets_by_jurisdiction": {},
    "count_units_by_kind": {},
    "export_clauses": {},
    "export_documents": {},
    "export_measures": {},
    "export_targets": {},
    "export_units": {},
    "find_adopters": {"measure_id": "pledge_financing"},
    "find_clause_targets": {"clause_id": "C03"},
    "find_clause_units": {"clause_id": "C13", "min_score": 0.0},
    "find_measures_by_label": {"text": "质押融资"},
    "get_document": {"document_id": DOCUMENT},
    "get_indicator": {"indicator_id": "high_value_invention_patents_per_10k"},
    "get_measure": {"measure_id": "pledge_financing"},
    "get_ping": {},
    "get_server_components": {},
    "list_adoptions": {},
    "list_categories": {},
    "list_clauses": {},
    "list_orphans": {},
    "list_adoptions_of": {"ids": ["hohhot", "ningbo"]},
    "list_targets_of": {"ids": ["hohhot", "ningbo"]},
    "list_jurisdiction_names": {},
    "list_implementations_of": {"ids": ["hohhot", "ningbo"], "min_score": 0.0},
    "list_constraints": {},
    "list_document_units": {"document_id": DOCUMENT},
    "list_documents": {},
    "list_document_sources": {"jurisdiction_id": None},
    "list_document_versions": {"jurisdiction_id": "hohhot"},
    "list_implementations": {"min_score": 0.0},
    "list_indexes": {},
    "list_indicators": {},
    "list_jurisdictions": {},
    "list_measures": {},
    "list_targets": {"indicator_id": None},
    "search_units": {"q": "质押融资"},
    "search_units_fulltext": {"q": '"质押融资"'},
    "view_clauses": {"clause_ids": None},
    "view_implementations": {"jurisdiction_ids": None, "clause_ids": None},
    "view_jurisdictions": {"jurisdiction_ids": None},
    "view_measures": {"measure_ids": None},
    "view_mentions": {"jurisdiction_ids": None, "measure_ids": None, "adoption_only": True},
    "view_targets": {"jurisdiction_ids": ["hohhot"]},
    # --- writes (scratch graph) ---
    "delete_all": {},
    "delete_document": {"document_id": "scratch-doc"},
    "delete_empty_jurisdictions": {},
    "set_document_versions": {"rows": [{"id": "scratch-doc", "superseded_by": None}]},
    "delete_document_targets": {"document_id": "scratch-doc"},
    "delete_orphan_agencies": {},
    "delete_orphan_citations": {},
    "delete_jurisdiction_adoptions": {"jurisdiction_id": "scratchcity"},
    "merge_jurisdiction_adoptions": {"jurisdiction_id": "scratchcity"},
    "delete_stale_units": {"document_id": "scratch-doc", "keep": ["scratch-doc/1"]},
    "delete_unit_links": {"document_id": "scratch-doc"},
    "merge_agencies": {
        "rows": [{"unit_id": "scratch-doc/1", "agency_id": "a1", "name": "市局", "ordinal": 0}]
    },
    "merge_categories": {"rows": [{"id": "finance", "label_zh": "金融", "label_en": "finance"}]},
    "merge_chapters": {"rows": [{"id": "五", "title": "第五章", "ordinal": 3}]},
    "merge_citations": {
        "document_id": "scratch-doc",
        "rows": [{"id": "c1", "title": "纲要", "doc_number": None, "context": "贯彻《纲要》"}],
    },
    "merge_clauses": {
        "rows": [
            {
                "id": "C13",
                "chapter": "五",
                "title": "运营",
                "digest": "",
                "key_terms": [],
                "number": 13,
            }
        ]
    },
    "merge_document": {
        "jurisdiction_id": "scratchcity",
        "document_id": "scratch-doc",
        "props": {"title": "方案", "status": "final"},
    },
    "merge_implements": {
        "rows": [
            {
                "unit_id": "scratch-doc/1",
                "clause_id": "C13",
                "score": 0.5,
                "rank": 1,
                "method": "lexical",
                "evidence": "运营",
            }
        ]
    },
    "merge_indicators": {
        "rows": [
            {"id": "patent_grants", "label_zh": "专利授权量", "unit": "件", "clauses": ["C13"]}
        ]
    },
    "merge_jurisdictions": {
        "rows": [
            {"id": "scratchcity", "name": "测试市", "level": "prefecture_city", "province": None}
        ]
    },
    "merge_measures": {
        "rows": [
            {
                "id": "pledge_financing",
                "category": "finance",
                "clauses": ["C13"],
                "props": {
                    "label_zh": "知识产权质押融资",
                    "label_en": "IP pledge financing",
                    "labels_search": "pledge_financing\n知识产权质押融资",
                },
            }
        ]
    },
    "merge_mentions": {
        "rows": [
            {
                "unit_id": "scratch-doc/1",
                "measure_id": "pledge_financing",
                "adoption": True,
                "reason": "adoption",
                "evidence": "质押融资",
                "sentence": "开展质押融资",
                "evidences": ["质押融资"],
                "sentences": ["开展质押融资"],
            }
        ]
    },
    "merge_outline_targets": {
        "rows": [
            {
                "id": "outline-t1",
                "indicator": "patent_grants",
                "props": {"value": 1.0, "scope": "national"},
            }
        ]
    },
    "merge_targets": {
        "document_id": "scratch-doc",
        "rows": [
            {
                "id": "t1",
                "unit_id": "scratch-doc/1",
                "indicator": "patent_grants",
                "props": {"value": 2.0, "unit": "件", "scope": "plan"},
            }
        ],
    },
    "merge_unit_parents": {"rows": [{"child": "scratch-doc/2", "parent": "scratch-doc/1"}]},
    "merge_units": {"document_id": "scratch-doc", "rows": [_unit(1, 0), _unit(2, 1)]},
}

#: Read queries that rightly return nothing on the five-plan graph, and why.
EMPTY_ON_CORPUS = {
    "list_orphans": "a clean build leaves no orphans (test_orphans_are_listed shows it finds them)",
}

#: The small document, written from an empty database in this order.
SEED = [
    "merge_categories",
    "merge_chapters",
    "merge_clauses",
    "merge_indicators",
    "merge_measures",
    "merge_outline_targets",
    "merge_jurisdictions",
    "merge_document",
    "merge_units",
    "merge_unit_parents",
    "merge_agencies",
    "merge_mentions",
    "merge_implements",
    "merge_targets",
    "merge_citations",
    "merge_jurisdiction_adoptions",
]

#: (nodes created, nodes deleted, relationships created, relationships deleted) of each
#: write query: a merge runs last on the seed written without it, a delete on the full seed.
#: Worked out from the sample rows above, not copied from a run.
WRITE_COUNTS: dict[str, tuple[int, int, int, int]] = {
    "merge_categories": (1, 0, 0, 0),
    "merge_chapters": (1, 0, 0, 0),
    "merge_clauses": (1, 0, 1, 0),  # IN_CHAPTER
    "merge_indicators": (1, 0, 1, 0),  # QUANTIFIES C13
    "merge_measures": (1, 0, 2, 0),  # BROADER finance, SERVES C13
    "merge_outline_targets": (1, 0, 1, 0),  # ON_INDICATOR
    "merge_jurisdictions": (1, 0, 0, 0),
    "merge_document": (1, 0, 1, 0),  # ISSUED
    "merge_units": (2, 0, 2, 0),  # two HAS_UNIT
    "merge_unit_parents": (0, 0, 1, 0),  # unit 2 PART_OF unit 1
    "merge_agencies": (1, 0, 1, 0),  # RESPONSIBLE_FOR
    "merge_mentions": (0, 0, 1, 0),
    "merge_implements": (0, 0, 1, 0),
    "merge_targets": (1, 0, 3, 0),  # HAS_TARGET, SETS, ON_INDICATOR
    "merge_citations": (1, 0, 1, 0),  # CITES
    "merge_jurisdiction_adoptions": (0, 0, 1, 0),  # ADOPTS from the one adopting mention
    "delete_jurisdiction_adoptions": (0, 0, 0, 1),
    "delete_unit_links": (0, 0, 0, 3),  # PART_OF, MENTIONS, IMPLEMENTS
    # the target with its HAS_TARGET, SETS, ON_INDICATOR; CITES; RESPONSIBLE_FOR
    "delete_document_targets": (0, 1, 0, 5),
    "delete_stale_units": (0, 1, 0, 2),  # unit 2 (not kept) with HAS_UNIT and PART_OF
    # 13 nodes: category, chapter, clause, indicator, measure, 2 targets, jurisdiction,
    # document, 2 units, agency, citation; 17 relationships: one of each of the 15 types
    # above plus a second HAS_UNIT and a second ON_INDICATOR
    "delete_all": (0, 13, 0, 17),
    # after delete_document_targets (see WRITE_SETUP) the agency and the citation are loose
    "delete_orphan_agencies": (0, 1, 0, 0),
    "delete_orphan_citations": (0, 1, 0, 0),
    # the document, its 2 units and its target; ISSUED, CITES, 2 HAS_UNIT, PART_OF,
    # RESPONSIBLE_FOR, MENTIONS, IMPLEMENTS, SETS, HAS_TARGET, the target's ON_INDICATOR
    "delete_document": (0, 4, 0, 11),
    # after delete_document (see WRITE_SETUP) the jurisdiction has no plan: it goes with its ADOPTS
    "delete_empty_jurisdictions": (0, 1, 0, 1),
    # a property only (the sample marks the one document current)
    "set_document_versions": (0, 0, 0, 0),
}

#: Writes that need the writer's earlier step to have something to do.
WRITE_SETUP = {
    "delete_orphan_agencies": ["delete_document_targets"],
    "delete_orphan_citations": ["delete_document_targets"],
    "delete_empty_jurisdictions": ["delete_document"],
}


def test_every_query_has_sample_params() -> None:
    missing = sorted(set(list_queries()) - set(SAMPLE_PARAMS))
    assert not missing, f"add sample parameters to SAMPLE_PARAMS for: {missing}"
    stale = sorted(set(SAMPLE_PARAMS) - set(list_queries()))
    assert not stale, f"SAMPLE_PARAMS names queries that no longer exist: {stale}"


def test_sample_params_match_the_headers() -> None:
    for name in list_queries():
        if name in SAMPLE_PARAMS:
            assert set(SAMPLE_PARAMS[name]) == set(get_query(name).params), name


@pytest.fixture(scope="module")
def corpus(graph_server, pipeline) -> Iterator[GraphStore]:  # type: ignore[no-untyped-def]
    """The corpus graph, built on first use, one connection for the module."""
    from policykg.build import build
    from policykg.resources import corpus_dir

    store = graph_server.connect(graph_server.corpus_database)
    try:
        if graph_server.corpus_dirty:
            store.write("delete_all")
            build(store, pipeline, corpus_dir())
            graph_server.corpus_dirty = False
        yield store
    finally:
        store.close()


READS = [n for n in list_queries() if get_query(n).mode == "read"]
WRITES = [n for n in list_queries() if get_query(n).mode == "write"]


@pytest.mark.parametrize("name", READS)
def test_read_query_runs_on_the_corpus(corpus: GraphStore, name: str) -> None:
    q = get_query(name)
    if name == "search_units_fulltext" and not corpus.server.has_fulltext:
        pytest.skip("full-text indexes exist on Neo4j only")
    params = dict(SAMPLE_PARAMS[name])
    if DOCUMENT in params.values():
        document_id = corpus.read("list_documents")[0]["id"]
        params = {k: document_id if v == DOCUMENT else v for k, v in params.items()}
    rows = corpus.read(name, **params)
    if name in EMPTY_ON_CORPUS:
        assert rows == [], f"{name}: {EMPTY_ON_CORPUS[name]}, yet it returned {rows[:3]}"
        return
    assert rows, f"{name} returned no rows on the five-plan graph (see EMPTY_ON_CORPUS)"
    if q.returns:
        assert set(rows[0]) == set(q.returns), f"{name}: columns differ from its header"


def test_empty_on_corpus_names_read_queries() -> None:
    assert set(EMPTY_ON_CORPUS) <= set(READS)


def _seed(store: GraphStore, without: str | None = None) -> None:
    store.write("delete_all")
    for step in SEED:
        if step != without:
            store.write(step, **SAMPLE_PARAMS[step])


def _counts(summary: WriteSummary) -> tuple[int, int, int, int]:
    return (
        summary.nodes_created,
        summary.nodes_deleted,
        summary.relationships_created,
        summary.relationships_deleted,
    )


def test_every_write_has_counts() -> None:
    assert sorted(WRITE_COUNTS) == sorted(WRITES)
    assert set(SEED) == {n for n in WRITES if n.startswith("merge_")}


@pytest.mark.parametrize("name", WRITES)
def test_write_query_counts_on_the_seeded_document(scratch_store: GraphStore, name: str) -> None:
    merge = name in SEED
    _seed(scratch_store, without=name if merge else None)
    for step in WRITE_SETUP.get(name, []):
        scratch_store.write(step, **SAMPLE_PARAMS[step])
    summary = scratch_store.write(name, **SAMPLE_PARAMS[name])
    assert _counts(summary) == WRITE_COUNTS[name]
    if merge:
        # a merge is idempotent: run again, it creates nothing new (merge_measures
        # replaces its two links, so what it deletes it creates again)
        again = _counts(scratch_store.write(name, **SAMPLE_PARAMS[name]))
        assert again[0] == again[1] == 0 and again[2] == again[3], f"{name} again: {again}"


def test_orphans_are_listed(scratch_store: GraphStore) -> None:
    _seed(scratch_store)
    assert scratch_store.read("list_orphans") == []
    # what a document rewrite leaves loose until the orphan clean-up runs
    scratch_store.write("delete_document_targets", document_id="scratch-doc")
    assert scratch_store.read("list_orphans") == [
        {"label": "Agency", "id": "a1"},
        {"label": "Citation", "id": "c1"},
    ]
