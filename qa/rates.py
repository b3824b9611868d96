"""What a stated rate implies: the values a printed figure or rate allows, and the base-year values a
figure that is a rate up or down on it allows (the audit's arithmetic). Which rate describes which
figure is read at index time (index.rate_ties).
"""

from __future__ import annotations

import re
from decimal import Decimal

from index.figures.tables import fold
from index.rate_ties import Direction

__all__ = ["Direction", "implied_range", "overlaps", "printed_range", "printed_step", "value_range"]

_MANTISSA = re.compile(r"\d[\d,]*(?:\.\d+)?")


def printed_step(text: str, value: float) -> float:
    """The value of one unit in the last printed place, in the figure's base unit: "1265件" → 1,
    "4.78万件" → 100, "2306.71亿元" → 1e6, "64.29%" → 0.01. A figure printed in words ("八") → 1."""
    m = _MANTISSA.search(fold(text))
    if not m:
        return 1.0
    mantissa = m.group().replace(",", "")
    _, _, frac = mantissa.partition(".")
    place = Decimal(1).scaleb(-len(frac))
    mv = Decimal(mantissa)
    factor = Decimal(repr(value)) / mv if mv else Decimal(1)
    return float(place * factor)


def printed_range(text: str, value: float) -> tuple[float, float]:
    """Every value that prints as ``text``: half a unit of the last printed place either side
    (for a rate: "64.29%" is any rate from 64.285 to 64.295)."""
    half = printed_step(text, value) / 2
    return value - half, value + half


def value_range(text: str, value: float) -> tuple[float, float]:
    """The values a printed figure allows: a whole number written out in full ("1265件", "1,156
    suspects") is a count, exact; one with decimals or a scale word ("4.78万件", "8亿元") is rounded
    at its last printed place."""
    m = _MANTISSA.search(fold(text))
    if m and "." not in m.group() and float(m.group().replace(",", "")) == value:
        return value, value
    return printed_range(text, value)


def implied_range(value: tuple[float, float], rate: tuple[float, float], direction: Direction) -> tuple[float, float]:
    """The base-year values a figure in ``value`` that is ``rate`` % up or down on it allows:
    base = figure / (1 ± rate/100), at the ends of both printed ranges."""
    ends = [v / (1 + direction * r / 100) for v in value for r in rate if 1 + direction * r / 100 > 0]
    if not ends:
        raise ValueError(f"a fall of {rate[0]}% or more implies no base value")
    return min(ends), max(ends)


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
