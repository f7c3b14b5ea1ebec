"""Repair text garbled by a one-byte GBK shift.

Some captured pages contain runs such as ``?。ㄒ唬┘訌娍傮w設計``: the GBK bytes
of ``　（一）加強總體設計`` read from one byte too far. The first byte of the run is
orphaned (shown as ``?``), every later pair straddles two real characters, and
the shift ends at the first ASCII byte, where the reader falls back in step.
Some straddling pairs are not valid GBK and were dropped by the capture, so a
few bytes are truly gone. The capture also turned the full-width punctuation
of the garbled run into ASCII (``！`` became ``!``), which we undo when
re-encoding.

Repair, per run: re-encode the run to GBK, drop the orphan's partner byte and
decode in step again. Then, for each place where bytes were lost:

* the orphaned first character is known only by its trail byte; at the start
  of a line it is the ideographic-space indent (dropped), elsewhere the
  candidate sharing that byte that the document's own character bigrams
  support best;
* a lost pair merges two characters into one wrong one (``三）`` -> ``醛``): the
  first keeps its lead byte, the last its trail byte. In a heading marker the
  numeral comes from the document's own numbering (the heading after ``（二）``
  is ``（三）``, checked against the surviving lead byte); elsewhere the pair of
  characters with those bytes that the document's bigrams support best (two of
  the three bigrams attested). Two lost pairs in a row merge three characters:
  accepted only when every bigram of the chain is attested (three of four when
  the wrong character is one the document never uses);
* the run's last byte may be a lead whose trail left with the re-synchronising
  byte: the character with that lead that best follows its left neighbour;
* when the re-synchronising byte was an ASCII character swallowed by a dropped
  pair, no ASCII marks the run's end: it ends where three bigrams in a row are
  attested again, and the swallowed character becomes ``□``;
* a character no candidate is supported for becomes ``□``, the philologists'
  sign for an illegible character, and the repair says so.

Only the document itself is used as evidence; nothing is looked up by file.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.loaders.numerals import chinese_to_int, int_to_chinese

LOST = "□"

# Full-width punctuation the capture flattened to ASCII inside garbled runs.
_FLATTENED = {"!": "！", ",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}
_RUN_START = re.compile(r"\?(?=[^\x00-\x7f]|!)")
_PAREN_MARKER = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")
_SECTION_MARKER = re.compile(r"^\s*[一二三四五六七八九十]+、")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


@dataclass(frozen=True)
class Repair:
    """One garbled run and what it became.

    Attributes:
        line: 1-based line number in the decoded text.
        garbled: the run as captured, from the orphan ``?`` to the re-synchronising byte.
        repaired: its replacement.
        notes: how each lost character was restored (or that it could not be).
    """

    line: int
    garbled: str
    repaired: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RepairResult:
    """Text after repair, with one record per repaired run."""

    text: str
    repairs: list[Repair] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        out = []
        for r in self.repairs:
            if any(LOST in n for n in r.notes):
                out.append(
                    f"line {r.line}: GBK byte-shift repair could not recover every character: "
                    f"{r.garbled!r} -> {r.repaired!r}"
                )
        return out


@lru_cache(maxsize=65536)
def _gbk2(ch: str) -> bytes | None:
    try:
        b = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


@lru_cache(maxsize=65536)
def _decodable(b: bytes) -> bool:
    try:
        b.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


class _Bigrams:
    """Character bigram counts of the document's clean text: the repair's only evidence."""

    def __init__(self, text: str) -> None:
        clean = _canon(_PINYIN.sub("", text))
        self.counts: Counter[tuple[str, str]] = Counter()
        for line in clean.split("\n"):
            padded = "\n" + line.strip() + "\n"
            self.counts.update(itertools.pairwise(padded))
        self.by_lead: dict[int, list[str]] = {}
        self.by_trail: dict[int, list[str]] = {}
        for ch in set(clean) | {"\u3000"}:
            b = _gbk2(ch)
            if b is None:
                continue
            self.by_lead.setdefault(b[0], []).append(ch)
            self.by_trail.setdefault(b[1], []).append(ch)
        for chars in (*self.by_lead.values(), *self.by_trail.values()):
            chars.sort()  # deterministic tie-breaking

    def __call__(self, a: str, b: str) -> int:
        return self.counts[(_CANON.get(a, a), _CANON.get(b, b))]


_CANON = {**_FLATTENED, "〔": "（", "〕": "）"}
_CANON_TABLE = str.maketrans(_CANON)


def _canon(s: str) -> str:
    """Punctuation folded so bigrams from ASCII and full-width spellings pool."""
    return s.translate(_CANON_TABLE)


def _split_run(line: str, start: int) -> tuple[str, int]:
    """The garbled run after the ``?`` at ``start``: up to and including the first real ASCII."""
    end = start + 1
    while end < len(line):
        ch = line[end]
        end += 1
        if ord(ch) < 0x80 and ch not in _FLATTENED:
            break
    return line[start + 1 : end], end


def _shifted_tokens(run: str) -> tuple[int, list[tuple[str, int | None, int | None]]] | None:
    """Re-read the run's bytes in step.

    Returns the orphan's trail byte and tokens ``(char, lead, trail)``; a token whose
    pair is not GBK has char ``""``. None when the run cannot be GBK bytes.
    """
    data = bytearray()
    for ch in run:
        ch = _FLATTENED.get(ch, ch)
        try:
            data += ch.encode("gbk")
        except UnicodeEncodeError:
            return None
    if len(data) < 2:
        return None
    orphan_trail = data[0]
    tokens: list[tuple[str, int | None, int | None]] = []
    i = 1
    while i < len(data):
        b = data[i]
        if b < 0x80:
            tokens.append((chr(b), None, None))
            i += 1
            continue
        pair = bytes(data[i : i + 2])
        if len(pair) < 2:
            tokens.append(("", b, None))
            break
        tokens.append((pair.decode("gbk") if _decodable(pair) else "", pair[0], pair[1]))
        i += 2
    return orphan_trail, tokens


def _best(cands: list[str], score: Callable[[str], int]) -> tuple[str, int]:
    """The candidate with the highest positive score ("" when none scores)."""
    best, best_score = "", 0
    for c in cands:
        s = score(c)
        if s > best_score:
            best, best_score = c, s
    return best, best_score


class _Repairer:
    def __init__(self, text: str) -> None:
        # Evidence comes from the text outside garbled runs only.
        outside = []
        for line in text.split("\n"):
            m = _RUN_START.search(line)
            while m:
                _, end = _split_run(line, m.start())
                line = line[: m.start()] + "\n" + line[end:]
                m = _RUN_START.search(line)
            outside.append(line)
        self.bigrams = _Bigrams("\n".join(outside))
        # Candidate middles for a doubly lost pair: characters the document uses twice or more.
        uses = Counter(a for a, _ in self.bigrams.counts.elements())
        self.uses = uses
        self.middles = sorted(c for c, n in uses.items() if n >= 2 and _gbk2(c) is not None)

    def _run_bounds(self, line: str, start: int) -> tuple[str, int, bool]:
        """The garbled run after the ``?`` at ``start``, its end, and whether it ended early.

        A run ends at its first real ASCII character (the reader fell back in step
        there) or, when that ASCII byte was swallowed by a dropped pair, where the
        line turns back into text the document's own bigrams attest: three attested
        bigrams in a row. In that second case one single-byte character was lost.
        """
        run, hard = _split_run(line, start)
        big = self.bigrams
        for j in range(start + 3, hard - 3):
            if all(big(line[k], line[k + 1]) for k in range(j, j + 3)):
                return line[start + 1 : j], j, True
        return run, hard, False

    def _right(self, ch: str, nxt: str) -> int:
        """Bigram support of ``ch`` before ``nxt``: one character, or the options
        for a next character not yet known (a dangling last byte)."""
        return max((self.bigrams(ch, o) for o in nxt), default=0)

    def _expand_pair(
        self, lead: int | None, trail: int | None, prev: str, nxt: str, *, foreign: bool = False
    ) -> tuple[str, str]:
        """Two characters that a lost pair merged into one: best supported by bigrams."""
        big = self.bigrams
        xs = big.by_lead.get(lead, []) if lead is not None else []
        ys = big.by_trail.get(trail, []) if trail is not None else []
        best, best_score, best_hits = "", 0, 0
        for x in xs:
            bx = _gbk2(x)
            for y in ys:
                by = _gbk2(y)
                if bx is None or by is None:
                    continue
                middle = bytes([bx[1], by[0]])
                # Only a lead byte followed by a byte that no GBK pair allows was lost;
                # an ASCII byte in the middle would have re-synchronised the reader.
                if middle[0] < 0x81 or _decodable(middle):
                    continue
                parts = (big(prev, x), big(x, y), self._right(y, nxt))
                hits = sum(1 for p in parts if p)
                if hits >= 2 and (hits, sum(parts)) > (best_hits, best_score):
                    best, best_score, best_hits = x + y, sum(parts), hits
        if best:
            return best, f"lost bytes: {best!r} restored from the document's bigrams"
        three = self._expand_two_pairs(xs, ys, prev, nxt, need=3 if foreign else 4)
        if three:
            return three, f"lost bytes: {three!r} restored from the document's bigrams"
        return LOST + LOST, "lost bytes: two characters unrecoverable"

    def _expand_two_pairs(
        self, xs: list[str], ys: list[str], prev: str, nxt: str, *, need: int
    ) -> str:
        """Three characters that two consecutive lost pairs merged into one.

        The middle one is free; for each candidate middle the best first and last are
        chosen independently (the score is a chain of bigrams), and every bigram of
        the chain must be attested in the document.
        """
        big = self.bigrams
        best, best_key = "", (0, 0)
        # Only the scores that do not depend on the middle are worth hoisting.
        xb = [(x, bx) for x in xs if (bx := _gbk2(x)) is not None and bx[1] >= 0x81]
        left = {x: big(prev, x) for x, _ in xb}
        yb = [(y, by) for y in ys if (by := _gbk2(y)) is not None]
        right = {y: self._right(y, nxt) for y, _ in yb}
        for m in self.middles:
            bm = _gbk2(m)
            if bm is None or bm[1] < 0x81:
                continue
            x_best, x_key = "", (0, 0)
            for x, bx in xb:
                if _decodable(bytes([bx[1], bm[0]])):
                    continue
                a, b = left[x], big(x, m)
                key = ((a > 0) + (b > 0), a + b)
                if key > x_key:
                    x_best, x_key = x, key
            if not x_best:
                continue
            y_best, y_key = "", (0, 0)
            for y, by in yb:
                if _decodable(bytes([bm[1], by[0]])):
                    continue
                a, b = big(m, y), right[y]
                key = ((a > 0) + (b > 0), a + b)
                if key > y_key:
                    y_best, y_key = y, key
            total = (x_key[0] + y_key[0], x_key[1] + y_key[1])
            # Three characters from one wrong one is a strong claim: every bigram of the
            # chain must be attested, or three of four when the wrong character is one
            # the document never uses anywhere else.
            if y_best and total[0] >= need and total > best_key:
                best, best_key = x_best + m + y_best, total
        return best

    def repair_run(
        self, line: str, start: int, expected_numeral: str | None
    ) -> tuple[str, int, list[str]] | None:
        run, end, lost_tail = self._run_bounds(line, start)
        parsed = _shifted_tokens(run)
        if parsed is None:
            return None
        orphan_trail, tokens = parsed
        big = self.bigrams
        notes: list[str] = []
        out: list[str] = []
        prev = line[start - 1] if start > 0 else "\n"
        at_line_start = not line[:start].strip()
        # The orphaned first character: known by its trail byte only.
        cands = big.by_trail.get(orphan_trail, [])
        nxt = tokens[0][0] if tokens and tokens[0][0] else "\n"
        if at_line_start and "\u3000" in cands:
            notes.append("orphan byte: the line's ideographic-space indent")
        else:
            ch, _ = _best(cands, lambda c: big(prev, c) + big(c, nxt))
            if ch:
                out.append(ch)
                notes.append(f"orphan byte: {ch!r} restored from the document's bigrams")
            else:
                out.append(LOST)
                notes.append(f"orphan byte: character lost ({LOST})")
        for i, (ch, lead, trail) in enumerate(tokens):
            before = out[-1][-1] if out and out[-1] else prev
            if i + 1 < len(tokens):
                nxt_ch, nxt_lead, nxt_trail = tokens[i + 1]
                # Before a dangling last byte, any character with that lead may follow.
                after = (
                    "".join(big.by_lead.get(nxt_lead, []))
                    if nxt_trail is None and nxt_lead is not None
                    else nxt_ch
                ) or "\n"
            else:
                after = line[end] if end < len(line) and not lost_tail else "\n"
            if (
                expected_numeral is not None
                and at_line_start
                and not out
                and (lead, trail) == (0xA3, 0xA9)
            ):
                # "（N" lost whole, "）" survived: the numbering says which N.
                out.append(f"（{expected_numeral}）")
                notes.append(f"marker restored from the numbering: （{expected_numeral}）")
                continue
            heading_slot = expected_numeral is not None and at_line_start and "".join(out) == "（"
            if heading_slot and lead is not None and trail is not None:
                assert expected_numeral is not None
                num_bytes = _gbk2(expected_numeral[0])
                if ch in expected_numeral[:1] and len(expected_numeral) == 1:
                    out.append(ch)
                    continue
                if num_bytes is not None and num_bytes[0] == lead:
                    close = _gbk2("）")
                    assert close is not None
                    if trail == close[1]:
                        out.append(expected_numeral + "）")
                        notes.append(f"marker restored from the numbering: （{expected_numeral}）")
                    else:
                        cands = big.by_trail.get(trail, [])
                        ranked = sorted((-big(c, after), c) for c in cands)
                        y = ranked[0][1] if ranked and ranked[0][0] < 0 else ""
                        out.append(expected_numeral + "）" + (y or LOST))
                        notes.append(f"marker restored from the numbering: （{expected_numeral}）")
                        notes.append(
                            f"lost bytes: {y!r} restored from the document's bigrams"
                            if y
                            else f"lost bytes: character lost ({LOST})"
                        )
                    continue
            if ch and (big(before, ch) or self._right(ch, after) or ord(ch) < 0x80):
                out.append(ch)
                continue
            if lead is None:
                out.append(ch or LOST)
                continue
            if trail is None:
                # The run's last byte: a lead whose trail went with the resync.
                nxt = line[end] if end < len(line) and not lost_tail else "\n"
                # The left bigram is the evidence; the right one (often a line end) breaks ties.
                ranked = sorted(
                    (-(4 * big(before, c) + min(big(c, nxt), 3)), c)
                    for c in big.by_lead.get(lead, [])
                )
                x = ranked[0][1] if ranked and ranked[0][0] < 0 else ""
                out.append(x or LOST)
                notes.append(
                    f"last byte: {x!r} restored from the document's bigrams"
                    if x
                    else f"last byte: character lost ({LOST})"
                )
                continue
            pair, note = self._expand_pair(
                lead, trail, before, after, foreign=not ch or self.uses[ch] == 0
            )
            if ch and LOST in pair:
                out.append(ch)  # unsupported but valid: keep what the bytes say
                continue
            out.append(pair)
            notes.append(note)
        if lost_tail:
            out.append(LOST)
            notes.append(f"a single-byte character was dropped where the run ended ({LOST})")
        return "".join(out), end, notes


def repair_gbk_shift(text: str) -> RepairResult:
    """Find and repair GBK byte-shift runs in decoded text.

    Args:
        text: decoded text, LF line ends.

    Returns:
        The repaired text and a record of each repair; text without such runs
        comes back unchanged with no records.
    """
    if not _RUN_START.search(text):
        return RepairResult(text)
    repairer = _Repairer(text)
    lines = text.split("\n")
    repairs: list[Repair] = []
    last_paren = 0
    for n, line in enumerate(lines):
        pos = 0
        while True:
            m = _RUN_START.search(line, pos)
            if not m:
                break
            expected = int_to_chinese(last_paren + 1) if last_paren < 99 else None
            fixed = repairer.repair_run(line, m.start(), expected)
            if fixed is None:
                pos = m.end()
                continue
            replacement, end, notes = fixed
            garbled = line[m.start() : end]
            line = line[: m.start()] + replacement + line[end:]
            repairs.append(Repair(n + 1, garbled, replacement, notes))
            pos = m.start() + len(replacement)
        lines[n] = line
        if _SECTION_MARKER.match(line):
            last_paren = 0
        mp = _PAREN_MARKER.match(line)
        if mp:
            last_paren = chinese_to_int(mp.group(1)) or last_paren
    return RepairResult("\n".join(lines), repairs)
