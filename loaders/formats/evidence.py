"""Metadata evidence read from labelled fields (``索引号：…``, ``发布日期：…``) and titles.

Government portals show a document's registry record beside it (the
信息公开 box: 索引号, 发文机关, 成文日期, 文号, 发布日期, 主题分类), as a table
(label cell, value cell) or as ``label：value`` runs on one line; a short label
is often padded to the width of the longest (``文　　号``, ``索 引 号``) or set in
brackets instead of a colon (``【发文字号】…``). All these shapes are read by
:func:`read_labelled`; values are trimmed, dates made ISO.

A title found outside the text (a page's ``<title>``, a file's title property)
is evidence only when it reads as a document's title (:func:`reads_as_title`):
a site's name, a portal section or the first line Word put in the property
names no document.

A page in traditional script (a Big5 site, a portal's 繁體 view) labels the
same fields in its script (``發佈日期``, ``文號``, ``發文機關``) and titles its
documents with the same 文種 (``關於印發…的通知``): labels and titles are read
in simplified script (:func:`policykg.text.to_simplified`, the conversion the
loaders apply to the text), and a labelled value comes back simplified too, as
the loaders would read it from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from policykg.loaders.formats.result import Evidence
from policykg.loaders.normalise import normalise_punctuation
from policykg.loaders.titles import NOTICE_GENRES, PLAN_GENRES, is_notice_title, is_plan_title
from policykg.text import to_simplified

#: Label as shown -> metadata field. Longer labels first: 发文字号 before 文号.
LABELS: dict[str, str] = {
    "索引号": "index_no",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "成文日期": "issued_on",
    "发文日期": "issued_on",
    "发布日期": "published_on",
    "发布时间": "published_on",
    "公开日期": "published_on",
    # a 政府信息公开 record's date, standing for the page's when no 发布日期 is given
    "生成日期": "generated_on",
    "主题分类": "topic",
    "标题": "title",
    "名称": "title",
    "来源": "source",
    "信息来源": "source",
}
# Labels of an info bar that are no metadata but end the value before them.
_OTHER_LABELS = (
    "字号|字体|访问次数|浏览次数|浏览量|阅读量|阅读次数|点击数|点击量|作者|编辑|责任编辑|"
    "发布者|有效性|效力状态"
)
# Portals pad a short label to the width of the longest with spaces (文　　号,
# 有 效 性, 索 引 号) and some bracket it instead of a colon (【发文字号】…).
_PAD = r"[ \u3000\xa0]*"


def _alternatives(labels: list[str]) -> str:
    return "|".join(_PAD.join(map(re.escape, label)) for label in labels)


def _label_start(alternatives: str, group: bool) -> str:
    """``【label】`` (colon optional) or ``label：`` not inside a longer word."""
    a = f"({alternatives})" if group else f"(?:{alternatives})"
    return rf"(?:[【\[]{_PAD}{a}{_PAD}[】\]]{_PAD}[:：]?|(?<![\u4e00-\u9fff]){a}\s*[:：])"


_LABEL_ALT = _alternatives(sorted(LABELS, key=len, reverse=True))
_ANY_ALT = _LABEL_ALT + "|" + _alternatives(_OTHER_LABELS.split("|"))
# A value runs up to the next label, a run of spaces, a bar or the end.
_RUN = re.compile(
    _label_start(_LABEL_ALT, group=True)
    + r"\s*(.*?)\s*"
    + rf"(?={_label_start(_ANY_ALT, group=False)}|\s{{2,}}|[|｜]|$)"
)
_CELL_LABEL = re.compile(rf"^\s*[【\[]?\s*({_LABEL_ALT})\s*[】\]]?\s*[:：]?\s*$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_FIELDS = {"issued_on", "published_on", "generated_on"}
_GENRE_WORD = re.compile(f"{PLAN_GENRES}|{NOTICE_GENRES}")
#: Characters of subject a title has besides its 文种 words (a section name has none).
_MIN_SUBJECT = 4


def iso_date(value: str) -> str | None:
    """The first real date in ``value`` as ``YYYY-MM-DD``, or None."""
    m = _DATE.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def clean_value(field: str, value: str) -> str | None:
    """A field's value made usable: dates ISO, empty and placeholder values dropped."""
    value = re.sub(r"\s+", " ", value).strip(" ：:|｜")
    if field in _DATE_FIELDS:
        return iso_date(value)
    return value if value and value not in {"无", "-", "—", "/"} else None


def read_labelled(rows: Iterable[list[str]], where: str) -> dict[str, Evidence]:
    """Labelled metadata in rows of cells (a table) or of one cell (a line).

    Args:
        rows: each row's cells, in reading order.
        where: the source to record, e.g. ``metadata table``.

    Returns:
        The first value seen for each field, with ``"{where}: {label}"`` as source.
    """
    found: dict[str, Evidence] = {}

    def put(label: str, value: str) -> None:
        label = re.sub(_PAD, "", label)
        field = LABELS[label]
        cleaned = clean_value(field, value)
        if cleaned and field not in found:
            found[field] = Evidence(cleaned, f"{where}: {label}")

    for shown in rows:
        cells = [to_simplified(c) for c in shown]
        k = 0
        while k < len(cells):
            m = _CELL_LABEL.match(cells[k])
            if m and k + 1 < len(cells):
                put(m.group(1), cells[k + 1])
                k += 2
                continue
            for run in _RUN.finditer(cells[k]):
                put(run.group(1) or run.group(2), run.group(3))
            k += 1
    return found


def reads_as_title(text: str) -> bool:
    """True for a document's title: a 文种 (规划, 方案, 意见, 通知...) closing a subject.

    A site's name (``某市人民政府门户网站``) or a portal section (``政策文件``,
    ``通知公告``, ``规划计划``) names no document: no 文种 at its end, or
    nothing but 文种 words.
    """
    s = normalise_punctuation(to_simplified(text)).strip()
    if not (is_plan_title(s) or is_notice_title(s)):
        return False
    subject = _GENRE_WORD.sub("", re.sub(r"（[^（）]*）", "", s))
    return len(re.findall(r"[\u4e00-\u9fff]", subject)) >= _MIN_SUBJECT
