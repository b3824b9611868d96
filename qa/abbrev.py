"""Chinese abbreviations spelled out: people shorten a four-character term to the first character of
each of its two words (知识产权 → 知产, 市场监管 → 市监, 行政处罚 → 行处), where the documents write
it in full. A question's word that is such a short form of exactly one of the glossary's
four-character terms, and is itself no dictionary word, is read as the term ("知产官司" →
"知识产权官司").

Only whole words count, as the tokenizer cuts the question: 行处 is no word of "进行处理", nor 保中 of
"确保中小企业". The table is derived, not written (index.short_forms, at index time): the glossary's terms
(index/lexicon/glossary.tsv and the pairs mined from the papers' translations) and CC-CEDICT's
headwords, to tell a short form from a word.
"""

from __future__ import annotations

from index.glossary import Glossary, cedict_lines
from index.short_forms import short_forms, two_character_words


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


def _table(glossary: Glossary) -> dict[str, str]:
    """The index's table (written by ``qa index``); derived here only for a glossary that comes
    with none (one loaded from the glossary file alone)."""
    if glossary.short_forms is None:
        glossary.short_forms = short_forms(glossary.chinese_terms(), two_character_words(cedict_lines()))
    return glossary.short_forms
