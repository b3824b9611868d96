"""Chinese short forms of the glossary's terms (知识产权 → 知产, 市场监管 → 市监), derived at index
time (index.keywords) so the query path reads a table instead of CC-CEDICT (qa.abbrev spells them out).

A short form is the first character of each of a four-character term's two words, where both
halves are dictionary words, the short form is none, and it stands for one term only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TERM = re.compile(r"[\u4e00-\u9fff]{4}")


def short_forms(terms: Iterable[str], words: frozenset[str]) -> dict[str, str]:
    """Short form → term, for each four-character term made of two dictionary words whose short
    form is no dictionary word and stands for no other term."""
    found: dict[str, set[str]] = {}
    for term in terms:
        if _TERM.fullmatch(term) and term[:2] in words and term[2:] in words:
            found.setdefault(term[0] + term[2], set()).add(term)
    return {short: next(iter(full)) for short, full in found.items() if len(full) == 1 and short not in words}


def two_character_words(dictionary_lines: Iterable[str]) -> frozenset[str]:
    """CC-CEDICT's two-character words (simplified): the halves and short forms are all two long."""
    out = set()
    for line in dictionary_lines:
        parts = line.split(" ", 2)
        if len(parts) > 1 and len(parts[1]) == 2:
            out.add(parts[1])
    return frozenset(out)
