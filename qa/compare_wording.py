"""A comparison asked as a question of one year (qa.conversation calls ``one_year_question``): what
is left when its years and comparison words are cut out should still ask how many of what, as a
question about one year would ("专利侵权纠纷行政裁决类案件2024年比2023年增加了多少件?" →
"专利侵权纠纷行政裁决类案件多少件", "How did the number of people whose arrest … change from 2023 to
2024?" → "How many people whose arrest …"). Pure functions over text.
"""

from __future__ import annotations

import re

from qa.intent import LOSSES, unit_for_question
from qa.refill import ASKING, MEASURES

_MEASURE = re.compile(rf"(?:{MEASURES})")
# What an English comparison opens with before what it counts: "How did the number of",
# "Did", "How much has". "the number of X" asks how many X.
_EN_NUMBER_OF = re.compile(r"^(?:(?:how|did|does|do|has|have|had|was|were|is|are)\s+)*(?:the\s+)?(?:total\s+)?"
                           r"(?:number|count) of\s+", re.IGNORECASE)
_EN_LEAD = re.compile(r"^(?:how\s+(?:much\s+)?)?(?:did|does|do|has|have|had|was|were|is|are)\s+", re.IGNORECASE)
# Words left hanging where a year or a comparison word was cut: "… did Guangdong have with",
# "between the end and the end".
_EN_HANGING = re.compile(r"[\s,;:]+(?:with|than|to|from|between|and|in|of|compared|versus|vs\.?)\s*$", re.IGNORECASE)
_EN_REPEATED = re.compile(r"\b(?:between\s+)?(the (?:end|start|beginning|close|middle))(?:\s+and\s+\1)+\b",
                          re.IGNORECASE)


def names_object(turn: str, end: int) -> bool:
    """A change word asking how much ("减少了多少", ending at ``end``) with losses right after it asks
    the losses avoided ("为企业减少了多少损失"), not a change between years (qa.intent.LOSSES)."""
    return turn[:end].endswith("多少") and re.match(rf"\s*(?:{LOSSES})", turn[end:]) is not None


def measure_after_cue(turn: str, cues: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The measure word right after a comparison word that asks how many ("增加了多少件": 件), which
    says the unit of both years' figures."""
    for start, end in cues:
        if turn[start:end].endswith(("多少", "几")):
            m = _MEASURE.match(turn, end)
            if m:
                return m.span()
    return None


def one_year_question(core: str, lang: str, measure: str = "") -> str:
    """A comparison's question without its years and comparison words, written as a question of
    one year; ``measure``: the measure word its comparison words asked with."""
    if lang == "zh":
        core = core.strip(" ,，、;；:：?？")
        if not ASKING.search(core):
            core += "多少" + measure
        return core
    core = core.strip(" ?")
    core = _EN_REPEATED.sub(r"at \1", core)
    while _EN_HANGING.search(core):
        core = _EN_HANGING.sub("", core)
    # "How much did X grow" asks the change, which the comparison gives: not a question of one year.
    if re.search(r"\bhow (?:many|much)\b(?!\s+(?:did|does|do|has|have|had)\b)", core, re.IGNORECASE):
        return core
    number = _EN_NUMBER_OF.match(core)
    if number:
        return "How many " + core[number.end() :]
    much = re.match(r"how\s+much\b", core, re.IGNORECASE) is not None  # "How much did X grow": an amount
    how = re.match(r"how\b", core, re.IGNORECASE) is not None  # "Did police solve more …" names a verb: left as it is
    core = _EN_LEAD.sub("", core)
    # "How did patent pre-examination requests … change" leaves the bare noun phrase: asked as a
    # question of one year would be, with how many (or how much, for an amount of money), as the
    # Chinese gets 多少: the unit a question asks in weighs in the ranking.
    # Only where the unit table reads a unit off it: "How many … pledge financing" names none.
    if how and not re.search(r"\b(?:how|what|which)\b", core, re.IGNORECASE):
        for asked in ([] if much else [f"How many {core}"]) + [f"How much was {core}"]:
            if unit_for_question(asked + "?"):
                return asked
    return core
