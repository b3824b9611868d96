"""Words that spell an action's form but are no action where they stand: a bound before a number
("close to 169,000": index/lexicon/bounds.tsv), a date ("at the close of 2024": index.time_frames),
and an adjective or noun after a linking verb ("it is clear that …": clear is no form of clearing
cases there, where "did the courts clear" is the verb). Pure functions over a text and its mentions."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from index.figures.tables import QUALIFIER_WORDS_EN
from index.lexicon import words
from index.role_joins import Mention
from index.text import en_stem
from index.time_frames import DATE_END

_DATE_END = re.compile(DATE_END, re.IGNORECASE)
_REACH = 40  # characters looked back for the linking verb


@functools.cache
def _en_bounds() -> re.Pattern[str]:
    """The English bound phrases of several words, before a number ("close to 169,000", "up to 30%")."""
    phrases = sorted((w for w in QUALIFIER_WORDS_EN if " " in w), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")(?=\s*(?:RMB|US\$|\$)?\s*\d)",
                      re.IGNORECASE)


@functools.cache
def _after_linking_verb() -> re.Pattern[str]:
    """A linking verb, and at most two adverbs after it, right before the end of the searched text."""
    verbs = "|".join(sorted(map(re.escape, words("linking_verbs_en.txt")), key=len, reverse=True))
    adverbs = "|".join(sorted(map(re.escape, words("complement_adverbs_en.txt")), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z'’])(?:{verbs})\s+(?:(?:{adverbs})\s+){{0,2}}$", re.IGNORECASE)


def without_non_actions(text: str, found: Sequence[Mention], forms: Mapping[str, frozenset[str]]) -> list[Mention]:
    """The mentions less those that are no action where they stand; ``forms``: the one-word English
    forms as listed (ontology.en_words), which a linking verb never keeps from being read."""
    if not found or not re.search(r"[A-Za-z]", text):
        return list(found)
    bounds = [m.span() for p in (_en_bounds(), _DATE_END) for m in p.finditer(text)]
    return [m for m in found if not any(s < m.end and m.start < e for s, e in bounds)
            and not _complement(text, m, forms)]


def _complement(text: str, m: Mention, forms: Mapping[str, frozenset[str]]) -> bool:
    """A one-word mention found only by its stem, in its bare form, right after a linking verb: an
    adjective or noun (cleared and clearing are listed forms of concluding; clear is not)."""
    word = text[m.start:m.end]
    return (word.isascii() and word.isalpha() and word.lower() not in forms and en_stem(word) == word.lower()
            and _after_linking_verb().search(text, max(0, m.start - _REACH), m.start) is not None)
