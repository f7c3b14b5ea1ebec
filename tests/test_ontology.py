"""The measure ontology: reference data, structure checks, SHACL, lookup, export."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from policykg.errors import InvalidInput, NotFound, OntologyError
from policykg.ontology.checks import (
    check_broader_cycles,
    check_context_rules,
    check_labels,
    check_shared_altlabels,
    validate,
    validate_shapes,
)
from policykg.ontology.export import ontology_graph, serialize
from policykg.ontology.outline import bundled_outline
from policykg.ontology.outline_rdf import outline_graph
from policykg.ontology.reference import CoreReference, load_core_reference
from policykg.ontology.vocab import (
    CATEGORY,
    CLAUSE,
    INDICATOR,
    MEASURE,
    PKG,
    bundled_ontology,
    load_ontology,
    ontology_dir,
)

CATEGORIES = {
    "protection",
    "creation",
    "utilization",
    "finance",
    "service",
    "environment",
    "international",
    "governance",
    "institutions",
}


@pytest.fixture(scope="module")
def core_reference() -> CoreReference:
    return load_core_reference()


@pytest.fixture(scope="module")
def full_graph() -> Graph:
    return ontology_graph()


def _copy(graph: Graph) -> Graph:
    g = Graph()
    for triple in graph:
        g.add(triple)
    return g


# -- the reference data is in the ontology, exactly -------------------------


def test_every_core_measure_has_the_reference_id_category_and_labels(core_reference):
    onto = bundled_ontology()
    for ref in core_reference.measures:
        m = onto.measure(ref.id)
        assert m.iri == f"https://policykg.org/id/measure/{ref.id}"
        assert (m.category, m.label_zh, m.label_en) == (ref.category, ref.zh, ref.en), ref.id
        assert m.core, ref.id


def test_core_flag_marks_exactly_the_reference_measures(core_reference):
    core_ids = {m.id for m in bundled_ontology().measures if m.core}
    assert core_ids == {ref.id for ref in core_reference.measures}


def test_every_reference_indicator_is_a_concept_with_label_and_unit(core_reference):
    onto = bundled_ontology()
    assert {i.id for i in onto.indicators} == {i.id for i in core_reference.indicators}
    for ref in core_reference.indicators:
        ind = onto.indicator(ref.id)
        assert (ind.label_zh, ind.unit) == (ref.zh, ref.unit)


def test_core_reference_keeps_commas_and_quotes_in_english_labels(core_reference):
    # Both labels are quoted in the YAML: unquoted, the first would be cut at its
    # comma and the second would be a syntax error.
    by_id = {m.id: m for m in core_reference.measures}
    assert len(by_id) == 42
    assert by_id["traditional_knowledge"].en == (
        "traditional knowledge, folk art and intangible heritage"
    )
    assert by_id["three_in_one_trial"].en == (
        '"three-in-one" civil/criminal/administrative IP trials'
    )
    assert by_id["pledge_financing"].hints == ["质押融资", "质押登记", "质押贷款"]
    assert len(core_reference.indicators) == 15


def test_core_reference_reader_refuses_a_malformed_measure(tmp_path: Path):
    path = tmp_path / "core.yaml"
    path.write_text("measures:\n  - {id: x, zh: 甲}\nindicators: []\n", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"measures\.0\.en: Field required"):
        load_core_reference(path)


def test_core_reference_reader_refuses_invalid_yaml(tmp_path: Path):
    path = tmp_path / "core.yaml"
    path.write_text(
        'measures:\n  - {id: x, zh: 甲, en: "a" b, category: protection, hints: []}\n',
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match="is not valid YAML: line 2"):
        load_core_reference(path)


def test_nine_categories_are_top_concepts():
    onto = bundled_ontology()
    assert {c.id for c in onto.categories} == CATEGORIES
    assert all(c.label_zh and c.label_en for c in onto.categories)
    assert {m.category for m in onto.measures} <= CATEGORIES


def test_the_ontology_goes_beyond_the_core_list():
    onto = bundled_ontology()
    assert len(onto.measures) >= 80
    # Measures the brief names and the plans use, found by reading them.
    for label in ("专利快速预审", "行刑衔接", "老字号", "知识产权宣传周", "商标品牌指导站"):
        assert not onto.resolve(label).core


def test_every_outline_clause_c04_to_c21_is_served_by_two_measures():
    onto = bundled_ontology()
    counts = Counter(c for m in onto.measures for c in m.clauses)
    for n in range(4, 22):
        assert counts[f"C{n:02d}"] >= 2, f"C{n:02d} served by {counts[f'C{n:02d}']}"


def test_serves_clause_names_only_outline_clauses():
    clause_ids = {c.id for c in bundled_outline().clauses}
    for m in bundled_ontology().measures:
        assert m.clauses and set(m.clauses) <= clause_ids, m.id


def test_clauses_read_from_the_turtle_as_written():
    # What a reader sees in measures.ttl for two measures.
    onto = bundled_ontology()
    assert onto.measure("open_licensing").clauses == ["C12", "C13"]
    assert onto.measure("protection_center").clauses == ["C10"]
    assert onto.measure("pledge_risk_sharing").implies == ["pledge_financing"]


# -- structure checks and SHACL --------------------------------------------


def test_bundled_graph_passes_every_check(full_graph):
    assert check_broader_cycles(full_graph) == []
    assert check_labels(full_graph) == []
    assert check_shared_altlabels(full_graph) == []
    assert check_context_rules(full_graph) == []
    conforms, report = validate_shapes(full_graph)
    assert conforms, report
    validate(full_graph)


def test_shacl_rejects_a_measure_without_definition(full_graph):
    g = _copy(full_graph)
    g.remove((MEASURE.patent_pool, SKOS.definition, None))
    conforms, report = validate_shapes(g)
    assert not conforms
    assert "patent_pool" in report


def test_shacl_rejects_a_measure_without_chinese_definition(full_graph):
    g = _copy(full_graph)
    zh = [d for d in g.objects(MEASURE.patent_pool, SKOS.definition) if d.language == "zh"]
    assert len(zh) == 1
    g.remove((MEASURE.patent_pool, SKOS.definition, zh[0]))
    conforms, report = validate_shapes(g)
    assert not conforms
    assert "one Chinese definition" in report


def test_shacl_rejects_a_scheme_without_ip_cues(full_graph):
    g = _copy(full_graph)
    g.remove((None, PKG.ipCue, None))
    conforms, report = validate_shapes(g)
    assert not conforms
    assert "IP cues" in report


def test_an_ambiguous_short_label_without_a_rule_is_an_error(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.ip_custody, SKOS.altLabel, Literal("代管", lang="zh")))
    assert check_context_rules(g) == [
        f"{MEASURE.ip_custody} has the short label '代管' without a context rule: declare it "
        "pkg:contextLabel (counts only beside an IP cue), pkg:topicLabel (only beside a cue "
        "of the measure) or pkg:standaloneLabel"
    ]
    g.add((MEASURE.ip_custody, PKG.contextLabel, Literal("代管", lang="zh")))
    assert check_context_rules(g) == []
    # a short label that holds an IP cue needs no rule
    g.add((MEASURE.ip_custody, SKOS.altLabel, Literal("专利托", lang="zh")))
    assert check_context_rules(g) == []


def test_context_rule_declarations_are_checked(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.ip_custody, PKG.contextLabel, Literal("不是标签", lang="zh")))
    g.add((MEASURE.ip_custody, PKG.standaloneLabel, Literal("托管", lang="zh")))
    g.add((MEASURE.patent_pool, PKG.contextLabel, Literal("专利池", lang="zh")))
    g.remove((MEASURE.tcm_ip, PKG.contextCue, None))
    problems = check_context_rules(g)
    assert (
        f"{MEASURE.ip_custody} declares pkg:contextLabel '不是标签', not one of its zh labels"
        in problems
    )
    assert (
        f"{MEASURE.ip_custody} declares '托管' both pkg:contextLabel and pkg:standaloneLabel"
        in problems
    )
    assert any("'专利池' holds the IP cue '专利'" in p for p in problems)
    assert f"{MEASURE.tcm_ip} has topic labels but no pkg:contextCue: they never count" in problems
    assert len(problems) == 4


def test_context_rules_need_ip_cues(full_graph):
    g = _copy(full_graph)
    g.remove((None, PKG.ipCue, None))
    problems = check_context_rules(g)
    assert problems[0].startswith("no concept scheme declares a pkg:ipCue")


def test_context_labels_reach_the_model():
    onto = bundled_ontology()
    assert "保险" in onto.measure("ip_insurance").context_labels
    assert onto.measure("blockchain_evidence").topic_labels == ["区块链", "时间戳"]
    assert "存证" in onto.measure("blockchain_evidence").context_cues
    assert {"知识产权", "专利", "商标"} <= set(onto.ip_cues)


def test_split_labels_reach_the_model():
    onto = bundled_ontology()
    assert "工作纳入…考核" in onto.measure("performance_assessment").split_labels
    assert onto.measure("monitoring_evaluation").split_labels == [
        "实施情况…评估",
        "实施情况…跟踪",
        "成效…评估",
        "落实情况…评估",
    ]
    assert onto.measure("ip_insurance").decoy_labels[:2] == ["保险公司", "保险机构"]


def test_shacl_rejects_a_split_label_without_its_gap(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.performance_assessment, PKG.splitLabel, Literal("纳入考核", lang="zh")))
    conforms, report = validate_shapes(g)
    assert not conforms
    assert "one … between two parts" in report


def test_shacl_rejects_a_measure_with_two_categories(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.patent_pool, SKOS.broader, CATEGORY.finance))
    conforms, report = validate_shapes(g)
    assert not conforms
    assert "exactly one broader" in report


def test_shacl_rejects_a_measure_without_english_label(full_graph):
    g = _copy(full_graph)
    g.remove((MEASURE.patent_pool, SKOS.prefLabel, Literal("patent pools", lang="en")))
    conforms, _ = validate_shapes(g)
    assert not conforms


def test_shacl_rejects_a_clause_link_to_nowhere(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.patent_pool, PKG.servesClause, CLAUSE.C99))
    conforms, _ = validate_shapes(g)
    assert not conforms


def test_broader_cycle_is_reported(full_graph):
    g = _copy(full_graph)
    g.add((CATEGORY.finance, SKOS.broader, MEASURE.pledge_financing))
    problems = check_broader_cycles(g)
    assert len(problems) == 1
    assert "pledge_financing" in problems[0] and "finance" in problems[0]


def test_label_problems_are_reported(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.patent_pool, SKOS.altLabel, Literal("專利池群", lang="zh")))
    g.remove((MEASURE.patent_pool, SKOS.prefLabel, Literal("patent pools", lang="en")))
    problems = check_labels(g)
    assert any("simplified" in p for p in problems)
    assert any("prefLabels in en" in p for p in problems)


def test_shared_label_is_reported_unless_declared(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.patent_navigation, SKOS.altLabel, Literal("专利池", lang="zh")))
    problems = check_shared_altlabels(g)
    assert problems == [
        f"label '专利池' is shared by {MEASURE.patent_navigation} and {MEASURE.patent_pool}"
    ]
    g.add((MEASURE.patent_pool, PKG.sharedLabelWith, MEASURE.patent_navigation))
    assert check_shared_altlabels(g) == []


def test_validate_raises_with_every_problem(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.patent_navigation, SKOS.altLabel, Literal("专利池", lang="zh")))
    with pytest.raises(OntologyError) as err:
        validate(g)
    assert len(err.value.detail) == 1


# -- loading and lookup -------------------------------------------------------


def test_resolve_accepts_ids_labels_both_scripts_and_english():
    onto = bundled_ontology()
    assert onto.resolve("pledge_financing").id == "pledge_financing"
    assert onto.resolve("知识产权质押融资").id == "pledge_financing"
    assert onto.resolve("知識產權質押融資").id == "pledge_financing"
    assert onto.resolve("质押贷款").id == "pledge_financing"  # an altLabel
    assert onto.resolve("開放許可").id == "open_licensing"  # traditional altLabel
    assert onto.resolve("IP Pledge Financing").id == "pledge_financing"
    assert onto.resolve("  patent open licensing ").id == "open_licensing"


def test_resolve_and_measure_raise_not_found():
    onto = bundled_ontology()
    with pytest.raises(NotFound):
        onto.resolve("知识产权月球基地")
    with pytest.raises(NotFound):
        onto.measure("moon_base")


def test_measures_serving_a_clause():
    ids = {m.id for m in bundled_ontology().measures_serving("C08")}
    assert {"technical_investigator", "lawyer_investigation_order", "three_in_one_trial"} <= ids


def test_bad_turtle_is_an_ontology_error(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\nthis is not turtle")
    with pytest.raises(OntologyError):
        load_ontology(bad)
    with pytest.raises(OntologyError):
        load_ontology(tmp_path / "missing.ttl")


def test_measure_with_unknown_category_is_an_ontology_error(tmp_path: Path):
    text = (ontology_dir() / "measures.ttl").read_text(encoding="utf-8")
    broken = text.replace("skos:broader category:finance ;", "skos:broader category:nowhere ;", 1)
    path = tmp_path / "measures.ttl"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(OntologyError, match="unknown category nowhere"):
        load_ontology(path)


def test_all_alt_labels_are_loaded():
    onto = bundled_ontology()
    g = Graph().parse(ontology_dir() / "measures.ttl")
    in_turtle = sum(1 for _ in g.triples((None, SKOS.altLabel, None)))
    assert sum(len(m.alt_labels) for m in onto.measures) == in_turtle


# -- outline as RDF and export ------------------------------------------------


def test_outline_graph_has_document_chapters_clauses_and_targets():
    outline = bundled_outline()
    g = outline_graph(outline)
    clauses = set(g.subjects(None, PKG.Clause))
    assert len(clauses) == 24
    c10 = CLAUSE.C10
    assert str(g.value(c10, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        outline.clause("C10").title
    )
    assert g.value(c10, PKG.inChapter) == URIRef("https://policykg.org/id/chapter/4")
    targets = set(g.objects(None, PKG.hasTarget))
    assert len(targets) == 4
    indicators = {g.value(t, PKG.indicator) for t in targets}
    assert INDICATOR.high_value_invention_patents_per_10k in indicators
    hv = next(t for t in targets if g.value(t, PKG.indicator) == INDICATOR.copyright_industry_share)
    assert g.value(hv, PKG.value).toPython() == pytest.approx(7.5)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_serialisation_round_trips(full_graph, fmt):
    text = serialize(full_graph, fmt)
    back = Graph().parse(data=text, format=fmt)
    assert isomorphic(back, full_graph)


def test_turtle_export_uses_project_prefixes(full_graph):
    text = serialize(full_graph, "turtle")
    assert "@prefix pkg: <https://policykg.org/def#>" in text
    assert "measure:open_licensing" in text


def test_unknown_export_format_is_invalid_input(full_graph):
    with pytest.raises(InvalidInput):
        serialize(full_graph, "rdf/xml")


def test_a_decoy_must_shield_one_of_the_measures_labels(full_graph):
    g = _copy(full_graph)
    g.add((MEASURE.ip_insurance, PKG.decoyLabel, Literal("医疗服务", lang="zh")))
    g.add((MEASURE.ip_insurance, PKG.decoyLabel, Literal("专利保险", lang="zh")))
    assert check_context_rules(g) == [
        f"{MEASURE.ip_insurance} declares pkg:decoyLabel {name!r}, which must hold one of its "
        "zh labels (or a part of a split label) and be none of them"
        for name in ("专利保险", "医疗服务")
    ]
