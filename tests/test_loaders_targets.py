"""What is a target and what is not, on sentences written for the test.

Each test states one convention (a look back, a term a 办法 sets, a goal stated
once in a preamble, the indicator a phrasing names) and covers variants beyond
the one a plan set shows. None of these lines is taken from a corpus or
fixture plan.
"""

from __future__ import annotations

import pytest

from policykg.loaders import load_document
from policykg.loaders.normalise import normalise_text
from policykg.loaders.targets import find_targets, looks_back, map_indicator
from policykg.model import Document, Jurisdiction, ManifestEntry

TOWN = Jurisdiction(id="sometown", name="某县", level="county")


def load(text: str) -> Document:
    return load_document(text.encode("utf-8"), ManifestEntry(file="t.txt", jurisdiction=TOWN))


def values(text: str, current_year: int | None = 2025) -> list[tuple[float, str]]:
    return [
        (t.value, t.unit) for t in find_targets(normalise_text(text), current_year=current_year)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "近年来，全县知识产权工作成效明显，有效发明专利拥有量达到5860件。",
        "近几年，园区累计获得中国专利奖12项。",
        "“十四五”以来，全市建成快速维权中心3家。",
        "2021年以来，全省新增地理标志证明商标15件。",
        "过去五年，全市专利质押登记金额超过90亿元。",
        "目前，全市已建成维权援助工作站10家。",
        "截至目前，全县共有知识产权服务机构46家。",
    ],
)
def test_an_opening_that_reports_the_past_or_the_present_is_a_look_back(sentence: str) -> None:
    assert looks_back(normalise_text(sentence), 2025)
    assert values(sentence) == []


def test_a_look_back_that_sets_a_year_ahead_is_a_goal() -> None:
    text = "近年来，全县专利工作进展明显，到2027年，有效发明专利拥有量达到800件。"
    assert values(text) == [(800, "件")]


@pytest.mark.parametrize(
    "sentence",
    [
        # time limits of a procedure
        "合作银行应当在贷款发放后30个工作日内办理备案。",
        "审核通过的，由县财政局在15个工作日内拨付资金。",
        "受理机构应于收到申请后10日内作出答复。",
        # leverage, interest margins, caps and a fund's size
        "合作银行应当按照不低于风险补偿资金存放额10倍的规模发放贷款。",
        "贷款年利率不高于同期贷款市场报价利率加50个基点。",
        "单笔贷款补偿金额最高不超过200万元。",
        "风险补偿资金首期规模为5000万元，根据需要动态补充。",
        # conditions
        "贷款逾期满90天且合作银行已采取追偿措施的，可以申请补偿。",
        "不良率回落至5%以下后，经确认恢复合作。",
        # an amount per item
        "按指定国家数量给予资助，每个国家3000元，每件商标最多资助10个国家。",
    ],
)
def test_the_terms_a_scheme_sets_are_not_targets(sentence: str) -> None:
    assert values(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a duration the plan shortens is a target
        ("到2027年，专利快速预审平均授权周期压缩至6个月以内。", [(6, "个月")]),
        # per 10,000 people is a target, not an amount per item
        ("到2027年，每万人口高价值发明专利拥有量达到12件。", [(12, "件")]),
        ("每年组织专利转化对接活动不少于6场。", [(6, "场")]),
    ],
)
def test_durations_and_per_capita_goals_stay_targets(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    assert values(sentence) == expected


def test_a_clause_without_a_subject_takes_what_the_clause_before_names() -> None:
    found = find_targets(
        normalise_text("加快技术与创新支持中心（TISC）布局，到2030年全省达到12家。"),
        current_year=2026,
    )
    assert [(t.value, t.unit, t.year) for t in found] == [(12, "家", 2030)]
    assert "技术与创新支持中心" in found[0].metric


@pytest.mark.parametrize(
    ("metric", "unit", "indicator"),
    [
        ("园区有效发明专利拥有量", "件", "valid_invention_patents"),
        ("全县有效发明专利拥有量", "件", "valid_invention_patents"),
        ("本区每万人口高价值发明专利拥有量", "件", "high_value_invention_patents_per_10k"),
        ("知识产权质押融资额三年累计", "元", "pledge_financing_amount"),
        ("知识产权质押贷款额", "元", "pledge_financing_amount"),
        ("地理标志证明商标和地理标志保护产品", "件", "gi_count"),
        ("地理标志产品和地理标志商标总数", "件", "gi_count"),
        # one kind alone is not the count
        ("地理标志证明商标", "件", None),
        # the jurisdictions of a joint plan together, a stock without its suffix
        ("两市有效发明专利总量", "件", "valid_invention_patents"),
        ("三省发明专利授权量", "件", None),
        ("有效发明专利", "件", "valid_invention_patents"),
        # pledge financing in money is its amount; counted in firms it is not
        ("知识产权质押融资", "元", "pledge_financing_amount"),
        ("知识产权质押融资三年累计", "元", "pledge_financing_amount"),
        ("知识产权质押融资", "家", None),
        ("主要预期目标：知识产权质押融资登记金额", "元", "pledge_financing_amount"),
    ],
)
def test_scopes_and_phrasings_of_the_canonical_indicators(
    metric: str, unit: str, indicator: str | None
) -> None:
    assert map_indicator(metric, unit) == indicator


# --- where targets are read ----------------------------------------------------------------


MEASURES_WITH_GOALS_IN_THE_PREAMBLE = (
    "某县促进知识产权发展若干措施\n"
    "2024年，全县有效发明专利达到352件。为加快建设知识产权强县，力争到2027年，全县每万人口"
    "高价值发明专利拥有量达到6件，知识产权质押融资年登记金额突破5亿元，结合实际，制定以下措施。\n"
    "一、支持专利转化。对实施转化的企业给予最高20万元奖励。（责任单位：县市场监管局）\n"
    "二、支持商标注册。每件商标资助1000元。（责任单位：县市场监管局）\n"
)


def test_goals_stated_once_in_the_preamble_of_a_plan_without_a_goal_section() -> None:
    doc = load(MEASURES_WITH_GOALS_IN_THE_PREAMBLE)
    assert [(t.value, t.unit, t.year, t.indicator) for t in doc.targets] == [
        (6, "件", 2027, "high_value_invention_patents_per_10k"),
        (5e8, "元", 2027, "pledge_financing_amount"),
    ]


def test_a_preamble_restating_the_goal_section_adds_no_targets() -> None:
    doc = load(
        "某县知识产权强县建设方案\n"
        "为加快建设知识产权强县，力争到2027年，全县有效发明专利拥有量达到800件，制定本方案。\n"
        "一、工作目标\n到2027年，全县有效发明专利拥有量达到800件。\n"
        "二、重点任务\n（一）培育高价值专利\n支持企业建设培育中心。\n"
    )
    assert [(t.value, t.unit) for t in doc.targets] == [(800, "件")]


def test_orientation_definitions_and_attachments_state_no_targets() -> None:
    doc = load(
        "某县知识产权工作方案\n"
        "一、指导思想\n坚持创新驱动，推动全县专利拥有量达到1000件以上的规模。\n"
        "二、工作目标\n到2026年，全县有效发明专利拥有量达到800件。\n"
        "三、重点任务\n（一）培育高价值专利\n建设培育中心3家。\n"
        "附件\n重点任务清单\n"
        "序号\t任务方向\t具体任务\t责任单位\t完成时限\n"
        "1\t培育创造\t建设培育中心3家\t县市场监管局\t2026年\n"
        "2\t人才培养\t培养专业人才100名\t县人社局\t2026年\n"
    )
    assert sorted((t.value, t.unit) for t in doc.targets) == [(3, "家"), (800, "件")]


def test_an_indicator_table_in_an_attachment_is_still_read() -> None:
    doc = load(
        "某县知识产权工作方案\n"
        "一、重点任务\n（一）培育高价值专利\n支持企业建设培育中心。\n"
        "附件\n主要指标\n"
        "指标名称\t2025年\t2027年\t属性\n"
        "有效发明专利拥有量（件）\t600\t800\t预期性\n"
    )
    assert [(t.value, t.year, t.baseline) for t in doc.targets] == [(800, 2027, 600)]
