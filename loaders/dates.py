"""Calendar dates as Chinese official documents and portals print them.

* ``2022年3月18日`` and ``2022年03月18日``: the 成文日期 of a document signed
  since GB/T 9704-2012 (Arabic numerals, no leading zero, though portals often
  pad month and day);
* ``二〇二二年三月十八日``: the same date in Chinese numerals, as documents
  signed before 2012 and many 党委 documents still print it; the year is
  written digit by digit with ``〇`` (also typed ``○``, ``零``, ``Ｏ`` or ``O``),
  month and day as numbers (``十八``, ``二十一``);
* ``2022-03-18``, ``2022/3/18``, ``2022.3.18``: the ISO-like forms of web
  pages' ``发布日期`` and of metadata blocks.

A date that does not exist (``2022年2月30日``) is no date.
"""

from __future__ import annotations

import re
from datetime import date

from policykg.loaders.numerals import chinese_to_int

_ZERO = "〇○零ＯOo０"
_CN_DIGIT = {**dict.fromkeys(_ZERO, 0), **{c: i for i, c in enumerate("〇一二三四五六七八九") if i}}
_CN_NUM = "一二三四五六七八九十"

_ARABIC = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_ISO = r"((?:19|20)\d{2})\s*[-/.．]\s*(\d{1,2})\s*[-/.．]\s*(\d{1,2})(?!\d)"
_CHINESE = (
    rf"([一二{_ZERO}][{_ZERO}一二三四五六七八九]{{3}})\s*年"
    rf"\s*([{_CN_NUM}]{{1,2}})\s*月\s*([{_CN_NUM}]{{1,3}})\s*日"
)

#: Any printed date, for searching inside a line.
DATE = re.compile(f"{_ARABIC}|{_ISO}|{_CHINESE}")


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> date | None:
    g = m.groups()
    if g[0] is not None:
        return _make(int(g[0]), int(g[1]), int(g[2]))
    if g[3] is not None:
        return _make(int(g[3]), int(g[4]), int(g[5]))
    year = 0
    for ch in g[6]:
        year = year * 10 + _CN_DIGIT[ch]
    month, day = chinese_to_int(g[7]), chinese_to_int(g[8])
    if month is None or day is None or not 1900 <= year <= 2099:
        return None
    return _make(year, month, day)


def find_date(text: str) -> date | None:
    """The first valid date printed in ``text``, in any of the forms above."""
    for m in DATE.finditer(text):
        d = _from_match(m)
        if d is not None:
            return d
    return None


def parse_date_line(line: str) -> date | None:
    """The date when ``line`` is nothing but one date (``（2022年6月20日）`` too).

    GB/T 9704 prints the 成文日期 on a line of its own under the signature, or in
    parentheses under the title of a document without a signature; a line with
    anything else on it (``2022年9月8日印发``, ``截至2022年底``) is not one.
    """
    s = re.sub(r"\s+", "", line)
    s = re.sub(r"^[（(](.*)[）)]$", r"\1", s)
    m = DATE.fullmatch(s)
    return _from_match(m) if m else None
