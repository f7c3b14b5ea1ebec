"""Candidate phrases for the vocabulary, from plan text no measure tags.

A curator grows ``ontology/measures.ttl`` from what plans say. This module
lists what they say that the vocabulary does not catch yet: in every unit that
can commit to something (task, 专栏, goal, guarantee), the comma-clauses where no
label matched (a common word rejected for lack of IP context does not count as
a match) are cut into runs of Chinese characters, and every character n-gram of
:data:`MIN_LENGTH` to :data:`MAX_LENGTH` characters is counted with the plans
and units it occurs in. A phrase is kept when

* it occurs in at least ``min_plans`` plans (a phrase one plan uses may be its
  own idiom; one that recurs is a convention);
* it neither holds nor lies inside a label of the vocabulary (the concept is
  there already);
* it does not start with a verb of the plans' boilerplate (加强, 推进, 完善…)
  nor start or end with a function character (的, 和, 等…): measures are named
  by noun phrases;
* it is bounded by varied contexts on both sides (accessor variety, a
  standard test for Chinese terms without a dictionary: 化知识产权 always
  follows 强, so it is a fragment of 强化知识产权, not a term);
* no longer kept phrase holding it occurs in exactly the same units (the
  shorter one adds nothing).

Phrases ending in a head noun of the kind measures are named by (…中心,
…制度, …工程, …名录: :data:`HEAD_NOUNS`) come first; within each group they
are ranked by the number of plans, then units, then length, each with
its units as evidence, for the curator to read: a phrase may name a new
concept, be a new altLabel of an existing one, or be nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from policykg.model import LINKABLE_KINDS, Document
from policykg.ontology.tagger import Tagger
from policykg.text import clause_spans, to_simplified

MIN_LENGTH = 4
MAX_LENGTH = 8

#: Characters a concept name does not start or end with (function words, and 化,
#: the tail of 强化/优化/深化 that n-grams cut off).
FUNCTION_CHARS = frozenset("的和与及等在对为以并将把向从由或了着是按于其各之也而且就都所则化")
#: Verbs that open the plans' sentences (加强…, 推进…): a phrase starting with one
#: is a commitment's wording, not the name of what is committed to.
GENERIC_VERBS: tuple[str, ...] = (
    "加强",
    "推进",
    "推动",
    "完善",
    "建立",
    "健全",
    "提升",
    "提高",
    "支持",
    "开展",
    "加快",
    "深化",
    "强化",
    "促进",
    "实施",
    "鼓励",
    "引导",
    "探索",
    "落实",
    "积极",
    "全面",
    "进一步",
    "着力",
    "大力",
    "不断",
    "加大",
    "优化",
    "培育",
    "组织",
    "围绕",
    "依托",
    "发挥",
    "打造",
    "构建",
    "形成",
    "做好",
    "坚持",
)
#: Head nouns that close the name of a measure: plans commit to institutions,
#: instruments and programmes (…中心, …制度, …工程, …名录), named modifier first.
HEAD_NOUNS: tuple[str, ...] = (
    "中心",
    "平台",
    "机制",
    "制度",
    "体系",
    "工程",
    "计划",
    "行动",
    "基地",
    "园区",
    "站",
    "点",
    "库",
    "名录",
    "清单",
    "指引",
    "标准",
    "试点",
    "示范",
    "联盟",
    "基金",
    "保险",
    "产品",
    "服务",
    "认证",
    "登记",
    "评价",
    "评估",
    "监测",
    "调查",
    "办法",
    "政策",
    "规则",
    "协议",
    "窗口",
    "专员",
    "人才",
    "学院",
    "课程",
    "活动",
    "模式",
    "市场",
    "交易",
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


class Evidence(BaseModel):
    """One untagged clause a phrase occurs in."""

    plan: str
    unit_id: str
    heading: str
    clause: str


class Suggestion(BaseModel):
    """A candidate phrase with where it occurs."""

    phrase: str
    plans: list[str]
    units: list[Evidence]


@dataclass
class _Support:
    plans: set[str] = field(default_factory=set)
    units: dict[str, Evidence] = field(default_factory=dict)  # unit id -> first clause
    left: set[str] = field(default_factory=set)  # characters seen before the phrase
    right: set[str] = field(default_factory=set)  # characters seen after it

    def variety(self) -> int:
        """Accessor variety: how many different contexts bound the phrase on its poorer side."""
        return min(len(self.left), len(self.right))


def untagged_clauses(doc: Document, tagger: Tagger) -> Iterable[tuple[str, str, str]]:
    """``(unit_id, heading, clause)`` of every clause of a committing unit that no label tags."""
    for unit in doc.units:
        if unit.kind not in LINKABLE_KINDS:
            continue
        for source in (unit.heading, unit.text):
            simple = to_simplified(source)
            for a, b in clause_spans(simple):
                clause = simple[a:b].strip()
                if not clause:
                    continue
                if Tagger.refusal(clause) == "agency":
                    continue  # who is responsible, not what is committed to
                if any(m.reason != "no_context" for m in tagger.tag_text(clause)):
                    continue
                yield unit.id, unit.heading, clause


def _admissible(phrase: str) -> bool:
    if phrase[0] in FUNCTION_CHARS or phrase[-1] in FUNCTION_CHARS:
        return False
    return not phrase.startswith(GENERIC_VERBS)


def suggest(
    documents: Iterable[Document],
    tagger: Tagger,
    *,
    min_plans: int = 2,
    min_variety: int = 2,
    limit: int = 30,
) -> list[Suggestion]:
    """Recurring phrases of untagged text, ranked (see the module docstring).

    Args:
        documents: loaded plans (tagged or not: the tagger is run on each clause).
        tagger: the tagger over the vocabulary to grow.
        min_plans: keep phrases found in at least this many plans.
        min_variety: keep phrases with at least this many different characters
            (or clause edges) on each side: a phrase always preceded by the same
            character (化知识产权, the tail of 强化) is a fragment, not a term.
        limit: return at most this many suggestions.
    """
    labels = sorted(
        {to_simplified(x) for m in tagger.ontology.measures for x in m.labels_zh}, key=len
    )
    support: dict[str, _Support] = {}
    edges = 0  # each run boundary is a context of its own
    for doc in documents:
        plan = doc.jurisdiction.id
        for unit_id, heading, clause in untagged_clauses(doc, tagger):
            evidence = Evidence(plan=plan, unit_id=unit_id, heading=heading, clause=clause)
            for run in _CJK_RUN.findall(clause):
                for n in range(MIN_LENGTH, min(MAX_LENGTH, len(run)) + 1):
                    for i in range(len(run) - n + 1):
                        s = support.setdefault(run[i : i + n], _Support())
                        s.plans.add(plan)
                        s.units.setdefault(f"{plan}\x1f{unit_id}", evidence)
                        edges += 1
                        s.left.add(run[i - 1] if i else f"\x00{edges}")
                        s.right.add(run[i + n] if i + n < len(run) else f"\x00{edges}")
    frequent = {
        p: s
        for p, s in support.items()
        if len(s.plans) >= min_plans
        and s.variety() >= min_variety
        and _admissible(p)
        and not any(label in p or p in label for label in labels)
    }
    kept: list[str] = []
    for phrase in sorted(frequent, key=len, reverse=True):
        units = set(frequent[phrase].units)
        if any(phrase in longer and set(frequent[longer].units) == units for longer in kept):
            continue
        kept.append(phrase)
    kept.sort(
        key=lambda p: (
            not p.endswith(HEAD_NOUNS),
            -len(frequent[p].plans),
            -len(frequent[p].units),
            -len(p),
            p,
        )
    )
    return [
        Suggestion(
            phrase=p,
            plans=sorted(frequent[p].plans),
            units=list(frequent[p].units.values()),
        )
        for p in kept[:limit]
    ]
