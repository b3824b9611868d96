"""Find, normalise and compare the figures in Chinese and English IP-protection texts.

Everything here is a pure function over strings; nothing reads files or loads models.

`parse_figures` turns running text into `Figure` records. Conventions it keeps:

* ``Figure.text`` is the smallest span holding the number, its scale and its unit, wherever the
  unit sits: ``4.78万件``, ``1亿多条``, ``33.14 million items``, ``1,265 IPR infringement cases``,
  ``RMB 8.85 billion``. Qualifier words *outside* that span (超过, more than, 以上) are never part
  of ``text``; those *inside* it (余 in ``2万余件``, 多 in ``900多个``) necessarily are. Either
  way the hedge is recorded in ``Figure.qualifier``.
* ``value`` is in base units (万 = 1e4, 亿 = 1e8, million = 1e6; percentages as written,
  ``31.17%`` → 31.17) and is computed with `Decimal`, so ``8250.06万`` is exactly 82500600.
* ``unit`` is a simplified Chinese measure word (件, 人, 元, %, …) or "" when the text names
  none or names a noun we do not know; English nouns are mapped only where the Chinese
  documents use one measure word for them (cases → 件, enterprises → 家, yuan → 元).
* Years, dates and periods come out as kind "year"/"period" (value = the first year, unit 年),
  never as quantities. Ranks (居全国首位, ranked third) are kind "rank" with unit 位; ordinals
  (第三批) are kind "ordinal" with the measure word that follows, if any.
* Table rows as the cleaner renders them (``发明专利有效量 (万件): 目标值 20, 完成值 35.1``) give
  their unit-less numbers the header's scale and unit: 35.1 → 351000 件.
* Things that merely contain digits (phone numbers, times, 4·26, “1310”, 5G, “十四五”) yield
  nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from qa.types import Figure, FigureKind, Qualifier

__all__ = [
    "figure_context",
    "format_value",
    "metric_phrase",
    "normalize_unit",
    "parse_figures",
    "parse_number",
    "unit_for_question",
    "units_compatible",
    "values_match",
]

# --------------------------------------------------------------------------------------------
# Character folding. Every mapping is one character to one character, so offsets found in the
# folded text are offsets into the caller's text; that is what lets `Figure.start`/`end` and
# `Figure.text` refer to the original string while the patterns only know one script.
# --------------------------------------------------------------------------------------------

_FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {
    "％": "%",
    "．": ".",
    "－": "-",
    "～": "~",
    "＋": "+",
    "＄": "$",
    "￥": "¥",
    "：": ":",
    "（": "(",
    "）": ")",
    "＞": ">",
    "＜": "<",
}
# Traditional forms of the characters the patterns look at (numerals, measure words, hedges).
# Whole-text conversion is the cleaning stage's job; this only keeps parsing from failing on
# traditional text that slipped through.
_TRADITIONAL = dict(
    zip(
        "萬億兩個項噸條場張筆餘約達過數點單屆輪號臺戶門種類隻輛冊顆塊處國獲將並於與計間幾頁週幣時為畝歐錢額價貨佔",
        "万亿两个项吨条场张笔余约达过数点单届轮号台户门种类只辆册颗块处国获将并于与计间几页周币时为亩欧钱额价货占",
        strict=True,
    )
)
_FOLD = str.maketrans(_FULL_WIDTH | _TRADITIONAL)


def _fold(text: str) -> str:
    return text.translate(_FOLD)


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)

# Scales written after Arabic digits (4.78万, 1.88亿). Lone 百/十 are left out: "5百" does
# not occur in the documents, while 百 starts 百分点.
_CN_SCALES = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
}
_EN_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
    "mn": 10**6,
}

# Chinese measure words as written → canonical unit, and the characters that, when they follow,
# show the character starts a word instead (3支持 is not "3 支", 5名单 is not "5 名").
_CN_UNITS: dict[str, str] = {
    "个百分点": "百分点",
    "百分点": "百分点",
    "个工作日": "天",
    "平方米": "平方米",
    "人次": "人次",
    "家次": "家次",
    "件次": "件次",
    "批次": "批次",
    "个月": "个月",
    "小时": "小时",
    "分钟": "分钟",
    "人民币": "元",
    "美元": "美元",
    "美金": "美元",
    "港元": "港元",
    "港币": "港元",
    "欧元": "欧元",
    "日元": "日元",
    "英镑": "英镑",
    "公斤": "公斤",
    "千克": "公斤",
    "部门": "部门",
    "地市": "个",
    "部委": "部委",
    "元": "元",
    "吨": "吨",
    "亩": "亩",
    "件": "件",
    "宗": "宗",
    "案": "案",
    "起": "起",
    "项": "项",
    "个": "个",
    "家": "家",
    "所": "所",
    "座": "座",
    "人": "人",
    "名": "名",
    "次": "次",
    "批": "批",
    "条": "条",
    "场": "场",
    "期": "期",
    "支": "支",
    "篇": "篇",
    "份": "份",
    "张": "张",
    "单": "单",
    "笔": "笔",
    "款": "款",
    "种": "种",
    "类": "类",
    "户": "户",
    "套": "套",
    "台": "台",
    "处": "处",
    "倍": "倍",
    "分": "分",
    "天": "天",
    "年": "年",
}
_CN_UNIT_NOT_BEFORE: dict[str, str] = {
    "分": "中会局署院行公司论坛支所类别配析布享级工成",
    "支": "持撑付出队",
    "条": "例件款",
    "单": "位元独项一列",
    "名": "单称义录",
    "处": "理罚置于",
    "场": "所景地馆",
    "起": "诉草步点来",
    "期": "间限望待刊",
    "类": "型别似",
    "所": "有以在属",
    "台": "湾风阶账",
    "户": "籍口",
    "人": "民员",
    "批": "准复示评",
    "次": "元",
    "份": "额",
    "种": "子",
    "案": "件例值由情底卷源发",
}
_CN_UNIT_RE = re.compile("|".join(sorted(map(re.escape, _CN_UNITS), key=len, reverse=True)))
_CN_SCALE_RE = re.compile("|".join(sorted(_CN_SCALES, key=len, reverse=True)))
_EN_SCALE_RE = re.compile(r"[ \t\u00a0]*(thousand|million|billion|trillion|bn|mn)\b", re.IGNORECASE)

# Ordinal measure words (第三批, 第二十四届); 位/名 make the ordinal a rank (第二位).
_CN_ORDINAL_UNIT_RE = re.compile("批次|季度|部分|阶段|批|届|轮|次|个|章|节|条|款|项|期|号|年|名|位|家|件|类")

# English head nouns → unit. Only nouns whose Chinese counterpart in these documents always
# takes that measure word are listed; anything else stays "" rather than being guessed.
_EN_NOUNS: dict[str, tuple[str, ...]] = {
    "件": (
        "case",
        "item",
        "piece",
        "dispute",
        "lawsuit",
        "complaint",
        "report",
        "application",
        "registration",
        "patent",
        "trademark",
    ),
    "批次": ("batch",),
    "人": (
        "person",
        "individual",
        "suspect",
        "officer",
        "mediator",
        "judge",
        "talent",
        "professional",
        "student",
        "examinee",
        "candidate",
        "agent",
        "attorney",
        "lawyer",
        "expert",
        "employee",
        "prosecutor",
        "trainee",
        "participant",
        "inventor",
        "researcher",
        "worker",
    ),
    "人次": ("person-time", "man-time"),
    "家": (
        "enterprise",
        "company",
        "institution",
        "firm",
        "business",
        "center",
        "centre",
        "sub-center",
        "sub-centre",
        "organization",
        "organisation",
        "agency",
        "authority",
        "sme",
        "bank",
        "hospital",
        "market",
    ),
    "所": ("university", "college", "school"),
    "个": (
        "base",
        "station",
        "workstation",
        "platform",
        "city",
        "county",
        "zone",
        "area",
        "district",
        "database",
        "window",
    ),
    "项": (
        "project",
        "program",
        "programme",
        "achievement",
        "award",
        "initiative",
        "measure",
        "policy",
        "outcome",
        "contract",
    ),
    "次": ("time",),
    "吨": ("ton", "tonne"),
    "篇": ("judgment", "judgement", "article", "paper"),
    "条": ("record", "entry", "clue"),
    "张": ("certificate", "credential"),
    "部门": ("department",),
    "年": ("year",),
    "个月": ("month",),
    "天": ("day",),
}
_EN_INVARIANT = {
    "yuan": "元",
    "rmb": "元",
    "renminbi": "元",
    "cny": "元",
    "usd": "美元",
    "hkd": "港元",
    "eur": "欧元",
    "personnel": "人",
    "percent": "%",
}
_EN_MULTIWORD = (
    r"(person[ -]times?|man[ -]times?|u\.?s\.? dollars?|hong kong dollars?|items of cooperation"
    r"|per cent|percentage points?)\b"
)
_EN_MULTIWORD_RE = re.compile(r"[ \t\u00a0]+" + _EN_MULTIWORD, re.IGNORECASE)
_EN_MULTIWORD_FULL_RE = re.compile(_EN_MULTIWORD, re.IGNORECASE)
_EN_MULTIWORD_UNITS = {
    "person": "人次",
    "man": "人次",
    "u": "美元",
    "us": "美元",
    "hong": "港元",
    "items": "项",
    "per": "%",
    "percentage": "百分点",
}
_EN_STOP = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
        "by",
        "to",
        "from",
        "the",
        "a",
        "an",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "which",
        "that",
        "who",
        "whose",
        "including",
        "as",
        "per",
        "its",
        "their",
        "this",
        "these",
        "those",
        "than",
        "into",
        "over",
        "under",
        "up",
        "across",
        "between",
        "among",
        "during",
        "since",
        "until",
        "while",
        "about",
        "after",
        "before",
        "both",
        "each",
        "all",
        "respectively",
        "representing",
        "totaling",
        "totalling",
        "involving",
        "marking",
        "accounting",
        "reaching",
        "not",
        "no",
        "more",
        "less",
    ]
)

_PLURAL_FORM = "plural"
_SINGULAR_FORM = "singular"
_INVARIANT_FORM = "invariant"


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "ss", "x")):
        return word + "es"
    return word + "s"


def _build_en_units() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for unit, nouns in _EN_NOUNS.items():
        for noun in nouns:
            table[noun] = (unit, _SINGULAR_FORM)
            table[_plural(noun)] = (unit, _PLURAL_FORM)
    table["people"] = ("人", _PLURAL_FORM)
    table["dollar"] = ("美元", _SINGULAR_FORM)
    table["dollars"] = ("美元", _PLURAL_FORM)
    table["euros"] = ("欧元", _PLURAL_FORM)
    for word, unit in _EN_INVARIANT.items():
        table[word] = (unit, _INVARIANT_FORM)
    return table


_EN_UNITS = _build_en_units()

_EN_SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_EN_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_EN_ORDINAL_SMALL = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ]
    )
}
_EN_ORDINAL_TENS = {w[:-1] + "ieth": v for w, v in _EN_TENS.items()}
_EN_ORDINAL_WORD_RE = re.compile(
    r"\b(?:("
    + "|".join(_EN_TENS)
    + r")-("
    + "|".join(list(_EN_ORDINAL_SMALL)[:9])
    + r")|("
    + "|".join(list(_EN_ORDINAL_TENS) + list(_EN_ORDINAL_SMALL))
    + r"))\b",
    re.IGNORECASE,
)
# Nouns that make an ordinal word a real ordinal ("the third batch"); without one, "first" and
# "second" are far more often plain adjectives ("for the first time").
_EN_ORDINAL_NOUNS = {
    "batch": "批",
    "batches": "批",
    "session": "届",
    "sessions": "届",
    "edition": "届",
    "round": "轮",
    "plenary": "",
    "phase": "",
    "meeting": "次",
    "conference": "届",
    "congress": "",
}

_QUALIFIER_WORDS_CN: tuple[tuple[str, Qualifier], ...] = (
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("至少", "at_least"),
    ("不超过", "at_most"),
    ("最多", "at_most"),
    ("不足", "less_than"),
    ("不到", "less_than"),
    ("少于", "less_than"),
    ("低于", "less_than"),
    ("小于", "less_than"),
    ("超过", "more_than"),
    ("超出", "more_than"),
    ("多于", "more_than"),
    ("高于", "more_than"),
    ("大于", "more_than"),
    ("将近", "nearly"),
    ("接近", "nearly"),
    ("大约", "about"),
    ("逾", "more_than"),
    ("超", "more_than"),
    ("近", "nearly"),
    ("约", "about"),
    ("≥", "at_least"),
    ("≤", "at_most"),
    (">", "more_than"),
    ("<", "less_than"),
)
_QUALIFIER_WORDS_EN: dict[str, Qualifier] = {
    "no more than": "at_most",
    "not more than": "at_most",
    "no less than": "at_least",
    "not less than": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "exceeding": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "above": "more_than",
    "at least": "at_least",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "approximately": "about",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "an estimated": "about",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "up to": "at_most",
    "at most": "at_most",
}
_QUALIFIER_BEFORE_EN_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _QUALIFIER_WORDS_EN), key=len, reverse=True)) + r")[ \t\u00a0]*$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER_CN: dict[str, Qualifier] = {"以上": "at_least", "以下": "at_most", "左右": "about"}
_QUALIFIER_AFTER_EN_RE = re.compile(r"[ \t]+or (more|above|less|fewer|below|so)\b", re.IGNORECASE)
_QUALIFIER_AFTER_EN: dict[str, Qualifier] = {
    "more": "at_least",
    "above": "at_least",
    "less": "at_most",
    "fewer": "at_most",
    "below": "at_most",
    "so": "about",
}

_CURRENCY_BEFORE_RE = re.compile(r"(?:(?<![A-Za-z])(RMB|CNY|USD|HKD|EUR|US\$|HK\$)|(\$|¥|€))[ \t\u00a0]?$")
_CURRENCY_UNITS = {
    "RMB": "元",
    "CNY": "元",
    "¥": "元",
    "USD": "美元",
    "US$": "美元",
    "$": "美元",
    "HKD": "港元",
    "HK$": "港元",
    "EUR": "欧元",
    "€": "欧元",
    "人民币": "元",
}

_OPEN_QUOTES = "“‘「『\"'《"
_CLOSE_QUOTES = "”’」』\"'》"
_RANK_CUE_CN_RE = re.compile(
    r"(?:居|列|排名|排|名列|全国|全省|全球|世界|全市|国内|亚洲)[^，,；;。、\n]{0,4}$"
)
_RANK_CUE_EN_BEFORE_RE = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|plac(?:e|ed|ing)|came|comes|stood|stands)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
)
_RANK_CUE_EN_AFTER_RE = re.compile(
    r"[ \t]+(?:place|position\b|in[ \t]+(?:the[ \t]+)?(?:country|nation|world|china|province|globe|mainland|asia)\b)",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------------------------


def _chinese_int(s: str) -> int | None:
    """Value of a Chinese integer numeral, or None when it is not a well-formed one.

    Strict on purpose: 十三五 / 十四五 (plan names) must fail rather than parse as 13 or 135,
    and colloquial 一千二 (1200? 1002?) is refused instead of guessed.
    """
    if not s or any(ch not in _CN_NUMERAL_CHARS for ch in s):
        return None
    if all(ch in _CN_DIGITS for ch in s):
        # Digit-by-digit form (二〇二三); 两 never appears in it.
        if len(s) > 1 and "两" in s:
            return None
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    pending: int | None = None
    last_small = 10_000  # multipliers inside a section must fall: 千 > 百 > 十
    last_big = 0
    zero_since_multiplier = False
    last_multiplier = 0
    for i, ch in enumerate(s):
        if ch in _CN_DIGITS:
            if pending is not None:
                return None  # two digits in a row, as in 十三五
            if _CN_DIGITS[ch] == 0:
                zero_since_multiplier = True
                continue
            pending = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            m = _CN_SMALL[ch]
            if m >= last_small:
                return None
            if pending is None:
                if section != 0 or (i > 0 and s[i - 1] not in _CN_BIG and s[i - 1] not in "零〇"):
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
            m = _CN_BIG[ch]
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


def _chinese_number(s: str) -> Decimal | None:
    """A Chinese numeral with an optional 点 fraction (十二点五)."""
    whole, dot, frac = s.partition("点")
    value = _chinese_int(whole)
    if value is None:
        return None
    if not dot:
        return Decimal(value)
    if not frac or any(ch not in _CN_DIGITS or ch == "两" for ch in frac):
        return None
    return Decimal(f"{value}.{''.join(str(_CN_DIGITS[ch]) for ch in frac)}")


def _english_words_value(words: list[str]) -> int | None:
    """Value of number words already split into tokens (["two", "hundred", "and", "five"])."""
    total = 0
    current = 0
    last = ""  # kind of the previous token: unit, teen, tens, hundred, big
    for word in words:
        if word == "and":
            if last not in ("hundred", "big"):
                return None
            continue
        if word in _EN_SMALL_NUMBERS:
            v = _EN_SMALL_NUMBERS[word]
            if last in ("unit", "teen") or (last == "tens" and v >= 10):
                return None
            current += v
            last = "unit" if v < 10 else "teen"
        elif word in _EN_TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += _EN_TENS[word]
            last = "tens"
        elif word == "hundred":
            if last not in ("unit",) or current >= 10:
                return None
            current *= 100
            last = "hundred"
        elif word in _EN_MULTIPLIERS:
            if current == 0:
                return None
            total += current * _EN_MULTIPLIERS[word]
            current = 0
            last = "big"
        else:
            return None
    return total + current


def _arabic(raw: str) -> Decimal:
    return Decimal(raw.replace(",", ""))


# --------------------------------------------------------------------------------------------
# Pieces shared by the recognisers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
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


def _figure(
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


def _match_cn_unit(t: str, pos: int) -> tuple[str, int] | None:
    p = pos + 1 if t[pos : pos + 1] == " " else pos
    m = _CN_UNIT_RE.match(t, p)
    if not m:
        return None
    surface = m.group()
    if t[m.end() : m.end() + 1] and t[m.end()] in _CN_UNIT_NOT_BEFORE.get(surface, ""):
        return None
    return _CN_UNITS[surface], m.end()


def _infix_hedge(t: str, pos: int) -> bool:
    """多/余 right after a number hedge it (2万余件, 900多个) only when a scale or unit follows."""
    if t[pos : pos + 1] not in ("多", "余"):
        return False
    nxt = t[pos + 1 : pos + 2]
    return not nxt or nxt in "万亿千" or _match_cn_unit(t, pos + 1) is not None or nxt in "，,；;。、)）"


def _multiword_unit(phrase: str) -> str:
    return _EN_MULTIWORD_UNITS[re.split(r"[ .\-]", phrase.lower())[0]]


# Words ending in -s that are not plural nouns ("overseas IP cases" is one phrase).
_NOT_PLURAL = frozenset(["overseas", "various", "previous", "always", "whereas", "thus", "news", "series",
                         "species", "its", "this", "across"])


def _looks_plural(word: str) -> bool:
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
            and word not in _NOT_PLURAL)


_EN_WORD_RE = re.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z'’/\-]*)")


def _english_unit(t: str, pos: int, singular_ok: bool, max_words: int = 7,
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
        multi = _EN_MULTIWORD_RE.match(t, p)
        if multi:
            return _multiword_unit(multi.group(1)), multi.end(), index, True
        m = _EN_WORD_RE.match(t, p)
        if not m:
            break
        word = m.group(1).lower().rstrip("'’-")
        if word in ("and", "or") and coordinated:
            # A question's head noun may follow coordinated modifiers ("how many patent
            # cultivation and layout centers"): read on. (A figure's phrase ends at "and":
            # "1,000 patents and 300 trademarks".)
            p = m.end()
            continue
        if word in _EN_STOP:
            break
        entry = _EN_UNITS.get(word)
        if entry:
            unit, form = entry
            if form != _SINGULAR_FORM:
                return unit, m.end(), index, form == _PLURAL_FORM
            if singular_ok:
                singular = (unit, m.end(), index, False)
        elif _looks_plural(word):
            following = _EN_WORD_RE.match(t, m.end())
            # A question's plural modifier ("how many punitive damages cases") is read past
            # when a unit noun follows it.
            if not (coordinated and following and following.group(1).lower() in _EN_UNITS):
                break
        p = m.end()
    return singular or ("", pos, -1, False)


_PERCENT_SIGN_RE = re.compile(r"[ \t]?%")


def _tail(t: str, pos: int, english: bool, singular_ok: bool = False) -> _Tail:
    """Parse scale, hedge and unit after a number ending at `pos`."""
    p = pos
    qualifier: Qualifier | None = None
    if _infix_hedge(t, p):
        qualifier = "more_than"
        p += 1
    factor = 1
    has_scale = False
    # 百分点 and 千克 start with a scale character but are units
    if not (_match_cn_unit(t, p) and t[p : p + 1] in ("百", "千")):
        scale = _CN_SCALE_RE.match(t, p)
        if scale:
            factor, p, has_scale = _CN_SCALES[scale.group()], scale.end(), True
        elif english:
            en_scale = _EN_SCALE_RE.match(t, p)
            if en_scale:
                factor, p, has_scale = _EN_SCALES[en_scale.group(1).lower()], en_scale.end(), True
    if qualifier is None and has_scale and _infix_hedge(t, p):
        qualifier = "more_than"
        p += 1
    pct = _PERCENT_SIGN_RE.match(t, p)
    if pct:
        return _Tail(factor, "%", "percent", pct.end(), qualifier, has_scale, False, 0, False)
    cn_unit = _match_cn_unit(t, p)
    if cn_unit:
        unit, end = cn_unit
        kind: FigureKind = "percent" if unit == "百分点" else "quantity"
        return _Tail(factor, unit, kind, end, qualifier, has_scale, False, 0, False)
    if t[p : p + 1] == "成" and t[p + 1 : p + 2] not in tuple("果员为立功本交效熟就长都型品分绩"):
        # 三成 = 30%: a tenth, written the Chinese way
        return _Tail(factor * 10, "%", "percent", p + 1, qualifier, has_scale, False, 0, False)
    if english:
        unit, end, index, plural = _english_unit(t, p, singular_ok=singular_ok)
        if unit:
            kind = "percent" if unit in ("%", "百分点") else "quantity"
            return _Tail(factor, unit, kind, end, qualifier, has_scale, True, index, plural)
    return _Tail(factor, "", "quantity", p, qualifier, has_scale, False, -1, False)


def _qualifier_before(t: str, start: int) -> tuple[Qualifier | None, int]:
    """The hedge written just before a number (超过, more than), and where it starts."""
    p = start
    if t.endswith("人民币", 0, p):  # 超人民币2亿元: the hedge sits before the currency
        p -= 3
    head = t[max(0, p - 24) : p]
    stripped = head.rstrip(" \t\u00a0")
    for word, qualifier in _QUALIFIER_WORDS_CN:
        if stripped.endswith(word):
            if word == "近" and stripped.endswith(("最近", "附近")):
                return None, start
            return qualifier, p - (len(head) - len(stripped)) - len(word)
    m = _QUALIFIER_BEFORE_EN_RE.search(head)
    if m:
        return _QUALIFIER_WORDS_EN[m.group(1).lower()], p - len(head) + m.start(1)
    return None, start


def _qualifier_after(t: str, end: int) -> tuple[Qualifier | None, int]:
    for word, qualifier in _QUALIFIER_AFTER_CN.items():
        if t.startswith(word, end):
            return qualifier, end + len(word)
    m = _QUALIFIER_AFTER_EN_RE.match(t, end)
    if m:
        return _QUALIFIER_AFTER_EN[m.group(1).lower()], m.end()
    return None, end


_ROW_HEADER_RE = re.compile(r"[^\n]*?[ \t][(（]([^()（）\n]{1,10})[)）][ \t]*[:：]")


def _row_unit(t: str, pos: int) -> tuple[int, str, FigureKind] | None:
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
    scale = _CN_SCALE_RE.match(header)
    if scale and scale.end() < len(header):
        factor, header = _CN_SCALES[scale.group()], header[scale.end() :]
    if header not in _CN_UNITS:
        return None  # 亿元、项 (two units for two numbers) or words, not a unit
    unit = _CN_UNITS[header]
    return factor, unit, "percent" if unit == "百分点" else "quantity"


def _is_year(value: Decimal) -> bool:
    return 1900 <= value <= 2099


def _line_start(t: str, pos: int) -> bool:
    return t[t.rfind("\n", 0, pos) + 1 : pos].strip() == ""


# --------------------------------------------------------------------------------------------
# Recognisers, in priority order: a span claimed by an earlier one is off limits to later ones.
# --------------------------------------------------------------------------------------------

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


def _times(t: str, original: str) -> Iterator[_Candidate]:
    for m in _DATE_RE.finditer(t):
        month = int(m.group(3) or m.group(5))
        day = int(m.group(4) or m.group(6) or 1)
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield _Candidate(
                m.start(), m.end(), _figure(original, m.start(), m.end(), int(m.group(1)), "年", "year")
            )
    for m in _RANGE_RE.finditer(t):
        a, b = m.group(1), m.group(2)
        if len(a) == 4 and len(b) == 4 and a.isdigit() and b.isdigit() and _is_year(Decimal(a)) and a < b:
            fig = _figure(original, m.start(), m.end(), int(a), "年", "period")
            yield _Candidate(m.start(), m.end(), fig)
        else:
            yield _Candidate(m.start(), m.end(), None)  # 3-5年, 0751-8203663: no single value
    for m in _EN_PERIOD_RE.finditer(t):
        if m.group(1) < m.group(2):
            s, e = m.start(1), m.end(2)
            yield _Candidate(s, e, _figure(original, s, e, int(m.group(1)), "年", "period"))
    for skip in _SKIP_RES:
        for m in skip.finditer(t):
            yield _Candidate(m.start(), m.end(), None)


_CN_PERCENT_RE = re.compile(
    r"百分之(?:(\d+(?:\.\d+)?)|([零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?))"
)


def _cn_percent(t: str, original: str) -> Iterator[_Candidate]:
    for m in _CN_PERCENT_RE.finditer(t):
        value = _arabic(m.group(1)) if m.group(1) else _chinese_number(m.group(2))
        if value is None:
            continue
        qualifier, qstart = _qualifier_before(t, m.start())
        after_q, cend = _qualifier_after(t, m.end())
        fig = _figure(original, m.start(), m.end(), value, "%", "percent", qualifier or after_q)
        yield _Candidate(qstart, cend, fig)


_CN_ORDINAL_RE = re.compile(r"第[ \t]?(\d+|[零〇一二两三四五六七八九十百千]+)")
_CN_FIRST_RE = re.compile(r"首(位|批|届)")
_CN_TOP_RE = re.compile(r"(?<=位列|进入|跻身|排名|位居)前(\d+|[一二三四五六七八九十]+)(?:名|位)?")


def _cn_ordinals(t: str, original: str) -> Iterator[_Candidate]:
    for m in _CN_ORDINAL_RE.finditer(t):
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else _chinese_int(raw)
        if value is None or t.startswith(("方", "时间", "线"), m.end()):
            continue  # 第三方 (third party), 第一时间 (at once), 第一线 (front line)
        unit_m = _CN_ORDINAL_UNIT_RE.match(t, m.end())
        unit = unit_m.group() if unit_m else ""
        end = unit_m.end() if unit_m else m.end()
        rank_cue = _RANK_CUE_CN_RE.search(t, max(0, m.start() - 12), m.start()) is not None
        if unit in ("位", "名") or (not unit and rank_cue):
            yield _Candidate(m.start(), end, _figure(original, m.start(), end, value, "位", "rank"))
        else:
            yield _Candidate(m.start(), end, _figure(original, m.start(), end, value, unit, "ordinal"))
    for m in _CN_FIRST_RE.finditer(t):
        if m.group(1) == "位":
            if _RANK_CUE_CN_RE.search(t, max(0, m.start() - 12), m.start()):
                yield _Candidate(m.start(), m.end(), _figure(original, m.start(), m.end(), 1, "位", "rank"))
        else:
            fig = _figure(original, m.start(), m.end(), 1, m.group(1), "ordinal")
            yield _Candidate(m.start(), m.end(), fig)
    for m in _CN_TOP_RE.finditer(t):
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else _chinese_int(raw)
        if value is not None:
            fig = _figure(original, m.start(), m.end(), value, "位", "rank", "at_most")
            yield _Candidate(m.start(), m.end(), fig)


_EN_NUMERIC_ORDINAL_RE = re.compile(r"(?<![\w.])(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_EN_RANK_NO_RE = re.compile(
    r"\brank(?:s|ed|ing)?[ \t]+((?:No\.?[ \t]*|number[ \t]+)(\d+|one))\b", re.IGNORECASE
)


def _en_ordinals(t: str, original: str) -> Iterator[_Candidate]:
    for m in _EN_RANK_NO_RE.finditer(t):
        value = 1 if m.group(2).lower() == "one" else int(m.group(2))
        s = m.start(1)
        yield _Candidate(s, m.end(), _figure(original, s, m.end(), value, "位", "rank"))
    hits: list[tuple[int, int, int, bool]] = []
    for m in _EN_NUMERIC_ORDINAL_RE.finditer(t):
        hits.append((m.start(), m.end(), int(m.group(1)), True))
    for m in _EN_ORDINAL_WORD_RE.finditer(t):
        if m.group(3):
            word = m.group(3).lower()
            value = _EN_ORDINAL_SMALL.get(word) or _EN_ORDINAL_TENS[word]
        else:
            value = _EN_TENS[m.group(1).lower()] + _EN_ORDINAL_SMALL[m.group(2).lower()]
        hits.append((m.start(), m.end(), value, False))
    for s, e, value, numeric in hits:
        before = t[max(0, s - 40) : s]
        if _RANK_CUE_EN_BEFORE_RE.search(before) or _RANK_CUE_EN_AFTER_RE.match(t, e):
            yield _Candidate(s, e, _figure(original, s, e, value, "位", "rank"))
            continue
        nxt = _EN_WORD_RE.match(t, e)
        noun = nxt.group(1).lower() if nxt else ""
        if numeric or noun in _EN_ORDINAL_NOUNS:
            yield _Candidate(s, e, _figure(original, s, e, value, _EN_ORDINAL_NOUNS.get(noun, ""), "ordinal"))


_ARABIC_RE = re.compile(
    r"(?<![0-9.@+_/])(?<!\d,)(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
)
_TOP_BEFORE_RE = re.compile(r"\b(?:top|No\.?)[ \t]*$", re.IGNORECASE)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _arabic_numbers(t: str, original: str) -> Iterator[_Candidate]:
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
        currency = _CURRENCY_BEFORE_RE.search(t, max(0, s - 5), s)
        if not currency and t[s - 1 : s].isascii() and t[s - 1 : s].isalpha():
            continue  # G20, PM2.5: part of a name (RMB1,036 is let through above)
        value = _arabic(raw)
        fstart = currency.start() if currency else s
        tail = _tail(t, e, english=True, singular_ok=value == 1)
        unit = tail.unit
        if currency and (not unit or unit == "元"):
            unit = _CURRENCY_UNITS[currency.group(1) or currency.group(2)]
        qualifier, qstart = _qualifier_before(t, fstart)
        after_q, cend = _qualifier_after(t, tail.end)
        qualifier = qualifier or tail.qualifier or after_q
        factor, kind = tail.factor, tail.kind
        row = _row_unit(t, s) if not unit and not tail.has_scale else None
        if row:
            factor, unit, kind = row

        plain_int = raw.isdigit() and len(raw) == 4 and _is_year(value)
        if plain_int and not (tail.has_scale or qualifier or currency):
            # Counts of 1900-2099 do occur (2282宗, 1955件), but English writes them with a comma,
            # so an English noun only makes a count when it follows the number directly.
            is_count = unit not in ("", "年") and (
                not tail.english_unit or (tail.unit_word_index == 0 and tail.unit_is_plural)
            )
            if not is_count and not row:
                end = tail.end if unit == "年" and not tail.english_unit else e
                yield _Candidate(s, end, _figure(original, s, end, value, "年", "year"))
                continue
        if not unit:
            before = t[s - 1 : s]
            if (before and before in _OPEN_QUOTES and nxt and nxt in _CLOSE_QUOTES) or (
                before in ("(",) and nxt == ")"
            ):
                continue  # “1310”, (1): names and list markers
            if _line_start(t, s) and nxt in (".", "、", ")"):
                continue
        fig = _figure(original, fstart, tail.end, value * factor, unit, kind, qualifier)
        yield _Candidate(min(qstart, fstart), max(cend, tail.end), fig)


_CN_NUMERAL_RE = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万亿第])([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)"
)


def _cn_numerals(t: str, original: str) -> Iterator[_Candidate]:
    for m in _CN_NUMERAL_RE.finditer(t):
        s, e = m.span(1)
        token = m.group(1)
        before = t[s - 1 : s]
        if before and (before in "每数几若上好" or before in _OPEN_QUOTES):
            continue  # 每万人口 (per 10,000), 数十家 (dozens), “千人”计划 (a programme name)
        if token in ("一", "零", "〇"):
            continue  # 一 is mostly the article "a" (一批, 一件事); 零件 is "parts"
        value = _chinese_number(token)
        if value is None:
            continue
        whole = token.partition("点")[0]
        if len(whole) > 1 and all(ch in _CN_DIGITS for ch in whole):  # 二〇二三: only ever a year
            if len(token) == 4 and t.startswith("年", e) and _is_year(value):
                yield _Candidate(s, e + 1, _figure(original, s, e + 1, value, "年", "year"))
            continue
        qualifier, qstart = _qualifier_before(t, s)
        if token in ("百", "千", "万", "亿") and qualifier is None:
            continue  # bare 百/千 without 近/超 is part of a word (百篇, 千人)
        tail = _tail(t, e, english=False)
        if not tail.unit:
            continue  # 十大事件, 一流: numerals inside words
        after_q, cend = _qualifier_after(t, tail.end)
        fig = _figure(
            original,
            s,
            tail.end,
            value * tail.factor,
            tail.unit,
            tail.kind,
            qualifier or tail.qualifier or after_q,
        )
        yield _Candidate(min(qstart, s), cend, fig)


_EN_NUMBER_WORDS = set(_EN_SMALL_NUMBERS) | set(_EN_TENS) | set(_EN_MULTIPLIERS)
_LETTERS_RE = re.compile(r"[A-Za-z]+")


def _en_words(t: str, original: str) -> Iterator[_Candidate]:
    tokens = list(_LETTERS_RE.finditer(t))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.group().lower()
        if word not in _EN_SMALL_NUMBERS and word not in _EN_TENS:
            i += 1
            continue
        words = [word]
        j = i + 1
        while j < len(tokens):
            gap = t[tokens[j - 1].end() : tokens[j].start()]
            nxt = tokens[j].group().lower()
            if gap not in (" ", "-") or (nxt not in _EN_NUMBER_WORDS and nxt != "and"):
                break
            if nxt == "and" and (
                words[-1] not in _EN_MULTIPLIERS
                or j + 1 >= len(tokens)
                or tokens[j + 1].group().lower() not in _EN_NUMBER_WORDS
            ):
                break
            words.append(nxt)
            j += 1
        s, e = tok.start(), tokens[j - 1].end()
        i = j
        if t[e : e + 1] == "-" or t[s - 1 : s] == "-":
            continue  # Five-Year, one-stop: compound adjectives
        value = _english_words_value(words)
        if value is None:
            continue
        unit, end, _, _ = _english_unit(t, e, singular_ok=value == 1)
        if not unit:
            continue  # "one of", "two preventions": counted nouns we cannot name are skipped
        qualifier, qstart = _qualifier_before(t, s)
        kind: FigureKind = "percent" if unit in ("%", "百分点") else "quantity"
        yield _Candidate(min(qstart, s), end, _figure(original, s, end, value, unit, kind, qualifier))


_Recognizer = Callable[[str, str], Iterator[_Candidate]]
_RECOGNIZERS: tuple[_Recognizer, ...] = (
    _times,
    _cn_percent,
    _cn_ordinals,
    _en_ordinals,
    _arabic_numbers,
    _cn_numerals,
    _en_words,
)


def parse_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order of position; see the module docstring for conventions."""
    folded = _fold(text)
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
    t = _fold(s).strip()
    if not t:
        return None
    m = _STANDALONE_ARABIC_RE.fullmatch(t)
    if m:
        factor = 1
        if m.group(2):
            factor = _CN_SCALES.get(m.group(2)) or _EN_SCALES[m.group(2).lower()]
        return float(_arabic(m.group(1)) * factor)
    cn = re.fullmatch(r"(?:百分之)?([零〇一二两三四五六七八九十百千万亿点]+)[多余]?(成)?", t)
    if cn:
        value = _chinese_number(cn.group(1))
        if value is not None:
            return float(value * 10 if cn.group(2) else value)
    words = re.split(r"[ \t]+|-", t.lower())
    if words and all(w in _EN_NUMBER_WORDS or w == "and" for w in words):
        en = _english_words_value(words)
        if en is not None:
            return float(en)
    figures = parse_figures(s)
    return figures[0].value if len(figures) == 1 else None


# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------

# Units that count the same thing under different measure words. 件/宗/起/案 all count cases
# (案件1926起 vs 1,926 cases); 人/名 count people; 家/所/个 count organisations and places
# (中心20家 vs 调解组织167个 vs 高校6所); 批/批次 count batches.
_UNIT_GROUPS = (
    frozenset({"件", "宗", "起", "案"}),
    frozenset({"人", "名"}),
    frozenset({"家", "个", "所"}),
    frozenset({"批次", "批"}),
)
_CANONICAL_UNITS = frozenset(_CN_UNITS.values()) | {"%", "位", "届", "轮", "章", "节", "号"}


def _group(unit: str) -> frozenset[str]:
    for group in _UNIT_GROUPS:
        if unit in group:
            return group
    return frozenset({unit})


def normalize_unit(word: str) -> str:
    """Canonical measure word for a unit written in Chinese (either script) or English, or "".

    ``億元``/``亿元``/``万元`` → 元 (the scale belongs in the value), ``個`` → 个,
    ``cases`` → 件, ``US dollars`` → 美元, ``％`` → %. Unknown words give "".
    """
    w = _fold(word).strip()
    if not w:
        return ""
    if w in _CN_UNITS:
        return _CN_UNITS[w]
    if w in _CANONICAL_UNITS:
        return w
    scaled = _CN_SCALE_RE.match(w)
    if scaled and scaled.end() < len(w):
        return normalize_unit(w[scaled.end() :])
    if w in _CURRENCY_UNITS:
        return _CURRENCY_UNITS[w]
    low = re.sub(r"\s+", " ", w.lower())
    if low in _EN_UNITS:
        return _EN_UNITS[low][0]
    if _EN_MULTIWORD_FULL_RE.fullmatch(low):
        return _multiword_unit(low)
    return ""


def unit_named_in(phrase: str) -> str:
    """The unit of the first plural count noun of an English phrase, or "".

    English often gives a figure without a noun after it ("the number of patents granted was
    692,600"); the phrase that says what it counts then names the unit ("patents" → 件).
    Only plural and invariant nouns count: a singular one is a modifier ("patent attorneys").
    """
    for word in re.findall(r"[A-Za-z][A-Za-z\-]*", phrase):
        entry = _EN_UNITS.get(word.lower())
        if entry and entry[1] != _SINGULAR_FORM and entry[0] not in ("年", "个月", "天"):
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
    return cb in _group(ca)


_MONEY = frozenset({"元", "美元"})
_Q_CN_UNIT_RE = re.compile(r"(?:多少|几)(?:万|亿|千)?")
_Q_RANK_RE = re.compile(
    r"排名|排第|第几|名次|位列|位居|居全国|\brank(?:s|ed|ing)?\b|\bwhat place\b", re.IGNORECASE
)
_Q_PERCENT_RE = re.compile(
    r"比例|比率|占比|比重|百分比|百分之|(?<![效频税])率|增幅|降幅|%|\bpercent(?:age)?\b|\bper cent\b|\bshare\b"
    r"|\bproportion\b|\brate\b|\bratio\b",
    re.IGNORECASE,
)
_Q_MONEY_RE = re.compile(
    r"多少钱|金额|(?<!高)价值|货值|案值|标的|融资额|交易额|成交额|赔偿额|判赔|赔偿数额|资金|多少(?:亿|万)?元"
    r"|收入|营收|预算|经费|支出|补贴|补助"
    r"|\b(?:budgets?|funding|spending|expenditures?|subsid(?:y|ies)|revenues?|turnover|income|earnings)\b|\bfees?\b(?! (?:waivers?|reductions?|exemptions?|cases?|disputes?)\b)"
    r"|\bissu(?:ance|ed) (?:size|scale|value|volume)\b|\b(?:size|scale) of (?:the )?issu(?:ance|ed)\b"
    r"|\bhow much money\b|(?<![-\w])value\b|\bworth\b|\byuan\b|\brmb\b|\bdollars?\b|\bdamages\b|\bamount of money\b"
    r"|\b(?:total )?amount (?:in dispute|insured|involved)\b|\binsured amount\b|\bsum insured\b|\bhow much [\w\s-]*\b(?:financing|turnover|revenue"
    r"|investment|fines?|losses|compensation|premiums?)\b"
    # "What was the total compensation awarded …": money, unless it names what is counted.
    r"|\b(?:compensation|fines|losses)\b(?! (?:cases?|claims?|disputes?|lawsuits?|suits?)\b)",
    re.IGNORECASE,
)
_Q_PEOPLE_RE = re.compile(r"人数|多少人(?!次)")


_CN_NOUN_RE = re.compile(r"[^，,。？?！!；;、]{1,16}")
_CN_GENERIC_NOUNS = ((re.compile(r"(?:嫌疑人|人员|考生|代理师|律师|法官|检察官|专家|人才|人)$"), "人"),
                     (re.compile(r"(?:奖项|奖|项目|成果|措施|政策)$"), "项"))


def unit_for_question(question: str) -> set[str] | None:
    """The units an answer to `question` should be in, or None when the question does not say.

    An explicit measure word wins (多少件 → {件, 宗, 起}; how many batches → {批次, 批}),
    then rank (排名, 第几, rank → {位}, the unit of rank figures), then rate (比例, 率,
    percentage, share → {%}), then money (金额, 多少钱, how much money, value → {元, 美元}).
    """
    q = _fold(question)
    for m in _Q_CN_UNIT_RE.finditer(q):
        cn_unit = _match_cn_unit(q, m.end())
        if cn_unit:
            if cn_unit[0] == "个":
                # 个 is the all-purpose classifier: what it counts is the noun that follows
                # (多少个犯罪嫌疑人 are 名/人, 多少个奖项 are 项).
                noun = _CN_NOUN_RE.match(q, cn_unit[1])
                for pattern, unit in _CN_GENERIC_NOUNS:
                    if noun and pattern.search(noun.group()):
                        return set(_group(unit))
            return set(_group(cn_unit[0]))
    how_many = re.search(r"\bhow[ \t]+many\b", q, re.IGNORECASE)
    if how_many:
        unit, _, _, _ = _english_unit(q, how_many.end(), singular_ok=True, coordinated=True)
        if unit:
            return set(_group(unit))
    if _Q_PEOPLE_RE.search(q):
        return set(_group("人"))
    if _Q_RANK_RE.search(q):
        return {"位"}
    if _Q_PERCENT_RE.search(q):
        return {"%"}
    if _Q_MONEY_RE.search(q):
        return set(_MONEY)
    return None


# --------------------------------------------------------------------------------------------
# Comparison and display
# --------------------------------------------------------------------------------------------

_APPROX_TOL = 0.05
_LOWER: frozenset[Qualifier | None] = frozenset({"more_than", "at_least"})
_UPPER: frozenset[Qualifier | None] = frozenset({"less_than", "at_most"})
_MANTISSA_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _stated_precision(fig: Figure) -> tuple[int, float]:
    """(significant digits, value of one unit in the last significant place) as the text wrote it.

    47,800 → (3, 100); 4.78万 → (3, 100); 4.8万 → (2, 1000); 31.2% → (3, 0.1). Trailing
    zeros of a whole number are not counted as significant: 200 million → (1, 1e8).
    """
    m = _MANTISSA_RE.search(_fold(fig.text))
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


def values_match(claimed: Figure, found: Figure, rel_tol: float = 0.005) -> bool:
    """Whether the `found` figure (from a source) supports the `claimed` one.

    Both must be the same kind (quantity, percent, rank, …) in compatible units
    (see `units_compatible`). Then, with c the claimed and f the found value:

    1. Exact: |f - c| <= rel_tol * |c| (default 0.5%).
    2. Rounding: a claim written with two or more significant digits also matches any f that
       rounds to it at that precision: "4.8万" matches 4.78万, "47,800" matches 47,830.
       One-digit claims ("2亿", "200 million") get no such leeway, since it would span ±50%.
    3. Hedged claims: "about/approximately/around/约" → within 5% of c;
       "nearly/近" → at most 5% below c and not above it (beyond rule 1/2);
       "more than/over/超/逾/余/多" → f > c; "at least/以上" → f >= c;
       "less than/不足" → f < c; "up to/at most/以下" → f <= c. A bound is stated near the
       value it bounds: a "more than / at least" claim is not supported by f >= 2c, nor a "less
       than / up to" claim by f <= c/2 ("超过2.1亿美元" against a source's 超21亿美元 is a scale
       error a reader would be misled by, though literally true).
    4. Hedged sources: a found "more than F" (超200 million) supports a claimed "more than c"
       when c <= F < 2c, and an unhedged or approximate claim of the same number (rules 1-3 applied
       to F); a found "less than F" mirrors that. A claim that repeats the source's number but
       drops its hedge therefore still matches; comparing the qualifiers is left to the caller.
    Years, periods, ordinals and ranks must be equal (ranks also honour 前十 = at most 10).
    """
    if claimed.kind != found.kind or not units_compatible(claimed.unit, found.unit):
        return False
    c, f = claimed.value, found.value
    eps = 1e-9 * max(1.0, abs(c))
    if claimed.kind in ("year", "period", "ordinal", "rank"):
        tol = eps
    else:
        sig, step = _stated_precision(claimed)
        tol = max(rel_tol * abs(c), step / 2 if sig >= 2 else 0.0) + eps
    approx = max(tol, _APPROX_TOL * abs(c))
    cq, fq = claimed.qualifier, found.qualifier

    if fq in _LOWER or fq in _UPPER:
        if cq in _LOWER and fq in _LOWER:
            return c - tol <= f and _near_lower_bound(c, f)
        if cq in _UPPER and fq in _UPPER:
            return f <= c + tol and _near_upper_bound(c, f)
        if cq in _LOWER or cq in _UPPER:
            return False
        return abs(f - c) <= (approx if cq in ("about", "nearly") else tol)
    if cq is None:
        return abs(f - c) <= tol
    if cq == "about":
        return abs(f - c) <= approx
    if cq == "nearly":
        return c - approx <= f <= c + tol
    if cq == "more_than":
        return c < f and _near_lower_bound(c, f)
    if cq == "at_least":
        return c - tol <= f and _near_lower_bound(c, f)
    if cq == "less_than":
        return f < c and _near_upper_bound(c, f)
    return f <= c + tol and _near_upper_bound(c, f)  # at_most


def _near_lower_bound(c: float, f: float) -> bool:
    """f is below twice a positive lower bound c (see values_match, rule 3)."""
    return c <= 0 or f < _BOUND_SPAN * c


def _near_upper_bound(c: float, f: float) -> bool:
    """f is above half a positive upper bound c."""
    return c <= 0 or f > c / _BOUND_SPAN


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


# --------------------------------------------------------------------------------------------
# What a figure measures
# --------------------------------------------------------------------------------------------

# Full-width and ASCII forms both, so boundaries can be found without folding a whole document.
_CLAUSE_CHARS = frozenset("，；。、！？!?;:：\n()（）【】")
_SENTENCE_CHARS = frozenset("。！？!?\n")
_TRIM_CHARS = frozenset("“”‘’\"'《》「」 \t,")
# Connectives and hedges around the words that name a measure. Leading patterns are applied
# with .match at the segment start, trailing ones with .search anchored by $ at its end.
_LEADING_CN_RE = re.compile(
    r"(?:其中|同时|此外|另外|另有|以及|并且|并|及|和|与|且|而|均|共(?=.)|以上|以下|左右|的)+"
)
_TRAILING_CN_RE = re.compile(
    r"(?:"
    + "|".join(re.escape(w) for w, _ in _QUALIFIER_WORDS_CN)
    + r"|人民币|达到|达|约为|为|是|和|及|与|等)+$"
)
_LEADING_EN_RE = re.compile(
    r"(?:(?:and|with|while|whereas|which|including|of which|of|besides|additionally|in addition|moreover"
    r"|furthermore|also|but|as well as|then|thereby)\b[ \t]*)+",
    re.IGNORECASE,
)
_EN_FILLER = r"|was|were|is|are|totaling|totalling|totaled|totalled|reached|reaching|and|or"
_TRAILING_EN_RE = re.compile(
    r"(?:\b(?:"
    + "|".join(sorted(map(re.escape, _QUALIFIER_WORDS_EN), key=len, reverse=True))
    + _EN_FILLER
    + r")\b[ \t]*)+$",
    re.IGNORECASE,
)
_TAIL_TRAILING_EN_RE = re.compile(
    r"(?:\b(?:of|in|to|for|by|the|a|an|with" + _EN_FILLER + r")\b[ \t.]*)+$", re.IGNORECASE
)
_NEVER_RE = re.compile(r"(?!)")
# Words after an English figure that start a new thought rather than describe what is counted.
_TAIL_STOP = frozenset(
    [
        "and",
        "with",
        "while",
        "which",
        "including",
        "representing",
        "accounting",
        "marking",
        "respectively",
        "up",
        "down",
    ]
)
_NUMBER_WORDS = "|".join(
    sorted([*_EN_NUMBER_WORDS, *_EN_ORDINAL_SMALL, *_EN_ORDINAL_TENS], key=len, reverse=True)
)
_NUMBER_HEAD_RE = re.compile(
    r"(?:[A-Z]{2,3}\$?|\$|¥|€)?[ \t]*[\d,.]+(?:st|nd|rd|th)?[ \t]*(?:thousand|million|billion|trillion|bn|mn)?"
    r"[ \t]*(?:%|percent\b|per cent\b)?"
    r"|(?:(?:" + _NUMBER_WORDS + r"|and)[ -])*(?:" + _NUMBER_WORDS + r")\b",
    re.IGNORECASE,
)
_NON_SPACE_RE = re.compile(r"\S+")
_QUOTE_MARKS_RE = re.compile(r"[“”\"「」『』]")
# Separates an inherited phrase from the figure's own bare action or change
# ("…新收各类知识产权案件 | 审结"): the reranker checks that the action is the one asked about.
ACTION_MARK = " | "
# A Chinese clause this short before its figure, with nothing after it, is a bare action
# (审结, 起诉, 破案); a rate's clause of only change words (同比分别上升) is a bare change.
_BARE_VERB_CHARS = 3
_CN_CHANGE_RE = re.compile(r"(?:同比|环比|分别|较上年|比上年|增长|上升|下降|减少|增加|提高|增幅|降幅|为|了)+")
# An English figure whose own words before it are only a linking preposition.
_EN_LINK_ONLY_RE = re.compile(r"(?:involved in|involving|covering|concerning|in|for|from|with|of)", re.IGNORECASE)
_EN_PASSIVE_RE = re.compile(r"\s*(?:[^\s,;]+\s+)?(?:were|was|are|is|had been|have been|has been)\s+\w+ed\b",
                            re.IGNORECASE)
_LISTED_GAP_RE = re.compile(r"[\s,，、;；和及与]*(?:and|or)?[\s,，、]*", re.IGNORECASE)


def _is_boundary(t: str, i: int, chars: frozenset[str]) -> bool:
    ch = t[i]
    if ch in chars:
        return True
    if (ch in ",." and chars is _CLAUSE_CHARS) or (ch == "." and chars is _SENTENCE_CHARS):
        return not _inside_number(t, i)
    return False


def _inside_number(t: str, i: int) -> bool:
    """Whether the , or . at `i` belongs to a number (1,265 / 8.85) rather than ending a clause
    (Chinese text often has no space after a comma: 典型案例,3件案例)."""
    if not t[i - 1 : i].isdigit():
        return False
    if t[i] == ".":
        return t[i + 1 : i + 2].isdigit()
    return bool(re.match(r"\d{3}(?!\d)", t[i + 1 : i + 5]))


def _bounds(t: str, start: int, end: int, chars: frozenset[str]) -> tuple[int, int]:
    left = start
    while left > 0 and not _is_boundary(t, left - 1, chars):
        left -= 1
    right = end
    while right < len(t) and not _is_boundary(t, right, chars):
        right += 1
    return left, right


def figure_context(text: str, fig: Figure) -> str:
    """The clause holding `fig`: the text between the nearest clause breaks on either side
    (，,；;。、:()! ? and English commas or full stops that are not inside a number)."""
    left, right = _bounds(text, fig.start, fig.end, _CLAUSE_CHARS)
    return text[left:right].strip()


def _trim(text: str, folded: str, a: int, b: int, leading: re.Pattern[str], trailing: re.Pattern[str]) -> str:
    """text[a:b] without quotes, connectives and hedges at its ends (matched on the folded text,
    so traditional-script input trims the same way)."""
    while True:
        before = (a, b)
        while a < b and folded[a] in _TRIM_CHARS:
            a += 1
        while b > a and folded[b - 1] in _TRIM_CHARS:
            b -= 1
        lead = leading.match(folded, a, b)
        if lead and lead.end() > a:
            a = lead.end()
        trail = trailing.search(folded, a, b)
        if trail and trail.start() < b:
            b = trail.start()
        if (a, b) == before:
            return text[a:b]


def metric_phrase(text: str, fig: Figure) -> str:
    """The words of the figure's clause that say what it counts.

    Chinese usually names the measure before the number (批准逮捕侵犯知识产权犯罪案件1265件), so
    the phrase is the clause text before the figure, cut at any earlier figure in the clause,
    with connectives (其中, 并, 共) and hedges (超过, 达) stripped; when the counted noun follows
    instead (建设24个…先行区) up to 20 characters after it are added after " ... ". English also
    names it after the number, so the head noun and up to four following words are added
    ("customs in Guangdong seized ... batches of infringing goods"). A figure with nothing of its
    own before it (the 1854人 of 1265件1854人, the 68.24% of 64.29%、68.24%) inherits the phrase
    of the figure it is listed with.
    """
    sent_left, sent_right = _bounds(text, fig.start, fig.end, _SENTENCE_CHARS)
    sentence = text[sent_left:sent_right]
    local = fig.model_copy(update={"start": fig.start - sent_left, "end": fig.end - sent_left})
    return _metric(sentence, _fold(sentence), local, list(_sentence_figures(sentence)), depth=0)


@functools.lru_cache(maxsize=512)
def _sentence_figures(sentence: str) -> tuple[Figure, ...]:
    # The indexer asks for the phrase of every figure, several per sentence; parsing each
    # sentence once keeps that linear. Figures are frozen, so sharing them is safe.
    return tuple(g for g in parse_figures(sentence) if g.kind not in ("year", "period"))


def _english_tail(text: str, folded: str, fig: Figure, stop: int) -> str:
    """The figure's unit and up to four words after it ("suspects were transferred for
    prosecution"), without the number itself."""
    head = _NUMBER_HEAD_RE.match(folded, fig.start, fig.end)
    tail_start = head.end() if head else fig.start
    tail_end = fig.end
    for n, word in enumerate(_NON_SPACE_RE.finditer(folded, fig.end, stop)):
        if n >= 4 or word.group().lower().strip(".,;:\"'“”") in _TAIL_STOP:
            break
        tail_end = word.end()
    return _trim(text, folded, tail_start, tail_end, _NEVER_RE, _TAIL_TRAILING_EN_RE)


def _metric(text: str, folded: str, fig: Figure, others: list[Figure], depth: int) -> str:
    clause_left, clause_right = _bounds(folded, fig.start, fig.end, _CLAUSE_CHARS)
    chinese = any(_is_cjk(ch) for ch in folded[clause_left:clause_right])
    earlier = [g for g in others if g.end <= fig.start]
    prev = earlier[-1] if earlier else None
    left = max(clause_left, prev.end) if prev else clause_left
    if chinese:
        prefix = _trim(text, folded, left, fig.start, _LEADING_CN_RE, _TRAILING_CN_RE)
    else:
        prefix = _trim(text, folded, left, fig.start, _LEADING_EN_RE, _TRAILING_EN_RE)
    stop = min([g.start for g in others if g.start >= fig.end] + [clause_right])
    cn_suffix = _trim(text, folded, fig.end, min(stop, fig.end + 20), _LEADING_CN_RE, _NEVER_RE) if chinese else ""
    bare_action = fig.kind != "percent" and 0 < len(prefix) <= _BARE_VERB_CHARS
    bare_change = fig.kind == "percent" and bool(_CN_CHANGE_RE.fullmatch(prefix))
    if chinese and (bare_action or bare_change) and depth < 8 and not cn_suffix:
        # "新收各类知识产权案件83308件，同比减少8.54%，审结88462件": a clause that names only its
        # action (审结) counts the same things as the nearest earlier figure in its unit, and a
        # bare rate (同比减少) is the change of the figure before it.
        earlier_figs = [g for g in others if g.end <= fig.start and g.kind == "quantity"]
        if fig.kind != "percent":
            earlier_figs = [g for g in earlier_figs if g.unit and fig.unit and units_compatible(g.unit, fig.unit)]
        if earlier_figs:
            inherited = _metric(text, folded, earlier_figs[-1], others, depth + 1)
            if inherited and prefix not in inherited:
                return _QUOTE_MARKS_RE.sub("", f"{inherited}{ACTION_MARK}{prefix}")
    if prev is not None and depth < 8 and not chinese and _EN_LINK_ONLY_RE.fullmatch(prefix):
        # "against 3,192 suspects in 1,779 cases": the second figure counts within what the
        # first one's clause says, and adds its own noun.
        inherited = _metric(text, folded, prev, others, depth + 1)
        own = _english_tail(text, folded, fig, stop)
        return _QUOTE_MARKS_RE.sub("", " ... ".join(p for p in (inherited, own) if p))
    if (
        not prefix
        and prev is not None
        and depth < 8
        and _LISTED_GAP_RE.fullmatch(folded, prev.end, fig.start)
        # "and 2,653 suspects were transferred for prosecution" says itself what it counts.
        and (chinese or not _EN_PASSIVE_RE.match(folded, fig.end, stop))
    ):
        return _metric(text, folded, prev, others, depth + 1)
    suffix = cn_suffix if chinese else _english_tail(text, folded, fig, stop)
    # Quote marks around names (“黄金内湾…”先行区) are noise for matching what is counted.
    return _QUOTE_MARKS_RE.sub("", " ... ".join(part for part in (prefix, suffix) if part))
