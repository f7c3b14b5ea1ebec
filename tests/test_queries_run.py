"""Every named query runs on the real server: reads on the corpus graph, writes on a scratch one.

A new query file without sample parameters here fails ``test_every_query_has_sample_params``,
so no statement ships that has never been executed. Read queries must also return
exactly the columns their header declares.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from policykg.graph.store import GraphStore
from policykg.queries import get_query, list_queries

#: replaced by a real plan id of the corpus graph at run time
DOCUMENT = "<document>"

_UNIT = {
    "id": "scratch-doc/1",
    "props": {
        "document_id": "scratch-doc",
        "kind": "task",
        "heading": "标题",
        "text": "正文",
        "order": 0,
        "depth": 0,
        "text_search": "标题\n正文",
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
    "delete_document_targets": {"document_id": "scratch-doc"},
    "delete_orphan_agencies": {},
    "delete_orphan_citations": {},
    "delete_jurisdiction_adoptions": {"jurisdiction_id": "hohhot"},
    "merge_jurisdiction_adoptions": {"jurisdiction_id": "hohhot"},
    "delete_stale_units": {"document_id": "scratch-doc", "keep": []},
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
    "merge_units": {"document_id": "scratch-doc", "rows": [_UNIT]},
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
    if rows and q.returns:
        assert set(rows[0]) == set(q.returns), f"{name}: columns differ from its header"


@pytest.mark.parametrize("name", WRITES)
def test_write_query_runs_on_scratch(scratch_store: GraphStore, name: str) -> None:
    scratch_store.write(name, **SAMPLE_PARAMS[name])
