"""Quantitative targets in plan text: metric, value, unit, year, comparator, baseline.

What counts as a target: a number with a unit (``件 家 个 项 % 元 分 人次`` …) or a
``万/亿`` multiplier in a clause of a unit that commits the jurisdiction. The
caller skips units of kind ``background`` and the preamble: a review of past
achievements states what was done, not what is promised.

Not targets (conventions of 若干措施 and 资助办法 as much as of plans):

* ranges (``1-2个``), ordinals (``第五``), dates and deadlines (``2024年3月1日``),
  code names (``“33618”``) and titles;
* the amounts, rates and caps of subsidies and rewards: a clause that grants
  (``给予最高50万元奖励``, ``按10%给予补助``, ``贴息``, ``享受…不超过2次``), a cap
  (``单个项目最高50万元``), a rate (``按…的5%``) and an amount per item
  (``每个国家3000元``);
* eligibility thresholds: a condition closing with ``的`` (``年度运营收入超过500万元的，``)
  or opening with ``对`` (``对年处理投诉超过1万件且…的平台``);
* budget allocations: money the government sets aside for a fund
  (``区财政安排2000万元设立风险补偿资金池``, ``每年统筹500万元专项资金``,
  ``首期规模为5000万元``): an input to the support measures, not an outcome the
  plan promises;
* the terms of a scheme a 办法 sets: time limits (``在30个工作日内办理``, ``6个月内
  完成``; a duration the plan shortens, ``压缩至6个月以内``, is a target), the
  periods its procedures run (``公示期不少于5个工作日``, ``异议期为10日``), a cap on
  what one beneficiary gets in all (``支持总额不超过200万元``),
  leverage (``不低于存放额10倍``), interest in basis points (``加50个基点``), caps
  (``最高不超过200万元``), and conditions (``逾期满90天且…的，``, ``回落至5%以下后，``);
* the plan counting its own parts: ``部署18项重点任务``, ``提出20条措施``;
* look-backs stated in a committing unit: a sentence ``截至2023年底，…`` (as of
  a past date), one that opens with a year before the plan's own
  (``2024年，全省新建快速维权中心2家`` in a 2025 工作要点; the caller gives the
  plan's first year as ``current_year``), or one whose opening clause says it
  reports the past or the present state (``近年来，…``, ``“十四五”以来，…``,
  ``2021年以来，…``, ``过去五年，…``, ``目前，…``, ``截至目前，…``) unless it also
  sets a year ahead (``到2027年``).

Normalisation: ``万`` and ``亿`` are multiplied out (``40亿`` -> 4000000000 元,
``40万件`` -> 400000 件, ``18000万元`` -> 180000000 元); a bare ``亿/万`` amount of
money (``年质押金额达到40亿``) is in 元; percentages stay numbers in ``%``; a score
stays in ``分``.

Year, first that applies:

1. the sentence (``至2025年，…``, ``2025年底前…``; ``“十四五”期间/时期/末`` is 2025);
2. an earlier sentence of the same passage (``力争到2022年，…达到36000件…年质押金额
   达到40亿`` gives 2022 to every figure of the passage);
3. ``default_year``, given by the caller from the goal section the unit sits in
   or from an annual document's title (``2025年…工作要点``: every target is for
   2025).

A recurring figure (``每年``: a quota for every year) has no year. An average
annual rate (``年均增长10%``) is not recurring: it is the rate over the period
that ends in the target year, so it takes the year like any other figure (as
an indicator table's 年均增长率 row takes its column's year). Never from another
unit otherwise: a figure with no year has ``year=None``.

Baselines: ``在X件的基础上`` and ``由2020年的4.2件提高到8件`` (baseline 4.2, its year
2020, target 8).

Comparators: ``以上 ≥ ≧ 不低于 不少于`` -> gte, ``超过 突破 高于`` -> gt,
``以内 以下 不超过 不高于 ≤ ≦`` -> lte, else eq.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.indicators import clean_metric, map_indicator, normalise_quantity
from policykg.text import clauses, sentences

__all__ = ["FoundTarget", "clean_metric", "find_targets", "map_indicator", "normalise_quantity"]

_UNITS = (
    "人次/年|件/年|万元|亿元|人次|家次|场次|件次|批次|个百分点|件|家|个工作日|工作日|个月|小时|天|个|项|元|"
    "%|％|人|所|名|场|次|笔|座|条|倍|户|款|套|种|部|批|亩|吨|平方米|期|篇|门|份|"
    # A score (满意度达到85分以上); not 分 of 分中心, 分别, 部分.
    r"分(?=以上|以下|以内|左右|[^\u4e00-\u9fff]|$)"
)
_QUANTITY = re.compile(
    rf"(?P<pre>[≥≧>＞≤≦<＜])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*(?P<unit>{_UNITS})?"
    r"(?P<post>以上|以内|以下|左右)?"
)
_YEAR_CONTEXT = re.compile(
    # not the 至 of 截至 or the 到 of 截止到 (as of a past date)
    r"(?<![截止])(?:到|至|力争到|力争至|力争在|在)\s*((?:19|20)\d{2})\s*年"
    r"|((?:19|20)\d{2})\s*年(?:底|末)?(?:前|以前|内)"
)
_FIVE_YEAR = {"十四五": 2025, "十五五": 2030, "十三五": 2020}
_FIVE_YEAR_CONTEXT = re.compile(r"“?(十三五|十四五|十五五)”?(?:期间|时期|末)")
_RECURRING = re.compile(r"每年|每一年|每年度")
_TARGET_VERB = (
    r"(?:累计达到|累计达|稳定在|保持在|提高到|提升到|增加到|增长到|达到|超过|突破|高于|大于|不低于|不少于|"
    r"不超过|不高于|控制在|保持|达|为)$"
)
_BASELINE = re.compile(r"在(\d+(?:\.\d+)?)\s*(万|亿)?\s*(" + _UNITS + r")的基础上")
# 由2020年的4.2件提高到8件: the figure after 由 (and its year) is the baseline.
_FROM = re.compile(r"由\s*(?:((?:19|20)\d{2})\s*年(?:底|末)?)?\s*的?\s*$")
_FROM_PHRASE = re.compile(
    r"由\s*(?:(?:19|20)\d{2}\s*年(?:底|末)?)?\s*的?\s*\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:"
    + _UNITS
    + r")?"
)
_MONEY_HINT = re.compile(r"金额|资金|融资|投入|收入|产值|交易额|总额")
# Subsidies and rewards: what a clause grants is not what the plan will achieve.
_BENEFIT = re.compile(r"给予|奖励|资助|补助|补贴|贴息|奖补|减免|免费|享受")
_CAP = re.compile(r"(?:(?:最高|最多|上限为?)(?:不超过|不高于|为|可达)?|按[^，。；]{0,20}的|按)\s*$")
# The size of a fund being set up (首期规模为5000万元, 资金池规模): an allocation.
_FUND_SIZE = re.compile(r"(?:首期|初始|资金池?|基金)规模(?:为|达到?)?\s*$")
# 每个国家 / 每件 / 每家企业 right before an amount of money: a rate per item.
_PER_ITEM = re.compile(r"每(?:个|件|家|项|名|人|户|笔|所|场|套|款)[\u4e00-\u9fff]{0,6}$")
# A duration before 内 and what is to be done in it (30个工作日内办理): a time limit.
_DURATION = ("个工作日", "工作日", "个月", "天", "小时", "日")
# The period a procedure runs (公示期不少于5个工作日, 异议期为10日): a term of the scheme.
_PROCEDURE_PERIOD = re.compile(
    r"(?:公示|公告|异议|征求意见|受理|审核|审查|评审|答复|整改)(?:期|期限|时限)"
    r"(?:为|不少于|不低于|不超过|不得少于|一般为)?\s*$"
)
# The plan counting its own parts (部署18项重点任务, 提出20条措施, 共分五个方面):
# how it is built, not what it will achieve.
_OWN_PARTS_BEFORE = re.compile(r"(?:部署|提出|明确|包括|共|分为|涵盖|列出|设置)\s*$")
_OWN_PARTS_AFTER = re.compile(
    r"^\s*(?:重点|主要|具体|专项)?(?:任务|措施|举措|政策措施|工作措施|方面|部分|章)"
)
# A cap on what one beneficiary gets in all (支持总额不超过200万元, 奖补资金累计最高…).
_TOTAL_CAP = re.compile(
    r"(?:支持|资助|补助|补贴|奖励|奖补|扶持|贴息)(?:资金)?(?:总额|总量|额度|金额)(?:累计)?"
    r"(?:不超过|不高于|不得超过|最高|原则上不超过)?\s*$"
)
# Money set aside: 安排/统筹/投入 before the figure and a fund after it.
_ALLOCATION = re.compile(r"(?:安排|统筹|筹集|出资|划拨)[^，。；]{0,8}$")
_FUND = re.compile(r"^[^，。；]{0,16}(?:资金|基金|资金池)")
# 截至2023年底, 截止到2023年: the figures are a stock at a past date.
_AS_OF = re.compile(r"截(?:至|止)(?:到)?\s*(?:19|20)\d{2}\s*年")
# An opening clause that reports the past or the present state: 近年来，… /
# “十四五”以来，… / 过去五年，… / 目前，…
_PAST_OPENING = re.compile(
    r"^\s*(?:近年来|近几年来?|近些年来?|多年来|长期以来|过去[一二三四五六七八九十几]?年(?:来|间|里)?"
    r"|[^，。；,;]{1,12}以来|(?:截(?:至|止)(?:到)?)?目前|当前)\s*[，,]"
)
# A sentence that opens with a bare year (2024年，…): the year its facts are of.
_OPENING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年(?![底末]?(?:前|以前|内))")


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
    baseline_year: int | None = None


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
    # 不超过 before 超过: the negated word caps the figure (平均周期不超过90天).
    if re.search(r"(?:不超过|不高于|不大于|控制在)$", before):
        return "lte"
    if re.search(r"(?:超过|突破|高于|大于)$", before):
        return "gt"
    return "eq"


def year_of(sentence: str) -> int | None:
    """The year a sentence sets its figures for (``到2025年``, ``“十四五”末``), or None."""
    m = _YEAR_CONTEXT.search(sentence)
    if m:
        return int(m.group(1) or m.group(2))
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
    if _BENEFIT.search(clause) or _CAP.search(before):
        return True  # a subsidy, its cap or its rate
    if (_ALLOCATION.search(before) and _FUND.search(after)) or _FUND_SIZE.search(before):
        return True  # money set aside for a fund
    if unit in _DURATION and re.match(r"内(?!容)", after):
        return True  # a time limit (在30个工作日内办理), not 压缩至6个月以内
    if unit in _DURATION and _PROCEDURE_PERIOD.search(before):
        return True  # the period a procedure runs (公示期不少于5个工作日)
    if _TOTAL_CAP.search(before):
        return True  # a cap on one beneficiary's support in all
    if _OWN_PARTS_BEFORE.search(before) and _OWN_PARTS_AFTER.match(after):
        return True  # the plan counting its own tasks (部署18项重点任务)
    if unit == "倍" and re.search(r"(?:额|资金|金额|规模|基数)\s*$", before):
        return True  # leverage on an amount (不低于存放额10倍)
    if (unit or "").endswith("元") and _PER_ITEM.search(before):
        return True  # an amount per item (每个国家3000元, 每件专利5000元): a rate
    if re.match(r"\s*基点", after):
        return True  # an interest margin (加50个基点)
    if re.match(r"\s*(?:后|时|之后|以后)\s*(?:[，,]|$)", after) or re.search(
        r"的\s*[，,]?\s*$", after
    ):
        return True  # a condition (回落至5%以下后，… / 逾期满90天且…的，)
    if re.match(r"\s*的\s*[，,；;。]?\s*$", after) or (
        clause.lstrip().startswith("对") and "的" in after
    ):
        return True  # an eligibility condition
    # Inside a title or a quoted code name ("33618").
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def looks_back(sentence: str, current_year: int | None) -> bool:
    """Whether a sentence reports the past.

    ``截至2023年底…`` and ``近年来，…`` unless a year ahead is set; ``2024年，…`` when
    2024 is before ``current_year``.
    """
    if (_AS_OF.search(sentence) or _PAST_OPENING.match(sentence)) and _YEAR_CONTEXT.search(
        sentence
    ) is None:
        return True
    m = _OPENING_YEAR.match(sentence)
    return bool(m and current_year is not None and int(m.group(1)) < current_year)


def find_targets(
    text: str,
    *,
    default_year: int | None = None,
    current_year: int | None = None,
    ahead_only: bool = False,
) -> list[FoundTarget]:
    """All numeric targets in a unit's text, in order.

    Args:
        text: the unit's normalised text.
        default_year: the year of a figure neither its sentence nor its passage
            dates (see the module docstring); recurring figures stay without.
        current_year: the plan's first year (its issue year, the first year of
            its period or of an annual document); a sentence opening with an
            earlier year looks back.
        ahead_only: read only sentences that set a year ahead themselves
            (``力争到2028年，…达到25件``, not before ``current_year``): the forward
            goals of a preamble, whose other figures look back.

    Returns:
        The targets found, each with the clause it came from.
    """
    found: list[FoundTarget] = []
    context_year: int | None = None
    for sentence in sentences(text):
        if not sentence.strip():
            continue
        if looks_back(sentence, current_year):
            continue
        year = year_of(sentence)
        if ahead_only and (year is None or (current_year is not None and year < current_year)):
            continue
        if year is not None:
            context_year = year
        baseline: float | None = None
        baseline_year: int | None = None
        prev_clause = ""  # the clause before, in the same sentence
        for clause in clauses(sentence):
            for m in _QUANTITY.finditer(clause):
                if m.group("num") is None:
                    continue
                unit, mult = m.group("unit"), m.group("mult")
                if _is_excluded(clause, m.start("num"), m.end(), unit, mult):
                    continue
                value, norm_unit = normalise_quantity(float(m.group("num")), mult, unit)
                before = clause[: m.start()].rstrip()
                b = _BASELINE.match(clause, m.start("num") - 1) if m.start("num") else None
                f = _FROM.search(before)
                if b is not None or clause[m.end() :].startswith("的基础上") or f is not None:
                    baseline = value
                    baseline_year = int(f.group(1)) if f is not None and f.group(1) else None
                    continue
                if not norm_unit:
                    if not _MONEY_HINT.search(clause[: m.start()]):
                        continue
                    norm_unit = "元"
                comparator = _comparator(m.group("pre"), m.group("post"), before)
                before = _FROM_PHRASE.sub("", _BASELINE.sub("", before))
                obj = clause[m.end() :].strip().strip("，；。 ").lstrip("的")
                if re.search(_TARGET_VERB, before):
                    # "专利授权总量达到25000件": the metric is the subject.
                    subject = clean_metric(re.sub(_TARGET_VERB, "", before))
                    metric = subject if len(subject) >= 2 else clean_metric(subject + obj)
                else:
                    # "建立3个以上产业知识产权运营中心": verb and object around the figure.
                    metric = clean_metric(before + obj)
                if len(metric) < 2 and prev_clause:
                    # "加快TISC布局，到2030年全省达到12家": the clause before names what counts
                    metric = clean_metric(prev_clause.strip("，,；; "))
                if len(metric) < 2:
                    continue
                recurring = bool(_RECURRING.search(clause[: m.start()]))
                found.append(
                    FoundTarget(
                        metric=metric,
                        value=value,
                        unit=norm_unit,
                        year=None if recurring else (context_year or default_year),
                        comparator=comparator,
                        baseline=baseline,
                        text=sentence.strip(),
                        indicator=map_indicator(metric, norm_unit),
                        baseline_year=baseline_year if baseline is not None else None,
                    )
                )
                baseline = None
                baseline_year = None
            prev_clause = clause
    return found
