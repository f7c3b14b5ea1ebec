"""The loader steps one by one, on small texts taken from or modelled on the plans."""

from __future__ import annotations

from datetime import date

import pytest

from policykg.loaders import load_document
from policykg.loaders.agencies import split_agencies
from policykg.loaders.chrome import strip_chrome
from policykg.loaders.citations import find_citations
from policykg.loaders.normalise import normalise_text
from policykg.loaders.segment import BodyLine
from policykg.loaders.tables import extract_tables
from policykg.loaders.targets import find_targets, map_indicator, normalise_quantity
from policykg.model import Jurisdiction, ManifestEntry

CITY = Jurisdiction(id="somecity", name="某市", level="prefecture_city")


def test_guangxi_style_agencies() -> None:
    text = (
        "实施侵权惩罚性赔偿制度。（自治区版权局，自治区人大常委会法工委，自治区高级法院，"
        "自治区发展改革委、科技厅、市场监管局，南宁海关等按职责分工负责）"
    )
    split = split_agencies(text)
    assert split.text == "实施侵权惩罚性赔偿制度。"
    assert split.agencies == [
        "自治区版权局",
        "自治区人大常委会法工委",
        "自治区高级法院",
        "自治区发展改革委",
        "自治区科技厅",
        "自治区市场监管局",
        "南宁海关",
    ]


def test_chongqing_style_agencies() -> None:
    text = normalise_text(
        "監測制度。〔責任單位：市知識產權局、市司法局，各區縣(自治縣,以下簡稱區縣)政府；"
        "國家知識產權局條法司、聯席辦〕"
    )
    split = split_agencies(text)
    assert split.text == "监测制度。"
    assert split.agencies == [
        "市知识产权局",
        "市司法局",
        "各区县政府",
        "国家知识产权局条法司",
        "国家知识产权局联席办",
    ]


def test_ordinary_brackets_are_not_agencies() -> None:
    for text in [
        "推进中国（宁波）知识产权保护中心建设。",
        "建设六大平台（公共服务平台）",
        "无括号。",
    ]:
        assert split_agencies(text).agencies == [] and split_agencies(text).text == text


@pytest.mark.parametrize(
    ("value", "mult", "unit", "out"),
    [
        (40, "亿", None, (4_000_000_000, "")),
        (40, "万", "件", (400_000, "件")),
        (18000, None, "万元", (180_000_000, "元")),
        (1.65, None, "亿元", (165_000_000, "元")),
        (13, None, "％", (13, "%")),
    ],
)
def test_quantities(value, mult, unit, out) -> None:
    assert normalise_quantity(value, mult, unit) == out


def test_targets_take_the_passage_year() -> None:
    text = (
        "力争到2022年，全市知识产权保护环境明显改善。知识产权创造质量明显提高，"
        "全市有效发明专利拥有量达到36000件，商标有效注册数达到40万件以上。"
        "知识产权运用能力大幅提升，知识产权年质押金额达到40亿。"
    )
    got = [(t.metric, t.value, t.unit, t.year, t.comparator) for t in find_targets(text)]
    assert got == [
        ("有效发明专利拥有量", 36000, "件", 2022, "eq"),
        ("商标有效注册数", 400000, "件", 2022, "gte"),
        ("知识产权年质押金额", 4_000_000_000, "元", 2022, "eq"),
    ]


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("每万人高价值发明专利拥有量超过7.6件。", "gt"),
        ("商标注册量突破70000件。", "gt"),
        ("满意度达到83%以上。", "gte"),
        ("版权案件查办量≧15件。", "gte"),
        ("投诉处理周期控制在30天以内。", "lte"),
        ("建成生产基地2个。", "eq"),
    ],
)
def test_comparators(text: str, comparator: str) -> None:
    (t,) = find_targets(text)
    assert t.comparator == comparator


def test_not_targets() -> None:
    text = (
        "成立1-2个知识产权学院。原则上每1—2年共同研究制定工作要点。加强长江经济带11省市协作。"
        "做强做大“33618”现代制造业集群体系。实施第五批试点。到2035年，基本建成强市。"
    )
    assert find_targets(text) == []


def test_indicator_synonyms_and_units() -> None:
    assert (
        map_indicator("每万人口高价值发明专利拥有量", "件")
        == "high_value_invention_patents_per_10k"
    )
    assert (
        map_indicator("全区每万人口高价值发明专利拥有量", "件")
        == "high_value_invention_patents_per_10k"
    )
    assert (
        map_indicator("每万人高价值发明专利拥有量", "件") == "high_value_invention_patents_per_10k"
    )
    assert map_indicator("每万人发明专利拥有量", "件") == "invention_patents_per_10k"
    assert map_indicator("知识产权质押融资登记金额", "元") == "pledge_financing_amount"
    # A growth rate is not the count it grows.
    assert map_indicator("著作权登记量年均增长率", "%") is None
    assert map_indicator("版权年登记量", "%") is None
    assert map_indicator("国家知识产权优势企业", "家") is None


def test_pipe_table() -> None:
    lines = [
        "主要指标|",
        "||||||",
        "序号|",
        "类别|",
        "主要指标|",
        "单位|",
        "基础值|",
        "规划值|",
        "属性|",
        "2020年|",
        "2025年|",
        "|||||",
        "1|",
        "高质量创造|",
        "每万人发明专利拥有量|",
        "件|",
        "1.85|",
        "3.05|",
        "预期性|",
        "2|",
        "地理标志商标|",
        "件|",
        "0|",
        "2|",
        "约束性|",
        "|",
        "3|",
        "高效益运用|",
        "质押融资登记金额|",
        "万元|",
        "9005|",
        "≧18000|",
        "预期性|",
        "注：1.说明。|",
        "三、主要任务",
    ]
    found = extract_tables([BodyLine([i], text) for i, text in enumerate(lines)])
    (table,) = found.indicator
    assert (table.baseline_year, table.year) == (2020, 2025)
    rows = [
        (r.number, r.category, r.metric, r.unit, r.baseline, r.value, r.comparator, r.attribute)
        for r in table.rows
    ]
    assert rows == [
        (1, "高质量创造", "每万人发明专利拥有量", "件", 1.85, 3.05, "eq", "预期性"),
        (2, "高质量创造", "地理标志商标", "件", 0, 2, "eq", "约束性"),
        (3, "高效益运用", "质押融资登记金额", "元", 90_050_000, 180_000_000, "gte", "预期性"),
    ]
    assert [(line.lines, line.text) for line in found.lines] == [
        ([0], "主要指标"),
        ([33], "注：1.说明。"),
        ([34], "三、主要任务"),
    ]


def test_citations_nested_and_numbered() -> None:
    text = normalise_text(
        "为深入贯彻落实《知识产权强国建设纲要(2021—2035年)》和《关于印发贯彻落实〈知识产权强国建设纲要"
        "(2021—2035年)〉实施方案的通知》(内党发〔2022〕36号),按照《关于确定试点城市的通知》"
        "(国知发运字[2022]33号)要求,再次落实《知识产权强国建设纲要(2021—2035年)》,制定本方案。"
        "依据桂办发〔2022〕3号。"
    )
    got = [(c.title, c.doc_number) for c in find_citations([text], own_number="桂办发〔2022〕3号")]
    assert got == [
        ("知识产权强国建设纲要（2021—2035年）", None),
        (
            "关于印发贯彻落实〈知识产权强国建设纲要（2021—2035年）〉实施方案的通知",
            "内党发〔2022〕36号",
        ),
        ("关于确定试点城市的通知", "国知发运字〔2022〕33号"),
    ]


def test_chrome_lines_and_page_date() -> None:
    lines = [
        "科技交流",
        "科技交流 当前位置：部门主页 >> 科技交流 >> 正文",
        "•发布日期：2022-02-28",
        "一、总体要求",
        "联系电话：12345678；联系人：张三",
        "邮箱：someone@example.com",
        "回到顶部",
        "0574-88212221",
        "附件：某某方案",
    ]
    result = strip_chrome([normalise_text(x) for x in lines])
    assert result.kept == [3]
    assert result.published_on == date(2022, 2, 28)
    assert all("张三" not in reason for _, reason in result.removed)


def test_manifest_fills_gaps_and_text_wins_disagreements() -> None:
    raw = (
        "某市人民政府关于印发某市知识产权工作方案的通知\n某政发〔2021〕7号\n各区县：\n现将方案印发给你们。\n"
        "某市人民政府\n2021年3月1日\n某市知识产权工作方案\n一、总体要求\n到2025年，专利授权量达到100件。\n"
    ).encode()
    entry = ManifestEntry(
        file="x.txt",
        jurisdiction=CITY,
        title="某市知识产权工作方案",
        doc_number="某政发[2021]8号",
        issued_on=date(2021, 3, 1),
        published_on=date(2021, 3, 5),
    )
    d = load_document(raw, entry)
    assert d.doc_number == "某政发〔2021〕7号"  # the text's
    assert [w for w in d.warnings if w.startswith("doc_number:")]
    assert d.published_on == date(2021, 3, 5)  # only the manifest says
    assert d.issued_on == date(2021, 3, 1) and d.issuers == ["某市人民政府"]
    assert not [w for w in d.warnings if w.startswith(("title:", "issued_on:"))]
    (target,) = d.targets
    assert (target.metric, target.value, target.year, target.indicator) == (
        "专利授权量",
        100,
        2025,
        "patent_grants",
    )


def test_metadata_null_when_neither_says() -> None:
    d = load_document(
        "一、总体要求\n加强保护。\n".encode(), ManifestEntry(file="y.txt", jurisdiction=CITY)
    )
    assert (d.title, d.doc_number, d.issued_on, d.published_on, d.issuers) == (
        None,
        None,
        None,
        None,
        [],
    )
    assert d.status == "final"
    assert d.id.startswith("somecity-")


def test_loaders_never_import_the_driver() -> None:
    import ast
    from pathlib import Path

    import policykg.loaders

    for path in Path(policykg.loaders.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("neo4j", "policykg.graph")), (path.name, name)


@pytest.mark.parametrize(
    "line",
    [
        "【字体：大 中 小】",
        "【打印本页】【关闭窗口】",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机打开当前页",
        "首页 > 政务公开 > 政策文件",
        "发布时间：2021-03-05 10:00 浏览次数：88",
        "附件1：某某市知识产权工作方案.docx",
        "（此件公开发布）",
    ],
)
def test_common_chrome_lines(line: str) -> None:
    assert strip_chrome([normalise_text(line), "一、总体要求"]).kept == [1]


def test_repeated_marker_gets_a_distinct_stable_id() -> None:
    raw = "一、主要任务\n（一）加强保护\n甲。\n（一）加强运用\n乙。\n".encode()
    entry = ManifestEntry(file="z.txt", jurisdiction=CITY)
    d = load_document(raw, entry)
    ids = [u.id.split("/", 1)[1] for u in d.units]
    assert ids == ["1", "1/1", "1/1-2"]
    assert [u.id for u in load_document(raw, entry).units] == [u.id for u in d.units]
