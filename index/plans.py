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


def plan_role(metric: str, clause: str) -> Plan | None:
    """Whether a figure is a plan's target or a result, where its label or sentence says."""
    for text in (metric, clause):
        if _ACTUAL_RE.search(text):
            return "actual"
        if _TARGET_RE.search(text):
            return "target"
    return None
