"""A government web page -> the plan it shows, one paragraph per line.

Why our own rules over lxml, and not trafilatura or readability-lxml:
measured on 15 test pages built from the five bundled plans (each as a
GB18030 TRS page, an HTML5 page and an old table-layout page with no declared
charset; ``tests/test_formats_html.py`` builds them), these rules gave the
body exactly on 15 of 15: every paragraph and heading on its own line, the
task table as tab-separated rows, nothing of the navigation, metadata box,
widgets, related links or footer. readability-lxml (0.9) found the same body
on all 15 but leaves out the article's title line (which the loader needs for
the covering notice), so it would need the same title rule and our own
line renderer around it, and it brings chardet (LGPL), cssselect and
lxml-html-clean for a scorer whose weights are tuned on English class names.
trafilatura (2.3.1) gave the body exactly on 2 of 15: it kept the breadcrumb,
the 发布日期 line and the metadata table on the TRS pages, wrote tables as
Markdown ``|`` rows, lost the whole body of every table-layout page to the
navigation, and brings eleven more packages (htmldate, dateparser, courlan,
justext...). Government pages are few in layout and regular, so rules that
say what they look for are easier to check and to fix than a scorer. The
tests now build the three layouts for all 55 plans with an expectation (165
pages), and these rules give the article exactly on each.

Steps:

1. **Decode**: a byte-order mark, else the charset of the HTTP
   ``Content-Type``, else ``<meta charset>`` or ``http-equiv`` in the first
   4 KiB, else detection (:func:`policykg.loaders.decode.decode_bytes`).
   gb2312/GBK and their aliases are read as GB18030 (their superset: pages
   labelled gb2312 routinely use characters outside it). A declared charset
   that does not decode the bytes, or a legacy one on bytes that are valid
   UTF-8 with Chinese in them, is overruled by detection, with a warning.
2. **Evidence**: ``<meta name="ArticleTitle|PubDate|ContentSource">`` and
   ``<title>``, the page's 信息公开 table or box (索引号/文号/发布日期/发文机关/
   成文日期, labels padded with spaces or in 【】 too, lines split by ``<br>``)
   and ``发布日期：`` lines anywhere outside the article (see :mod:`.evidence`;
   a page in traditional script is read in simplified, 發佈日期 as 发布日期),
   then the metadata box is removed so its cells never reach the text. With
   no labelled 发布日期, the page's date is the one the loaders read from a
   capture's page lines (a news byline opening with its date, a WeChat
   byline), else a 政府信息公开 record's 生成日期. A
   ``<title>`` or ArticleTitle is title evidence only when it is a document's
   title (:func:`~.evidence.reads_as_title`: a 文种 closing a subject), with a
   ``_site`` suffix cut, and not the site's own name (a ``SiteName`` meta, a
   piece of a header, navigation or footer line): a page titled 政府门户网站 or
   政策文件 names no document.
3. **Clean**: script, style, forms, frames, ``nav``, ``footer``, ``aside``,
   hidden elements, and short elements whose class or id names a widget
   (share, print, close, breadcrumb, footer, related links, font size...),
   unless they hold an ``<h1>``-``<h3>`` that reads as a document's title (an
   article's own ``<div class="article-header">``).
4. **Body**: from ``<body>``, step into the child holding most of the text
   that is not link text while it holds at least 60 % of it and no sibling
   has plan-like content of its own (a sentence ending in 。/；, or a table);
   stop where the text is spread over several children (the paragraphs
   themselves). A sidebar of news summaries in running text beside the
   article would stop the descent one level early and come along. The
   article's title line (the nearest element above the body, up to four
   levels out, that is the page's title, reads as a document's title or is set
   as a headline: an ``<h1>``-``<h3>``, a ``<b>`` that is its whole line) is put
   first, as a reader sees it, even when the body's first line repeats it (a
   plan's own title under the page's heading: a text capture has both).
5. **Lines**: block elements and ``<br>`` end a line; ASCII whitespace
   collapses as a browser lays it out (a source line break between two Chinese
   characters is no space); an ideographic space (U+3000) is a character the
   author typed (``第一章　发展基础``) and stays, as in a text capture; entities
   are characters; ``&nbsp;`` is a space; a data table gives one line per row,
   cells separated by a **tab**; a table that holds another table or long
   single-column cells is layout, and its cells are read as blocks.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError, _Element

from policykg.errors import InvalidInput
from policykg.loaders.chrome import strip_chrome
from policykg.loaders.decode import decode_bytes
from policykg.loaders.formats.evidence import (
    LABELS,
    clean_value,
    iso_date,
    read_labelled,
    reads_as_title,
)
from policykg.loaders.formats.result import Evidence, Extracted
from policykg.loaders.normalise import normalise_punctuation
from policykg.text import to_simplified

_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "cp936", "ms936", "windows-936"}
_GB |= {"euc-cn", "gb18030", "chinese", "iso-ir-58", "csiso58gb231280"}
_BIG5 = {"big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"}
_UTF8 = {"utf-8", "utf8", "unicode-1-1-utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "svg", "canvas", "map", "button", "input", "select", "textarea", "label",
    "nav", "footer", "aside", "head", "audio", "video",
}  # fmt: skip
_WIDGET_NAME = re.compile(
    r"share|bdshare|fenxiang|print|dayin|close|guanbi|breadcrumb|crumb|position|location|"
    r"(?<![a-z])nav|menu|footer|foot(?![a-z])|copyright|related|xgxx|xglj|qrcode|erweima|ewm|"
    r"fontsize|font-size|zihao|toolbar|tools|login|search|banner|sidebar|header|top-?bar",
    re.I,
)
_WIDGET_TEXT = re.compile(
    r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|回到顶部|收藏|分享|纠错)\s*[】\]]?\s*)+$|"
    r"^分享到\s*[:：]?|^字号\s*[:：]\s*[【\[]?\s*[大中小\s]+[】\]]?$|^扫一扫"
)
# Widgets and footers are short; a class name like "print-area" around the
# whole article must not take the plan with it.
_WIDGET_MAX_CHARS = 300
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "header", "footer", "table", "tr", "td", "th",
    "tbody", "thead", "tfoot", "caption", "address", "center", "hr", "form", "fieldset",
    "figure", "figcaption", "main", "aside", "nav", "body", "html",
}  # fmt: skip
_CJK_BREAK = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\f]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])"
)
_SPACES = re.compile(r"[ \t\n\r\f\xa0\u3000]+")
# What a browser collapses when it lays text out: ASCII whitespace (and &nbsp;,
# which we write as a space). An ideographic space U+3000 is a character the
# author typed (第一章　发展基础, 联系人：…　电话：…) and stays, as in a text capture.
_HTML_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")
_STEP_SHARE = 0.6
_HEADLINE_MAX = 80  # characters: a headline is one line, an intro paragraph in bold is not
_SITE_NAME_METAS = {"sitename", "site_name", "og:site_name", "application-name"}
# Elements that are the site's, not the article's: its logo, name, footer, banner.
_SITE_PART = re.compile(
    r"(?<![a-z])(?:logo|site-?name|sitename|copyright|footer|foot|banner|top|header)(?![a-z])",
    re.I,
)
_SITE_PIECES = re.compile(r"[\s|｜:：>»＞•·/]+")
# "{title}_{site}", "{title} - {site}", "{title}|{site}": never the dash inside (2021—2035年).
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜]\s*|\s+[-—–]+\s+")


def _canonical(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB:
        return "gb18030"
    if name in _BIG5:
        return "big5"
    if name in _UTF8:
        return "utf-8"
    return name or None


def decode_html(
    raw: bytes, *, source: str, transport_charset: str | None = None
) -> tuple[str, str, list[str]]:
    """Decode a page's bytes (step 1 of the module docstring).

    Returns:
        The text, the codec used, and warnings.
    """
    warnings: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace"), "utf-8-sig", warnings
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        d = decode_bytes(raw, source=source)
        return d.text, d.encoding, d.warnings
    declared, how = None, ""
    if transport_charset:
        declared, how = _canonical(transport_charset), "the HTTP Content-Type"
    if declared is None and (m := _META_CHARSET.search(raw[:4096])):
        declared, how = _canonical(m.group(1).decode("ascii")), "its <meta> charset"
    if declared:
        valid_utf8 = _is_utf8_with_cjk(raw)
        if declared != "utf-8" and valid_utf8:
            warnings.append(
                f"{source}: {how} says {declared} but the bytes are UTF-8; read as UTF-8"
            )
            return raw.decode("utf-8"), "utf-8", warnings
        try:
            return raw.decode(declared), declared, warnings
        except (LookupError, UnicodeDecodeError):
            warnings.append(
                f"{source}: {how} says {declared!r}, which does not decode it; detected"
            )
    d = decode_bytes(raw, source=source)
    return d.text, d.encoding, [*warnings, *d.warnings]


def _is_utf8_with_cjk(raw: bytes) -> bool:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _attrs(el: _Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _hidden(el: _Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def _text_len(el: _Element) -> int:
    """Characters of text, whitespace and link text left out."""
    if el.tag == "a":
        return 0
    total = len(_SPACES.sub("", el.text or "")) if isinstance(el.tag, str) else 0
    for child in el:
        total += _text_len(child) + len(_SPACES.sub("", child.tail or ""))
    return total


def _remove(el: _Element) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def _clean(root: _Element) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            _remove(el)
            continue
        if el.getparent() is None:
            continue
        if el.tag in _DROP_TAGS or _hidden(el):
            _remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("body", "html"):
            continue
        if (
            _WIDGET_NAME.search(_attrs(el))
            and _text_len(el) < _WIDGET_MAX_CHARS
            and not _holds_title(el)
        ):
            _remove(el)


def _holds_title(el: _Element) -> bool:
    """An ``<h1>``-``<h3>`` reading as a document's title: an article's own header
    (``<div class="article-header"><h1>…``), which a widget-like name must not take."""
    return any(
        isinstance(h.tag, str) and reads_as_title(_SPACES.sub("", h.text_content()))
        for h in el.iter("h1", "h2", "h3")
    )


def _squeeze(text: str) -> str:
    return _SPACES.sub("", text)


def _site_names(root: _Element) -> set[str]:
    """What the page calls its site: ``SiteName`` metas and the pieces of its header,
    navigation and footer lines (``版权所有：某市市场监督管理局`` gives the name).

    Read before the page is cleaned; an article's own header is not the site's.
    """
    names: set[str] = set()
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key in _SITE_NAME_METAS and (value := _squeeze(meta.get("content") or "")):
            names.add(value)
    for el in root.iter():
        if not isinstance(el.tag, str) or any(
            a.tag in ("article", "main") for a in el.iterancestors()
        ):
            continue
        # A part named header/top that holds an <h1> or much text is the article's own
        # heading or a wrapper of the whole page, not the site's.
        site_part = el.tag in ("header", "footer", "nav") or (
            _SITE_PART.search(_attrs(el)) is not None and _text_len(el) < _WIDGET_MAX_CHARS
        )
        if site_part and el.find(".//h1") is None:
            for line in _lines(el):
                if len(line) <= 80:
                    names.update(p for p in map(_squeeze, _SITE_PIECES.split(line)) if p)
    return names


def _title_evidence(text: str, site: set[str]) -> str | None:
    """A ``<title>``/ArticleTitle's document title, without a site-name suffix, or None.

    TRS and many CMSs write ``{title}_{site}``; a page whose title is the
    site's name or a section's names no document and gives no evidence.
    """
    for piece in [text, *_TITLE_SEPARATOR.split(text)]:
        piece = _SPACES.sub(" ", piece).strip()
        if piece and _squeeze(piece) not in site and reads_as_title(piece):
            return piece
    return None


def _meta_evidence(root: _Element, site: set[str]) -> dict[str, Evidence]:
    found: dict[str, Evidence] = {}
    names = {"articletitle": "title", "pubdate": "published_on", "contentsource": "source"}
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        field = names.get(name)
        content = meta.get("content") or ""
        if field == "title":
            content = _title_evidence(content, site) or ""
        if field and field not in found and (value := clean_value(field, content)):
            found[field] = Evidence(value, f"meta[name={meta.get('name')}]")
    title = root.find(".//title")
    if title is not None and (text := _title_evidence(title.text_content(), site)):
        found.setdefault("title", Evidence(text, "<title>"))
    return found


def _is_metadata_box(el: _Element) -> bool:
    text = _SPACES.sub("", el.text_content())
    labels = {LABELS[label] for label in LABELS if label in text}
    return len(labels) >= 3 and len(text) < 600


def _table_rows(table: _Element) -> list[list[str]]:
    rows = []
    for tr in table.iter("tr"):
        cells = [_inline_text(td) for td in tr if td.tag in ("td", "th")]
        if any(cells):
            rows.append(cells)
    return rows


def _metadata_tables(root: _Element) -> tuple[dict[str, Evidence], list[_Element]]:
    """The 信息公开 table(s): evidence, and the elements to drop from the text."""
    found: dict[str, Evidence] = {}
    boxes = [t for t in root.iter("table", "dl", "ul", "div", "td") if _is_metadata_box(t)]
    # the innermost boxes: a div around a table is the same box
    boxes = [b for b in boxes if not any(b in o.iterancestors() for o in boxes)]
    for box in boxes:
        rows = _table_rows(box) if box.tag == "table" else [[line] for line in _lines(box)]
        for field, ev in read_labelled(rows, "metadata table").items():
            found.setdefault(field, ev)
    return found, boxes


def _outside(root: _Element, body: _Element) -> list[_Element]:
    """The elements beside the path from the root down to the body: the page around it."""
    path = {id(body), *(id(a) for a in body.iterancestors())}
    out: list[_Element] = []
    for ancestor in body.iterancestors():
        out.extend(c for c in ancestor if isinstance(c.tag, str) and id(c) not in path)
    return out


def _info_bar_evidence(root: _Element, body: _Element) -> dict[str, Evidence]:
    """``发布日期：… 来源：…`` lines on the page outside the body (``<br>`` ends a line too).

    The page's date, when no label names it, is the one the loaders take from
    a capture's page lines (:func:`~policykg.loaders.chrome.strip_chrome`): a
    news byline's leading date (``2025-09-03 16:21　来源：…``), a WeChat
    article's (``原创　某某发布　2025年01月08日 18:30``), a dated counter line.
    """
    lines = [line for el in _outside(root, body) for line in _lines(el) if len(line) <= 120]
    found = read_labelled([[line] for line in lines], "info bar")
    if "published_on" not in found:
        simplified = to_simplified("\n".join(lines)).split("\n")
        norm = [normalise_punctuation(line).strip() for line in simplified]
        spaced = [normalise_punctuation(line, collapse_spaces=False).strip() for line in simplified]
        day = strip_chrome(norm, spaced).published_on
        if day is not None:
            found["published_on"] = Evidence(day.isoformat(), "info bar: page info line")
    return found


def _has_content(el: _Element) -> bool:
    """Plan-like content: running text (a sentence ending in 。 or ；) or a data table."""
    lines = _lines(el)
    if any(len(line) >= 20 and re.search(r"[。；;]", line) for line in lines):
        return True
    return sum("\t" in line for line in lines) >= 2


def _find_body(root: _Element) -> _Element:
    """Step 4 of the module docstring: the smallest element holding the whole plan."""
    body = root.find(".//body")
    node = body if body is not None else root
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if not children:
            return node
        sizes = [_text_len(c) for c in children]
        total = _text_len(node)
        k = max(range(len(children)), key=sizes.__getitem__)
        if total == 0 or sizes[k] < _STEP_SHARE * total:
            return node
        # A sibling with running text or a table of its own is part of the plan
        # (a task table after the paragraphs): stepping in would lose it.
        if any(_has_content(c) for i, c in enumerate(children) if i != k and sizes[i]):
            return node
        node = children[k]


def _inline_text(el: _Element) -> str:
    """An element's text on one line (a table cell, a title)."""
    return " ".join(_lines(el))


def _is_layout_table(table: _Element) -> bool:
    if any(t is not table for t in table.iter("table")):
        return True
    rows = [[c for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")]
    one_column = all(len(r) <= 1 for r in rows)
    return one_column and any(_text_len(c) >= 200 for r in rows for c in r)


def _collapse(text: str) -> str:
    return _HTML_SPACE.sub(" ", _CJK_BREAK.sub("", text))


def _lines(root: _Element) -> list[str]:
    """Render an element as text lines (step 5 of the module docstring)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _HTML_SPACE.sub(" ", "".join(current)).strip()
        current.clear()
        if line and not _WIDGET_TEXT.match(line):
            lines.append(line)

    def walk(el: _Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            flush()
        elif tag == "table" and not _is_layout_table(el):
            flush()
            lines.extend("\t".join(cells) for cells in _table_rows(el))
        else:
            block = tag in _BLOCK
            if block:
                flush()
            if el.text and tag:
                current.append(_collapse(el.text))
            for child in el:
                walk(child)
                if child.tail:
                    current.append(_collapse(child.tail))
            if block:
                flush()

    walk(root)
    flush()
    return lines


def _page_titles(meta: dict[str, Evidence]) -> set[str]:
    return {_squeeze(meta["title"].value)} if "title" in meta else set()


def _headline(el: _Element, text: str) -> bool:
    """A headline set as one: an ``<h1>``-``<h3>``, or a ``<b>``/``<strong>`` that is the
    whole of its line (an old table-layout page's ``<td align=center><b>…``), not a link.

    A news report's headline (``重磅！我县印发…实施方案（附全文）``) names no
    document, so it is no title evidence, but it is the article's title line.
    """
    if not text or len(text) > _HEADLINE_MAX or _text_len(el) != len(text):
        return False
    if el.tag in ("h1", "h2", "h3"):
        return True
    parent = el.getparent()
    return (
        el.tag in ("b", "strong") and parent is not None and _squeeze(parent.text_content()) == text
    )


def _title_line(body: _Element, titles: set[str]) -> str | None:
    """The article's own title shown just above the body (step 4).

    The nearest element before the body, up to four levels out, whose text is
    the page's title (``<title>``, ArticleTitle), reads as a document's
    title (:func:`reads_as_title`) or is set as a headline (:func:`_headline`):
    pages whose ``<title>`` is the site's name still show the article's title
    over it.
    """
    scope: _Element | None = body
    for _ in range(4):
        if scope is None:
            return None
        parent = scope.getparent()
        if parent is None:
            return None
        before = []
        for sib in parent:
            if sib is scope:
                break
            before.append(sib)
        for sib in reversed(before):
            for el in [sib, *sib.iterdescendants()]:
                if not isinstance(el.tag, str):
                    continue
                text = _squeeze(el.text_content())
                if text in titles and text:
                    return _inline_text(el)
                # a heading of its own, not a link to another document (a sidebar's list)
                if len(text) <= 150 and _text_len(el) == len(text) and reads_as_title(text):
                    return _inline_text(el)
                if _headline(el, text):
                    return _inline_text(el)
        scope = parent
    return None


def extract_html(
    raw: bytes, *, source: str = "page", transport_charset: str | None = None
) -> Extracted:
    """Read the plan out of a web page.

    Args:
        raw: the page's bytes.
        source: a name for messages.
        transport_charset: the charset of the HTTP ``Content-Type``, when fetched.

    Returns:
        The plan's text (one paragraph/heading/table row per line), the
        page's metadata evidence, and warnings.

    Raises:
        InvalidInput: bytes that are not a decodable page, or a page with no text.
    """
    text, encoding, warnings = decode_html(raw, source=source, transport_charset=transport_charset)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1))
    except (ParserError, ValueError) as e:
        raise InvalidInput(f"{source} is not a readable HTML page: {e}") from e
    metadata = _meta_evidence(root, _site_names(root))
    titles = _page_titles(metadata)
    table_meta, boxes = _metadata_tables(root)
    for box in boxes:
        _remove(box)
    _clean(root)
    body = _find_body(root)
    for field, ev in _info_bar_evidence(root, body).items():
        table_meta.setdefault(field, ev)
    for field, ev in table_meta.items():
        have = metadata.get(field)
        if have is not None and have.value != ev.value and field in ("published_on", "issued_on"):
            warnings.append(
                f"{source}: {ev.source} says {ev.value}, {have.source} says {have.value}; "
                f"kept {ev.value}"
            )
        if have is None or have.source == "<title>" or field in ("published_on", "issued_on"):
            metadata[field] = ev
    lines = _lines(body)
    if not lines:
        raise InvalidInput(f"{source}: the page has no text (a page built by script, or a frame)")
    # Put first, as a reader sees it, even when the body repeats it (a plan's
    # own title line under the page's heading): a capture of the page has both.
    title = _title_line(body, titles)
    if title:
        lines.insert(0, title)
    if "published_on" in metadata and iso_date(metadata["published_on"].value) is None:
        del metadata["published_on"]
    # A 政府信息公开 record with a 生成日期 and no 发布日期: its date is the page's.
    generated = metadata.pop("generated_on", None)
    if generated is not None:
        metadata.setdefault("published_on", generated)
    return Extracted("html", "\n".join(lines) + "\n", encoding, metadata, warnings)
