"""Titles of Chinese official documents (GB/T 9704: 发文机关 + 事由 + 文种).

* A **plan title** ends in the genre (文种) of a plan — 规划, 方案, 意见, 纲要,
  计划, 办法, 措施, 要点, 细则…, also a year review's 工作总结 and 工作思路 and a
  政府工作报告 — optionally followed by bracketed qualifiers:
  the period (``（2022—2025年）``, ``(2022-2025年)``) and the status
  (``（试行）``, ``（修订）``, ``（征求意见稿）``, ``（草案）``). It is a line with
  no sentence punctuation.
* A **covering-notice title** is ``[发文机关]关于…的通知`` (or 通告, 公告, 函,
  决定, 批复…), or ``[发文机关]印发《X》的通知`` in the style of the State
  Council; when it issues or consults on a plan it names it:
  ``关于印发《X》的通知``, ``关于印发X的通知`` (without the book-title marks),
  ``关于公开征求《X》意见的公告``, ``关于《X》的函``. X is the plan's title as
  its issuer wrote it; inner ``〈〉`` are the nested form of ``《》``.
* A long title is **broken over two or three lines** (GB/T 9704 7.3.1: 回行时
  要做到词意完整、排列对称), and a status or period qualifier may stand on a
  line of its own under it.
* The issuers a title names precede ``关于``: ``中共某市委　某市人民政府关于…的
  实施意见`` names two.
* A **press headline** reports the issuing instead of a notice: documents of
  党委 and 政府 offices are often published first by the news media as
  ``中共某省委办公厅　某省人民政府办公厅印发《关于…的实施意见》`` (then
  ``近日，…印发了《…》，并发出通知`` and ``《…》全文如下``). It is read as the
  covering notice: X is the title, the bodies before 印发 the issuers.
"""

from __future__ import annotations

import re

from policykg.loaders.signature import org_parts

PLAN_GENRES = (
    "规划|方案|意见|纲要|计划|办法|措施|要点|细则|规定|规则|战略|行动|条例|指南|指引|政策|举措|清单"
    # a body's year review and next year's plan: 2025年工作总结和2026年工作思路
    "|工作总结|工作思路|工作打算"
)
#: A report delivered to an assembly (政府工作报告, 某局工作报告): a document
#: title, not a 报告 (report to a higher body) covering something else.
_REPORT_END = re.compile(r"工作报告(?:（[^（）]{1,16}）)*$")
NOTICE_GENRES = "通知|通告|公告|函|决定|批复|报告|请示|通报|决议|公报"
_QUALIFIER = r"（[^（）]{1,16}）"
_PLAN_END = re.compile(rf"(?:{PLAN_GENRES})(?:{_QUALIFIER})*$")
_NOTICE_END = re.compile(rf"(?:{NOTICE_GENRES})(?:（[^（）]*\d+号）)?$")
#: A line that is only a qualifier: （征求意见稿）, （2023—2025年）, （试行）.
QUALIFIER_LINE = re.compile(rf"^{_QUALIFIER}$")
_SENTENCE = re.compile(r"[。；;：:，,！？!?]")
_COVER_VERB = re.compile(r"(?:关于)?(?:印发|转发|发布|公布|下达)|关于(?:征求|公开征求|《)")
_UNQUOTED = re.compile(rf"(?:关于)?(?:印发|转发|发布|公布|下达)(.+?)的(?:{NOTICE_GENRES})")
_NOTICE_SUBJECT = re.compile(r"关于|印发|转发")
_PRESS_HEADLINE = re.compile(
    r"^(?P<org>[^《》]{4,60}?)(?:联合)?印发(?:了)?《[^《》]+(?:《[^《》]*》[^《》]*)*》$"
)


def press_headline_issuers(s: str) -> list[str] | None:
    """The bodies a press headline ``A　B印发《X》`` names, or None if it is not one."""
    m = _PRESS_HEADLINE.match(s.strip())
    if m is None:
        return None
    return org_parts(m.group("org").strip()) or None


def _no_sentence(s: str) -> bool:
    # Punctuation inside a cited title (《…，…》) does not make a sentence.
    return not _SENTENCE.search(re.sub(r"《[^》]*》", "", s))


def is_fragment(s: str) -> bool:
    """A short line with no sentence in it: a piece of a broken title, perhaps."""
    return 1 <= len(s) <= 40 and _no_sentence(s)


def unquoted(s: str) -> str:
    """A title printed in book-title marks on its own line (``《X》``), without them."""
    return s[1:-1] if s.startswith("《") and s.endswith("》") and s.count("《") == 1 else s


def is_plan_title(s: str) -> bool:
    """True for a line that reads as a plan's title (genre ending, no sentence).

    A ``工作报告`` without ``关于`` (政府工作报告) reads as one too: a report
    delivered to an assembly states the year's work as a plan does.
    """
    s = unquoted(s)
    if not (4 <= len(s) <= 80) or QUALIFIER_LINE.match(s) or not _no_sentence(s):
        return False
    if _REPORT_END.search(s) and "关于" not in s:
        return True
    return bool(_PLAN_END.search(s)) and not _NOTICE_END.search(s)


def is_notice_title(s: str) -> bool:
    """True for ``…关于…的通知`` and ``某某印发《…》的通知`` titles (the covering notice,
    or a notice that is itself the document)."""
    if press_headline_issuers(s) is not None:
        return True
    return (
        bool(_NOTICE_SUBJECT.search(s))
        and bool(_NOTICE_END.search(s))
        and _no_sentence(s)
        and len(s) <= 150
    )


def title_key(s: str) -> str:
    """Comparison key: nested book-title marks folded, spaces out."""
    return re.sub(r"\s+", "", s).replace("〈", "《").replace("〉", "》")


def _outermost(s: str) -> str | None:
    depth, start = 0, -1
    for i, ch in enumerate(s):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                return s[start + 1 : i]
    return None


def covered_title(notice: str) -> str | None:
    """The title of the document a covering notice issues or consults on.

    ``某市人民政府办公室关于印发《某市X方案（2025—2027年）》的通知`` ->
    ``某市X方案（2025—2027年）``; the nested ``〈〉`` of a title inside it become
    ``《》`` again. None when the notice covers no document (``关于做好…的通知``).
    """
    if not _COVER_VERB.search(notice):
        return None
    inner = _outermost(notice)
    if inner is None:
        m = _UNQUOTED.search(notice)
        inner = m.group(1) if m else None
    if not inner:
        return None
    return inner.replace("〈", "《").replace("〉", "》").strip()


def named_issuers(title: str, spaced: str | None = None) -> list[str]:
    """The bodies a ``…关于…`` title names before 关于 (space-separated when several).

    Args:
        title: the normalised title.
        spaced: the same title with its spaces kept, to split joint issuers.
    """
    press = press_headline_issuers(spaced or title)
    if press is not None:
        return press
    head = (spaced or title).split("关于", 1)[0]
    if "关于" not in (spaced or title) or not head.strip():
        return []
    return org_parts(head.strip()) or []
