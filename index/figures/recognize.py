"""The recognisers, in priority order: a span claimed by an earlier one is off limits to later
ones; and `parse_figures`, which runs them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from index.figures.fractions import fraction_words
from index.figures.model import Figure, FigureKind
from index.figures.numerals import arabic, chinese_int, chinese_number, english_words_value
from index.figures.pieces import (
    EN_WORD_RE,
    Candidate,
    counted_head_follows,
    english_unit,
    is_year,
    line_start,
    make_figure,
    one_tenth,
    qualifier_after,
    qualifier_before,
    read_tail,
    row_unit,
)
from index.figures.tables import (
    CLOSE_QUOTES,
    CN_DIGITS,
    CN_ORDINAL_UNIT_RE,
    CURRENCY_BEFORE_RE,
    CURRENCY_UNITS,
    EN_MULTIPLIERS,
    EN_NUMBER_WORDS,
    EN_ORDINAL_NOUNS,
    EN_ORDINAL_SMALL,
    EN_ORDINAL_TENS,
    EN_ORDINAL_WORD_RE,
    EN_SMALL_NUMBERS,
    EN_TENS,
    OPEN_QUOTES,
    RANK_CUE_CN_RE,
    RANK_CUE_EN_AFTER_RE,
    RANK_CUE_EN_BEFORE_RE,
    fold,
)
from index.lexicon import words

_DATE_RE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(?:(\d{1,2})[日号])?)(?!\d)"
)
_RANGE_RE = re.compile(
    r"(?<![\d.,A-Za-z])(\d+(?:\.\d+)?)(?:年(?=[ \t]*(?:至|到|[-—–~]{1,2}[ \t]*\d)))?[ \t]*(?:[-—–~]{1,2}|至|到)"
    r"[ \t]*(\d+(?:\.\d+)?)(?![\d.]\d)(年)?"
)
_EN_PERIOD_RE = re.compile(
    r"\b(?:from|between)[ \t]+((?:19|20)\d{2})[ \t]+(?:to|and|through|until)[ \t]+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_SKIP_RES = (
    re.compile(r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?!\d)"),  # times of day
    re.compile(r"(?<![\d.,])\d{1,2}月(?:\d{1,2}[日号])?"),  # 4月25日
    re.compile(r"(?<![\d.,])\d{1,2}[日号](?!\d)"),  # days, house numbers
    re.compile(r"(?<![\d.,])\d+号"),
    re.compile(r"(?<![\d.])\d{1,2}[·•・?]\d{1,2}(?!\d)"),  # 4·26 (World IP Day)
    re.compile(  # May 17 / 17 May: English dates
        r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?\b"
        r"|\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
    ),
)


def _times(t: str, original: str) -> Iterator[Candidate]:
    for m in _DATE_RE.finditer(t):
        month = int(m.group(3) or m.group(5))
        day = int(m.group(4) or m.group(6) or 1)
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield Candidate(
                m.start(), m.end(), make_figure(original, m.start(), m.end(), int(m.group(1)), "年", "year")
            )
    for m in _RANGE_RE.finditer(t):
        a, b = m.group(1), m.group(2)
        if len(a) == 4 and len(b) == 4 and a.isdigit() and b.isdigit() and is_year(Decimal(a)) and a < b:
            fig = make_figure(original, m.start(), m.end(), int(a), "年", "period")
            yield Candidate(m.start(), m.end(), fig)
        else:
            yield Candidate(m.start(), m.end(), None)  # 3-5年, 0751-8203663: no single value
    for m in _EN_PERIOD_RE.finditer(t):
        if m.group(1) < m.group(2):
            s, e = m.start(1), m.end(2)
            yield Candidate(s, e, make_figure(original, s, e, int(m.group(1)), "年", "period"))
    for skip in _SKIP_RES:
        for m in skip.finditer(t):
            yield Candidate(m.start(), m.end(), None)


_CN_PERCENT_RE = re.compile(
    r"百分之(?:(\d+(?:\.\d+)?)|([零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?))"
)


def _cn_percent(t: str, original: str) -> Iterator[Candidate]:
    for m in _CN_PERCENT_RE.finditer(t):
        value = arabic(m.group(1)) if m.group(1) else chinese_number(m.group(2))
        if value is None:
            continue
        qualifier, qstart = qualifier_before(t, m.start())
        after_q, cend = qualifier_after(t, m.end())
        fig = make_figure(original, m.start(), m.end(), value, "%", "percent", qualifier or after_q)
        yield Candidate(qstart, cend, fig)


_CN_ORDINAL_RE = re.compile(r"第[ \t]?(\d+|[零〇一二两三四五六七八九十百千]+)")
_CN_FIRST_RE = re.compile(r"首(位|批|届)")
_CN_TOP_RE = re.compile(r"(?<=位列|进入|跻身|排名|位居)前(\d+|[一二三四五六七八九十]+)(?:名|位)?")


def _cn_ordinals(t: str, original: str) -> Iterator[Candidate]:
    for m in _CN_ORDINAL_RE.finditer(t):
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else chinese_int(raw)
        if value is None or t.startswith(("方", "时间", "线"), m.end()):
            continue  # 第三方 (third party), 第一时间 (at once), 第一线 (front line)
        unit_m = CN_ORDINAL_UNIT_RE.match(t, m.end())
        unit = unit_m.group() if unit_m else ""
        end = unit_m.end() if unit_m else m.end()
        rank_cue = RANK_CUE_CN_RE.search(t, max(0, m.start() - 12), m.start()) is not None
        if unit in ("位", "名") or (not unit and rank_cue):
            yield Candidate(m.start(), end, make_figure(original, m.start(), end, value, "位", "rank"))
        else:
            yield Candidate(m.start(), end, make_figure(original, m.start(), end, value, unit, "ordinal"))
    for m in _CN_FIRST_RE.finditer(t):
        if m.group(1) == "位":
            if RANK_CUE_CN_RE.search(t, max(0, m.start() - 12), m.start()):
                yield Candidate(m.start(), m.end(), make_figure(original, m.start(), m.end(), 1, "位", "rank"))
        else:
            fig = make_figure(original, m.start(), m.end(), 1, m.group(1), "ordinal")
            yield Candidate(m.start(), m.end(), fig)
    for m in _CN_TOP_RE.finditer(t):
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else chinese_int(raw)
        if value is not None:
            fig = make_figure(original, m.start(), m.end(), value, "位", "rank", "at_most")
            yield Candidate(m.start(), m.end(), fig)


_EN_NUMERIC_ORDINAL_RE = re.compile(r"(?<![\w.])(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_EN_RANK_NO_RE = re.compile(
    r"\brank(?:s|ed|ing)?[ \t]+((?:No\.?[ \t]*|number[ \t]+)(\d+|one))\b", re.IGNORECASE
)


def _en_ordinals(t: str, original: str) -> Iterator[Candidate]:
    for m in _EN_RANK_NO_RE.finditer(t):
        value = 1 if m.group(2).lower() == "one" else int(m.group(2))
        s = m.start(1)
        yield Candidate(s, m.end(), make_figure(original, s, m.end(), value, "位", "rank"))
    hits: list[tuple[int, int, int, bool]] = []
    for m in _EN_NUMERIC_ORDINAL_RE.finditer(t):
        hits.append((m.start(), m.end(), int(m.group(1)), True))
    for m in EN_ORDINAL_WORD_RE.finditer(t):
        if m.group(3):
            word = m.group(3).lower()
            value = EN_ORDINAL_SMALL.get(word) or EN_ORDINAL_TENS[word]
        else:
            value = EN_TENS[m.group(1).lower()] + EN_ORDINAL_SMALL[m.group(2).lower()]
        hits.append((m.start(), m.end(), value, False))
    for s, e, value, numeric in hits:
        before = t[max(0, s - 40) : s]
        if RANK_CUE_EN_BEFORE_RE.search(before) or RANK_CUE_EN_AFTER_RE.match(t, e):
            yield Candidate(s, e, make_figure(original, s, e, value, "位", "rank"))
            continue
        nxt = EN_WORD_RE.match(t, e)
        noun = nxt.group(1).lower() if nxt else ""
        if numeric or noun in EN_ORDINAL_NOUNS:
            yield Candidate(s, e, make_figure(original, s, e, value, EN_ORDINAL_NOUNS.get(noun, ""), "ordinal"))


_ARABIC_RE = re.compile(
    r"(?<![0-9.@+_/])(?<!\d,)(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
)
_TOP_BEFORE_RE = re.compile(r"\b(?:top|No\.?)[ \t]*$", re.IGNORECASE)
# "per 10,000 residents", "for every 100,000 people", 每1万人口: a rate's denominator, part of its unit
# (as 每万人口 is for the Chinese numerals), not a figure of its own.
_PER_BEFORE_RE = re.compile(r"(?:\b(?:per|every)|每)[ \t]*$", re.IGNORECASE)


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _arabic_numbers(t: str, original: str) -> Iterator[Candidate]:
    for m in _ARABIC_RE.finditer(t):
        s, e = m.span(1)
        raw = m.group(1)
        nxt = t[e : e + 1]
        labelled = (
            nxt.isascii() and nxt.isalpha() and not re.match(r"(?:bn|mn)\b", t[e : e + 3], re.IGNORECASE)
        )
        if labelled or nxt in ("+", "@") or re.match(r"\.[A-Za-z]", t[e : e + 2]):
            continue  # 5G, 3D, 1+N, example.com: labels, not amounts (1.5bn is an amount)
        if len(raw) > 1 and raw[0] == "0" and raw[1] != ".":
            continue  # leading zero: codes and phone numbers
        if _TOP_BEFORE_RE.search(t, max(0, s - 6), s) or nxt in ("大", "佳"):
            continue  # "top 10 cases", 10大案件, 10佳: names of lists, not counts
        if _PER_BEFORE_RE.search(t, max(0, s - 8), s):
            continue
        currency = CURRENCY_BEFORE_RE.search(t, max(0, s - 5), s)
        if not currency and t[s - 1 : s].isascii() and t[s - 1 : s].isalpha():
            continue  # G20, PM2.5: part of a name (RMB1,036 is let through above)
        value = arabic(raw)
        fstart = currency.start() if currency else s
        tail = read_tail(t, e, english=True, singular_ok=value == 1)
        unit = tail.unit
        if currency and (not unit or unit == "元"):
            unit = CURRENCY_UNITS[currency.group(1) or currency.group(2)]
        qualifier, qstart = qualifier_before(t, fstart)
        after_q, cend = qualifier_after(t, tail.end)
        qualifier = qualifier or tail.qualifier or after_q
        factor, kind = tail.factor, tail.kind
        row = row_unit(t, s) if not unit and not tail.has_scale else None
        if row:
            factor, unit, kind = row
        plain_int = raw.isdigit() and len(raw) == 4 and is_year(value)
        # "disputes over 2024": English writes counts with a comma; a bare year after "over" counts nothing.
        after_bound = qualifier and not unit and qstart < s and t[qstart:s].isascii() and _CLAUSE_END.match(t, e)
        if plain_int and (after_bound or not qualifier) and not (tail.has_scale or currency):
            # Counts of 1900-2099 do occur (2282宗, 1955件), but English writes them with a comma,
            # so an English noun only makes a count when it follows the number directly.
            is_count = unit not in ("", "年") and (
                not tail.english_unit or (tail.unit_word_index == 0 and tail.unit_is_plural)
            ) and not _TIME_PREPOSITION.search(t, max(0, s - 20), s)
            if not is_count and not row:
                end = tail.end if unit == "年" and not tail.english_unit else e
                yield Candidate(s, end, make_figure(original, s, end, value, "年", "year"))
                continue
        if not unit:
            before = t[s - 1 : s]
            if (before and before in OPEN_QUOTES and nxt and nxt in CLOSE_QUOTES) or (
                before in ("(",) and nxt == ")"
            ):
                continue  # “1310”, (1): names and list markers
            if line_start(t, s) and nxt in (".", "、", ")"):
                continue
        fig = make_figure(original, fstart, tail.end, value * factor, unit, kind, qualifier)
        yield Candidate(min(qstart, fstart), max(cend, tail.end), fig)


_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?，。；：！？]|$)")  # what may follow a year that ends its clause
# After a preposition of time, a year: "In 2023 prosecutors …" (index/lexicon/time_prepositions_en.txt).
_TIME_PREPOSITION = re.compile(r"\b(?:" + "|".join(sorted(words("time_prepositions_en.txt"))) + r")\s+$", re.IGNORECASE)

_CN_NUMERAL_RE = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万亿第])([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)"
)


def _cn_numerals(t: str, original: str) -> Iterator[Candidate]:
    for m in _CN_NUMERAL_RE.finditer(t):
        s, e = m.span(1)
        token = m.group(1)
        before = t[s - 1 : s]
        if before and (before in "每数几若上好" or before in OPEN_QUOTES):
            continue  # 每万人口 (per 10,000), 数十家 (dozens), “千人”计划 (a programme name)
        if token in ("一", "零", "〇") and not (token == "一" and one_tenth(t, s, e)):
            continue  # 一 is mostly the article "a" (一批, 一件事); 零件 is "parts"
        value = chinese_number(token)
        if value is None:
            continue
        whole = token.partition("点")[0]
        if len(whole) > 1 and all(ch in CN_DIGITS for ch in whole):  # 二〇二三: only ever a year
            if len(token) == 4 and t.startswith("年", e) and is_year(value):
                yield Candidate(s, e + 1, make_figure(original, s, e + 1, value, "年", "year"))
            continue
        qualifier, qstart = qualifier_before(t, s)
        if token in ("百", "千", "万", "亿") and qualifier is None:
            continue  # bare 百/千 without 近/超 is part of a word (百篇, 千人)
        tail = read_tail(t, e, english=False)
        # An amount whose unit goes unsaid ("货值两亿多", "超百亿") has a number or a bound before its scale
        # and grades nothing ("万亿级产业集群", "千亿级": no figures).
        scaled = (token[-1] in "万萬亿億" or tail.has_scale) and (token[0] not in "百千万萬亿億" or qualifier) \
            and t[tail.end:tail.end + 1] not in ("级", "級")
        if not tail.unit and not (scaled and (token[-1] in "亿億" or tail.factor >= 10**8 or tail.qualifier)):
            continue  # 十大事件, 一流: numerals inside words
        after_q, cend = qualifier_after(t, tail.end)
        fig = make_figure(
            original,
            s,
            tail.end,
            value * tail.factor,
            tail.unit,
            tail.kind,
            qualifier or tail.qualifier or after_q,
        )
        yield Candidate(min(qstart, s), cend, fig)


_OPENING_QUOTES = ("\"", "“", "‘", "'")
_LETTERS_RE = re.compile(r"[A-Za-z]+")


def _en_words(t: str, original: str) -> Iterator[Candidate]:
    tokens = list(_LETTERS_RE.finditer(t))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.group().lower()
        if word not in EN_SMALL_NUMBERS and word not in EN_TENS:
            i += 1
            continue
        words = [word]
        j = i + 1
        while j < len(tokens):
            gap = t[tokens[j - 1].end() : tokens[j].start()]
            nxt = tokens[j].group().lower()
            if gap not in (" ", "-") or (nxt not in EN_NUMBER_WORDS and nxt != "and"):
                break
            if nxt == "and" and (
                words[-1] not in EN_MULTIPLIERS
                or j + 1 >= len(tokens)
                or tokens[j + 1].group().lower() not in EN_NUMBER_WORDS
            ):
                break
            words.append(nxt)
            j += 1
        s, e = tok.start(), tokens[j - 1].end()
        i = j
        if t[e : e + 1] == "-" or t[s - 1 : s] == "-":
            continue  # Five-Year, one-stop: compound adjectives
        if _TOP_BEFORE_RE.search(t, max(0, s - 6), s):
            continue  # "top ten events": the name of a list, as "top 10 cases" is
        value = english_words_value(words)
        if value is None:
            continue
        unit, end, _, _ = english_unit(t, e, singular_ok=value == 1)
        if not unit:
            # A count of a noun no unit names ("five joint enforcement actions") is a figure with no
            # unit, as "3 law enforcement actions" is; "one of" is none, nor is a slogan's number
            # ("“two preventions and one obstruction”").
            if t[s - 1 : s] in _OPENING_QUOTES or not counted_head_follows(t, e):
                continue
            end = e
        qualifier, qstart = qualifier_before(t, s)
        kind: FigureKind = "percent" if unit in ("%", "百分点") else "quantity"
        yield Candidate(min(qstart, s), end, make_figure(original, s, end, value, unit, kind, qualifier))


_Recognizer = Callable[[str, str], Iterator[Candidate]]
_RECOGNIZERS: tuple[_Recognizer, ...] = (
    _times,
    fraction_words,  # before the ordinals ("a third") and numerals (三分之一 is no 三分)
    _cn_percent,
    _cn_ordinals,
    _en_ordinals,
    _arabic_numbers,
    _cn_numerals,
    _en_words,
)


def parse_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order of position; see the module docstring for conventions."""
    folded = fold(text)
    taken = bytearray(len(folded))
    figures: list[Figure] = []
    for recognize in _RECOGNIZERS:
        for cand in recognize(folded, text):
            if cand.end <= cand.start or any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            if cand.figure is not None:
                figures.append(cand.figure)
    return sorted(figures, key=lambda f: f.start)

