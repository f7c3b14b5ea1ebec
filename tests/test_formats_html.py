"""Web pages built from every plan with an expectation load into the same document as its text.

Every plan (the five bundled ones and every fixture set with a manifest under
``tests/data``: ``fixtures``, ``heldout`` … ``heldout5``, found by
``formats_support.plan_cases``, 55 plans) is laid out in
three page layouts, built at test time (``formats_support``): a TRS page in
GB18030 declaring ``<meta charset=gb2312>``, ``<title>{title}_{site}``, with
the site's header, a navigation bar, the capture's breadcrumb and 发布日期
lines around the article's title, a 信息公开 box (索引号/文号/发布日期/发文机关/
成文日期), the plan in ``<div class="TRS_Editor">`` as ``<p>`` paragraphs with
``&nbsp;`` indents and ``&ldquo;``-style entities, its tables as ``<table>``, a
task table (分工表), share/print/close widgets, related links and a footer
naming a contact person; an HTML5 page in UTF-8 (header/nav/main/article/
aside/footer, headings as ``<h3>``, ``<title>`` the section's name when the
capture shows no title line); and an old table-layout page with no charset
anywhere, whose GB18030 is known only from the bytes, paragraphs separated by
``<br>``, ``<title>`` the site's name, the article's title in a centred
``<b>``. A capture's page lines go where a portal has them: its 信息公开 block
(``| 索 引 号 | … |`` rows, or ``label：value`` lines) as the page's box,
the article's title line being the longest line above the plan that is not
chrome or a field (not a ``搜索`` button or a 文号 under it, which starts the
article).

The reference is the plan's text capture loaded as a ``.txt``, and the page
goes through the one source entry (``load_source``: its evidence fills what
the user left empty). Accepted differences, each with its reason:

* **the site's header** (a capture's lines above its breadcrumb, or above
  its menu when it has none: the site's name, its menu, a date or search bar)
  is left out of the reference. A page keeps it outside the article and no
  extractor reads it, being the same on every page of the site. On 1 of the
  55 plans the text loader reads those lines into the document when a capture
  has them (``fixtures/luming_draft_plan``: the site's name 鹿鸣市市场监督管理局
  read as the first line of the covering notice's title, whose own line
  starts at 关于): the page is the cleaner reading there.
* **the page-info lines** (发布日期, 来源, the 信息公开 box) are outside the
  article: they reach ``Extracted.metadata`` instead of the text, and the
  document takes its ``published_on`` (and what else the text lacks) from there.
* **a capture's table** written with ``|`` between cells or in space-aligned
  columns is a ``<table>`` on the page and comes back as tab-separated rows, the
  one table shape of an extracted text; the reference writes it so.
"""

from __future__ import annotations

import functools
from typing import Any

import formats_support as fs
import pytest

from policykg.loaders.formats import extract
from policykg.loaders.source import load_source

CASES = fs.plan_cases()
IDS = [c.name for c in CASES]
BY_NAME = {c.name: c for c in CASES}


def test_every_fixture_set_is_found_with_all_its_plans() -> None:
    sets = fs.plan_sets()
    assert {"fixtures", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"} <= set(sets)
    for name in sets:
        expected = len(list((fs.TESTS_DATA / name).glob("*.expected.yaml")))
        assert sum(c.name.startswith(f"{name}/") for c in CASES) == expected


HOHHOT = next(c for c in CASES if c.name == "corpus/hohhot")
ENTRIES = fs.corpus_entries()


@functools.cache
def _reference(name: str) -> dict[str, Any]:
    """The page's text loaded as a ``.txt``: the same for the three layouts of a plan."""
    case = BY_NAME[name]
    return fs.document_facts(fs.load_text(case.parts.page_text(), case.entry))


def _check_page(raw: bytes, case: fs.PlanCase, *, encoding: str) -> None:
    parts = case.parts
    extracted = extract(raw, source=f"{case.name}.html")
    assert extracted.format == "html"
    assert extracted.encoding == encoding
    # the article found exactly: its title line, every paragraph, heading and row, nothing else
    assert extracted.text.splitlines() == parts.article_lines()
    assert fs.document_facts(load_source(raw, case.entry)) == _reference(case.name)
    # nothing of the page the builder put around it (a capture's own widget
    # line inside the plan, such as lanjiang's 【我要打印】　【关闭窗口】, is the plan's)
    article = "\n".join(parts.article_lines())
    for leaked in (*fs.PERSONAL_DATA, fs.SHARE_WIDGET, fs.PRINT_WIDGET, fs.CLOSE_WIDGET):
        assert extracted.text.count(leaked) == article.count(leaked)
    for line in extracted.text.splitlines():
        assert line not in fs.NAV_ITEMS and line not in fs.RELATED
        assert "主办单位" not in line and "ICP备" not in line


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_trs_page_in_gb18030_declared_gb2312(case: fs.PlanCase) -> None:
    raw = fs.trs_page(case.parts, fs.page_metadata(case.entry))
    assert b'charset="gb2312"' in raw
    _check_page(raw, case, encoding="gb18030")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_html5_page_in_utf8(case: fs.PlanCase) -> None:
    raw = fs.html5_page(case.parts, fs.page_metadata(case.entry))
    _check_page(raw, case, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_table_layout_page_with_charset_only_in_the_bytes(case: fs.PlanCase) -> None:
    raw = fs.legacy_table_page(case.parts)
    assert b"charset" not in raw.lower()
    _check_page(raw, case, encoding="gb18030")


def test_the_page_date_comes_from_the_info_bar_of_every_layout() -> None:
    # luming's capture: "发布时间：2024-06-12 09:15　　来源：知识产权保护科　　浏览量：519"
    case = next(c for c in CASES if c.name == "fixtures/luming_draft_plan")
    assert case.entry.published_on is None  # the manifest gives only file and jurisdiction
    for raw in (
        fs.trs_page(case.parts, {}),
        fs.html5_page(case.parts, {}),
        fs.legacy_table_page(case.parts),
    ):
        ev = extract(raw).metadata["published_on"]
        assert (ev.value, ev.source) == ("2024-06-12", "info bar: 发布时间")
        assert load_source(raw, case.entry).published_on.isoformat() == "2024-06-12"


def test_entities_become_characters() -> None:
    raw = fs.trs_page(HOHHOT.parts, fs.page_metadata(HOHHOT.entry))
    assert b"&ldquo;" in raw and b"&nbsp;" in raw and b"&mdash;" in raw
    text = extract(raw).text
    assert "&" not in text and "\xa0" not in text
    assert "积极争取建设“国家级知识产权保护中心”" in text
    assert "《知识产权强国建设纲要(2021—2035年)》" in text


def test_metadata_evidence_from_the_page() -> None:
    raw = fs.trs_page(HOHHOT.parts, fs.page_metadata(HOHHOT.entry))
    meta = extract(raw).metadata
    found = {k: (v.value, v.source) for k, v in meta.items()}
    assert found == {
        "title": (
            "呼和浩特市人民政府关于印发呼和浩特市推进知识产权强市建设工作方案的通知",
            "meta[name=ArticleTitle]",
        ),
        "index_no": (fs.INDEX_NO, "metadata table: 索引号"),
        "doc_number": ("呼政发〔2022〕49号", "metadata table: 文号"),
        "issuer": ("呼和浩特市人民政府", "metadata table: 发文机关"),
        "issued_on": ("2022-12-25", "metadata table: 成文日期"),
        "published_on": ("2023-02-09", "metadata table: 发布日期"),
        "source": ("呼和浩特市人民政府", "meta[name=ContentSource]"),
    }


def test_task_table_comes_as_tab_separated_rows() -> None:
    parts = HOHHOT.parts
    lines = extract(fs.html5_page(parts, {})).text.splitlines()
    start = lines.index(fs.TABLE_TITLE)
    # hohhot numbers 26 tasks: a header row and one row per task
    assert len(parts.rows) == 27
    assert lines[start + 1 : start + 28] == ["\t".join(r) for r in parts.rows]
    assert lines[start + 2] == "1\t健全知识产权管理体制机制\t持续推进"


def test_a_captured_table_comes_back_as_rows() -> None:
    # yunling's 表1 in its capture: "每万人口发明专利拥有量（件）<TAB>6.8<TAB>11<TAB>预期性"
    case = next(c for c in CASES if c.name == "fixtures/yunling_14th_plan")
    lines = extract(fs.trs_page(case.parts, {})).text.splitlines()
    k = lines.index("指标名称\t2020年\t2025年\t属性")
    assert lines[k + 1] == "每万人口发明专利拥有量（件）\t6.8\t11\t预期性"
    assert lines[k - 1] == "表1　“十四五”时期云岭省知识产权主要指标"  # its ideographic space kept


def test_declared_charset_that_lies_is_overruled() -> None:
    page = fs.trs_page(HOHHOT.parts, {}, encoding="utf-8", charset="gb2312")
    extracted = extract(page, source="lying.html")
    assert extracted.encoding == "utf-8"
    assert any("says gb18030 but the bytes are UTF-8" in w for w in extracted.warnings)
    assert "呼和浩特市推进知识产权强市建设工作方案" in extracted.text.splitlines()


def test_http_equiv_and_transport_charset() -> None:
    parts = fs.plan_parts(fs.corpus_text("guangxi.txt"))
    old = fs.trs_page(parts, {}, encoding="gb18030", charset="GBK", http_equiv=True)
    assert b"http-equiv" in old
    assert extract(old).encoding == "gb18030"
    # the HTTP header wins over the page's own declaration, as in a browser
    wrong = fs.trs_page(parts, {}, encoding="gb18030", charset="big5")
    served = extract(wrong, charset="gbk")
    assert (served.encoding, served.warnings) == ("gb18030", [])
    alone = extract(wrong, source="wrong.html")
    assert alone.encoding == "gb18030"
    assert alone.warnings == [
        "wrong.html: its <meta> charset says 'big5', which does not decode it; detected"
    ]
    assert alone.text == served.text


def test_page_date_from_the_info_bar_when_there_is_no_metadata_box() -> None:
    # the capture's own line: "发布日期: 2023-02-09   |   访问次数:1533    |  来源:"
    meta = extract(fs.trs_page(HOHHOT.parts, {})).metadata
    assert (meta["published_on"].value, meta["published_on"].source) == (
        "2023-02-09",
        "info bar: 发布日期",
    )
    assert "index_no" not in meta and "doc_number" not in meta


# --- the extractor's rules, on pages written for them ----------------------------------

SITE = "鹿鸣市人民政府门户网站"
PLAN = "鹿鸣市知识产权强市建设实施方案"


def _page(title: str, article: str, *, head: str = "", footer: str = "") -> bytes:
    """A small portal page: the site's header and footer around an article."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
        f"<div class='logo'>{SITE}</div><div class='nav'><a href='/'>首页</a></div>"
        f"<div class='main'>{article}</div>"
        f"<div class='footer'><p>版权所有：{SITE}　{footer}</p></div></body></html>"
    ).encode()


BODY = (
    "<div class='content'><p>一、总体要求</p>"
    "<p>到2027年，全市知识产权创造质量明显提升，保护体系更加完善。</p>"
    "<p>二、主要任务</p><p>加强重点产业专利布局，支持企业构建专利组合，提升转化效益。</p></div>"
)


def test_ideographic_spaces_are_text_and_ascii_runs_are_layout() -> None:
    article = (
        "<div><p>第一章　发展基础</p><p>联系人：  王某   电话：\n  0736</p><p>专利\n  布局</p>"
    )
    lines = extract(_page(PLAN, article + BODY[21:])).text.splitlines()
    assert "第一章　发展基础" in lines  # U+3000 typed by the author, as a capture keeps it
    assert "联系人： 王某 电话： 0736" in lines  # source spaces collapse, as a browser shows them
    assert "专利布局" in lines  # a source line break inside Chinese text is no space


def test_the_pages_title_line_stays_when_the_plan_repeats_it() -> None:
    article = f"<h1>{PLAN}</h1>" + BODY.replace("<p>一、", f"<p>{PLAN}</p><p>一、", 1)
    lines = extract(_page(PLAN, article)).text.splitlines()
    assert lines[:3] == [PLAN, PLAN, "一、总体要求"]


def test_the_title_line_is_found_when_the_title_tag_names_the_site() -> None:
    article = f"<table><tr><td align='center'><b>{PLAN}</b></td></tr></table>{BODY}"
    lines = extract(_page(SITE, article)).text.splitlines()
    assert lines[:2] == [PLAN, "一、总体要求"]


@pytest.mark.parametrize(
    ("title", "head", "expected"),
    [
        (SITE, "", None),  # the site's name
        ("政府门户网站", "", None),
        ("政策文件", "", None),  # portal sections
        ("通知公告", "", None),
        ("规划计划", "", None),  # 文种 words and nothing else
        (f"{PLAN}_{SITE}", "", (PLAN, "<title>")),  # TRS: {title}_{site}
        (f"{PLAN} - {SITE}", "", (PLAN, "<title>")),
        ("鹿鸣市知识产权强市建设实施方案（2024—2026年）", "", None),  # checked below
        (SITE, f"<meta name='ArticleTitle' content='{PLAN}'>", (PLAN, "meta[name=ArticleTitle]")),
        (  # a portal named after a plan: its name is no document's title
            "长三角知识产权一体化发展三年行动计划",
            "<meta name='SiteName' content='长三角知识产权一体化发展三年行动计划'>",
            None,
        ),
    ],
)
def test_title_evidence_is_a_documents_title_not_a_site_or_section(
    title: str, head: str, expected: tuple[str, str] | None
) -> None:
    meta = extract(_page(title, BODY, head=head)).metadata
    found = (meta["title"].value, meta["title"].source) if "title" in meta else None
    if title.endswith("年）"):  # a period qualifier stays with the title, dash and all
        expected = (title, "<title>")
    assert found == expected


def test_a_site_name_in_the_title_tag_never_becomes_the_documents_title() -> None:
    # the plan's text has no title line; before, the <title> 政府门户网站 filled it
    entry = HOHHOT.entry.model_copy(update={"title": None, "file": "page.html"})
    doc = load_source(_page("政府门户网站", BODY), entry)
    assert doc.title is None
    doc = load_source(_page(f"{PLAN}_{SITE}", BODY), entry)
    assert doc.title == PLAN


def test_the_site_name_in_the_footer_is_not_title_evidence() -> None:
    # a special-topic site whose name reads as a plan's title, shown in its footer
    name = "长三角知识产权一体化发展三年行动计划"
    meta = extract(_page(name, BODY, footer=f"主办：{name}")).metadata
    assert "title" not in meta


def test_padded_and_bracketed_labels_and_a_br_separated_info_cell() -> None:
    article = (
        "<table><tr><td>【索 引 号】000014349/2021-00112<br>【发文字号】沧府发〔2021〕38号<br>"
        "【成文日期】2021年11月26日</td></tr>"
        "<tr><td>文　　号：临府办发〔2022〕15号<br>发布时间：2022-03-25 10:00　浏览量：12</td></tr>"
        f"<tr><td>{BODY}</td></tr></table>"
    )
    found = {k: (v.value, v.source) for k, v in extract(_page(PLAN, article)).metadata.items()}
    assert found == {
        "title": (PLAN, "<title>"),
        "index_no": ("000014349/2021-00112", "metadata table: 索引号"),
        "doc_number": ("沧府发〔2021〕38号", "metadata table: 发文字号"),
        "issued_on": ("2021-11-26", "metadata table: 成文日期"),
        "published_on": ("2022-03-25", "info bar: 发布时间"),
    }


def test_an_articles_own_header_is_not_the_sites() -> None:
    article = f"<div class='article-header'><h1>{PLAN}</h1></div>{BODY}"
    extracted = extract(_page(PLAN, article, head=f"<meta name='ArticleTitle' content='{PLAN}'>"))
    assert extracted.metadata["title"].value == PLAN
    assert extracted.text.splitlines()[:2] == [PLAN, "一、总体要求"]


def test_a_sidebar_of_document_links_above_the_article_is_no_title_line() -> None:
    sidebar = (
        "<div class='col'><ul>"
        "<li><a href='/1'>关于开展2023年度知识产权示范企业申报工作的通知</a></li>"
        "<li><a href='/2'>鹿鸣市专利转化专项计划实施方案</a></li></ul></div>"
    )
    lines = extract(_page(SITE, f"{sidebar}{BODY}")).text.splitlines()
    assert lines[0] == "一、总体要求"


#: a body long enough that the page-info lines above it are not part of it
LONG_BODY = BODY.replace(
    "</div>",
    "<p>三、保障措施</p><p>加强组织领导，建立工作专班，定期研究解决专利转化工作中的重大问题。</p>"
    "<p>强化资金保障，统筹用好知识产权专项资金，支持专利转化服务平台建设和运行维护。</p></div>",
)


def test_a_page_in_traditional_script_gives_its_labels_and_title() -> None:
    # a Big5 portal's article: its info bar and title in its own script
    title = "鹿鳴市市場監督管理局關於印發《鹿鳴市專利轉化專項計劃實施方案》的通知"
    article = (
        f"<h1>{title}</h1><div class='info'><p>發佈日期：2025-11-20　　來源：知識產權科</p>"
        "<p>文　　號：鹿市監發〔2025〕7號</p></div>"
        "<div class='content'><p>各縣（市、區）市場監督管理局：</p>"
        "<p>現將《鹿鳴市專利轉化專項計劃實施方案》印發給你們，請認真貫徹執行。</p>"
        "<p>一、總體要求</p><p>到2027年，全市專利轉化運用效益明顯提升，高校院所存量專利盤活率達到百分之五十。</p>"
        "<p>二、主要任務</p><p>建立存量專利盤點機制，推動專利向中小企業轉移轉化，完善轉化服務體系。</p></div>"
    )
    extracted = extract(_page("鹿鳴市市場監督管理局", article))
    found = {k: (v.value, v.source) for k, v in extracted.metadata.items()}
    assert found == {
        "published_on": ("2025-11-20", "info bar: 发布日期"),
        "source": ("知识产权科", "info bar: 来源"),
        "doc_number": ("鹿市监发〔2025〕7号", "info bar: 文号"),
    }
    # the title line is the article's, kept in its script as a capture keeps it
    assert extracted.text.splitlines()[0] == title
    entry = HOHHOT.entry.model_copy(update={"title": None, "doc_number": None, "file": "p.html"})
    assert load_source(_page(f"{title}_鹿鳴市", article), entry).doc_number == "鹿市监发〔2025〕7号"


def test_a_news_headline_is_the_title_line_and_its_byline_dates_the_page() -> None:
    # a county news site: no 文种 in the headline, the date opening the byline
    headline = "重磅！我市出台专利转化新政（附全文）"
    byline = "2025-09-03 16:21:07　来源：鹿鸣市融媒体中心　作者：某某　编辑：某某"
    for heading in (
        f"<h1>{headline}</h1>",
        f"<table><tr><td align='center'><b>{headline}</b></td></tr></table>",
    ):
        article = f"{heading}<div class='info'><p>{byline}</p></div>{LONG_BODY}"
        extracted = extract(_page("鹿鸣新闻网", article))
        assert extracted.text.splitlines()[:2] == [headline, "一、总体要求"]
        assert "title" not in extracted.metadata  # a headline names no document
        ev = extracted.metadata["published_on"]
        assert (ev.value, ev.source) == ("2025-09-03", "info bar: page info line")
    # bold words opening a paragraph are no headline
    lead = f"<div class='summary'><p><b>{headline}</b>（记者 某某 报道）</p></div>"
    lines = extract(_page("鹿鸣新闻网", lead + LONG_BODY)).text.splitlines()
    assert lines[0] == "一、总体要求"


def test_a_wechat_bylines_date_is_the_pages() -> None:
    article = (
        "<h1>政府工作报告（全文）丨2025年鹿鸣市政府工作报告</h1>"
        "<div id='meta_content'><span>原创</span>　<span>鹿鸣发布</span>　"
        "<em id='publish_time'>2025年01月08日 18:30</em></div>" + LONG_BODY
    )
    ev = extract(_page("鹿鸣发布", article)).metadata["published_on"]
    assert (ev.value, ev.source) == ("2025-01-08", "info bar: page info line")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a 政府信息公开 record with a 生成日期 and no 发布日期: its date is the page's
        (
            ("索引号：000014349/2026-00073", "生成日期：2026-02-14", "成文日期：2026-02-10"),
            ("2026-02-14", "metadata table: 生成日期"),
        ),
        (
            ("生成日期：2026-02-14", "发布日期：2026-02-16", "成文日期：2026-02-10"),
            ("2026-02-16", "metadata table: 发布日期"),
        ),
        # a 成文日期 alone does not date the page
        (
            ("索引号：000014349/2026-00073", "发文机关：鹿鸣市人民政府", "成文日期：2026-02-10"),
            None,
        ),
    ],
)
def test_a_generated_on_date_stands_for_the_pages_only_without_one(
    rows: tuple[str, ...], expected: tuple[str, str] | None
) -> None:
    box = "<div class='xxgk'>" + "".join(f"<p>{r}</p>" for r in rows) + "</div>"
    meta = extract(_page(PLAN, box + LONG_BODY)).metadata
    found = meta.get("published_on")
    assert ((found.value, found.source) if found else None) == expected
    assert meta["issued_on"].value == "2026-02-10"
    assert "generated_on" not in meta
