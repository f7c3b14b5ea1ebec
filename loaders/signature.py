"""The signature block and the 版记 of a Chinese official document (GB/T 9704).

* **Signature** (发文机关署名 and 成文日期): after the text, the issuing
  organisation(s) on one line or one per line, then the date on its own line
  (``2022年3月18日``, ``二〇二二年三月十八日``); some pages print the date first
  and the issuer under it, or both on one line. Joint documents put the
  issuers side by side (``某市人民政府　国家知识产权局``). An organisation line
  is a name ending in what Chinese bodies are called (政府, 办公厅, 委员会, 局,
  委, 办公室, 领导小组…), with no sentence in it.
* **版记** (the record block at the very end): ``抄送：…`` and
  ``某某办公室　2022年9月8日印发``. Its date is the printing date, not the
  signature date; its lines are no part of the plan. A copy list too long
  for one line runs on, indented, until the line that ends it with ``。``.

A signature after the plan body (a 工作要点 signed at its end) is read the
same way, and so is one that closes the body above its attachments (GB/T
9704 puts 附件 after the signature; a page may append a 政策解读 after it),
but there the issuer must be named in full: a bare ``市公安局`` at the end of a
body is a table cell, not a signature (GB/T 9704 signs with the
full name or the standard short form, which begins with the place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from policykg.loaders.dates import DATE, parse_date_line

_ORG = re.compile(
    r"^[\u4e00-\u9fff（）]{2,40}?"
    r"(?:人民政府|政府|办公厅|委员会|常委会|局|厅|委|部|院|办公室|管委会|中心|协会|联合会|"
    r"署|司|法院|检察院|党委|党组|领导小组|小组|中央|海关|分行|支行)$"
)
# A name that starts with a bare level (市…, 县…, 各…) is not a full name.
_BARE_LEVEL = re.compile(r"^(?:市|县|区|省|州|盟|旗|镇|乡|街道|各|本|该|有关|相关)")
_RECORD = re.compile(
    r"^(?:抄送|抄报|主送|主题词|分送)\s*[:：]"
    rf"|(?:{DATE.pattern})\s*印发$"
    r"|^共印\s*\d+\s*份"
)
_PLAIN_ORG = re.compile(r"^[\u4e00-\u9fff（）]+$")


def org_parts(spaced: str) -> list[str] | None:
    """The organisations a line names, when it is nothing but names (space-separated).

    Args:
        spaced: the line, normalised with its spaces kept.

    Returns:
        The names, or None when the line is anything else.
    """
    parts = spaced.split()
    if parts and all(_is_org(p) for p in parts):
        return parts
    return None


def _is_org(part: str) -> bool:
    """One organisation name; also with its second name in brackets after it.

    A body that carries two names prints the second in brackets
    (``某市市场监督管理局（某市知识产权局）``, ``州委宣传部（州版权局）``).
    """
    m = re.fullmatch(r"(.+?)（([^（）]+)）", part)
    if m and _ORG.match(m.group(2)) and _PLAIN_ORG.match(m.group(2)):
        part = m.group(1)
    return bool(_ORG.match(part) and _PLAIN_ORG.match(part))


def is_full_name(name: str) -> bool:
    """True when an organisation name begins with its place, not a bare level."""
    return not _BARE_LEVEL.match(name)


def is_record_line(line: str) -> bool:
    """True for a 版记 line (``抄送：…``, ``…2022年9月8日印发``)."""
    return bool(_RECORD.search(line.strip()))


def org_and_date(spaced: str) -> tuple[list[str], date] | None:
    """Issuers and date printed on one line (``某市人民政府　2022年3月18日``)."""
    m = DATE.search(spaced)
    if m is None or m.end() != len(spaced.rstrip()):
        return None
    orgs = org_parts(spaced[: m.start()])
    when = parse_date_line(m.group(0))
    return (orgs, when) if orgs and when else None


@dataclass
class Signature:
    """A signature block: which lines it took, who signed, and when."""

    lines: list[int] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    issued_on: date | None = None


def signature_at(
    lines: list[int], pos: int, norm: list[str], spaced: list[str]
) -> Signature | None:
    """The signature block whose date line is ``lines[pos]``, if it is one.

    The issuers are the organisation lines right above the date, or, when there
    are none, right below it (the date-first layout).

    Args:
        lines: indices of the candidate lines, in order.
        pos: position in ``lines`` of a line that may be the date.
        norm: all normalised lines.
        spaced: all normalised lines with spaces kept.

    Returns:
        The signature, or None when ``lines[pos]`` is not a date line.
    """
    i = lines[pos]
    one_line = org_and_date(spaced[i])
    if one_line is not None:
        return Signature([i], one_line[0], one_line[1])
    when = parse_date_line(norm[i])
    if when is None:
        return None
    sig = Signature([i], [], when)
    for k in range(pos - 1, max(pos - 4, -1), -1):
        parts = org_parts(spaced[lines[k]])
        if parts is None:
            break
        sig.issuers = parts + sig.issuers
        sig.lines.append(lines[k])
    if not sig.issuers:
        for k in range(pos + 1, min(pos + 4, len(lines))):
            parts = org_parts(spaced[lines[k]])
            if parts is None:
                break
            sig.issuers += parts
            sig.lines.append(lines[k])
    return sig


@dataclass
class Closing:
    """What follows the plan body: its signature and 版记 lines (none of it plan text)."""

    lines: set[int] = field(default_factory=set)
    signature: Signature | None = None


def read_closing(
    body: list[int], norm: list[str], spaced: list[str], *, attachment: int | None = None
) -> Closing:
    """The 版记 lines anywhere in the body and a signature block ending it.

    Args:
        body: indices of the body lines (chrome removed), in order.
        norm: all normalised lines.
        spaced: all normalised lines with spaces kept.
        attachment: the line of the first attachment heading, if any: a body
            with no signature at its end may be signed right above it.

    Returns:
        The lines to take out of the body, and the signature if the body ends with one.
    """
    closing = Closing({i for i in body if is_record_line(norm[i])})
    closing.lines.update(_copy_list_runs(body, norm, closing.lines))
    rest = [i for i in body if i not in closing.lines]
    _sign(closing, rest, norm, spaced)
    if closing.signature is None and attachment is not None:
        _sign(closing, [i for i in rest if i < attachment], norm, spaced)
    return closing


_COPY_LIST = re.compile(r"^(?:抄送|抄报|分送|主送)\s*[:：]")
#: The most lines a copy list runs on over, and the longest such line.
_COPY_RUN, _COPY_LINE = 3, 60


def _copy_list_runs(body: list[int], norm: list[str], records: set[int]) -> set[int]:
    """The lines a ``抄送：…`` list runs on over (see the module docstring)."""
    out: set[int] = set()
    for pos, i in enumerate(body):
        if i not in records or not _COPY_LIST.match(norm[i]) or norm[i].endswith("。"):
            continue
        for j in body[pos + 1 : pos + 1 + _COPY_RUN]:
            text = norm[j]
            if j in records or len(text) > _COPY_LINE or not re.search(r"[，、]", text):
                break
            out.add(j)
            if text.endswith("。"):
                break
    return out


def _sign(closing: Closing, rest: list[int], norm: list[str], spaced: list[str]) -> None:
    """Put the signature ending ``rest`` (if one does) into ``closing``."""
    if not rest:
        return
    last = len(rest) - 1
    sig = signature_at(rest, last, norm, spaced)
    if sig is None:
        # Date first, issuer last: the date line sits above the closing names.
        k = last
        while k >= 0 and org_parts(spaced[rest[k]]) is not None and last - k < 3:
            k -= 1
        if k < last and k >= 0:
            sig = signature_at(rest, k, norm, spaced)
            if sig is not None and max(rest.index(i) for i in sig.lines) != last:
                sig = None
    if sig is not None and sig.issuers and all(is_full_name(x) for x in sig.issuers):
        closing.lines.update(sig.lines)
        closing.signature = sig
