"""When a claimed figure matches a source figure (rounding, bound words), and how a value is shown."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from index.figures.fractions import rough
from index.figures.model import Figure, Qualifier
from index.figures.tables import fold
from index.figures.units import units_compatible

_APPROX_TOL = 0.05
# A fraction or multiple word ("nearly a third", 约一半, "more than doubled") rounds to its neighbourhood:
# "nearly a third" is said of 31.17%, "roughly half" of 46–54% (index.figures.fractions).
_ROUGH_TOL = 0.1
_JUST_OVER = 0.5  # "just over" / 出头 a one-digit number: less than this share of its digit's step more
_LOWER: frozenset[Qualifier | None] = frozenset({"more_than", "at_least"})
_UPPER: frozenset[Qualifier | None] = frozenset({"less_than", "at_most"})
_MANTISSA_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _stated_precision(fig: Figure) -> tuple[int, float]:
    """(significant digits, value of one unit in the last significant place) as the text wrote it.

    47,800 → (3, 100); 4.78万 → (3, 100); 4.8万 → (2, 1000); 31.2% → (3, 0.1). Trailing
    zeros of a whole number are not counted as significant: 200 million → (1, 1e8).
    """
    m = _MANTISSA_RE.search(fold(fig.text))
    if m:
        mantissa = m.group().replace(",", "")
        whole, _, frac = mantissa.partition(".")
        digits = (whole + frac).lstrip("0")
        if frac:
            sig, place = len(digits), Decimal(1).scaleb(-len(frac))
        else:
            stripped = digits.rstrip("0")
            sig, place = len(stripped), Decimal(1).scaleb(len(digits) - len(stripped))
        mantissa_value = Decimal(mantissa)
        factor = Decimal(repr(fig.value)) / mantissa_value if mantissa_value else Decimal(1)
        return sig, float(place * factor)
    whole_value = str(int(abs(fig.value))) if fig.value == int(fig.value) else ""
    if not whole_value or whole_value == "0":
        return 0, 0.0
    stripped = whole_value.rstrip("0")
    return len(stripped), float(10 ** (len(whole_value) - len(stripped)))


# How far from the value it bounds a hedged claim may be (see values_match, rule 3).
_BOUND_SPAN = 2.0
# A bound of two or more significant digits that ends in no round digit says how close it is:
# "超8.3万件" is written for 83,xxx or 84,xxx, not for 91,000 (the other year's 83,308 in a
# true-sounding sentence); within this many steps of its last digit. A bound ending in 0 or 5
# ("超过15家", "more than 25%", "超过1500件") is a round mark people set well below the figure.
_BOUND_STEPS = 3.0


def values_match(claimed: Figure, found: Figure, rel_tol: float = 0.005) -> bool:
    """Whether the `found` figure (from a source) supports the `claimed` one.

    Both must be the same kind (quantity, percent, rank, …) in compatible units
    (see `units_compatible`). Then, with c the claimed and f the found value:

    1. Exact: a claim stated as precisely as the source (or more) may differ from it only by
       either one's rounding at its stated precision (a figure of two or more significant
       digits: half a unit in its last place); a rounder claim, or one whose precision is not
       known from its text, within |f - c| <= rel_tol * |c| (default 0.5%).
    2. Rounding: a claim written with two or more significant digits also matches any f that
       rounds to it at that precision: "4.8万" matches 4.78万, "47,800" matches 47,830.
       One-digit claims ("2亿", "200 million") get no such leeway, since it would span ±50%.
    3. Hedged claims: "about/approximately/around/约" → within 5% of c (10% where either is a fraction
       word: "roughly half", index.figures.fractions);
       "nearly/近" → at most 5% below c and not above it (beyond rule 1/2);
       "more than/over/超/逾/余/多" → f > c; "at least/以上" → f >= c;
       "less than/不足" → f < c; "up to/at most/以下" → f <= c; "just over/出头" → f >= c, below the
       next step of c's last stated digit (half a step for a one-digit c). A bound is stated near the
       value it bounds: a "more than / at least" claim is not supported by f >= 2c, nor a "less
       than / up to" claim by f <= c/2 ("超过2.1亿美元" against a source's 超21亿美元 is a scale
       error a reader would be misled by, though literally true); a bound of two or more
       significant digits whose last one is not 0 or 5 is stated to that digit, and an exact source
       value lies within three steps of it ("超8.3万件" is not supported by 9.1万件; "超过15家" is by 18).
    4. Hedged sources: a found "more than F" (超200 million) supports a claimed "more than c"
       when c <= F < 2c, and an unhedged or approximate claim of the same number (rules 1-3 applied
       to F); a found "less than F" mirrors that. A bounded claim as precise as the bounded source
       (as many significant digits) restates the source's bound, so its number must be the
       source's: "规模逾34亿元" against 逾43亿元 is a changed figure, "逾40亿元" a rounding of it
       (its bound still holds). A source's fraction word ("约占全国总量一半") is matched by any claimed
       number in its neighbourhood (10%). A claim that repeats the source's number but
       drops its hedge therefore still matches; comparing the qualifiers is left to the caller.
    Years, periods, ordinals and ranks must be equal (ranks also honour 前十 = at most 10).
    """
    if claimed.kind != found.kind or not units_compatible(claimed.unit, found.unit):
        return False
    c, f = claimed.value, found.value
    eps = 1e-9 * max(1.0, abs(c))
    sig, step = _stated_precision(claimed)
    found_sig, found_step = _stated_precision(found)
    if claimed.kind in ("year", "period", "ordinal", "rank"):
        tol = eps
    elif sig and found_sig and sig >= found_sig:
        # A claim as precise as its source (or more) may differ from it only by either one's
        # rounding at its stated precision: "1845人" against 1854人 is a changed figure, though
        # within half a percent of it. A rounder claim ("1,000" for 1,004) keeps the leeway.
        tol = max(step / 2 if sig >= 2 else 0.0, found_step / 2 if found_sig >= 2 else 0.0) + eps
    else:
        tol = max(rel_tol * abs(c), step / 2 if sig >= 2 else 0.0) + eps
    approx = max(tol, _ROUGH_TOL * max(abs(c), abs(f)) if rough(claimed.text) or rough(found.text)
                 else _APPROX_TOL * abs(c))
    cq, fq = claimed.qualifier, found.qualifier

    if fq in _LOWER or fq in _UPPER:
        restated = (cq in _LOWER and fq in _LOWER) or (cq in _UPPER and fq in _UPPER)
        if restated and sig == found_sig > 0:
            return abs(f - c) <= tol
        if cq in _LOWER and fq in _LOWER:
            return c - tol <= f and _near_lower_bound(c, f, 0, 0.0)  # the source's own value is unknown
        if cq in _UPPER and fq in _UPPER:
            return f <= c + tol and _near_upper_bound(c, f, 0, 0.0)
        if cq in _LOWER or cq in _UPPER:
            return False
        return abs(f - c) <= (approx if cq in ("about", "nearly") else tol)
    if cq is None:
        # A source's fraction word ("约占全国总量一半") says no more than its neighbourhood: a number in it agrees.
        return abs(f - c) <= (approx if rough(found.text) else tol)
    if cq == "about":
        return abs(f - c) <= approx
    if cq == "nearly":
        return c - approx <= f <= c + tol
    if cq == "just_over":
        # A little more: to the next step of its last stated digit ("14万出头": 14–15万), and where that digit
        # is its only one, half a step ("8万出头": 8–8.5万, "十个亿出头": 10–15亿; not 88,462 nor 3453亿 for 3000亿).
        return c - eps <= f < c + (step if sig >= 2 else _JUST_OVER * step) + eps
    if cq == "more_than":
        return c < f and _near_lower_bound(c, f, sig, step)
    if cq == "at_least":
        return c - tol <= f and _near_lower_bound(c, f, sig, step)
    if cq == "less_than":
        return f < c and _near_upper_bound(c, f, sig, step)
    return f <= c + tol and _near_upper_bound(c, f, sig, step)  # at_most


def _near_lower_bound(c: float, f: float, sig: int, step: float) -> bool:
    """f is below twice a positive lower bound c, and for a precise bound (_precise) within
    _BOUND_STEPS of its last digit above it (see values_match, rule 3)."""
    return c <= 0 or (f < _BOUND_SPAN * c and (not _precise(c, sig, step) or f - c <= _BOUND_STEPS * step * (1 + 1e-9)))


def _near_upper_bound(c: float, f: float, sig: int, step: float) -> bool:
    """f is above half a positive upper bound c, and for a precise bound (_precise) within
    _BOUND_STEPS of its last digit below it."""
    return c <= 0 or (f > c / _BOUND_SPAN and (not _precise(c, sig, step) or c - f <= _BOUND_STEPS * step * (1 + 1e-9)))


def _precise(c: float, sig: int, step: float) -> bool:
    """A bound stated to a digit that is not a round mark: two or more significant digits, the last
    not 0 or 5 (8.3万, 1.2亿; not 15, 25%, 1500)."""
    if sig < 2 or step <= 0:
        return False
    return round(c / step) % 5 != 0


def restated_number(claimed: Figure, found: Figure) -> bool:
    """The claim states the source's exact number in a unit of its own ("15,766 tons" for 15,766
    batches): a number of three or more significant digits, exact and unhedged on both sides, is
    the same statistic misreported, not a coincidence. Round numbers (300, 2万) are no evidence."""
    if claimed.qualifier or found.qualifier or claimed.value != found.value or claimed.value <= 0:
        return False
    significant = f"{claimed.value:.6f}".replace(".", "").strip("0")
    return len(significant) >= 3


def number_matches(claimed: Figure, found: Figure) -> bool:
    """The claimed number matches the found one as values_match reads it, whatever unit the claim
    gives it ("US$8.85 billion" for RMB 8.85 billion, "1,854 cases" for 1,854 people)."""
    return values_match(claimed.model_copy(update={"unit": found.unit}), found)


def scale_off(claimed: Figure, found: Figure) -> int:
    """The power of ten the claimed value is off the found one by, within 1% of it ("833万件" for
    8.33万件: 2); 0 where it is off by none."""
    if not claimed.value or not found.value or claimed.value / found.value <= 0:
        return 0
    exponent = math.log10(claimed.value / found.value)
    return round(exponent) if abs(exponent - round(exponent)) < 0.01 else 0


def format_value(value: float, unit: str) -> str:
    """A base-unit value for display next to the source text: 47800 → "47,800", 31.17 % → "31.17%".

    Only percentages carry their sign; other units are left to the caller ("4.78万件 (47,800)").
    """
    d = Decimal(repr(round(value, 6)))
    if d == d.to_integral_value():
        text = f"{int(d):,}"
    else:
        text = f"{d.normalize():,f}"
    return text + "%" if unit == "%" else text
