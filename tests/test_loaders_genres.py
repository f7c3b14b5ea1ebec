"""Conventions of the less common documents a government site publishes about IP.

An amendment notice (修改决定), a 政府工作报告, a bureau's year review with next
year's plan, a plan adopted by a 常务会议, a plan whose tasks are only a table,
a plan signed by two cities; and the tables, notes and labels they use. Each
test states one convention on lines written for the test, with variants beyond
the one a plan set happens to show. None of these lines is taken from a corpus
or fixture plan.
"""

from __future__ import annotations

from datetime import date

from policykg.loaders import load_document
from policykg.loaders.normalise import normalise_text
from policykg.loaders.segment import BodyLine
from policykg.loaders.table_cells import year_cell
from policykg.loaders.tables import extract_tables
from policykg.model import Document, Jurisdiction, ManifestEntry

CITY = Jurisdiction(id="somecity", name="某市", level="prefecture_city")


def load(text: str, name: str = "t.txt") -> Document:
    return load_document(text.encode("utf-8"), ManifestEntry(file=name, jurisdiction=CITY))


def lines(*texts: str) -> list[BodyLine]:
    return [BodyLine([i], normalise_text(t), spaced=t) for i, t in enumerate(texts)]


def body(doc: Document) -> list[tuple[str | None, str, str]]:
    return [
        (u.marker, u.heading, u.kind)
        for u in doc.units
        if u.id.split("/")[-1] not in ("preamble", "notice")
    ]


# --- attachments announced by the 附件说明 -----------------------------------------------------


def test_an_attachment_note_is_no_heading_when_the_attachment_follows() -> None:
    # GB/T 9704: 附件说明 (附件：X) closes the text; the attachment itself starts
    # with 附件 and its title X, after the signature.
    doc = load(
        "某市工作方案\n一、重点任务\n（一）建设平台。整合资源。\n"
        "附件：某市重点项目清单\n某市人民政府\n2025年3月1日\n"
        "附件\n某市重点项目清单\n序号\t项目\t牵头单位\n1\t平台\t市科技局\n"
    )
    assert [(u.marker, u.heading) for u in doc.units if u.marker == "附件"] == [
        ("附件", "某市重点项目清单")
    ]


def test_a_numbered_attachment_note_lists_several_attachments() -> None:
    doc = load(
        "某县工作方案\n一、主要任务\n（一）培育品牌。打造区域品牌。\n"
        "附件：1.重点任务分工表\n2.主要指标说明\n某县人民政府办公室\n2024年5月6日\n"
        "附件1\n重点任务分工表\n培育品牌　县农业农村局\n附件2\n主要指标说明\n指标按年度统计。\n"
    )
    assert body(doc) == [
        ("一、", "主要任务", "task"),
        ("（一）", "培育品牌", "task"),
        ("附件1", "重点任务分工表", "other"),
        ("附件2", "主要指标说明", "other"),
    ]


def test_an_attachment_heading_that_nothing_repeats_stays_a_heading() -> None:
    doc = load(
        "某县工作方案\n一、主要任务\n（一）培育品牌。打造区域品牌。\n"
        "附件1：重点任务分工表\n培育品牌　县农业农村局\n"
    )
    assert ("附件1", "重点任务分工表", "other") in body(doc)


# --- tables ---------------------------------------------------------------------------------


def test_year_columns_name_their_role_in_brackets() -> None:
    for cell, year, role in (
        ("2024年（基期）", 2024, "基期"),
        ("2023年(基数)", 2023, "基数"),
        ("2027年（目标）", 2027, "目标"),
        ("2025年目标值", 2025, "目标值"),
    ):
        m = year_cell(cell)
        assert m is not None and int(m.group(1)) == year and (m.group(2) or m.group(3)) == role
    found = extract_tables(
        lines(
            "指标名称\t单位\t2024年（基期）\t2025年\t2026年",
            "有效注册商标量\t件\t800\t900\t1000",
            "知识产权质押融资金额\t万元\t500\t600\t800",
        )
    )
    (table,) = found.indicator
    assert table.baseline_year == 2024
    assert [(r.metric, r.year, r.baseline, r.value, r.unit) for r in table.rows] == [
        ("有效注册商标量", 2025, 800, 900, "件"),
        ("有效注册商标量", 2026, 800, 1000, "件"),
        ("知识产权质押融资金额", 2025, 5e6, 6e6, "元"),
        ("知识产权质押融资金额", 2026, 5e6, 8e6, "元"),
    ]


def test_rows_of_a_table_the_loader_cannot_read_are_never_headings() -> None:
    # A 修改前后对照表 quotes articles in its cells: 第二条 there is no heading.
    doc = load(
        "某市办法修改说明\n一、修改内容\n（一）调整资助标准。\n附件\n修改对照表\n"
        "修改前\t修改后\t说明\n第二条　每件资助3000元。\t（删除）\t取消资助\n"
        "（无）\t第九条　新增保险补贴。\t新增条款\n"
    )
    assert [m for m, _, _ in body(doc)] == ["一、", "（一）", "附件"]
    attachment = next(u for u in doc.units if u.marker == "附件")
    assert "每件资助3000元" in attachment.text and "新增保险补贴" in attachment.text


def test_a_task_table_in_the_body_gives_its_section_the_units_of_every_row() -> None:
    # The merged 重点任务 cell is printed on its first row and left empty below.
    doc = load(
        "某市专利转化专项行动方案\n一、工作目标\n到2026年，转化专利500件。\n二、重点任务\n"
        "序号\t重点任务\t具体措施\t责任单位\t完成时限\n"
        "1\t盘活存量专利\t开展存量专利盘点。\t市教育局、市科技局\t2025年底前\n"
        "2\t\t建立转化台账，每年对接不少于20场。\t市科技局、市知识产权保护中心\t持续推进\n"
        "3\t促进许可\t推行开放许可。\t市知识产权局\t持续推进\n"
        "三、保障措施\n（一）加强领导。\n"
    )
    tasks = next(u for u in doc.units if u.heading == "重点任务")
    assert tasks.agencies == ["市教育局", "市科技局", "市知识产权保护中心", "市知识产权局"]
    # the units in charge and the deadlines are no words of the tasks
    assert "保护中心" not in tasks.text and "持续推进" not in tasks.text
    assert "盘活存量专利" in tasks.text and "推行开放许可" in tasks.text
    assert not [w for w in doc.warnings if "matches no heading" in w]
    assert [(t.value, t.unit, t.year) for t in doc.targets if t.unit_id == tasks.id] == [
        (20, "场", None)
    ]


# --- responsible units ------------------------------------------------------------------------


def test_a_bureaus_plan_names_its_own_offices() -> None:
    from policykg.loaders.agencies import split_agencies

    for text, want in (
        ("推动专利转化。（责任科室：知识产权促进科）", ["知识产权促进科"]),
        ("规范代理行业。（责任科室：服务科、保护科）", ["服务科", "保护科"]),
        ("推进地方立法。【责任处室：条法处】", ["条法处"]),
        ("开展执法检查。\n牵头处室：执法稽查处；配合处室：办公室", ["执法稽查处", "办公室"]),
        ("做好商标培育。（责任股室：商标股）", ["商标股"]),
        # bare names of offices after the last full stop: the 处室 in charge
        ("开展宣传周活动。（宣传科、综合股）", ["宣传科", "综合股"]),
    ):
        assert split_agencies(text).agencies == want, text


def test_a_boxs_closing_units_are_the_boxs_not_its_sections() -> None:
    doc = load(
        "某州知识产权规划\n一、主要任务\n（一）保护传统知识\n1.开展调查。建立名录。\n"
        "2.推动合理利用。建立惠益分享机制。\n专栏1　传统知识保护工程\n——建立名录500条。\n"
        "牵头单位：州卫生健康委；配合单位：州市场监管局、州科技局\n"
        "（二）培育地理标志\n1.扩大保护范围。\n2.打造区域品牌。\n"
    )
    units = {u.heading: u.agencies for u in doc.units}
    assert units["传统知识保护工程"] == ["州卫生健康委", "州市场监管局", "州科技局"]
    assert units["保护传统知识"] == [] and units["推动合理利用"] == []


def test_groups_each_closed_by_their_units_keep_them() -> None:
    # Every group has its 责任单位 line; the last group's line is not the chapter's.
    doc = load(
        "某省工作方案\n一、重点任务\n（一）健全管理体系\n1.完善制度。\n2.设立机构。\n"
        "责任单位：省教育厅、省知识产权局\n（二）提升创造质量\n1.推行申请前评估。\n"
        "责任单位：省科技厅\n（三）开展试点示范\n支持高校创建示范高校。\n责任单位：省教育厅\n"
    )
    units = {u.heading: u.agencies for u in doc.units}
    assert units["重点任务"] == []
    assert units["健全管理体系"] == ["省教育厅", "省知识产权局"]
    assert units["提升创造质量"] == ["省科技厅"]
    assert units["开展试点示范"] == ["省教育厅"]


# --- kinds ------------------------------------------------------------------------------------


def test_the_base_a_plan_builds_on_is_background() -> None:
    from policykg.loaders.kinds import heading_kind

    for heading in ("创建基础", "合作基础", "协同基础", "主要成效", "主要做法和成效", "工作基础"):
        assert heading_kind(heading) == "background", heading
    for heading in ("夯实创建基础", "筑牢合作基础", "巩固主要成效"):
        assert heading_kind(heading) is None, heading


def test_the_closing_part_of_a_government_work_report_is_a_guarantee() -> None:
    from policykg.loaders.kinds import heading_kind

    assert heading_kind("全面加强政府自身建设") == "guarantee"
    assert heading_kind("切实加强政府自身建设，提高行政效能") == "guarantee"
    # the review's line on what the government did
    assert heading_kind("坚持依法行政，政府自身建设不断加强") is None


def test_a_section_that_only_states_next_years_goals_is_a_goal() -> None:
    doc = load(
        "某局2025年工作总结和2026年工作思路\n一、2025年工作总结\n全年授权发明专利900件。\n"
        "二、2026年工作思路\n总体思路是：坚持质量导向。\n"
        "主要预期目标：全年发明专利授权量1000件以上，质押融资10亿元。\n"
        "三、2026年重点工作\n（一）培育高价值专利。组建培育中心3个。\n"
        "（二）深化转化运用。主要目标是：达成许可合同50项。推行开放许可。\n"
    )
    kinds = {h: k for _, h, k in body(doc)}
    assert kinds["2025年工作总结"] == "background"
    assert kinds["2026年工作思路"] == "goal"
    assert kinds["2026年重点工作"] == "task"
    # an item is judged as a task whatever words its text has
    assert kinds["深化转化运用"] == "task"


# --- amendment notices (修改决定) ---------------------------------------------------------------


def test_amendment_instructions_are_read_in_their_drafting_formulas() -> None:
    from policykg.loaders.amendments import instruction, new_wording

    for line, want in (
        ("将第二条修改为：“本办法所称专利是指…。”", "将第二条修改为"),
        ("将第五条第（一）项修改为：“（一）培育中心。…”", "将第五条第（一）项修改为"),
        ("将第三条第二款修改为：“…”", "将第三条第二款修改为"),
        ("将第七条改为第六条，修改为：“对…给予贴息。”", "将第七条改为第六条，修改为"),
        ("增加一条，作为第七条：“对投保的企业给予补贴。”", "增加一条，作为第七条"),
        ("在第四条中增加一款，作为第二款：“…”", "在第四条中增加一款，作为第二款"),
        ("删去第六条。", "删去第六条"),
        ("删除第九条第二款。", "删除第九条第二款"),
        ("将第八条改为第九条。", "将第八条改为第九条"),
        ("将第十条中的“一次性奖励”修改为“分档奖励”。", "将第十条中的“一次性奖励”修改为“分档奖励”"),
    ):
        assert instruction(line) == want, line
    for line in ("加强组织领导。建立联席会议。", "修改完善第三条的配套细则，每年评估一次。"):
        assert instruction(line) is None, line
    assert new_wording("将第三条修改为：“市财政局负责资金拨付。”") == "市财政局负责资金拨付。"
    assert new_wording("删去第六条。") == ""


def test_an_amendment_notice_is_headed_by_its_changes_each_judged_as_the_article_it_writes() -> (
    None
):
    doc = load(
        "某市人民政府办公室关于修改《某市专利资助办法》部分条款的通知\n某政办规〔2025〕3号\n"
        "各区人民政府，市政府各部门：\n经市政府同意，现对《某市专利资助办法》部分条款作如下修改：\n"
        "一、将第二条修改为：“资助资金用于支持专利创造和运用，推动全市有效发明专利到2027年达到6000件。”\n"
        "二、将第三条修改为：“市市场监管局会同市财政局负责资助资金的管理。”\n"
        "三、将第四条修改为：“资助对象为在本市登记注册的企业。”\n"
        "四、增加一条，作为第五条：“对获得专利导航项目立项的，给予最高20万元补助。”\n"
        "五、删去第六条。\n"
        "六、将第九条修改为：“申报单位弄虚作假的，由市市场监管局会同市财政局追回资金。”\n"
        "七、将第十条修改为：“资助项目应当在部门网站公示，公示期不少于7个工作日；"
        "同一企业年度资助总额不超过100万元。”\n"
        "八、将第十二条修改为：“本办法自2025年7月1日起施行。”\n"
        "某市人民政府办公室\n2025年6月1日\n"
    )
    assert body(doc) == [
        ("一、", "将第二条修改为", "goal"),
        ("二、", "将第三条修改为", "guarantee"),
        ("三、", "将第四条修改为", "other"),
        ("四、", "增加一条，作为第五条", "task"),
        ("五、", "删去第六条", "task"),
        ("六、", "将第九条修改为", "guarantee"),
        ("七、", "将第十条修改为", "guarantee"),
        ("八、", "将第十二条修改为", "guarantee"),
    ]
    agencies = {u.heading: u.agencies for u in doc.units}
    assert agencies["将第三条修改为"] == ["市市场监管局", "市财政局"]
    assert agencies["将第九条修改为"] == ["市市场监管局", "市财政局"]
    # the goal it sets is a target; the subsidy, the publication period and the cap are not
    assert [(t.value, t.unit, t.year) for t in doc.targets] == [(6000, "件", 2027)]


def test_a_condition_before_by_names_who_acts_on_it() -> None:
    from policykg.loaders.agencies import article_agencies

    assert article_agencies("项目单位骗取资金的，由区市场监管局会同区财政局依法追回") == [
        "区市场监管局",
        "区财政局",
    ]
    assert article_agencies("合作银行应当按季度报送贷款情况") == []


# --- targets ---------------------------------------------------------------------------------


def test_an_annual_part_gives_its_year_to_its_figures() -> None:
    doc = load(
        "某市知识产权局2025年工作总结和2026年工作打算\n一、2025年工作总结\n全年授权发明专利900件。\n"
        "二、2026年工作打算\n（一）培育高价值专利。全年新增贯标企业60家以上，发布预警报告2份。\n"
        "（二）加强人才培养。每年培训200人次。\n三、保障措施\n（一）加强领导。\n"
    )
    assert [(t.value, t.unit, t.year) for t in doc.targets] == [
        (60, "家", 2026),
        (2, "份", 2026),
        (200, "人次", None),  # a quota for every year has none
    ]


def test_a_document_about_all_government_work_keeps_only_its_ip_figures() -> None:
    doc = load(
        "某区2025年国民经济和社会发展计划\n一、2025年主要目标\n"
        "主要预期目标是：地区生产总值增长6%左右；研发经费投入强度达到2.8%；"
        "每万人口高价值发明专利拥有量达到9件；新增高新技术企业40家。\n"
        "二、重点工作\n（一）提升创新能力。有效发明专利突破2600件，知识产权质押融资8亿元以上，"
        "培育知识产权优势示范企业5家，城镇新增就业1.2万人。\n"
    )
    assert sorted((t.value, t.indicator) for t in doc.targets) == [
        (5, None),
        (9, "high_value_invention_patents_per_10k"),
        (2600, "valid_invention_patents"),
        (8e8, "pledge_financing_amount"),
    ]
    assert [w for w in doc.warnings if "all of a government's work" in w]
    # a plan whatever its title keeps every figure
    plan = load(
        "某市创新驱动行动方案\n一、工作目标\n到2027年，新增高新技术企业40家，建成工作站8个。\n"
    )
    assert [t.value for t in plan.targets] == [40, 8]


def test_figures_of_joint_plans_and_goal_labels_keep_their_indicator() -> None:
    from policykg.loaders.targets import find_targets

    found = find_targets(
        "主要预期目标：两市有效发明专利总量达到4.5万件，知识产权质押融资三年累计达到60亿元，"
        "三地发明专利授权量1000件。"
    )
    # the scope (两市, 三地) and the label are no words of the metric
    assert [(t.metric, t.indicator) for t in found] == [
        ("有效发明专利总量", "valid_invention_patents"),
        ("知识产权质押融资三年", "pledge_financing_amount"),
        ("发明专利授权量", None),
    ]


def test_the_plan_counting_its_own_tasks_sets_no_target() -> None:
    from policykg.loaders.targets import find_targets

    for text in (
        "围绕六个方面，部署18项重点任务，具体如下：",
        "本方案提出20条措施。",
        "共包括5个方面。",
    ):
        assert find_targets(text) == [], text
    assert [t.value for t in find_targets("到2027年，建成10个保护工作站。")] == [10]


# --- headers: reports, year reviews, plans adopted by a meeting ------------------------------


def test_a_government_work_report_copied_from_a_wechat_account() -> None:
    doc = load(
        "政府工作报告（全文）丨2025年某区政府工作报告\n"
        "原创　某区发布　某区发布　2025年01月08日 18:30　某省\n"
        "👆点击上方蓝字，关注我们\n图片\n"
        "政府工作报告\n——2025年1月6日在某区第八届人民代表大会第五次会议上\n"
        "某区人民政府区长　王某某\n"
        "各位代表：\n现在，我代表区人民政府向大会报告工作。\n"
        "一、2024年工作回顾\n全年授权发明专利900件。\n"
        "二、2025年工作安排\n主要预期目标是：地区生产总值增长6%；有效发明专利达到1000件。\n"
        "三、全面加强政府自身建设\n坚持依法行政。\n"
        "来源：某区人民政府办公室\n编辑：李某　审核：赵某\n▼往期推荐▼\n某区召开人代会\n"
        "某区知识产权宣传周活动圆满落幕\n图片\n长按识别二维码关注我们\n分享\n收藏\n点赞\n在看\n"
        "阅读 1.8万\n写留言\n"
    )
    assert (doc.title, doc.issuers) == ("政府工作报告", ["某区人民政府"])
    assert (doc.issued_on, doc.published_on) == (date(2025, 1, 6), date(2025, 1, 8))
    text = "\n".join(f"{u.heading}\n{u.text}\n{u.text_original}" for u in doc.units)
    for chrome in (
        "丨",
        "点击上方蓝字",
        "图片",
        "往期推荐",
        "宣传周",
        "二维码",
        "点赞",
        "阅读",
        "留言",
    ):
        assert chrome not in text, chrome
    assert "王某某" not in text and "李某" not in text  # people are no text
    assert body(doc)[-1] == ("三、", "全面加强政府自身建设", "guarantee")
    assert [(t.value, t.year) for t in doc.targets] == [(1000, 2025)]


def test_a_year_review_and_next_years_plan_is_titled_by_its_genre() -> None:
    from policykg.loaders.titles import is_plan_title

    for title in (
        "某市知识产权局2025年工作总结和2026年工作思路",
        "某局2024年工作总结及2025年工作打算",
        "政府工作报告",
        "2025年某县人民政府工作报告",
    ):
        assert is_plan_title(title), title
    # a report to a higher body on something is a notice-like document, not a plan
    assert not is_plan_title("某市人民政府关于2024年知识产权工作情况的报告")


def test_a_plan_adopted_by_a_governments_meeting_takes_its_date_and_issuer() -> None:
    doc = load(
        "某县人民政府\n首页　　政务公开　　政策文件　　互动交流\n"
        "某县知识产权强县建设工作方案（2025—2027年）\n"
        "（2025年4月18日某县人民政府第52次常务会议审议通过）\n"
        "为推动强县建设，制定本方案。\n第一部分　创建基础\n一、主要成效\n已建成工作站3个。\n"
        "第二部分　重点任务\n一、培育高价值专利\n组建培育中心2个。\n"
    )
    assert (doc.issuers, doc.issued_on) == (["某县人民政府"], date(2025, 4, 18))
    text = "\n".join(u.text for u in doc.units)
    assert "常务会议" not in text and "政务公开" not in text
    assert body(doc)[:2] == [
        ("第一部分", "创建基础", "background"),
        ("一、", "主要成效", "background"),
    ]
    # a meeting of a government named without its place adopts it too; the issuer
    # is then left to other evidence
    doc = load(
        "某市专利转化实施方案\n（经2024年3月5日市政府第8次常务会议讨论通过）\n"
        "一、重点任务\n（一）推动转化。\n"
    )
    assert (doc.issuers, doc.issued_on) == ([], date(2024, 3, 5))


def test_a_site_name_with_its_second_name_in_brackets_is_no_text() -> None:
    doc = load(
        "某市市场监督管理局（某市知识产权局）\n某市知识产权局2025年工作要点\n"
        "一、重点工作\n（一）推动转化。全年达成许可50项。\n"
    )
    assert all("监督管理局" not in u.text for u in doc.units)


def test_a_headline_holds_the_title_a_wrapped_notice_line_cites_it() -> None:
    from policykg.loaders.metadata import _headline

    title = "某市专利转化实施方案"
    assert _headline("某市专利转化实施方案（全文）丨2025年某市发布", title)
    assert _headline("重磅丨某市专利转化实施方案", title)
    assert not _headline("《某市专利转化实施方案》已经市政府第", title)  # broken at the width
    assert not _headline("某市专利转化实施方案", title)  # the title line itself


def test_article_words_of_a_funds_rules() -> None:
    from policykg.loaders.kinds import article_kind

    for sentence, kind in (
        ("市市场监管局会同市财政局负责专项资金的管理", "guarantee"),
        ("专项资金实行常年受理、集中评审", "guarantee"),
        ("市知识产权局每年第一季度发布申报指南", "guarantee"),
        ("支持的项目和金额应当在部门门户网站公示", "guarantee"),
        ("资助资金用于支持专利创造，推动有效发明专利到2027年达到6000件", "goal"),
        # a support article that publishes before paying is still support
        ("对获得认定的企业，经公示无异议后给予最高10万元奖励", None),
        ("对到2025年底前达到认定条件的企业给予奖励", None),
    ):
        assert article_kind(sentence) == kind, sentence
