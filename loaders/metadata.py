"""Read a plan's metadata from its text, and merge it with the manifest.

The header is everything before the first heading. In it:

* the **plan title** is the last title-like line (short, no sentence
  punctuation, ending in 方案/规划/意见/纲要/计划/办法/措施/要点/细则…) with a
  following ``（征求意见稿）``-style line joined to it; lines ending in 通知/函
  are the covering notice's title, not the plan's;
* the **document number** (文号) is a line that is only a 文号;
* the **signature**: a line that is only a date (``2022年12月25日``) gives
  ``issued_on``, the organisation lines right above it the issuers (one line
  may hold several, space-separated);
* ``status`` is ``draft`` when the title or header says 征求意见稿 (or
  讨论稿/送审稿), else the manifest's, else ``final``.

Lines before the title that are none of these form the covering notice
(addressees and ``现将…印发给你们``); lines after it form the preamble.

:func:`merge` applies "text first, manifest for what the text lacks, null when
neither says", and warns when the two disagree (the text's value is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from policykg.loaders.normalise import normalise_doc_number, normalise_text
from policykg.model import ManifestEntry

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,4}\s*号"
)
_DATE_LINE = re.compile(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$")
_TITLE_END = re.compile(
    r"(方案|规划|意见|纲要|计划|办法|措施|要点|细则|规定|战略|行动|意见稿）|（试行）)$"
)
_NOTICE_END = re.compile(r"(通知|函|通告|公告|决定|批复)$")
_SUFFIX_LINE = re.compile(r"^（(征求意见稿|试行|讨论稿|送审稿|草案|修订稿)）$")
_DRAFT = re.compile(r"征求意见稿|讨论稿|送审稿|草案")
_ORG = re.compile(
    r"^[\u4e00-\u9fff（）]{2,40}(政府|办公厅|委员会|局|厅|委|部|院|办公室|管委会|中心|协会|署|司|法院|检察院|党委)$"
)


@dataclass
class Header:
    """What the header says, with the line indices of each part."""

    title: str | None = None
    title_original: str | None = None
    title_lines: list[int] = field(default_factory=list)
    notice_title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    issued_on: date | None = None
    draft: bool = False
    notice_lines: list[int] = field(default_factory=list)
    preamble_lines: list[int] = field(default_factory=list)


def _is_title_like(s: str) -> bool:
    return (
        not _SUFFIX_LINE.match(s)
        and 4 <= len(s) <= 80
        and not re.search(r"[。；：，:;]", s.replace("《", "").replace("》", ""))
        and bool(_TITLE_END.search(s))
        and not _NOTICE_END.search(s)
    )


def _org_parts(spaced: str) -> list[str] | None:
    parts = spaced.split()
    if parts and all(_ORG.match(p) for p in parts):
        return parts
    return None


def read_header(
    header: list[int], norm: list[str], spaced: list[str], original: list[str]
) -> Header:
    """Parse the header lines (before the first heading).

    Args:
        header: indices of the header lines, chrome removed, in order.
        norm: all normalised lines (index -> text).
        spaced: all normalised lines with spaces kept (for multi-issuer lines).
        original: all lines as published (after repair).

    Returns:
        The header's metadata and which lines are notice and which preamble.
    """
    h = Header()
    title_at = None
    for pos, i in enumerate(header):
        if _is_title_like(norm[i]):
            title_at = pos
    consumed: set[int] = set()
    if title_at is not None:
        i = header[title_at]
        h.title, h.title_original = norm[i], original[i].strip()
        h.title_lines = [i]
        if title_at + 1 < len(header) and _SUFFIX_LINE.match(norm[header[title_at + 1]]):
            j = header[title_at + 1]
            h.title += norm[j]
            h.title_original += original[j].strip()
            h.title_lines.append(j)
        consumed.update(h.title_lines)
        before = header[:title_at]
        after = [k for k in header[title_at:] if k not in consumed]
    else:
        before, after = [], list(header)
    for pos, i in enumerate(before):
        s = norm[i]
        if DOC_NUMBER.fullmatch(s):
            h.doc_number = h.doc_number or normalise_doc_number(s)
            consumed.add(i)
        elif _NOTICE_END.search(s) and "关于" in s and not re.search(r"[。：:]", s):
            h.notice_title = h.notice_title or s
            consumed.add(i)
        elif (m := _DATE_LINE.match(s)) is not None:
            try:
                h.issued_on = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            consumed.add(i)
            issuers: list[str] = []
            for k in reversed(before[:pos]):
                parts = _org_parts(spaced[k])
                if parts is None:
                    break
                issuers = parts + issuers
                consumed.add(k)
            h.issuers = issuers or h.issuers
        elif (
            _org_parts(spaced[i])
            and pos + 1 < len(before)
            and _NOTICE_END.search(norm[before[pos + 1]])
        ):
            consumed.add(i)  # the issuer half of a notice title split over two lines
    h.notice_lines = [i for i in before if i not in consumed]
    h.preamble_lines = after
    header_text = " ".join(norm[i] for i in header)
    h.draft = bool(_DRAFT.search(h.title or "") or _DRAFT.search(header_text))
    return h


@dataclass
class Metadata:
    """The merged metadata of a document."""

    title: str | None
    title_original: str | None
    issuers: list[str]
    doc_number: str | None
    issued_on: date | None
    published_on: date | None
    status: str
    warnings: list[str]


def merge(header: Header, published_on: date | None, entry: ManifestEntry) -> Metadata:
    """Text first, manifest for what the text lacks; warn on disagreement.

    Args:
        header: what the header says.
        published_on: the page date read from the chrome, if any.
        entry: the manifest entry.

    Returns:
        The merged metadata with a warning per disagreement.
    """
    warnings: list[str] = []

    def pick(name: str, text_value: object, manifest_value: object, same: bool) -> object:
        if text_value is not None and text_value != [] and manifest_value not in (None, []):
            if not same:
                warnings.append(
                    f"{name}: text says {text_value!r}, manifest says {manifest_value!r}; "
                    f"keeping the text's"
                )
            return text_value
        if text_value is not None and text_value != []:
            return text_value
        return manifest_value

    m_title = normalise_text(entry.title) if entry.title else None
    title = pick("title", header.title, m_title, header.title == m_title)
    m_number = normalise_doc_number(entry.doc_number) if entry.doc_number else None
    number = pick("doc_number", header.doc_number, m_number, header.doc_number == m_number)
    m_issuers = [normalise_text(x) for x in entry.issuers]
    issuers = pick("issuers", header.issuers, m_issuers, set(header.issuers) == set(m_issuers))
    issued = pick(
        "issued_on", header.issued_on, entry.issued_on, header.issued_on == entry.issued_on
    )
    published = pick(
        "published_on", published_on, entry.published_on, published_on == entry.published_on
    )
    text_status = "draft" if header.draft else None
    status = pick("status", text_status, entry.status, text_status == entry.status) or "final"
    return Metadata(
        title=title,  # type: ignore[arg-type]
        title_original=header.title_original if header.title else (entry.title or None),
        issuers=list(issuers or []),  # type: ignore[call-overload]
        doc_number=number,  # type: ignore[arg-type]
        issued_on=issued,  # type: ignore[arg-type]
        published_on=published,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        warnings=warnings,
    )
