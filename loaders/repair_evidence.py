"""The evidence a byte-shift repair may use: the document's own character bigrams.

A garbled run can often be read more than one way: a lost byte pair merged two
characters into one, and several pairs of characters share the surviving lead
and trail bytes; valid bytes may be one character or the merge of two. The
repair weighs the readings by how the document itself writes: each reading is
scored by the likelihood of its character chain under the document's bigram
statistics (interpolated with each character's frequency, so an unseen bigram
is possible but costly), and a
reading counts as **settled** only when it is at least :data:`MARGIN` times as
likely as the next-best reading. Anything less is doubt, and doubt is reported
(``□``), never silently resolved.

Nothing outside the document is consulted.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: A settled reading is at least this many times as likely as the next best one.
MARGIN = 20.0
#: Weight of the bigram estimate against the character's own frequency.
LAMBDA = 0.5
#: A restored character must be tied to its neighbours by bigrams the document
#: writes at least this many times in all.
MIN_EVIDENCE = 1

#: The philologists' sign for an illegible character.
LOST_MARK = "□"

# Full-width punctuation the capture flattened to ASCII inside garbled runs.
FLATTENED = {"!": "！", ",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}
_CANON = {**FLATTENED, "〔": "（", "〕": "）"}
_CANON_TABLE = str.maketrans(_CANON)
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def canon(s: str) -> str:
    """Punctuation folded so bigrams from ASCII and full-width spellings pool."""
    return s.translate(_CANON_TABLE)


@lru_cache(maxsize=65536)
def gbk2(ch: str) -> bytes | None:
    """The two GBK bytes of ``ch``, None for single-byte or unencodable characters."""
    try:
        b = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


@lru_cache(maxsize=65536)
def decodable(b: bytes) -> bool:
    """True when ``b`` decodes as GBK."""
    try:
        b.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class Option:
    """One way to read a token of a garbled run.

    ``kind``: ``bytes`` (what the bytes say when read in step), ``chosen`` (lost
    bytes restored), ``marker`` (a heading marker the numbering gives) or
    ``lost`` (``□``: nothing to read).
    """

    text: str
    kind: str


def decode(
    big: Bigrams, slots: Sequence[Sequence[Option]], prev: str, nxt: str
) -> list[tuple[Option, bool]]:
    """The most likely reading of a run, and for each token whether it is settled.

    Every combination of the tokens' options is a reading of the whole run; its
    likelihood is that of its character chain from ``prev`` to ``nxt``
    (:meth:`Bigrams.logp`; ``□`` breaks the chain). The best reading is found by
    dynamic programming (Viterbi), and a token's choice is **settled** when the
    best reading is at least :data:`MARGIN` times as likely as the best reading
    that reads this token otherwise, and a restored choice is tied to its
    neighbours or within itself by at least :data:`MIN_EVIDENCE` attested bigram.
    A restored choice next to a token in doubt is in doubt too: its evidence
    on that side is void.

    Args:
        big: the document's statistics.
        slots: the options of each token, in order.
        prev: the character before the run.
        nxt: the character after it.

    Returns:
        The chosen option and whether it is settled, per slot.
    """
    if not slots:
        return []

    def step(a: str, text: str) -> float:
        if text.startswith(LOST_MARK):
            return 0.0
        first = big.unigram_logp(text[0]) if a == LOST_MARK else big.logp(a, text[0])
        return first + sum(big.logp(x, y) for x, y in itertools.pairwise(text))

    def last(o: Option, before: str) -> str:
        return o.text[-1] if o.text else before

    n = len(slots)
    fwd: list[list[float]] = []
    back: list[list[int]] = []
    for t, options in enumerate(slots):
        row, ptr = [], []
        for o in options:
            if t == 0:
                row.append(step(prev, o.text))
                ptr.append(-1)
                continue
            scores = [
                fwd[t - 1][j] + step(last(p, prev), o.text) for j, p in enumerate(slots[t - 1])
            ]
            j = max(range(len(scores)), key=scores.__getitem__)
            row.append(scores[j])
            ptr.append(j)
        fwd.append(row)
        back.append(ptr)
    # Best completion from each option to the end (max-product backward pass).
    bwd: list[list[float]] = [[0.0] * len(o) for o in slots]
    for k, o in enumerate(slots[-1]):
        bwd[-1][k] = 0.0 if last(o, prev) == LOST_MARK else big.logp(last(o, prev), nxt)
    for t in range(n - 2, -1, -1):
        for k, o in enumerate(slots[t]):
            bwd[t][k] = max(
                step(last(o, prev), q.text) + bwd[t + 1][j] for j, q in enumerate(slots[t + 1])
            )
    best_end = max(range(len(slots[-1])), key=lambda k: fwd[-1][k] + bwd[-1][k])
    path = [best_end]
    for t in range(n - 1, 0, -1):
        path.append(back[t][path[-1]])
    path.reverse()
    out = []
    for t, k in enumerate(path):
        total = fwd[t][k] + bwd[t][k]
        chosen = slots[t][k]
        rival = max(
            (fwd[t][j] + bwd[t][j] for j, o in enumerate(slots[t]) if o.text != chosen.text),
            default=-math.inf,
        )
        settled = total - rival >= math.log(MARGIN)
        if settled and chosen.kind == "chosen":
            before = last(slots[t - 1][path[t - 1]], prev) if t else prev
            after = slots[t + 1][path[t + 1]].text[:1] if t + 1 < n else nxt
            chain = [before, *chosen.text, after]
            settled = sum(big(a, b) for a, b in itertools.pairwise(chain)) >= MIN_EVIDENCE
        out.append((chosen, settled))
    # A restored choice leans on its neighbours: when one is in doubt, so is it.
    changed = True
    while changed:
        changed = False
        for t in range(n):
            near = [out[u][1] for u in (t - 1, t + 1) if 0 <= u < n]
            if out[t][0].kind == "chosen" and out[t][1] and not all(near):
                out[t] = (out[t][0], False)
                changed = True
    return out


class Bigrams:
    """Character bigram counts of the document's clean text: the repair's only evidence."""

    def __init__(self, text: str) -> None:
        clean = canon(PINYIN.sub("", text))
        self.counts: Counter[tuple[str, str]] = Counter()
        for line in clean.split("\n"):
            padded = "\n" + line.strip() + "\n"
            self.counts.update(itertools.pairwise(padded))
        self.firsts: Counter[str] = Counter()
        self.followers: dict[str, set[str]] = {}
        self.leaders: dict[str, set[str]] = {}
        for (a, z), n in self.counts.items():
            self.firsts[a] += n
            self.followers.setdefault(a, set()).add(z)
            self.leaders.setdefault(z, set()).add(a)
        self.vocabulary = max(len(self.firsts), 1)
        self.total = sum(self.firsts.values())
        self.by_lead: dict[int, list[str]] = {}
        self.by_trail: dict[int, list[str]] = {}
        for ch in set(clean) | {"\u3000"}:
            b = gbk2(ch)
            if b is None:
                continue
            self.by_lead.setdefault(b[0], []).append(ch)
            self.by_trail.setdefault(b[1], []).append(ch)
        for chars in (*self.by_lead.values(), *self.by_trail.values()):
            chars.sort()  # deterministic tie-breaking
        #: How often each character is used (as the first of a bigram).
        self.uses = self.firsts

    def __call__(self, a: str, b: str) -> int:
        return self.counts[(_CANON.get(a, a), _CANON.get(b, b))]

    def logp(self, a: str, b: str) -> float:
        """log P(b | a): the bigram estimate interpolated with ``b``'s own frequency."""
        a, b = _CANON.get(a, a), _CANON.get(b, b)
        bigram = self.counts[(a, b)] / self.firsts[a] if self.firsts[a] else 0.0
        unigram = (self.firsts[b] + 1) / (self.total + self.vocabulary)
        return math.log(LAMBDA * bigram + (1 - LAMBDA) * unigram)

    def unigram_logp(self, b: str) -> float:
        """log P(b) from the character's own frequency."""
        b = _CANON.get(b, b)
        return math.log((self.firsts[b] + 1) / (self.total + self.vocabulary))

    def merges(self, lead: int, trail: int, prevs: set[str], nexts: set[str]) -> list[str]:
        """Characters one or two lost byte pairs may have merged into ``(lead, trail)``.

        A lost pair leaves the lead byte of the first character and the trail
        byte of the last; the bytes between them formed no GBK pair, or the
        capture would not have dropped them (an ASCII byte there would have
        re-synchronised the reader). Only readings with evidence are listed:
        two characters the document writes together, or writes after one of
        ``prevs`` and before one of ``nexts``; three characters it writes as a
        chain.
        """
        xs = set(self.by_lead.get(lead, []))
        ys = set(self.by_trail.get(trail, []))
        prevs = {_CANON.get(p, p) for p in prevs}
        nexts = {_CANON.get(o, o) for o in nexts}
        found: set[tuple[str, ...]] = set()
        for x in xs:
            for y in self.followers.get(x, set()) & ys:
                found.add((x, y))
            for m in self.followers.get(x, set()):
                if _dropped_between((x, m)):
                    found.update((x, m, y) for y in self.followers.get(m, set()) & ys)
        lefts = {x for p in prevs for x in self.followers.get(p, set())} & xs
        rights = {y for o in nexts for y in self.leaders.get(o, set())} & ys
        found.update((x, y) for x in lefts for y in rights)
        return sorted("".join(chars) for chars in found if _dropped_between(chars))


def _dropped_between(chars: Sequence[str]) -> bool:
    """True when each straddling pair between ``chars`` is one the capture dropped."""
    codes = [gbk2(c) for c in chars]
    for a, b in itertools.pairwise(codes):
        if a is None or b is None:
            return False
        middle = bytes([a[1], b[0]])
        if middle[0] < 0x81 or decodable(middle):
            return False
    return True
