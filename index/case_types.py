"""The type of case a question asks about or a figure counts (index/lexicon/case_types.tsv: criminal,
civil), and whether the two conflict: read from text at query time, so the records and their meaning
descriptions are left as they are."""

from __future__ import annotations

import re
from functools import cache

from index.lexicon import rows
from index.search_form import to_simplified

_TYPES: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.IGNORECASE)
                                      for name, pattern in rows("case_types.tsv", 2)}


def case_types(text: str) -> frozenset[str]:
    """The case types a text names ("刑事案件" → criminal; "civil IP cases" → civil)."""
    return _named(to_simplified(text), _TYPES)


def _named(simplified: str, patterns: dict[str, re.Pattern[str]]) -> frozenset[str]:
    return frozenset(name for name, pattern in patterns.items() if pattern.search(simplified))


# Agencies and actions whose every case is of one type (index/lexicon/role_case_types.tsv).
_ROLE_TYPES: dict[str, str] = {role: kind for role, kind in rows("role_case_types.tsv", 2)}

# Words that make a sentence one type's, though not a question's (index/lexicon/sentence_case_types.tsv).
_SENTENCE_TYPES: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.IGNORECASE)
                                               for name, pattern in rows("sentence_case_types.tsv", 2)}


@cache
def _sentence_types(sentence: str) -> frozenset[str]:
    simplified = to_simplified(sentence)
    return _named(simplified, _TYPES) | _named(simplified, _SENTENCE_TYPES)


# A figure's metric is read once per distinct phrase (and its sentence, above, once per figure); a question's, once, by its frame.
_metric_types = cache(case_types)


def case_type_conflict(asked: frozenset[str], metric: str, sentence: str | None = None,
                       roles: tuple[str | None, ...] = ()) -> bool:
    """The question names case types (``asked``: case_types of its words) and the figure's own metric
    names only others; or, given the figure's ``sentence`` (with its section's title), that names no
    type, or only others, nor is the figure's agency or action (``roles``) one whose cases are all of one type:
    its figure counts every type together, and a total is no answer about one type ("审结88462件" is
    not the criminal cases the courts concluded; the police's "破案1926件" is criminal cases)."""
    if not asked:
        return False
    counted = _metric_types(metric) or frozenset(_ROLE_TYPES[r] for r in roles if r in _ROLE_TYPES)
    if counted:
        return not asked & counted
    # none named, or only others: a total, or another type's figure
    return sentence is not None and not asked & _sentence_types(sentence)
