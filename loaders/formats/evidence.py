"""Metadata evidence read from labelled fields: ``索引号：…``, ``发布日期：…``.

Government portals show a document's registry record beside it (the
信息公开 box: 索引号, 发文机关, 成文日期, 文号, 发布日期, 主题分类), as a table
(label cell, value cell) or as ``label：value`` runs on one line. Both shapes
are read by :func:`read_labelled`; values are trimmed, dates made ISO.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from policykg.loaders.formats.result import Evidence

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
    "主题分类": "topic",
    "标题": "title",
    "名称": "title",
    "来源": "source",
    "信息来源": "source",
}
_LABEL_ALT = "|".join(sorted(LABELS, key=len, reverse=True))
# Labels of an info bar that are no metadata but end the value before them.
_OTHER_LABELS = "字号|字体|访问次数|浏览次数|阅读量|阅读次数|点击数|点击量|作者|编辑|责任编辑"
# "label：value" up to the next label, a run of spaces, a bar or the end.
_RUN = re.compile(
    rf"(?<![\u4e00-\u9fff])({_LABEL_ALT})\s*[:：]\s*(.*?)\s*"
    rf"(?=(?:{_LABEL_ALT}|{_OTHER_LABELS})\s*[:：]|\s{{2,}}|[|｜]|$)"
)
_CELL_LABEL = re.compile(rf"^\s*[【\[]?\s*({_LABEL_ALT})\s*[】\]]?\s*[:：]?\s*$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_FIELDS = {"issued_on", "published_on"}


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
        field = LABELS[label]
        cleaned = clean_value(field, value)
        if cleaned and field not in found:
            found[field] = Evidence(cleaned, f"{where}: {label}")

    for cells in rows:
        k = 0
        while k < len(cells):
            m = _CELL_LABEL.match(cells[k])
            if m and k + 1 < len(cells):
                put(m.group(1), cells[k + 1])
                k += 2
                continue
            for run in _RUN.finditer(cells[k]):
                put(run.group(1), run.group(2))
            k += 1
    return found
