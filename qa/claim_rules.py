"""When a source figure cannot judge one figure of a claim, whatever its value: the verdict is
``contradicted`` only when a figure for the same metric, agency, year and place disagrees, so a
figure that counts something else (a plan's target for an actual count, a yearly count for a
quarter) is no evidence either way and the part is
``not_found``. Pure functions over the claim's text and the source figure's record.
"""

from __future__ import annotations

import re
from functools import cache

from index.lexicon import words
from index.records import FigureRecord, plan_role
from index.roles import agencies_in, ontology


@cache
def _part_year_re() -> re.Pattern[str]:
    forms = sorted(words("part_year_periods.txt"), key=len, reverse=True)
    # English forms are whole words ("q1", not the letters of "hq1"); Chinese ones any substring.
    alts = [rf"\b{re.escape(f)}\b" if f.isascii() else re.escape(f) for f in forms]
    return re.compile("|".join(alts), re.IGNORECASE)


def part_of_year(text: str) -> bool:
    """The text names a part of a year (一季度, 上半年, "first quarter"), not a whole one."""
    return bool(_part_year_re().search(text))


def not_comparable(claim_text: str, own_text: str, rec: FigureRecord) -> str | None:
    """Why the source figure ``rec`` says nothing about a claim's figure, or None;
    ``own_text``: the claim's words of that figure (qa.frame.own_span), whose own plan word wins
    ("目标为6000件,实际完成8862件").

    - A plan's target is no evidence about an actual count, nor a result about a target.
    - A figure for a whole year says nothing about a quarter or a half of one.
    """
    claim_plan = plan_role(own_text, claim_text)
    if rec.plan == "target" and claim_plan != "target":
        return "the source figure is a plan's target, the claim states an actual figure"
    if rec.plan == "actual" and claim_plan == "target":
        return "the claim states a plan's target, the source figure is a result"
    if part_of_year(claim_text) and not part_of_year(rec.quote):
        return "the claim is about part of a year, the source figure about a whole one"
    return None


def named_institutions(text: str) -> frozenset[str]:
    """The named institutions a text names (深圳知识产权法庭, 省法院 …: agencies of kind ``named:*``)."""
    kinds = ontology().agency_kind
    return frozenset(i for m in agencies_in(text) for i in m.ids if kinds.get(i, i) != i)


def other_institution(own_text: str, rec: FigureRecord) -> str | None:
    """Why a differing source figure cannot contradict a claim's figure whose own words name a
    named institution ("深圳知识产权法庭当年审结4200件"), or None: its sentence must name that
    institution too, or it may well be another body's count."""
    named = named_institutions(own_text)
    if named and not named & named_institutions(rec.quote):
        return "the source figure's sentence does not name the institution the claim names"
    return None
