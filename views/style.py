"""Colours, shapes and tooltips shared by every graph view.

Tooltips are small HTML fragments in which every piece of plan text is
HTML-escaped here, once; the page turns them into DOM elements, so a plan
sentence that looks like markup shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

#: measure category id -> colour (fixed, so a category keeps its colour across views)
CATEGORY_COLOURS: dict[str, str] = {
    "protection": "#d62728",
    "creation": "#1f77b4",
    "utilization": "#2ca02c",
    "finance": "#ff7f0e",
    "service": "#17becf",
    "environment": "#9467bd",
    "international": "#8c564b",
    "governance": "#7f7f7f",
    "institutions": "#bcbd22",
}
OTHER_COLOUR = "#c7c7c7"

#: jurisdiction level -> vis-network shape (levels from policykg.model.Level)
LEVEL_SHAPES: dict[str, str] = {
    "national": "star",
    "province": "diamond",
    "municipality": "star",
    "sub_provincial_city": "triangle",
    "prefecture_city": "square",
    "county": "triangleDown",
    "district": "hexagon",
}
LEVEL_NAMES: dict[str, str] = {
    "national": "national",
    "province": "province / autonomous region",
    "municipality": "municipality (province level)",
    "sub_provincial_city": "sub-provincial city",
    "prefecture_city": "prefecture-level city",
    "county": "county",
    "district": "district",
}
JURISDICTION_COLOUR = "#1b2a49"
DOCUMENT_COLOUR = "#f6d776"
UNIT_COLOUR = "#e8e8e8"
CLAUSE_COLOUR = "#6a3d9a"
CLAUSE_ABSENT_COLOUR = "#f2f2f2"
TARGET_COLOUR = "#e6550d"
EDGE_COLOUR = "#8a8a8a"
EDGE_WEAK_COLOUR = "#c8c8c8"

TOOLTIP_TEXT_LIMIT = 360


def category_colour(category_id: str | None) -> str:
    return CATEGORY_COLOURS.get(category_id or "", OTHER_COLOUR)


def level_shape(level: str) -> str:
    return LEVEL_SHAPES.get(level, "dot")


def level_name(level: str) -> str:
    return LEVEL_NAMES.get(level, level.replace("_", " "))


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def tooltip(title: str, *rows: tuple[str, str | None] | None) -> str:
    """An HTML tooltip: a bold title, then ``label: value`` rows, all text escaped.

    Rows that are None, or whose value is empty, are left out; long values are
    cut to :data:`TOOLTIP_TEXT_LIMIT` characters.
    """
    parts = [f"<b>{html.escape(shorten(title, 120))}</b>"]
    for row in rows:
        if row is None:
            continue
        label, value = row
        if value is None or not str(value).strip():
            continue
        parts.append(
            f"<i>{html.escape(label)}</i>: {html.escape(shorten(str(value), TOOLTIP_TEXT_LIMIT))}"
        )
    return "<br>".join(parts)


def join(values: Iterable[str], sep: str = " › ") -> str:
    return sep.join(v for v in values if v)


@dataclass(frozen=True)
class LegendItem:
    """One entry of a view's legend: a swatch drawn in CSS and a label."""

    label: str
    colour: str
    shape: str = "dot"  # dot | square | diamond | triangle | star | box | line
    dashed: bool = False


@dataclass(frozen=True)
class Filter:
    """A <select> that hides nodes whose ``attr`` differs from the chosen value."""

    attr: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, text)


def category_legend(categories: Iterable[tuple[str, str]]) -> list[LegendItem]:
    """Legend entries for (category id, label) pairs, in the order given."""
    return [LegendItem(f"measure: {label}", category_colour(cid)) for cid, label in categories]


def level_legend(levels: Iterable[str]) -> list[LegendItem]:
    return [
        LegendItem(f"jurisdiction: {level_name(lv)}", JURISDICTION_COLOUR, level_shape(lv))
        for lv in levels
    ]
