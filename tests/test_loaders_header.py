"""The document header by the conventions of GB/T 9704 and of government portals.

Each test is a small document written for it (invented places and bodies) in
one layout; the facts asserted are what a reader of that layout finds.
"""

from __future__ import annotations

from datetime import date

import pytest

from policykg.loaders import load_document
from policykg.loaders.dates import find_date, parse_date_line
from policykg.loaders.signature import org_parts, read_closing
from policykg.loaders.titles import covered_title, is_plan_title, named_issuers
from policykg.model import Document, Jurisdiction, ManifestEntry

PLACE = Jurisdiction(id="dongling", name="东岭县", level="county")
BODY = (
    "一、总体要求\n（一）指导思想\n坚持创新驱动，加强知识产权保护。\n二、保障措施\n加强组织领导。\n"
)


def load(text: str) -> Document:
    return load_document(text.encode("utf-8"), ManifestEntry(file="t.txt", jurisdiction=PLACE))


def texts(d: Document) -> str:
    return "\n".join(f"{u.heading}\n{u.text}\n{u.text_original}" for u in d.units)


# --- dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2023年7月9日", date(2023, 7, 9)),
        ("2023年07月09日", date(2023, 7, 9)),
        ("2023-07-09", date(2023, 7, 9)),
        ("2023/7/9", date(2023, 7, 9)),
        ("二〇二三年七月九日", date(2023, 7, 9)),
        ("二○一九年十二月三十一日", date(2019, 12, 31)),
        ("（2023年7月9日）", date(2023, 7, 9)),
        ("2023年2月29日", None),
        ("2023年7月9日印发", None),
        ("截至2023年7月9日", None),
    ],
)
def test_date_lines(line: str, expected: date | None) -> None:
    assert parse_date_line(line) == expected


def test_date_inside_text() -> None:
    assert find_date("发布时间：2023-07-09 08:15") == date(2023, 7, 9)


# --- titles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "东岭县知识产权强县建设实施方案",
        "东岭县专利转化运用专项行动方案（2024—2026年）",
        "东岭县知识产权质押融资风险补偿办法（试行）",
        "东岭县知识产权保护规定（修订）",
        "东岭县知识产权工作要点（征求意见稿）",
        "中共东岭县委　东岭县人民政府关于强化知识产权保护的实施意见",
    ],
)
def test_plan_titles(title: str) -> None:
    assert is_plan_title(title.replace("　", ""))


@pytest.mark.parametrize(
    "line",
    [
        "东岭县人民政府关于印发东岭县知识产权强县建设实施方案的通知",
        "现将《东岭县知识产权强县建设实施方案》印发给你们，请认真执行。",
        "（征求意见稿）",
    ],
)
def test_not_plan_titles(line: str) -> None:
    assert not is_plan_title(line)


@pytest.mark.parametrize(
    ("notice", "covered"),
    [
        (
            "东岭县人民政府关于印发《东岭县知识产权强县建设实施方案》的通知",
            "东岭县知识产权强县建设实施方案",
        ),
        ("东岭县人民政府办公室关于印发东岭县专利导航工作方案的通知", "东岭县专利导航工作方案"),
        (
            "东岭县市场监管局关于公开征求《东岭县商标品牌培育办法（征求意见稿）》意见的公告",
            "东岭县商标品牌培育办法（征求意见稿）",
        ),
        (
            "关于转发《西原省落实〈知识产权强国建设纲要〉实施方案》的通知",
            "西原省落实《知识产权强国建设纲要》实施方案",
        ),
        ("东岭县人民政府关于做好2024年知识产权宣传周工作的通知", None),
    ],
)
def test_the_document_a_notice_covers(notice: str, covered: str | None) -> None:
    assert covered_title(notice) == covered


def test_issuers_named_before_guanyu() -> None:
    assert named_issuers("", "中共东岭县委 东岭县人民政府关于加快建设知识产权强县的实施意见") == [
        "中共东岭县委",
        "东岭县人民政府",
    ]
    assert named_issuers("关于加快建设知识产权强县的实施意见") == []


@pytest.mark.parametrize(
    ("line", "orgs"),
    [
        ("东岭县人民政府", ["东岭县人民政府"]),
        ("东岭县人民政府　西原省知识产权局", ["东岭县人民政府", "西原省知识产权局"]),
        ("东岭县知识产权工作领导小组办公室", ["东岭县知识产权工作领导小组办公室"]),
        ("各乡镇人民政府，县直各部门：", None),
        ("加强组织领导。", None),
    ],
)
def test_organisation_lines(line: str, orgs: list[str] | None) -> None:
    assert org_parts(line) == orgs


# --- whole headers -----------------------------------------------------------------


def test_red_head_notice_with_bracket_number_and_two_line_titles() -> None:
    d = load(
        "东岭县人民政府办公室文件\n\n东政办发(2024)3号\n\n东岭县人民政府办公室\n"
        "关于印发东岭县专利转化运用专项行动方案（2024—2026年）的通知\n\n"
        "各乡镇人民政府，县直各部门：\n　　《东岭县专利转化运用专项行动方案（2024—2026年）》"
        "已经县政府同意，现印发给你们，请认真贯彻执行。\n\n东岭县人民政府办公室\n\n2024年4月2日\n\n"
        "(此件公开发布)\n\n东岭县专利转化运用\n专项行动方案（2024—2026年）\n\n"
        "　　为促进专利转化运用，制定本方案。\n\n"
        + BODY
        + "\n抄送：县委办公室，县人大常委会办公室。\n\n"
        "东岭县人民政府办公室　　　　2024年4月3日印发\n"
    )
    assert d.title == "东岭县专利转化运用专项行动方案（2024—2026年）"
    assert d.doc_number == "东政办发〔2024〕3号"
    assert d.issuers == ["东岭县人民政府办公室"]
    assert d.issued_on == date(2024, 4, 2)  # not the 印发 date of the 版记
    assert d.status == "final"
    notice = d.units[0]
    assert notice.id.endswith("/notice") and notice.text.startswith("各乡镇人民政府")
    body = texts(d)
    for gone in ["文件", "东政办发", "此件公开发布", "抄送", "印发\n", "2024年4月3日"]:
        assert gone not in body, gone
    assert d.units[1].text.startswith("为促进专利转化运用")


def test_upward_report_head_marks_are_no_text() -> None:
    d = load(
        "000012\n机密★1年\n特急\n东岭县人民政府文件\n东政〔2023〕11号　　　签发人：李某某\n"
        "东岭县人民政府关于报送东岭县知识产权强县建设实施方案的报告\n西原市人民政府：\n"
        "现将方案报上，请审阅。\n东岭县人民政府\n2023年6月1日\n东岭县知识产权强县建设实施方案\n"
        + BODY
    )
    assert d.doc_number == "东政〔2023〕11号"
    assert d.units[0].text == "西原市人民政府：\n现将方案报上，请审阅。"
    for gone in ["000012", "机密", "特急", "李某某"]:
        assert gone not in d.model_dump_json()


def test_metadata_block_gives_what_the_text_lacks() -> None:
    d = load(
        "东岭县人民政府 政府信息公开\n"
        "索引号：000014349/2021-00123　　　主题分类：科技、教育\n"
        "发文机关：东岭县人民政府　　　　　成文日期：2021年07月02日\n"
        "发文字号：东政发〔2021〕9号　　　　　发布日期：2021年07月09日\n"
        "名　　称：东岭县人民政府关于印发东岭县知识产权强县建设实施方案的通知\n\n"
        "东岭县知识产权强县建设实施方案\n\n" + BODY
    )
    assert d.title == "东岭县知识产权强县建设实施方案"
    assert d.doc_number == "东政发〔2021〕9号"
    assert d.issuers == ["东岭县人民政府"]
    assert (d.issued_on, d.published_on) == (date(2021, 7, 2), date(2021, 7, 9))
    assert "索引号" not in texts(d) and "政府信息公开" not in texts(d)


def test_title_from_the_notice_when_the_title_line_is_missing() -> None:
    d = load(
        "东岭县市场监管局关于印发《东岭县商标品牌培育办法》的通知\n东市监发〔2023〕5号\n"
        "各乡镇市场监管所：\n现将《东岭县商标品牌培育办法》印发给你们，请遵照执行。\n"
        "东岭县市场监督管理局\n二〇二三年三月一日\n" + BODY
    )
    assert d.title == "东岭县商标品牌培育办法"
    assert d.issuers == ["东岭县市场监督管理局"]
    assert d.issued_on == date(2023, 3, 1)
    assert d.units[0].text.startswith("各乡镇市场监管所")


def test_title_from_the_notice_when_the_title_line_is_a_piece() -> None:
    d = load(
        "东岭县人民政府关于印发东岭县知识产权保护和运用“十四五”规划的通知\n\n"
        "各乡镇人民政府：\n现将规划印发给你们。\n\n东岭县人民政府\n\n2021年9月1日\n\n"
        "“十四五”规划\n\n" + BODY
    )
    assert d.title == "东岭县知识产权保护和运用“十四五”规划"


def test_three_line_title_without_a_notice() -> None:
    d = load(
        "东岭县关于深化知识产权领域\n“放管服”改革优化创新环境\n的实施意见\n\n"
        "为优化创新环境，提出如下意见。\n\n" + BODY
    )
    assert d.title == "东岭县关于深化知识产权领域“放管服”改革优化创新环境的实施意见"


def test_joint_issuers_in_the_title_and_date_under_it() -> None:
    d = load(
        "中共东岭县委　东岭县人民政府\n关于强化知识产权保护的实施意见\n\n东发〔2022〕4号\n\n"
        "（2022年5月20日）\n\n为强化知识产权保护，提出如下意见。\n\n" + BODY
    )
    assert d.title == "中共东岭县委东岭县人民政府关于强化知识产权保护的实施意见"
    assert d.issuers == ["中共东岭县委", "东岭县人民政府"]
    assert d.doc_number == "东发〔2022〕4号"
    assert d.issued_on == date(2022, 5, 20)
    assert d.units[0].text == "为强化知识产权保护，提出如下意见。"


@pytest.mark.parametrize(
    "signature",
    [
        "东岭县人民政府\n2022年11月8日",
        "2022年11月8日\n东岭县人民政府",
        "东岭县人民政府　　2022年11月8日",
        "东岭县人民政府\n二〇二二年十一月八日",
        "东岭县人民政府\n2022-11-08",
    ],
)
def test_signature_layouts(signature: str) -> None:
    d = load(
        "东岭县人民政府关于印发东岭县知识产权强县建设实施方案的通知\n各乡镇人民政府：\n"
        "现将方案印发给你们，请认真执行。\n"
        + signature
        + "\n东岭县知识产权强县建设实施方案\n"
        + BODY
    )
    assert (d.issuers, d.issued_on) == (["东岭县人民政府"], date(2022, 11, 8))
    assert "2022" not in d.units[0].text


def test_signature_after_the_body() -> None:
    d = load("2024年东岭县知识产权工作要点\n\n" + BODY + "\n东岭县知识产权局\n\n2024年2月6日\n")
    assert (d.issuers, d.issued_on) == (["东岭县知识产权局"], date(2024, 2, 6))
    assert "2024年2月6日" not in texts(d)


def test_a_table_cell_at_the_end_of_the_body_is_no_signature() -> None:
    closing = read_closing(
        [0, 1, 2], ["加强保护。", "县市场监管局", "2025年12月31日"], ["", "县市场监管局", ""]
    )
    assert closing.signature is None and closing.lines == set()


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("东岭县知识产权工作要点（征求意见稿）\n", "draft"),
        ("东岭县知识产权工作要点\n（送审稿）\n", "draft"),
        ("东岭县知识产权保护条例（草案）\n", "draft"),
        (
            "东岭县市场监管局关于公开征求东岭县知识产权工作要点意见的公告\n"
            "现向社会公开征求意见。\n东岭县知识产权工作要点\n",
            "draft",
        ),
        ("东岭县知识产权工作要点（试行）\n", "final"),
        ("东岭县知识产权工作要点\n在广泛征求意见的基础上，制定本要点。\n", "final"),
    ],
)
def test_draft_status(header: str, status: str) -> None:
    assert load(header + BODY).status == status


def test_draft_notice_contact_never_reaches_a_unit() -> None:
    d = load(
        "东岭县市场监管局关于公开征求《东岭县商标品牌培育办法（征求意见稿）》意见的公告\n"
        "为做好商标品牌培育工作，现公开征求意见，请于2024年5月31日前反馈。\n"
        "1.电子邮件：dl_scjg@example.org\n2.信函：寄至东岭县新华路8号县市场监管局。\n"
        "联系人：周某某　　联系电话：0371-6655443\n"
        "东岭县市场监督管理局\n2024年5月1日\n"
        "东岭县商标品牌培育办法\n（征求意见稿）\n" + BODY
    )
    assert d.title == "东岭县商标品牌培育办法（征求意见稿）"
    assert d.status == "draft"
    dumped = d.model_dump_json()
    for secret in ["周某某", "0371-6655443", "dl_scjg@example.org"]:
        assert secret not in dumped
    assert "现公开征求意见" in d.units[0].text


def test_state_council_style_notice_under_a_page_headline() -> None:
    d = load(
        "东岭县知识产权强县建设实施方案\n"
        "东岭县人民政府印发《东岭县知识产权强县建设实施方案》的通知\n各乡镇：\n"
        "现将方案印发给你们。\n东岭县人民政府\n2023年1月5日\n为加快建设，制定本方案。\n" + BODY
    )
    assert d.title == "东岭县知识产权强县建设实施方案"
    assert (d.issuers, d.issued_on) == (["东岭县人民政府"], date(2023, 1, 5))
    assert d.units[0].text == "各乡镇：\n现将方案印发给你们。"
    assert d.units[1].text == "为加快建设，制定本方案。"


def test_attachment_label_and_book_title_marks() -> None:
    d = load(
        "东岭县人民政府关于印发东岭县知识产权强县建设实施方案的通知\n各乡镇：\n现将方案印发给你们。\n"
        "东岭县人民政府\n2023年1月5日\n附件\n《东岭县知识产权强县建设实施方案》\n" + BODY
    )
    assert d.title == "东岭县知识产权强县建设实施方案"
    assert d.units[0].text == "各乡镇：\n现将方案印发给你们。"


def test_comment_collection_notice_means_draft_and_rules_are_no_text() -> None:
    d = load(
        "东岭县市场监管局关于东岭县商标品牌培育办法意见征集的公告\n请于5月1日前反馈。\n"
        "东岭县市场监管局\n2024年4月1日\n东岭县商标品牌培育办法\n"
        + BODY
        + "——————————\n抄送：县委办。\n"
    )
    assert d.status == "draft"
    assert d.units[-1].text == "保障措施\n加强组织领导。"


def test_no_header_stays_empty() -> None:
    d = load(BODY)
    assert (d.title, d.doc_number, d.issuers, d.issued_on) == (None, None, [], None)


@pytest.mark.parametrize(
    "lead_in",
    ["《关于加强商标品牌建设的意见》全文如下。", "以下为意见全文：", "现将全文刊发如下："],
)
def test_press_republication_headline_lead_and_full_text_line(lead_in: str) -> None:
    d = load(
        "首页\n新闻中心\n要闻动态\n当前位置：首页 > 新闻中心 > 要闻动态\n"
        "中共东岭县委办公室　东岭县人民政府办公室印发《关于加强商标品牌建设的意见》\n"
        "近日，中共东岭县委办公室、东岭县人民政府办公室印发了《关于加强商标品牌建设的意见》，"
        "并发出通知，要求各地结合实际认真贯彻落实。\n"
        f"{lead_in}\n"
        "为加强商标品牌建设，提出如下意见。\n" + BODY
    )
    assert d.title == "关于加强商标品牌建设的意见"
    assert d.issuers == ["中共东岭县委办公室", "东岭县人民政府办公室"]
    assert d.issued_on is None
    notice, preamble = d.units[0], d.units[1]
    assert notice.text.startswith("近日，") and lead_in not in texts(d)
    assert preamble.text == "为加强商标品牌建设，提出如下意见。"
    assert "新闻中心" not in texts(d)


@pytest.mark.parametrize(
    "lead_in",
    ["以下为方案全文：", "现将全文刊发如下：", "全文如下："],
)
def test_a_news_frame_above_a_reprinted_covering_notice_is_the_pages(lead_in: str) -> None:
    d = load(
        "东岭新闻网\n当前位置：首页 > 时政要闻\n"
        "重磅！我县出台知识产权强县建设方案（附全文）\n"
        "2025-09-03 16:21:07　来源：东岭县融媒体中心　作者：张某某\n"
        f"近日，县人民政府印发《东岭县知识产权强县建设方案》，对全县工作作出部署。{lead_in}\n"
        "东岭县人民政府关于印发《东岭县知识产权强县建设方案》的通知\n"
        "东政发〔2025〕15号\n"
        "各乡镇人民政府，县政府各部门：\n"
        "现将《东岭县知识产权强县建设方案》印发给你们，请认真抓好落实。\n"
        "东岭县人民政府\n2025年8月26日\n"
        "东岭县知识产权强县建设方案\n" + BODY
    )
    assert d.title == "东岭县知识产权强县建设方案"
    assert (d.issuers, d.issued_on, d.published_on) == (
        ["东岭县人民政府"],
        date(2025, 8, 26),
        date(2025, 9, 3),
    )
    notice = d.units[0]
    assert notice.text.startswith("各乡镇人民政府")
    for chrome in ("重磅", "近日", "张某某", lead_in.rstrip("：")):
        assert chrome not in texts(d)
