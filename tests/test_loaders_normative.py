"""Conventions of normative documents and outline layouts, on lines written for the test.

The 章节条 style of a 办法 or 规定 (条, 款, 项, 目), decimal outlines, the phases
of carrying a plan out. Each test states one convention and covers variants
beyond the one a plan set happens to show. None of these lines is taken from a
corpus or fixture plan.
"""

from __future__ import annotations

import pytest

from policykg.loaders import load_document
from policykg.loaders.agencies import article_agencies, names_of
from policykg.loaders.kinds import article_kind, heading_kind
from policykg.model import Document, Jurisdiction, ManifestEntry

TOWN = Jurisdiction(id="sometown", name="某县", level="county")


def load(text: str, name: str = "t.txt") -> Document:
    return load_document(text.encode("utf-8"), ManifestEntry(file=name, jurisdiction=TOWN))


def headings(doc: Document) -> list[tuple[str | None, str, str]]:
    return [
        (u.marker, u.heading, u.kind)
        for u in doc.units
        if u.id.split("/")[-1] not in ("preamble", "notice")
    ]


MEASURES = (
    "某县专利转化奖励资金管理办法\n"
    "第一章　总则\n"
    "第一条　为规范专利转化奖励资金管理，根据有关规定，结合本县实际，制定本办法。\n"
    "第二条　本办法所称奖励资金，是指县级财政安排用于奖励专利转化的专项资金。\n"
    "第三条　本办法适用于在本县登记注册的企业。\n"
    "第四条　奖励资金坚持公开公正、注重绩效的原则。\n"
    "第五条　到2026年，全县专利转化许可合同登记力争达到200件。\n"
    "第六条　奖励资金由县市场监管局、县财政局和县科技局按照职责分工共同管理。\n"
    "第二章　支持对象\n"
    "第七条　申请奖励的企业应当具备下列条件：\n"
    "（一）在本县依法登记，具有独立法人资格；\n"
    "（二）近三年无严重失信记录；\n"
    "1.未被列入经营异常名录；\n"
    "（三）专利处于有效状态。\n"
    "第三章　奖励标准\n"
    "第八条　对受让高校专利并实施的企业，按技术合同成交额的10%给予奖励，单个企业每年"
    "最高不超过30万元。奖励资金按年度拨付。\n"
    "第九条　奖励资金实行专款专用、单独核算。\n"
    "第十条　同一项目已获得其他财政资金支持的，不重复享受。\n"
    "第四章　申请与受理\n"
    "第十一条　企业于每年3月底前向县市场监管局提出申请。\n"
    "第十二条　县市场监管局会同县财政局对申请材料进行审核，审核结果向社会公示。\n"
    "第五章　附则\n"
    "第十三条　本办法由县市场监管局、县财政局负责解释。\n"
    "第十四条　本办法自2025年7月1日起施行，有效期3年。\n"
)


def test_items_of_an_article_are_its_text_and_untitled_articles_are_cited_by_their_sentence() -> (
    None
):
    doc = load(MEASURES)
    got = headings(doc)
    # no （一） or 1. under 第七条 became a heading
    assert [m for m, _, _ in got if m and not m.startswith("第")] == []
    article = next(u for u in doc.units if u.marker == "第七条")
    assert article.heading == "申请奖励的企业应当具备下列条件"  # no closing ：
    assert "（二）近三年无严重失信记录；" in article.text
    assert "1.未被列入经营异常名录；" in article.text
    # an untitled article's first sentence is its heading, even when long
    eighth = next(u for u in doc.units if u.marker == "第八条")
    assert eighth.heading == (
        "对受让高校专利并实施的企业，按技术合同成交额的10%给予奖励，单个企业每年最高不超过30万元"
    )


def test_articles_are_judged_by_their_own_words_before_their_chapter() -> None:
    kinds = {m: k for m, _, k in headings(load(MEASURES))}
    assert kinds == {
        "第一章": "other",
        "第一条": "other",  # purpose
        "第二条": "other",  # definition
        "第三条": "other",  # scope
        "第四条": "other",  # principles
        "第五条": "goal",  # the goal article, in 总则
        "第六条": "guarantee",  # who manages, in 总则
        "第二章": "other",  # who may apply
        "第七条": "other",
        "第三章": "task",
        "第八条": "task",
        "第九条": "guarantee",  # the account, in a task chapter
        "第十条": "guarantee",  # no double support, in a task chapter
        "第四章": "guarantee",  # 申请与受理
        "第十一条": "guarantee",
        "第十二条": "guarantee",
        "第五章": "guarantee",
        "第十三条": "guarantee",
        "第十四条": "guarantee",
    }


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("为加强资金管理，根据有关规定，制定本细则", "other"),
        ("发展资金支持对象为本市依法登记注册的企事业单位", "other"),
        ("本规定所称知识产权，包括专利、商标和著作权", "other"),
        ("符合以下条件的企业可以申请资助", "other"),
        ("至2030年，全市专利质押登记金额达到50亿元", "goal"),
        ("力争到2027年底，建成服务网点10家", "goal"),
        ("资助资金实行专账管理", "guarantee"),
        ("同一事项不得重复申报", "guarantee"),
        ("本细则自印发之日起施行", "guarantee"),
        ("对以欺骗手段套取资金的，依法追回", "guarantee"),
        ("合作机构由市知识产权局公开遴选", "guarantee"),
        # a titled article: its title's words, as for any section
        ("资金管理", "guarantee"),
        ("支持专利导航", None),
        ("合作银行应当设立专门岗位", None),
    ],
)
def test_article_words(sentence: str, kind: str | None) -> None:
    assert article_kind(sentence) == kind


def test_an_article_names_who_carries_its_duty_in_its_first_sentence() -> None:
    doc = load(MEASURES)
    agencies = {u.marker: u.agencies for u in doc.units if u.agencies}
    assert agencies == {
        "第六条": ["县市场监管局", "县财政局", "县科技局"],
        "第十二条": ["县市场监管局", "县财政局"],
        "第十三条": ["县市场监管局", "县财政局"],
    }


@pytest.mark.parametrize(
    ("sentence", "agencies"),
    [
        (
            "合作机构由市市场监管局会同市财政局、市科技局公开遴选确定。",
            ["市市场监管局", "市财政局", "市科技局"],
        ),
        ("市财政局会同市市场监管局对资金使用情况开展绩效评价。", ["市财政局", "市市场监管局"]),
        ("区知识产权局每年向社会公布评价结果。", ["区知识产权局"]),
        ("本办法由区知识产权局负责解释。", ["区知识产权局"]),
        # the subject is a bank or a fund, not a public body: nobody
        ("合作银行应当在30个工作日内办理备案。", []),
        ("由风险补偿资金、合作银行和担保机构按照比例分担。", []),
        ("风险补偿资金由市级财政预算安排。", []),
    ],
)
def test_article_agencies(sentence: str, agencies: list[str]) -> None:
    assert article_agencies(sentence) == agencies


def test_and_separates_two_names_only_where_each_reads_as_one() -> None:
    assert names_of("市财政局和中国人民银行某市分行") == ["市财政局", "中国人民银行某市分行"]
    assert names_of("县科技局及县教育局") == ["县科技局", "县教育局"]
    assert names_of("市人力资源和社会保障局、市工业和信息化局") == [
        "市人力资源和社会保障局",
        "市工业和信息化局",
    ]


# --- decimal outlines ----------------------------------------------------------------------


def test_a_decimal_outline_uses_its_first_level_as_chapters() -> None:
    doc = load(
        "某县专利导航行动计划\n"
        "1. 总体要求\n"
        "1.1 指导思想\n坚持创新驱动。\n"
        "1.2 工作目标\n到2026年，完成导航项目5个。\n"
        "2. 重点任务\n"
        "2.1 开展产业导航\n"
        "2.1.1 建设导航基地。依托园区建设导航服务基地。\n"
        "2.1.2 培育导航机构。引进导航服务机构。\n"
        "2.2 推广导航成果\n发布导航报告。\n"
        "3. 保障措施\n"
        "3.1 加强组织领导\n成立工作专班。\n"
        "3.2 强化经费保障\n安排专项经费。\n"
        "4. 附则\n本计划自印发之日起实施。\n"
    )
    by_marker = {u.marker: u for u in doc.units}
    assert by_marker["2."].parent_id is None  # not an item under 1.2
    assert by_marker["2.1.2"].parent_id == by_marker["2.1"].id
    assert by_marker["2.1"].parent_id == by_marker["2."].id
    assert by_marker["4."].parent_id is None  # a chapter with text only
    assert [(m, k) for m, _, k in headings(doc)] == [
        ("1.", "other"),
        ("1.1", "other"),
        ("1.2", "goal"),
        ("2.", "task"),
        ("2.1", "task"),
        ("2.1.1", "task"),
        ("2.1.2", "task"),
        ("2.2", "task"),
        ("3.", "guarantee"),
        ("3.1", "guarantee"),
        ("3.2", "guarantee"),
        ("4.", "guarantee"),
    ]


def test_items_restarting_inside_a_decimal_section_stay_items() -> None:
    doc = load(
        "某县工作方案\n"
        "1. 总体要求\n1.1 工作目标\n到2026年，建成网点3家。\n"
        "2. 主要任务\n2.1 强化保护\n"
        "1.建设维权站。在园区设立工作站。\n"
        "2.开展执法。开展专项行动。\n"
    )
    by_heading = {u.heading: u for u in doc.units}
    assert by_heading["开展执法"].parent_id == by_heading["强化保护"].id
    assert by_heading["主要任务"].parent_id is None


# --- phases and funds ----------------------------------------------------------------------


def test_the_phases_of_carrying_out_a_plan_are_guarantees() -> None:
    doc = load(
        "某县知识产权强县建设实施方案\n"
        "一、重点任务\n（一）培育高价值专利\n支持企业建设培育中心。\n"
        "二、工作步骤\n"
        "（一）宣传发动阶段（2025年5月—6月）\n制定工作方案。\n"
        "（二）全面推进阶段（2025年7月—2026年10月）\n各单位按照分工推进。\n"
        "（三）验收总结阶段\n开展评估。\n"
    )
    assert [k for _, _, k in headings(doc)] == ["task", "task"] + ["guarantee"] * 4


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("实施步骤", "guarantee"),
        ("进度安排", "guarantee"),
        ("时间安排", "guarantee"),
        ("实施步骤和要求", "guarantee"),
        ("动员部署阶段（2025年6月—7月）", "guarantee"),
        ("巩固提升阶段", "guarantee"),
        ("第一阶段（2025年6月）：动员部署", "guarantee"),
        ("第二阶段：集中攻坚（2025年8月—2026年6月）", "guarantee"),
        ("总结评估阶段：开展验收", "guarantee"),
        ("加强资金保障", "guarantee"),
        ("强化经费保障", "guarantee"),
        ("强化投入保障", "guarantee"),
        ("健全人才保障体系", None),
        ("推动专利转化进入新阶段", None),
        ("申请与拨付", "guarantee"),
        ("申报与受理", "guarantee"),
        ("贷款对象与条件", "other"),
        ("支持对象", "other"),
        ("申报条件", "other"),
        ("监督约束", "guarantee"),
    ],
)
def test_heading_words_of_phases_funds_and_eligibility(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_items_ending_in_a_semicolon_under_an_article_are_a_list_whatever_opens_it() -> None:
    doc = load(
        "某县专利资助办法\n"
        "第一条　为规范资助，制定本办法。\n"
        "第二条　企业有下列情形之一的，不予资助\n"
        "（一）提供虚假材料的；\n"
        "（二）存在非正常专利申请行为的；\n"
        "第三条　本办法自印发之日起施行。\n"
    )
    assert [m for m, _, _ in headings(doc)] == ["第一条", "第二条", "第三条"]


def test_a_long_purpose_article_is_judged_by_its_whole_first_sentence() -> None:
    doc = load(
        "某县知识产权发展资金管理办法\n"
        "第一条　为推进知识产权强县建设，促进知识产权事业高质量发展，根据《知识产权强国建设纲要"
        "（2021—2035年）》《某省知识产权促进和保护条例》《某市关于加快推进知识产权强市建设的实施意见》"
        "及国家、省、市有关法律法规和财政管理制度等要求，结合本县实际，制定本办法。\n"
        "第一章　扶持方向\n"
        "第二条　对获得国家知识产权示范企业称号的企业给予奖励。\n"
        "第二章　监督约束\n"
        "第三条　资金使用情况接受审计监督。\n"
    )
    first = next(u for u in doc.units if u.marker == "第一条")
    assert first.heading.endswith("…")  # too long to be the heading whole
    assert [(u.marker, u.kind) for u in doc.units if u.marker and u.marker.endswith("条")] == [
        ("第一条", "other"),
        ("第二条", "task"),
        ("第三条", "guarantee"),
    ]
