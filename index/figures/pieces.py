"""Pieces the recognisers share: the candidate span, what follows a number (scale, hedge, unit),
bound words before and after it, table-row units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from index.figures.model import Figure, FigureKind, Qualifier
from index.figures.tables import (
    CN_SCALE_RE,
    CN_SCALES,
    CN_UNIT_NOT_BEFORE,
    CN_UNIT_RE,
    CN_UNITS,
    EN_MULTIWORD_RE,
    EN_MULTIWORD_UNITS,
    EN_NUMBER_WORDS,
    EN_SCALE_RE,
    EN_SCALES,
    EN_STOP,
    EN_UNITS,
    NOT_COUNTED_AFTER,
    NOT_PLURAL,
    PLURAL_FORM,
    QUALIFIER_AFTER_CN,
    QUALIFIER_AFTER_EN,
    QUALIFIER_AFTER_EN_RE,
    QUALIFIER_BEFORE_EN_RE,
    QUALIFIER_WORDS_CN,
    QUALIFIER_WORDS_EN,
    SINGULAR_FORM,
)


@dataclass(frozen=True)
class Candidate:
    """A span a recogniser claims: with a figure, or empty to keep other recognisers off it."""

    start: int
    end: int
    figure: Figure | None


@dataclass(frozen=True)
class _Tail:
    """What follows a number: scale, infix hedge, unit."""

    factor: int
    unit: str
    kind: FigureKind
    end: int  # end of the figure text
    qualifier: Qualifier | None
    has_scale: bool
    english_unit: bool
    unit_word_index: int  # how many English words were skipped before the unit noun
    unit_is_plural: bool


def make_figure(
    original: str,
    start: int,
    end: int,
    value: Decimal | int,
    unit: str,
    kind: FigureKind,
    qualifier: Qualifier | None = None,
) -> Figure:
    return Figure(
        text=original[start:end],
        value=float(value),
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        start=start,
        end=end,
    )


def match_cn_unit(t: str, pos: int) -> tuple[str, int] | None:
    p = pos + 1 if t[pos : pos + 1] == " " else pos
    m = CN_UNIT_RE.match(t, p)
    if not m:
        return None
    surface = m.group()
    if t[m.end() : m.end() + 1] and t[m.end()] in CN_UNIT_NOT_BEFORE.get(surface, ""):
        return None
    return CN_UNITS[surface], m.end()


# 多/余 after a number: more than it; 来 (spoken): about it ("8.3万来件", "十来个").
_INFIX_HEDGES: dict[str, Qualifier] = {"多": "more_than", "余": "more_than", "来": "about"}


def _infix_hedge(t: str, pos: int) -> Qualifier | None:
    """The hedge 多/余/来 right after a number (2万余件, 900多个, 8.3万来件) makes of it, only when a
    scale or unit follows (来 only a unit or scale: "3年来" is "in the three years"; and only after a
    round number, as people round: "二来人" and the hotline's "12315来件" are no hedge)."""
    word = t[pos : pos + 1]
    if word not in _INFIX_HEDGES or (word == "来" and not _round_before(t, pos)):
        return None
    nxt = t[pos + 1 : pos + 2]
    if nxt in ("万", "亿", "千") or match_cn_unit(t, pos + 1) is not None:
        return _INFIX_HEDGES[word]
    if word != "来" and (not nxt or nxt in "，,；;。、)）"):
        return _INFIX_HEDGES[word]
    return None


def _round_before(t: str, pos: int) -> bool:
    """The number before ``pos`` is round as people round it: a scale (十 百 千 万 亿) or at most two
    significant digits ending in 0 ("20来家", "150来件"; the hotline's "12330来件" is no hedge)."""
    if pos == 0 or t[pos - 1] not in "0十百千万亿":
        return False
    digits = re.search(r"\d+$", t[:pos])
    return digits is None or len(digits.group().rstrip("0")) <= 2


# 多/余 after a percent or a tenth ("少了8%多", "一成多"): more than it, where the clause goes on no further.
_AFTER_PERCENT_HEDGE_RE = re.compile(r"[多余](?=$|[，,；;。、)）！？!?的了]|\s)")


def multiword_unit(phrase: str) -> str:
    return EN_MULTIWORD_UNITS[re.split(r"[ .\-]", phrase.lower())[0]]



def _looks_plural(word: str) -> bool:
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
            and word not in NOT_PLURAL)


EN_WORD_RE = re.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z'’/\-]*)")


# After "and"/"or" in a figure's phrase, a hyphenated modifier, then the head: "133 sub-provincial and
# prefecture-level cities" counts cities (the phrase of "1,000 patents and 300 trademarks" ends at "and").
_COORDINATED_MODIFIER_RE = re.compile(r"\s+[A-Za-z]+-[A-Za-z]+\s+[A-Za-z]")


def _unit_after_coordination(t: str, pos: int) -> bool:
    """Whether the words after a figure phrase's "and"/"or" (reached before any head noun: the words
    before it are modifiers) are modifiers too, ending within three words at a unit noun: "1,796 IP and
    counterfeiting criminal cases" counts cases; a modifier comes first ("IP and cases" coordinates none).
    A number ("3 national and 5 provincial centres", "one platform and three centers", "and won two
    awards") or a verb's past form ("500 IP and concluded many cases") starts another clause."""
    unit, _, index, _ = english_unit(t, pos, singular_ok=False, max_words=3)
    if not unit or index < 1:
        return False
    between = [m.group(1).lower() for m in EN_WORD_RE.finditer(t, pos)][:index]  # the words english_unit read
    return not any(w in EN_NUMBER_WORDS or w.endswith("ed") for w in between)


def english_unit(t: str, pos: int, singular_ok: bool, max_words: int = 7,
                  coordinated: bool = False) -> tuple[str, int, int, bool]:
    """Find the head noun of the noun phrase after a number.

    English puts modifiers between the number and the noun that is counted
    ("1,265 IPR infringement cases"), so this walks a few content words ahead and stops at the
    first plural noun (the head of the phrase), at a stop word, or at punctuation.
    Returns (unit, end, index of the unit word, plural?) or ("", pos, -1, False).
    ``coordinated``: read past "and"/"or" (a question's "patent and trademark cases").
    """
    p = pos
    # A singular unit noun may be a modifier of the head ("licensed patent attorneys",
    # "patent application"): remember it, but let a later unit noun of the phrase win.
    singular: tuple[str, int, int, bool] | None = None
    for index in range(max_words):
        multi = EN_MULTIWORD_RE.match(t, p)
        if multi:
            return multiword_unit(multi.group(1)), multi.end(), index, True
        m = EN_WORD_RE.match(t, p)
        if not m:
            break
        word = m.group(1).lower().rstrip("'’-")
        if word in ("and", "or") and (coordinated or _COORDINATED_MODIFIER_RE.match(t, m.end())
                                      or (singular is None and _unit_after_coordination(t, m.end()))):
            # A question's head noun may follow coordinated modifiers ("how many patent
            # cultivation and layout centers"): read on. (A figure's phrase ends at "and":
            # "1,000 patents and 300 trademarks".)
            p = m.end()
            continue
        if word in EN_STOP:
            break
        entry = EN_UNITS.get(word)
        if entry:
            unit, form = entry
            if form != SINGULAR_FORM:
                return unit, m.end(), index, form == PLURAL_FORM
            if singular_ok:
                singular = (unit, m.end(), index, False)
        elif _looks_plural(word):
            following = EN_WORD_RE.match(t, m.end())
            # A question's plural modifier ("how many punitive damages cases") is read past
            # when a unit noun follows it.
            if not (coordinated and following and following.group(1).lower() in EN_UNITS):
                break
        p = m.end()
    return singular or ("", pos, -1, False)


def counted_head(t: str, pos: int, max_words: int = 4) -> str | None:
    """The plural noun no unit names that ends the noun phrase after ``pos`` ("five joint IP
    enforcement actions": actions; "108 nominations"; "9,120 rights protection opinions": opinions,
    its last plural, not the modifier "rights"): what the number counts, though we cannot name its
    unit; None where the phrase stops first, as english_unit does, at a stop word or punctuation
    ("one of", "two, …")."""
    p = pos
    last = None
    for i in range(max_words):
        m = EN_WORD_RE.match(t, p)
        if not m:
            break
        word = m.group(1).lower().rstrip("'’-")
        if i == 0 and word.removesuffix("'s").removesuffix("’s") in NOT_COUNTED_AFTER:
            return None  # "two thirds of", "one another": a share, no count
        if word in EN_STOP:
            break
        if _looks_plural(word):
            last = word
        elif last is not None and word.endswith(("ing", "ed")):
            break  # a participle after the head starts what it says of it: "5 cases involving patents"
        p = m.end()
    return last


def counted_head_follows(t: str, pos: int, max_words: int = 4) -> bool:
    """Whether a plural noun no unit names ends the noun phrase after ``pos`` (counted_head)."""
    return counted_head(t, pos, max_words) is not None


_PERCENT_SIGN_RE = re.compile(r"[ \t]?%")


def read_tail(t: str, pos: int, english: bool, singular_ok: bool = False) -> _Tail:
    """Parse scale, hedge and unit after a number ending at `pos`."""
    p = pos
    qualifier = _infix_hedge(t, p)
    if qualifier is not None:
        p += 1
    factor = 1
    has_scale = False
    # 百分点 and 千克 start with a scale character but are units
    if not (match_cn_unit(t, p) and t[p : p + 1] in ("百", "千")):
        scale = CN_SCALE_RE.match(t, p)
        if scale:
            factor, p, has_scale = CN_SCALES[scale.group()], scale.end(), True
        elif english:
            en_scale = EN_SCALE_RE.match(t, p)
            if en_scale:
                factor, p, has_scale = EN_SCALES[en_scale.group(1).lower()], en_scale.end(), True
    if qualifier is None and has_scale and (hedge := _infix_hedge(t, p)) is not None:
        qualifier = hedge
        p += 1
    pct = _PERCENT_SIGN_RE.match(t, p)
    if pct:
        end = pct.end()
        if qualifier is None and (after := _AFTER_PERCENT_HEDGE_RE.match(t, end)):
            qualifier, end = "more_than", after.end()
        return _Tail(factor, "%", "percent", end, qualifier, has_scale, False, 0, False)
    cn_unit = match_cn_unit(t, p)
    if cn_unit:
        unit, end = cn_unit
        kind: FigureKind = "percent" if unit == "百分点" else "quantity"
        return _Tail(factor, unit, kind, end, qualifier, has_scale, False, 0, False)
    if t[p : p + 1] == "成" and t[p + 1 : p + 2] not in tuple("果员为立功本交效熟就长都型品分绩"):
        # 三成 = 30%: a tenth, written the Chinese way
        end = p + 1
        if qualifier is None and (after := _AFTER_PERCENT_HEDGE_RE.match(t, end)):
            qualifier, end = "more_than", after.end()
        return _Tail(factor * 10, "%", "percent", end, qualifier, has_scale, False, 0, False)
    if english:
        unit, end, index, plural = english_unit(t, p, singular_ok=singular_ok)
        if unit:
            kind = "percent" if unit in ("%", "百分点") else "quantity"
            return _Tail(factor, unit, kind, end, qualifier, has_scale, True, index, plural)
    return _Tail(factor, "", "quantity", p, qualifier, has_scale, False, -1, False)


def one_tenth(t: str, s: int, e: int) -> bool:
    """一成 is a tenth (10%) where a bound word or a hedge rounds it ("近一成", "一成多", "一成左右") or
    the clause ends after it; elsewhere it begins a word (一成不变, 一成立就)."""
    if not t.startswith("成", e):
        return False
    rest = t[e + 1 : e + 3]
    return (qualifier_before(t, s)[0] is not None or rest == "" or rest[0] in "多余，,。；;、)）"
            or rest in ("左右", "以上"))


def qualifier_before(t: str, start: int) -> tuple[Qualifier | None, int]:
    """The hedge written just before a number (超过, more than), and where it starts."""
    p = start
    if t.endswith("人民币", 0, p):  # 超人民币2亿元: the hedge sits before the currency
        p -= 3
    head = t[max(0, p - 24) : p]
    stripped = head.rstrip(" \t\u00a0")
    for word, qualifier in QUALIFIER_WORDS_CN:
        if stripped.endswith(word):
            if word == "近" and stripped.endswith(("最近", "附近")):
                return None, start
            return qualifier, p - (len(head) - len(stripped)) - len(word)
    m = QUALIFIER_BEFORE_EN_RE.search(head)
    if m:
        if _SUMMED_UP_TO.search(head, 0, m.end(1)):  # "totaled up to 3,467": a total, no upper bound
            return None, start
        return QUALIFIER_WORDS_EN[m.group(1).lower()], p - len(head) + m.start(1)
    return None, start


_SUMMED_UP_TO = re.compile(r"\b(?:totall?ed|totals|add(?:s|ed)|amount(?:s|ed)|summ?(?:s|ed))[ \t]+up to$", re.IGNORECASE)


# 上下 after a number hedges it ("9万件上下") but not where it starts a word: 上下游 (up- and downstream),
# 上下级, 上下半年, 上下联动.
_NOT_A_HEDGE_AFTER = re.compile(r"上下[游级級半联聯]")


def qualifier_after(t: str, end: int) -> tuple[Qualifier | None, int]:
    for word, qualifier in QUALIFIER_AFTER_CN.items():
        if t.startswith(word, end) and not _NOT_A_HEDGE_AFTER.match(t, end):
            return qualifier, end + len(word)
    m = QUALIFIER_AFTER_EN_RE.match(t, end)
    if m:
        return QUALIFIER_AFTER_EN[m.group(1).lower()], m.end()
    return None, end


_ROW_HEADER_RE = re.compile(r"[^\n]*?[ \t][(（]([^()（）\n]{1,10})[)）][ \t]*[:：]")


def row_unit(t: str, pos: int) -> tuple[int, str, FigureKind] | None:
    """The unit a table row declares for its numbers, when `pos` is on such a row.

    The cleaner renders plan tables as ``发明专利有效量 (万件): 目标值 20, 完成值 35.1``: the
    numbers carry no unit of their own, the header does (with its scale).
    """
    line_start = t.rfind("\n", 0, pos) + 1
    m = _ROW_HEADER_RE.match(t, line_start)
    if not m or m.end() > pos:
        return None
    header = m.group(1).removesuffix("/年")
    if header == "%":
        return 1, "%", "percent"
    factor = 1
    scale = CN_SCALE_RE.match(header)
    if scale and scale.end() < len(header):
        factor, header = CN_SCALES[scale.group()], header[scale.end() :]
    if header not in CN_UNITS:
        return None  # 亿元、项 (two units for two numbers) or words, not a unit
    unit = CN_UNITS[header]
    return factor, unit, "percent" if unit == "百分点" else "quantity"


def is_year(value: Decimal) -> bool:
    return 1900 <= value <= 2099


def line_start(t: str, pos: int) -> bool:
    return t[t.rfind("\n", 0, pos) + 1 : pos].strip() == ""
