"""Quantities and indicators: 万/亿 multiplied out, a metric's canonical indicator.

A metric maps to a canonical indicator (``ontology/indicators.ttl``, the
``indicators:`` of the core reference) through the synonym table
``indicator_synonyms.yaml`` beside this module (each indicator's patterns, and
the units it may also be stated in), and only when the units agree: a growth
rate (%) never maps to a count (件). The indicator's own Chinese label always
matches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, RootModel

from policykg.errors import OntologyError
from policykg.ontology.reference import bundled_core_reference
from policykg.yamlfile import load_yaml

_CONTEXT_PREFIX = re.compile(
    r"^(?:力争|到|至|在)?(?:(?:19|20)\d{2}年(?:底|末)?)?[，、]?"
    r"|^“?(?:十三五|十四五|十五五)”?(?:期间|时期|末)[，、]?"
)
# Where and when, not what: 全市…, 全年…, 园区… (a 高新区 counts its 园区), and
# the jurisdictions of a joint plan together (两市…, 三地…, 两省…)
_SCOPE_PREFIX = re.compile(
    r"^(?:全(?:市|区|省|县|州|盟|旗|域|园区?|年)|(?:我|本)(?:市|区|省|县|州|园区?)|园区|辖区"
    r"|[两三四五](?:市|地|省|区|县|州))"
)


# A list bullet before a goal (——每万人口…, •, ●): layout, not the metric.
_BULLET = re.compile(r"^[\s—\-•·●○■□◆◇▪]+")
# The label goals are stated under (主要预期目标：…, 主要指标是：…): not the metric.
_GOAL_LABEL = re.compile(r"^[^：:，。；]{0,10}(?:目标|指标|任务)(?:是|为)?[：:]")


class Synonyms(BaseModel):
    """One indicator's phrasings and the units it is also stated in."""

    patterns: list[str]
    units: list[str] = []


class _SynonymTable(RootModel[dict[str, Synonyms]]):
    """``indicator_synonyms.yaml``: indicator id -> synonyms."""


def normalise_quantity(value: float, mult: str | None, unit: str | None) -> tuple[float, str]:
    """Multiply out 万/亿 (also inside 万元/亿元/万件); the unit without the multiplier."""
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


@lru_cache(maxsize=1)
def _indicators() -> list[tuple[str, frozenset[str], list[re.Pattern[str]]]]:
    path = Path(__file__).with_name("indicator_synonyms.yaml")
    table = load_yaml(path, _SynonymTable, error=OntologyError).root
    out = []
    for ind in bundled_core_reference().indicators:
        syn = table.get(ind.id, Synonyms(patterns=[]))
        patterns = [re.compile(p) for p in syn.patterns]
        patterns.append(re.compile("^" + re.escape(ind.zh) + "$"))
        out.append((ind.id, frozenset([ind.unit, *syn.units]), patterns))
    return out


def clean_metric(metric: str) -> str:
    """A metric without its scope and time context (全市, 到2025年, 年…)."""
    m = _GOAL_LABEL.sub("", _BULLET.sub("", metric)).strip("，、；： ")
    for _ in range(3):
        m = _CONTEXT_PREFIX.sub("", m).strip("，、；： ")
        m = _SCOPE_PREFIX.sub("", m)
    return m


def map_indicator(metric: str, unit: str) -> str | None:
    """The canonical indicator id for a metric, or None (also when units differ)."""
    m = clean_metric(metric)
    for ind_id, units, patterns in _indicators():
        if unit in units and any(p.search(m) for p in patterns):
            return ind_id
    return None
