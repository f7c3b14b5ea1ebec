"""The fact scorer of policykg.plan_eval: it must count right and wrong facts exactly.

A tiny plan is written here, parsed with the real pipeline, and scored against
expectations that are partly wrong on purpose, so each category is seen to fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.commands.eval import _present_sets
from policykg.model import ManifestEntry
from policykg.pipeline import Pipeline
from policykg.plan_eval import (
    ExpectedMetadata,
    ExpectedSection,
    ExpectedTarget,
    NotAdopted,
    PlanExpectation,
    evaluate_bundled,
    evaluate_folder,
    heading_matches,
    score_plan,
)
from policykg.resources import corpus_dir, labels_path

PLAN = """测试市知识产权工作方案
一、发展基础
我市已建成知识产权快速维权中心。
二、主要任务
（一）加强知识产权保护
推进知识产权保护中心建设。到2025年，知识产权质押融资登记金额达到10亿元。（责任单位：市市场监管局、市金融局）
（二）强化知识产权运用
开展专利导航。
"""


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    entry = ManifestEntry.model_validate(
        {"file": "t.txt", "jurisdiction": {"id": "testcity", "name": "测试市", "level": "county"}}
    )
    return Pipeline().parse(PLAN.encode("utf-8"), entry)


def test_heading_match_rules() -> None:
    assert heading_matches("加强知识产权保护", "加强知识产权保护。")
    assert heading_matches("“十三五”时期主要成就", '"十三五"时期主要成就')
    assert heading_matches("强化知识产权政策法规引领", "强化知识产权政策法规引领工作")
    assert not heading_matches("保护", "加强知识产权保护")
    assert not heading_matches("加强知识产权保护", "加强知识产权运用")


def test_every_category_counts_right_and_wrong(doc) -> None:  # type: ignore[no-untyped-def]
    exp = PlanExpectation(
        source="t.txt",
        metadata=ExpectedMetadata(title="测试市知识产权工作方案", issued_on=None),
        sections=[
            ExpectedSection(marker="一、", heading="发展基础", kind="background"),
            ExpectedSection(marker="二、", heading="主要任务", kind="goal"),  # kind wrong
            ExpectedSection(marker="（一）", heading="加强知识产权保护", kind="task"),
            ExpectedSection(marker="（三）", heading="并不存在的标题", kind="task"),  # missing
        ],
        absent_text=["快速维权中心", "不存在的字符串"],
        agencies={"加强知识产权保护": ["市市场监管局", "市金融局"]},
        targets=[
            ExpectedTarget(
                metric="知识产权质押融资登记金额",
                indicator="pledge_financing_amount",
                value=1e9,
                unit="元",
                year=2025,
            )
        ],
        target_count=1,
        adopted=["protection_center", "patent_navigation", "pledge_financing"],
        not_adopted=[NotAdopted(measure="rapid_protection_center", why="review only")],
    )
    score = score_plan(doc, exp)
    cats = score.by_category()
    assert cats["metadata"] == (6, 6)
    assert cats["sections"] == (3, 4)
    assert cats["kinds"] == (2, 4)  # 主要任务 is a task, the missing one cannot be right
    # the unlisted （二）强化知识产权运用 is an invented heading as far as the
    # expectation knows: one extra-section error
    assert cats["extra_sections"] == (0, 1)
    assert cats["absent_text"] == (1, 2)  # 快速维权中心 is in the review text
    assert cats["agencies"] == (1, 1)
    assert cats["targets"] == (1, 1)
    assert cats["target_count"] == (1, 1)
    assert cats["adopted"] == (3, 3)
    assert cats["not_adopted"] == (1, 1)
    assert score.right == 19 and score.total == 24


def test_bundled_plans_recover_every_golden_fact() -> None:
    data = Path(__file__).parent / "data"
    report = evaluate_bundled(corpus_dir(), data, labels_path("adoption_labels.yaml"))
    assert sorted(p.plan for p in report.plans) == [
        "chongqing",
        "guangxi",
        "heyuan",
        "hohhot",
        "ningbo",
    ]
    # 6 metadata facts per plan and 42 adoption judgements per plan, as the files say
    assert (
        sum(t for p in report.plans for c, (_, t) in p.by_category().items() if c == "metadata")
        == 30
    )
    adoption = sum(
        t
        for p in report.plans
        for c, (_, t) in p.by_category().items()
        if c in ("adopted", "not_adopted")
    )
    assert adoption == 210
    assert report.failures() == [], report.failures()


# Floors a little below the pooled share measured on each fixture set (see the
# README's Evaluation table: dev 99.9 %, heldout 99.9 %, heldout2 100.0 %,
# heldout3 100.0 %, heldout4 99.9 %). All five sets have been read while the rules
# were written (heldout2 after its first measurement, 80.6 %; heldout3 after its
# first, 92.9 %; heldout4 after its first, 80.1 %), so these guard against
# regressions; they are not unseen-plan figures.
FLOORS = {"fixtures": 0.99, "heldout": 0.99, "heldout2": 0.98, "heldout3": 0.98, "heldout4": 0.98}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_fixture_sets_keep_their_floor(folder: str) -> None:
    report = evaluate_folder(Path(__file__).parent / "data" / folder)
    assert report.share >= FLOORS[folder], (report.right, report.total, report.failures())
    # every plan of the set is scored and none is far below the pool
    assert all(p.share >= FLOORS[folder] - 0.06 for p in report.plans), [
        (p.plan, p.share) for p in report.plans
    ]


def test_eval_plans_defaults_to_the_sets_present(tmp_path: Path) -> None:
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "manifest.yaml").write_text("plans: []\n", encoding="utf-8")
    (tmp_path / "heldout").mkdir()  # a folder without a manifest is no plan set
    (tmp_path / "hohhot.expected.json").write_text("{}", encoding="utf-8")
    assert _present_sets(tmp_path) == (
        ["bundled", "dev"],
        ["heldout", "heldout2", "heldout3", "heldout4"],
    )


def test_a_target_in_the_wrong_unit_is_wrong(doc) -> None:  # type: ignore[no-untyped-def]
    def score(unit: str) -> tuple[int, int]:
        exp = PlanExpectation(
            source="t.txt",
            metadata=ExpectedMetadata(title="测试市知识产权工作方案"),
            sections_complete=False,
            targets=[
                ExpectedTarget(indicator="pledge_financing_amount", value=1e9, unit=unit, year=2025)
            ],
        )
        return score_plan(doc, exp).by_category()["targets"]

    assert score("元") == (1, 1)
    assert score("件") == (0, 1)
