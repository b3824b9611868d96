"""Changes stated as multiples or fractions, not numbers: "more than doubled", "fell by nearly a
third", "rose by more than half", 增幅超过一倍, 翻了一番, 减少了三分之一 (fraction_words.tsv). Each is a
percent figure of the change (doubled +100%, by half 50%), bounded by the bound word before or after
it as a number is, and "about" where none is: a fraction word is a rounding, matched more loosely
than a number (index.figures.tolerance). A fraction is a change where a change word leads to it
("by", 减少, 增幅); else a share ("half of the cases", 约占全国一半), a figure a claim states but this
product does not check (share_word): which whole it is a share of, no figure says. Words that only
look like fractions ("a third year", "a quarter of a century", "doubled its efforts") are none.
Pure functions over the folded text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache, lru_cache

from index.figures.model import Figure
from index.figures.numerals import chinese_int
from index.figures.pieces import Candidate, make_figure, qualifier_after, qualifier_before
from index.figures.tables import fold
from index.lexicon import rows

# 三分之一, 四分之三: any small Chinese numerals (a denominator up to ten)
_CN_FRACTION = re.compile(r"([二两三四五六七八九十])分之([一二三四五六七八九])")
# What leads to a fraction that states a change: "by" (a bound word between), or a rise or fall word (了 and a
# bound word between): "fell by nearly a third", "增幅超过一倍", "减少了近一半".
_CHANGE_BEFORE_EN = re.compile(r"\bby[ \t]+(?:(?:more than|over|nearly|almost|about|roughly|around|some|close to|less than"
                               r"|under|just over|just under|at least|up to|well over)[ \t]+)?$", re.IGNORECASE)
_CHANGE_BEFORE_ZH = re.compile(r"(?:增长|增長|增加|提高|上升|上涨|上漲|增幅|减少|減少|下降|降低|降幅|回落|下滑|缩减|縮減|压缩|壓縮)"
                               r"了?(?:超过|超過|超|逾|近|约|約|接近|将近|將近|达|達|达到|達到)?$")
# "doubled its efforts", "doubling down": a verb with an object, or a phrase, is no change of a figure
_OBJECT_AFTER = re.compile(r"[ \t]+(?:down|up on|its|their|his|her|our|my|your|the|a|an|efforts?)\b", re.IGNORECASE)


@cache
def _words() -> tuple[tuple[re.Pattern[str], Decimal, bool], ...]:
    """(pattern, percent, a change by itself) for each row of fraction_words.tsv."""
    return tuple((re.compile(pattern, re.IGNORECASE), Decimal(percent), sense == "multiple")
                 for pattern, percent, sense in rows("fraction_words.tsv", 3))


_LEAD = 30  # how far before a fraction word its change word is looked for (characters)
_DIGIT = re.compile(r"\d")


def _led_by_change(t: str, start: int) -> bool:
    head = t[max(0, start - _LEAD) : start]
    return bool(_CHANGE_BEFORE_EN.search(head) or _CHANGE_BEFORE_ZH.search(head))


def _share_at(t: str, start: int, end: int) -> bool:
    """A fraction word there states a share: "half of the cases" (not "a quarter of a century", "one-
    third of the way"), 约占一半, 三分之二为累犯."""
    if t[start : start + 1].isascii():
        return bool(_SHARE_OF_EN.match(t, end))
    return t[start : start + 1] != "一" or t[start : start + 2] == "一半"


# "half of the cases", "a third of them": a share; not of a time or a way ("of a century", "of 2024", "of the way")
_SHARE_OF_EN = re.compile(r"[ \t]+of[ \t]+(?!(?:a|the)[ \t]+(?:century|decade|year|month|way|day)\b|(?:19|20)\d\d\b)",
                          re.IGNORECASE)


def _spans(t: str) -> Iterator[tuple[int, int, Decimal]]:
    """(start, end, percent) of every change or share word in the folded text ``t``."""
    for pattern, percent, multiple in _words():
        for m in pattern.finditer(t):
            if multiple and not _OBJECT_AFTER.match(t, m.end()) or not multiple and (
                    _led_by_change(t, m.start()) or _share_at(t, m.start(), m.end())):
                yield m.start(), m.end(), percent
    for m in _CN_FRACTION.finditer(t):
        whole, part = chinese_int(m.group(1)), chinese_int(m.group(2))
        if whole and part is not None and 0 < part < whole:
            yield m.start(), m.end(), (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.001"))


def share_word(text: str, fig: Figure) -> bool:
    """The figure is a fraction word stating a share ("more than half of the 91,000 cases", 约占四分之一),
    not a change: which whole it is a share of, the documents' figures cannot tell (a claim's share is
    not checked, qa.claim_check)."""
    if not rough(fig.text) or multiple_word(fig.text):
        return False
    # fold keeps offsets: only the lead before the figure is folded, not the whole text (a chunk, per candidate)
    lead = fold(text[max(0, fig.start - _LEAD) : fig.start])
    return not _led_by_change(lead, len(lead))


def fraction_words(t: str, original: str) -> Iterator[Candidate]:
    """The recogniser: a percent figure for each change or share word, its bound word with it."""
    for start, end, percent in sorted(_spans(t)):
        qualifier, qstart = qualifier_before(t, start)
        after, qend = qualifier_after(t, end)
        if after is None and t[end : end + 1] in ("多", "余", "餘"):  # 一倍多: more than double
            after, qend = "more_than", end + 1
        fig = make_figure(original, start, end, percent, "%", "percent", qualifier or after or "about")
        yield Candidate(qstart, qend, fig)


@lru_cache(maxsize=8192)
def rough(text: str) -> bool:
    """The figure's own text is a multiple or fraction word (its bound word aside): a rounding of a
    change, not a number. (Asked of both sides of every value match: cached, and a text with a digit,
    as most are, is none.)"""
    t = fold(text).strip()
    return bool(t) and not _DIGIT.search(t) \
        and (any(p.fullmatch(t) for p, _, _ in _words()) or bool(_CN_FRACTION.fullmatch(t)))


@lru_cache(maxsize=1024)
def multiple_word(text: str) -> bool:
    """The figure's own text is a multiple ("doubled", 翻了一番): a rise by itself."""
    t = fold(text).strip()
    return any(multiple and p.fullmatch(t) for p, _, multiple in _words())

