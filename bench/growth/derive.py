"""A derived document: one of the corpus's documents rewritten as another province's, for another
year, with other figures. Pure functions over text.

Figures are found with the project's own parser (index.figures), so 8.85万 in the Chinese text
and 88,500 in its English translation are one value, and every figure of that value is given the
same new value, written in its own form (11.505万 / 115,050): the two languages of a derived
document state the same new numbers, as a real translation would. A value that some occurrence
states in a form that cannot be rewritten (Chinese numerals, a range) keeps its value everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from index.figures.recognize import parse_figures

# A pinyin reading after the character it annotates: 產(chǎn). The derived documents drop them
# (the cleaner drops them too; index/clean_lines.py) so that names and figures read as one word.
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\([a-z{_TONES}]{{1,7}}\)")
# A year as documents write it: four digits from 1980 to 2039, not part of a longer number.
_YEAR = re.compile(r"(?<![\d.,])(19[89]\d|20[0-3]\d)(?![\d]|[.,]\d)")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_PERTURBED_KINDS = ("quantity", "percent")


def strip_pinyin(text: str) -> str:
    return _PINYIN.sub("", text)


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def _decimal(value: float) -> Decimal:
    return Decimal(repr(round(value, 6))).normalize()


def new_value(value: float, factor: Decimal) -> Decimal:
    """``value`` times ``factor``, kept to the value's own precision: a whole count stays whole."""
    d = _decimal(value)
    places = max(0, -d.as_tuple().exponent)  # type: ignore[operator]
    return (d * factor).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _render(number: Decimal, like: str) -> str:
    """``number`` written as ``like`` is (thousands separators or not)."""
    number = number.normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,f}" if "," in like else f"{number:f}"


def figure_edits(text: str, factor: Decimal) -> list[Edit]:
    """The edits that give every rewritable figure of ``text`` its new value (see module docstring)."""
    planned: list[tuple[int, int, str, Decimal, float]] = []  # number span, its text, its scale, value
    fixed: set[float] = set()  # values some occurrence of which cannot be rewritten
    for fig in parse_figures(text):
        if fig.kind not in _PERTURBED_KINDS:
            continue
        span = text[fig.start:fig.end]
        numbers = list(_NUMBER.finditer(span))
        number = Decimal(numbers[0].group(0).replace(",", "")) if len(numbers) == 1 else None
        if number is None or number == 0:
            fixed.add(fig.value)
            continue
        scale = (_decimal(fig.value) / number).normalize()
        if scale != Decimal(1).scaleb(scale.adjusted()):  # 万, million …: a power of ten, or not ours
            fixed.add(fig.value)
            continue
        m = numbers[0]
        planned.append((fig.start + m.start(), fig.start + m.end(), m.group(0), scale, fig.value))
    return [Edit(s, e, _render(new_value(v, factor) / scale, like)) for s, e, like, scale, v in planned
            if v not in fixed]


def year_edits(text: str, shift: int, taken: list[Edit]) -> list[Edit]:
    """Every year shifted by ``shift``, outside the figures already being rewritten."""
    if shift == 0:
        return []
    busy = [(e.start, e.end) for e in taken]
    return [Edit(m.start(), m.end(), str(int(m.group(0)) + shift)) for m in _YEAR.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e in busy)]


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            continue  # overlaps the previous edit: that one wins
        out += [text[pos:e.start], e.text]
        pos = e.end
    return "".join(out) + text[pos:]


def shift_figures(text: str, factor: Decimal, year_shift: int) -> str:
    """New figures (times ``factor``, consistently per value) and years (plus ``year_shift``)."""
    figures = figure_edits(text, factor)
    return apply_edits(text, figures + year_edits(text, year_shift, figures))
