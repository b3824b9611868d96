"""What a figure measures, coarser than its unit: a count, a sum of money, a duration, a share,
a rank. Figures of different dimensions are never the same metric, whatever their numbers:
"30个工作日" (a duration) says nothing about "两个年度" (a count), "第一" (a rank) nothing
about "1,000余家" (a count). Pure; the table is data (index/lexicon/unit_dimensions.tsv)."""

from __future__ import annotations

from functools import cache

from index.figures.model import Figure
from index.figures.units import normalize_unit
from index.lexicon import mapping

COUNT = "count"


@cache
def _dimensions() -> dict[str, str]:
    return mapping("unit_dimensions.tsv")


def dimension(figure: Figure) -> str:
    """The figure's dimension: "rank" for ranks and ordinals, "share" for percentages, else its
    unit's (``unit_dimensions.tsv``; a measure word not listed counts things). A figure with no
    unit is "" (unknown: English often names none)."""
    if figure.kind in ("rank", "ordinal"):
        return "rank"
    if figure.kind == "percent":
        return "share"
    if not figure.unit:
        return ""
    unit = normalize_unit(figure.unit) or figure.unit
    return _dimensions().get(unit, COUNT)


def same_dimension(a: Figure, b: Figure) -> bool:
    """Whether two figures can measure the same kind of thing (an unknown dimension can)."""
    da, db = dimension(a), dimension(b)
    return not da or not db or da == db
