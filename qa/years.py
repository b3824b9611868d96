"""The years a question or claim names: its year figures, else four-digit years, else the years its
five-year plans stand for; a plan named by its span ("2016到2020年"); a year named only as the base of
a rise or fall ("较2015年末增长152.4%") set aside."""

from __future__ import annotations

import re

from index.figures import Figure, parse_figures
from index.qualifiers import change_words
from index.records import compared_before
from qa.context import STATED_KINDS

_EN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# Five-year plans by the year their figures are stated for: the 13th plan's results are the
# figures for 2020, the 14th plan's targets those for 2025.
# A plan is named by its years too: "2016到2020年", "2016-2020", "from 2016 to 2020" is the 13th
# plan's span, and its figures are the plan's ("2016到2020年…质押融资" is the 十三五 total, not 2024's).
def _span(first: int, last: int) -> str:
    return (rf"(?<!\d){first}\s*年?\s*(?:[-—–~～至到]{{1,2}}|\s(?:to|through|until)\s)\s*{last}(?!\d)"
            rf"|\bbetween\s+{first}\s+and\s+{last}(?!\d)")


_PLAN_YEARS = ((re.compile(rf"十三五|13th Five[- ]Year|{_span(2016, 2020)}", re.IGNORECASE), 2020),
               (re.compile(rf"十四五|14th Five[- ]Year|{_span(2021, 2025)}", re.IGNORECASE), 2025))


def plan_mentions(text: str) -> list[tuple[int, int]]:
    """Where a text names a five-year plan ("“十三五”时期": 十三五), in order."""
    return sorted(m.span() for pattern, _ in _PLAN_YEARS for m in pattern.finditer(text))


def plan_spans(text: str) -> list[tuple[int, int, int]]:
    """Where a text names a five-year plan by its years ("between 2016 and 2020"), with the plan's year."""
    return [(m.start(), m.end(), year) for pattern, year in _PLAN_YEARS for m in pattern.finditer(text)
            if re.search(r"\d{4}", m.group())]


def plan_years(text: str) -> list[int]:
    """The years a text's five-year plans stand for ("during the 13th Five-Year Plan" → [2020])."""
    return sorted({year for pattern, year in _PLAN_YEARS if pattern.search(text)})


# A plan named as a time ("“十三五”末", "during the 13th Five-Year Plan period"), not as a document.
_PLAN_AS_TIME = re.compile(r"十[三四]五[”\"]?(?:末|期间|期間|时期|時期)|\b(?:during|end of|over)\s+the\s+1[34]th\s+Five",
                           re.IGNORECASE)
# What stands between an English rise or fall and the year it is measured from ("grow compared with
# end of 2015", "up 227.2% on end-2015", "rose 5.8% over 2023"): no clause break, then the base word.
_EN_BASE = re.compile(r"(?:[^.,;:!?]|(?<=\d)[.,](?=\d)){0,40}?\b(?:since|from|over|on|compared (?:with|to)|against|than)\s+(?:the\s+)?"
                      r"(?:(?:end|close|start)\s+of\s+|end-|year-end\s+)?", re.IGNORECASE)


def years_in(text: str, figures: list[Figure] | None = None) -> list[int]:
    """The years a text names (its year figures, else four-digit years, else the years its
    five-year plans stand for); ``figures``: its figures, where already parsed."""
    figures = parse_figures(text) if figures is None else figures
    base = base_years(text, figures)
    years = sorted({int(f.value) for f in figures if f.kind == "year" and 1990 <= f.value <= 2035} - base)
    # A plan's span is its year, not its first and last ("between 2016 and 2020" is 十三五's 2020).
    if not years and any(f.kind == "period" for f in figures):
        years = plan_years(text)
    if not years:
        years = sorted({int(y) for y in _EN_YEAR.findall(text)} - base)
    # Only a base named: the change asked or claimed is of no year it names ("grow compared with end
    # of 2015, per the 14th five-year plan" asks the plan's own report, not its target year)
    return years or (plan_years(text) if not base or _PLAN_AS_TIME.search(text) else [])


def base_years(text: str, figures: list[Figure]) -> frozenset[int]:
    """The years a text names only as the base of a rise or fall it states or asks, as
    index.records.figure_year reads the documents' sentences: "较2015年末分别增长152.4%" is a rise to
    the plan's end, not a figure of 2015; "grow compared with end of 2015", "up 227.2% on end-2015".
    A Chinese base is compared before the year, its change named after it, and a figure between is
    that year's own ("较2023年的5.49万件有所减少"); English names its base right before the year, after
    its change ("up from 13.5 in 2020" names 13.5's year, no base; "Over 2023, … rose" names the year)."""
    found = list(change_words().finditer(text))
    if not found:
        return frozenset()
    changes = [m.start() for m in found]
    en_changes = [m.end() for m in found if m.group().isascii()]
    quantities = [f.start for f in figures if f.kind in STATED_KINDS]
    base = {int(m.group()) for m in _EN_YEAR.finditer(text)
            if any(c <= m.start() and _EN_BASE.fullmatch(text, c, m.start()) for c in en_changes)}
    for f in figures:
        if f.kind == "year" and text[f.end - 1] == "年" and compared_before(text[:f.start]) and any(
                c >= f.end and not any(f.end <= q < c for q in quantities) for c in changes):
            base.add(int(f.value))
    return frozenset(base)
