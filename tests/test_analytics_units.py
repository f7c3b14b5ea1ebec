"""Edge cases of the analytics on small hand-made snapshots (no graph server needed).

The corpus tests (tests/test_analytics.py) check facts of the five plans; these
pin the rules for situations the corpus does not show: every adopter undated,
plans that share nothing, a jurisdiction with several plans.
"""

from __future__ import annotations

import pytest

from policykg.analytics import AnalyticsData, centrality, communities, diffusion, gaps, similarity
from policykg.services.records import (
    ClauseInfo,
    DocumentInfo,
    Implementation,
    JurisdictionInfo,
    MeasureInfo,
    Mention,
    UnitRef,
)


def _plan(doc: str, issued: str | None) -> DocumentInfo:
    return DocumentInfo(doc, None, issued, "final")


def _snapshot(
    plans: dict[str, list[DocumentInfo]],
    adoptions: dict[str, dict[str, str]],
    levels: dict[str, str] | None = None,
    coverage: dict[str, list[str]] | None = None,
) -> AnalyticsData:
    """adoptions: jurisdiction -> measure -> document id of the adopting unit."""
    js = {
        j: JurisdictionInfo(j, j.upper(), (levels or {}).get(j, "prefecture_city"), None, tuple(ps))
        for j, ps in plans.items()
    }
    measures = [
        MeasureInfo(m, m, m, category_id="finance", core=m.startswith("core"))
        for m in sorted({m for ms in adoptions.values() for m in ms})
    ]
    measures.append(MeasureInfo("core_nobody", "x", "x", core=True))
    mentions = [
        Mention(j, m, UnitRef(f"{doc}/1", doc, heading="heading"), True, sentence=f"{j} adopts {m}")
        for j, ms in adoptions.items()
        for m, doc in ms.items()
    ]
    links = [
        Implementation(j, c, UnitRef(f"{j}-doc/2", f"{j}-doc"), score=0.5, rank=1)
        for j, cs in (coverage or {}).items()
        for c in cs
    ]
    clauses = [ClauseInfo(c, c) for c in ("C01", "C02", "C03")]
    return AnalyticsData.from_records(js.values(), measures, clauses, mentions, links)


def test_all_adopters_undated_means_no_first_adopter() -> None:
    data = _snapshot(
        {"a": [_plan("a-doc", None)], "b": [_plan("b-doc", None)]},
        {"a": {"m": "a-doc"}, "b": {"m": "b-doc"}},
    )
    (d,) = diffusion(data).measures
    assert d.first_adopter is None
    assert d.undated_adopters == ["a", "b"]
    assert d.order_uncertain


def test_a_single_undated_adopter_is_a_certain_local_innovation() -> None:
    data = _snapshot(
        {"a": [_plan("a-doc", None)], "b": [_plan("b-doc", "2021-01-01")]},
        {"a": {"m": "a-doc"}, "b": {"n": "b-doc"}},
    )
    report = diffusion(data)
    m = next(d for d in report.measures if d.measure == "m")
    assert m.local_innovation and not m.order_uncertain and m.first_adopter is None
    assert {(i.measure, i.jurisdiction) for i in report.local_innovations} == {
        ("m", "a"),
        ("n", "b"),
    }


def test_the_earliest_adopting_plan_of_a_jurisdiction_counts() -> None:
    # "a" adopts m only in its 2023 plan, so it follows "b" (2022) despite its 2020 plan
    data = _snapshot(
        {
            "a": [_plan("a-2020", "2020-05-01"), _plan("a-2023", "2023-05-01")],
            "b": [_plan("b-2022", "2022-05-01")],
        },
        {"a": {"m": "a-2023"}, "b": {"m": "b-2022"}},
    )
    (d,) = diffusion(data).measures
    assert [a.jurisdiction for a in d.adopters] == ["b", "a"]
    assert d.adopters[1].document_id == "a-2023"
    assert [t.document_id for t in diffusion(data).timeline] == ["a-2020", "b-2022", "a-2023"]


def test_plans_sharing_nothing() -> None:
    data = _snapshot(
        {"a": [_plan("a-doc", "2021-01-01")], "b": [_plan("b-doc", "2022-01-01")]},
        {"a": {"m1": "a-doc"}, "b": {"m2": "b-doc"}},
        levels={"a": "province", "b": "municipality"},
    )
    (pair,) = similarity(data).pairs
    assert pair.measures.jaccard == 0.0 and pair.measures.cosine == 0.0
    assert pair.clauses.jaccard == 0.0  # neither covers a clause: 0, not undefined
    report = communities(data)
    assert report.modularity is None and [c.size for c in report.communities] == [1, 1]
    assert report.notes
    rows = {r.measure: r for r in centrality(data).measures}
    assert rows["m1"].adopters == 1 and rows["m1"].degree == 0.5


def test_gaps_rules() -> None:
    data = _snapshot(
        {
            "a": [_plan("a-doc", "2021-01-01")],
            "b": [_plan("b-doc", "2022-01-01")],
            "c": [_plan("c-doc", "2023-01-01")],
        },
        {
            "a": {"core_x": "a-doc"},
            "b": {"core_y": "b-doc", "other": "b-doc"},
            "c": {"core_y": "c-doc"},
        },
        coverage={"a": ["C01"], "b": ["C02"]},
    )
    report = gaps(data, "a")
    assert [c.clause for c in report.missing_clauses] == ["C02", "C03"]
    assert [p.jurisdiction for p in report.missing_clauses[0].peers] == ["b"]
    assert report.missing_clauses[1].peers == []
    # only core measures, only those some peer adopts; the rest listed apart
    assert [g.measure for g in report.missing_core_measures] == ["core_y"]
    assert [p.jurisdiction for p in report.missing_core_measures[0].peers] == ["b", "c"]
    assert report.missing_core_measures[0].peers[0].units[0].sentence == "b adopts core_y"
    assert report.core_measures_nobody_adopts == ["core_nobody"]
    assert report.core_measures_adopted == 1 and report.core_measures_total == 3
    narrowed = gaps(data, "a", peers=["c"])
    assert [p.jurisdiction for p in narrowed.missing_core_measures[0].peers] == ["c"]
    assert [c.clause for c in narrowed.missing_clauses if c.peers] == []


@pytest.mark.parametrize("resolution", [0, -1.0])
def test_communities_need_a_positive_resolution(resolution: float) -> None:
    from policykg.errors import InvalidInput

    data = _snapshot({"a": [_plan("a-doc", None)]}, {"a": {"m": "a-doc"}})
    with pytest.raises(InvalidInput):
        communities(data, resolution=resolution)
