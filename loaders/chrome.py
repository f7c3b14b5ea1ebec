"""Remove page chrome from captured plan text, keeping what it says about the page.

A captured page wraps the document in furniture that is no part of it. Each
kind is recognised by what it is, never by one site's wording:

* **navigation**: breadcrumbs (``当前位置：首页 > 政务公开 > …``, ``A >> B >> C``)
  and the menu above them: short lines before the first breadcrumb (``首页``,
  ``政务公开``, ``互动交流``), a menu printed on one line with separators
  (``网站首页 | 机构概况 | 政务公开``, ``首页　　政务公开　　办事服务``; one that
  opens with 首页 is a menu wherever it stands, breadcrumb or not), and the
  site's name in Latin letters (``Some Intellectual Property Administration``),
  the site's name or column (``…门户网站``, ``…人民政府网``, ``… 政府信息公开``),
  a date widget (``今天是：2022年6月28日 星期二``);
* **the metadata block and headline line** (:mod:`~policykg.loaders.pageinfo`):
  ``索引号：… 发文机关：… 文号：… 成文日期：… 发布日期：…``, ``发布时间：…
  来源：… 浏览次数：…``, a news byline opening with its date (``2025-09-03 16:21
  来源：… 作者：…``), also as a table captured one cell per line or as rows of
  label and value cells (``| 索引号 | … | 主题分类 | … |``, tab-separated); the
  fields are kept for the metadata, the lines dropped;
* **a WeChat article's furniture** (a document republished by a government's
  公众号 and captured from it): the byline ``原创　某某发布　2025年01月08日 18:30``
  (its date is the page's publication date), the follow prompt
  (``👆点击上方蓝字，关注我们``), ``图片`` placeholders, ``长按识别二维码``,
  reactions (``分享`` ``收藏`` ``点赞`` ``在看``), the read count (``阅读 1.8万``),
  ``写留言``, and the links listed under ``▼往期推荐▼`` at its foot;
* **widgets**: lines made only of page actions (``【字体：大 中 小】``,
  ``【大】【中】【小】``, ``【我要打印】【关闭窗口】【返回顶部】``, ``【打印】【关闭】``,
  ``分享到：``, ``扫一扫在手机打开当前页``, ``上一篇/下一篇``, ``相关链接：…``,
  ``繁体 | 简体``, ``无障碍浏览``), also the portal's top bar with its name
  before them (``某省人民政府　简体版 | 繁体版 | 无障碍浏览``);
* **related links**: a ``相关稿件：``/``相关阅读：`` list of other articles' titles
  at the page foot, when nothing but short lines follows it to the footer or
  the end of the page;
* **attachment links**: ``附件：…``, ``附件下载：….pdf``, ``相关附件：无``;
* **the publication note** ``（此件公开发布）`` (GB/T 9704's 附注 on the
  disclosure of the document, not its content);
* **the site footer**: ``主办单位``, ``版权所有``, ``网站标识码``, ``ICP备``,
  ``备案号``, ``公网安备``, ``技术支持``, ``网站地图 | 联系我们``, ``本网站由…维护``,
  ``最佳浏览分辨率``; and, as a page
  ends with its footer, every short line after the first footer line when no
  sentence follows;
* **contact details** (:mod:`~policykg.loaders.contacts`): personal data, dropped
  with nothing of them recorded;
* **print furniture** of PDF captures: page numbers (``— 5 —``, ``- 5 -``,
  ``第5页``, ``第5页 共12页``, ``5/12``), table-of-contents lines (``目录``,
  ``第一章　发展基础……………1``: dot leaders and a page number) and rules
  (``————``).

Only lines are removed, never parts of lines: a widget or a label inside a
sentence stays. The page's publication date is read before the lines go: the
labelled 发布日期/发布时间 first, else a date on a view-counter line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from policykg.loaders.contacts import contains_personal_data
from policykg.loaders.dates import find_date
from policykg.loaders.pageinfo import PageFields, label_cells, parse_fields

__all__ = ["ChromeResult", "contains_personal_data", "strip_chrome"]

# Navigation: "首页 > A > B", "A >> B", "当前位置：…".
_BREADCRUMB = re.compile(
    r"当前位置|您的位置|您现在的位置|所在位置|首页\s*(?:>|》|＞|»|→)|>>|»|"
    r"(?:[^>\s][^>]*?\s*>\s*){2,}[^>\s]"
)
_SITE_NAME = re.compile(r"(?:门户网站|人民政府网|政府网站|政务网|政府网)$|政府信息公开")
_MENU_ITEM = 8  # characters: 政务公开, 办事服务, 走进某某
_TODAY = re.compile(r"今天是|今日是|星期[一二三四五六日天]\s*$")
_COUNTER = re.compile(r"(?:访问|浏览|阅读|点击)(?:次数|量|数)\s*[:：]?\s*\d*")
# A WeChat article's read count at its foot: 阅读 1.8万, 阅读 10万+.
_READ_COUNT = re.compile(r"^(?:阅读|浏览|点击)\s*\d+(?:\.\d+)?\s*万?\+?$")
# A WeChat article's byline: 原创 (author) account date time (place), the date the
# page's publication date: 原创　某某发布　2025年01月08日 18:30　某省.
_WECHAT_BYLINE = re.compile(
    r"^(?:原创\s+)?(?:\S{1,20}\s+){0,4}"
    r"((?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{2}-\d{1,2}-\d{1,2})\s*\d{1,2}:\d{2}"
    r"(?:\s+\S{1,8})?$"
)
_WIDGET_WORDS = (
    r"我要打印|打印本页|打印此页|打印正文|打印|关闭窗口|关闭本页|关闭此页|关闭|我要纠错|纠错|"
    r"加入收藏|收藏本页|收藏|"
    r"分享到|分享|扫一扫在手机打开当前页|扫一扫在手机上打开当前页|扫一扫|在手机打开当前页|"
    r"返回顶部|回到顶部|返回首页|返回|字体|字号|大中小|视力保护色|繁体|简体|无障碍浏览|无障碍|"
    r"长者模式|适老化|网站地图|联系我们|使用帮助|设为首页|微信|微博|QQ空间|复制链接|保存|"
    r"企业入驻|客服微信|意见反馈|上一篇|下一篇|相关链接|相关文章|相关阅读|相关新闻|相关文件|"
    r"相关稿件|相关解读|简体版|繁体版|简体中文|繁体中文|English|关怀版|长者版|"
    # a WeChat article's furniture: the follow prompt, the QR code, the reactions,
    # the comment box, the image and video placeholders of a copied article
    r"点击上方蓝字|点击蓝字|关注我们|长按识别二维码|长按二维码|识别二维码|扫码关注|往期推荐|往期回顾|"
    r"推荐阅读|精彩推荐|阅读原文|写留言|留言|点赞|在看|图片|视频"
)
# A font-size button on its own: 【大】, [中], 【A+】.
_SIZE_BUTTON = r"[【\[](?:大|中|小|A\+|A-|A)[】\]]"
_WIDGET_ONLY = re.compile(
    rf"(?:{_WIDGET_WORDS}|{_SIZE_BUTTON}|[\s【】\[\]|｜/：:、，·•\-—▼▲►◄☟👇👆])+"
)
_TRAILING_WIDGETS = re.compile(rf"(?:{_WIDGET_WORDS}|\s)+$")
_RELATED = re.compile(
    r"^[【\[▼▲►\s]*(?:相关(?:稿件|阅读|链接|文章|新闻|文件|解读|信息)|往期(?:推荐|回顾)"
    r"|推荐阅读|精彩推荐|延伸阅读)"
)
_WIDGET_LEAD = re.compile(
    r"^[【\[]?(?:分享到|分享至|扫一扫|上一篇|下一篇|相关链接|相关文章|相关阅读|相关新闻|相关稿件|"
    r"相关解读|微信扫一扫|打印本页|关闭窗口)"
)
_ATTACHMENT = re.compile(
    r"^(?:附件\s*\d*\s*[:：]|附件下载|相关附件|下载附件)|\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)$",
    re.IGNORECASE,
)
_FILE_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)$", re.IGNORECASE)
_PUBLICATION_NOTE = re.compile(r"^（此件(?:公开发布|主动公开|依申请公开|不予?公开|不公开)）$")
_FOOTER = re.compile(
    r"版权所有|版权归|copyright|©|网站标识码|网站识别码|ICP\s*备|ICP\s*证|公网安备|备案号|"
    r"(?:主办|承办|协办)单位|(?:主办|承办|协办)\s*[:：]|(?:主办|承办)$|技术支持\s*[:：]|"
    r"网站地图|联系我们|使用帮助|网站声明|隐私声明|关于本站|政府网站找错|IPv6|分辨率|浏览器浏览|"
    r"^本(?:网)?站由.{2,30}(?:维护|运维|承办|建设)$|(?:网站|运行)维护单位|运维单位",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"[-－—–―‒─]{1,2}\s*\d{1,4}\s*[-－—–―‒─]{1,2}"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|共\s*\d{1,4}\s*页"
)
_TOC_TITLE = re.compile(r"^目\s*录$")
# A rule printed across the page (the lines around a 版记, a divider): no text.
_RULE = re.compile(r"^[-－—─━_＿=＝~～*＊·•]{3,}$")
_TOC_LINE = re.compile(r"(?:…{2,}|\.{4,}|·{4,}|－{4,}|-{6,})\s*\d{1,4}$")
_SENTENCE = re.compile(r"[。；;]")
# A numbered line (一、 （一） 1. 第一章) after a footer starts more text, not more footer.
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]|第[一二三四五六七八九十百]+[章节条])"
)


@dataclass(frozen=True)
class ChromeResult:
    """Which lines are plan text, and what the chrome said about the page.

    Attributes:
        kept: indices of the lines that are not chrome (blank lines excluded).
        removed: ``(index, reason)`` for each chrome line; never its content.
        published_on: the page's publication date, when the chrome gives one.
        page: the metadata block's fields by role (``issuer``, ``number``,
            ``issued``, ``published``, ``title``), first value of each.
    """

    kept: list[int]
    removed: list[tuple[int, str]] = field(default_factory=list)
    published_on: date | None = None
    page: dict[str, str] = field(default_factory=dict)


def _short(line: str, limit: int = 60) -> bool:
    return len(line) <= limit and not _SENTENCE.search(line)


def _fields(line: str, spaced: str) -> PageFields | None:
    """The page-info fields of a line; a table row's cells are told apart in ``spaced``."""
    return parse_fields(line.strip()) or (
        parse_fields(spaced.strip()) if spaced.strip() != line.strip() else None
    )


def _reason(line: str, spaced: str = "") -> str | None:
    s = line.strip()
    if contains_personal_data(s):
        return "contact details"
    if _TOC_TITLE.match(s) or _TOC_LINE.search(s):
        return "table of contents"
    if _PAGE_NUMBER.fullmatch(s):
        return "page number"
    if _RULE.match(s):
        return "rule"
    if _PUBLICATION_NOTE.match(s):
        return "publication note"
    if _fields(s, spaced or s) is not None:
        return "page info"
    if _FILE_LINK.search(s) and _short(s, 120):
        return "attachment link"  # numbered or not: no heading ends in .docx
    if _NUMBERED.match(s):
        return None  # a numbered line is the document's, whatever words it holds
    if _short(s, 200) and _BREADCRUMB.search(s):
        return "breadcrumb"
    if _COUNTER.search(s) and _short(s, 120) and re.search(r"\d", s):
        return "page info"
    if _READ_COUNT.match(s) or (
        _WECHAT_BYLINE.match((spaced or s).strip()) and not _SENTENCE.search(s)
    ):
        return "page info"
    if _menu_line(spaced or s) and re.match(
        r"^(?:网站)?首页\b|^(?:网站)?首页[ \u3000|｜]", (spaced or s).strip()
    ):
        return "navigation"  # a menu that opens with 首页, wherever it stands
    widget = _WIDGET_ONLY.fullmatch(s) and re.search(r"\w", s)
    if _short(s) and (widget or _WIDGET_LEAD.match(s) or _top_bar(s)):
        return "page widget"
    if _ATTACHMENT.search(s) and _short(s, 120):
        return "attachment link"
    if _short(s, 120) and _FOOTER.search(s):
        return "site footer"
    if _short(s, 40) and (_SITE_NAME.search(s) or _TODAY.search(s)):
        return "site name"
    return None


def _top_bar(line: str) -> bool:
    """A portal's top bar: the site's name, then only widgets between ``|``.

    ``某省人民政府简体版|繁体版|无障碍浏览``: at least two ``|``-separated pieces
    after the first are widgets, and the first ends in one (the name before it
    is the site's, printed on every page).
    """
    pieces = [p for p in re.split(r"[|｜]", line) if p.strip()]
    if len(pieces) < 3 or len(pieces[0]) > 30:
        return False
    return bool(_TRAILING_WIDGETS.search(pieces[0])) and all(
        _WIDGET_ONLY.fullmatch(p) for p in pieces[1:]
    )


def strip_chrome(lines: list[str], spaced: list[str] | None = None) -> ChromeResult:
    """Classify normalised lines into plan text and page chrome.

    Args:
        lines: the document's lines after normalisation.
        spaced: the same lines with their inner spaces kept (a menu printed
            on one line separates its items by spaces); ``lines`` when None.

    Returns:
        The kept line indices, the removed ones with a reason, the page date and
        the metadata block's fields.
    """
    reasons: dict[int, str] = {}
    page: dict[str, str] = {}
    counter_date: date | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        wide = spaced[i] if spaced else line
        reason = _reason(line, wide)
        if reason is None:
            continue
        reasons[i] = reason
        if reason == "page info":
            fields = _fields(line, wide)
            for role, value in (fields.values if fields else {}).items():
                page.setdefault(role, value)
            if fields is None or "published" not in fields.values:
                counter_date = counter_date or find_date(line)
    for label, value, role in label_cells(lines):
        reasons[label] = reasons[value] = "page info"
        if role is not None:
            page.setdefault(role, lines[value].strip())
    _footer_zone(lines, reasons)
    _related_links(lines, reasons)
    _site_labels(lines, reasons, spaced or lines)
    published = find_date(page["published"]) if "published" in page else None
    kept = [i for i, line in enumerate(lines) if line.strip() and i not in reasons]
    return ChromeResult(kept, sorted(reasons.items()), published or counter_date, page)


def _footer_zone(lines: list[str], reasons: dict[int, str]) -> None:
    """A page ends with its footer: after the first footer line, short lines are footer too.

    Only when no sentence or numbered line follows it: a footer line in the
    middle of a capture (two pages saved into one file) does not swallow the
    next page's text.
    """
    footer = [i for i, r in reasons.items() if r == "site footer"]
    if not footer:
        return
    first = min(footer)
    rest = [i for i in range(first + 1, len(lines)) if lines[i].strip()]
    if all(
        i in reasons or (_short(lines[i].strip()) and not _NUMBERED.match(lines[i].strip()))
        for i in rest
    ):
        for i in rest:
            reasons.setdefault(i, "site footer")


def _related_links(lines: list[str], reasons: dict[int, str]) -> None:
    """The titles listed under a ``相关稿件：``/``相关阅读：`` line are links, not text.

    Only at the page foot: every non-blank line from the header to the footer
    (or the end) must be chrome already or a short line without a sentence or
    a heading number, so a 相关链接 line above the document never swallows its title.
    """
    for start in sorted(i for i, r in reasons.items() if r == "page widget"):
        if not _RELATED.match(lines[start].strip()):
            continue
        block: list[int] = []
        for i in range(start + 1, len(lines)):
            s = lines[i].strip()
            if not s:
                continue
            if reasons.get(i) == "site footer":
                break
            if i in reasons:
                continue
            if not _short(s, 40) or _NUMBERED.match(s):
                block = []
                break
            block.append(i)
        for i in block:
            reasons[i] = "related links"


_MENU_SEPARATOR = re.compile(r"\s*[|｜•·]\s*|[ \u3000\t]{2,}")
_LATIN_ONLY = re.compile(r"[A-Za-z][A-Za-z0-9 .,&'’\-]{3,}")


def _menu_line(spaced: str) -> bool:
    """A menu on one line: three or more short items between separators, no sentence."""
    items = [x for x in _MENU_SEPARATOR.split(spaced.strip(" |｜")) if x.strip()]
    return (
        len(items) >= 3
        and all(len(x.strip()) <= _MENU_ITEM and not re.search(r"\d", x) for x in items)
        and not _SENTENCE.search(spaced)
    )


def _site_labels(lines: list[str], reasons: dict[int, str], spaced: list[str]) -> None:
    """A site's column label repeated in its breadcrumb ("科技交流" above
    "科技交流 当前位置: …") is navigation too, and so is the menu above it."""
    crumbs = [lines[i] for i, r in reasons.items() if r == "breadcrumb"]
    first_crumb = min((i for i, r in reasons.items() if r == "breadcrumb"), default=-1)
    for i in range(first_crumb):
        s = lines[i].strip()
        if s and i not in reasons and len(s) <= 12 and any(s in c for c in crumbs):
            reasons[i] = "site label"
    # The menu: the run of short lines right above the breadcrumb (首页 / 政务公开 /
    # 互动交流), one item a line as a page's <nav> is captured, or one line of
    # items between separators; the site's name in Latin letters above it.
    for i in range(first_crumb - 1, -1, -1):
        s = lines[i].strip()
        if not s or i in reasons:
            continue
        if _menu_line(spaced[i]) or _LATIN_ONLY.fullmatch(s):
            reasons[i] = "navigation"
            continue
        if len(s) > _MENU_ITEM or not _short(s) or _NUMBERED.match(s):
            break
        reasons[i] = "navigation"
