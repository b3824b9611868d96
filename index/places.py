"""Places a question or a figure's sentence names: Guangdong's prefecture-level cities, and the
other provinces and the largest cities of China.

The corpus reports figures for the whole province and, beside them, for single cities
(深圳海关 vs 广东海关; the Guangzhou report). A question about one city must not be answered
with the province's figure, nor with another city's, and a question about the province should
prefer the province's own figure. A question about another province (广西海关查扣…) is not
answered with Guangdong's figure. Pure functions.
"""

from __future__ import annotations

import re

from index.lexicon import rows
from index.text import en_tokens

_ROWS = rows("place_names.tsv", 3)
# (Chinese name, English name) of the 21 prefecture-level cities of Guangdong, and of the places
# outside Guangdong a question may ask about (index/lexicon/place_names.tsv).
CITIES: tuple[tuple[str, str], ...] = tuple((zh, en) for zh, en, group in _ROWS if group == "guangdong_city")
ELSEWHERE: tuple[tuple[str, str], ...] = tuple((zh, en) for zh, en, group in _ROWS if group == "elsewhere")

_NAMES = {zh: zh for zh, _ in CITIES + ELSEWHERE} | {en.lower(): zh for zh, en in CITIES + ELSEWHERE}
# Traditional forms of the names whose characters differ (the 2023 white paper is traditional), and other spellings.
_NAMES |= {form: group.removeprefix("alias:") for form, _, group in _ROWS if group.startswith("alias:")}
_NAME_RE = re.compile(
    "|".join(sorted((re.escape(n) for n in _NAMES), key=len, reverse=True)), re.IGNORECASE)
# "中山大学" is a university, not the city; "(Guangzhou) Co., Ltd." names a company's seat.
_NOT_A_PLACE_RE = re.compile(r"中山(?:大学|大學)|Sun Yat-sen", re.IGNORECASE)


def place_mentions(text: str) -> list[tuple[int, int, str]]:
    """Where a text names places (see module docstring): (start, end, simplified Chinese name)."""
    text = _NOT_A_PLACE_RE.sub(lambda m: " " * len(m.group()), text)  # same length: the offsets stay
    found = []
    for m in _NAME_RE.finditer(text):
        name = m.group(0)
        # An English name must stand as a word ("Shenzhen's" counts; "Zhongshanlu" does not); a Chinese
        # character beside it is a word boundary ("2023年Shenzhen呢?").
        if name.isascii() and (
            (m.start() > 0 and _latin(text[m.start() - 1])) or (m.end() < len(text) and _latin(text[m.end()]))
        ):
            continue
        found.append((m.start(), m.end(), _NAMES[name.lower()] if name.isascii() else _NAMES[name]))
    return found


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def cities_in(text: str) -> frozenset[str]:
    """The places (see module docstring) a text names, as their simplified Chinese names."""
    return frozenset(name for _, _, name in place_mentions(text))


def place_mismatch(asked: frozenset[str], sentence: frozenset[str], document: frozenset[str]) -> tuple[float, float]:
    """(other place, city figure): -1 in the first when a question about a city meets a figure
    that neither its sentence nor its document places in that city; -1 in the second when a
    question naming no city meets a figure its sentence (or else its document) gives for one."""
    if asked:
        return (0.0 if asked & (sentence | document) else -1.0), 0.0
    return 0.0, (-1.0 if sentence or document else 0.0)


_ENGLISH = {zh: en for zh, en in CITIES + ELSEWHERE}


def place_name(place: str, lang: str) -> str:
    """A place (as cities_in names it) written in one language: 深圳 → Shenzhen."""
    return _ENGLISH.get(place, place) if lang == "en" else place


def place_words(places: frozenset[str], lang: str) -> frozenset[str]:
    """The search words of places (as cities_in names them) in one language: 广州 → guangzhou."""
    if lang == "zh":
        return places
    return frozenset(w for zh in places for w in en_tokens(_ENGLISH.get(zh, "")))
