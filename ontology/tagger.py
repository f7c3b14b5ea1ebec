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

Decoys: a common compound that holds a label and names something else (医疗保险,
农业保险 hold 保险) is declared ``pkg:decoyLabel``; it is matched like a label, so
the label inside it is dropped as a shorter overlap, a split label does not
read through it, and it tags nothing.

Context: a label that is a common word outside IP (保险, 仲裁, 海关, 区块链, place
names such as 成渝 or 东盟) is declared ``pkg:contextLabel`` in the ontology and
counts only when its sentence also holds an IP cue of the scheme
(知识产权, 专利, 商标…) or one of the measure's own ``pkg:contextCue`` words
(存证 beside 区块链); a bare two-character word (保险, 调解) needs the IP cue in its own
comma-clause (see :meth:`Tagger._in_context`). Without one the match is another
sense of the word, not a mention of the measure: :meth:`Tagger.tag_text` returns it with reason
"no_context" and :meth:`Tagger.tag_unit` drops it.

Adoption: a tag is an adoption unless the wording or its place says otherwise:
 * the unit is ``background`` (发展基础, reviews of the past): reason "background";
 * the unit is ``other`` (指导思想, 基本原则, notice text): these state orientation,
   not commitments, so a measure named there is a mention: reason "preamble";
 * the comma-clause holding the match ends or refuses the measure:
   取消/废止/废除/停止/撤销/不再 anywhere in it (全面取消专利申请资助,
   …的企业不再给予奖励), or in the main clause after a condition that names
   what is refused (对通过认证的企业，不再给予认证费用补助): reason "abolition";
   暂不/暂缓/暂停, waiting for a condition (待条件成熟后再行启动, 视条件成熟时),
   or leaving it to a later text (保费补贴办法另行制定): reason "deferral";
   不予/不新设/不设立/不列入/不纳入/不适用: reason "negation";
 * the comma-clause only assigns responsibility (由市商务局、海关等部门按职责分工负责,
   市知识产权局牵头, 责任单位：…, …统一由省级分中心承担), bracketed or not: reason "agency";
 * the measure is named in an exception (除涉及国家秘密、商业秘密的外，应当公示):
   reason "exception".
Responsible-unit lists the loaders recognise never reach the tagger: they move
them to ``Unit.agencies`` and the tagger reads only ``Unit.heading`` and
``Unit.text``; the "agency" rule catches the ones left in the text.
A sentence that names an existing body as the actor (依托…保护中心开展…) is still an
adoption: relying on the body is a commitment to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field

from policykg.model import Document, MeasureTag, Unit
from policykg.ontology.vocab import Ontology
from policykg.text import clause_spans, sentence_spans, to_simplified

#: Unit kinds whose mentions are not commitments, with the reason recorded.
NON_ADOPTING_KINDS: dict[str, str] = {"background": "background", "other": "preamble"}

#: Words that, anywhere in a measure's comma-clause, keep it from being adopted,
#: with the reason recorded. Checked in this order; the first reason found wins.
#: Only whole words: a bare 不 would catch 不断 (continually) and 不低于.
REFUSAL_WORDS: dict[str, tuple[str, ...]] = {
    "abolition": ("取消", "废止", "废除", "停止", "撤销", "不再"),
    "deferral": ("暂不", "暂缓", "暂停"),
    "negation": ("不予", "不新设", "不设立", "不列入", "不纳入", "不适用"),
}

# A comma-clause that only names who is responsible, in one of two forms:
#  * an optional lead-in (由…, 责任单位：…), agencies ending in an agency word
#    (…局, …海关, …部门, …人民政府) and the verb that assigns the work
#    (牵头, 负责, 配合, 参与, 按职责分工负责). The agency word before the verb is
#    what tells 市商务局配合 from 加强协作配合;
#  * nothing but agency names joined by 、 (a 分工表 cell left in the text:
#    各县（市、区）人民政府、市知识产权保护中心), each starting with a level
#    (市, 区, 县, 各…) and ending in an agency word.
_AGENCY_SUFFIX = (
    r"(?:局|委|办|厅|部|院|署|会|关|行|所|站|队|中心|政府|部门|单位|机构|公司|集团|大学|各方)"
)
_AGENCY_CLAUSE = re.compile(
    r"^[（(【\[]?\s*(?:"
    r"(?:责任|牵头|配合|参与|协办)单位[:：].*"
    r"|由?.*?" + _AGENCY_SUFFIX + r"[)）]?(?:等(?:部门|单位))?"
    r"(?:(?:按职责分工|按照职责分工|按职责|按照职责|分别|共同)(?:负责|落实|实施)"
    r"|牵头|负责|配合|参与|承担)"
    r")[)）】\]]?[，,。；;]?\s*$"
)
_AGENCY_NAME = re.compile(
    r"(?:市|区|县|省|州|盟|旗|镇|乡|街道|各|自治区)[^，,。；;：:]*?" + _AGENCY_SUFFIX
)
_ITEM_SEPARATOR = re.compile(r"、(?![^（(]*[)）])")  # 、 outside brackets

# A clause that leaves what it names to a later text (保证保险的保费补贴办法另行制定,
# 示范区创建工作视条件成熟时再行启动) defers it. Only in the measure's own clause:
# 对…给予支持，具体办法另行制定 commits to the support and defers its rules.
_LATER = ("另行制定", "另行规定", "另行出台", "另行部署", "再行启动", "再行部署")

# A clause that refuses without an object (…职能并入保护中心，不再单独设立;
# …由省级统筹支持，本措施不再重复安排) refers back to what the clause before it
# names. A refusal with its own object (暂不设立分中心) does not.
_OBJECTLESS_REFUSAL = re.compile(
    r"^[^，,。；;]{0,6}?(不再|暂不|暂缓|停止|取消)(?:单独|另行|重复|继续)?"
    r"(?:设立|设置|保留|运行|安排|实施|执行|支持|资助|奖励|给予|部署|开展|推进|建设|列入|纳入)?"
    r"[，,。；;]?\s*$"
)

# A condition or topic that names who or what support is for (对通过认证的企业，…,
# 以数据知识产权作为质押物的贷款，…, 获得省专利奖的，…): the main clause after it
# says what is done for them, so a refusal there (不再给予认证费用补助, 暂不纳入
# 风险补偿范围, 不适用本办法) refuses what the condition names.
_CONDITION = re.compile(r"^(?:对|以|凡|属于)?[^，,。；;]{2,60}的[^，,。；;的]{0,8}[，,]?$")

# A clause that frames the main clause after it rather than stating its own
# verb-object: a means or basis (依托/依靠/通过/借助/利用/围绕/按照/结合…), or a time
# or occasion (…时, …期间, …过程中). For a bare word its phrase runs on into the
# next clause: 办理海关相关业务时，对知识产权领域失信主体…实施严密监管.
_FRAMING = re.compile(
    r"^(?:依托|依靠|通过|借助|利用|围绕|按照|结合|立足|针对|对照)"
    r"|(?:时|期间|过程中|之际)[，,]?$"
)

# Waiting for a condition (待条件成熟后再行启动, 待省局统一部署后推进, 视条件成熟时
# 再行启动) defers the measure: 待…后 or 视…时 in the clause. Not 待 of 待遇, 期待,
# 对待, 接待, nor 视 of 重视, 视频.
_WAIT_UNTIL = re.compile(
    r"(?<![期对接招款看优等])待(?!遇)[^，,。；;]{1,15}?后"
    # 视条件成熟时再行启动, 视情况而定, 条件成熟后
    r"|视(?:条件|情况|需要|进展)[^，,。；;]{0,10}?(?:时|后|而定)|(?:条件|时机)成熟(?:时|后)"
)

# A label quoted as a word (使用“驰名商标”字样: the characters printed on goods)
# names the wording, not the measure.
_QUOTED_WORD = re.compile(r"^[”’」』\"']?(?:字样|字眼)")

# An exception carved out of what the clause does (除涉及国家秘密、商业秘密的外，应当公示):
# what it names is left out, not committed to. Not 除…外 followed by 还/也/并
# (除给予资助外，还…: besides), which adds to it.
_EXCEPTION = re.compile(
    r"除(?:涉及|属于|依法|法律)?[^，,。；;除]{1,40}?(?:的|以)?外(?![，,]?[^，,。；;]{0,3}[还也并另])"
)

# A list of short items joined by 、 whose last item runs straight into 知识产权
# (optionally through 等): the shared head the items distribute over. Items are
# runs of CJK/Latin/digits; the last one may not hold 等 or a preposition, so
# "区块链等技术在知识产权保护中" is not read as a list over 知识产权.
_COORDINATION = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z0-9]{1,8}、)+)[^、，,。；;：:\s等在对的中和与及]{1,8}?等?(知识产权)"
)
_HEAD_WINDOW = 12

#: The longest gap a plan leaves between the two parts of a split label (纳入…考核):
#: an object such as 各区县高质量发展综合绩效 fits, a second clause does not (the gap
#: never crosses clause punctuation either).
SPLIT_GAP = 20
SPLIT_MARK = "…"

#: Context labels this short are bare everyday words (保险, 仲裁, 调解, 预算): their IP
#: cue must stand in their own comma-clause, not only elsewhere in the sentence.
BARE_WORD_MAX = 2


class Match(BaseModel):
    """One measure found in a string."""

    model_config = ConfigDict(frozen=True)

    measure_id: str
    label: str
    evidence: str
    start: int
    end: int
    sentence: str
    reason: str | None = Field(
        default=None,
        description="why the wording does not adopt the measure (no_context, agency, "
        "abolition, deferral, negation); None when nothing in it stands in the way",
    )
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
        # Decoys: compounds that hold a label and name something else (医疗保险).
        # They match like labels, so the longest match swallows the label inside,
        # and carry no measure, so nothing is tagged for them.
        for m in ontology.measures:
            for decoy in m.decoy_labels:
                owners.setdefault(to_simplified(decoy), [])
        self._automaton = ahocorasick.Automaton()
        for label, ids in owners.items():
            self._automaton.add_word(label, (label, tuple(ids)))
        self._automaton.make_automaton()
        self._implies = {m.id: m.implies for m in ontology.measures}
        # the (label, measure id) pairs whose label needs context, and each measure's cues
        self._context = {
            (to_simplified(label), m.id) for m in ontology.measures for label in m.context_labels
        }
        self._topic = {
            (to_simplified(label), m.id) for m in ontology.measures for label in m.topic_labels
        }
        self._cues = {
            m.id: tuple(to_simplified(c) for c in m.context_cues) for m in ontology.measures
        }
        self._ip_cues = tuple(to_simplified(c) for c in ontology.ip_cues)
        # Split labels: the verb and its object as plans write them apart. They
        # are generic constructions (纳入…考核 is any performance review), so they
        # count under the rule of a context label.
        self._split: list[tuple[re.Pattern[str], str, str]] = []
        for m in ontology.measures:
            for label in m.split_labels:
                key = to_simplified(label)
                head, tail = key.split(SPLIT_MARK)
                gap = rf"[^，,。；;：:！!？?\n]{{0,{SPLIT_GAP}}}?"
                self._split.append((re.compile(re.escape(head) + gap + re.escape(tail)), key, m.id))
                self._context.add((key, m.id))

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

    def _split_hits(self, simple: str) -> list[LabelHit]:
        """Hits of the split labels: both parts in order, a short gap, one clause.

        Chinese policy prose puts the object between a verb and its complement
        (将知识产权工作纳入各区县高质量发展综合绩效考核; 对本方案实施情况进行评估), so the
        phrase that names the measure is never contiguous. A split label
        ``纳入…考核`` matches its head, at most :data:`SPLIT_GAP` characters that
        are not clause punctuation, then its tail; the evidence is the whole span.
        """
        hits = []
        for pattern, label, mid in self._split:
            for m in pattern.finditer(simple):
                hits.append(LabelHit(m.start(), m.end(), label, (mid,)))
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

    def tag_text(self, text: str, context: str = "", frame: str = "") -> list[Match]:
        """Find the measures named in one string.

        Args:
            text: plan text in either script.
            context: more text whose IP cues give context to every context label
                of ``text`` (a unit's body, for the words of its heading).
            frame: the headings the text sits under; their IP cues give context
                to the compound context labels of ``text``, not to bare words
                (see :meth:`_in_context`).

        Returns:
            The matches in text order; offsets and evidence refer to the text
            converted to simplified script. Implied measures follow the match
            that implies them, with ``implied_by`` set.
        """
        simple = to_simplified(text)
        scanned = self._maximal(self._scan(simple))
        hits = [h for h in scanned if h.measure_ids]
        decoys = [h for h in scanned if not h.measure_ids]
        hits += self._coordination_hits(simple, hits)
        # a split label never reads through a decoy (给予…奖励 in 给予表彰奖励)
        hits += [
            h
            for h in self._split_hits(simple)
            if not any(d.start < h.end and h.start < d.end for d in decoys)
        ]
        if not hits:
            return []
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        outer_ip = self._has_ip_cue(to_simplified(context)) if context else False
        framed = self._has_ip_cue(to_simplified(frame)) if frame else False
        sentences = sentence_spans(simple)
        sentence_starts = [a for a, _ in sentences]
        clauses = clause_spans(simple)
        clause_starts = [a for a, _ in clauses]
        matches: list[Match] = []
        for h in hits:
            k = _last_at_or_before(sentence_starts, h.start)
            s_start, s_end = (
                sentences[k] if k >= 0 and h.start < sentences[k][1] else (0, len(simple))
            )
            sentence = simple[s_start:s_end]
            first = _last_at_or_before(clause_starts, h.start)
            last = max(first, _last_at_or_before(clause_starts, h.end - 1))
            clause = simple[clauses[first][0] : clauses[last][1]]
            refusal = self.refusal(clause)
            if refusal is None and last + 1 < len(clauses) and clauses[last][1] < s_end:
                following = simple[clauses[last + 1][0] : clauses[last + 1][1]]
                back = _OBJECTLESS_REFUSAL.match(following.strip())
                if back:
                    refusal = self.refusal(back.group(1))
                elif _CONDITION.match(clause.strip()):
                    refusal = self.refusal(following)
                    refusal = None if refusal == "agency" else refusal
            if refusal is None and any(w in clause for w in _LATER):
                refusal = "deferral"
            if refusal is None and _QUOTED_WORD.match(simple[h.end : h.end + 3]):
                refusal = "wording"
            if refusal is None and any(
                e.start() <= h.start and h.end <= e.end()
                for e in _EXCEPTION.finditer(simple, s_start, s_end)
            ):
                refusal = "exception"
            # A framing clause (依托…, 办理…时) belongs to the main clause after it.
            phrase = clause
            framing = _FRAMING.search(clause.strip()) and last + 1 < len(clauses)
            if framing and clauses[last][1] < s_end:
                phrase = simple[clauses[first][0] : clauses[last + 1][1]]
            evidence = simple[h.start : h.end]
            for mid in h.measure_ids:
                reason = refusal
                if not self._in_context(h.label, mid, sentence, phrase, outer_ip, framed):
                    reason = "no_context"
                base = Match(
                    measure_id=mid,
                    label=h.label,
                    evidence=evidence,
                    start=h.start,
                    end=h.end,
                    sentence=sentence.strip(),
                    reason=reason,
                )
                matches.append(base)
                for implied in self._implied(mid):
                    matches.append(
                        base.model_copy(update={"measure_id": implied, "implied_by": mid})
                    )
        return matches

    def _in_context(
        self,
        label: str,
        measure_id: str,
        sentence: str,
        clause: str,
        outer_ip: bool,
        framed: bool = False,
    ) -> bool:
        """Whether a label has the context its rule asks for (always, for plain labels).

        The window for an IP cue is the sentence, except for a bare word
        (:data:`BARE_WORD_MAX` characters or fewer: 保险, 调解, 预算, 导航), whose window is
        its own comma-clause. Chinese policy sentences name the IP subject once,
        in a leading clause, and elaborate in the clauses after it
        (扩大知识产权质押融资规模，完善市级风险补偿机制): a compound label such as
        风险补偿 or 惩罚性赔偿 is already narrowed by its own words, so the sentence's
        subject settles it. A bare word is not: in 完善知识产权保护体系，落实医疗保险 the
        second clause starts another verb-object with its own subject matter, and
        only the words of its own clause can make 保险 an IP product. A clause
        that only frames the next one (依托宁波舟山港海关贸易阵地，…打击跨境侵犯知识产权
        违法犯罪; 办理海关相关业务时，对知识产权…) is read with it. A measure's
        own cues (存证 beside 区块链) count anywhere in the sentence.
        """
        key = (label, measure_id)
        if key in self._topic:
            return any(c in sentence for c in self._cues[measure_id])
        if key in self._context:
            bare = len(label) <= BARE_WORD_MAX
            window = clause if bare else sentence
            return (
                outer_ip
                or (framed and not bare)
                or self._has_ip_cue(window)
                or any(c in sentence for c in self._cues[measure_id])
            )
        return True

    def _has_ip_cue(self, text: str) -> bool:
        return any(c in text for c in self._ip_cues)

    @staticmethod
    def refusal(clause: str) -> str | None:
        """Why a comma-clause adopts nothing it names, or None.

        Returns:
            "agency" (it only assigns responsibility), "abolition", "deferral"
            or "negation" (a refusal word in it), or None.
        """
        stripped = clause.strip()
        if _AGENCY_CLAUSE.match(stripped):
            return "agency"
        names = _ITEM_SEPARATOR.split(stripped.strip("（(【[)）】]，,。；;：: "))
        if all(_AGENCY_NAME.fullmatch(n.strip()) for n in names):
            return "agency"
        for why, words in REFUSAL_WORDS.items():
            if any(w in clause for w in words):
                return why
        if _WAIT_UNTIL.search(clause):
            return "deferral"
        return None

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

    def tag_unit(self, unit: Unit, title: str | None = None) -> list[MeasureTag]:
        """Tags for one unit, from its heading and its text (never its agencies).

        The headings above the unit (``Unit.path``) and the plan's ``title``
        frame its text: their IP cue gives context to its compound context
        labels, never to its bare words. A plan names its subject once, in its
        title, as a chapter names it once in its heading (成立…工作领导小组 in an
        IP plan's 保障措施 is its IP leading group; 健全行政执法与刑事司法衔接机制 in
        the 协同保护 section of an IP protection plan is the IP linkage).

        A unit gets at most one tag per measure and reason: the first adopting
        occurrence, and the first occurrence of each non-adopting reason, so a
        unit that abolishes one subsidy while reforming the rest keeps both.
        Matches without the context their label needs are not tags at all.
        """
        kind_reason = NON_ADOPTING_KINDS.get(unit.kind)
        tags: dict[tuple[str, str], MeasureTag] = {}
        frame = " ".join([*unit.path, title or ""])
        for source, context in ((unit.heading, unit.text), (unit.text, "")):
            for match in self.tag_text(source, context, frame):
                if match.reason == "no_context":
                    continue  # another sense of a common word, not a mention
                if kind_reason is not None:
                    adoption, reason = False, kind_reason
                elif match.reason is not None:
                    adoption, reason = False, match.reason
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
            unit.measures = self.tag_unit(unit, doc.title)


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
