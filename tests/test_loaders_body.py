"""Body conventions of Chinese official documents, one test each, on lines written for the test.

None of these lines is taken from a corpus or fixture plan: each is a made-up
instance of a convention (GB/T 9704 numbering, 章节条, 专栏, 附件, 目录, 分工表,
responsible-unit brackets, target phrasing).
"""

from __future__ import annotations

import pytest

from policykg.loaders import load_document
from policykg.loaders.agencies import split_agencies
from policykg.loaders.body import annual_year, period_end
from policykg.loaders.kinds import heading_kind
from policykg.loaders.layout import continuations, strip_layout, wrap_width
from policykg.loaders.markers import (
    RANK_ARTICLE,
    RANK_CHAPTER,
    RANK_CIRCLED,
    RANK_L1,
    RANK_L3,
    RANK_L4,
    RANK_L4_HALF,
    RANK_SECTION,
    match_heading,
)
from policykg.loaders.normalise import normalise_text
from policykg.loaders.segment import BodyLine, build_tree, walk
from policykg.loaders.tables import extract_tables
from policykg.loaders.targets import find_targets, map_indicator
from policykg.model import Document, Jurisdiction, ManifestEntry

TOWN = Jurisdiction(id="sometown", name="某县", level="county")


def load(text: str, name: str = "t.txt") -> Document:
    return load_document(text.encode("utf-8"), ManifestEntry(file=name, jurisdiction=TOWN))


def lines(*texts: str) -> list[BodyLine]:
    return [BodyLine([i], normalise_text(t), spaced=t) for i, t in enumerate(texts)]


def headings(doc: Document) -> list[tuple[str | None, str, str]]:
    return [(u.marker, u.heading, u.kind) for u in doc.units if u.id.split("/")[-1] != "preamble"]


# --- markers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "marker", "rank", "rest"),
    [
        ("第三章　推动成果转化", "第三章", RANK_CHAPTER, "推动成果转化"),
        ("第 二 节 培育品牌", "第二节", RANK_SECTION, "培育品牌"),
        ("第十二条　支持专利导航。对…", "第十二条", RANK_ARTICLE, "支持专利导航。对…"),
        ("三.强化运用", "三、", RANK_L1, "强化运用"),
        ("**四、组织实施**", "四、", RANK_L1, "组织实施"),
        ("# 五、附则", "五、", RANK_L1, "附则"),
        ("2）建立清单。", "2）", RANK_L4_HALF, "建立清单。"),
        ("⑶开展评议", "（3）", RANK_L4, "开展评议"),
        ("⒉完善平台", "2.", RANK_L3, "完善平台"),
        ("④推广托管。", "④", RANK_CIRCLED, "推广托管。"),
    ],
)
def test_markers_of_official_documents(line: str, marker: str, rank: int, rest: str) -> None:
    h = match_heading(normalise_text(line))
    assert h is not None and (h.marker, h.level, h.rest) == (marker, rank, rest)


@pytest.mark.parametrize(
    ("line", "marker", "rest"),
    [
        ("专栏 4　人才培育行动", "专栏4", "人才培育行动"),
        ("专栏二：品牌工程", "专栏2", "品牌工程"),
        ("|专栏5 数据库建设|", "专栏5", "数据库建设"),
    ],
)
def test_column_markers(line: str, marker: str, rest: str) -> None:
    h = match_heading(normalise_text(line))
    assert h is not None and (h.marker, h.kind, h.rest) == (marker, "column", rest)


@pytest.mark.parametrize(
    ("line", "marker", "rest"),
    [("附件", "附件", ""), ("附件2", "附件2", ""), ("附件3：指标说明", "附件3", "指标说明")],
)
def test_attachment_markers(line: str, marker: str, rest: str) -> None:
    h = match_heading(normalise_text(line))
    assert h is not None and (h.marker, h.kind, h.rest) == (marker, "attachment", rest)


def test_not_markers_of_the_body() -> None:
    for line in ["附件下载：某方案.pdf", "2026年完成验收", "3.5亿元用于", "一是加强统筹"]:
        assert match_heading(normalise_text(line)) is None


# --- layout -------------------------------------------------------------------------------


def test_table_of_contents_with_leaders_and_page_numbers_removed() -> None:
    text = [
        "目　　录",
        "一、总体要求……………………1",
        "二、重点任务.........3",
        "三、保障措施…5",
        "前言正文。",
        "一、总体要求",
        "— 2 —",
        "第 3 页 共 9 页",
        "7",
    ]
    norm = [normalise_text(t) for t in text]
    layout = strip_layout(list(range(len(norm))), norm)
    assert layout.kept == [4, 5, 8]  # a bare number may be a table cell: kept
    assert {reason for _, reason in layout.removed} == {"table of contents", "page number"}


def test_table_of_contents_without_leaders_repeats_the_body_headings() -> None:
    text = ["目录", "第一章 基础", "第二章 任务", "第一章 基础", "正文。", "第二章 任务"]
    norm = [normalise_text(t) for t in text]
    assert strip_layout(list(range(len(norm))), norm).kept == [3, 4, 5]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    width = 20
    body = "　　" + "甲" * 18 + "乙" * 20 + "丙" * 20 + "丁丁。"
    raw = [body[i : i + width] for i in range(0, len(body), width)]
    raw += ["", "　　新段落。"] + ["　　" + "戊" * 18] * 12
    assert wrap_width(raw) == width
    joins = continuations(raw, [i for i, line in enumerate(raw) if line.strip()])
    assert joins[0] == [1, 2, 3]
    assert 5 not in joins  # an indented line opens a paragraph
    assert wrap_width(["短行。", "另一行较长一些。"]) is None


def test_a_heading_after_an_items_closing_note_is_not_joined() -> None:
    width = 20
    item = "　　" + "甲" * 18 + "乙" * 8 + "。（责任单位：县科技局）"
    raw = [item[i : i + width] for i in range(0, len(item), width)]
    assert len(raw[-1]) == width
    raw += ["二、强化知识产权保护" + "丙" * 10] + ["　　" + "戊" * 18] * 12
    joins = continuations(raw, [i for i, line in enumerate(raw) if line.strip()])
    assert joins[0] == [1]  # the heading line opens the next part


# --- heading tree -------------------------------------------------------------------------


def test_run_in_titles_and_inline_enumerations() -> None:
    tree = build_tree(
        lines(
            "一、重点任务",
            "1.培育高价值专利。一是建立培育库；二是开展导航。",
            "2.建设指导站。",
            "推进审判专门化建设。加强法庭建设。",
        )
    )
    nodes = walk(tree.roots)
    assert [(n.marker, n.heading) for n in nodes] == [
        ("一、", "重点任务"),
        ("1.", "培育高价值专利"),
        ("2.", "建设指导站"),
    ]
    assert "二是开展导航" in "\n".join(nodes[1].text_lines)
    assert "推进审判专门化建设" in "\n".join(nodes[2].text_lines)


def test_skipped_levels_and_articles_under_chapters() -> None:
    tree = build_tree(
        lines(
            "一、强化创造",
            "第一条　支持培育。对…",
            "（一）认定条件。",
            "第二条　鼓励布局。",
            "二、强化保护",
            "1.加强执法。",
            "（1）开展专项行动。",
        )
    )
    parents = {n.heading: n.parent.heading if n.parent else None for n in walk(tree.roots)}
    assert parents == {
        "强化创造": None,
        "支持培育": "强化创造",
        "认定条件": "支持培育",
        "鼓励布局": "强化创造",
        "强化保护": None,
        "加强执法": "强化保护",
        "开展专项行动": "加强执法",
    }
    assert tree.warnings == []


def test_box_belongs_to_its_section_and_attachment_closes_the_last_task() -> None:
    tree = build_tree(
        lines(
            "第一章　主要任务",
            "（一）加强保护",
            "1.完善机制。",
            "专栏1　保护工程",
            "到2027年建成工作站10家。",
            "第二章　保障措施",
            "（一）加强领导。",
            "附件1",
            "重点项目清单",
            "序号 项目",
        )
    )
    nodes = {n.heading: n for n in walk(tree.roots)}
    assert nodes["保护工程"].parent is nodes["加强保护"]
    assert nodes["重点项目清单"].parent is None
    assert nodes["重点项目清单"].marker == "附件1"
    assert nodes["加强领导"].text_lines == ["加强领导。"]


def test_numbering_gap_is_reported() -> None:
    tree = build_tree(lines("一、任务", "（一）甲", "（三）丙", "二、保障"))
    assert len(tree.warnings) == 1 and "（三）" in tree.warnings[0]
    # Items numbered on across chapters are not a gap.
    tree = build_tree(lines("一、任务", "1.甲", "2.乙", "二、运用", "3.丙", "三、保障", "4.丁"))
    assert tree.warnings == []


# --- kinds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("“十三五”时期主要成就", "background"),
        ("上年工作回顾", "background"),
        ("现状与问题", "background"),
        ("机遇与挑战", "background"),
        ("存在的问题", "background"),
        ("建设目标", "goal"),
        ("规划目标", "goal"),
        ("年度目标", "goal"),
        ("2035年远景目标", "goal"),
        ("行动目标", "goal"),
        ("三年创建目标", "goal"),
        ("全面完成年度目标任务", "goal"),
        ("实现专利质量提升目标", None),
        ("实施保障", "guarantee"),
        ("有关要求", "guarantee"),
        ("工作要求", "guarantee"),
        ("附则", "guarantee"),
        ("加强组织领导", "guarantee"),
        ("名词解释", "other"),
        ("总则", "other"),
        ("起草说明", "other"),
        ("营造良好发展环境", None),
        ("深化知识产权人才保障机制改革", None),
    ],
)
def test_heading_kind_vocabulary(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_items_take_the_kind_of_their_section() -> None:
    doc = load(
        "一、年度目标\n1.创造质量。发明专利授权量达到80件。\n二、工作要求\n"
        "（一）压实责任。各部门要细化措施。\n三、加强运用\n（一）建设平台。\n"
        "附件\n名词解释\n高价值专利：指…\n"
    )
    assert headings(doc) == [
        ("一、", "年度目标", "goal"),
        ("1.", "创造质量", "goal"),
        ("二、", "工作要求", "guarantee"),
        ("（一）", "压实责任", "guarantee"),
        ("三、", "加强运用", "task"),
        ("（一）", "建设平台", "task"),
        ("附件", "名词解释", "other"),
    ]


# --- agencies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agencies", "rest"),
    [
        (
            "建设平台。（县科技局牵头，县财政局、县商务局按职责分工负责）",
            ["县科技局", "县财政局", "县商务局"],
            "建设平台。",
        ),
        ("建设平台。（由县科技局牵头，县财政局配合）", ["县科技局", "县财政局"], "建设平台。"),
        ("建设平台。（县财政局配合，县科技局牵头）", ["县科技局", "县财政局"], "建设平台。"),
        ("建设平台。（县科技局、县财政局按职责分工负责）", ["县科技局", "县财政局"], "建设平台。"),
        ("建设平台。\n责任单位：县科技局、县财政局", ["县科技局", "县财政局"], "建设平台。"),
        (
            "建设平台。\n牵头单位：县科技局\n配合单位：县财政局",
            ["县科技局", "县财政局"],
            "建设平台。",
        ),
        (
            "建设平台。（配合单位：县财政局；牵头单位：县科技局）",
            ["县科技局", "县财政局"],
            "建设平台。",
        ),
        ("建设平台。由县科技局牵头，县财政局配合。", ["县科技局", "县财政局"], "建设平台。"),
        ("开展评估。由县科技局会同有关部门组织实施。", ["县科技局"], None),
        ("开展评估。县统计局会同县科技局定期发布报告。", ["县统计局", "县科技局"], None),
        ("开展评估。（各乡（镇）人民政府负责）", ["各乡（镇）人民政府"], "开展评估。"),
        (
            "开展评估。（责任单位：县财政局、县科技局（牵头））",
            ["县科技局", "县财政局"],
            "开展评估。",
        ),
    ],
)
def test_agency_conventions(text: str, agencies: list[str], rest: str | None) -> None:
    split = split_agencies(normalise_text(text) if "\n" not in text else text)
    assert split.agencies == agencies
    assert split.text == (rest if rest is not None else normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "建设平台，由专业机构协助管理。",
        "各乡镇要结合实际负责。",
        "推进中国（某县）知识产权保护中心建设。",
        "完善服务体系（含线上平台）。",
        "加强统筹，县知识产权局负责日常工作。",
    ],
)
def test_ordinary_sentences_are_not_agency_lists(text: str) -> None:
    assert split_agencies(normalise_text(text)).agencies == []


# --- targets ------------------------------------------------------------------------------


def test_scores_synonyms_and_inline_baselines() -> None:
    got = [
        (t.metric, t.value, t.unit, t.comparator, t.baseline, t.baseline_year, t.indicator)
        for t in find_targets(
            normalise_text(
                "到2026年，知识产权保护社会满意度达到88分以上，每万人口高价值专利拥有量由2022年的2.5件"
                "提高到4件，有效注册商标达到3.2万件。"
            )
        )
    ]
    assert got == [
        ("知识产权保护社会满意度", 88, "分", "gte", None, None, "protection_satisfaction"),
        (
            "每万人口高价值专利拥有量",
            4,
            "件",
            "eq",
            2.5,
            2022,
            "high_value_invention_patents_per_10k",
        ),
        ("有效注册商标", 32000, "件", "eq", None, None, "trademark_registrations"),
    ]


@pytest.mark.parametrize(
    ("metric", "unit", "indicator"),
    [
        ("新增注册商标", "件", "trademark_registrations"),
        ("作品著作权年登记量", "件", "copyright_registrations"),
        ("全年作品登记量", "件", "copyright_registrations"),
        ("地理标志总量", "件", "gi_count"),
        ("地理标志证明商标", "件", None),
        ("知识产权质押融资年登记金额", "元", "pledge_financing_amount"),
        ("知识产权质押融资年度登记金额", "元", "pledge_financing_amount"),
        ("专利权质押累计登记金额", "元", "pledge_financing_amount"),
        ("地理标志产品和地理标志商标总数", "件", "gi_count"),
        ("新增通过知识产权管理体系认证的企业", "家", "certified_enterprises"),
        ("知识产权保护社会满意度", "分", "protection_satisfaction"),
        ("发明专利授权量", "件", None),
    ],
)
def test_indicator_synonyms(metric: str, unit: str, indicator: str | None) -> None:
    assert map_indicator(metric, unit) == indicator


def test_subsidies_caps_rates_and_thresholds_are_not_targets() -> None:
    text = normalise_text(
        "对认定的示范企业给予最高30万元奖励。单个项目最高80万元。按合同金额的8%给予补助。"
        "年营业收入超过2000万元的，优先支持。对年服务企业超过300家的机构给予支持。"
        "每家单位资助不超过5件。到2026年，建成服务站12家。"
    )
    assert [(t.value, t.unit, t.year) for t in find_targets(text)] == [(12, "家", 2026)]


def test_recurring_figures_have_no_year_and_undated_take_the_default() -> None:
    text = normalise_text("每年举办培训班不少于3期。新增示范企业6家。")
    assert [(t.value, t.year) for t in find_targets(text, default_year=2026)] == [
        (3, None),
        (6, 2026),
    ]


def test_an_average_annual_rate_takes_the_target_year() -> None:
    text = normalise_text("到2028年，商标注册量年均增长8%以上，每年培训企业人员500人次。")
    assert [(t.value, t.unit, t.year) for t in find_targets(text)] == [
        (8, "%", 2028),
        (500, "人次", None),
    ]


def test_an_explanatory_attachment_states_no_targets() -> None:
    doc = load(
        "某县知识产权方案（征求意见稿）\n一、主要目标\n到2027年，有效发明专利达到400件。\n"
        "附件\n关于《某县知识产权方案（征求意见稿）》的起草说明\n一、主要内容\n"
        "方案提出到2027年有效发明专利达到400件。\n二、采纳情况\n有意见建议提高至500件，未予采纳。\n"
    )
    assert [(t.value, t.year) for t in doc.targets] == [(400, 2027)]


def test_a_negated_exceeds_is_a_cap() -> None:
    text = normalise_text(
        "到2026年，专利侵权纠纷行政裁决平均办理周期不超过60天，商标注册量超过5万件。"
    )
    assert [(t.value, t.comparator) for t in find_targets(text)] == [(60, "lte"), (50000, "gt")]


def test_years_from_titles() -> None:
    assert annual_year("2026年某县知识产权工作要点") == 2026
    assert annual_year("某县2026年度知识产权工作计划") == 2026
    assert annual_year("某县知识产权强县建设三年行动方案（2025—2027年）") is None
    assert period_end("某县知识产权强县建设三年行动方案（2025—2027年）") == 2027
    assert period_end("某市知识产权“十五五”规划") == 2030
    doc = load(
        "2026年某县知识产权工作要点\n一、主要目标\n全县专利授权量达到300件。\n"
        "二、重点任务\n1.培育企业。新增优势企业4家。\n"
    )
    assert [(t.value, t.year) for t in doc.targets] == [(300, 2026), (4, 2026)]


def test_goal_items_take_the_year_of_their_goal_section() -> None:
    doc = load(
        "某县知识产权强县建设方案\n一、发展目标\n到2027年，强县建设取得成效。\n"
        "1.创造质量提升。有效发明专利拥有量达到900件。\n二、重点任务\n（一）建设平台。建成平台2个。\n"
    )
    assert [(t.value, t.year) for t in doc.targets] == [(900, 2027), (2, None)]


# --- tables -------------------------------------------------------------------------------


def test_separated_indicator_table() -> None:
    found = extract_tables(
        lines(
            "表1 主要指标",
            "指标名称\t2022年\t2026年\t属性",
            "创造",
            "每万人口高价值发明专利拥有量（件）\t3.1\t6\t预期性",
            "有效注册商标量（万件）  2.2  4  预期性",
            "执法案件办结率（%）\t—\t≥98\t约束性",
            "注：…",
        )
    )
    (table,) = found.indicator
    assert (table.baseline_year, table.year) == (2022, 2026)
    assert [
        (r.category, r.metric, r.unit, r.baseline, r.value, r.comparator) for r in table.rows
    ] == [
        ("创造", "每万人口高价值发明专利拥有量", "件", 3.1, 6, "eq"),
        ("创造", "有效注册商标量", "件", 22000, 40000, "eq"),
        ("创造", "执法案件办结率", "%", None, 98, "gte"),
    ]
    assert found.lines[0].text == "表1主要指标"
    assert found.lines[-1].text == "注：…"


def test_division_table_one_cell_per_line_enriches_the_tasks() -> None:
    doc = load(
        "某县知识产权工作方案\n一、重点任务\n1.建设服务平台。整合资源。\n2.开展专项执法。严打侵权。\n"
        "附件\n重点任务分工表\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n建设服务平台\n县市场监管局\n县科技局、县财政局\n2026年底\n"
        "2\n开展专项执法\n县市场监管局\n各乡（镇）人民政府\n持续推进\n"
    )
    agencies = {u.heading: u.agencies for u in doc.units}
    assert agencies["建设服务平台"] == ["县市场监管局", "县科技局", "县财政局"]
    assert agencies["开展专项执法"] == ["县市场监管局", "各乡（镇）人民政府"]
    attachment = next(u for u in doc.units if u.marker == "附件")
    assert (attachment.heading, attachment.kind) == ("重点任务分工表", "other")
    assert "持续推进" in attachment.text
    assert [u.heading for u in doc.units].count("建设服务平台") == 1


def test_division_table_rows_on_lines_and_an_unmatched_row() -> None:
    doc = load(
        "某县知识产权工作方案\n一、重点任务\n1.建设服务平台。整合资源。\n"
        "附件：重点任务分工表\n序号 | 主要任务 | 责任单位 | 完成时间\n"
        "1 | 建设服务平台 | 县市场监管局 | 2026年\n2 | 培育示范企业 | 县工信局 | 2027年\n"
    )
    assert next(u for u in doc.units if u.heading == "建设服务平台").agencies == ["县市场监管局"]
    assert [w for w in doc.warnings if "培育示范企业" in w and "matches no heading" in w]


def test_division_table_with_lead_and_responsible_columns_reads_lead_then_partners() -> None:
    doc = load(
        "某区知识产权行动方案\n一、重点任务\n1.建设维权工作站。覆盖园区。\n2.开展品牌培育。\n"
        "附件\n重点任务分工表\n| 序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 |\n"
        "| 1 | 建设维权工作站 | 区市场监管局 | 区司法局、高新区管委会 | 2026年底 |\n"
        "| 2 | 开展品牌培育 | 区商务局 | 区市场监管局 | 持续推进 |\n"
    )
    agencies = {u.heading: u.agencies for u in doc.units}
    assert agencies["建设维权工作站"] == ["区市场监管局", "区司法局", "高新区管委会"]
    assert agencies["开展品牌培育"] == ["区商务局", "区市场监管局"]


def test_attachment_heading_in_the_body_but_not_a_download_link() -> None:
    doc = load(
        "附件：某县知识产权工作方案\n某县知识产权工作方案\n一、重点任务\n（一）建设平台。\n"
        "附件：指标说明\n高价值专利指…\n附件：某县知识产权工作方案.docx\n"
    )
    assert [(u.marker, u.heading) for u in doc.units if u.marker] == [
        ("一、", "重点任务"),
        ("（一）", "建设平台"),
        ("附件", "指标说明"),
    ]
    assert "docx" not in "".join(u.text for u in doc.units)


def test_box_laid_out_as_table_rows() -> None:
    doc = load(
        "某县方案\n一、主要任务\n1.培育专利。\n专栏2\t品牌培育工程\n项目\t内容\n"
        "指导站\t建设商标品牌指导站6个\n2.开展导航。\n"
    )
    box = next(u for u in doc.units if u.kind == "column")
    assert (box.marker, box.heading) == ("专栏2", "品牌培育工程")
    assert "指导站，建设商标品牌指导站6个" in box.text
    assert [(t.metric, t.value, t.unit) for t in doc.targets] == [("建设商标品牌指导站", 6, "个")]
