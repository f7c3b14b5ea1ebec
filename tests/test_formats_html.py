"""Web pages built from each bundled plan load into the same document as its text.

Three page layouts per plan, built at test time (``formats_support``): a TRS
page in GB18030 declaring ``<meta charset=gb2312>``, with a navigation bar, a
信息公开 box (索引号/文号/发布日期/发文机关/成文日期), the plan in
``<div class="TRS_Editor">`` as ``<p>`` paragraphs with ``&nbsp;`` indents and
``&ldquo;``-style entities, a task table (分工表), share/print/close widgets,
related links and a footer naming a contact person; an HTML5 page in UTF-8
(header/nav/main/article/aside/footer, headings as ``<h3>``); and an old
table-layout page with no charset anywhere, whose GB18030 is known only from
the bytes, paragraphs separated by ``<br>``.

The reference is the plan's text as a capture of the page holds it, with the
task table inserted after the plan as tab-separated rows. Accepted
difference: the page's 发布日期 line is page chrome outside the article, so
it reaches ``Extracted.metadata`` (from the 信息公开 box) instead of the text;
the loader then takes ``published_on`` from the manifest, which the curator
filled from the same page, so the documents are equal.
"""

from __future__ import annotations

import re

import formats_support as fs
import pytest

from policykg.loaders import load_document
from policykg.loaders.formats import extract
from policykg.model import ManifestEntry

ENTRIES = fs.corpus_entries()
PLANS = sorted(ENTRIES)


def _reference(plan: str) -> tuple[fs.PlanParts, ManifestEntry, dict]:
    entry = ENTRIES[plan]
    parts = fs.plan_parts(fs.corpus_text(plan))
    doc = load_document(parts.plain_text().encode("utf-8"), entry)
    return parts, entry, fs.document_facts(doc)


def _expected_lines(parts: fs.PlanParts) -> list[str]:
    """The body exactly: the article's title line, the plan, the table title and rows."""
    title = [parts.page_title] if parts.page_title else []
    rows = [fs.TABLE_TITLE, *("\t".join(r) for r in parts.rows)] if parts.rows else []
    return [re.sub(r"[ \xa0\u3000]+", " ", line) for line in [*title, *parts.body, *rows]]


def _check_page(raw: bytes, plan: str, *, encoding: str) -> None:
    parts, entry, reference = _reference(plan)
    extracted = extract(raw, source=f"{plan}.html")
    assert extracted.format == "html"
    assert extracted.encoding == encoding
    # the body found exactly: every paragraph, heading and row, nothing else
    assert extracted.text.splitlines() == _expected_lines(parts)
    doc = load_document(extracted.plan_bytes, entry)
    assert fs.document_facts(doc) == reference
    for leaked in (*fs.PERSONAL_DATA, fs.SHARE_WIDGET, fs.PRINT_WIDGET, fs.CLOSE_WIDGET):
        assert leaked not in extracted.text
    for line in extracted.text.splitlines():
        assert line not in fs.NAV_ITEMS and line not in fs.RELATED
        assert "主办单位" not in line and "ICP备" not in line


@pytest.mark.parametrize("plan", PLANS)
def test_trs_page_in_gb18030_declared_gb2312(plan: str) -> None:
    raw = fs.trs_page(fs.plan_parts(fs.corpus_text(plan)), fs.page_metadata(ENTRIES[plan]))
    assert b'charset="gb2312"' in raw
    _check_page(raw, plan, encoding="gb18030")


@pytest.mark.parametrize("plan", PLANS)
def test_html5_page_in_utf8(plan: str) -> None:
    raw = fs.html5_page(fs.plan_parts(fs.corpus_text(plan)), fs.page_metadata(ENTRIES[plan]))
    _check_page(raw, plan, encoding="utf-8")


@pytest.mark.parametrize("plan", PLANS)
def test_table_layout_page_with_charset_only_in_the_bytes(plan: str) -> None:
    raw = fs.legacy_table_page(fs.plan_parts(fs.corpus_text(plan)))
    assert b"charset" not in raw.lower()
    _check_page(raw, plan, encoding="gb18030")


def test_entities_become_characters() -> None:
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    raw = fs.trs_page(parts, fs.page_metadata(ENTRIES["hohhot.txt"]))
    assert b"&ldquo;" in raw and b"&nbsp;" in raw and b"&mdash;" in raw
    text = extract(raw).text
    assert "&" not in text and "\xa0" not in text
    assert "积极争取建设“国家级知识产权保护中心”" in text
    assert "《知识产权强国建设纲要(2021—2035年)》" in text


def test_metadata_evidence_from_the_page() -> None:
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    raw = fs.trs_page(parts, fs.page_metadata(ENTRIES["hohhot.txt"]))
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
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    lines = extract(fs.html5_page(parts, {})).text.splitlines()
    start = lines.index(fs.TABLE_TITLE)
    # hohhot numbers 26 tasks: a header row and one row per task
    assert len(parts.rows) == 27
    assert lines[start + 1 : start + 28] == ["\t".join(r) for r in parts.rows]
    assert lines[start + 2] == "1\t健全知识产权管理体制机制\t持续推进"


def test_declared_charset_that_lies_is_overruled() -> None:
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    page = fs.trs_page(parts, {}, encoding="utf-8", charset="gb2312")
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
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    meta = extract(fs.trs_page(parts, {})).metadata
    assert (meta["published_on"].value, meta["published_on"].source) == (
        "2023-02-09",
        "info bar: 发布日期",
    )
    assert "index_no" not in meta and "doc_number" not in meta
