"""Build HTML pages, PDFs and DOCX files from a plan's text, at test time.

Every builder takes the plan as text (a bundled plan, or any fixture plan
with an expectation: :func:`plan_cases`) and lays it out the way the plan
reaches researchers: a government web page around it, a printed official
document, a Word file. The format tests then check that what the extractors
read back loads into the same document as the plain text.

What goes where (:func:`plan_parts`): the lines the loader itself treats as
page chrome (:func:`policykg.loaders.chrome.strip_chrome`: breadcrumbs,
发布日期 lines, widgets) *before the plan and after its last line* are the page
around the plan. A web page puts them where a portal has them: the lines above
the first breadcrumb (the site's name, its menu, a date or search bar; with
no breadcrumb, down to the menu above the first 发布日期 line) in its
header, the breadcrumb in the position bar, the page's title line (the
longest line there that is neither chrome nor a ``label：value`` field nor a
table row) as the article's heading, the 发布日期/来源 lines in the info bar
under it (a 信息公开 block written as table rows as a table), the trailing
lines in the footer. A line under the title that is none of these (a 文号)
opens the article. Lines are classed as the loader classes them, in
simplified script (a Big5 capture's 發佈日期 is a page line too). A printed
document has none of them but its title. Every other line is the plan, one
paragraph or heading per line, in order; a run of table rows (cells separated
by a tab, or between ``|`` as some captures write them) is a table.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html.entities import codepoint2name
from pathlib import Path
from typing import Any

import yaml

from policykg.loaders import load_document, read_plan_bytes
from policykg.loaders.chrome import strip_chrome
from policykg.loaders.decode import decode_bytes
from policykg.loaders.manifest import load_manifest
from policykg.loaders.markers import RANK_L1, RANK_L2, RANK_L3
from policykg.loaders.normalise import normalise_punctuation
from policykg.loaders.segment import match_heading
from policykg.model import Document, ManifestEntry
from policykg.resources import corpus_dir
from policykg.text import to_simplified

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
#: The portal section a page's ``<title>`` names when it names no article.
SECTION = "政策文件"

TABLE_TITLE = "重点任务分工表"
TABLE_HEADER = ("序号", "重点任务", "完成时限")

TESTS_DATA = Path(__file__).parent / "data"


def plan_sets() -> list[str]:
    """The fixture plan sets: every folder of ``tests/data`` with a manifest, by name.

    Found, not listed, so that a new held-out set is in the format tests the
    day it is added.
    """
    return sorted(p.parent.name for p in TESTS_DATA.glob("*/manifest.yaml"))


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


@dataclass(frozen=True)
class PlanCase:
    """One plan with an expectation, as the format tests take it.

    Attributes:
        name: ``corpus/hohhot`` or ``fixtures/luming_draft_plan``: the test id.
        path: the plan's text file.
        entry: its manifest entry (the bundled plans' are curated; the
            fixtures' give only the file and the jurisdiction, as a user would).
        issuers: the issuers a careful reader names (the entry's, else the
            expectation's): what a printed copy's red header shows.
    """

    name: str
    path: Path
    entry: ManifestEntry
    issuers: tuple[str, ...]

    # Worked out once: every format test of a plan reads them.
    @cached_property
    def text(self) -> str:
        return decode_bytes(read_plan_bytes(self.path), source=self.path.name).text

    @cached_property
    def parts(self) -> PlanParts:
        return plan_parts(self.text)

    @property
    def red_header(self) -> str | None:
        """The red header a printed copy has: the text's own ``…文件`` line, else the issuer's."""
        own = self.parts.red_header
        if own:
            return own
        return f"{self.issuers[0]}文件" if self.issuers else None


def plan_cases() -> list[PlanCase]:
    """Every plan with an expectation: the bundled five, then each fixture set's plans."""
    cases = [
        PlanCase(f"corpus/{Path(e.file).stem}", corpus_dir() / e.file, e, tuple(e.issuers))
        for e in load_manifest(corpus_dir() / "manifest.yaml")
    ]
    for folder in plan_sets():
        here = TESTS_DATA / folder
        for e in load_manifest(here / "manifest.yaml"):
            stem = Path(e.file).stem
            expected = yaml.safe_load((here / f"{stem}.expected.yaml").read_text("utf-8"))
            issuers = tuple(expected.get("metadata", {}).get("issuers") or ())
            cases.append(PlanCase(f"{folder}/{stem}", here / e.file, e, issuers))
    return cases


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


def load_text(text: str, entry: ManifestEntry) -> Document:
    """A reference text loaded as a ``.txt`` upload is."""
    return load_document(text.encode("utf-8"), entry)


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


# A table row as a capture holds it: cells separated by a tab, between pipes, or
# aligned in columns with runs of ASCII spaces (see table_rows).
_PIPE_ROW = re.compile(r"^\|.*\|$")
_COLUMN_GAP = re.compile(r" {2,}")
_RED_HEADER_LINE = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,60}文件$")


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if _PIPE_ROW.match(line) and line.count("|") >= 3:
        return [c.strip() for c in line.strip("|").split("|")]
    return None


def table_rows(lines: list[str]) -> list[list[str] | None]:
    """Each line's cells when it is a table row, else None.

    Space-aligned rows: a run of two or more lines with the same number of
    columns, or one line of three or more (a row the page broke off its table).
    """
    rows = [_cells(line) for line in lines]
    k = 0
    while k < len(lines):
        n = len(_COLUMN_GAP.split(lines[k].strip()))
        end = k
        while end < len(lines) and rows[end] is None and n > 1:
            if len(_COLUMN_GAP.split(lines[end].strip())) != n:
                break
            end += 1
        if end - k >= 2 or (end - k == 1 and n >= 3):
            for i in range(k, end):
                rows[i] = [c.strip() for c in _COLUMN_GAP.split(lines[i].strip())]
        k = max(end, k + 1)
    return rows


def _as_rows(lines: list[str]) -> list[str]:
    """Lines as an extractor writes them: a table row's cells tab-separated, empty rows gone."""
    out = []
    for line, cells in zip(lines, table_rows(lines), strict=True):
        if cells is None:
            out.append(line)
        elif any(cells):
            out.append("\t".join(cells))
    return out


@dataclass(frozen=True)
class PlanParts:
    """A plan's text split into the page around it and the plan itself.

    Attributes:
        chrome_before: page lines before the plan (site header, breadcrumb,
            the page's title line, 发布日期...), in order.
        body: the plan, one stripped paragraph, heading or table row per line.
        chrome_after: page lines after the plan (widgets, footer...).
        rows: the task table (分工表) the builders add: header row, then one
            row per numbered task.
        header_count: how many of ``chrome_before`` are the site's header
            (the lines above the first breadcrumb: name, menu, date bar).
        title_index: where in ``chrome_before`` the page's title line is.
        crumbs: indices in ``chrome_before`` of breadcrumb lines.
    """

    chrome_before: list[str]
    body: list[str]
    chrome_after: list[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    header_count: int = 0
    title_index: int | None = None
    crumbs: tuple[int, ...] = ()
    after_reasons: tuple[str, ...] = ()

    @property
    def article_end(self) -> list[str]:
        """The leading trailing lines that a page shows at the end of the article itself.

        A contact line, attachment links and the publication note belong to
        the notice; widgets, related links and the site footer come after it.
        """
        n = 0
        while n < len(self.after_reasons) and self.after_reasons[n] in _ARTICLE_REASONS:
            n += 1
        return self.chrome_after[:n]

    @property
    def footer(self) -> list[str]:
        """The trailing lines after the article (widgets, related links, site footer)."""
        return self.chrome_after[len(self.article_end) :]

    @property
    def page_title(self) -> str | None:
        """The web page's own title line (the article's heading above the plan)."""
        return None if self.title_index is None else self.chrome_before[self.title_index]

    @property
    def header(self) -> list[str]:
        """The site's header lines (name, menu, date or search bar)."""
        return self.chrome_before[: self.header_count]

    @property
    def site_name(self) -> str:
        """The site's name: the header's first line that is a name, else a generic one."""
        crumbs = [re.split(r"[>»＞•]", c.split("：")[-1])[0] for c in self.breadcrumbs]
        for line in [*self.header, *crumbs]:
            name = re.split(r"[\s|｜]+", line.strip())[0]
            if re.fullmatch(r"[\u4e00-\u9fff]{4,20}", name) and not re.search(r"今天|首页", name):
                return name
        return "人民政府门户网站"

    def info(self, *, above_title: bool) -> list[str]:
        """The page's lines between its header and the plan, above or below its title line.

        Breadcrumbs are left out: a page shows them in its position bar.
        """
        split = self.header_count if self.title_index is None else self.title_index
        if above_title:
            span = range(self.header_count, split)
        else:
            span = range(split + (self.title_index is not None), len(self.chrome_before))
        return [self.chrome_before[i] for i in span if i not in self.crumbs]

    @property
    def breadcrumbs(self) -> list[str]:
        return [self.chrome_before[i] for i in self.crumbs]

    @property
    def red_header(self) -> str | None:
        """The text's own red-header line (``…人民政府办公室文件``), when it starts with one."""
        first = self.body[0] if self.body else ""
        return first if _RED_HEADER_LINE.match(first.replace("\u3000", "")) else None

    def _with_table(self, lines: list[str], table_at: int | None) -> list[str]:
        at = len(lines) if table_at is None else table_at
        task = [TABLE_TITLE, *("\t".join(r) for r in self.rows)] if self.rows else []
        return [*_as_rows(lines[:at]), *task, *_as_rows(lines[at:])]

    def rows_and_table(self, lines: list[str]) -> list[str]:
        """``lines`` with their table rows tab-separated and the task table after them."""
        return self._with_table(lines, None)

    def article_lines(self) -> list[str]:
        """The lines an extractor reads from a page built by this module: the article.

        Its title line, the plan (tables as tab-separated rows, ASCII space runs
        collapsed as a browser lays them out), the task table, the lines that
        end the article (a contact line, attachment links).
        """
        title = [self.page_title] if self.page_title else []
        lines = [*title, *self._with_table(self.body, None), *self.article_end]
        return [re.sub(r"[ \xa0]+", " ", line).strip() for line in lines]

    def capture_text(self) -> str:
        """The plan's text as captured, with the task table after it."""
        lines = [*self.chrome_before, *self._with_table(self.body, None), *self.chrome_after]
        return "\n".join(lines) + "\n"

    def page_text(self) -> str:
        """What a web page built from the plan holds as text, its site header aside.

        The capture from the breadcrumb on (title line, 发布日期 lines, the plan
        with its tables' rows tab-separated, the task table, the footer lines).
        The site's header is left out: an extractor never reads it, being the
        same on every page (an accepted difference, see ``test_formats_html``).
        """
        lines = [
            *self.chrome_before[self.header_count :],
            *self._with_table(self.body, None),
            *self.chrome_after,
        ]
        return "\n".join(lines) + "\n"

    def printed_lines(self) -> list[str]:
        """The document as printed: its title, then the plan (no page around it)."""
        title = self.page_title
        body = list(self.body)
        if title and (not body or re.sub(r"\s", "", body[0]) != re.sub(r"\s", "", title)):
            body.insert(0, title)
        return body

    def printed_text(self, *, table_at: int | None = None) -> str:
        """The printed document's text, tables as tab-separated rows.

        Args:
            table_at: the body line index the task table goes before (default:
                after the last line).
        """
        return "\n".join(self._with_table(self.printed_lines(), table_at)) + "\n"


#: Chrome that belongs to the web page rather than to the document it shows.
_PAGE_REASONS = {"breadcrumb", "page info", "page widget", "site label"}
#: Chrome after the plan that a page still shows inside the article.
_ARTICLE_REASONS = {"contact details", "attachment link", "publication note"}
# A line of running text: the plan (or its covering notice) has begun.
_SENTENCE = re.compile(r"[。；]")
_HEADER_REASONS = {"site name", "navigation", "site label", "page widget"}
# A labelled field of a page's 信息公开 block: 索引号：…, 【发文字号】…, 标　　题：…
_FIELD_LINE = re.compile(r"^[【\[]?[\u4e00-\u9fff\s]{2,8}[】\]]?\s*[:：]")


def plan_parts(text: str) -> PlanParts:
    """Split a plan's text (see the module docstring) and derive its task table.

    The page part before the plan runs to the last breadcrumb / page-info /
    widget line above the plan's first sentence or chapter heading (the
    page's own title line sits among them); the part after it is the run of
    chrome lines that ends the text (widgets, attachment links, a contact
    block).
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # Read as the loader reads it: a traditional capture's 發佈日期 and 網站地圖
    # are the same page lines as their simplified forms.
    simplified = to_simplified("\n".join(lines)).split("\n")
    norm = [normalise_punctuation(line).strip() for line in simplified]
    spaced = [normalise_punctuation(line, collapse_spaces=False).strip() for line in simplified]
    removed = dict(strip_chrome(norm, spaced).removed)
    start = next(
        (
            i
            for i, s in enumerate(norm)
            if ((h := match_heading(s)) is not None and h.opens_body)
            or (_SENTENCE.search(s) and i not in removed)
        ),
        len(norm),
    )
    page_lines = [i for i, why in removed.items() if why in _PAGE_REASONS and i < start]
    first = max(page_lines) + 1 if page_lines else 0
    last = len(lines)
    while last > first and last - 1 in removed:
        last -= 1
    crumbs = [i for i in range(first) if removed.get(i) == "breadcrumb"]
    # Without a breadcrumb the header is the leading run of site name, menu and
    # widget lines, and runs on to the site's menu above the first page-info line
    # (a site's name the loader keeps, 柘原县人民政府, stands above its menu).
    header_count = 0
    while header_count < first and removed.get(header_count) in _HEADER_REASONS:
        header_count += 1
    if crumbs:
        header_count = crumbs[0]
    else:
        info = next((i for i in range(first) if removed.get(i) == "page info"), first)
        menu = [i for i in range(info) if removed.get(i) in {"navigation", "site name"}]
        header_count = max(header_count, menu[-1] + 1 if menu else 0)
    # The page's title line: the longest line there that is not chrome, a table
    # row or a labelled field (索引号：…, a search button's 搜索 or a 文号 is shorter).
    kept = [
        i
        for i in range(header_count, first)
        if i not in removed and _cells(lines[i]) is None and not _FIELD_LINE.match(norm[i])
    ]
    title_index = max(kept, key=lambda i: len(norm[i]), default=None)
    # Lines after it that are neither chrome nor fields (a 文号 under the title)
    # are the article's first lines: a page shows them under its info bar.
    lead = [i for i in kept if title_index is not None and i > title_index]
    around = [i for i in range(first) if i not in lead]
    at = {i: k for k, i in enumerate(around)}
    body = [lines[i] for i in lead] + lines[first:last]
    rows: list[tuple[str, ...]] = [TABLE_HEADER]
    for s in norm[first:last]:
        h = match_heading(s)
        if h is not None and h.level == RANK_L3 and h.kind is None:
            task = re.split(r"[。；：]", h.rest, maxsplit=1)[0][:30]
            rows.append((str(len(rows)), task, "持续推进"))
    return PlanParts(
        [lines[i] for i in around],
        body,
        lines[last:],
        rows if len(rows) > 1 else [],
        header_count,
        None if title_index is None else at[title_index],
        tuple(at[i] for i in crumbs),
        tuple(removed[i] for i in range(last, len(lines))),
    )


def blocks(lines: list[str]) -> Iterator[tuple[int, str, list[str] | list[list[str]]]]:
    """A plan's lines as ``(index, "p", [line])`` paragraphs and ``(index, "table", rows)``
    runs of table rows, ``index`` being the block's first line.

    A row with no text in any cell (``||||``) is left out, as a page shows nothing for it.
    """
    rows = table_rows(lines)
    k = 0
    while k < len(lines):
        if rows[k] is None:
            yield k, "p", [lines[k]]
            k += 1
            continue
        start, run = k, []
        while k < len(lines) and (cells := rows[k]) is not None:
            if any(cells):
                run.append(cells)
            k += 1
        if run:
            yield start, "table", run


def _entities(s: str) -> str:
    """Escape markup and write every character that has an HTML entity name as one."""
    out = []
    for ch in html.escape(s, quote=False):
        name = codepoint2name.get(ord(ch)) if ord(ch) > 127 else None
        out.append(f"&{name};" if name else ch)
    return "".join(out)


def _is_section_heading(line: str) -> bool:
    h = match_heading(normalise_punctuation(line))
    return h is not None and h.kind is None and h.level <= RANK_L2 and len(line) <= 40


def _para(line: str, style: str) -> str:
    text = _entities(line)
    if _is_section_heading(line):
        # How CMS editors mark a section heading: bold, sometimes a tag of its own.
        return f"<p><strong>{text}</strong></p>" if style == "trs" else f"<h3>{text}</h3>"
    if style == "legacy":
        return f"&nbsp;&nbsp;&nbsp;&nbsp;{text}<br>\n"
    indent = "&nbsp;&nbsp;&nbsp;&nbsp;" if style == "trs" else ""
    return f'<p style="text-indent:2em">{indent}{text}</p>'


def _html_table(rows: list[list[str]] | list[tuple[str, ...]], *, bold_head: bool = False) -> str:
    out = []
    for k, row in enumerate(rows):
        cells = "".join(
            f"<td><p><b>{_entities(c)}</b></p></td>"
            if bold_head and k == 0
            else f"<td><p>{_entities(c)}</p></td>"
            for c in row
        )
        out.append(f"<tr>{cells}</tr>")
    return f'<table border="1" cellspacing="0"><tbody>{"".join(out)}</tbody></table>'


def _body_html(parts: PlanParts, style: str) -> str:
    """The plan's lines as a CMS writes them, its tables as tables, then the task table."""
    out = []
    for _, kind, content in blocks(parts.body):
        if kind == "table":
            out.append(_html_table(content))  # type: ignore[arg-type]
        else:
            out.append(_para(content[0], style))  # type: ignore[arg-type]
    return "".join(out) + _table(parts)


def _table(parts: PlanParts) -> str:
    if not parts.rows:
        return ""
    return f'<p align="center"><strong>{_entities(TABLE_TITLE)}</strong></p>' + _html_table(
        parts.rows, bold_head=True
    )


def _lines_html(lines: list[str], tag: str = "p") -> str:
    return "".join(f"<{tag}>{_entities(line)}</{tag}>" for line in lines)


def _info_html(lines: list[str], sep: str | None = None) -> str:
    """A page's info lines: each a ``<p>`` (or ended by ``sep``), a run of table rows
    (a capture's ``| 索 引 号 | … | 主题分类 | … |`` block) the table a portal shows."""
    out = []
    for _, kind, content in blocks(lines):
        if kind == "table":
            out.append(_html_table(content))  # type: ignore[arg-type]
        elif sep is None:
            out.append(f"<p>{_entities(content[0])}</p>")  # type: ignore[arg-type]
        else:
            out.append(_entities(content[0]) + sep)  # type: ignore[arg-type]
    return "".join(out)


def _footer(parts: PlanParts) -> str:
    """The site footer: the capture's own footer lines, then ours naming a contact person."""
    return (
        f'<div class="footer">{_lines_html(parts.footer)}<p>主办单位：呼和浩特市人民政府办公室 '
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

    The site's header (its name, or the capture's header lines), the
    capture's breadcrumb in the position bar, its page-info lines around the
    article's title, the 信息公开 box, and the capture's footer lines before
    ours. The ``<title>`` is ``{article title}_{site name}``, as TRS writes it.

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
    site = parts.site_name
    nav = "".join(f'<li><a href="/{i}/">{n}</a></li>' for i, n in enumerate(NAV_ITEMS))
    title = parts.page_title or ""
    header = _lines_html(parts.header) or f'<div class="logo">{_entities(site)}</div>'
    crumbs = _lines_html(parts.breadcrumbs) or "当前位置：首页 &gt; 政务公开 &gt; 政策法规"
    h1 = f'<h1 class="title">{_entities(title)}</h1>' if title else ""
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>{decl}
<title>{_entities(f"{title}_{site}" if title else site)}</title>
<meta name="SiteName" content="{html.escape(site)}">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="{meta.get("published_on", "")} 09:30">
<meta name="ContentSource" content="{html.escape(meta.get("issuer", ""))}">
<style>.TRS_Editor p {{ line-height: 2; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="header">{header}
<div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">{crumbs}</div>
<div class="main"><div class="info">{_info_html(parts.info(above_title=True))}</div>
<div class="xxgk">{metadata_table(meta)}</div>
<div class="article">{h1}
<div class="info">{_info_html(parts.info(above_title=False))}
<p>来源：{_entities(meta.get("issuer", ""))}　字号：【大 中 小】</p></div>
<div class="TRS_Editor">{_body_html(parts, "trs")}{_lines_html(parts.article_end)}</div>
{_widgets()}
</div>
<div class="related"><h4>相关链接</h4><ul>{_related()}</ul></div></div>
{_footer(parts)}
<script type="text/javascript">document.getElementById("x").innerHTML = "脚本";</script>
</body></html>"""
    return page.encode(encoding)


def html5_page(parts: PlanParts, meta: dict[str, str]) -> bytes:
    """A UTF-8 HTML5 page: header/nav/main/article/aside/footer, headings as ``<h3>``.

    Its ``<title>`` is the article's title, or the portal section's name
    (:data:`SECTION`) when the capture shows no title line.
    """
    title = parts.page_title or ""
    h1 = f"<h1>{_entities(title)}</h1>" if title else ""
    nav = "".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(NAV_ITEMS))
    header = _lines_html(parts.header, "div") or (
        f'<div class="site-name">{_entities(parts.site_name)}</div>'
    )
    crumbs = _lines_html(parts.breadcrumbs, "span") or (
        '<a href="/">首页</a> &gt; <a href="/zc/">政策文件</a>'
    )
    page = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_entities(title or SECTION)}</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="{meta.get("published_on", "")}">
</head><body>
<header>{header}<nav>{nav}</nav></header>
<div class="breadcrumb">{crumbs}</div>
<main><article>
<div class="meta">{_info_html(parts.info(above_title=True))}</div>
{h1}
<div class="meta">{_info_html(parts.info(above_title=False))}</div>
{metadata_table(meta)}
<div class="article-content">{_body_html(parts, "html5")}{_lines_html(parts.article_end)}</div>
<div class="article-tools">{_widgets()}</div>
</article>
<aside><h2>热点新闻</h2><ul>{_related()}</ul></aside>
</main>
<footer>{_footer(parts)}</footer>
<script>window.dataLayer = [];</script>
</body></html>"""
    return page.encode("utf-8")


def legacy_table_page(parts: PlanParts, *, encoding: str = "gb18030") -> bytes:
    """An old table-layout page with no charset anywhere: only the bytes tell.

    The plan sits in a ``<td>`` of a layout table, paragraphs separated by
    ``<br>`` with ``&nbsp;`` indents, inside ``<font>`` tags; the page-info
    lines in a centred row under the title. Its ``<title>`` is the site's name.
    """
    nav = " | ".join(f'<a href="/{i}/">{n}</a>' for i, n in enumerate(NAV_ITEMS))
    top = "<br>".join(_entities(line) for line in parts.header) or _entities(parts.site_name)
    title = parts.page_title or ""
    head = f'<tr><td align="center"><b>{_entities(title)}</b></td></tr>' if title else ""
    info = _info_html([*parts.breadcrumbs, *parts.info(above_title=True)], "<br>")
    below = _info_html(parts.info(above_title=False), "<br>")
    end = "".join(_para(line, "legacy") for line in parts.article_end)
    page = f"""<html><head><title>{_entities(parts.site_name)}</title></head>
<body><table width="980" align="center"><tr><td colspan="2" class="top">{top}<br>{nav}</td></tr>
<tr><td width="200" valign="top" class="left"><table><tr><td><a href="#">通知公告</a></td></tr>
<tr><td><a href="#">政策解读</a></td></tr><tr><td><a href="#">办事指南</a></td></tr></table></td>
<td valign="top"><table width="100%"><tr><td>{info}</td></tr>{head}
<tr><td align="center">{below}</td></tr>
<tr><td class="content"><font size="3">{_body_html(parts, "legacy")}{end}</font></td></tr>
<tr><td align="right">{PRINT_WIDGET} {CLOSE_WIDGET}</td></tr></table></td></tr>
<tr><td colspan="2">{_footer(parts)}</td></tr></table></body></html>"""
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


def _title_lines(title: str, font: str, size: float, width: float) -> list[str]:
    """A title broken into lines of about equal width (GB/T 9704 7.3.1: 排列对称)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = stringWidth(title, font, size)
    target = total / -(-total // width)  # the width of each of ceil(total / width) lines
    lines, current = [], ""
    for ch in title:
        if current and stringWidth(current + ch, font, size) > target + size / 2:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current]


@dataclass
class _Laid:
    """One printed line: text (or table cells at column offsets), where, how."""

    text: str
    x: float
    size: float
    red: bool = False
    cells: list[str] | None = None
    columns: list[float] | None = None
    gap: float = 1.0  # leading multiple after it


def pdf_lines(parts: PlanParts, *, red_header: str | None) -> list[str]:
    """The lines :func:`official_pdf` prints as text, below its red header."""
    lines = parts.printed_lines()
    if red_header and lines and parts.red_header == lines[0]:
        lines = lines[1:]  # the text's own red header is printed as one
    # A capture of a printed plan has its page numbers among the lines; print
    # furniture, not text: this PDF prints its own.
    numbers = {
        i
        for i, why in strip_chrome([normalise_punctuation(x) for x in lines]).removed
        if why == "page number"
    }
    return [x for i, x in enumerate(lines) if i not in numbers]


def pdf_text_lines(parts: PlanParts, *, red_header: str | None) -> list[str]:
    """What reading :func:`official_pdf`'s output back must give, line for line."""
    return parts.rows_and_table(pdf_lines(parts, red_header=red_header))


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

    Narrow lines (``line_chars`` CJK characters) so that paragraphs wrap; the
    red header (``…人民政府文件``, in red, larger) on page 1 (the text's own
    red-header line when it starts with one); the document's title centred,
    larger, broken into lines of equal length; each paragraph indented two
    characters; the text's tables and then the task table as rows, cells at
    fixed columns; a running header on every later page; a page number on every
    page in ``page_numbers`` style (:data:`PAGE_NUMBER_STYLES`).
    """
    from reportlab.lib.colors import HexColor, black
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    font = _pdf_font()
    size = 12.0
    leading = 22.0
    left, top_margin, bottom_margin = 80.0, 90.0, 80.0
    page_w, page_h = 595.0, 842.0
    width = size * line_chars
    lines = pdf_lines(parts, red_header=red_header)

    # Lay every line out first, to know the page count for "3/12".
    laid: list[_Laid] = []
    if red_header:
        laid.append(_Laid(red_header, left + (width - 19.2 * len(red_header)) / 2, 19.2, True))
        laid.append(_Laid("", 0, 0, gap=0.6))
    title = parts.page_title
    for _, kind, content in blocks(lines):
        if kind == "table":
            rows: list[list[str]] = content  # type: ignore[assignment]
            columns = _columns(rows, font, size)
            laid.extend(_Laid("", left, size, cells=r, columns=columns) for r in rows)
        elif title and _same(content[0], title):  # type: ignore[arg-type]
            for piece in _title_lines(title, font, 16.0, width):
                x = left + (width - stringWidth(piece, font, 16.0)) / 2
                laid.append(_Laid(piece, x, 16.0, gap=1.3))
            title = None
        else:
            for k, piece in enumerate(_wrap(content[0], font, size, width, 2 * size)):  # type: ignore[arg-type]
                laid.append(_Laid(piece, left + (2 * size if k == 0 else 0), size))
    if with_table and parts.rows:
        laid.append(_Laid(TABLE_TITLE, left + (width - size * len(TABLE_TITLE)) / 2, size))
        rows = [list(r) for r in parts.rows]
        columns = _columns(rows, font, size)
        laid.extend(_Laid("", left, size, cells=r, columns=columns) for r in rows)

    per_page = int((page_h - top_margin - bottom_margin) // leading)
    pages = [laid[k : k + per_page] for k in range(0, len(laid), per_page)]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w, page_h))
    c.setTitle(parts.page_title or (lines[0] if lines else ""))
    for number, page in enumerate(pages, start=1):
        if running_header and number > 1:
            c.setFont(font, 9)
            c.setFillColor(black)
            c.drawString(left, page_h - 50, running_header)
        y = page_h - top_margin
        for item in page:
            c.setFillColor(HexColor("#e60012") if item.red else black)
            if item.cells is not None and item.columns is not None:
                c.setFont(font, item.size)
                for cx, cell in zip(item.columns, item.cells, strict=False):
                    c.drawString(item.x + cx, y, cell)
            elif item.text:
                c.setFont(font, item.size)
                c.drawString(item.x, y, item.text)
            y -= leading * (1.6 if item.red else item.gap)
        label = PAGE_NUMBER_STYLES[page_numbers].format(n=number, total=len(pages))
        c.setFont(font, 10.5)
        c.setFillColor(black)
        c.drawCentredString(page_w / 2, 45, label)
        c.showPage()
    c.save()
    return buf.getvalue()


def middle(parts: PlanParts) -> int:
    """A printed line about halfway that starts a paragraph: where a test puts the task table."""
    starts = [k for k, kind, _ in blocks(parts.printed_lines()) if kind == "p"]
    return starts[len(starts) // 2]


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s", "", a) == re.sub(r"\s", "", b)


def _columns(rows: list[list[str]], font: str, size: float) -> list[float]:
    """Column offsets: each column starts two characters after the widest cell before it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    offsets = [0.0]
    for k in range(1, max(len(r) for r in rows) if rows else 0):
        widest = max((stringWidth(r[k - 1], font, size) for r in rows if len(r) >= k), default=0)
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
    """The plan as a Word file: its title, heading styles, tables, a header and a footer.

    The document's title (:meth:`PlanParts.printed_lines`) is a centred bold
    paragraph; level-1 and level-2 headings (``一、``, ``（一）``) standing alone
    get the ``Heading 1``/``Heading 2`` styles, as a drafter using Word's
    outline does; the text's table rows are Word tables; the task table goes
    before printed line ``table_at`` (default: the end), so its place among
    the paragraphs is checked.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = title
    section = document.sections[0]
    section.header.paragraphs[0].text = "呼和浩特市人民政府办公室"
    section.footer.paragraphs[0].text = f"联系人：{CONTACT_NAME} 电话：{CONTACT_PHONE}"
    lines = parts.printed_lines()
    at = len(lines) if table_at is None else table_at
    page_title = parts.page_title
    placed = False
    for k, kind, content in blocks(lines):
        if k >= at and not placed:
            _docx_table(document, parts)
            placed = True
        if kind == "table":
            _docx_rows(document, content)  # type: ignore[arg-type]
            continue
        line: str = content[0]  # type: ignore[assignment]
        if page_title and line == page_title:
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(line)
            run.bold = True
            run.font.size = Pt(22)
            page_title = None
        elif _is_section_heading(line):
            h = match_heading(normalise_punctuation(line))
            assert h is not None
            document.add_heading(line, level=1 if h.level <= RANK_L1 else 2)
        else:
            p = document.add_paragraph(line)
            p.paragraph_format.first_line_indent = Pt(24)
    if not placed:
        _docx_table(document, parts)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_rows(document: Any, rows: list[list[str]]) -> None:
    table = document.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = value


def _docx_table(document: Any, parts: PlanParts) -> None:
    if not parts.rows:
        return
    document.add_paragraph(TABLE_TITLE)
    _docx_rows(document, [list(r) for r in parts.rows])


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
