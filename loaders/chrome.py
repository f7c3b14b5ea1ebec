"""Remove web-page chrome from captured plan text, keeping the page's date.

Captured pages carry navigation and widgets around the plan: breadcrumbs,
``发布日期/访问次数/阅读量/来源/字体`` lines, ``企业入驻``, ``客服微信``, ``回到顶部``,
share buttons, attachment links, and sometimes a feedback block naming an
official with e-mail, fax and phone. None of it belongs to the plan, and the
contact lines are personal data that must never reach the graph: any line
holding an e-mail address, a phone or fax number, or a contact person is
dropped whole, and its content is not recorded anywhere (only its line number).

The page's publication date is read from the chrome before it is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－ ]?)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
_CONTACT = re.compile(r"(电子邮箱|邮箱|电子邮件|邮件|传真|电话|联系人|手机|QQ|微信号)\s*[:：]")
_BREADCRUMB = re.compile(r"当前位置|首页\s*[>》]|>>|»|(?:\S\s*>\s*){2,}")
_PAGE_INFO = re.compile(
    r"发布日期|发布时间|访问次数|浏览次数|阅读量|阅读次数|点击数|点击量|"
    r"^[•·【\[]?\s*(?:来源|作者|编辑|责任编辑|信息来源|字体|字号)\s*[:：]|^【?字体\s*[:：]?\s*[大中小\s]*】?$"
)
_WIDGET = re.compile(
    r"^(?:企业入驻|客服微信|意见反馈|回到顶部|返回顶部|分享到|打印本页|关闭窗口|扫一扫|"
    r"【?打印】?|【?关闭】?|收藏本页|上一篇|下一篇|相关链接|微信扫一扫)"
)
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]")
_PUBLICATION_NOTE = re.compile(r"^（此件(?:公开发布|主动公开|不公开)）$")
_PHONE_ONLY = re.compile(r"^[\d\s\-－()（）+]{7,}$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass(frozen=True)
class ChromeResult:
    """Which lines are plan text, and what the chrome said about the page.

    Attributes:
        kept: indices of the lines that are not chrome (blank lines excluded).
        removed: ``(index, reason)`` for each chrome line; never its content.
        published_on: the page's publication date, when the chrome gives one.
    """

    kept: list[int]
    removed: list[tuple[int, str]] = field(default_factory=list)
    published_on: date | None = None


def contains_personal_data(line: str) -> bool:
    """True for lines with an e-mail address, a phone/fax number or a contact person."""
    return bool(_EMAIL.search(line) or _CONTACT.search(line) or _PHONE_ONLY.match(line.strip()))


def _parse_date(s: str) -> date | None:
    m = _DATE.search(s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _reason(line: str) -> str | None:
    if contains_personal_data(line) or _PHONE.fullmatch(line.strip()):
        return "contact details"
    if _BREADCRUMB.search(line):
        return "breadcrumb"
    if _PAGE_INFO.search(line):
        return "page info"
    if _WIDGET.match(line):
        return "page widget"
    if _ATTACHMENT.match(line):
        return "attachment link"
    if _PUBLICATION_NOTE.match(line):
        return "publication note"
    return None


def strip_chrome(lines: list[str]) -> ChromeResult:
    """Classify normalised lines into plan text and page chrome.

    Args:
        lines: the document's lines after normalisation.

    Returns:
        The kept line indices, the removed ones with a reason, and the page date.
    """
    reasons: dict[int, str] = {}
    labelled: date | None = None
    unlabelled: date | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        reason = _reason(line)
        if reason is None:
            continue
        reasons[i] = reason
        if reason == "page info":
            d = _parse_date(line)
            if d and re.search(r"发布日期|发布时间", line):
                labelled = labelled or d
            elif d and re.search(r"阅读|访问|浏览|点击", line):
                unlabelled = unlabelled or d
    # A site's section label repeated in its breadcrumb ("科技交流" above
    # "科技交流 当前位置: …") is navigation too.
    crumbs = [lines[i] for i, r in reasons.items() if r == "breadcrumb"]
    first_crumb = min((i for i, r in reasons.items() if r == "breadcrumb"), default=-1)
    for i in range(first_crumb):
        s = lines[i].strip()
        if s and i not in reasons and len(s) <= 12 and any(s in c for c in crumbs):
            reasons[i] = "site label"
    kept = [i for i, line in enumerate(lines) if line.strip() and i not in reasons]
    return ChromeResult(kept, sorted(reasons.items()), labelled or unlabelled)
