"""Give each heading node a unit kind, from what its heading and its sections' mean.

The heading words are a vocabulary (``heading_kinds.yaml`` beside this module:
发展基础, 现状与问题, 机遇与挑战, 主要目标, 2035年远景目标, 保障措施, 有关要求,
工作要求, 附则, 指导思想, 名词解释, 起草说明, …). Rules, checked on the node
itself and then on each enclosing section (a chapter, 节, ``一、`` or ``（一）``;
an item's own title is not a section name: ``深化知识产权人才保障机制改革`` is a
task, not a guarantee), the first match winning:

Sections are chapters, 节, ``一、``, articles (``第五条``), ``（一）`` and the
chapters and sections of a decimal outline (``1.`` and ``1.1`` above ``1.1.1``).

A **change** of an amendment notice (``一、将第三条修改为：“…”``) is judged as
the article it writes: by the first sentence of its quoted wording, against
the ``articles`` words (a deletion, writing nothing, by its section).

An **article** of a 办法 or 若干措施 is judged first by its own words: its title
(``第五条　资金管理。``) or, for an untitled article, its first sentence, read
against the ``articles`` words of ``heading_kinds.yaml`` (the standard clauses
of a normative document: purpose and definitions are ``other``, ``到2027年，…``
is the goal article, 职责分工, 专户管理, 不重复补偿, review, publication,
interpretation and entry into force are ``guarantee``); an article they do not
name takes its chapter's kind.

* ``column``: a ``专栏`` box and the items it lists.
* ``other``: the notice that issues the plan, the preamble, an explanatory
  part (起草说明, 政策解读, 名词解释) and everything inside it, and an attachment
  (``附件``: a 分工表 or a list; its rows enrich the tasks, they are not tasks)
  together with whatever inside it no heading word classifies.
* ``background``: reviews and situation analyses: what was achieved is not a
  commitment.
* ``guarantee``: 保障措施, 组织实施, 有关要求, closing provisions and everything
  in them.
* ``goal``: a unit whose own heading names goals and units inside a goal
  section, except that the sections of a combined ``目标任务`` chapter are tasks;
  also a part of the document (an outermost section) with no items under it
  whose text states the goals under their label (``二、2026年工作思路`` /
  ``主要预期目标：全年…``: the part of a year review that sets next year's goals).
* ``other``: 指导思想, 基本原则, 总体要求 …, except a 总体要求 whose own text
  states goals (``到2025年``, ``力争``, ``基本建成``…), which is a goal (a
  总体要求 that only groups 指导思想 and 主要目标 stays ``other``).
* ``task``: everything else in the body: numbered commitments and the sections
  that group them (``主要任务``, ``加强知识产权保护体系建设``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from policykg.errors import OntologyError
from policykg.loaders.amendments import instruction, new_wording
from policykg.loaders.markers import RANK_ARTICLE, RANK_DECIMAL2
from policykg.loaders.segment import Node
from policykg.text import SENTENCE_END, sentences
from policykg.yamlfile import load_yaml

_COMBINED = re.compile(r"目标任务|目标(?:和|与)任务")
#: Parts that explain a plan rather than state it (a draft's 起草说明, a
#: 名词解释 or 指标说明 attachment, a 政策解读): the figures they restate,
#: propose or reject are not the plan's targets, and what they name under any
#: heading (出台背景, 主要内容, 下一步工作) is explanation, kind ``other``.
_EXPLANATORY = re.compile(
    r"起草说明|编制说明|名词解释|术语(?:和|与)?定义|指标(?:说明|解释)|政策解读|^解读$"
)


def explains(node: Node) -> bool:
    """Whether the node is, or sits inside, an explanatory part (see ``_EXPLANATORY``)."""
    cur: Node | None = node
    while cur is not None:
        if _EXPLANATORY.search(cur.heading):
            return True
        cur = cur.parent
    return False


_GOAL_TEXT = re.compile(r"(?:到|至)(?:19|20)\d{2}年|力争|基本建成|初步建成|全面建成")
#: The label a plan states its goals under (主要预期目标：…, 主要目标是：…).
_GOAL_LABEL = re.compile(
    r"(?:^|[。；\n])\s*(?:主要|总体|年度|工作|发展)?(?:预期)?目标(?:任务)?(?:是|为)?[:：]"
)


class ArticleWords(BaseModel):
    """The ``articles`` part of ``heading_kinds.yaml``, in checking order."""

    guarantee: list[str]
    goal: list[str]
    other: list[str]


class HeadingKinds(BaseModel):
    """``heading_kinds.yaml``: regular expressions per kind, in checking order."""

    background: list[str]
    guarantee: list[str]
    goal: list[str]
    other: list[str]
    articles: ArticleWords


def _compile(words: BaseModel, kinds: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (kind, re.compile("|".join(f"(?:{p})" for p in getattr(words, kind)))) for kind in kinds
    ]


@lru_cache(maxsize=1)
def _words() -> HeadingKinds:
    return load_yaml(
        Path(__file__).with_name("heading_kinds.yaml"), HeadingKinds, error=OntologyError
    )


@lru_cache(maxsize=1)
def _vocabulary() -> list[tuple[str, re.Pattern[str]]]:
    return _compile(_words(), ("background", "guarantee", "goal", "other"))


@lru_cache(maxsize=1)
def _article_vocabulary() -> list[tuple[str, re.Pattern[str]]]:
    return _compile(_words().articles, ("guarantee", "goal", "other"))


def heading_kind(heading: str) -> str | None:
    """The kind a heading's words name, or None (see ``heading_kinds.yaml``)."""
    for kind, pattern in _vocabulary():
        if pattern.search(heading):
            return kind
    return None


def article_kind(heading: str) -> str | None:
    """The kind an article's title or first sentence names, or None.

    Checked before the heading words (an untitled article's sentence
    ``…按照职责分工共同管理`` names its part, whatever chapter it is in).
    """
    for kind, pattern in _article_vocabulary():
        if pattern.search(heading):
            return kind
    return heading_kind(heading)


def _article_sentence(node: Node) -> str:
    """An article's title or whole first sentence (its heading may be cut short)."""
    first = sentences(node.text_lines[0])[0] if node.text_lines else ""
    return first.rstrip(SENTENCE_END) if len(first) > len(node.heading) else node.heading


def _amended_kind(node: Node) -> str | None:
    """The kind of the article an amendment item writes, from its first sentence."""
    wording = new_wording(node.text_lines[0]) if node.text_lines else ""
    first = sentences(wording)[0].rstrip(SENTENCE_END) if wording else ""
    return article_kind(first) if first else None


def _section_kind(node: Node, *, own: bool) -> str | None:
    article = node.level == RANK_ARTICLE and node.kind_hint is None
    if own and node.text_lines and instruction(node.text_lines[0]) is not None:
        return _amended_kind(node)
    kind = article_kind(_article_sentence(node)) if article else heading_kind(node.heading)
    if kind == "goal" and not own and _COMBINED.search(node.heading):
        return "task"
    if (
        kind == "other"
        and own
        and "总体要求" in node.heading
        and _GOAL_TEXT.search("".join(node.text_lines))
    ):
        return "goal"
    if (
        kind is None
        and own
        and node.parent is None
        and not node.children
        and _GOAL_LABEL.search("\n".join(node.text_lines))
    ):
        return "goal"  # a part of the document that sets goals and lists no tasks
    return kind


def _is_section(node: Node) -> bool:
    # An article (第五条　资金管理。…) is a section of a 若干措施 or 办法: its title
    # names its part as a chapter's would (适用范围, 工作目标, 施行日期). So are
    # the 1. and 1.1 of a decimal outline (1.总体要求 / 1.1指导思想 / 2.1.1 …).
    return node.level <= RANK_DECIMAL2 and node.kind_hint is None


def classify(node: Node) -> str:
    """The unit kind of one node (see the module docstring for the rules)."""
    if node.kind_hint == "column" or (
        node.parent is not None and classify(node.parent) == "column"
    ):
        return "column"  # a box and the projects it lists
    if node.kind_hint in ("preamble", "notice", "attachment") or explains(node):
        return "other"
    # An item is judged by its own heading only for goals; every section on the
    # way up is judged by all rules.
    cur: Node | None = node
    own = True
    while cur is not None:
        if cur.kind_hint == "attachment":
            return "other"
        if _is_section(cur) or own:
            kind = _section_kind(cur, own=own)
            if kind is not None and (_is_section(cur) or kind == "goal"):
                return kind
        cur = cur.parent
        own = False
    return "task"
