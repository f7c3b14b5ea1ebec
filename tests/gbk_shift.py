"""Re-enact the GBK byte-shift garbling of chongqing.txt on any text, and score repairs.

The capture read the GBK bytes of ``"　" + line`` one byte late: the first byte
is orphaned (shown as ``?``), every later pair straddles two characters, pairs
that are not GBK were dropped, an ASCII byte where a pair should start puts the
reader back in step, and full-width punctuation came out as ASCII.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter

from policykg.loaders.repair import LOST, repair_gbk_shift

_FLAT = {"！": "!", "，": ",", "（": "(", "）": ")", "：": ":", "；": ";"}
_FOLD = str.maketrans({v: k for k, v in _FLAT.items()})

#: Headings garbled as chongqing's are: a line led by a Chinese marker.
PAREN_HEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
ANY_HEADING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节条])"
)


def garble(line: str) -> str:
    """``line`` as the byte-shifted capture shows it."""
    data = ("\u3000" + line).encode("gbk")[1:]
    out, i = [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        with contextlib.suppress(UnicodeDecodeError):  # the capture dropped such pairs
            out.append(data[i : i + 2].decode("gbk"))
        i += 2
    return "?" + "".join(_FLAT.get(c, c) for c in out)


def outcome(original: str, repaired: str) -> str:
    """``right``, ``unrecoverable`` (every character shown is right, the rest □) or ``wrong``.

    Full-width and ASCII punctuation compare equal (the capture flattened it).
    """
    original, repaired = original.translate(_FOLD), repaired.translate(_FOLD)
    if repaired == original:
        return "right"
    if LOST in repaired:
        parts = re.findall(f"{LOST}+|[^{LOST}]+", repaired)
        pattern = "".join(".+?" if p[0] == LOST else re.escape(p) for p in parts)
        if re.fullmatch(pattern, original):
            return "unrecoverable"
    return "wrong"


def regarble_and_repair(text: str, heading: re.Pattern[str], *, together: bool) -> Counter[str]:
    """Garble the headings of ``text`` (all at once, or one at a time) and score the repair."""
    lines = text.split("\n")
    headings = []
    for k, line in enumerate(lines):
        if heading.match(line):
            h = line.strip().replace("(", "（").replace(")", "）")
            with contextlib.suppress(UnicodeEncodeError):
                h.encode("gbk")
                headings.append((k, h))
    score: Counter[str] = Counter()
    for job in [headings] if together else [[h] for h in headings]:
        garbled = list(lines)
        for k, h in job:
            garbled[k] = garble(h)
        repaired = repair_gbk_shift("\n".join(garbled)).text.split("\n")
        for k, h in job:
            score[outcome(h, repaired[k])] += 1
    return score
