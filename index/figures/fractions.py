"""Shares and changes stated as fractions or multiples, not numbers: "more than half", "nearly a
third", "more than doubled", 约占全国一半, 三分之一, 增幅超过一倍, 翻了一番 (fraction_words.tsv). Each
is a percent figure (half 50%, doubled +100%), bounded by the bound word before or after it as a
number is, and "about" where none is: a fraction word is a rounding, matched more loosely than a
number (index.figures.tolerance.rough). Pure functions over the folded text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from index.figures.numerals import chinese_int
from index.figures.pieces import Candidate, make_figure, qualifier_after, qualifier_before
from index.figures.tables import fold
from index.lexicon import rows

# 三分之一, 四分之三: any small Chinese numerals (a denominator up to ten)
_CN_FRACTION = re.compile(r"([二两三四五六七八九十])分之([一二三四五六七八九])")


@cache
def _words() -> tuple[tuple[re.Pattern[str], re.Pattern[str], Decimal, bool], ...]:
    """(pattern, the figure's own text, percent, states a change) for each row of fraction_words.tsv."""
    return tuple((re.compile(pattern, re.IGNORECASE), re.compile(pattern if core == "=" else core, re.IGNORECASE),
                  Decimal(percent), sense == "change")
                 for pattern, core, percent, sense in rows("fraction_words.tsv", 4))


def _spans(t: str) -> Iterator[tuple[int, int, Decimal]]:
    """(start, end, percent) of every fraction word in the folded text ``t``."""
    for pattern, _, percent, _ in _words():
        for m in pattern.finditer(t):
            yield m.start(), m.end(), percent
    for m in _CN_FRACTION.finditer(t):
        whole, part = chinese_int(m.group(1)), chinese_int(m.group(2))
        if whole and part is not None and 0 < part < whole:
            yield m.start(), m.end(), (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.001"))


def fraction_words(t: str, original: str) -> Iterator[Candidate]:
    """The recogniser: a percent figure for each fraction word, its bound word with it."""
    for start, end, percent in sorted(_spans(t)):
        qualifier, qstart = qualifier_before(t, start)
        after, qend = qualifier_after(t, end)
        if after is None and t[end : end + 1] in ("多", "余", "餘"):  # 一倍多: more than double
            after, qend = "more_than", end + 1
        fig = make_figure(original, start, end, percent, "%", "percent", qualifier or after or "about")
        yield Candidate(qstart, qend, fig)


def rough(text: str) -> bool:
    """The figure's own text is a fraction word (its bound word aside): a rounding, not a number."""
    t = fold(text).strip()
    return bool(t) and (any(core.fullmatch(t) for _, core, _, _ in _words()) or bool(_CN_FRACTION.fullmatch(t)))


def states_multiple(text: str) -> bool:
    """The figure's own text is a change word ("doubled", 翻番, 增长一倍): a rise, stated by itself."""
    t = fold(text).strip()
    return any(change and core.fullmatch(t) for _, core, _, change in _words())
