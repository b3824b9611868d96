"""How the audit words a finding: the two sides, the ranges each allows, the tolerance, and an
explanation in English and Chinese. Pure; shared by the confident tier (qa.audit) and the review
tier (qa.audit_review), so a pair reads the same in either."""

from __future__ import annotations

from index.figures import format_value
from index.records import FigureRecord
from qa.audit_common import Titles, half, show, side, subject, unit_of
from qa.audit_types import AuditFinding
from qa.rates import Direction, implied_range, printed_range, value_range

Range = tuple[float, float]


def translation_finding(zh: FigureRecord, en: FigureRecord, titles: Titles, *, sure: bool = True) -> AuditFinding:
    """The Chinese figure against the English one of the same section (whether or not they agree).
    ``sure=False`` (the review tier): the wording claims only a probable counterpart."""
    a, b = value_range(zh.text, zh.value), value_range(en.text, en.value)
    unit = unit_of(zh)
    same_en, same_zh = (("for the same agency, action and year", "(机构、行为与年份相同)") if sure else
                        ("for what is probably the same figure", "(很可能是同一数字)"))
    return AuditFinding(
        kind="translation", subject=subject(zh), first=side(zh, titles), second=side(en, titles),
        expected_low=a[0], expected_high=a[1], found_low=b[0], found_high=b[1],
        tolerance=f"printed rounding: ({zh.text} {half(zh)}, {en.text} {half(en)})",
        explanation=(f"The Chinese text gives {zh.text} ({show(*a, unit)}) where the English translation of the "
                     f"same section gives {en.text} ({show(*b, unit)}) {same_en}."),
        explanation_zh=(f"中文原文为{zh.text},同一节英文译文为{en.text}{same_zh},两者不一致。"),
    )


def implied_base(rate: FigureRecord, fig: FigureRecord, direction: Direction) -> Range | None:
    """The base-year range the rate and its figure allow (None when the rate cannot give one)."""
    try:
        return implied_range(value_range(fig.text, fig.value), printed_range(rate.text, rate.value), direction)
    except ValueError:
        return None


def year_on_year_finding(rate: FigureRecord, fig: FigureRecord, other: FigureRecord, direction: Direction, base: int,
                         implied: Range, titles: Titles, *, sure: bool = True) -> AuditFinding:
    """The rate's implied base-year range against the base year's own figure ``other``.
    ``sure=False`` (the review tier): ``other`` is only probably the same statistic."""
    found = value_range(other.text, other.value)
    rate_range = printed_range(rate.text, rate.value)
    unit = unit_of(fig)
    sign = "+" if direction == 1 else "-"
    decimals = len(rate.text.split(".")[1].rstrip("%％ ")) if "." in rate.text else 0
    rate_half = format_value((rate_range[1] - rate_range[0]) / 2, "")
    # "about 770 (769.956–770.003)": the nearest whole figure is what a reader compares.
    near, span = format_value(round(sum(implied) / 2), unit), show(*implied, unit)
    about, about_zh = f"about {near} ({span})", f"约{near}({span})"
    word_en, word_zh = ("up", "上升") if direction == 1 else ("down", "下降")
    what_en, what_zh = ("", "的数字") if sure else (" for what is probably the same count", "相近指标的数字")
    return AuditFinding(
        kind="year_on_year", subject=subject(fig, base), first=side(fig, titles), second=side(other, titles),
        expected_low=implied[0], expected_high=implied[1], found_low=found[0], found_high=found[1],
        rate=f"{sign}{rate.text}",
        tolerance=(f"rate printed to {decimals} decimal{'s' if decimals != 1 else ''}: ±{rate_half} percentage points; "
                   f"{fig.text} {half(fig)}; {other.text} {half(other)}"),
        explanation=(f"The {fig.year} text gives {fig.text}, {word_en} {rate.text} on {base}: that puts {base} at "
                     f"{about}, but the {base} figure printed{what_en} is {other.text}."),
        explanation_zh=(f"{fig.year}年文本称{fig.text},较{base}年{word_zh}{rate.text},据此{base}年应为"
                        f"{about_zh};而{base}年{what_zh}为{other.text}。"),
    )
