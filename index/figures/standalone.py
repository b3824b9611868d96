"""The value of a number written on its own ("1310", "twenty", "一", "more than 200 million yuan"),
as a table cell, a form field or a test gives it, by the conventions parse_figures reads running text with."""

from __future__ import annotations

import re

from index.figures.numerals import arabic, chinese_number, english_words_value
from index.figures.recognize import parse_figures
from index.figures.tables import CN_SCALES, EN_NUMBER_WORDS, EN_SCALES, fold

_STANDALONE_ARABIC_RE = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t]*(万亿|千亿|百亿|千万|百万|十万|亿|万|千"
    r"|thousand|million|billion|trillion|bn|mn)?[ \t]*(?:多|余)?[ \t]*(%|percent|per cent)?",
    re.IGNORECASE,
)


def parse_number(s: str) -> float | None:
    """The value of a standalone number in any form parse_figures knows, or None.

    Accepts bare numbers that running text would ignore ("一", "twenty", "1310") as well as
    whole figures ("more than 200 million yuan" → 2e8, "百分之十二点五" → 12.5).
    """
    t = fold(s).strip()
    if not t:
        return None
    m = _STANDALONE_ARABIC_RE.fullmatch(t)
    if m:
        factor = 1
        if m.group(2):
            factor = CN_SCALES.get(m.group(2)) or EN_SCALES[m.group(2).lower()]
        return float(arabic(m.group(1)) * factor)
    cn = re.fullmatch(r"(?:百分之)?([零〇一二两三四五六七八九十百千万亿点]+)[多余]?(成)?", t)
    if cn:
        value = chinese_number(cn.group(1))
        if value is not None:
            return float(value * 10 if cn.group(2) else value)
    words = re.split(r"[ \t]+|-", t.lower())
    if words and all(w in EN_NUMBER_WORDS or w == "and" for w in words):
        en = english_words_value(words)
        if en is not None:
            return float(en)
    figures = parse_figures(s)
    return figures[0].value if len(figures) == 1 else None
