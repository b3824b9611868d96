"""What a figure measures, coarser than its unit: a count, a sum of money, a duration, a share,
a rank. Figures of different dimensions are never the same metric, whatever their numbers:
"30个工作日" (a duration) says nothing about "两个年度" (a count), "第一" (a rank) nothing
about "1,000余家" (a count). Pure; the table is data (index/lexicon/unit_dimensions.tsv).

Within a dimension whose unit says nothing of what is counted (every sum of money is in 元), the
words of a figure name its class: damages awarded, loans, goods seized, fines, insurance cover …
(index/lexicon/counted_nouns.tsv). Two figures whose words name only different classes are not
the same metric either: "保险保额40亿元" says nothing about "赔偿额88.5亿元"."""

from __future__ import annotations

import re
from functools import cache

from index.figures.model import Figure
from index.figures.units import normalize_unit
from index.lexicon import mapping, rows

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


def measures_money(unit: str) -> bool:
    """The unit is a currency's (unit_dimensions.tsv)."""
    return bool(unit) and _dimensions().get(normalize_unit(unit) or unit) == "money"


def same_dimension(a: Figure, b: Figure) -> bool:
    """Whether two figures can measure the same kind of thing (an unknown dimension can)."""
    da, db = dimension(a), dimension(b)
    return not da or not db or da == db


def other_currency(claimed: Figure, found: Figure) -> bool:
    """Both are sums of money of the same number and bound in two currencies ("超21亿元" for
    超21亿美元): the claim misreports the source's currency. A sum restated to the digit in
    another currency is the same statistic, not a conversion (that changes the number)."""
    return claimed.value > 0 and claimed.value == found.value and claimed.qualifier == found.qualifier \
        and dimension(claimed) == dimension(found) == "money" and normalize_unit(claimed.unit) != normalize_unit(found.unit)


@cache
def _classes() -> dict[str, dict[str, re.Pattern[str]]]:
    """dimension → class → the pattern of its forms (English ones at a word's start)."""
    forms: dict[str, dict[str, list[str]]] = {}
    for dim, cls, form in rows("counted_nouns.tsv", 3):
        forms.setdefault(dim, {}).setdefault(cls, []).append(rf"\b{re.escape(form)}" if form.isascii() else re.escape(form))
    return {dim: {cls: re.compile("|".join(fs), re.IGNORECASE) for cls, fs in by.items()} for dim, by in forms.items()}


def counted_classes(dim: str, words: str) -> frozenset[str]:
    """The classes of a dimension's figures (what a sum of money is: financing, damages …) the
    words name; empty where they name none or the dimension has no classes."""
    return frozenset(cls for cls, pattern in _classes().get(dim, {}).items() if pattern.search(words))


def other_class(dim: str, claim_words: str, source_words: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The classes each side names where both name some and none is shared (two different
    metrics of one dimension), else None."""
    mine, theirs = counted_classes(dim, claim_words), counted_classes(dim, source_words)
    return (mine, theirs) if mine and theirs and not mine & theirs else None
