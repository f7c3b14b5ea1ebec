"""graph/writer.py: the statements one document sends, and the label keys it stores."""

from __future__ import annotations

from policykg.graph.schema import PROPERTY_KEYS
from policykg.graph.store import GraphStore
from policykg.graph.writer import document_statements, measure_rows
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import bundled_ontology
from policykg.queries import get_query
from policykg.services import resolve_measure
from policykg.text import label_key


def test_each_statement_is_a_write_query_with_exactly_its_declared_params(  # type: ignore[no-untyped-def]
    parsed_corpus,
) -> None:
    statements = document_statements(parsed_corpus["hohhot"])
    for name, params in statements:
        query = get_query(name)
        assert query.mode == "write", name
        assert set(params) == set(query.params), name
    names = [name for name, _ in statements]
    # the stale units go before the new ones land; the adoption summary is rewritten last
    assert names.index("delete_stale_units") < names.index("merge_units")
    assert names[-2:] == ["delete_jurisdiction_adoptions", "merge_jurisdiction_adoptions"]


def test_the_unit_batch_holds_every_unit_of_the_plan(parsed_corpus) -> None:  # type: ignore[no-untyped-def]
    doc = parsed_corpus["hohhot"]
    params = dict(document_statements(doc))["merge_units"]
    assert [row["id"] for row in params["rows"]] == [u.id for u in doc.units]
    assert params["document_id"] == doc.id


def test_labels_search_holds_the_lookup_key_of_every_label(corpus_store: GraphStore) -> None:
    measure = bundled_ontology().measure("pledge_financing")
    rows = corpus_store.read("find_measures_by_label", text=label_key("質押融資"))
    stored = {r["id"]: r["labels_search"].split("\n") for r in rows}
    assert stored["pledge_financing"] == [
        label_key(x) for x in (measure.id, measure.label_zh, measure.label_en, *measure.alt_labels)
    ]
    # what a user types, in either script or any case, is found through the same key
    for typed in ("質押融資", measure.label_en.upper(), " Pledge_Financing "):
        assert resolve_measure(corpus_store, typed) == "pledge_financing"


def test_measure_rows_carry_both_definitions() -> None:
    rows = {r["id"]: r for r in measure_rows(bundled_ontology())}
    props = rows["pledge_financing"]["props"]
    assert props["definition"].startswith("Bank loans secured by patents")
    assert props["definition_zh"].startswith("以专利、商标、版权等知识产权作担保的银行贷款")
    assert all(r["props"]["definition_zh"] for r in rows.values())
    assert "definition_zh" in PROPERTY_KEYS


def test_match_labels_is_the_raw_automaton_pass() -> None:
    tagger = Tagger(bundled_ontology())
    text = "推動知識產權質押融資風險補償"  # traditional: offsets refer to the simplified text
    found = {(h.label, h.start, h.end, h.measure_ids) for h in tagger.match_labels(text)}
    # the long label and every label inside it; overlap resolution comes later
    assert ("知识产权质押融资风险补偿", 2, 14, ("pledge_risk_sharing",)) in found
    assert ("质押融资", 6, 10, ("pledge_financing",)) in found
    assert len(found) == 7
    # tag_text keeps only the longest span (and the measure it implies)
    assert [(m.measure_id, m.implied_by) for m in tagger.tag_text(text)] == [
        ("pledge_risk_sharing", None),
        ("pledge_financing", "pledge_risk_sharing"),
    ]
