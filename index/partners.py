"""Joint actions with partners outside the province: "联合香港、澳门海关开展…联合执法行动3次,查获涉嫌侵权
商品3849批次" is the joint operations' part of what the province's customs seized (14420批次). A
question that names no partner and no joint action asks for the province's own total; one that
names its partners in a joint action asks for the joint part (qa.rank's ``partner``, a gate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from index.figures import Figure
from index.lexicon import alternation, rows, words
from index.places import ancestors, level, place_mentions, places_in, province_of
from index.search_form import to_simplified
from index.sentences import CLAUSE_END, sentence_bounds


@cache
def _joint_re() -> re.Pattern[str]:
    # 联合国 (the United Nations) and 联合利华 (Unilever) act jointly with no one
    return re.compile(rf"(?:{alternation(words('joint_words.txt')).pattern})(?!国|國|利华|利華)", re.IGNORECASE)


@cache
def _pairs() -> dict[str, frozenset[str]]:
    return {form: frozenset(ids.split()) for form, ids in rows("place_pairs.tsv", 2)}


@cache
def _total_re() -> re.Pattern[str]:
    return alternation(words("total_words.txt"))


def names_total(text: str) -> bool:
    """The text names its figure the year's or the province's total (total_words.txt: 全年, "in all")
    and no joint action."""
    return bool(_total_re().search(to_simplified(text))) and not names_joint_action(text)


def names_joint_action(text: str) -> bool:
    """The text names acting jointly with another body (joint_words.txt)."""
    return bool(_joint_re().search(to_simplified(text)))


def named_places(text: str) -> frozenset[str]:
    """Every place a text names (index.places.places_in), and the two a short pair form names
    outside any longer place name ("港澳", place_pairs.tsv)."""
    simple = to_simplified(text)
    found = set(places_in(simple))
    spans = [(s, e) for s, e, _ in place_mentions(simple)]
    for form, ids in _pairs().items():
        for m in re.finditer(re.escape(form), simple):
            if not any(s <= m.start() and m.end() <= e and (s, e) != m.span() for s, e in spans):
                found |= ids
    return frozenset(found)


def partners_in(text: str, home: str | None) -> frozenset[str]:
    """The places outside ``home`` (a province: neither in it nor containing it) that a text naming a
    joint action names: its partners. None where it names no joint action. A region is no partner
    (粤港澳大湾区 holds the province itself)."""
    if not names_joint_action(text):
        return frozenset()
    return frozenset(p for p in named_places(text) if p != home and level(p) != "region"
                     and (home is None or (province_of(p) != home and p not in ancestors(home))))


def partner_mismatch(asked_partners: frozenset[str], asked_joint: bool, asked_places: frozenset[str],
                     figure_partners: frozenset[str], home: str | None) -> bool:
    """A joint action's figure for a question naming neither a joint action nor any of its partners
    (the province's own total is asked), or a figure of no joint action for a question naming the
    partners of one (the joint part is asked); ``home``: the figure's document's province, no partner
    of its own ("released together with Guangdong's top ten IP events")."""
    if figure_partners:
        return not asked_joint and not (figure_partners & asked_places)
    return any(p != home and province_of(p) != home and (home is None or p not in ancestors(home))
               for p in asked_partners)


def asked_partners(text: str, own: frozenset[str]) -> frozenset[str]:
    """The partners of a joint action a question or claim names: the places it names beside one,
    less those it is about (``own``) and what contains them."""
    around = own | {a for p in own for a in ancestors(p)}
    return frozenset(p for p in partners_in(text, None) if p not in around)


class Counted(Protocol):
    """What a gate needs of a figure record (index.records.FigureRecord)."""

    id: str
    aligned: str | None
    partners: frozenset[str]
    unit: str
    year: int


def gate_stands(record: Counted, candidates: Sequence[Counted]) -> bool:
    """Whether a partner gate on ``record`` stands among the ``candidates``: a joint action's part's
    always; the whole's only where a joint action's part in its unit and year is one of them ("410
    cooperation programs" is no total of the 3 joint operations) and is not this figure's translation
    (the English "Guangdong launched 17 enquiry points" leaves out with whom: "联合香港知识产权署…设置
    17个问询点")."""
    if record.partners:
        return True
    if record.aligned in {c.id for c in candidates if c.partners}:
        return False
    return bool(record.unit) and any(c.partners and c.unit == record.unit and c.year == record.year
                                     for c in candidates)


def claimed_joint_roles(text: str, stated: Sequence[Figure], figure: Figure, joint: bool,
                        named: frozenset[str], own: frozenset[str]) -> dict[str, object]:
    """A claim's joint action as one of its ``stated`` figures (``figure``, in ``text``) is judged by (QueryFrame's ``joint``, ``named_places``, ``partners``): the
    partners its sentence names from the figure before it to the end of its clause ask for the joint
    part ("Guangdong customs seized 3,849 batches in three joint operations with Hong Kong and Macao";
    "…14,420 batches; in joint operations with …, 3,849": 14,420 is the total); the whole claim's
    joint action and places let a joint part answer (``joint``, ``named``), unless the figure's own
    clause says it is the year's or the province's total ("…联合执法行动3次,全年查扣14420批次")."""
    start = figure.start
    begin = max([sentence_bounds(text, start)[0]] + [f.end for f in stated if f.end <= start])
    stop = CLAUSE_END.search(text, figure.end)
    finish = stop.start() if stop else len(text)
    stretch = text[begin:finish]
    clause = text[max([begin] + [m.end() for m in CLAUSE_END.finditer(text, begin, start)]):finish]
    if names_total(clause):
        return {"joint": False, "named_places": named_places(clause), "partners": frozenset()}
    return {"joint": joint, "named_places": named,
            "partners": asked_partners(stretch, own) if names_joint_action(stretch) else frozenset()}
