"""Chinese abbreviations spelled out: people shorten a four-character term to the first character of
each of its two words (知识产权 → 知产, 市场监管 → 市监, 行政处罚 → 行处), where the documents write
it in full. A question's word that is such a short form of exactly one of the glossary's
four-character terms, and is itself no dictionary word, is read as the term ("知产官司" →
"知识产权官司").

Only whole words count, as the tokenizer cuts the question: 行处 is no word of "进行处理", nor 保中 of
"确保中小企业". The table is derived, not written: the glossary's terms (index/lexicon/glossary.tsv and
the pairs mined from the papers' translations) and CC-CEDICT's headwords, to tell a short form from
a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from index.glossary import Glossary, cedict_lines

_TERM = re.compile(r"[\u4e00-\u9fff]{4}")


def short_forms(terms: Iterable[str], words: frozenset[str]) -> dict[str, str]:
    """Short form → term, for each four-character term made of two dictionary words whose short
    form is no dictionary word and stands for no other term."""
    found: dict[str, set[str]] = {}
    for term in terms:
        if _TERM.fullmatch(term) and term[:2] in words and term[2:] in words:
            found.setdefault(term[0] + term[2], set()).add(term)
    return {short: next(iter(full)) for short, full in found.items() if len(full) == 1 and short not in words}


@cache
def _dictionary_words() -> frozenset[str]:
    """CC-CEDICT's two-character words (simplified): the halves and short forms are all two long."""
    out = set()
    for line in cedict_lines():
        parts = line.split(" ", 2)
        if len(parts) > 1 and len(parts[1]) == 2:
            out.add(parts[1])
    return frozenset(out)


def spelled_out(text: str, glossary: Glossary) -> str:
    """The Chinese text with each whole-word short form replaced by its term."""
    table = _table(glossary)
    if not table:
        return text
    out = text
    for word in set(glossary.tokenizer.zh(text)):
        full = table.get(word)
        if full is not None:
            out = out.replace(word, full)
    return out


_TABLES: dict[int, tuple[Glossary, dict[str, str]]] = {}


def _table(glossary: Glossary) -> dict[str, str]:
    held = _TABLES.get(id(glossary))
    if held is None or held[0] is not glossary:
        held = _TABLES[id(glossary)] = (glossary, short_forms(glossary.chinese_terms(), _dictionary_words()))
    return held[1]
