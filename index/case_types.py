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
    simplified = to_simplified(text)
    return frozenset(name for name, pattern in _TYPES.items() if pattern.search(simplified))


# A figure's metric is read once (the corpus's metrics are few); a question's, once, by its frame.
_metric_types = cache(case_types)


def case_type_conflict(asked: frozenset[str], metric: str) -> bool:
    """The question names case types (``asked``: case_types of its words) and the figure's own metric
    names only others."""
    counted = _metric_types(metric)
    return bool(asked) and bool(counted) and not asked & counted
