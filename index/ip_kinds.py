"""The kind of intellectual property a text is about (patents, trademarks, copyright;
``index/lexicon/ip_kinds.tsv``), and when a figure's kind rules it out for a question.

A figure's kind is read from its own ；-list, not its whole sentence: "…共办结专利侵权纠纷案件2282宗,…；
办理商标行政处罚案件1568宗,…,罚没金额2756.68万元。" — the fines belong to the trademark cases, whose
subject the list names in its first clause, not to the patent disputes before the "；". Where the
figure's own metric phrase names a kind ("110家专利代理机构、819家商标代理机构"), that is its kind.
Pure functions.
"""

from __future__ import annotations

import re

from index.lexicon import hyphen_or_space, ordered_words, rows
from index.qualifiers import NEGATION, NEGATION_REACH
from index.roles import agencies_in
from index.search_form import to_simplified

# ASCII word boundaries, as index.qualifiers.QUALIFIERS: "广东的trademark申请" names trademarks.
KINDS: dict[str, re.Pattern[str]] = {name: re.compile(hyphen_or_space(pattern), re.IGNORECASE | re.ASCII)
                                     for name, pattern in rows("ip_kinds.tsv", 2)}


def kinds_in(text: str) -> frozenset[str]:
    """The kinds a text names (either language, either script)."""
    simplified = to_simplified(text)
    return frozenset(name for name, pattern in KINDS.items() if pattern.search(simplified))


def without_kinds(text: str) -> str:
    """The text with the names of kinds of right blanked out: "trademark pledge financing" names
    financing, not trade (a word read at its start, index.figures.dimensions.counted_classes)."""
    for pattern in KINDS.values():
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


_IN_GENERAL = re.compile("|".join(ordered_words("ip_in_general.txt")), re.IGNORECASE | re.ASCII)


def names_in_general(text: str) -> bool:
    """Whether a text names intellectual property in general ("知识产权", "IP", "各类")."""
    return bool(_IN_GENERAL.search(to_simplified(text)))


_PART_ASKED = re.compile("|".join(ordered_words("part_question_markers.txt")), re.IGNORECASE)


def asks_part_of(question: str) -> bool:
    """Whether a question names a total to ask a part of it ("其中…有多少", "How many of those …")."""
    return bool(_PART_ASKED.search(to_simplified(question)))


def asks_in_general(question: str) -> bool:
    """Whether a question asks about intellectual property in general ("IP collaborative operation
    centres for patent commercialisation": the kind may say what for), read after the last words
    with which it names a total to ask a part of ("知识产权案件里,patent cases有多少件" asks about
    patents: index/lexicon/part_question_markers.txt)."""
    simplified = to_simplified(question)
    asked = [m.end() for m in _PART_ASKED.finditer(simplified)]
    return names_in_general(simplified[asked[-1]:] if asked else simplified)


def in_general(metric: str) -> bool:
    """Whether a figure's metric counts intellectual property in general and names no kind of it
    ("新收各类知识产权案件", "IPR-related criminal cases"): the total over kinds."""
    return names_in_general(metric) and not kinds_in(metric)


def asked_kinds(text: str) -> frozenset[str]:
    """The kinds a question asks about: those it names, less those it names only to set aside
    ("not counting trademarks", "除商标外")."""
    simplified = to_simplified(text)
    return frozenset(name for name, pattern in KINDS.items()
                     if any(not NEGATION.search(simplified[max(0, m.start() - NEGATION_REACH):m.start()])
                            for m in pattern.finditer(simplified)))


def figure_kinds(metric: str, sentence: str) -> frozenset[str]:
    """A figure's kinds: its metric phrase's, else its ；-list's (``sentence``)."""
    return kinds_in(metric) or kinds_in(sentence)


def part_for_whole(whole_asked: bool, metric: str) -> bool:
    """The question asks about intellectual property in general and names no kind of it
    (``whole_asked``: asks_whole), and the figure's own metric phrase counts one kind: "11,200 patent
    dispute cases" (of the Guangzhou IP Court's 14,200 concluded) is no answer about the IP disputes it
    concluded. Only the metric phrase's kind (one its sentence names elsewhere is the sentence's), and
    only one: "专利商标质押融资" names the whole of what "知识产权质押融资" does. Measured on dev, limiting it
    to a total's breakdown lost 7 questions it had answered (a kind's figure outside a breakdown is a
    rival too) for one constructed question it would have kept ("IP applications … pre-examine")."""
    return whole_asked and len(kinds_in(metric)) == 1


def asks_whole(question: str) -> bool:
    """A question names no kind of intellectual property (bodies' names included: "how many patent
    agencies") and asks about it in general, read without the bodies it names (index.roles.agencies_in):
    "知识产权局", "the Guangzhou IP Court" name who acted, not what is counted."""
    if asked_kinds(question):
        return False
    for m in sorted(agencies_in(question), key=lambda m: m.start, reverse=True):
        question = question[:m.start] + " " * (m.end - m.start) + question[m.end:]
    return asks_in_general(question)


def kind_conflict(asked: frozenset[str], figure: frozenset[str], general: bool = False) -> bool:
    """The question asks about some kinds and the figure is about others only, or (``general``:
    its metric counts intellectual property in general, in_general) about all of them together."""
    return bool(asked) and ((bool(figure) and not asked & figure) or (general and not figure & asked))
