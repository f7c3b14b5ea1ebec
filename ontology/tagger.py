"""Find the ontology's measures in plan text and decide which are adopted.

Matching: one Aho-Corasick automaton (pyahocorasick) over every Chinese label of
every measure (prefLabel and altLabels), built once per :class:`Tagger`. Text is
converted to simplified script first, so the traditional Chongqing plan matches
the same labels.

Overlaps: a match whose span lies strictly inside a longer match is dropped
(知识产权质押融资风险补偿 is one risk-sharing match, not also a bare 风险补偿 or
质押融资); matches that only partly overlap are both kept, because Chinese
compounds run into each other (…知识产权服务业集聚区…). A span can still stand
for two measures: the ontology says so with ``pkg:implies`` (a pledge-loan risk
fund is pledge financing), and the implied measure gets a tag with the same
evidence.

Coordination: plans distribute one head over a list (数据、开源、算法…知识产权保护规则
means 数据知识产权保护规则 among others). For a list joined by 、 right before
知识产权, each item is also matched with the shared head glued on; only labels
that cross the junction count, so nothing already matched inside an item is
found twice.

Adoption: a tag is an adoption unless the wording or its place says otherwise:
 * the unit is ``background`` (发展基础, reviews of the past): reason "background";
 * the unit is ``other`` (指导思想, 基本原则, notice text): these state orientation,
   not commitments, so a measure named there is a mention: reason "preamble";
 * the comma-clause holding the match says 取消/废止/废除/停止/不再/撤销 before it
   (全面取消专利申请资助): reason "abolition".
Responsible-unit lists never reach the tagger: loaders move them to
``Unit.agencies`` and the tagger reads only ``Unit.heading`` and ``Unit.text``.
A sentence that names an existing body as the actor (依托…保护中心开展…) is still an
adoption: relying on the body is a commitment to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick
from pydantic import BaseModel, ConfigDict

from policykg.model import Document, MeasureTag, Unit
from policykg.ontology.vocab import Ontology
from policykg.text import clause_spans, sentence_spans, to_simplified

#: Unit kinds whose mentions are not commitments, with the reason recorded.
NON_ADOPTING_KINDS: dict[str, str] = {"background": "background", "other": "preamble"}

#: Common words that contain a label by accident: 加强区域 holds 强区 (a strong-IP
#: district), 加强县域 holds 强县. They enter the automaton with no measure, so
#: the label inside them is dropped like any label inside a longer match.
DECOYS: tuple[str, ...] = ("加强区", "加强县")

#: Words that, before a measure in the same comma-clause, mean it is abolished.
ABOLITION_WORDS: tuple[str, ...] = ("取消", "废止", "废除", "停止", "不再", "撤销")

# A list of short items joined by 、 whose last item runs straight into 知识产权
# (optionally through 等): the shared head the items distribute over. Items are
# runs of CJK/Latin/digits; the last one may not hold 等 or a preposition, so
# "区块链等技术在知识产权保护中" is not read as a list over 知识产权.
_COORDINATION = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z0-9]{1,8}、)+)[^、，,。；;：:\s等在对的中和与及]{1,8}?等?(知识产权)"
)
_HEAD_WINDOW = 12  # characters of the shared head glued onto each item


class Match(BaseModel):
    """One measure found in a string."""

    model_config = ConfigDict(frozen=True)

    measure_id: str
    label: str
    evidence: str
    start: int
    end: int
    sentence: str
    abolished: bool = False
    implied_by: str | None = None


@dataclass(frozen=True)
class LabelHit:
    """One occurrence of a label in simplified text, before any overlap resolution.

    ``measure_ids`` is empty for a decoy (a common word that holds a label).
    """

    start: int
    end: int  # exclusive
    label: str
    measure_ids: tuple[str, ...]


def _last_at_or_before(starts: list[int], pos: int) -> int:
    """Index of the last start <= pos (binary search: texts can be long)."""
    return bisect.bisect_right(starts, pos) - 1


class Tagger:
    """Tags units and strings with the measures of one ontology."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology
        owners: dict[str, list[str]] = {}
        for m in ontology.measures:
            for label in m.labels_zh:
                key = to_simplified(label)
                if m.id not in owners.setdefault(key, []):
                    owners[key].append(m.id)
        self._automaton = ahocorasick.Automaton()
        for decoy in DECOYS:
            self._automaton.add_word(decoy, (decoy, ()))
        for label, ids in owners.items():
            self._automaton.add_word(label, (label, tuple(ids)))
        self._automaton.make_automaton()
        self._implies = {m.id: m.implies for m in ontology.measures}

    # -- matching --------------------------------------------------------

    def match_labels(self, text: str) -> list[LabelHit]:
        """The matching step alone: every label occurrence, in one automaton pass.

        No overlap resolution, coordination, sentence or adoption work; what
        :meth:`tag_text` starts from, and what the benchmarks compare with a
        naive search.

        Args:
            text: plan text in either script.

        Returns:
            The hits in the order the automaton reports them (by end offset);
            offsets refer to the text converted to simplified script.
        """
        return self._scan(to_simplified(text))

    def _scan(self, simple: str) -> list[LabelHit]:
        hits = []
        for end, (label, ids) in self._automaton.iter(simple):
            hits.append(LabelHit(end - len(label) + 1, end + 1, label, ids))
        return hits

    @staticmethod
    def _maximal(hits: list[LabelHit]) -> list[LabelHit]:
        """Drop hits strictly inside a longer hit; merge overlapping hits of one measure.

        Partial overlaps between different measures are kept (both are named);
        two labels of the same measure that overlap (奖励资助 + 资助政策) are one
        mention, spanning both.
        """
        # Sort and sweep rather than compare all pairs: a single long section can
        # hold thousands of hits. Sorted by (start, -end), a hit lies strictly
        # inside a longer one exactly when some earlier hit with another span
        # reaches at least as far.
        ordered = sorted(hits, key=lambda h: (h.start, -h.end))
        kept: list[LabelHit] = []
        reach = -1
        i = 0
        while i < len(ordered):
            span = (ordered[i].start, ordered[i].end)
            j = i
            while j < len(ordered) and (ordered[j].start, ordered[j].end) == span:
                j += 1
            if reach < span[1]:
                kept.extend(ordered[i:j])
            reach = max(reach, span[1])
            i = j
        # Overlapping hits of one measure become one; merged hits of a measure are
        # disjoint and ordered, so only its latest one can overlap the next hit.
        merged: list[LabelHit] = []
        latest: dict[tuple[str, ...], int] = {}
        for h in kept:
            k = latest.get(h.measure_ids)
            if k is not None and h.start < merged[k].end:
                if h.end > merged[k].end:
                    prev = merged[k]
                    merged[k] = LabelHit(prev.start, h.end, prev.label, prev.measure_ids)
            else:
                latest[h.measure_ids] = len(merged)
                merged.append(h)
        return merged

    def _coordination_hits(self, text: str, found: list[LabelHit]) -> list[LabelHit]:
        extra: list[LabelHit] = []
        for m in _COORDINATION.finditer(text):
            head_start = m.start(2)
            head = text[head_start : head_start + _HEAD_WINDOW]
            pos = m.start(1)
            for item in m.group(1).split("、")[:-1]:
                virtual = item + head
                for end, (label, ids) in self._automaton.iter(virtual):
                    start = end - len(label) + 1
                    if not (start < len(item) <= end):
                        continue  # lies wholly in the item or the head: found already
                    o_start, o_end = pos + start, head_start + end + 1 - len(item)
                    new_ids = tuple(
                        i
                        for i in ids
                        if not any(
                            i in f.measure_ids and f.start < o_end and o_start < f.end
                            for f in found + extra
                        )
                    )
                    if new_ids:
                        extra.append(LabelHit(o_start, o_end, label, new_ids))
                pos += len(item) + 1
        return extra

    def tag_text(self, text: str) -> list[Match]:
        """Find the measures named in one string.

        Args:
            text: plan text in either script.

        Returns:
            The matches in text order; offsets and evidence refer to the text
            converted to simplified script. Implied measures follow the match
            that implies them, with ``implied_by`` set.
        """
        simple = to_simplified(text)
        hits = [h for h in self._maximal(self._scan(simple)) if h.measure_ids]
        hits += self._coordination_hits(simple, hits)
        if not hits:
            return []
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        sentences = sentence_spans(simple)
        sentence_starts = [a for a, _ in sentences]
        clause_starts = [a for a, _ in clause_spans(simple)]
        matches: list[Match] = []
        for h in hits:
            k = _last_at_or_before(sentence_starts, h.start)
            s_start, s_end = (
                sentences[k] if k >= 0 and h.start < sentences[k][1] else (0, len(simple))
            )
            c_start = clause_starts[_last_at_or_before(clause_starts, h.start)]
            abolished = any(w in simple[c_start : h.start] for w in ABOLITION_WORDS)
            evidence = simple[h.start : h.end]
            sentence = simple[s_start:s_end].strip()
            for mid in h.measure_ids:
                base = Match(
                    measure_id=mid,
                    label=h.label,
                    evidence=evidence,
                    start=h.start,
                    end=h.end,
                    sentence=sentence,
                    abolished=abolished,
                )
                matches.append(base)
                for implied in self._implied(mid):
                    matches.append(
                        base.model_copy(update={"measure_id": implied, "implied_by": mid})
                    )
        return matches

    def _implied(self, measure_id: str) -> Iterator[str]:
        seen = {measure_id}
        stack = list(self._implies.get(measure_id, []))
        while stack:
            mid = stack.pop()
            if mid not in seen:
                seen.add(mid)
                yield mid
                stack.extend(self._implies.get(mid, []))

    # -- units and documents --------------------------------------------

    def tag_unit(self, unit: Unit) -> list[MeasureTag]:
        """Tags for one unit, from its heading and its text (never its agencies).

        A unit gets at most one tag per measure and reason: the first adopting
        occurrence, and the first occurrence of each non-adopting reason, so a
        unit that abolishes one subsidy while reforming the rest keeps both.
        """
        kind_reason = NON_ADOPTING_KINDS.get(unit.kind)
        tags: dict[tuple[str, str], MeasureTag] = {}
        for source in (unit.heading, unit.text):
            for match in self.tag_text(source):
                if kind_reason is not None:
                    adoption, reason = False, kind_reason
                elif match.abolished:
                    adoption, reason = False, "abolition"
                else:
                    adoption, reason = True, "adoption"
                tags.setdefault(
                    (match.measure_id, reason),
                    MeasureTag(
                        measure_id=match.measure_id,
                        evidence=match.evidence,
                        sentence=match.sentence,
                        adoption=adoption,
                        reason=reason,
                    ),
                )
        return list(tags.values())

    def tag_document(self, doc: Document) -> None:
        """Fill ``Unit.measures`` of every unit of the document, in place."""
        for unit in doc.units:
            unit.measures = self.tag_unit(unit)


def adoptions(doc: Document) -> dict[str, list[tuple[str, str, str]]]:
    """The measures a tagged document adopts, with where and how.

    A jurisdiction adopts a measure when at least one of its units carries an
    adopting tag of it.

    Returns:
        ``{measure_id: [(unit_id, evidence, sentence), ...]}`` in document order.
    """
    result: dict[str, list[tuple[str, str, str]]] = {}
    for unit in doc.units:
        for tag in unit.measures:
            if tag.adoption:
                result.setdefault(tag.measure_id, []).append((unit.id, tag.evidence, tag.sentence))
    return result
