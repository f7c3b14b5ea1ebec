"""Quantitative targets in plan text: metric, value, unit, year, comparator.

What counts as a target: a number with a unit (``件 家 个 项 % 元`` …) or a
``万/亿`` multiplier in a clause of a unit that commits the jurisdiction. Units
of kind ``background`` are skipped: a review of past achievements states what
was done, not what is promised. Ranges (``1-2个``), ordinals (``第五``),
dates and code names (``“33618”``) are not targets.

Normalisation: ``万`` and ``亿`` are multiplied out (``40亿`` -> 4000000000 元,
``40万件`` -> 400000 件, ``18000万元`` -> 180000000 元); a bare ``亿/万`` amount of
money (``年质押金额达到40亿``) is in 元; percentages stay numbers in ``%``.

Year: from the sentence (``至2025年，…``) or, failing that, from an earlier
sentence of the same unit (``力争到2022年，…达到36000件…年质押金额达到40亿``
gives 2022 to every figure of the passage); ``“十四五”期间/时期/末`` is 2025.
Never from another unit: a figure with no year in its unit has ``year=None``.

Comparators: ``以上 ≥ ≧ 不低于 不少于`` -> gte, ``超过 突破 高于`` -> gt,
``以内 以下 不超过 不高于 ≤ ≦`` -> lte, else eq.

A metric maps to a canonical indicator through the synonym table
``indicator_synonyms.yaml`` beside this module, and only when units agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import RootModel

from policykg.errors import OntologyError
from policykg.ontology.reference import bundled_core_reference
from policykg.text import clauses, sentences
from policykg.yamlfile import load_yaml

_UNITS = (
    "人次/年|件/年|万元|亿元|人次|件|家|个工作日|工作日|个月|小时|天|个|项|元|%|％|人|所|名|场|次|笔|"
    "座|条|倍|户|款|套|种|部|批|亩|吨|平方米"
)
_QUANTITY = re.compile(
    rf"(?P<pre>[≥≧>＞≤≦<＜])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*(?P<unit>{_UNITS})?"
    r"(?P<post>以上|以内|以下|左右)?"
)
_YEAR_CONTEXT = re.compile(r"(?:到|至|力争到|力争至|力争在|在)\s*((?:19|20)\d{2})\s*年")
_FIVE_YEAR = {"十四五": 2025, "十五五": 2030, "十三五": 2020}
_FIVE_YEAR_CONTEXT = re.compile(r"“?(十三五|十四五|十五五)”?(?:期间|时期|末)")
_TARGET_VERB = (
    r"(?:累计达到|累计达|稳定在|保持在|提高到|提升到|增加到|增长到|达到|超过|突破|高于|大于|不低于|不少于|"
    r"不超过|不高于|控制在|保持|达|为)$"
)
_CONTEXT_PREFIX = re.compile(
    r"^(?:力争|到|至|在)?(?:(?:19|20)\d{2}年(?:底|末)?)?[，、]?|^“?(?:十三五|十四五|十五五)”?(?:期间|时期|末)[，、]?"
)
_SCOPE_PREFIX = re.compile(r"^(?:全市|全区|全省|我市|我区|全县|本市)")
_BASELINE = re.compile(r"在(\d+(?:\.\d+)?)\s*(万|亿)?\s*(" + _UNITS + r")的基础上")
_MONEY_HINT = re.compile(r"金额|资金|融资|投入|收入|产值|交易额|总额")


@dataclass(frozen=True)
class FoundTarget:
    """A target found in text, before it gets its id and unit id."""

    metric: str
    value: float
    unit: str
    year: int | None
    comparator: str
    baseline: float | None
    text: str
    indicator: str | None


def normalise_quantity(value: float, mult: str | None, unit: str | None) -> tuple[float, str]:
    """Multiply out 万/亿 (also inside 万元/亿元); the unit without the multiplier."""
    unit = (unit or "").replace("％", "%")
    factor = 1.0
    if mult == "万":
        factor = 1e4
    elif mult == "亿":
        factor = 1e8
    if unit.startswith("万") and len(unit) > 1:
        factor *= 1e4
        unit = unit[1:]
    elif unit.startswith("亿") and len(unit) > 1:
        factor *= 1e8
        unit = unit[1:]
    return round(value * factor, 6), unit


class _Synonyms(RootModel[dict[str, list[str]]]):
    """``indicator_synonyms.yaml``: indicator id -> regular expressions."""


@lru_cache(maxsize=1)
def _indicators() -> list[tuple[str, str, list[re.Pattern[str]]]]:
    path = Path(__file__).with_name("indicator_synonyms.yaml")
    synonyms = load_yaml(path, _Synonyms, error=OntologyError).root
    out = []
    for ind in bundled_core_reference().indicators:
        patterns = [re.compile(p) for p in synonyms.get(ind.id, [])]
        patterns.append(re.compile("^" + re.escape(ind.zh) + "$"))
        out.append((ind.id, ind.unit, patterns))
    return out


def clean_metric(metric: str) -> str:
    """A metric without its scope and time context (全市, 到2025年, 年…)."""
    m = metric.strip("，、；： ")
    for _ in range(3):
        m = _CONTEXT_PREFIX.sub("", m).strip("，、；： ")
        m = _SCOPE_PREFIX.sub("", m)
    return m


def map_indicator(metric: str, unit: str) -> str | None:
    """The canonical indicator id for a metric, or None (also when units differ)."""
    m = clean_metric(metric)
    for ind_id, ind_unit, patterns in _indicators():
        if ind_unit == unit and any(p.search(m) for p in patterns):
            return ind_id
    return None


def _comparator(pre_symbol: str | None, post: str | None, before: str) -> str:
    if pre_symbol in ("≥", "≧"):
        return "gte"
    if pre_symbol in (">", "＞"):
        return "gt"
    if pre_symbol in ("≤", "≦"):
        return "lte"
    if pre_symbol in ("<", "＜"):
        return "lt"
    if post == "以上":
        return "gte"
    if post in ("以内", "以下"):
        return "lte"
    if re.search(r"(?:不低于|不少于)$", before):
        return "gte"
    if re.search(r"(?:超过|突破|高于|大于)$", before):
        return "gt"
    if re.search(r"(?:不超过|不高于|控制在)$", before):
        return "lte"
    return "eq"


def _year_of(sentence: str) -> int | None:
    m = _YEAR_CONTEXT.search(sentence)
    if m:
        return int(m.group(1))
    f = _FIVE_YEAR_CONTEXT.search(sentence)
    return _FIVE_YEAR[f.group(1)] if f else None


def _is_excluded(clause: str, start: int, end: int, unit: str | None, mult: str | None) -> bool:
    before = clause[:start]
    after = clause[end:]
    if not unit and not mult:
        return True
    if re.search(r"[-—～~至]\s*$", before) and re.search(r"\d\s*[-—～~至]\s*$", before):
        return True  # the upper end of a range
    if re.match(r"\s*[-—～~]\s*\d", after):
        return True  # the lower end of a range
    if before.endswith(("第", "每")) or re.match(r"\s*(?:年|月|日|号|届|次会议)", after):
        return True
    # Inside a title or a quoted code name ("33618").
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def find_targets(text: str) -> list[FoundTarget]:
    """All numeric targets in a unit's text, in order.

    Args:
        text: the unit's normalised text.

    Returns:
        The targets found, each with the clause it came from.
    """
    found: list[FoundTarget] = []
    context_year: int | None = None
    for sentence in sentences(text):
        if not sentence.strip():
            continue
        year = _year_of(sentence)
        if year is not None:
            context_year = year
        baseline: float | None = None
        for clause in clauses(sentence):
            for m in _QUANTITY.finditer(clause):
                if m.group("num") is None:
                    continue
                unit, mult = m.group("unit"), m.group("mult")
                if _is_excluded(clause, m.start("num"), m.end(), unit, mult):
                    continue
                value, norm_unit = normalise_quantity(float(m.group("num")), mult, unit)
                b = _BASELINE.match(clause, m.start("num") - 1) if m.start("num") else None
                if b is not None or clause[m.end() :].startswith("的基础上"):
                    baseline = value
                    continue
                if not norm_unit:
                    if not _MONEY_HINT.search(clause[: m.start()]):
                        continue
                    norm_unit = "元"
                before = clause[: m.start()].rstrip()
                comparator = _comparator(m.group("pre"), m.group("post"), before)
                before = _BASELINE.sub("", before)
                obj = clause[m.end() :].strip("，；。 ").lstrip("的")
                if re.search(_TARGET_VERB, before):
                    # "专利授权总量达到25000件": the metric is the subject.
                    subject = clean_metric(re.sub(_TARGET_VERB, "", before))
                    metric = subject if len(subject) >= 2 else clean_metric(subject + obj)
                else:
                    # "建立3个以上产业知识产权运营中心": verb and object around the figure.
                    metric = clean_metric(before + obj)
                if len(metric) < 2:
                    continue
                found.append(
                    FoundTarget(
                        metric=metric,
                        value=value,
                        unit=norm_unit,
                        year=context_year,
                        comparator=comparator,
                        baseline=baseline,
                        text=sentence.strip(),
                        indicator=map_indicator(metric, norm_unit),
                    )
                )
                baseline = None
    return found
