"""Units: the canonical measure word for a written one, and which units count the same thing."""

from __future__ import annotations

import re
from functools import cache

from index.figures.pieces import multiword_unit
from index.figures.tables import (
    CN_SCALE_RE,
    CN_UNITS,
    CURRENCY_UNITS,
    EN_MULTIWORD_FULL_RE,
    EN_UNITS,
    SINGULAR_FORM,
    fold,
)
from index.lexicon import mapping, words

# Units that count the same thing under different measure words. 件/宗/起/案 all count cases
# (案件1926起 vs 1,926 cases); 人/名 count people; 家/所/个 count organisations and places
# (中心20家 vs 调解组织167个 vs 高校6所); 批/批次 count batches.
_UNIT_GROUPS = (
    frozenset({"件", "宗", "起", "案"}),
    frozenset({"人", "名"}),
    frozenset({"家", "个", "所"}),
    frozenset({"批次", "批"}),
)
_CANONICAL_UNITS = frozenset(CN_UNITS.values()) | {"%", "位", "届", "轮", "章", "节", "号"}


# 个 is the measure word of anything counted one by one ("4870个犯罪嫌疑人", "1648个窝点", "3个案子"):
# it restates a count in 人, 名, 件 or 家 alike. Not a count of occurrences (人次, 件次, 次) or of
# batches (批, 批次), which count something else than the things themselves, nor any measurement (元, 吨, %).
_GENERIC_COUNT = "个"
_NOT_ONE_BY_ONE = frozenset({"批"})
_OCCURRENCES = "次"  # 人次, 件次, 批次, 次: occurrences, not the things


def unit_group(unit: str) -> frozenset[str]:
    for group in _UNIT_GROUPS:
        if unit in group:
            return group
    return frozenset({unit})


def normalize_unit(word: str) -> str:
    """Canonical measure word for a unit written in Chinese (either script) or English, or "".

    ``億元``/``亿元``/``万元`` → 元 (the scale belongs in the value), ``個`` → 个,
    ``cases`` → 件, ``US dollars`` → 美元, ``％`` → %. Unknown words give "".
    """
    w = fold(word).strip()
    if not w:
        return ""
    if w in CN_UNITS:
        return CN_UNITS[w]
    if w in _CANONICAL_UNITS:
        return w
    scaled = CN_SCALE_RE.match(w)
    if scaled and scaled.end() < len(w):
        return normalize_unit(w[scaled.end() :])
    if w in CURRENCY_UNITS:
        return CURRENCY_UNITS[w]
    low = re.sub(r"\s+", " ", w.lower())
    if low in EN_UNITS:
        return EN_UNITS[low][0]
    if EN_MULTIWORD_FULL_RE.fullmatch(low):
        return multiword_unit(low)
    return ""


def unit_named_in(phrase: str) -> str:
    """The unit of the first plural count noun of an English phrase, or "".

    English often gives a figure without a noun after it ("the number of patents granted was
    692,600"); the phrase that says what it counts then names the unit ("patents" → 件).
    Only plural and invariant nouns count: a singular one is a modifier ("patent attorneys").
    """
    for word in re.findall(r"[A-Za-z][A-Za-z\-]*", phrase):
        entry = EN_UNITS.get(word.lower())
        if entry and entry[1] != SINGULAR_FORM and entry[0] not in ("年", "个月", "天"):
            return entry[0]
    return ""


def _canonical(unit: str) -> str:
    return normalize_unit(unit) or unit


def units_compatible(a: str, b: str) -> bool:
    """Whether figures in units `a` and `b` can be the same measurement.

    True when the units are equal, or fall in one group of measure words that count the same
    things (件/宗/起/案 cases; 人/名 people; 家/个/所 organisations; 批/批次 batches).
    An empty unit is compatible with everything: English often states a figure without a noun
    we can map ("applications were 23,400"), and the number itself is then the evidence.
    Currencies never mix (元 vs 美元), and neither do 人 and 人次 (people vs person-times).
    """
    ca, cb = _canonical(a), _canonical(b)
    if not ca or not cb or ca == cb:
        return True
    return cb in unit_group(ca)


def generic_restatement(a: str, b: str) -> bool:
    """One of the two units is 个, which a speaker uses for anything counted one by one, and the
    other counts such things: "抓了4870个犯罪嫌疑人" restates 4870名, not a unit misreported."""
    ca, cb = _canonical(a), _canonical(b)
    if _GENERIC_COUNT not in (ca, cb) or ca == cb:
        return False
    other = cb if ca == _GENERIC_COUNT else ca
    return not other.endswith(_OCCURRENCES) and other not in _NOT_ONE_BY_ONE and _counts_things(other)


@cache
def _measured() -> frozenset[str]:
    """Units that measure (money, time, mass, shares …: unit_dimensions.tsv), not count things."""
    return frozenset(mapping("unit_dimensions.tsv"))


def _counts_things(unit: str) -> bool:
    return unit not in _measured()


def counts_things(unit: str) -> bool:
    """A measure word that counts things (件, 个, 人次 …), not money, time or a share."""
    return bool(unit) and _counts_things(_canonical(unit))


@cache
def _general_classifiers() -> frozenset[str]:
    return frozenset(words("general_classifiers.txt"))


def counts_beings(unit: str) -> bool:
    """A measure word of people or organisations (人, 名, 人次 …, 家, 所)."""
    return _canonical(unit) in _BEINGS or occurrences_of(unit, ("人",))


def general_classifier(unit: str) -> bool:
    """A measure word that counts things of many kinds (general_classifiers.txt: 个, 项, 条 …), not
    occurrences (次: "how many times" asks times, not things)."""
    ca = _canonical(unit)
    return ca in _general_classifiers() and not ca.endswith(_OCCURRENCES)


# People and organisations: a general classifier (619個 projects, 282項 awards) counts none of them.
_BEINGS = unit_group("人") | {"家", "所"}


def may_count_as(unit: str, guessed: frozenset[str] | tuple[str, ...]) -> bool:
    """A figure's measure word may count what the measure words guessed from an English noun (one
    group: 家, 个, 所) do: it counts the occurrences of those things (人次 for 人, 件次 for 件), or, for
    things other than people and organisations, it is a general classifier (个, 项, 次 …:
    general_classifiers.txt); all count things. 宗 never counts the people "how many people" asks, nor
    项 the universities."""
    ca = _canonical(unit)
    asked = {_canonical(g) for g in guessed}
    if not counts_things(ca) or not all(counts_things(a) for a in asked):
        return False
    return occurrences_of(ca, asked) or (not asked & _BEINGS and ca in _general_classifiers())


def occurrences_of(unit: str, things: frozenset[str] | tuple[str, ...] | set[str]) -> bool:
    """The measure word counts occurrences of things counted in ``things`` (人次 of 人, 件次 of 件)."""
    ca = _canonical(unit)
    return ca.endswith(_OCCURRENCES) and any(ca[: -len(_OCCURRENCES)] in unit_group(_canonical(t)) for t in things)
