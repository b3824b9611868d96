"""How well a figure's unit fits the one a question asks for: rank's ``unit`` feature (1 fits,
-1 another unit, which the decision rules out; -0.5 none named, or one that may count the same things
where one side's measure word is only guessed from an English noun) and its ``guessed_unit`` mark (-1:
the latter, which is no rival to a figure in the asked unit, qa.decide.trusted). Pure functions."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from index.figures import (
    counts_beings,
    counts_things,
    general_classifier,
    generic_restatement,
    may_count_as,
    units_compatible,
)
from index.figures.units import occurrences_of, unit_group
from index.glossary import Glossary
from index.sentences import sentence_bounds
from index.text import en_stem, en_tokens
from qa.intent import measure_nouns

if TYPE_CHECKING:
    from qa.rank import ScoredFigure


@functools.lru_cache(maxsize=8192)
def unit_fit(asked: tuple[str, ...], guessed: bool, unit: str, lang: str, counted: bool = True,
             question: bool = True) -> tuple[float, float]:
    """(unit, guessed_unit) for a figure in ``unit`` (its own or the one its metric names), written in
    ``lang``, against the asked units; ``guessed``: they are only the lexicon's guess from the English
    noun the question counts (qa.intent.unit_guessed); ``counted``: the figure is a count (no rank,
    share or year); ``question``: asked (no figure stated), where a general classifier is loose speech."""
    if not unit:
        return -0.5, 0.0
    if any(units_compatible(unit, u) for u in asked):
        return 1.0, 0.0
    # One side's measure word is a guess from an English noun: the question's ("how many projects" gave
    # 项; the source counts 619個), or an English figure's, where the question writes its own ("43,667 law
    # enforcement officers" for 43667人次, asked as person-times). A general classifier or a count of
    # occurrences of the things (index.figures.may_count_as) is then weaker, not ruled out; so is an English
    # figure of anything counted one by one where the question or claim writes 个 ("抓了4870个犯罪嫌疑人").
    if counted and ((guessed and lang == "zh" and may_count_as(unit, asked))
                    or (not guessed and lang == "en" and any(occurrences_of(a, unit_group(unit))
                                                             or generic_restatement(a, unit) for a in asked))):
        return -0.5, -1.0
    # A general classifier counts anything: the question's own ("立了多少个案子" for 1762宗, "几条做法" for
    # 15项), or the guess where it is one ("records" gave 条; the source counts 234萬件 of them), and a claim's in
    # one (qa.claim_units.loose_classifier: "欧盟商标数据234万条" for 234萬件). A figure counting things in
    # another measure word is then weaker evidence, not ruled out. Not people or organisations
    # ("批准逮捕…案件1854个" is no 1854人).
    if counted and ((guessed and lang == "zh") or (question and not guessed)) and _loosely_counted(asked, unit):
        return -0.5, -1.0
    return -1.0, 0.0


def _loosely_counted(asked: tuple[str, ...], unit: str) -> bool:
    """The asked measure words are all general classifiers and the figure counts things, not beings."""
    return bool(asked) and all(general_classifier(a) for a in asked) and counts_things(unit) and not counts_beings(unit)


def outmatched(features: dict[str, float], best: dict[str, float]) -> bool:
    """A figure only in a unit that may count what is asked is no rival to the best figure where that
    one is in the asked unit (features as unit_fit gives them)."""
    return features.get("guessed_unit", 0.0) < 0 < best.get("unit", 0.0)


def outmatched_percent(features: dict[str, float], best: dict[str, float]) -> bool:
    """A percent where the question asks none (rank's unasked_percent) is no rival to a best figure
    that is no percent: it measures something else ("结收比106.19%" beside "审结88462件")."""
    return features.get("unasked_percent", 0.0) < 0 <= best.get("unasked_percent", 0.0)


def measure_noun_restates(text: str, claimed_unit: str, unit: str) -> bool:
    """An English figure counted by a measure noun ("252 pieces of information": 件; measure_nouns_en.txt)
    restates a source figure in a general classifier its unit may stand for (252條): the noun is no
    classifier of the thing itself. A noun that is ("1,701 patents", "5,776 people") never does, nor
    occurrences (人次 for people)."""
    return bool(claimed_unit) and bool(set(re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower())) & measure_nouns()) \
        and may_count_as(unit, (claimed_unit,)) and not occurrences_of(unit, (claimed_unit,))


def names_counted_noun(head: str, lang: str, before: str, after: str, glossary: Glossary) -> bool:
    """Whether a source figure counts the plural noun an English figure counts with no unit: the noun
    the source's own figure phrase counts, right after it in English ("9,120 rights-protection opinions"
    for "9,012 cases of rights protection opinion issuance": ``after``, its next six words), or the
    word its Chinese metric ends with, right before it, by that word's dictionary senses (``before``:
    向法院发送再审检察建议 for "retrial recommendations"; not 技术交易额 for "transactions")."""
    stem = en_stem(head)
    if lang == "en":
        return stem in en_tokens(" ".join(after.split()[:6]))
    end = before.rstrip()
    return any(end.endswith(word) for word in glossary.words_with_sense(stem))


def asked_unit_beside(best: ScoredFigure, figs: Sequence[ScoredFigure], allowed: Callable[[ScoredFigure], bool]
                      ) -> ScoredFigure | None:
    """Where ``best`` is in a unit the question does not ask for, the figure of its sentence in the unit
    asked (rank's ``unit`` feature above 0) that ``allowed`` leaves, for the calibrated model to judge:
    the thing asked, measured as asked, beside it ("3478万件" beside "14420批次" for "多少批次",
    "1854人" beside "68.24%" for "how many people"). None where its sentence has none: one further
    down, in another sentence, would be a guess."""
    start, end = sentence_bounds(best.chunk.text, best.figure.start)
    return next((f for f in figs if f is not best and f.chunk.id == best.chunk.id and start <= f.figure.start < end
                 and f.features.get("unit", 0.0) > 0 and allowed(f)), None)
