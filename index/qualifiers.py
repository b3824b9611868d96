"""Qualifiers that make one IP statistic a different statistic: 马德里 / PCT / 海外 applications,
发明 / 实用新型 / 外观设计 patents, 有效 (valid, a stock), 执业 (practising) attorneys, per 10,000
people, and so on.

A figure for the unqualified metric is no answer to a question about a qualified one (2023's
商标注册量 79.05万件 does not say how many Madrid applications were filed), nor is a figure for
a qualified metric an answer to a question that does not name the qualifier (海外发明专利授权量
is not 专利授权量). A few (ASKED_ONLY: trademark, pledge, securitization, pretrial) bind only the question:
a metric phrase may name them in passing (专利商标质押融资). Both languages and both scripts are
matched, so an English question meets a Chinese clause. Pure functions.
"""

from __future__ import annotations

import re
from functools import cache

from index.lexicon import LexiconError, hyphen_or_space, marker_source, rows, words
from index.search_form import to_simplified

# name → a pattern over simplified Chinese and English text (index/lexicon/qualifiers.tsv). ASCII word
# boundaries: an English word typed inside Chinese ("广东的high-value发明专利") has a boundary at the
# Chinese character beside it, which Unicode's \b (counting 的 a word character) does not see.
QUALIFIERS: dict[str, re.Pattern[str]] = {name: re.compile(hyphen_or_space(pattern), re.IGNORECASE | re.ASCII)
                                          for name, pattern in rows("qualifiers.tsv", 2)}


def _asked_patterns() -> dict[str, re.Pattern[str]]:
    """The official forms and the everyday ones people ask with (qualifiers_everyday.tsv: "仍在保护期内的
    商标" asks for 有效注册商标量, "电脑程序" for 计算机软件). Read in questions and claims, and in a
    figure's sentence (what a question asks must be named there, in whatever words), not in its own
    metric phrase: a qualifier the metric names and the question does not rules the figure out, and
    only the documents' own terms are sure to make one statistic another."""
    everyday: dict[str, list[str]] = {}
    for name, pattern in rows("qualifiers_everyday.tsv", 2):
        if name not in QUALIFIERS:
            raise LexiconError(f"qualifiers_everyday.tsv: {name!r} is no qualifier of qualifiers.tsv")
        everyday.setdefault(name, []).append(hyphen_or_space(pattern))
    return {name: re.compile("|".join([pattern.pattern, *everyday.get(name, [])]), re.IGNORECASE | re.ASCII)
            for name, pattern in QUALIFIERS.items()}


ASKED_FORMS: dict[str, re.Pattern[str]] = _asked_patterns()
# Qualifiers a question must find in the figure's sentence, but which a metric phrase may name
# without narrowing it: 专利商标质押融资 answers "how much patent pledge financing", while no
# sentence without 商标 says how many trademark cases there were.
ASKED_ONLY: frozenset[str] = frozenset({"trademark", "pledge", "securitization", "pretrial"})


# Words just before a qualifier that set it aside: "general (non-software) works", "not counting the
# farm-produce labels", "other than computer software", "非软件作品", "不含实用新型", "除发明专利外". A question
# that sets a qualifier aside asks for a figure without it, not for it.
NEGATION = re.compile(r"(?:\bnon-?|\bnot(?: counting| including)?(?! just| only| merely)|\bother than|\bexcluding|\bexcept(?: for)?|"
                      r"\bapart from|\baside from|\b(?:leaving|leave|setting|set|putting|put) aside|\bwithout|"
                      r"\bbesides|非|不含|不包括|不计|除了?)\s*(?:the\s+|an?\s+)?(?:[a-z]+\s+)?$",
                      re.IGNORECASE | re.ASCII)
NEGATION_REACH = 32  # characters before a qualifier looked at for a negation


@cache
def _inclusion() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words around a qualifier that count it within the figure a question asks for, before it
    ("including software", 包括软件; not "including only …") or after it ("software included",
    含软件在内): the question asks for the whole (inclusion_markers.txt, as index.ontology reads them
    for actions)."""
    before = re.compile(rf"{marker_source('inclusion_markers.txt')}(?!\s*(?:only|just)\b)\s*(?:the\s+|an?\s+|all\s+)?"
                        rf"(?!(?:only|just)\b)(?:[a-z]+\s+)?$", re.IGNORECASE | re.ASCII)
    after = re.compile(r"[\w-]*(?:\s+\w+)?\s*(?:\b(?:included|inclusive)\b|在内)", re.IGNORECASE | re.ASCII)
    return before, after


# What asks for or states the figure of the thing named, after it in its clause: "包括发明专利多少件",
# "including invention patents numbering 168,800". The qualifier is then asked: the part is the subject.
_FIGURE_AFTER = re.compile(r"[^，,；;。.!?！？:：()（）]*?(?:\d|多少|几|幾|how many|how much)", re.IGNORECASE)


# "only" / "just" / 只 / 仅 around a qualifier: it is what is asked ("只含发明专利的话", "invention patents only").
_ONLY = re.compile(r"(?<!not )\b(?:only|just)\b|(?<!不)[只仅]", re.IGNORECASE)
ONLY_REACH = 16  # characters after a qualifier looked at for "only"


def _named_how(text: str, m: re.Match[str], question: bool) -> str:
    """How a text names a qualifier: "set aside", "included" (in a question, counted within the
    whole it asks for) or "asked"."""
    reach = max(0, m.start() - NEGATION_REACH)
    before_text = text[reach:m.start()]
    if NEGATION.search(before_text):
        return "set aside"
    if not question:
        return "asked"
    before, after = _inclusion()
    if after.match(text, m.end()):  # "software included", "含软件在内的作品": closed off as a part
        return "included"
    if _FIGURE_AFTER.match(text, m.end()) or _ONLY.search(text, reach, m.end() + ONLY_REACH):
        return "asked"
    return "included" if before.search(before_text) else "asked"


def _how_named(text: str, question: bool) -> dict[str, set[str]]:
    """Each qualifier a text names, with how each mention names it (``_named_how``)."""
    simplified = to_simplified(text)
    found = {name: {_named_how(simplified, m, question) for m in pattern.finditer(simplified)}
             for name, pattern in ASKED_FORMS.items()}
    return {name: how for name, how in found.items() if how}


def asked_qualifiers(text: str, question: bool = True) -> frozenset[str]:
    """The qualifiers a question asks for: those it names, less those it names only to set aside or,
    where no figure of them is asked or stated after them, to count within the whole it asks for
    ("How many works, software included, …": all works; "包括发明专利多少件" asks the part). A claim
    (``question`` False) states what it names ("…包括发明专利16.88万件")."""
    return frozenset(name for name, how in _how_named(text, question).items() if "asked" in how)


def qualifiers_in(text: str, everyday: bool = False) -> frozenset[str]:
    """The qualifiers a text names (either language, either script); with ``everyday``, in everyday
    words too (a figure's sentence may say 出海 or 技术秘密 where a question says 海外 or 商业秘密)."""
    simplified = to_simplified(text)
    patterns = ASKED_FORMS if everyday else QUALIFIERS
    return frozenset(name for name, pattern in patterns.items() if pattern.search(simplified))


def qualifier_mismatch(asked: frozenset[str], sentence: frozenset[str], metric: frozenset[str]) -> bool:
    """True when the question names a qualifier the figure's sentence does not, or the figure's
    own metric phrase names one the question does not (ASKED_ONLY ones aside)."""
    return bool(asked - sentence) or bool(metric - asked - ASKED_ONLY)


def set_aside_qualifiers(text: str) -> frozenset[str]:
    """The qualifiers a question names only to set aside ("general works (other than computer
    software)", "不含实用新型"): it asks for what is left without them."""
    return frozenset(name for name, how in _how_named(text, True).items() if how == {"set aside"})


_BREAKDOWN = re.compile("|".join(sorted(map(re.escape, words("breakdown_markers.txt")), key=len, reverse=True)),
                        re.IGNORECASE)


def part_qualifiers(text: str, end: int, right: int, stop: int) -> frozenset[str]:
    """The qualifiers of the parts a figure ending at ``end`` is broken down into: those named
    after a breakdown word between it and the next figure (``right``), up to the end of its
    ；-list (``stop``). "A total of 332,200 copyright registrations…, of which 282,700 were computer
    software works" includes software, so it is no answer about works other than software."""
    start = breakdown_start(text, end, right)
    return qualifiers_in(text[start:stop]) if start is not None else frozenset()


def breakdown_start(text: str, end: int, right: int) -> int | None:
    """Where the breakdown of a figure ending at ``end`` opens, if a breakdown word follows it
    before the next figure (``right``)."""
    m = _BREAKDOWN.search(text, end, max(end, right))
    return m.start() if m else None


def excluded_mismatch(set_aside: frozenset[str], parts: frozenset[str]) -> bool:
    """The question sets aside a qualifier the figure includes as one of its parts."""
    return bool(set_aside & parts)


@cache
def _share_words() -> dict[str, tuple[str, ...]]:
    table = rows("share_words.tsv", 2)
    kinds = ("zh", "zh_not", "phrase")
    # the longest word first: 占地面积 goes before 占
    return {k: tuple(sorted((f.lower() for kind, f in table if kind == k), key=len, reverse=True)) for k in kinds}


def is_share(metric: str) -> bool:
    """The metric phrase is a share's (index/lexicon/share_words.tsv): "占全国计算机软件著作权登记总量的",
    "版权产业增加值占地区生产总值比重", "accounting for ... of the province's total"; not "侵占…" or "占用…"."""
    words = _share_words()
    text = metric.lower()
    for word in words["zh_not"]:
        text = text.replace(word, " ")
    return any(w in text for w in words["zh"]) or any(p in text for p in words["phrase"])


@cache
def change_words(kinds: tuple[str, ...] = ("marker", "up", "down")) -> re.Pattern[str]:
    """The year-on-year word list's forms of the given kinds (index/lexicon/year_on_year.tsv) as one
    pattern. Chinese forms of two characters or more only: "新增" is no rise, nor "减" a fall."""
    forms = [p for p, kind in rows("year_on_year.tsv", 2) if kind in kinds]
    zh = [f for p in forms if not p.isascii() for f in p.split("|") if len(f) > 1]
    return re.compile("|".join([*(p for p in forms if p.isascii()), *zh]), re.IGNORECASE)


# 增加值 is value added (版权产业增加值占GDP比重7.41%): a level, whatever its first two characters say.
_NOT_CHANGE = re.compile(r"增加值")


def states_change(metric: str) -> bool:
    """The metric phrase of a percent says it is a change (index/lexicon/year_on_year.tsv): "同比上升",
    "up ... year-on-year", "增幅"; not a level ("结收比", "a clearance-to-receipt ratio of", "增加值")."""
    return bool(change_words().search(_NOT_CHANGE.sub(" ", metric)))


_WORDISH = re.compile(r"[A-Za-z\u3400-\u9fff]")


def only_change(words: str) -> bool:
    """The words say only that something changed (",同比提高", ", up "): what changed is said before."""
    return bool(change_words().search(words)) and not _WORDISH.search(change_words().sub("", words))
