"""Print layout that is not plan text: tables of contents, page numbers, hard wraps.

Three conventions of documents converted from print (PDF, Word):

* **Table of contents.** A ``目录`` (or ``目次``) line followed by heading lines
  that end in a leader and a page number (``第一章　发展基础……1``,
  ``一、总体要求.....3``, ``（一）指导思想…5``), or that repeat a heading found
  again later in the document; also a run of three or more leader-and-number
  lines without the ``目录`` line. Removed: the headings are read where the body
  states them.
* **Page numbers** on a line of their own: ``— 5 —``, ``- 5 -``, ``第5页``,
  ``第 5 页 共 24 页``. A bare number is *not* removed: one-cell-per-line
  tables have bare 序号 cells.
* **Running headers and footers.** A converted PDF repeats the document's
  title (or the issuer) at the top or foot of every page. A short line is a
  running header when the same text stands right after a page break (a form
  feed, or a page-number line) on two pages or more; a running footer when it
  stands right before a page number on two pages or more. Those occurrences
  are removed; the same text elsewhere (the title line itself) stays, and so
  do headings (``附件`` atop each attachment's page) and table rows (a header
  row repeated on every page of a long table).
* **Attachments in the body.** Page chrome drops ``附件：…`` lines (on a web page
  they are download links, in a notice a list of attachments); after the
  plan's first section heading, a ``附件N：标题`` line that names no file
  (``.pdf``, ``.docx``, 下载, a file name's ``_``, the issuing notice) and has
  text after it opens the plan's attachment and is kept. Not when the
  attachment itself follows under its own ``附件`` line and title (GB/T 9704
  7.3.6 and 7.4: the 附件说明 ``附件：X`` closes the text, above the signature,
  and the attachment starts on a new page with ``附件`` and its title X): then
  ``附件：X`` only announces it, as do numbered lines under it (``附件：1.X`` /
  ``2.Y``) that the attachments repeat.
* **Hard wraps.** A text converted from a fixed-width layout breaks every
  paragraph at the same character count. When one line length dominates the
  document (see :func:`wrap_width`), a line of that length continues on the
  next line unless the next line is indented (a new paragraph) or is a heading
  after a sentence end. The continuation is joined without a space (Chinese
  has none between words). A table row (cells separated by runs of spaces,
  ideographic spaces or tabs) is never part of a wrapped paragraph, whatever
  its length.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from policykg.loaders.markers import match_heading

_TOC_TITLE = re.compile(r"^目\s*(?:录|次)$")
_LEADER = re.compile(r"(?:…+|\.{3,}|·{3,}|．{3,}|-{4,}|_{4,}|—{3,})\s*\d{1,4}\s*$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·]+\s*\d{1,4}\s*[-—–－~·]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}\s*页?)$"
)
# A file: an extension, a download, a file name's underscore, the issuing notice itself.
_FILE = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|zip|rar|ofd|txt)\b|下载|_|通知$", re.IGNORECASE)
_SENTENCE_END = ("。", "！", "？", "；", "：")
# A bracket closing after a full stop ends the paragraph too: the responsibility
# note that closes an item (…决策参考。（责任单位：市市场监管局）).
_CLOSED_NOTE = re.compile(r"[。！？；]\s*[（(][^（()）]*[)）]$")
#: Below this many lines of one length a document is not taken as hard-wrapped.
_MIN_WRAPPED_LINES = 10
# Two or more gaps between cells inside a line (indentation does not count).
_CELL_GAPS = re.compile(r"\S(?:\t+|[ \u3000]{2,})\S.*\S(?:\t+|[ \u3000]{2,})\S")
#: The longest line taken for a running header or footer.
_MAX_RUNNING = 50
#: A running header or footer stands on at least this many pages.
_MIN_PAGES = 2


@dataclass
class Layout:
    """The line indices kept, and why each removed line went."""

    kept: list[int]
    removed: list[tuple[int, str]] = field(default_factory=list)


def _heading_text(line: str) -> str:
    h = match_heading(_LEADER.sub("", line).strip())
    return re.sub(r"\s+", "", h.rest) if h else ""


def _title_key(text: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"]", "", text)


def _announced(i: int, kept: list[int], lines: list[str]) -> bool:
    """Whether ``附件：X`` at ``i`` announces an attachment X printed further on.

    The attachment repeats X as its title, on the line of its ``附件`` marker or
    on the line after a bare ``附件``/``附件N``.
    """
    h = match_heading(lines[i])
    # 附件：1.X announces the first of several attachments
    want = _title_key(re.sub(r"^\d{1,2}\s*[.．、]\s*", "", h.rest)) if h is not None else ""
    if not want:
        return False
    later = [j for j in kept if j > i]
    for pos, j in enumerate(later):
        g = match_heading(lines[j])
        if g is None or g.kind != "attachment" or not g.marker:
            continue
        title = g.rest or (lines[later[pos + 1]] if pos + 1 < len(later) else "")
        if _title_key(title) == want:
            return True
    return False


def _readmit_attachments(
    kept: list[int], lines: list[str], removed: list[tuple[int, str]]
) -> list[int]:
    first_section = next((i for i in kept if (h := match_heading(lines[i])) and h.opens_body), None)
    if first_section is None:
        return kept
    # An attachment has content after it; a link at the page's foot does not.
    last = kept[-1] if kept else -1
    back = [
        i
        for i, _ in removed
        if first_section < i < last
        and not _FILE.search(lines[i])
        and (h := match_heading(lines[i])) is not None
        and h.kind == "attachment"
        and not _announced(i, kept, lines)
    ]
    return sorted([*kept, *back])


# The items of a 附件说明 listing several attachments: ``2.某某表`` under
# ``附件：1.某某方案``, a title with no sentence in it.
_NOTE_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*[^。；，：]{2,60}$")


def _note_items(kept: list[int], lines: list[str], removed: list[tuple[int, str]]) -> set[int]:
    """The numbered lines that continue an attachment note ``附件：1.X`` (see above).

    Only items whose title an attachment further on repeats: a numbered line
    under the note that no attachment repeats is the plan's own text.
    """
    notes = [i for i, _ in removed if re.match(r"^附\s*件\s*[:：]\s*1\s*[.．、]", lines[i])]
    out: set[int] = set()
    for note in notes:
        for j in (k for k in kept if k > note):
            if not _NOTE_ITEM.match(lines[j]):
                break
            title = _title_key(re.sub(r"^\d{1,2}\s*[.．、]\s*", "", lines[j]))
            if not any(_title_key(lines[k]).endswith(title) for k in kept if k > j + 1):
                break
            out.add(j)
    return out


def _running_lines(kept: list[int], lines: list[str], raw: list[str] | None) -> set[int]:
    """The occurrences of running headers and footers (see the module docstring)."""
    page_number = {i for i in kept if _PAGE_NUMBER.match(lines[i])}
    after_break: dict[str, list[int]] = {}
    before_number: dict[str, list[int]] = {}
    for pos, i in enumerate(kept):
        text = lines[i]
        if not text or i in page_number or len(text) > _MAX_RUNNING or "。" in text:
            continue
        # a heading (附件 on each attachment's first page) or a table row (a
        # header row repeated on every page of a long table) is content
        if match_heading(text) or (raw is not None and _CELL_GAPS.search(raw[i].strip())):
            continue
        prev = kept[pos - 1] if pos else None
        nxt = kept[pos + 1] if pos + 1 < len(kept) else None
        form_feed = raw is not None and i < len(raw) and raw[i].lstrip(" \t").startswith("\f")
        if form_feed or prev in page_number:
            after_break.setdefault(text, []).append(i)
        if nxt in page_number:
            before_number.setdefault(text, []).append(i)
    out: set[int] = set()
    for found in (after_break, before_number):
        for occurrences in found.values():
            if len(occurrences) >= _MIN_PAGES:
                out.update(occurrences)
    return out


def strip_layout(
    kept: list[int],
    lines: list[str],
    chrome_removed: list[tuple[int, str]] | None = None,
    raw: list[str] | None = None,
) -> Layout:
    """Remove a table of contents, page numbers and running headers; keep the body's attachments.

    Args:
        kept: indices of the lines still in the document (chrome removed).
        lines: the normalised lines, by index.
        chrome_removed: the lines page chrome removed, among which an
            attachment heading of the body is kept (see the module docstring).
        raw: the lines as decoded, whose form feeds mark page breaks.

    Returns:
        The indices kept and the removed ones with a reason.
    """
    kept = _readmit_attachments(kept, lines, chrome_removed or [])
    running = _running_lines(kept, lines, raw)
    notes = _note_items(kept, lines, chrome_removed or [])
    out = Layout(
        kept=[],
        removed=sorted(
            [(i, "running header or footer") for i in running]
            + [(i, "attachment note") for i in notes]
        ),
    )
    kept = [i for i in kept if i not in running and i not in notes]
    later_headings = Counter(_heading_text(lines[i]) for i in kept if match_heading(lines[i]))
    k = 0
    while k < len(kept):
        i = kept[k]
        text = lines[i]
        if _PAGE_NUMBER.match(text):
            out.removed.append((i, "page number"))
            k += 1
            continue
        titled = bool(_TOC_TITLE.match(text))
        run = k + 1 if titled else k
        while run < len(kept):
            entry = lines[kept[run]]
            if _LEADER.search(entry):
                run += 1
                continue
            # Without leaders an entry is a heading the body states again.
            if titled and match_heading(entry) and later_headings[_heading_text(entry)] > 1:
                later_headings[_heading_text(entry)] -= 1
                run += 1
                continue
            break
        if (titled and run > k + 1) or run - k >= 3:
            out.removed.extend((kept[j], "table of contents") for j in range(k, run))
            k = run
            continue
        out.kept.append(i)
        k += 1
    return out


def wrap_width(raw: list[str]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when it was not.

    One line length (counted in characters, indentation included) must hold at
    least ten lines and a third of the lines longer than half of it.
    """
    lengths = [len(line.rstrip()) for line in raw if line.strip()]
    if not lengths:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    longer = sum(1 for n in lengths if n > width // 2)
    if width < 15 or count < _MIN_WRAPPED_LINES or count * 3 < longer:
        return None
    return width


def continuations(
    raw: list[str], kept: list[int], norm: list[str] | None = None
) -> dict[int, list[int]]:
    """Hard-wrapped paragraphs: first line index -> the lines that continue it.

    Args:
        raw: the document's lines as decoded (indentation kept).
        kept: the indices of the lines still in the document, in order.
        norm: the same lines normalised (simplified script), where a heading is
            recognised (``專欄2`` on a traditional page is a 专栏); ``raw`` when None.

    Returns:
        For each paragraph broken over several kept lines, its first line and
        the following ones; lines between them that were removed (page numbers)
        do not break a paragraph, blank lines do.
    """
    width = wrap_width(raw)
    if width is None:
        return {}
    joins: dict[int, list[int]] = {}
    head: int | None = None
    prev: int | None = None
    for i in kept:
        line = raw[i]
        if _CELL_GAPS.search(line.strip()):
            head = prev = None  # a table row: neither continued nor continuing
            continue
        if prev is not None and head is not None:
            between = raw[prev + 1 : i]
            full = len(raw[prev].rstrip()) >= width - 1
            indented = line[:1].isspace()
            ended = raw[prev].rstrip()
            after_stop = ended.endswith(_SENTENCE_END) or bool(_CLOSED_NOTE.search(ended))
            if (
                full
                and not indented
                and all(s.strip() for s in between)
                and not (after_stop and match_heading((norm or raw)[i].strip()))
            ):
                joins.setdefault(head, []).append(i)
                prev = i
                continue
        head = prev = i
    return joins
