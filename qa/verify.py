"""Claim checks: compare a claimed figure with the source figure for the same metric and year.

Tolerance rules (also shown by `qa verify --help`):
- a plain figure matches when it equals the source figure to within 0.5%, or when the source
  figure rounded to the claim's precision equals it (4.8万 matches 4.78万; 47,800 matches 4.78万);
- "about / nearly / approximately / 约 / 近" claims match within 5%;
- "more than / over / 超 / 逾 / 以上" claims match a source figure above the claimed one but
  below twice it (a source that itself says "more than X" matches a claim of "more than X");
  "less than / up to / 不足 / 以下" claims mirror that. A bound far from the figure misleads:
  "more than 210 million" for a source's "more than 2.1 billion" is a scale error;
- a figure off by a power of ten is a scale error; the source's own number in a unit that cannot
  be compared (元 vs 美元, 件 vs 人) is a unit error; a figure that belongs to another year is a
  year error: all are "contradicted";
- a source figure that measures something else is no evidence either way ("not found"): one of
  another kind of measure (a duration, a rank, a share or a sum of money against a count:
  "30个工作日" against "两个年度"), or in another unit with another number.
"""

from __future__ import annotations

from index.figures import Figure

TOLERANCE_HELP = __doc__.split("Tolerance rules (also shown by `qa verify --help`):\n", 1)[1] if __doc__ else ""


def claimed_figure(figures: list[Figure]) -> Figure | None:
    """The figure a claim is about: its first quantity (or percentage) that is not a year."""
    for kinds in (("quantity",), ("percent",), ("rank",)):
        for f in figures:
            if f.kind in kinds:
                return f
    return None
