"""More conventions of Chinese official documents, on lines written for the test.

Each test states one convention and covers variants beyond the one a plan set
happens to show (bracket shapes, separators, positions). None of these lines is
taken from a corpus or fixture plan.
"""

from __future__ import annotations

import pytest

from policykg.loaders import load_document
from policykg.loaders.agencies import split_agencies
from policykg.loaders.kinds import heading_kind
from policykg.loaders.layout import continuations, strip_layout
from policykg.loaders.markers import match_heading
from policykg.loaders.normalise import normalise_text
from policykg.loaders.segment import BodyLine
from policykg.loaders.tables import extract_tables
from policykg.loaders.targets import find_targets, looks_back
from policykg.model import Document, Jurisdiction, ManifestEntry

TOWN = Jurisdiction(id="sometown", name="某县", level="county")


def load(text: str, name: str = "t.txt") -> Document:
    return load_document(text.encode("utf-8"), ManifestEntry(file=name, jurisdiction=TOWN))


def lines(*texts: str) -> list[BodyLine]:
    return [BodyLine([i], normalise_text(t), spaced=t) for i, t in enumerate(texts)]


def headings(doc: Document) -> list[tuple[str | None, str, str]]:
    return [
        (u.marker, u.heading, u.kind)
        for u in doc.units
        if u.id.split("/")[-1] not in ("preamble", "notice")
    ]


# --- articles without a level above them ----------------------------------------------------


def test_articles_open_the_body_of_a_measures_document() -> None:
    doc = load(
        "某县关于促进专利转化的若干措施\n"
        "为促进专利转化，制定本措施。\n"
        "第一条　适用范围。本措施适用于本县企业。\n"
        "第二条　工作目标。到2027年，专利转化达到300件。\n"
        "第三条　支持专利许可。对开展开放许可的企业给予奖励。\n"
        "第四条　资金来源。所需资金从专项资金中列支。\n"
        "第五条　解释。本措施由县市场监管局负责解释。\n"
        "第六条　施行日期。本措施自2025年1月1日起施行。\n"
        "附件\n起草说明\n一、起草背景\n近年来，…。\n二、主要内容\n本措施共六条。\n"
    )
    assert headings(doc) == [
        ("第一条", "适用范围", "other"),
        ("第二条", "工作目标", "goal"),
        ("第三条", "支持专利许可", "task"),
        ("第四条", "资金来源", "guarantee"),
        ("第五条", "解释", "guarantee"),
        ("第六条", "施行日期", "guarantee"),
        ("附件", "起草说明", "other"),
        ("一、", "起草背景", "other"),
        ("二、", "主要内容", "other"),
    ]
    assert [(t.value, t.year) for t in doc.targets] == [(300, 2027)]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("建设基础", "background"),
        ("工作基础", "background"),
        ("现实基础与形势", "background"),
        ("夯实知识产权工作基础", None),
        ("规划背景", "background"),
        ("编制背景", "background"),
        ("抓好贯彻落实", "guarantee"),
        ("狠抓工作落实", "guarantee"),
        ("确保各项任务落实到位", "guarantee"),
        ("确保各项任务落实", "guarantee"),
        ("推动政策落实落地", None),
        ("实施日期", "guarantee"),
        ("有效期", "guarantee"),
        ("解释权", "guarantee"),
        ("就高不重复", "guarantee"),
        ("申报程序", "guarantee"),
        ("资金管理", "guarantee"),
        ("加强资金管理", None),
        ("法律责任", "guarantee"),
    ],
)
def test_heading_words_of_bases_closings_and_closing_articles(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


# --- responsible units ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agencies", "rest"),
    [
        # any bracket shape closes a paragraph with a labelled list
        ("建设平台。【责任单位：县科技局、县财政局】", ["县科技局", "县财政局"], "建设平台。"),
        ("建设平台。[责任单位:县科技局、县财政局]", ["县科技局", "县财政局"], "建设平台。"),
        ("建设平台。〔牵头单位：县科技局〕", ["县科技局"], "建设平台。"),
        # a labelled list as the paragraph's last sentence
        ("建设平台。责任单位：县科技局、县财政局。", ["县科技局", "县财政局"], "建设平台。"),
        # bare names after the last full stop: the offices in charge
        ("修订条例草案。（条法处）", ["条法处"], "修订条例草案。"),
        ("修订条例草案。（条法处、办公室）", ["条法处", "办公室"], "修订条例草案。"),
        (
            "开展评价。（保护处、省知识产权保护中心）",
            ["保护处", "省知识产权保护中心"],
            "开展评价。",
        ),
        # people's organisations are units too
        (
            "组建智库。（县市场监管局、县社科联按职责分工负责）",
            ["县市场监管局", "县社科联"],
            "组建智库。",
        ),
    ],
)
def test_more_agency_conventions(text: str, agencies: list[str], rest: str) -> None:
    split = split_agencies(normalise_text(text))
    assert split.agencies == agencies
    assert split.text == rest


@pytest.mark.parametrize(
    "text",
    [
        "本措施由县市场监管局负责解释。",
        "建设保护中心（以下简称中心）。",
        "依托县知识产权保护中心（县市场监管局）开展预审。",
        "完善工作机制。（试行）",
        "设立工作站。（共5个）",
    ],
)
def test_brackets_that_are_not_agency_lists(text: str) -> None:
    assert split_agencies(normalise_text(text)).agencies == []


def test_bullets_each_close_with_their_office_and_the_section_takes_all() -> None:
    doc = load(
        "2025年某县知识产权工作要点\n一、加强保护\n"
        "●推进保护中心建设。建成保护中心。（保护处、县保护中心）\n"
        "■加强行政裁决。办理裁决案件。（保护处）\n"
        "◆强化海外维权。建设工作站。（国际合作处）\n"
    )
    unit = next(u for u in doc.units if u.heading == "加强保护")
    assert unit.agencies == ["保护处", "县保护中心", "国际合作处"]
    assert "（保护处）" not in unit.text


# --- targets --------------------------------------------------------------------------------


def test_budget_allocations_are_not_targets() -> None:
    text = normalise_text(
        "县财政安排2000万元设立风险补偿资金池。每年统筹500万元专项资金。"
        "到2027年，质押融资登记金额达到3亿元。"
    )
    assert [(t.value, t.unit) for t in find_targets(text)] == [(300000000, "元")]


@pytest.mark.parametrize(
    ("sentence", "current", "past"),
    [
        ("截至2023年底，全县有效发明专利412件。", 2024, True),
        ("截止到2023年，建成工作站3家。", None, True),
        ("2024年，全省新建快速维权中心2家。", 2025, True),
        ("2025年，新建快速维权中心2家。", 2025, False),
        ("2026年，新建工作站5家。", 2025, False),
        ("截至2023年底已建成3家，到2026年达到8家。", 2024, False),
        ("到2024年底前，建成工作站3家。", 2025, False),
    ],
)
def test_look_backs_in_committing_units(sentence: str, current: int | None, past: bool) -> None:
    assert looks_back(normalise_text(sentence), current) is past


def test_a_look_back_year_drops_its_figures_only() -> None:
    text = normalise_text("2024年，新建工作站2家。新增专利导航项目5项。")
    assert [
        (t.value, t.year) for t in find_targets(text, default_year=2025, current_year=2025)
    ] == [(5, 2025)]


# --- units closing a group -----------------------------------------------------------------


def _agencies(doc: Document) -> dict[str, list[str]]:
    return {u.heading: u.agencies for u in doc.units if u.agencies}


def test_a_note_after_the_last_item_of_a_group_belongs_to_the_group() -> None:
    doc = load(
        "某县专项行动方案\n一、重点任务\n（一）资源挖掘行动\n1.开展普查。摸排资源。\n"
        "2.加强储备。建立资源库。\n（责任单位：县市场监管局、县农业农村局，各乡镇人民政府）\n"
        "（二）品牌培育行动\n3.打造品牌。培育公用品牌。\n4.拓展渠道。组织展销。\n"
        "牵头单位：县商务局　配合单位：县市场监管局\n"
    )
    assert _agencies(doc) == {
        "资源挖掘行动": ["县市场监管局", "县农业农村局", "各乡镇人民政府"],
        "品牌培育行动": ["县商务局", "县市场监管局"],
    }


def test_notes_under_every_item_stay_with_their_items() -> None:
    doc = load(
        "某县工作要点\n一、加强保护\n1.建设中心。建成保护中心。\n责任单位：县市场监管局\n"
        "2.开展执法。开展专项行动。\n责任单位：县公安局\n"
        "二、促进运用\n3.质押融资。扩大规模。（县金融办）\n"
    )
    assert _agencies(doc) == {
        "建设中心": ["县市场监管局"],
        "开展执法": ["县公安局"],
        "质押融资": ["县金融办"],
    }


def test_a_note_closing_the_last_paragraph_or_a_single_item_stays_with_it() -> None:
    doc = load(
        "某县方案\n一、加强保护\n1.建设中心。建成保护中心。\n"
        "2.开展执法。开展专项行动。（责任单位：县公安局）\n"
        "二、促进运用\n3.质押融资。扩大规模。\n责任单位：县金融办\n"
    )
    assert _agencies(doc) == {"开展执法": ["县公安局"], "质押融资": ["县金融办"]}


# --- explanations appended to a plan ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "政策解读",
        "《某县关于加强知识产权保护的实施意见》政策解读",
        "关于《某县专利转化若干措施（征求意见稿）》的起草说明",
        "某县知识产权强县建设实施方案解读",
        "编制说明",
    ],
)
def test_explanation_titles_open_an_attachment(line: str) -> None:
    h = match_heading(normalise_text(line))
    assert h is not None and (h.kind, h.marker) == ("attachment", "")


@pytest.mark.parametrize(
    "line", ["加强政策解读", "开展政策解读。组织专家解读。", "做好政策宣传解读工作"]
)
def test_sentences_about_explaining_are_not_explanation_titles(line: str) -> None:
    assert match_heading(normalise_text(line)) is None


def test_an_explanation_after_the_signature_is_other_and_the_signature_is_read() -> None:
    doc = load(
        "某县人民政府关于加强知识产权保护的实施意见\n"
        "一、主要目标\n到2025年，建成维权援助工作站10家。\n"
        "二、保障措施\n加强组织领导。\n"
        "某县人民政府\n2023年9月12日\n"
        "《某县人民政府关于加强知识产权保护的实施意见》政策解读\n"
        "一、出台背景\n已建成工作站5家。\n二、主要内容\n意见提出到2025年建成工作站10家。\n"
    )
    assert str(doc.issued_on) == "2023-09-12"
    assert headings(doc)[2:] == [
        (None, "《某县人民政府关于加强知识产权保护的实施意见》政策解读", "other"),
        ("一、", "出台背景", "other"),
        ("二、", "主要内容", "other"),
    ]
    assert [(t.value, t.year) for t in doc.targets] == [(10, 2025)]


def test_a_bare_attachment_line_takes_the_explanation_title_under_it() -> None:
    doc = load(
        "某县专利转化若干措施（征求意见稿）\n第一条　支持许可。对许可给予奖励。\n"
        "附件\n起草说明\n一、起草背景\n为落实…。\n"
    )
    assert headings(doc)[1:] == [("附件", "起草说明", "other"), ("一、", "起草背景", "other")]


# --- boxes and their items ---------------------------------------------------------------------


def test_a_box_lists_its_own_items() -> None:
    doc = load(
        "某市规划\n第三章　推动创造\n第一节　提升质量\n引导企业布局专利。\n"
        "专栏2　高价值专利培育工程\n1.培育中心。建设培育中心10家。\n2.导航基地。建设导航基地。\n"
        "第二节　品牌建设\n实施品牌工程。\n"
        "专栏3　品牌工程\n（1）指导站。建设指导站5个。\n"
    )
    got = {u.heading: (u.kind, u.path[-2]) for u in doc.units if u.depth >= 2}
    assert got == {
        "高价值专利培育工程": ("column", "提升质量"),
        "培育中心": ("column", "高价值专利培育工程"),
        "导航基地": ("column", "高价值专利培育工程"),
        "品牌工程": ("column", "品牌建设"),
        "指导站": ("column", "品牌工程"),
    }


def test_items_that_continue_the_section_after_a_box_are_the_sections() -> None:
    doc = load(
        "某市方案\n一、加强保护\n1.建设中心。建成保护中心。\n2.开展执法。开展行动。\n"
        "专栏1　维权援助网络\n到2027年建成工作站10家。\n3.加强调解。建设调解组织。\n"
        "二、促进运用\n专栏2 | 金融创新工程 |\n推广质押融资 |\n1.培育平台。建设运营平台。\n"
    )
    kinds = {u.heading: (u.kind, u.path[-2] if u.depth else None) for u in doc.units}
    assert kinds["加强调解"] == ("task", "加强保护")
    assert kinds["维权援助网络"] == ("column", "加强保护")
    assert kinds["培育平台"] == ("task", "促进运用")


# --- print layout: running headers, table rows in a wrapped text -----------------------------


def test_running_headers_and_footers_after_page_breaks_are_removed() -> None:
    text = [
        "某市规划（2024—2030年）",  # the title line itself: kept
        "　　正文第一段。",
        "- 2 -",
        "某市规划（2024—2030年）",  # after a page number: a running header
        "　　正文第二段。",
        "\f某市规划（2024—2030年）",  # after a form feed
        "　　正文第三段。",
        "某市人民政府",  # before a page number, twice: a running footer
        "第4页",
        "　　正文第四段。",
        "某市人民政府",
        "— 5 —",
        "某市规划（2024—2030年）",
    ]
    norm = [normalise_text(t).strip() for t in text]
    layout = strip_layout(list(range(len(norm))), norm, raw=text)
    assert layout.kept == [0, 1, 4, 6, 9]


def test_a_line_after_one_page_break_only_is_kept() -> None:
    text = ["某市规划", "- 1 -", "第一章　总则", "　　正文。", "- 2 -", "第二章　任务"]
    norm = [normalise_text(t).strip() for t in text]
    assert strip_layout(list(range(len(norm))), norm, raw=text).kept == [0, 2, 3, 5]


def test_table_rows_in_a_hard_wrapped_text_are_not_joined() -> None:
    width = 20
    para = "　　" + "甲" * 18 + "乙" * 20 + "丙。"
    raw = [para[i : i + width] for i in range(0, len(para), width)]
    raw += [
        "指标名称　　　　　　　　2023年   2027年",
        "专利拥有量（件）　　　　14.2    22",
        "商标注册量（件）\t\t520\t700",
    ]
    raw += ["　　" + "戊" * 18] * 12
    joins = continuations(raw, [i for i, line in enumerate(raw) if line.strip()])
    assert joins[0] == [1, 2]
    assert not any(i in joins for i in (3, 4, 5))
    assert not any(i in js for js in joins.values() for i in (3, 4, 5))


@pytest.mark.parametrize(
    ("header", "base_year", "years"),
    [
        ("序号  指标  2023年基数  2026年目标", 2023, [2026]),
        ("指标名称\t2026年目标\t2023年基数", 2023, [2026]),
        ("指标\t2020年基期值\t2025年\t2030年", 2020, [2025, 2030]),
    ],
)
def test_year_columns_that_name_their_role(header: str, base_year: int, years: list[int]) -> None:
    cells = [c for c in header.replace("  ", "\t").split("\t") if c]
    row = {
        "序号": "1",
        "指标": "有效发明专利量（件）",
        "指标名称": "有效发明专利量（件）",
        "2023年基数": "412",
        "2020年基期值": "412",
        "2026年目标": "≥650",
        "2025年": "650",
        "2030年": "900",
    }
    found = extract_tables(lines(header, "\t".join(row[c] for c in cells)))
    (table,) = found.indicator
    assert table.baseline_year == base_year
    assert [(r.year, r.baseline) for r in table.rows] == [(y, 412) for y in years]


def test_a_copy_list_running_on_is_part_of_the_record_block() -> None:
    doc = load(
        "某县方案\n一、保障措施\n加强组织领导。\n"
        "抄送：县委各部门，县人大常委会办公室，县政协办公室，\n"
        "　　　县法院，县检察院。\n"
        "某县人民政府办公室　　2024年2月8日印发\n"
    )
    last = doc.units[-1]
    assert last.text.split("\n") == ["保障措施", "加强组织领导。"]


# --- decimal numbering ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "marker", "rest"),
    [
        ("1.1 指导思想", "1.1", "指导思想"),
        ("2.3　强化知识产权保护", "2.3", "强化知识产权保护"),
        ("2.3.1 建设保护中心。建成中心。", "2.3.1", "建设保护中心。建成中心。"),
        ("3.10、完善服务", "3.10", "完善服务"),
    ],
)
def test_decimal_markers(line: str, marker: str, rest: str) -> None:
    h = match_heading(normalise_text(line))
    assert h is not None and (h.marker, h.rest) == (marker, rest)


@pytest.mark.parametrize(
    "line",
    ["1.5万件专利获得授权", "2.5亿元用于", "3.6%的企业", "14.2", "0.8 倍", "0.8，较上年", "2.0版"],
)
def test_figures_at_the_start_of_a_line_are_not_decimal_markers(line: str) -> None:
    assert match_heading(normalise_text(line)) is None


def test_decimal_sections_nest_under_their_chapter() -> None:
    doc = load(
        "某市规划\n一、总体要求\n1.1 指导思想\n以…为指导。\n"
        "1.2 发展目标\n到2027年，建成工作站8家。\n"
        "二、主要任务\n2.1 强化保护\n2.1.1 建设保护中心。建成中心。\n2.1.2 开展执法。开展行动。\n"
        "2.2 促进运用\n"
    )
    got = [(u.marker, u.heading, u.kind, u.depth) for u in doc.units if u.depth > 0]
    assert got == [
        ("1.1", "指导思想", "other", 1),
        ("1.2", "发展目标", "goal", 1),
        ("2.1", "强化保护", "task", 1),
        ("2.1.1", "建设保护中心", "task", 2),
        ("2.1.2", "开展执法", "task", 2),
        ("2.2", "促进运用", "task", 1),
    ]
    assert [(t.value, t.year) for t in doc.targets] == [(8, 2027)]


def test_a_task_list_attachment_gives_units_to_the_section_of_a_bullet() -> None:
    doc = load(
        "2025年某省知识产权工作要点\n一、加强保护\n●推进保护中心建设。建成保护中心。\n"
        "●加强行政裁决。办理裁决案件。\n"
        "附件\n重点工作任务清单\n| 序号 | 工作任务 | 责任处室 |\n| --- | --- |\n"
        "| 1 | 推进保护中心建设 | 保护处 |\n| 2 | 加强行政裁决 | 保护处、条法处 |\n"
    )
    unit = next(u for u in doc.units if u.heading == "加强保护")
    assert unit.agencies == ["保护处", "条法处"]
    assert not [w for w in doc.warnings if "division table" in w]


def test_headings_and_table_rows_repeated_after_page_breaks_stay() -> None:
    text = [
        "- 1 -",
        "附件1",
        "某某清单",
        "- 2 -",
        "附件1",  # not a running header: a heading (the loader numbers repeats)
        "指标名称    2023年    2027年",
        "- 3 -",
        "指标名称    2023年    2027年",
        "专利（件）    5    8",
    ]
    norm = [normalise_text(t).strip() for t in text]
    assert strip_layout(list(range(len(norm))), norm, raw=text).kept == [1, 2, 4, 5, 7, 8]


def test_a_markdown_indicator_table_and_year_columns_with_the_year_in_brackets() -> None:
    doc = load(
        "某县方案（2024—2026年）\n一、主要目标\n到2026年，主要指标如下。\n"
        "| 指标名称 | 基期值（2023年） | 目标值（2026年） | 属性 |\n| --- | --- | --- | --- |\n"
        "| 有效发明专利拥有量（件） | 412 | 650 | 预期性 |\n"
        "| 知识产权保护社会满意度（分） | 78 | ≥82 | 约束性 |\n"
        "二、重点任务\n（一）建设平台。建成平台。\n"
    )
    assert [(t.value, t.year, t.baseline, t.baseline_year, t.comparator) for t in doc.targets] == [
        (650, 2026, 412, 2023, "eq"),
        (82, 2026, 78, 2023, "gte"),
    ]


def test_a_traditional_heading_after_a_full_wrapped_line_starts_a_paragraph() -> None:
    # a PDF conversion wrapped at 30 characters, in traditional script: a 專欄 heading
    # after a full line ending a sentence is a heading, as 专栏 would be
    text = (
        "推進版權產業集聚發展，創建一批版權示範企業和示範園區，"
        "推動版權產業高質量發展，打造一批具有較大影響力的版權產業集聚區域。"
    )
    para = [text[k : k + 30] for k in range(0, 60, 30)]  # two full lines, the second ends in 。
    assert len(para[1]) == 30 and para[1].endswith("。")
    raw = [*para, "專欄2　高價值專利培育工程", *para, *para, *para, *para, *para]
    norm = [normalise_text(line) for line in raw]
    joins = continuations(raw, list(range(len(raw))), norm)
    assert 1 in joins[0]  # the paragraph's lines are joined
    assert all(2 not in js for js in joins.values())  # 專欄2 is a heading
    assert any(2 in js for js in continuations(raw, list(range(len(raw)))).values())
