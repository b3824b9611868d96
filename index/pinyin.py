"""Each Chinese character's readings (pinyin without tones), from CC-CEDICT's one-character entries.

The Chinese speller (qa.spelling_zh) mends a character typed for another of the same sound. Reading
the table out of the dictionary's 120,000 lines took 0.15-0.2 s of CPU on a process's first Chinese
question; ``qa index`` reads it once into the lexicon (index.keywords), as it does the short forms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_SINGLE = re.compile(r"^\S \S \[([A-Za-z:]+)\d\]", re.MULTILINE)


def pinyin_table(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Simplified character → its readings without tones, from CC-CEDICT's one-character entries."""
    table: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        m = _SINGLE.match(line)
        if m:
            table[line[2]].add(m.group(1).lower())
    return {c: frozenset(r) for c, r in table.items()}
