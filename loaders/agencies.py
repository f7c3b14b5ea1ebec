"""Responsible units of a task, moved out of its text into ``Unit.agencies``.

The conventions of Chinese plans (vocabulary in ``agency_words.yaml``):

* a bracket closing a paragraph, units followed by their role:
  ``（X牵头，Y、Z按职责分工负责）``, ``（由X牵头，Y配合）``, ``（X、Y按职责分工负责）``,
  ``（X负责）``, ``（自治区版权局，…，南宁海关等按职责分工负责）``;
* a labelled list, in a closing bracket or on a line of its own under the item:
  ``（责任单位：X、Y；国家知识产权局条法司、联席办）``, ``责任单位：X、Y``,
  ``牵头单位：X　配合单位：Y``, or as the last sentence of a paragraph
  (``…给予奖励。责任单位：X、Y。``);
* a bracket after the paragraph's last full stop holding nothing but names of
  public bodies (``…立法论证工作。（条法处、办公室）``): the 工作要点 habit of
  closing each item with the 处室 in charge. Inside a sentence, or with
  anything that is not a name, a bracket is ordinary text;
* a sentence closing the item: ``由X牵头（负责）…``, ``由X会同Y…``, ``X会同Y…``
  (X and Y must be shaped like names of public bodies: ``由专业机构协助…`` is
  an ordinary sentence). These stay in the text; brackets and labelled lines
  are removed from it.

* the first sentence of an article of a 办法 (``第二十条　市市场监管局会同市财政局对
  补偿申请进行审核。``, ``第五条　风险补偿资金由X、Y和Z按照职责分工共同管理。``,
  ``本办法由X、Y负责解释。``): in the 条 style each article names the bodies that
  carry its duty as its subject, ``由X`` or ``X会同Y`` (see
  :func:`article_agencies`). A bare subject counts only when it names a public
  body with its level (``市财政局``, not ``合作银行``).

Closing brackets are read alike whatever their shape: ``（…）``, ``【…】``,
``〔…〕``, ``[…]`` (``【责任单位：区市场监管局、区科技局】``).

Units are listed lead first (``牵头``, ``牵头单位``), then the others, as printed.
A list is split on ``，；、`` outside brackets; a shared prefix written once is
distributed (``自治区发展改革委、科技厅`` -> ``自治区科技厅``,
``国家知识产权局条法司、联席办`` -> ``国家知识产权局联席办``); bracketed notes
inside a name (``各区县（自治县，以下简称区县）政府``) are dropped, and a
collective that names nobody (``有关部门``) is left out. A bracket whose parts
do not all read as units with a role (``（公共服务平台）``,
``中国（宁波）知识产权保护中心``) is ordinary text and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from policykg.errors import OntologyError
from policykg.text import sentences
from policykg.yamlfile import load_yaml

_TRAILER = re.compile(r"（((?:[^（）]|（[^（）]*）)+)）\s*$")
# Other closing brackets, read as （…）: a bracket shape carries no meaning here.
_OTHER_BRACKETS = {"】": "【", "〕": "〔", "]": "[", "］": "［"}
# What may stand before a bracket that closes a paragraph with bare names.
_STOP_BEFORE = re.compile(r"(?:^|[。；;！？])\s*$")
_PREFIXES = ("国家知识产权局", "自治区", "广西", "省", "中共")
_FULL_NAME = re.compile(
    # Names that already carry their own level; "市场监管局" is not one ("市场", not "市").
    r"^(?:国家|自治区|广西|中共|中国|各|人民银行|人行|全国|[\u4e00-\u9fff]{2,3}(?:市|省)(?!场))"
)
_MAX_NAME = 30
_LEAD_MARK = re.compile(r"（(?:牵头|牵头单位|牵头部门|主责)）$")
# A bracketed note inside a name (``各区县（自治县，以下简称区县）政府``), not a part
# of it (``各县（市、区）人民政府``).
_NOTE = re.compile(r"（[^（）]*(?:简称|以下|含|包括|，|,)[^（）]*）")
_NOT_A_NAME = re.compile(r"[。！？的]|(?<!自)由")  # 由 opens a sentence, not a name
# What may follow a name in a closing sentence (``由X会同Y做好…``).
_AFTER_NAME = (
    r"(?=要|应|将|等|共同|做好|开展|加强|推进|组织|制定|建立|负责|牵头|抓好|落实|对|研究|实施|"
    r"建设|完善|统筹|定期|及时|适时|每年|按照|按|根据|依法|协调|指导|做|进行|会同|，|。|$)"
)


_INTERPRETS = re.compile(r"负责(?:对本\S{1,4}(?:的)?)?解释")


class _Labels(BaseModel):
    lead: list[str]
    partner: list[str]
    any: list[str]


class _Roles(BaseModel):
    lead: list[str]
    partner: list[str]


class AgencyWords(BaseModel):
    """``agency_words.yaml``."""

    labels: _Labels
    roles: _Roles
    generic: list[str]
    suffixes: list[str]


@dataclass(frozen=True)
class _Patterns:
    label: re.Pattern[str]
    lead_labels: frozenset[str]
    role: re.Pattern[str]
    lead_roles: frozenset[str]
    generic: frozenset[str]
    name: str  # one name of a public body, as a regular expression


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = load_yaml(Path(__file__).with_name("agency_words.yaml"), AgencyWords, error=OntologyError)
    labels = sorted([*w.labels.lead, *w.labels.partner, *w.labels.any], key=len, reverse=True)
    roles = sorted([*w.roles.lead, *w.roles.partner], key=len, reverse=True)
    suffix = "|".join(sorted(map(re.escape, w.suffixes), key=len, reverse=True))
    return _Patterns(
        label=re.compile(rf"({'|'.join(map(re.escape, labels))})\s*[:：]"),
        lead_labels=frozenset(w.labels.lead),
        role=re.compile(rf"^(.+?)(?:等)?({'|'.join(map(re.escape, roles))})$"),
        lead_roles=frozenset(w.roles.lead),
        generic=frozenset(w.generic),
        name=rf"[\u4e00-\u9fff（）A-Za-z0-9]{{1,{_MAX_NAME}}}?(?:{suffix})",
    )


@dataclass(frozen=True)
class AgencySplit:
    """A unit text with its responsible-unit statements removed.

    ``closing`` says the statements stood on lines of their own after all of
    the text (``（责任单位：…）`` under the last paragraph): the layout in which a
    plan names the units of a whole group after its last item.
    """

    text: str
    agencies: list[str]
    closing: bool = False


def _split_outside_brackets(s: str, seps: str) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in s:
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _names(listing: str, *, shaped: bool = False) -> list[str] | None:
    """The names of a list; None when a part is not a name.

    ``shaped``: every name must also end like the name of a public body (局, 委,
    办, 中心, 政府, …), for lists no label announces.
    """
    out: list[str] = []
    leads: list[str] = []
    generic = _patterns().generic
    name = re.compile(_patterns().name)
    for group in _split_outside_brackets(listing, "，；,;"):
        items = [
            part
            for piece in _split_outside_brackets(group, "、")
            for part in _split_conjunction(piece)
        ]
        prefix = next((p for p in _PREFIXES if items and items[0].startswith(p)), None)
        for i, item in enumerate(items):
            item = _NOTE.sub("", item).strip().removesuffix("等")
            # ``市知识产权局（牵头）``: the lead marked inside the list.
            lead = _LEAD_MARK.search(item)
            if lead:
                item = item[: lead.start()].strip()
            if not item or len(item) > _MAX_NAME or _NOT_A_NAME.search(item):
                return None
            if item in generic:
                continue
            if shaped and not name.fullmatch(item):
                return None
            if i and prefix and not _FULL_NAME.match(item) and not item.startswith(prefix):
                item = prefix + item
            if item not in out:
                out.append(item)
            if lead:
                leads.append(item)
    return leads + [n for n in out if n not in leads]


_CONJ = re.compile(r"[和及与]")
#: A name that starts with its administrative level (市财政局, 县科技局,
#: 中国人民银行某市分行, 国家知识产权局): a public body, not a bank or a firm.
_LEVELLED = re.compile(
    r"^(?:国家|省|市|县|区|州|盟|旗|镇|乡|自治区|自治州|中共|中国|人民银行|"
    r"[\u4e00-\u9fff]{2,4}(?:省|市|县|区)(?!场))"
)


def _split_conjunction(item: str) -> list[str]:
    """``市财政局和中国人民银行某市分行`` -> two names; ``市人力资源和社会保障局`` stays one.

    A 和/及/与 separates two names only where the part before it already ends
    like a name and the part after it starts with a level (a name of its own).
    """
    name = re.compile(_patterns().name)
    for m in _CONJ.finditer(item):
        left, right = item[: m.start()], item[m.end() :]
        if name.fullmatch(left) and _LEVELLED.match(right):
            return [left, *_split_conjunction(right)]
    return [item]


def names_of(listing: str) -> list[str]:
    """The units of a list as printed in a table cell (``市科技局、市工业和信息化局``)."""
    return _names(listing) or []


def _labelled(text: str) -> list[str] | None:
    """``责任单位：X、Y`` / ``牵头单位：X 配合单位：Y``; None if the text is not one."""
    p = _patterns()
    parts = p.label.split(text.strip())
    if len(parts) < 3 or parts[0].strip():
        return None
    lead: list[str] = []
    others: list[str] = []
    for label, listing in zip(parts[1::2], parts[2::2], strict=True):
        names = _names(listing.strip(" ；;，,。"))
        if names is None:
            return None
        (lead if label in p.lead_labels else others).extend(names)
    return list(dict.fromkeys(lead + others))


def _with_roles(text: str) -> list[str] | None:
    """``X牵头，Y、Z配合`` / ``X、Y按职责分工负责``; None if the text is not one."""
    p = _patterns()
    segments = _split_outside_brackets(text.strip().removeprefix("由"), "，；,;")
    if not segments or not p.role.match(segments[-1]):
        return None
    lead: list[str] = []
    others: list[str] = []
    for seg in segments:
        m = p.role.match(seg.removeprefix("由"))
        names = _names(m.group(1) if m else seg, shaped=True)
        if not names:
            return None
        (lead if m and m.group(2) in p.lead_roles else others).extend(names)
    return list(dict.fromkeys(lead + others))


def _closing_sentence(sentence: str) -> list[str]:
    """Units named by ``由X牵头/负责``, ``由X会同Y``, ``X会同Y`` in an item's last sentence."""
    if _INTERPRETS.search(sentence):
        return []  # 本措施由X负责解释: who interprets the text, not who carries it out
    name = _patterns().name
    names = rf"({name}(?:、{name})*){_AFTER_NAME}"
    m = re.search(rf"由{names}(?:要|应|将)?(?:牵头|负责|会同{names})", sentence)
    if m is None:
        m = re.match(rf"^{names}(?:要|应|将)?会同{names}", sentence)
    if m is None:
        return []
    out: list[str] = []
    for group in m.groups():
        out.extend(_names(group) or [] if group else [])
    return list(dict.fromkeys(out))


#: Where the names that open an article's sentence end: the verb or adverb after them.
_ARTICLE_BOUNDARY = (
    "会同|按照|按|负责|共同|公开|对|在|于|进行|每|向|牵头|依法|定期|应当|将|及时|"
    "做好|开展|建立|制定|组织实施|追回|收回|责令"
)
# 由X… after the article's topic, or after the condition it acts on (…骗取专项资金的，
# 由X会同Y依法追回: the 法律责任 formula)
_BY = re.compile(
    rf"^(?:[^。；由]{{0,60}}?的[，,])?[^，。；由]{{0,20}}?由(.+?)(?={_ARTICLE_BOUNDARY})"
)
_SUBJECT = re.compile(rf"^(.+?)(?={_ARTICLE_BOUNDARY})")
_WITH = re.compile(rf"^会同(.+?)(?={_ARTICLE_BOUNDARY})")


def article_agencies(sentence: str) -> list[str]:
    """The bodies an article's first sentence names as carrying its duty, lead first.

    ``由X(会同Y)…`` after the article's topic (``合作银行由X会同Y、Z公开遴选确定``,
    ``本办法由X、Y负责解释``) or after the condition it acts on (``项目单位骗取资金的，
    由X会同Y依法追回``), or a subject ``X(会同Y)…`` (``市财政局会同市市场监管局
    对…开展绩效评价``, ``市市场监管局每半年向社会公布…``). Every name must read as a
    public body (its ending; a bare subject also its level), so ``合作银行应当…``
    and ``由风险补偿资金…给予补偿`` name nobody.
    """
    text = sentence.strip()
    m = _BY.match(text)
    levelled = m is None
    if m is None:
        m = _SUBJECT.match(text)
    if m is None:
        return []
    lead = _names(m.group(1), shaped=True)
    if not lead or (levelled and not all(_LEVELLED.match(n) for n in lead)):
        return []
    partners: list[str] = []
    w = _WITH.match(text[m.end() :])
    if w is not None:
        partners = _names(w.group(1), shaped=True) or []
    return list(dict.fromkeys(lead + partners))


def _as_round(line: str) -> str:
    """The line with a closing ``【…】`` / ``〔…〕`` / ``[…]`` bracket written ``（…）``."""
    close = line[-1:] if line else ""
    opener = _OTHER_BRACKETS.get(close)
    if opener is None:
        return line
    start = line.rfind(opener)
    if start < 0:
        return line
    return f"{line[:start]}（{line[start + 1 : -1]}）"


def _closing_labelled(line: str) -> tuple[str, list[str]] | None:
    """``…。责任单位：X、Y。``: the text before the list and its names, or None."""
    p = _patterns()
    for m in p.label.finditer(line):
        before = line[: m.start()]
        if before.strip() and not _STOP_BEFORE.search(before):
            continue
        names = _labelled(line[m.start() :].rstrip("。；;"))
        if names is not None:
            return before.rstrip(), names
    return None


def split_agencies(text: str) -> AgencySplit:
    """Move a unit's responsible-unit statements out of its text.

    Args:
        text: the unit text (normalised), lines separated by ``\\n``.

    Returns:
        The text without the statements, and the units they name, lead first
        (empty when the text names none).
    """
    found: list[str] = []
    kept: list[str] = []
    # whether every statement so far stood on a line of its own after the text
    closing = True
    for line in text.split("\n"):
        stripped = _as_round(line.strip())
        whole = (
            stripped[1:-1] if stripped.startswith("（") and stripped.endswith("）") else stripped
        )
        names = _labelled(whole)
        if names is not None:
            found.extend(names)
            continue
        if found:
            closing = False
        m = _TRAILER.search(stripped)
        if m:
            inner = m.group(1).strip()
            rest = stripped[: m.start()].rstrip()
            names = _labelled(inner)
            if names is None:
                names = _with_roles(inner)
            if names is None and _STOP_BEFORE.search(rest):
                # bare names after the last full stop: the 处室 in charge
                names = _names(inner, shaped=True) or None
            if names is not None:
                found.extend(names)
                closing = closing and not rest
                if rest:
                    kept.append(rest)
                continue
        labelled = _closing_labelled(stripped)
        if labelled is not None:
            found.extend(labelled[1])
            closing = closing and not labelled[0]
            if labelled[0]:
                kept.append(labelled[0])
            continue
        kept.append(line)
    if not found and kept:
        last = [s for s in sentences(kept[-1]) if s.strip()]
        if last:
            sentence = last[-1].strip().rstrip("。；")
            names = _with_roles(sentence)
            if names:
                # The whole sentence is the list (``由X牵头，Y配合。``).
                kept[-1] = kept[-1][: kept[-1].rfind(last[-1].strip())].rstrip()
                if not kept[-1]:
                    kept.pop()
                found = names
            else:
                found = _closing_sentence(sentence)
            closing = False
    agencies = list(dict.fromkeys(found))
    if not agencies:
        return AgencySplit(text, [])
    return AgencySplit("\n".join(kept), agencies, closing=closing)
