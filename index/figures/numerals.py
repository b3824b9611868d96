"""Number words and digits to values: Chinese numerals (三万四千), English number words
(twenty-one thousand), Arabic digits with separators. Pure functions."""

from __future__ import annotations

import re
from decimal import Decimal

from index.figures.tables import (
    CN_BIG,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    CN_SMALL,
    EN_MULTIPLIERS,
    EN_SMALL_NUMBERS,
    EN_TENS,
)

# "3.9个亿", "两个亿", "十几个亿": people put a filler 个 between a number and 亿. Not before 万:
# "5个万人小区" is five estates of ten thousand people, not 50,000 people; nor before a 亿 that grades
# what is counted: "5个亿元以上项目" and "10个亿级产业集群" are five projects and ten clusters.
# "两个多亿", "八十多个亿": the hedge 多 stands before or after the filler; it goes after the scale
# ("两亿多", "八十多亿"), where the parser reads it.
_FILLER_BEFORE_SCALE = re.compile(
    r"(?<=[0-9零〇一二两三四五六七八九十百千几])([多余]?)[个個]([多余]?)([亿億])(?![元圆]?(?:级|級|以上|万|萬))")


def without_scale_filler(text: str) -> str:
    """A user's text with the filler 个 dropped between a number and 亿 ("3.9个亿" → "3.9亿"), so
    the number is read with its scale rather than as 3.9 of something. The documents never write
    it; a question or claim is analysed on the text this returns."""
    return _FILLER_BEFORE_SCALE.sub(r"\1\3\2", text)


def chinese_int(s: str) -> int | None:
    """Value of a Chinese integer numeral, or None when it is not a well-formed one.

    Strict on purpose: 十三五 / 十四五 (plan names) must fail rather than parse as 13 or 135,
    and colloquial 一千二 (1200? 1002?) is refused instead of guessed.
    """
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s):
        # Digit-by-digit form (二〇二三); 两 never appears in it.
        if len(s) > 1 and "两" in s:
            return None
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    pending: int | None = None
    last_small = 10_000  # multipliers inside a section must fall: 千 > 百 > 十
    last_big = 0
    zero_since_multiplier = False
    last_multiplier = 0
    for i, ch in enumerate(s):
        if ch in CN_DIGITS:
            if pending is not None:
                return None  # two digits in a row, as in 十三五
            if CN_DIGITS[ch] == 0:
                zero_since_multiplier = True
                continue
            pending = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            m = CN_SMALL[ch]
            if m >= last_small:
                return None
            if pending is None:
                if section != 0 or (i > 0 and s[i - 1] not in CN_BIG and s[i - 1] not in "零〇"):
                    return None
                if section == 0 and total != 0 and ch != "十":
                    return None
                pending = 1  # bare 十/百/千 at the head of a section: 十五, 百
            section += pending * m
            pending = None
            last_small = m
            last_multiplier = m
            zero_since_multiplier = False
        else:
            m = CN_BIG[ch]
            if pending is not None:
                section += pending
                pending = None
            if section == 0 and total == 0:
                section = 1  # bare 万 / 亿
            if m > last_big:
                total = (total + section) * m  # also covers 万亿 (1e12)
            else:
                if section == 0:
                    return None
                total += section * m
            last_big = m
            section = 0
            last_small = 10_000
            last_multiplier = m
            zero_since_multiplier = False
    if pending is not None:
        if last_multiplier > 10 and not zero_since_multiplier:
            return None  # 一千二, 三万五: colloquial abbreviations
        section += pending
    return total + section


def chinese_number(s: str) -> Decimal | None:
    """A Chinese numeral with an optional 点 fraction (十二点五)."""
    whole, dot, frac = s.partition("点")
    value = chinese_int(whole)
    if value is None:
        return None
    if not dot:
        return Decimal(value)
    if not frac or any(ch not in CN_DIGITS or ch == "两" for ch in frac):
        return None
    return Decimal(f"{value}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")


def english_words_value(words: list[str]) -> int | None:
    """Value of number words already split into tokens (["two", "hundred", "and", "five"])."""
    total = 0
    current = 0
    last = ""  # kind of the previous token: unit, teen, tens, hundred, big
    for word in words:
        if word == "and":
            if last not in ("hundred", "big"):
                return None
            continue
        if word in EN_SMALL_NUMBERS:
            v = EN_SMALL_NUMBERS[word]
            if last in ("unit", "teen") or (last == "tens" and v >= 10):
                return None
            current += v
            last = "unit" if v < 10 else "teen"
        elif word in EN_TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += EN_TENS[word]
            last = "tens"
        elif word == "hundred":
            if last not in ("unit",) or current >= 10:
                return None
            current *= 100
            last = "hundred"
        elif word in EN_MULTIPLIERS:
            if current == 0:
                return None
            total += current * EN_MULTIPLIERS[word]
            current = 0
            last = "big"
        else:
            return None
    return total + current


def arabic(raw: str) -> Decimal:
    return Decimal(raw.replace(",", ""))
