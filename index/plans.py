"""A plan's target or its result: which of a five-year plan's figures a table cell, a sentence, a
question or a claim names (目标值 / 完成值, 预期性, "target", "achieved")."""

from __future__ import annotations

import re
from typing import Literal

Plan = Literal["target", "actual"]

# A plan's target or its result: a table cell's label (目标值 / 完成值, 预期性) or the sentence.
_TARGET_RE = re.compile(r"目标|預期|预期|力争|到20\d\d年|\btargets?\b|\bexpected\b|\bby 20\d\d\b", re.IGNORECASE)
_ACTUAL_RE = re.compile(r"完成值|完成|实际|實際|\bachiev(?:e|ed|es|ing)\b|\bactual(?:ly)?\b", re.IGNORECASE)

# A target as a question names it: the words, not "到2025年" / "by 2025" ("到2024年底有多少…" asks what there is).
_ASKED_TARGET_RE = re.compile(r"目标|預期|预期|力争|规划值|規劃值|\btargets?\b|\bgoals?\b|\bexpected\b", re.IGNORECASE)


def asked_plan_role(question: str) -> Plan | None:
    """Whether a question asks for a plan's result or its target, where its words say ("十三五时期…
    的完成值是多少(target是6000件)" asks the result: the word for a result wins, as in plan_role)."""
    if _ACTUAL_RE.search(question):
        return "actual"
    return "target" if _ASKED_TARGET_RE.search(question) else None


def without_target_words(text: str) -> str:
    """``text`` without the words that call a figure a plan's target (目标, "target", "goal"): they
    say which of a plan's figures it is, not what it counts ("超过6000件的目标")."""
    return _ASKED_TARGET_RE.sub(" ", text)


# A figure that is itself the target it is measured against: "超过6000件的目标", "达到15件目标".
_TARGET_AFTER_RE = re.compile(r"\s*的?\s*(?:既定|预期|預期|规划|規劃)?目标|\s*(?:targets?|goals?)\b", re.IGNORECASE)


def names_target_after(text: str, end: int) -> bool:
    """Whether the words right after a figure ending at ``end`` call it a target: then a bound word
    before it (超过, "beating") bounds what reached the target, not the target itself."""
    return bool(_TARGET_AFTER_RE.match(text, end))


_COLUMN_YEAR_RE = re.compile(r"(20\d\d)年")
# A year, or a span of years as its last ("over 2021-2025", "2021至2025年": no base year).
_YEAR_RE = re.compile(r"(?<!\d)(?:20\d\d\s*年?\s*[-–—~～至到]\s*)?(20\d\d)(?!\d)")


# What a plan's figure rises or falls from: "from 13.5 in 2020", "up from a score of 80", "从2020年的13.5件".
_FROM_BEFORE_RE = re.compile(r"(?:\bfrom\b(?:\s+[^\s\d]+){0,4}\s*|[从從由][^，,；;。]{0,12})$", re.IGNORECASE)


def names_base_year(own: str, whole: str, at: int, end: int) -> bool:
    """Whether a plan statement gives the figure at ``at``–``end`` of its clause ``own`` as the base its
    target starts from ("从2020年的13.5件提高到2025年的20件", "20 … by 2025, up from 13.5 in 2020"), a result,
    as a plan table's base-year column is: "from" / 从 before it, and its year, the one nearest it in its
    clause (of two as near, the later: "from 8.7% in 2020 to 9.2% in 2025"), earlier than the latest the
    whole statement names. A plan's issue year ("issued in 2021, targets 20 … by 2025") is no base."""
    if not _FROM_BEFORE_RE.search(own, 0, at):
        return False
    own_years = [(max(at - m.end(), m.start() - end), -int(m.group(1))) for m in _YEAR_RE.finditer(own)]
    all_years = [int(y) for y in _YEAR_RE.findall(whole)]
    return bool(own_years) and -min(own_years)[1] < max(all_years)


def table_plan_role(row: str, start: int, metric: str, clause: str) -> Plan | None:
    """A plan table's cell: under a year column earlier than another of its row ("2020年 13.5, 2025年
    20 (预期性)"), the base year's value, a result (the row's 预期性 is the kind of its target); else
    what its label or sentence says (plan_role)."""
    years = [(m.start(), int(m.group(1))) for m in _COLUMN_YEAR_RE.finditer(row)]
    before = [y for pos, y in years if pos < start]
    if before and before[-1] < max(y for _, y in years):
        return "actual"
    return plan_role(metric, clause)


def plan_role(metric: str, clause: str) -> Plan | None:
    """Whether a figure is a plan's target or a result, where its label or sentence says."""
    for text in (metric, clause):
        if _ACTUAL_RE.search(text):
            return "actual"
        if _TARGET_RE.search(text):
            return "target"
    return None
