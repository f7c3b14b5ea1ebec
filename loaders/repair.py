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
decode in step again. Every token of the re-read run then has one or more
readings, weighed together against the document's own character statistics
(:mod:`~policykg.loaders.repair_evidence`):

* the orphaned first character is known only by its trail byte; at the start
  of a line it is the ideographic-space indent (dropped), elsewhere any
  character of the document with that trail byte;
* a lost pair merges two characters into one wrong one (``三）`` -> ``醛``), two
  lost pairs three: the first keeps its lead byte, the last its trail byte,
  and the bytes between were a pair GBK does not allow. The merged token may
  even be valid GBK (``基础`` comes out as ``会``), so valid bytes are one
  reading among the merges the document's bigrams make plausible;
* the run's last byte may be a lead whose trail left with the re-synchronising
  byte: any character with that lead;
* a heading marker at the start of a line is what the numbering expects (the
  next ``（N）``, ``（一）`` after a new chapter, the next ``X、``) when the
  surviving bytes fit it; the numbering advances past a marker it could not
  restore;
* when the re-synchronising byte was an ASCII character swallowed by a dropped
  pair, no ASCII marks the run's end: it ends where three bigrams in a row are
  attested again, and the swallowed character becomes ``□``.

**The repair says when it is unsure.** The most likely reading of the whole
run is chosen, and each token's reading stands only where the document
settles it (at least twenty times as likely as any other reading of that
token, and tied to its neighbours by a bigram the document writes). A token
it does not settle becomes ``□``, the philologists' sign for an illegible
character, and the repair says so in a warning: ``形势`` and ``形式`` in a
document that writes both alike are no evidence either way. A character
decoded in step that the document never uses, or, past a token in doubt,
never writes beside its neighbours, is the mark of a run read in the wrong
frame: from there the rest of the run is ``□``.

A ``?`` before text the document writes elsewhere (``?為深入貫徹``: a character
the page's encoding could not hold) is no run and stays as it is.

Only the document itself is used as evidence; nothing is looked up by file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.decode import is_common_cjk
from policykg.loaders.numerals import chinese_to_int, int_to_chinese
from policykg.loaders.repair_evidence import (
    FLATTENED,
    PINYIN,
    Bigrams,
    Option,
    decodable,
    decode,
    gbk2,
)

LOST = "□"
#: Share of everyday characters after a ``?`` above which the text is in step.
_IN_STEP_SHARE = 0.85
_PUNCTUATION = set("，。、；：！？“”‘’（）《》〈〉—…·「」『』【】\u3000")

_RUN_START = re.compile(r"\?(?=[^\x00-\x7f]|!)")
_PAREN_MARKER = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")
_SECTION_MARKER = re.compile(r"^\s*([一二三四五六七八九十]+)、")
_CHAPTER_MARKER = re.compile(r"^\s*第[一二三四五六七八九十]+[章节]")
_PINYIN_AT = re.compile(r"^" + PINYIN.pattern)


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


def _split_run(line: str, start: int) -> tuple[str, int]:
    """The garbled run after the ``?`` at ``start``: up to and including the first real ASCII."""
    end = start + 1
    while end < len(line):
        ch = line[end]
        end += 1
        if ord(ch) < 0x80 and ch not in FLATTENED:
            break
    return line[start + 1 : end], end


def _shifted_tokens(run: str) -> tuple[int, list[tuple[str, int | None, int | None]]] | None:
    """Re-read the run's bytes in step.

    Returns the orphan's trail byte and tokens ``(char, lead, trail)``; a token whose
    pair is not GBK has char ``""``. None when the run cannot be GBK bytes.
    """
    data = bytearray()
    for ch in run:
        ch = FLATTENED.get(ch, ch)
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
        tokens.append((pair.decode("gbk") if decodable(pair) else "", pair[0], pair[1]))
        i += 2
    return orphan_trail, tokens


@dataclass(frozen=True)
class _Piece:
    """Part of a repaired run and how it was obtained.

    ``kind``: ``bytes`` (decoded in step: the bytes say it), ``marker`` (a heading
    marker the numbering confirms), ``chosen`` (restored by a choice the
    document settles), ``unsure`` (a choice it does not settle) or ``lost``.
    """

    text: str
    kind: str


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
        self.bigrams = Bigrams("\n".join(outside))

    def _in_step(self, line: str, start: int) -> bool:
        """Whether the text after a ``?`` already reads as the document's own.

        A ``?`` also stands for a character the page's encoding could not hold
        (a no-break space or a rare character on a Big5 or GB2312 page, as the
        indent of every paragraph). The text after it is then in step: its
        characters are everyday ones (GB2312 or Big5 level 1), while bytes
        paired one off make mostly rare characters, symbols and kana
        (``。ㄒ唬┘訌娍傮``).
        """
        window: list[str] = []
        for ch in line[start + 1 :]:
            if ord(ch) < 0x80 or len(window) == 8:
                break  # a shifted run ends at its first ASCII byte
            window.append(ch)
        if len(window) < 3:
            return False
        ordinary = sum(is_common_cjk(ch) or ch in _PUNCTUATION for ch in window)
        return ordinary >= _IN_STEP_SHARE * len(window)

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

    @staticmethod
    def _marker_piece(
        prefix: str, ch: str, lead: int | None, trail: int | None, markers: list[str]
    ) -> _Piece | None:
        """The next piece of a heading marker the numbering expects, if the token fits one.

        ``prefix`` is what the run has read so far. A token decoded in step that
        continues a marker is the marker's; a token a lost pair merged keeps the
        lead byte of the marker's next character and the trail byte of a later
        one: ``（十一）`` can come out as 十's lead with 一's trail, ``六、`` as 六's
        lead with 、's trail (read ``立``). Exactly one expected marker must fit.
        """
        if ch and any(m.startswith(prefix + ch) for m in markers):
            return _Piece(ch, "bytes")
        if lead is None or trail is None:
            return None
        fits, spills = set(), set()
        for m in markers:
            if not m.startswith(prefix) or len(m) <= len(prefix) + 1:
                continue
            target = m[len(prefix) :]
            first = gbk2(target[0])
            if first is None or first[0] != lead:
                continue
            for j in range(1, len(target)):
                b = gbk2(target[j])
                if b is not None and b[1] == trail:
                    fits.add(target[: j + 1])
            spills.add(target)
        if len(fits) == 1:
            return _Piece(fits.pop(), "marker")
        if not fits and len(spills) == 1:
            # The merge ran past the marker: its trail byte is the next character's.
            return _Piece(spills.pop(), "spill")
        return None

    def repair_run(
        self, line: str, start: int, markers: list[str]
    ) -> tuple[str, int, list[str]] | None:
        """Repair the run starting at the ``?`` at ``start``.

        Args:
            line: the line.
            start: index of the ``?``.
            markers: the heading markers the numbering allows at the start of
                this line (``（三）``, ``（一）`` after a new chapter, ``四、``).

        Returns:
            The replacement, where the run ends, and notes; None when the run
            cannot be GBK bytes.
        """
        if self._in_step(line, start):
            return None
        run, end, lost_tail = self._run_bounds(line, start)
        parsed = _shifted_tokens(run)
        if parsed is None:
            return None
        orphan_trail, tokens = parsed
        big = self.bigrams
        prev = line[start - 1] if start > 0 else "\n"
        at_line_start = not line[:start].strip()
        markers = markers if at_line_start else []
        slots: list[list[Option]] = []
        # The orphaned first character: known by its trail byte only.
        cands = big.by_trail.get(orphan_trail, [])
        if not (at_line_start and "\u3000" in cands):
            slots.append([Option(c, "chosen") for c in cands] or [Option(LOST, "lost")])
        # The run read so far while it is still a heading marker (one option per slot).
        fixed: str | None = "" if markers else None
        for i, (ch, lead, trail) in enumerate(tokens):
            if fixed is not None and any(m.startswith(fixed) and m != fixed for m in markers):
                piece = self._marker_piece(fixed, ch, lead, trail, markers)
                if piece is not None:
                    slots.append(
                        [Option(piece.text, "marker" if piece.kind != "bytes" else "bytes")]
                    )
                    fixed += piece.text
                    if piece.kind == "spill":
                        # The merge ran past the marker: the next character has its trail.
                        cands = big.by_trail.get(trail, []) if trail is not None else []
                        slots.append([Option(y, "chosen") for y in cands] or [Option(LOST, "lost")])
                    continue
            fixed = None
            if ch and (ord(ch) < 0x80 or lead is None):
                slots.append([Option(ch, "bytes")])
            elif lead is None:
                slots.append([Option(LOST, "lost")])
            elif trail is None:
                # The run's last byte: a lead whose trail went with the resync.
                cands = big.by_lead.get(lead, [])
                slots.append([Option(x, "chosen") for x in cands] or [Option(LOST, "lost")])
            else:
                prevs = {o.text[-1] for o in slots[-1]} if slots else {prev}
                nexts = self._next_chars(tokens, i, line, end, lost_tail)
                options = [Option(m, "chosen") for m in big.merges(lead, trail, prevs, nexts)]
                if ch:
                    # Valid bytes may still be two characters a lost pair merged.
                    options.insert(0, Option(ch, "bytes"))
                slots.append(options or [Option(LOST + LOST, "lost")])
        if lost_tail:
            slots.append([Option(LOST, "lost")])
        # The character after the run, past a pinyin annotation (區(qū)).
        rest = "" if lost_tail else _PINYIN_AT.sub("", line[end:], count=1)
        nxt = rest[:1] or "\n"
        pieces = [
            _Piece(o.text, o.kind if settled or o.kind in ("marker", "lost") else "unsure")
            for o, settled in decode(big, slots, prev, nxt)
        ]
        text, notes = self._settle(pieces, prev, nxt, markers)
        return text, end, notes

    def _next_chars(
        self,
        tokens: list[tuple[str, int | None, int | None]],
        i: int,
        line: str,
        end: int,
        lost_tail: bool,
    ) -> set[str]:
        """What may follow token ``i``: the next token's character, the characters its
        dangling lead byte allows, or the character after the run."""
        if i + 1 < len(tokens):
            ch, lead, trail = tokens[i + 1]
            if ch:
                return {ch}
            if trail is None and lead is not None:
                return set(self.bigrams.by_lead.get(lead, []))
            return set()
        return {line[end]} if end < len(line) and not lost_tail else {"\n"}

    def _settle(
        self, pieces: list[_Piece], prev: str, nxt: str, markers: list[str]
    ) -> tuple[str, list[str]]:
        """The run's final reading: what the document does not settle becomes □.

        A token whose reading the statistics do not settle becomes ``□`` (one per
        character of its likeliest reading); the bytes around it still read in
        step. A character decoded in step must be one the document uses, and
        past a token in doubt one it writes beside a neighbour: otherwise the
        run is being read in the wrong frame, and from there on it is all ``□``.
        """
        chars: list[tuple[str, str]] = [(c, p.kind) for p in pieces for c in p.text]
        head = "".join(c for c, _ in chars)
        for marker in markers:
            if head.startswith(marker):
                # A heading marker the numbering expects: the numbering is the evidence.
                chars[: len(marker)] = [(c, "marker") for c in marker]
                break
        big = self.bigrams
        unsure = [k for k, (_, kind) in enumerate(chars) if kind == "unsure"]
        chars = [(LOST, "lost") if kind == "unsure" else (c, kind) for c, kind in chars]
        frame = None
        for k, (c, kind) in enumerate(chars):
            if kind != "bytes" or ord(c) < 0x80:
                continue
            left = chars[k - 1][0] if k else prev
            right = chars[k + 1][0] if k + 1 < len(chars) else nxt
            attested = (left != LOST and big(left, c) > 0) or (right != LOST and big(c, right) > 0)
            # Past a character in doubt, only bigrams vouch for what the bytes say.
            if not (attested or (big.uses[c] > 0 and not (unsure and k > unsure[0]))):
                frame = k
                break
        notes = []
        marker = "".join(c for c, kind in chars[:frame] if kind == "marker")
        if marker:
            notes.append(f"heading marker checked against the numbering: {marker!r}")
        restored = "".join(c for c, kind in chars[:frame] if kind == "chosen")
        if restored:
            notes.append(f"lost bytes restored from the document's bigrams: {restored!r}")
        if unsure:
            notes.append(
                f"the document's statistics do not settle character(s) "
                f"{', '.join(str(k + 1) for k in unsure)}: unrecoverable ({LOST})"
            )
        if frame is not None:
            chars = chars[:frame] + [(LOST, "lost")] * (len(chars) - frame)
            notes.append(
                f"from character {frame + 1} on the run reads as nothing the document "
                f"writes: unrecoverable ({LOST})"
            )
        elif any(c == LOST for c, _ in chars) and not unsure:
            notes.append(f"bytes lost beyond recovery ({LOST})")
        return "".join(c for c, _ in chars), notes


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
    numbering = _Numbering()
    for n, line in enumerate(lines):
        pos = 0
        while True:
            m = _RUN_START.search(line, pos)
            if not m:
                break
            fixed = repairer.repair_run(line, m.start(), numbering.expected())
            if fixed is None:
                pos = m.end()
                continue
            replacement, end, notes = fixed
            garbled = line[m.start() : end]
            line = line[: m.start()] + replacement + line[end:]
            repairs.append(Repair(n + 1, garbled, replacement, notes))
            pos = m.start() + len(replacement)
        lines[n] = line
        numbering.read(line)
    return RepairResult("\n".join(lines), repairs)


class _Numbering:
    """The heading numbers seen so far, and the markers they allow on the next line.

    ``（N）`` counts up and restarts at ``（一）`` after a new ``X、`` or ``第X章`` in
    some plans and runs on in others, so both are allowed; ``X、`` counts up. A
    marker the repair could not restore (``（□``) still took its number.
    """

    def __init__(self) -> None:
        self.paren = 0
        self.section = 0
        self.chapter = False

    def expected(self) -> list[str]:
        out = [f"（{int_to_chinese(self.paren + 1)}）"] if self.paren < 99 else []
        if self.chapter and self.paren:
            out.append("（一）")
        if self.section < 99:
            out.append(f"{int_to_chinese(self.section + 1)}、")
        return out

    def read(self, line: str) -> None:
        if (ms := _SECTION_MARKER.match(line)) is not None:
            self.section = chinese_to_int(ms.group(1)) or self.section
            self.chapter = True
        elif re.match(rf"^\s*(?:[一二三四五六七八九十]+{LOST}|{LOST}+、)", line):
            self.section += 1  # a section marker the repair could not restore
            self.chapter = True
        elif _CHAPTER_MARKER.match(line):
            self.chapter = True
        if (mp := _PAREN_MARKER.match(line)) is not None:
            self.paren, self.chapter = chinese_to_int(mp.group(1)) or self.paren, False
        elif re.match(rf"^\s*（{LOST}", line):
            self.paren, self.chapter = self.paren + 1, False
