"""Clause linker on the bundled corpus: facts from the plans, accuracy floor.

The five plans are loaded with the real loaders and tagged with the bundled
ontology, then linked. Expectations come from reading data/corpus/*.txt; the
accuracy floor is the leave-one-plan-out figure measured when the weights were
last fitted, rounded down (see data/labels/README.md, "Clause labels").
"""

from __future__ import annotations

import pytest

from policykg.linker import (
    Linker,
    default_measure_clauses,
    evaluate_clauses,
    load_weights,
    refit_weights,
)
from policykg.linker.evaluation import find_unit, load_heading_labels, load_labels
from policykg.linker.features import FEATURES
from policykg.loaders import load_document
from policykg.loaders.manifest import load_manifest
from policykg.model import LINKABLE_KINDS, Document
from policykg.ontology.outline import bundled_outline
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import bundled_ontology
from policykg.resources import corpus_dir, labels_path

LABELS = labels_path("clause_labels.yaml")
#: Leave-one-plan-out accuracy reached on the labels, rounded down.
FLOOR_TOP1 = 0.92
FLOOR_TOP3 = 0.98
#: Held-out share of stored links (items and section headings) judged correct,
#: per plan, when measured (chongqing 0.818, guangxi 0.875, heyuan 0.721,
#: hohhot 0.851, ningbo 0.821), rounded down a little.
FLOOR_LINKS = {"chongqing": 0.78, "guangxi": 0.84, "heyuan": 0.69, "hohhot": 0.82, "ningbo": 0.79}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    tagger = Tagger(bundled_ontology())
    linker = Linker(bundled_outline(), default_measure_clauses())
    docs = {}
    for entry in load_manifest(corpus_dir() / "manifest.yaml"):
        doc = load_document((corpus_dir() / entry.file).read_bytes(), entry)
        tagger.tag_document(doc)
        linker.link_document(doc)
        docs[entry.jurisdiction.id] = doc
    return docs


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(bundled_outline(), default_measure_clauses())


def _first(doc: Document, heading: str) -> str:
    unit = find_unit(doc, heading)
    assert unit.clauses, f"{heading} was not linked"
    return unit.clauses[0].clause_id


@pytest.mark.parametrize(
    ("plan", "heading", "clause"),
    [
        # guangxi item 5: 审判机构, 三合一, 律师调查令, 检察监督 -> judicial protection.
        ("guangxi", "健全司法保护体制", "C08"),
        # guangxi item 18: RCEP platforms, 海外纠纷应对, 国际标准 -> international network.
        ("guangxi", "建设国际区域合作平台", "C21"),
        # hohhot item 15 and ningbo (十四): pledge financing, insurance -> market operation.
        ("hohhot", "加大知识产权质押融资工作力度", "C13"),
        ("ningbo", "推进知识产权投融资和保险", "C13"),
        # heyuan 专栏4 知识产权金融创新工程: 质押融资 targets.
        ("heyuan", "知识产权金融创新工程", "C13"),
        # chongqing 15: 协同保护机制, 保护中心 -> coordinated protection.
        ("chongqing", "深化知识产权协同保护机制改革", "C10"),
        # guarantees: organisation and money.
        ("heyuan", "加强组织领导", "C22"),
        ("guangxi", "加强条件保障", "C23"),
    ],
)
def test_units_link_first_to_the_clause_they_implement(
    documents: dict[str, Document], plan: str, heading: str, clause: str
) -> None:
    assert _first(documents[plan], heading) == clause


def test_only_guangxi_mirrors_the_outline_numbering(
    documents: dict[str, Document], linker: Linker
) -> None:
    guangxi = linker.numbering(documents["guangxi"])
    # 21 items, item n implementing clause C(n+3).
    assert len(guangxi) == 21
    by_heading = {documents["guangxi"].unit(uid).heading: cid for uid, cid in guangxi.items()}
    assert by_heading[find_unit(documents["guangxi"], "完善法规制度").heading] == "C04"
    assert by_heading[find_unit(documents["guangxi"], "加强考核评估").heading] == "C24"
    # hohhot (1-26) and ningbo （一）-（二十四） number continuously too, by theme.
    for plan in ("hohhot", "heyuan", "ningbo", "chongqing"):
        assert linker.numbering(documents[plan]) == {}, plan


def test_links_are_calibrated_ranked_and_capped(documents: dict[str, Document]) -> None:
    linked = 0
    for doc in documents.values():
        for unit in doc.units:
            if unit.kind not in LINKABLE_KINDS:
                assert unit.clauses == [], unit.id
                continue
            assert len(unit.clauses) <= 3
            assert [c.rank for c in unit.clauses] == list(range(1, len(unit.clauses) + 1))
            scores = [c.score for c in unit.clauses]
            assert all(0.3 <= s <= 1.0 for s in scores)
            assert scores == sorted(scores, reverse=True)
            linked += bool(unit.clauses)
    assert linked > 100


def test_reviews_of_the_past_are_never_linked(documents: dict[str, Document]) -> None:
    # heyuan.txt 一、发展基础与形势 reviews the 13th five-year period.
    background = [u for u in documents["heyuan"].units if u.kind == "background"]
    assert any("发展基础" in u.heading for u in background)
    assert all(u.clauses == [] for u in background)


def test_cross_validated_accuracy_floor(documents: dict[str, Document]) -> None:
    report = evaluate_clauses(list(documents.values()), LABELS)
    assert report.cross_validated
    assert report.n >= 60
    assert report.top1 >= FLOOR_TOP1, report.to_table()
    assert report.top3 >= FLOOR_TOP3, report.to_table()
    assert "top-1" in report.to_table()
    # Calibration, out of sample: high scores are nearly always right, low ones
    # nearly never, and most stored links are right.
    bins = {lo: (n, share) for lo, _, n, share in report.reliability}
    assert bins[0.9][1] >= 0.9
    assert bins[0.0][1] <= 0.05
    assert report.stored_precision >= 0.75
    assert report.linked_share >= 0.95


def test_bundled_weights_are_fitted_on_the_current_labels(documents: dict[str, Document]) -> None:
    fresh = refit_weights(list(documents.values()), LABELS, out=None)
    bundled = load_weights()
    for name in FEATURES:
        assert fresh.coef[name] == pytest.approx(bundled.coef[name], abs=0.05), (
            f"linker/weights.yaml is stale ({name}); refit with "
            "policykg.linker.evaluation.refit_weights(documents, labels_path)"
        )
    assert fresh.meta["labelled_units"] == bundled.meta["labelled_units"]


def test_section_headings_are_labelled_and_their_links_scored(
    documents: dict[str, Document],
) -> None:
    headings = load_heading_labels(LABELS)
    items = {find_unit(documents[x.jurisdiction], x.heading).id for x in load_labels(LABELS)}
    for label in headings:
        unit = find_unit(documents[label.jurisdiction], label.heading)
        # a section heading: other units hang under it, and no item label names it
        assert any(u.parent_id == unit.id for u in documents[label.jurisdiction].units)
        assert unit.id not in items
    # every section heading the bundled linker links has a label
    labelled = {find_unit(documents[x.jurisdiction], x.heading).id for x in headings}
    for doc in documents.values():
        parents = {u.parent_id for u in doc.units}
        for unit in doc.units:
            if unit.clauses and unit.id in parents and unit.id not in items:
                assert unit.id in labelled, (doc.id, unit.heading)
    report = evaluate_clauses(list(documents.values()), LABELS)
    assert report.headings == len(headings) == 33
    assert report.heading_links_correct >= 0.9 * report.heading_links, report.to_table()


def test_stored_link_precision_per_plan_keeps_its_floor(documents: dict[str, Document]) -> None:
    report = evaluate_clauses(list(documents.values()), LABELS)
    assert set(report.links_per_plan) == set(FLOOR_LINKS)
    for plan, floor in FLOOR_LINKS.items():
        items, items_ok, heads, heads_ok = report.links_per_plan[plan]
        assert (items_ok + heads_ok) / (items + heads) >= floor, report.to_table()


def test_section_heading_links_are_judged_against_their_labels(
    documents: dict[str, Document],
) -> None:
    # hohhot （六）深化知识产权交流合作，更高层次助力区域协调发展 is linked to C05:
    # 区域协调发展 is the outline's regional IP strategy (C05), so it is accepted.
    # heyuan 优化知识产权事业发展环境 names no clause and its items mainly implement
    # C05 and C18, so a link to C19 is rejected.
    report = evaluate_clauses(list(documents.values()), LABELS, cross_validate=False)
    wrong = {(w.jurisdiction, w.heading, w.clause) for w in report.wrong_links if w.section}
    hohhot = find_unit(documents["hohhot"], "深化知识产权交流合作，更高层次助力区域协调发展")
    assert [c.clause_id for c in hohhot.clauses] == ["C05"]
    assert not any(j == "hohhot" and h == hohhot.heading for j, h, _ in wrong)
    assert ("heyuan", "优化知识产权事业发展环境", "C19") in wrong
