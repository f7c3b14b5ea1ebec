"""Build HTML pages, PDFs and DOCX files from a plan's text, at test time.

Every builder takes the plan as text (a bundled plan read through
``policykg.loaders.decode``, or any new fixture plan) and lays it out the way
the plan reaches researchers: a government web page around it, a printed
official document, a Word file. The format tests then check that what the
extractors read back loads into the same document as the plain text.

What goes where: the lines the loader itself treats as page chrome
(:func:`policykg.loaders.chrome.strip_chrome`: breadcrumbs, 发布日期 lines,
widgets) *before the first and after the last plan line* are the page around
the plan, so a web page puts them in its navigation and footer and a printed
document leaves them out; every other line is the plan, one paragraph or
heading per line, in order.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from html.entities import codepoint2name
from pathlib import Path
from typing import Any

from policykg.loaders import read_plan_bytes
from policykg.loaders.chrome import strip_chrome
from policykg.loaders.decode import decode_bytes
from policykg.loaders.manifest import load_manifest
from policykg.loaders.markers import RANK_L1, RANK_L2, RANK_L3
from policykg.loaders.normalise import normalise_punctuation
from policykg.loaders.segment import match_heading
from policykg.model import Document, ManifestEntry
from policykg.resources import corpus_dir

#: Personal data that the page footer carries and no extracted text may contain.
CONTACT_NAME = "王晓明"
CONTACT_PHONE = "0471-6601234"
CONTACT_EMAIL = "wangxm@zscq.example.gov.cn"
PERSONAL_DATA = (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL)

#: Text of the page chrome the builders add; none of it may reach the text.
NAV_ITEMS = ("首页", "政务公开", "政策法规", "政务服务", "互动交流", "走进首府")
SHARE_WIDGET = "分享到："
PRINT_WIDGET = "【打印本页】"
CLOSE_WIDGET = "【关闭窗口】"
RELATED = (
    "关于开展2023年度知识产权示范企业申报工作的通知",
    "市政府常务会议研究部署优化营商环境工作",
)

TABLE_TITLE = "重点任务分工表"
TABLE_HEADER = ("序号", "重点任务", "完成时限")


def corpus_text(file_name: str) -> str:
    """A bundled plan's text, decoded as the loader decodes it."""
    path = corpus_dir() / file_name
    return decode_bytes(read_plan_bytes(path), source=path.name).text


def read_corpus_bytes(file_name: str) -> bytes:
    """A bundled plan's bytes as captured."""
    return read_plan_bytes(corpus_dir() / file_name)


def corpus_entries() -> dict[str, ManifestEntry]:
    """The bundled plans' manifest entries by file name."""
    return {e.file: e for e in load_manifest(corpus_dir() / "manifest.yaml")}


#: A 索引号 in the shape government portals give (unified social credit code/year-serial).
INDEX_NO = "11150100011514409K/2023-00123"


def page_metadata(entry: ManifestEntry) -> dict[str, str]:
    """What a portal's 信息公开 box shows for a plan: the curator's facts, plus an 索引号."""
    meta = {"index_no": INDEX_NO}
    if entry.doc_number:
        meta["doc_number"] = entry.doc_number
    if entry.issuers:
        meta["issuer"] = entry.issuers[0]
    if entry.issued_on:
        meta["issued_on"] = entry.issued_on.isoformat()
    if entry.published_on:
        meta["published_on"] = entry.published_on.isoformat()
    return meta


def red_header_for(entry: ManifestEntry) -> str:
    """The red header an issuer prints on page 1: ``{issuer}文件``."""
    issuer = entry.issuers[0] if entry.issuers else f"{entry.jurisdiction.name}人民政府"
    return f"{issuer}文件"


def document_facts(doc: Document) -> dict[str, Any]:
    """What must be the same whichever format a plan came in.

    Ids are compared below the document's own: it derives from the source
    bytes, which differ from format to format (unit ids keep their tree path).
    """

    def rel(ident: str) -> str:
        return ident.replace(doc.id, "<doc>", 1)

    return {
        "jurisdiction": doc.jurisdiction.id,
        "metadata": {
            "title": doc.title,
            "doc_number": doc.doc_number,
            "issuers": doc.issuers,
            "issued_on": doc.issued_on,
            "published_on": doc.published_on,
            "status": doc.status,
        },
        "units": [
            (rel(u.id), u.kind, u.marker, u.heading, u.path, u.text, u.agencies) for u in doc.units
        ],
        "targets": [
            (rel(t.id), t.metric, t.indicator, t.value, t.unit, t.year, t.comparator, t.baseline)
            for t in doc.targets
        ],
        "citations": [c.model_dump() for c in doc.citations],
    }


@dataclass(frozen=True)
class PlanParts:
    """A plan's text split into the page around it and the plan itself.

    Attributes:
        chrome_before: page-chrome lines before the plan (breadcrumb, 发布日期...).
        body: the plan, one stripped paragraph or heading per line.
        chrome_after: page-chrome lines after the plan.
        rows: the task table (分工表): header row, then one row per numbered task.
    """

    chrome_before: list[str]
    body: list[str]
    chrome_after: list[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def page_title(self) -> str | None:
        """The web page's own title line (the last non-chrome line above the plan)."""
        norm = [normalise_punctuation(line).strip() for line in self.chrome_before]
        kept = strip_chrome(norm).kept
        return self.chrome_before[kept[-1]] if kept else None

    def plain_text(
        self, *, page: bool = True, with_table: bool = True, table_at: int | None = None
    ) -> str:
        """The plan as a .txt file holds it: the reference the formats are compared with.

        Args:
            page: keep the web page's lines around the plan (as a capture of
                the page has them); False gives the document alone, as printed.
            with_table: include the task table: its title line and one line
                per row, cells separated by a tab (the extractors' table format).
            table_at: the body line index the table goes before (default: after
                the last body line).
        """
        lines = list(self.body)
        if with_table and self.rows:
            at = len(lines) if table_at is None else table_at
            lines[at:at] = [TABLE_TITLE, *("\t".join(r) for r in self.rows)]
        if page:
            lines = [*self.chrome_before, *lines, *self.chrome_after]
        return "\n".join(lines) + "\n"


#: Chrome that belongs to the web page rather than to the document it shows.
_PAGE_REASONS = {"breadcrumb", "page info", "page widget", "site label"}


def plan_parts(text: str) -> PlanParts:
    """Split a plan's text (see the module docstring) and derive its task table.

    The page part before the plan runs to the last breadcrumb / page-info /
    widget line above the first chapter heading (the page's own title line sits
    among them); the part after it is the run of chrome lines that ends the
    text (widgets, attachment links, a contact block).
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    norm = [normalise_punctuation(line).strip() for line in lines]
    removed = dict(strip_chrome(norm).removed)
    first_heading = next(
        (i for i, s in enumerate(norm) if (h := match_heading(s)) is not None and h.opens_body),
        len(norm),
    )
    page_lines = [i for i, why in removed.items() if why in _PAGE_REASONS and i < first_heading]
    first = max(page_lines) + 1 if page_lines else 0
    last = len(lines)
    while last > first and last - 1 in removed:
        last -= 1
    rows: list[tuple[str, ...]] = [TABLE_HEADER]
    for s in norm[first:last]:
        h = match_heading(s)
        if h is not None and h.level == RANK_L3 and h.kind is None:
            task = re.split(r"[。；：]", h.rest, maxsplit=1)[0][:30]
            rows.append((str(len(rows)), task, "持续推进"))
    return PlanParts(lines[:first], lines[first:last], lines[last:], rows if len(rows) > 1 else [])


def _entities(s: str) -> str:
    """Escape markup and write every character that has an HTML entity name as one."""
    out = []
    for ch in html.escape(s, quote=False):
        name = codepoint2name.get(ord(ch)) if ord(ch) > 127 else None
        out.append(f"&{name};" if name else ch)
    return "".join(out)


def _para(line: str, style: str) -> str:
    text = _entities(line)
    h = match_heading(normalise_punctuation(line))
    if h is not None and h.kind is None and h.level <= RANK_L2 and len(line) <= 40:
        # How CMS editors mark a section heading: bold, sometimes a tag of its own.
        return f"<p><strong>{text}</strong></p>" if style == "trs" else f"<h3>{text}</h3>"
    indent = "&nbsp;&nbsp;&nbsp;&nbsp;" if style == "trs" else ""
    return f'<p style="text-indent:2em">{indent}{text}</p>'


def _table(parts: PlanParts) -> str:
    if not parts.rows:
        return ""
    head, *rows = parts.rows
    cells = "".join(f"<td><p><b>{_entities(c)}</b></p></td>" for c in head)
    body = "".join(
        "<tr>" + "".join(f"<td><p>{_entities(c)}</p></td>" for c in row) + "</tr>" for row in rows
    )
    return (
        f'<p align="center"><strong>{_entities(TABLE_TITLE)}</strong></p>'
        f'<table border="1" cellspacing="0"><tbody><tr>{cells}</tr>{body}</tbody></table>'
    )


def _footer() -> str:
    return (
        '<div class="footer"><p>主办单位：呼和浩特市人民政府办公室 '
        "承办单位：市大数据管理局</p>"
        f"<p>联系人：{CONTACT_NAME} 联系电话：{CONTACT_PHONE} 电子邮箱：{CONTACT_EMAIL}</p>"
        "<p>蒙ICP备05000000号-1 网站标识码：1501000000</p></div>"
    )


def _widgets() -> str:
    return (
        f'<div class="share"><span>{SHARE_WIDGET}</span><a href="#">微信</a><a href="#">微博</a>'
        f'<a href="#">QQ空间</a></div><div class="print-close"><a href="javascript:window.print()">'
        f'{PRINT_WIDGET}</a><a href="javascript:window.close()">{CLOSE_WIDGET}</a></div>'
    )


def _related() -> str:
    return "".join(f"<li><a href='#'>{r}</a></li>" for r in RELATED)


def metadata_table(meta: dict[str, str]) -> str:
    """The 索引号/文号/发布日期 box government portals put above a document."""
    cells = [(label, meta.get(key)) for key, label in _META_LABELS]
    present = [(label, value) for label, value in cells if value]
    rows = []
    for k in range(0, len(present), 2):
        pair = present[k : k + 2]
        rows.append(
            "<tr>"
            + "".join(f"<th>{label}：</th><td>{_entities(value)}</td>" for label, value in pair)
            + "</tr>"
        )
    return f'<table class="xxgk-info">{"".join(rows)}</table>'


_META_LABELS = (
    ("index_no", "索引号"),
    ("doc_number", "文号"),
    ("issuer", "发文机关"),
    ("issued_on", "成文日期"),
    ("published_on", "发布日期"),
    ("topic", "主题分类"),
)


def trs_page(
    parts: PlanParts,
    meta: dict[str, str],
    *,
    encoding: str = "gb18030",
    charset: str | None = "gb2312",
    http_equiv: bool = False,
) -> bytes:
    """A TRS-style government page: the plan in ``<div class="TRS_Editor">``.

    Args:
        parts: the plan (:func:`plan_parts`).
        meta: the metadata table's values by key (index_no, doc_number,
            issuer, issued_on, published_on).
        encoding: the codec the page's bytes are written in.
        charset: the charset the page declares, or None to declare none.
        http_equiv: declare it the old way (``http-equiv="Content-Type"``).
    """
    if charset is None:
        decl = ""
    elif http_equiv:
        decl = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    else:
        decl = f'<meta charset="{charset}">'
    nav = "".join(f'<li><a href="/{i}/">{n}</a></li>' for i, n in enumerate(NAV_ITEMS))
    title = parts.page_title
    info = "".join(f"<p>{_entities(c)}</p>" for c in parts.chrome_before if c != title)
    body = "".join(_para(line, "trs") for line in parts.body)
    h1 = f'<h1 class="title">{_entities(title)}</h1>' if title else ""
    title = title or ""
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>{decl}
<title>{_entities(title) or "政府门户网站"}</title>
<meta name="SiteName" content="呼和浩特市人民政府">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="{meta.get("published_on", "")} 09:30">
<meta name="ContentSource" content="{html.escape(meta.get("issuer", ""))}">
<style>.TRS_Editor p {{ line-height: 2; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="header"><div class="logo">呼和浩特市人民政府</div>
<div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政策法规</div>
<div class="main"><div class="info">{info}</div>
<div class="xxgk">{metadata_table(meta)}</div>
<div class="article">{h1}
<div class="info">来源：{_entities(meta.get("issuer", ""))}　字号：【大 中 小】</div>
<div class="TRS_Editor">{body}{_table(parts)}</div>
{_widgets()}
</div>
<div class="related"><h4>相关链接</h4><ul>{_related()}</ul></div></div>
{_footer()}
<script type="text/javascript">document.getElementById("x").innerHTML = "脚本";</script>
</body></html>"""
    return page.encode(encoding)


def html5_page(parts: PlanParts, meta: dict[str, str]) -> bytes:
    """A UTF-8 HTML5 page: header/nav/main/article/aside/footer, headings as ``<h3>``."""
    title = parts.page_title or ""
    h1 = f"<h1>{_entities(title)}</h1>" if title else ""
    nav = "".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(NAV_ITEMS))
    body = "".join(_para(line, "html5") for line in parts.body)
    page = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_entities(title)}</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="{meta.get("published_on", "")}">
</head><body>
<header><div class="site-name">政府门户网站</div><nav>{nav}</nav></header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/zc/">政策文件</a></div>
<main><article>
{h1}
{metadata_table(meta)}
<div class="article-content">{body}{_table(parts)}</div>
<div class="article-tools">{_widgets()}</div>
</article>
<aside><h2>热点新闻</h2><ul>{_related()}</ul></aside>
</main>
<footer>{_footer()}</footer>
<script>window.dataLayer = [];</script>
</body></html>"""
    return page.encode("utf-8")


def legacy_table_page(parts: PlanParts, *, encoding: str = "gb18030") -> bytes:
    """An old table-layout page with no charset anywhere: only the bytes tell.

    The plan sits in a ``<td>`` of a layout table, paragraphs separated by
    ``<br>`` with ``&nbsp;`` indents, inside ``<font>`` tags.
    """
    lines = "".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{_entities(line)}<br>\n" for line in parts.body)
    nav = " | ".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(NAV_ITEMS))
    title = parts.page_title or ""
    head = f'<tr><td align="center"><b>{_entities(title)}</b></td></tr>' if title else ""
    page = f"""<html><head><title>{_entities(title)}</title></head>
<body><table width="980" align="center"><tr><td colspan="2" class="top">{nav}</td></tr>
<tr><td width="200" valign="top" class="left"><table><tr><td><a href="#">通知公告</a></td></tr>
<tr><td><a href="#">政策解读</a></td></tr><tr><td><a href="#">办事指南</a></td></tr></table></td>
<td valign="top"><table width="100%">{head}
<tr><td class="content"><font size="3">{lines}</font>{_table(parts)}</td></tr>
<tr><td align="right">{PRINT_WIDGET} {CLOSE_WIDGET}</td></tr></table></td></tr>
<tr><td colspan="2">{_footer()}</td></tr></table></body></html>"""
    return page.encode(encoding)


# --- PDF -------------------------------------------------------------------------


def _pdf_font() -> str:
    """Register and name a CJK font that needs no download.

    reportlab's built-in CID font ``STSong-Light`` is not embedded; readers map
    it through its CMap, and pypdfium2 reads its text layer exactly (checked in
    the tests), so no TrueType font is needed.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


PAGE_NUMBER_STYLES = {
    "dash": "— {n} —",
    "hyphen": "- {n} -",
    "chinese": "第 {n} 页",
    "fraction": "{n}/{total}",
}


def _wrap(text: str, font: str, size: float, width: float, first_indent: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    limit = width - first_indent
    for ch in text:
        if current and stringWidth(current + ch, font, size) > limit:
            lines.append(current)
            current, limit = "", width
        current += ch
    lines.append(current)
    return lines


def official_pdf(
    parts: PlanParts,
    *,
    red_header: str | None,
    running_header: str | None,
    page_numbers: str = "dash",
    line_chars: int = 26,
    with_table: bool = True,
) -> bytes:
    """The plan printed as an official document (GB/T 9704 look), as a PDF.

    Narrow lines (``line_chars`` CJK characters) so that paragraphs wrap; each
    paragraph indented two characters; the red header (``…人民政府文件``) in red
    on page 1; a running header on every later page; a page number on every
    page in ``page_numbers`` style (:data:`PAGE_NUMBER_STYLES`); the task table
    as rows after the text, cells at fixed columns.
    """
    from reportlab.lib.colors import HexColor, black
    from reportlab.pdfgen.canvas import Canvas

    font = _pdf_font()
    size = 12.0
    leading = 22.0
    left, top_margin, bottom_margin = 80.0, 90.0, 80.0
    page_w, page_h = 595.0, 842.0
    width = size * line_chars

    # Lay every paragraph out first, to know the page count for "3/12".
    laid: list[tuple[str, float, float, bool]] = []  # (text, x, size, red)
    if red_header:
        laid.append((red_header, left + (width - size * 1.6 * len(red_header)) / 2, 19.2, True))
        laid.append(("", 0, 0, False))
    for line in parts.body:
        for k, piece in enumerate(_wrap(line, font, size, width, 2 * size)):
            laid.append((piece, left + (2 * size if k == 0 else 0), size, False))
    if with_table and parts.rows:
        laid.append((TABLE_TITLE, left + (width - size * len(TABLE_TITLE)) / 2, size, False))
        for row in parts.rows:
            laid.append(("\x00" + "\x01".join(row), left, size, False))

    per_page = int((page_h - top_margin - bottom_margin) // leading)
    pages = [laid[k : k + per_page] for k in range(0, len(laid), per_page)]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w, page_h))
    c.setTitle(parts.body[0])
    columns = _columns(parts.rows, font, size)
    for number, page in enumerate(pages, start=1):
        if running_header and number > 1:
            c.setFont(font, 9)
            c.setFillColor(black)
            c.drawString(left, page_h - 50, running_header)
        y = page_h - top_margin
        for text, x, fsize, red in page:
            c.setFont(font, fsize)
            c.setFillColor(HexColor("#e60012") if red else black)
            if text.startswith("\x00"):
                for cx, cell in zip(columns, text[1:].split("\x01"), strict=True):
                    c.drawString(x + cx, y, cell)
            elif text:
                c.drawString(x, y, text)
            y -= leading * (1.6 if red else 1.0)
        label = PAGE_NUMBER_STYLES[page_numbers].format(n=number, total=len(pages))
        c.setFont(font, 10.5)
        c.setFillColor(black)
        c.drawCentredString(page_w / 2, 45, label)
        c.showPage()
    c.save()
    return buf.getvalue()


def _columns(rows: list[tuple[str, ...]], font: str, size: float) -> list[float]:
    """Column offsets: each column starts two characters after the widest cell before it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    offsets = [0.0]
    for k in range(1, len(rows[0]) if rows else 0):
        widest = max(stringWidth(r[k - 1], font, size) for r in rows)
        offsets.append(offsets[-1] + widest + 2 * size)
    return offsets


def image_only_pdf(pages: int = 2) -> bytes:
    """A 'scanned' PDF: each page one picture, no text layer at all."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    png = _gray_png()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(595, 842))
    for _ in range(pages):
        c.drawImage(ImageReader(io.BytesIO(png)), 40, 40, width=515, height=760)
        c.showPage()
    c.save()
    return buf.getvalue()


def _gray_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (200, 280), 255)
    draw = ImageDraw.Draw(img)
    for y in range(20, 260, 12):  # text-like strokes, as a scan has
        draw.line((20, y, 180, y), fill=40, width=3)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def png_bytes() -> bytes:
    return _gray_png()


# --- DOCX ------------------------------------------------------------------------


def official_docx(parts: PlanParts, *, table_at: int | None = None, title: str) -> bytes:
    """The plan as a Word file: heading styles, the task table, a header and a footer.

    Level-1 and level-2 headings (``一、``, ``（一）``) standing alone get the
    ``Heading 1``/``Heading 2`` styles, as a drafter using Word's outline does;
    the task table goes after body line ``table_at`` (default: the end), so
    its place among the paragraphs is checked.
    """
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = title
    section = document.sections[0]
    section.header.paragraphs[0].text = "呼和浩特市人民政府办公室"
    section.footer.paragraphs[0].text = f"联系人：{CONTACT_NAME} 电话：{CONTACT_PHONE}"
    at = len(parts.body) if table_at is None else table_at
    for k, line in enumerate(parts.body):
        if k == at:
            _docx_table(document, parts)
        h = match_heading(normalise_punctuation(line))
        if h is not None and h.kind is None and h.level <= RANK_L2 and len(line) <= 40:
            document.add_heading(line, level=1 if h.level <= RANK_L1 else 2)
        else:
            p = document.add_paragraph(line)
            p.paragraph_format.first_line_indent = Pt(24)
    if at >= len(parts.body):
        _docx_table(document, parts)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document: object, parts: PlanParts) -> None:
    if not parts.rows:
        return
    document.add_paragraph(TABLE_TITLE)  # type: ignore[attr-defined]
    table = document.add_table(rows=0, cols=len(parts.rows[0]))  # type: ignore[attr-defined]
    for row in parts.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value


# --- other files -----------------------------------------------------------------

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def legacy_doc() -> bytes:
    """The first bytes of a Word 97-2003 .doc (an OLE2 compound file)."""
    return OLE2_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480


def zip_not_docx() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("data/readme.txt", "not a Word file")
    return out.getvalue()


def save(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
