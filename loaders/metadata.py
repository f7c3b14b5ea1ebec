"""Read a plan's metadata from its header, and merge it with the manifest.

The header is everything before the first heading of the body, chrome removed.
It is read by the conventions of GB/T 9704 (党政机关公文格式) and of the portals
that publish documents:

* **版头**: the red-head banner ``某市人民政府办公室文件`` names the issuer and is
  no text; the 发文字号 (文号) stands on a line of its own, its year in
  ``〔〕`` (printed ``[2025]``, ``(2025)``, ``【2025】`` too; normalised to 〔〕),
  with the 签发人 beside it in a report to a higher body; 份号, 密级 and
  紧急程度 lines are no text either.
* **The covering notice**: its title ``[发文机关]关于印发《X》的通知`` (over one
  to three lines; :mod:`~policykg.loaders.titles`), the addressees, the text,
  the signature (:mod:`~policykg.loaders.signature`) and the 附注
  ``（此件公开发布）`` (chrome). Its lines other than title, 文号 and signature
  are the notice unit's text; lines above its title are the page's (a news
  site's headline and lead over the notice it reprints), never its text.
* **The plan title**: the last line reading as a plan title, with the pieces of
  a title broken over two or three lines and a qualifier line
  (``（征求意见稿）``) joined to it. The notice's X confirms it; where the title
  line is missing or only a piece of X, X is the title.
* A **date under the title** (``（2022年6月20日）``) is the 成文日期 of a document
  without a signature (意见 and 决定 of 党委 published in the press); so is the
  date of the meeting that adopted it (``（2025年4月18日某县人民政府第52次常务会议
  审议通过）``, whose government is its issuer) and of the session a report was
  delivered to (``——2025年1月6日在某区第八届人民代表大会第五次会议上`` under
  ``政府工作报告``, with ``某区人民政府区长　某某`` naming the government).
* **Status**: ``draft`` when the title or the notice says 征求意见稿, 草案,
  送审稿, 讨论稿, or the notice title asks for comments (公开征求…意见).

Where the header is silent, the page's metadata block (``chrome.page``) and a
signature after the body (:func:`~policykg.loaders.signature.read_closing`)
speak. Issuers come from the signature, else the block's 发文机关, else the
banner, else the bodies the title names before 关于. Nothing is guessed: a
field no convention gives stays empty.

Lines after the plan title that are none of these form the preamble.
:func:`merge` applies "text first, manifest for what the text lacks, null when
neither says", and warns when the two disagree (the text's value is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from policykg.loaders.dates import DATE, find_date, parse_date_line
from policykg.loaders.normalise import normalise_doc_number, normalise_text
from policykg.loaders.signature import (
    Signature,
    is_full_name,
    is_record_line,
    org_parts,
    signature_at,
)
from policykg.loaders.titles import (
    QUALIFIER_LINE,
    covered_title,
    is_fragment,
    is_notice_title,
    is_plan_title,
    named_issuers,
    title_key,
    unquoted,
)
from policykg.model import ManifestEntry

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,4}\s*号"
)
_DRAFT_WORD = re.compile(r"征求意见稿|讨论稿|送审稿|草案|代拟稿")
_ASKS_COMMENT = re.compile(r"征求.{0,60}?意见|意见征集|征集.{0,60}?意见")
# 版头 marks other than the banner and the 文号: 份号, 密级 and 保密期限, 紧急程度,
# 签发人; and the 附件 label heading the attached plan's first page.
_HEAD_MARK = re.compile(
    r"^(?:\d{6}|(?:绝密|机密|秘密)(?:★.*)?|特急|加急|特提|平急|签发人\s*[:：].*|附件\s*\d*)$"
)
_SUBJECT = re.compile(r"关于|印发|转发")
# A press republication's lead-in to the document it reprints (《X》全文如下：).
_FULL_TEXT_FOLLOWS = re.compile(
    r"^(?:《[^》]+》|意见|规划|方案)?(?:全文|原文)如下[。：:]?$"
    r"|^以下(?:为|是)(?:《[^》]+》|[^，。；《》]{0,12})?(?:全文|原文)[。：:]?$"
    r"|^现将(?:其|《[^》]+》)?(?:全文|原文)(?:刊发|刊登|发布|公布|转发)如下[。：:]?$"
)
_NOTICE_END = re.compile(r"(?:通知|通告|公告|函|决定|批复|报告|请示|通报|决议|公报)$")
_SENTENCE = re.compile(r"[。；;：:，,！？!?]")


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
    delivered_by: list[str] = field(default_factory=list)


def _doc_number_line(s: str) -> str | None:
    """The 文号 of a line that is only one (the 签发人 of an 上行文 may stand beside it)."""
    s = re.sub(r"签发人\s*[:：].*$", "", s.strip()).strip()
    s = re.sub(r"^[（(](.*)[）)]$", r"\1", s)
    return normalise_doc_number(s) if DOC_NUMBER.fullmatch(s) else None


def _banner(spaced: str) -> list[str] | None:
    """The issuers a red-head banner names (``某市人民政府办公室文件``)."""
    s = spaced.strip()
    if not s.endswith("文件") or len(s) <= 4:
        return None
    return org_parts(s[:-2])


@dataclass
class _Notice:
    positions: list[int]
    text: str
    spaced: str
    original: str


def _notice_at(
    header: list[int], pos: int, norm: list[str], spaced: list[str], original: list[str]
) -> _Notice | None:
    """The notice title ending at ``header[pos]``, joined over up to three lines."""
    i = header[pos]
    ends = _NOTICE_END.search(re.sub(r"（[^（）]*\d+号）$", "", norm[i]))
    if not is_notice_title(norm[i]) and not (ends and is_fragment(norm[i])):
        return None
    block = [pos]
    text = norm[i]
    # A title broken mid-phrase: the pieces are adjacent lines with no sentence in them.
    while not _SUBJECT.search(text) and len(block) < 3:
        k = block[0] - 1
        if k < 0 or header[k] != header[block[0]] - 1 or not is_fragment(norm[header[k]]):
            return None
        block.insert(0, k)
        text = norm[header[k]] + text
    if not is_notice_title(text):
        return None
    # The issuer printed on the line above "关于…" (呼和浩特市人民政府 / 关于印发…).
    if _SUBJECT.match(text) and block[0] > 0 and org_parts(spaced[header[block[0] - 1]]):
        block.insert(0, block[0] - 1)
        text = norm[header[block[0]]] + text
    lines = [header[p] for p in block]
    return _Notice(
        block,
        text,
        " ".join(spaced[k].strip() for k in lines),
        "".join(original[k].strip() for k in lines),
    )


def _title_block(
    header: list[int], p: int, norm: list[str], spaced: list[str], taken: set[int]
) -> list[int]:
    """Positions of the plan title whose last line is ``header[p]``.

    Pieces of a title broken over lines are adjacent (no blank line between)
    and hold no sentence; an issuer line is a piece only when the title goes on
    with 关于 (``某市人民政府`` / ``关于…的实施意见``). Qualifier lines below join.
    """
    block = [p]
    while len(block) < 3:
        k = block[0] - 1
        if k < 0 or k in taken or header[k] != header[block[0]] - 1:
            break
        s = norm[header[k]]
        if (
            not is_fragment(s)
            or is_plan_title(s)
            or find_date(s)
            or DOC_NUMBER.search(s)
            or _HEAD_MARK.match(s)
            or _banner(spaced[header[k]])
        ):
            break
        if org_parts(spaced[header[k]]) and not norm[header[block[0]]].startswith("关于"):
            break
        block.insert(0, k)
    q = p + 1
    while q < len(header) and q not in taken and QUALIFIER_LINE.match(norm[header[q]]):
        block.append(q)
        q += 1
    return block


def _choose_title(
    block: list[int], header: list[int], norm: list[str], original: list[str], covered: str | None
) -> tuple[list[int], str, str] | None:
    """The title lines, text and original text, checked against the notice's X."""
    joined = unquoted("".join(norm[header[p]] for p in block))
    if covered is None:
        return block, joined, unquoted("".join(original[header[p]].strip() for p in block))
    key, want = title_key(joined), title_key(covered)
    last = max(p for p in block if not QUALIFIER_LINE.match(norm[header[p]]))
    tail = [p for p in block if p >= last]
    if key == want or key.startswith(want) or want.startswith(key):
        chosen = block
    elif title_key("".join(norm[header[p]] for p in tail)) in (want, want[: len(key)]):
        chosen = tail
    elif want.endswith(key) or want.endswith(title_key(norm[header[last]])):
        return None  # only a piece of the title: the notice's X is the whole
    else:
        chosen = block
    return (
        chosen,
        unquoted("".join(norm[header[p]] for p in chosen)),
        unquoted("".join(original[header[p]].strip() for p in chosen)),
    )


def _page_issuers(value: str) -> list[str]:
    parts = [p for p in re.split(r"[\s、,，;；]+", normalise_text(value)) if p]
    orgs = [p for p in parts if org_parts(p)]
    return orgs if orgs and len(orgs) == len(parts) else []


def read_header(
    header: list[int],
    norm: list[str],
    spaced: list[str],
    original: list[str],
    *,
    page: dict[str, str] | None = None,
    closing: Signature | None = None,
) -> Header:
    """Parse the header lines (before the first heading).

    Args:
        header: indices of the header lines, chrome removed, in order.
        norm: all normalised lines (index -> text).
        spaced: all normalised lines with spaces kept (for multi-issuer lines).
        original: all lines as published (after repair).
        page: the page metadata block's fields by role (see
            :mod:`~policykg.loaders.pageinfo`).
        closing: a signature that ends the body, if any.

    Returns:
        The header's metadata and which lines are notice and which preamble.
    """
    page = page or {}
    h = Header()
    taken: set[int] = set()
    notices: list[_Notice] = []
    for pos in range(len(header)):
        if pos in taken:
            continue
        n = _notice_at(header, pos, norm, spaced, original)
        if n is not None:
            notices = [x for x in notices if not set(x.positions) & set(n.positions)]
            notices.append(n)
            taken.update(n.positions)
    covered = next((c for n in notices if (c := covered_title(n.text))), None)
    covered_original = next(
        (covered_title(normalise_text(n.original, collapse_spaces=False)) for n in notices), None
    )
    page_title = normalise_text(page["title"]) if "title" in page else None
    if covered is None and page_title:
        covered = covered_title(page_title)
        covered_original = covered

    candidates = [
        p for p in range(len(header)) if p not in taken and is_plan_title(norm[header[p]])
    ]
    if candidates:
        block = _title_block(header, candidates[-1], norm, spaced, taken)
        taken.update(block)
        h.title_lines = [header[p] for p in block]
        chosen = _choose_title(block, header, norm, original, covered)
        if chosen is not None:
            positions, h.title, h.title_original = chosen
            h.title_lines = [header[p] for p in positions]
            taken.difference_update(set(block) - set(positions))
            block = positions
        before, after = header[: min(block)], header[max(block) + 1 :]
        if notices and max(block) < min(notices[0].positions):
            # A page headline above the covering notice, not the document's own title
            # line: the notice's signature separates notice and preamble.
            rest = [i for p, i in enumerate(header) if p not in block]
            before, after = _split_without_title(rest, norm, spaced, notices)
    else:
        before, after = _split_without_title(header, norm, spaced, notices)
    if h.title is None:
        if covered:
            h.title, h.title_original = covered, covered_original or covered
        elif page_title and is_plan_title(page_title):
            h.title = h.title_original = page_title
        elif notices and covered_title(notices[0].text) is None:
            # A notice that covers no document is the document: its title is the title.
            h.title, h.title_original = notices[0].text, notices[0].original

    sig = _read_before(h, header, before, norm, spaced, taken, notices)
    after_date = _read_after(h, after, norm, spaced)
    if notices:
        h.notice_title = notices[0].text
    # Fields the header lacks: page block, then the body's closing signature.
    number = next(
        (m.group(0) for n in notices if (m := DOC_NUMBER.search(n.text)) is not None), None
    )
    if h.doc_number is None and page.get("number") and DOC_NUMBER.search(page["number"]):
        h.doc_number = normalise_doc_number(page["number"])
    h.doc_number = h.doc_number or (normalise_doc_number(number) if number else None)
    h.issuers = (
        (sig.issuers if sig else [])
        or (closing.issuers if closing else [])
        or _page_issuers(page.get("issuer", ""))
        or h.issuers  # the banner's, set while reading the lines
        or h.delivered_by  # the meeting that adopted it, the government that reported
        or (named_issuers(h.title, _spaced_title(h, spaced)) if h.title else [])
        or (named_issuers(notices[0].text, notices[0].spaced) if notices else [])
    )
    h.issued_on = (
        (sig.issued_on if sig else None)
        or (find_date(page["issued"]) if "issued" in page else None)
        or after_date
        or (closing.issued_on if closing else None)
    )
    draft_text = " ".join(
        [h.title or "", *(n.text for n in notices), *(norm[i] for i in h.notice_lines)]
    )
    h.draft = bool(
        _DRAFT_WORD.search(draft_text) or any(_ASKS_COMMENT.search(n.text) for n in notices)
    )
    return h


def _spaced_title(h: Header, spaced: list[str]) -> str | None:
    return " ".join(spaced[i].strip() for i in h.title_lines) if h.title_lines else None


def _split_without_title(
    header: list[int],
    norm: list[str],
    spaced: list[str],
    notices: list[_Notice],
) -> tuple[list[int], list[int]]:
    """Notice and preamble when no title line separates them: the signature does.

    In a press republication the lead-in ``《X》全文如下`` does (it ends the news
    frame; the document starts after it). The lead-in itself is no text.
    """
    if not notices:
        return [], list(header)
    for pos in range(len(header) - 1, -1, -1):
        if _FULL_TEXT_FOLLOWS.match(norm[header[pos]]):
            return header[:pos], header[pos + 1 :]
    for pos in range(len(header) - 1, -1, -1):
        sig = signature_at(header, pos, norm, spaced)
        if sig is not None:
            end = max(header.index(i) for i in sig.lines)
            return header[: end + 1], header[end + 1 :]
    return list(header), []


def _read_before(
    h: Header,
    header: list[int],
    before: list[int],
    norm: list[str],
    spaced: list[str],
    taken: set[int],
    notices: list[_Notice],
) -> Signature | None:
    """The notice part: 文号, banner, signature; the rest is the notice's text."""
    consumed = {header[p] for p in taken}
    sig: Signature | None = None
    first_date: date | None = None
    for pos, i in enumerate(before):
        if i in consumed:
            continue
        s = norm[i]
        if (number := _doc_number_line(s)) is not None:
            h.doc_number = h.doc_number or number
            consumed.add(i)
        elif (banner := _banner(spaced[i])) is not None:
            h.issuers = h.issuers or banner
            consumed.add(i)
        elif is_record_line(s) or _HEAD_MARK.match(s):
            consumed.add(i)
        elif (found := signature_at(before, pos, norm, spaced)) is not None:
            consumed.update(found.lines)
            first_date = first_date or found.issued_on
            if found.issuers and (sig is None or not sig.issuers):
                sig = found
    if sig is None and first_date is not None:
        sig = Signature([], [], first_date)
    title = title_key(h.title) if h.title else None
    # The covering notice opens with its title: what stands above it is the
    # page's, not the notice's (a news headline and lead over a reprinted
    # notice: 重磅！我县印发…（附全文） / 近日，…印发《X》…。以下为方案全文：).
    opening = min((header[p] for n in notices[:1] for p in n.positions), default=None)
    for i in before:
        # Organisation lines outside a signature: the site's name, a banner
        # without 文件, the issuer half of a split notice title. And the page's
        # headline repeating the document's title above it. Never text.
        if i not in consumed and (
            org_parts(spaced[i])
            or title_key(norm[i]) == title
            or _headline(norm[i], title)
            or (opening is not None and i < opening and _covering(notices[0]))
        ):
            consumed.add(i)
    h.notice_lines = [i for i in before if i not in consumed]
    return sig


def _headline(line: str, title: str | None) -> bool:
    """A page's headline around the title: ``政府工作报告（全文）丨2025年某区政府工作报告``.

    A line with no sentence in it that ends with the whole title, or opens with
    it and goes on after a bracket or a separator (a 全文 mark, the year and the
    place, a ``丨`` between the parts), is the page's or the account's headline
    over the document, not the document's text. A line of the notice that
    cites the title and goes on (``《X》已经市政府第`` broken at the page width)
    is text.
    """
    if not title or len(title) < 4 or _SENTENCE.search(line):
        return False
    key = title_key(line)
    if key == title or not is_fragment(line[:40]):
        return False
    return key.endswith(title) or bool(re.match(re.escape(title) + r"[（(丨|｜—\-:：]", key))


def _covering(notice: _Notice) -> bool:
    """A notice that issues a document by title (…关于印发《X》的通知), not a press headline."""
    return covered_title(notice.text) is not None and _NOTICE_END.search(notice.text) is not None


# A report's subtitle: where and when it was delivered (——2025年1月6日在某区第八届人民
# 代表大会第五次会议上).
_DELIVERED = re.compile(rf"^[—－-]{{1,2}}\s*({DATE.pattern})\s*在.{{2,60}}上$")
# Who delivered it: the government and its head's office, then the head's name
# (某区人民政府区长　某某, 国务院总理　某某). The name is no metadata.
_SPEAKER = re.compile(
    r"^(.{2,30}?(?:人民政府|政府)|国务院)(?:代理|代)?"
    r"(?:总理|省长|市长|县长|区长|州长|旗长|盟长|主席|镇长|乡长)\s*[\u4e00-\u9fff·]{2,6}$"
)
# Adopted by a government's or a party committee's meeting, in brackets under the
# title: （2025年4月18日某县人民政府第52次常务会议审议通过）, （经2024年3月5日市政府
# 第8次常务会议讨论通过）.
_ADOPTED = re.compile(
    rf"^[（(]\s*(?:经)?\s*({DATE.pattern})\s*(.{{2,40}}?)\s*第\s*[\d一二三四五六七八九十百]+\s*次"
    r"\s*(?:常务|全体|主任|党组)?(?:会议|会)\s*(?:审议|讨论|研究)?(?:通过|审定)\s*[)）]$"
)


def _read_after(h: Header, after: list[int], norm: list[str], spaced: list[str]) -> date | None:
    """Below the title: 文号 and a date in parentheses, then the preamble.

    Also the record of how the document was adopted or delivered, which gives
    its date and its issuer where no signature does: a plan adopted by a
    常务会议 (``（2025年4月18日某县人民政府第52次常务会议审议通过）``: that
    government, that date) and a report delivered to an assembly (its subtitle
    ``——2025年1月6日在…会议上`` gives the date, the line ``某区人民政府区长　某某``
    the government whose head delivered it). These lines are no text.
    """
    when: date | None = None
    preamble = []
    for i in after:
        s = norm[i]
        if (number := _doc_number_line(s)) is not None:
            h.doc_number = h.doc_number or number
        elif (d := parse_date_line(s)) is not None:
            when = when or d
        elif (m := _DELIVERED.match(s)) is not None:
            when = when or find_date(m.group(1))
        elif (m := _ADOPTED.match(s)) is not None:
            when = when or find_date(m.group(1))
            body = m.group(len(m.groups()))
            if org_parts(body) and is_full_name(body):
                h.delivered_by = h.delivered_by or [body]
        elif (m := _SPEAKER.match(s)) is not None:
            h.delivered_by = h.delivered_by or [m.group(1)]
        elif is_record_line(s) or _banner(spaced[i]) is not None:
            continue
        else:
            preamble.append(i)
    h.preamble_lines = preamble
    return when


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
