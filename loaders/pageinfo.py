"""The metadata block a government portal prints above a document.

Pages of the 政府信息公开 (government information disclosure) columns carry a
block of labelled fields, one per line or two or three per line, sometimes as
a bulleted list (``• 文　　号：…``)::

    索引号：11xxxxxxxx/2022-00087      主题分类：市场监管\\知识产权
    发文机关：某市人民政府办公室        成文日期：2022年03月18日
    文　　号：某府办发〔2022〕15号      发布日期：2022年03月25日
    名　　称：某市人民政府办公室关于印发……的通知

and ordinary article pages print a line of the same kind under the headline
(``发布时间：… 来源：… 浏览次数：…``). Captured from an HTML table, the block may
come out one cell per line, each label on its own line above its value
(:func:`label_cells`). Labels come from a closed vocabulary
(what portals use, with the padding spaces of two-character labels removed);
a line is such a block line only when it *begins* with a label and a colon,
so a sentence that merely mentions 发布时间 is not one. Some portals print the
label in lenticular brackets instead of before a colon (``【索 引 号】000014349/
2021-00112　【发布日期】2021年12月03日``): the same field. A credit line in
brackets (``（责任编辑：某某）``) is one too, and is dropped with nothing kept.

The block is also printed as a table: captured as rows of cells with the
label and its value in neighbouring cells (``| 索 引 号 | 11xx/2026-00031 | 主题分类
| 科技 |``, or cells separated by tabs), a cell boundary standing for the colon.
A news site prints its byline with the date first (``2025-09-03 16:21:07　来源：某县
融媒体中心　作者：某某　编辑：某某``): the date is the page's 发布时间 and the
line is page info like the others (the reporter's and editor's names are not
kept).

The fields say what the document is: 发文机关/发布机构 (issuer), 文号/发文字号
(document number), 成文日期 (the signature date), 发布日期 (the page's date),
名称/标题 (the document's title). :func:`read_fields` returns them by role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Label -> role. Roles: issuer, number, issued (成文/signature date), published
#: (the page's date), title; None for labels whose value the graph does not keep.
LABELS: dict[str, str | None] = {
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "制发机关": "issuer",
    "文号": "number",
    "发文字号": "number",
    "发文文号": "number",
    "文件编号": "number",
    "成文日期": "issued",
    # a 政府信息公开 record's 生成日期: when the document was made (its 成文日期)
    "生成日期": "issued",
    "成文时间": "issued",
    "发文日期": "issued",
    "签发日期": "issued",
    # The 印发 date of the 版记 is when copies were printed, not the signature date.
    "印发日期": None,
    "发布日期": "published",
    "发布时间": "published",
    "公开日期": "published",
    "公开时间": "published",
    "日期": "published",
    "时间": "published",
    "名称": "title",
    "标题": "title",
    "文件名称": "title",
    "信息名称": "title",
    "索引号": None,
    "主题分类": None,
    "主题词": None,
    "关键词": None,
    "体裁分类": None,
    "组配分类": None,
    "信息分类": None,
    "服务对象": None,
    "所属机构": None,
    "所属主题": None,
    "有效性": None,
    "时效性": None,
    "效力状态": None,
    "是否有效": None,
    "生效日期": None,
    "实施日期": None,
    "废止日期": None,
    "公开方式": None,
    "公开范围": None,
    "公开形式": None,
    "统一编号": None,
    # the info box of a consultation (意见征集) page
    "征集主题": None,
    "征集标题": None,
    "征集单位": None,
    "征集部门": None,
    "征集时间": None,
    "征集期限": None,
    "征集日期": None,
    "征集状态": None,
    "征集范围": None,
    "登记号": None,
    "来源": None,
    "信息来源": None,
    "文章来源": None,
    "作者": None,
    "编辑": None,
    "责任编辑": None,
    "审核": None,
    "字体": None,
    "字号": None,
    "浏览次数": None,
    "访问次数": None,
    "阅读次数": None,
    "点击数": None,
    "点击量": None,
    "浏览量": None,
    "阅读量": None,
    "访问量": None,
}

# Longest first, so 发布日期 wins over 日期; a label may be padded (文　　号, 有 效 性).
_LABEL = "|".join(
    r"\s*".join(map(re.escape, label)) for label in sorted(LABELS, key=len, reverse=True)
)
_FIELD = re.compile(rf"({_LABEL})\s*[:：]")
_BRACKETED = re.compile(rf"【\s*({_LABEL})\s*】")
_LEAD = re.compile(r"^[\s•·▪●◆■□\-|｜【（]*")
_CELL = re.compile(r"\s*[|｜]\s*|\t+")
_LABEL_CELL = re.compile(rf"^(?:{_LABEL})$")
# A byline that opens with the page's date and time (2025-09-03 16:21:07 来源：…).
_DATED = re.compile(
    r"^((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)\s*(?=\S)"
)


def _as_fields(line: str) -> str:
    """A table row of label and value cells (``|索引号|…|主题分类|…|``) written
    ``label：value`` pairs; a byline's leading date written ``发布时间：date``."""
    cells = [c for c in _CELL.split(line.strip().strip("|｜")) if c.strip()]
    if len(cells) >= 2 and _LABEL_CELL.match(cells[0].strip()):
        pairs = []
        for k, cell in enumerate(cells):
            is_label = _LABEL_CELL.match(cell.strip())
            pairs.append(f"{cell.strip()}：" if is_label else f"{cell.strip()}　")
            if is_label and (k + 1 == len(cells) or _LABEL_CELL.match(cells[k + 1].strip())):
                pairs.append("　")  # an empty value cell
        return "".join(pairs)
    m = _DATED.match(line.strip())
    if m and _FIELD.match(line.strip()[m.end() :]):
        return f"发布时间：{m.group(1)}　{line.strip()[m.end() :]}"
    return line


@dataclass(frozen=True)
class PageFields:
    """The fields of one metadata line, by role (first value of each role)."""

    values: dict[str, str] = field(default_factory=dict)


def parse_fields(line: str) -> PageFields | None:
    """The fields of a metadata-block line, or None when ``line`` is not one.

    Args:
        line: one line; fields may be separated by spaces or run together
            (normalisation removes the spaces between them).

    Returns:
        The labelled values by role, None when the line does not begin with a label.
    """
    line = _as_fields(_BRACKETED.sub(lambda m: m.group(1) + "：", line))
    lead = _LEAD.match(line)
    rest = line[lead.end() if lead else 0 :]
    first = _FIELD.match(rest)
    if first is None or first.start() != 0:
        return None
    marks = list(_FIELD.finditer(rest))
    values: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(rest)
        label = re.sub(r"\s+", "", m.group(1))
        value = rest[m.end() : end].strip(" \u3000|｜【】•·\t")
        role = LABELS[label]
        if role is not None and value and role not in values:
            values[role] = value
    if len(marks) == 1 and re.sub(r"\s+", "", first.group(1)) in ("时间", "日期"):
        # "时间：…" alone is a field only when the value is a bare date and time.
        value = rest[first.end() :].strip()
        if not re.fullmatch(r"[\d\s年月日:：/.\-]+", value):
            return None
    return PageFields(values)


_BARE_LABEL = re.compile(rf"^[\s•·]*({_LABEL})\s*[:：]?\s*$")


def label_cells(lines: list[str]) -> list[tuple[int, int, str | None]]:
    """Label and value cells of a metadata table captured one cell per line.

    A bare label (``发文机关``) with its value on the next non-blank line counts
    only in a run of at least two such pairs: a lone ``来源`` line above a
    sentence is no table.

    Args:
        lines: the document's lines.

    Returns:
        ``(label line, value line, role)`` for each pair in such a run.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    pairs: list[tuple[int, int, str | None]] = []
    k = 0
    while k + 1 < len(filled):
        m = _BARE_LABEL.match(lines[filled[k]])
        if m and not _BARE_LABEL.match(lines[filled[k + 1]]):
            label = re.sub(r"\s+", "", m.group(1))
            pairs.append((filled[k], filled[k + 1], LABELS[label]))
            k += 2
        else:
            pairs.append((-1, -1, None))  # a break between runs
            k += 1
    out: list[tuple[int, int, str | None]] = []
    run: list[tuple[int, int, str | None]] = []
    for pair in [*pairs, (-1, -1, None)]:
        if pair[0] >= 0:
            run.append(pair)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = []
    return out
