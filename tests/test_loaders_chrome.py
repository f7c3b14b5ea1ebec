"""Page chrome, contact details and the page metadata block, one convention at a time.

The example lines are written for these tests (invented sites and places), in
the layouts portals use.
"""

from __future__ import annotations

from datetime import date

import pytest

from policykg.loaders.chrome import strip_chrome
from policykg.loaders.contacts import contains_personal_data
from policykg.loaders.normalise import normalise_text
from policykg.loaders.pageinfo import parse_fields

BODY = "一、总体要求"


def removed(line: str) -> bool:
    """True when the chrome step drops ``line`` and keeps a plan heading after it."""
    result = strip_chrome([normalise_text(line), BODY])
    assert result.kept[-1] == 1, "the plan line must stay"
    return result.kept == [1]


@pytest.mark.parametrize(
    "line",
    [
        "您的位置：首页 > 政务公开 > 通知公告",
        "东岭县人民政府网 > 信息公开 > 规划计划 > 专项规划",
        "门户首页 >> 部门动态 >> 正文",
    ],
)
def test_breadcrumbs(line: str) -> None:
    assert removed(line)


@pytest.mark.parametrize(
    "line",
    [
        "【字号：大 中 小】",
        "字体：【大】【中】【小】",
        "【打印】　【关闭】",
        "打印本页　　关闭窗口",
        "【我要纠错】【收藏本页】",
        "分享到：",
        "扫一扫在手机打开当前页",
        "上一篇：关于开展2024年专利奖评选的通知",
        "下一篇：无",
        "相关链接：东岭县科技局 | 东岭县商务局",
        "繁体 | 简体　　无障碍浏览",
        "网站地图 | 联系我们 | 使用帮助",
        "无障碍 | 关怀版 | English",
        # a portal's top bar: the site's name, then only widgets
        "西川省人民政府　简体版 | 繁体版 | 无障碍浏览",
        "（责任编辑：某某某）",
    ],
)
def test_page_widgets(line: str) -> None:
    assert removed(line)


@pytest.mark.parametrize(
    "line",
    [
        "版权所有：东岭县人民政府办公室",
        "东岭县人民政府　版权所有",
        "主办单位：东岭县人民政府办公室　　承办单位：东岭县信息中心",
        "网站标识码：1234000099",
        "西ICP备00001111号-2",
        "备案号：西ICP备00001111号",
        "西公网安备 12340002000999号",
        "技术支持：某某网络科技有限公司",
    ],
)
def test_site_footer(line: str) -> None:
    assert removed(line)


def test_footer_zone_takes_the_short_lines_after_it() -> None:
    lines = [
        BODY,
        "加强知识产权保护，完善协同机制。",
        "东岭县人民政府办公室　版权所有",
        "东岭县信息中心维护",
        "建议使用1280×800分辨率浏览",
    ]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [0, 1]


def test_a_numbered_download_link_is_chrome() -> None:
    lines = [BODY, "附件下载：", "1.东岭县知识产权方案（征求意见稿）.docx", "2.意见反馈表.pdf"]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [0]


def test_related_links_at_the_page_foot_are_chrome() -> None:
    lines = [
        BODY,
        "加强知识产权保护，完善协同机制。",
        "相关阅读：",
        "东岭县召开专利转化工作推进会",
        "县市场监管局开展商标品牌宣讲",
        "主办单位：东岭县人民政府办公室",
    ]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [0, 1]


def test_a_related_links_line_above_the_document_keeps_its_title() -> None:
    lines = ["相关链接：东岭县科技局", "东岭县知识产权强县建设方案", BODY, "加强保护，完善机制。"]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [1, 2, 3]


def test_a_portal_bar_without_widgets_after_the_name_is_text() -> None:
    assert not removed("东岭县人民政府 | 专利 | 商标")


def test_footer_line_before_more_text_does_not_swallow_it() -> None:
    lines = [
        BODY,
        "版权所有：东岭县人民政府",
        "（一）加强组织领导。各乡镇要把知识产权工作摆上重要议事日程，明确责任分工。",
    ]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [0, 2]


@pytest.mark.parametrize(
    "line",
    [
        "— 7 —",
        "- 12 -",
        "－3－",
        "第4页",
        "第 4 页 共 18 页",
        "4/18",
    ],
)
def test_pdf_page_numbers(line: str) -> None:
    assert removed(line)


def test_table_of_contents_lines() -> None:
    lines = [
        "目　录",
        "一、总体要求……………………………………2",
        "二、重点任务..................................5",
        BODY,
        "加强保护。",
    ]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [3, 4]


@pytest.mark.parametrize(
    "line",
    [
        "（此件公开发布）",
        "(此件公开发布)",
        "（此件主动公开）",
        "今天是：2023年5月4日 星期四",
        "————————————————",
        "政府网站找错　　党政机关",
        "印发日期：2021年07月05日",
        "东岭县人民政府门户网站",
        "附件下载：东岭县知识产权工作方案.pdf",
        "相关附件：无",
    ],
)
def test_notes_site_names_and_attachment_links(line: str) -> None:
    assert removed(line)


@pytest.mark.parametrize(
    "line",
    [
        "（二）关闭侵权网站，打击网络盗版。",
        "上一年度专利授权量达到100件，增长12%。",
        "推动建设知识产权保护中心，发布典型案例。",
        "市场主体登记数量、专利授权量等数据按月发布。",
        "2.加强地理标志保护",
        "（三）整治侵权盗版网站",
        "三、政策解读和宣传",
    ],
)
def test_plan_sentences_are_not_chrome(line: str) -> None:
    assert not removed(line)


# --- contact details -------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "联系人：王某某　　电话：0371-6655443",
        "联系电话：13912345678",
        "请将意见发送至电子邮箱ipr_feedback@example.org。",
        "咨询电话（0371）66554433，工作日受理。",
        "地址：东岭县新华路8号　邮编：450000",
        "传真：66554433",
        "0371-66554433",
    ],
)
def test_contact_lines(line: str) -> None:
    assert contains_personal_data(normalise_text(line))
    assert removed(line)


@pytest.mark.parametrize(
    "line",
    [
        "累计质押融资23271万元，惠及企业1300余家。",
        "2021—2035年",
        "知识产权使用费年进出口总额达到8亿元。",
    ],
)
def test_figures_are_not_phone_numbers(line: str) -> None:
    assert not contains_personal_data(normalise_text(line))


def test_contact_lines_leave_no_trace() -> None:
    result = strip_chrome([normalise_text("联系人：王某某 电话：0371-6655443"), BODY])
    assert result.removed == [(0, "contact details")]


# --- the page metadata block -------------------------------------------------------


def test_metadata_block_two_fields_per_line() -> None:
    lines = [
        "索引号：000014349/2021-00123　　　主题分类：科技、教育",
        "发文机关：东岭县人民政府　　　　　成文日期：2021年07月02日",
        "发文字号：东政发(2021)9号　　　　　发布日期：2021年07月09日",
        "标　　题：东岭县知识产权强县建设实施方案",
        BODY,
    ]
    result = strip_chrome([normalise_text(x) for x in lines])
    assert result.kept == [4]
    assert result.published_on == date(2021, 7, 9)
    assert result.page["issuer"] == "东岭县人民政府"
    assert result.page["issued"] == "2021年07月02日"
    assert result.page["number"] == "东政发〔2021〕9号"
    assert result.page["title"] == "东岭县知识产权强县建设实施方案"


def test_metadata_block_one_field_per_line_with_bullets() -> None:
    lines = ["· 发布机构：东岭县市场监管局", "· 公开日期：2022-11-30", "· 有 效 性：有效", BODY]
    result = strip_chrome([normalise_text(x) for x in lines])
    assert result.kept == [3]
    assert result.published_on == date(2022, 11, 30)
    assert result.page["issuer"] == "东岭县市场监管局"


def test_metadata_labels_in_lenticular_brackets() -> None:
    lines = [
        "【索 引 号】000014349/2021-00188　　【主题分类】科技、教育",
        "【发文机关】东岭县人民政府　　【发文字号】东政发〔2021〕11号",
        "【成文日期】2021年08月02日　　【发布日期】2021年08月09日",
        BODY,
    ]
    result = strip_chrome([normalise_text(x) for x in lines])
    assert result.kept == [3]
    assert result.published_on == date(2021, 8, 9)
    assert result.page["number"] == "东政发〔2021〕11号"


def test_emphasis_markup_is_not_text() -> None:
    assert normalise_text("**东岭县知识产权强县建设方案**") == "东岭县知识产权强县建设方案"
    assert normalise_text("<b>（2024—2026年）</b>") == "（2024—2026年）"


def test_headline_line_fields() -> None:
    fields = parse_fields(normalise_text("时间：2022-05-06 09:30　　来源：县政府办　　浏览量：77"))
    assert fields is not None and fields.values == {"published": "2022-05-06 09:30"}


def test_a_sentence_beginning_with_a_label_word_is_not_a_field_line() -> None:
    assert parse_fields(normalise_text("时间：2024年6月1日至6月30日，逾期不再受理。")) is None
    assert parse_fields(normalise_text("反馈时间：2024年6月1日至6月30日。")) is None


def test_today_widget_is_not_the_page_date() -> None:
    lines = ["东岭县人民政府门户网站　今天是：2023年5月4日 星期四", "发布时间：2023-05-02", BODY]
    assert strip_chrome([normalise_text(x) for x in lines]).published_on == date(2023, 5, 2)


def test_metadata_table_one_cell_per_line() -> None:
    lines = [
        "索引号",
        "000014349/2021-00123",
        "发文机关",
        "东岭县人民政府",
        "发文字号",
        "东政发〔2021〕9号",
        "发布日期",
        "2021-07-09",
        BODY,
    ]
    result = strip_chrome([normalise_text(x) for x in lines])
    assert result.kept == [8]
    assert result.page == {
        "issuer": "东岭县人民政府",
        "number": "东政发〔2021〕9号",
        "published": "2021-07-09",
    }
    assert result.published_on == date(2021, 7, 9)


def test_a_lone_label_word_above_a_sentence_stays() -> None:
    lines = ["来源", "各县区要加强知识产权保护，完善工作机制。", BODY]
    assert strip_chrome([normalise_text(x) for x in lines]).kept == [0, 1, 2]


@pytest.mark.parametrize(
    "line",
    [
        "【大】【中】【小】　【打印】　【关闭】",
        "[大] [中] [小]",
        "【A+】【A】【A-】",
        "【我要打印】　【关闭窗口】　【返回顶部】",
        "打印此页 | 关闭此页",
    ],
)
def test_more_page_widgets(line: str) -> None:
    assert removed(line)


@pytest.mark.parametrize(
    "line",
    [
        "本网站由东岭县大数据中心维护",
        "本站由东岭县信息中心建设",
        "网站运行维护单位：东岭县信息中心",
        "最佳浏览分辨率1366×768",
    ],
)
def test_footer_lines_naming_who_runs_the_site(line: str) -> None:
    assert removed(line)


@pytest.mark.parametrize(
    "menu",
    [
        "网站首页 | 机构概况 | 政务公开 | 互动交流",
        "首页　　政务公开　　办事服务　　互动交流",
        "首页 • 政务公开 • 政策文件 • 县政府文件",
        "Dongling County People's Government",
    ],
)
def test_a_menu_on_one_line_and_a_latin_site_name_above_the_breadcrumb(menu: str) -> None:
    lines = ["东岭县人民政府", menu, "当前位置：首页 > 政务公开", BODY, "正文第一段。"]
    norm = [normalise_text(x) for x in lines]
    assert strip_chrome(norm, lines).kept == [3, 4]


def test_a_separated_line_below_the_breadcrumb_is_not_a_menu() -> None:
    lines = ["当前位置：首页 > 政务公开", BODY, "创造 | 运用 | 保护 | 服务", "正文。"]
    norm = [normalise_text(x) for x in lines]
    assert strip_chrome(norm, lines).kept == [1, 2, 3]


@pytest.mark.parametrize(
    "line",
    [
        "征集主题：东岭县专利转化若干措施",
        "征集单位：东岭县市场监督管理局",
        "征集时间：2025-05-12 至 2025-06-11",
        "征集状态：征集中",
    ],
)
def test_the_info_box_of_a_consultation_page(line: str) -> None:
    assert removed(line)


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_metadata_block_printed_as_rows_of_label_and_value_cells(sep: str) -> None:
    rows = [
        ["索 引 号", "11000000MB0000000X/2026-00031", "主题分类", "科技、教育"],
        ["发布机构", "东岭县人民政府办公室", "生成日期", "2026-01-22"],
        ["文　　号", "东政办规〔2026〕2号", "发布日期", "2026-01-29"],
        ["有 效 性", "有效", "统一编号", "DLCR-2026-0020002"],
    ]
    raw = [(f"| {sep.join(r)} |" if sep == " | " else sep.join(r)) for r in rows] + [BODY]
    result = strip_chrome([normalise_text(x) for x in raw], [x.strip() for x in raw])
    assert result.kept == [4]
    assert result.published_on == date(2026, 1, 29)
    assert result.page["issuer"] == "东岭县人民政府办公室"
    assert result.page["issued"] == "2026-01-22"
    assert result.page["number"] == "东政办规〔2026〕2号"


def test_label_cells_with_their_colon() -> None:
    fields = parse_fields("| 发布机构： | 东岭县人民政府 | 发布日期： | 2021-12-03 |")
    assert fields is not None
    assert fields.values == {"issuer": "东岭县人民政府", "published": "2021-12-03"}


def test_a_table_row_that_only_starts_with_a_label_word_is_no_field_line() -> None:
    assert parse_fields("| 时间 | 任务 | 责任单位 |") is None
    assert parse_fields("| 序号 | 发布日期 | 名称 |") is None


@pytest.mark.parametrize(
    "line",
    [
        "2025-09-03 16:21:07　来源：东岭县融媒体中心　作者：张某某　编辑：李某某",
        "2024年05月06日 09:30　来源：东岭日报",
        "2024/5/6　来源：县政府办　浏览量：77",
    ],
)
def test_a_news_byline_opening_with_its_date(line: str) -> None:
    result = strip_chrome([normalise_text(line), BODY], [line, BODY])
    assert result.kept == [1]
    assert result.published_on is not None and result.published_on.year in (2024, 2025)


def test_a_dated_sentence_is_no_byline() -> None:
    assert parse_fields(normalise_text("2024年5月6日，县政府召开常务会议审议通过本方案。")) is None
