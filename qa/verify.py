"""Claim checks: compare a claimed figure with the source figure for the same metric and year.

Tolerance rules (also shown by `qa verify --help`):
- a plain figure matches when it equals the source figure to within 0.5%, or when the source
  figure rounded to the claim's precision equals it (4.8万 matches 4.78万; 47,800 matches 4.78万);
- "about / nearly / approximately / 约 / 近" claims match within 5%;
- "more than / over / 超 / 逾 / 以上" claims match a source figure above the claimed one but
  below twice it (a source that itself says "more than X" matches a claim of "more than X");
  "less than / up to / 不足 / 以下" claims mirror that. A bound far from the figure misleads:
  "more than 210 million" for a source's "more than 2.1 billion" is a scale error;
- a figure off by a power of ten is a scale error; a unit that cannot be compared (元 vs 美元,
  件 vs 人) is a unit error; a figure that belongs to another year is a year error: all are
  "contradicted".
"""

from __future__ import annotations

import math

from index.figures import Figure, format_value, units_compatible, values_match
from qa.rerank import ScoredFigure, figure_year
from qa.types import VerdictLabel

TOLERANCE_HELP = __doc__.split("Tolerance rules (also shown by `qa verify --help`):\n", 1)[1] if __doc__ else ""


def claimed_figure(figures: list[Figure]) -> Figure | None:
    """The figure a claim is about: its first quantity (or percentage) that is not a year."""
    for kinds in (("quantity",), ("percent",), ("rank",)):
        for f in figures:
            if f.kind in kinds:
                return f
    return None


def judge(claimed: Figure, best: ScoredFigure, claim_years: list[int],
          other_years: list[ScoredFigure], source: str | None = None) -> tuple[VerdictLabel, str]:
    """Verdict and a one-line explanation for a claimed figure against the source figure;
    ``source`` names the document (its title), else its file name is used."""
    found = best.figure
    year = figure_year(best.chunk, found)
    what = best.metric.strip() or "this figure"
    source = source or best.chunk.source
    gives = f"{source} gives {found.text} ({format_value(found.value, found.unit)}) for “{what}”"
    if claimed.unit and found.unit and not units_compatible(claimed.unit, found.unit):
        return "contradicted", f"{gives}; the claim's unit ({claimed.unit}) does not match ({found.unit})."
    if claim_years and year not in claim_years:
        return "contradicted", f"{gives} for {year}, not for {', '.join(map(str, claim_years))}."
    if values_match(claimed, found):
        return "supported", f"{gives}; the claimed {claimed.text} matches."
    if claimed.value and found.value:
        ratio = claimed.value / found.value
        power = round(math.log10(ratio)) if ratio > 0 else 0
        if power != 0 and abs(math.log10(ratio) - power) < 0.01:
            return "contradicted", f"{gives}; the claimed {claimed.text} is off by a factor of 10^{power} (scale)."
    for other in other_years:
        if values_match(claimed, other.figure):
            return "contradicted", (f"{gives}; the claimed {claimed.text} is the figure for "
                                    f"{figure_year(other.chunk, other.figure)}.")
    return "contradicted", f"{gives}; the claimed {claimed.text} does not match."
