"""English typos in a question, mended to the documents' words (``Speller``): "How many suspects did
Guangdong's prosecuters aprove for arrest" → "… prosecutors approve …", "counterfit goods …
counted in peices" → "counterfeit goods … counted in pieces".

A word is mended only when it is no English word at all and exactly one edit (a letter left out,
added, changed, or two swapped) away from a word the documents use; of several such words the
commonest in the documents wins. "No English word" is judged against the words of CC-CEDICT's
English definitions (the dictionary the glossary already ships, index.glossary.cedict_lines),
so a real word the documents happen not to use ("sitting", "consignments") is left alone; a name
is mended only to a document word ("Guanzhou" → Guangzhou; "Kunlun" has none near it), and an
acronym typed in capitals never. The documents' words include the
bases of their inflections: "approved" offers "approve" for "aprove". The words the product's own
tables understand (``understood_words``: the glossary's terms, the ontology's actions and agencies)
are targets too, as written (no bases: "procuratorates" offers no "procuratorat") and below every
document word, so "desgin" is mended to "design" though no English document says it, while a
document word one edit away still wins ("mediatr": the documents' mediator, not the table's mediate).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property

from index.glossary import cedict_lines
from index.lexicon import rows

_WORD = re.compile(r"[A-Za-z]+")
# Shorter words are too near too many others ("cass", "wat") to mend safely.
MIN_LENGTH = 4


def understood_words() -> str:
    """The English the product's own tables understand beyond the documents' words: the glossary's
    terms and the ontology's forms of actions and agencies ("design patent", "busted", "procuratorate"),
    so that "desgin patents" is mended to what the question analysis reads even where no English
    document says "design"."""
    english = [r[0] for r in rows("glossary.tsv", 2)]
    english += [r[1] for r in rows("actions.tsv", 3)] + [r[2] for r in rows("agencies.tsv", 3)]
    return "\n".join(w for w in english if w.isascii())


def one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter left out, added, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]


def dictionary_words(text: str) -> frozenset[str]:
    """The lower-case English words of a CC-CEDICT file (short ones too: "log" makes "logged" a
    word). Its pinyin comes along ("guang", "zhuang"): that only leaves those strings unmended."""
    return frozenset(re.findall(r"[a-z]{2,}", text.lower()))


# Inflections: a word is known when its base is ("consignments", "practising", "nominated"), and
# a document's "approved" offers "approve" as a mend ("aprove").
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly")


def bases(word: str) -> set[str]:
    """The words ``word`` may be an inflection of ("practising" → practis, practise …)."""
    out = set()
    for end in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= MIN_LENGTH - 1:
            stem = word[: -len(end)]
            out |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "submitted" → submit
    return out


class Speller:
    """Mends the English typos of a question (see the module docstring) against ``documents``:
    the word counts of the corpus's English text."""

    def __init__(self, documents: Counter[str] | Callable[[], Counter[str]],
                 dictionary: frozenset[str] | None = None, understood: Callable[[], str] | None = None) -> None:
        self._documents = documents
        self._dictionary = dictionary
        self._understood = understood  # the tables' words, read with the documents' (understood_words)

    @classmethod
    def from_texts(cls, texts: Iterable[str], dictionary: frozenset[str] | None = None,
                   understood: Callable[[], str] | None = None) -> Speller:
        """A speller over the words of ``texts``, counted when the first Latin word is looked at:
        a Chinese question never needs them (at 20 provinces' documents, counting took ~0.1 s of
        a cold start)."""
        def count() -> Counter[str]:
            counts: Counter[str] = Counter()
            for text in texts:
                counts.update(w.lower() for w in _WORD.findall(text))
            return counts

        return cls(count, dictionary, understood)

    @cached_property
    def documents(self) -> Counter[str]:
        return self._documents() if callable(self._documents) else self._documents

    @cached_property
    def forms(self) -> Counter[str]:
        """The documents' words and the bases of their inflections, with how often each is used."""
        forms: Counter[str] = Counter()
        for word, n in self.documents.items():
            for form in {word} | bases(word):
                if len(form) >= MIN_LENGTH:
                    forms[form] += n
        for word in _WORD.findall(self._understood() if self._understood else ""):
            if len(word) >= MIN_LENGTH:
                forms[word.lower()] += 0  # a word, counted below every document word
        return forms

    @cached_property
    def _by_length(self) -> dict[int, list[str]]:
        """The forms by their length (in the forms' order)."""
        out: dict[int, list[str]] = {}
        for w in self.forms:
            out.setdefault(len(w), []).append(w)
        return out

    @cached_property
    def dictionary(self) -> frozenset[str]:
        """Every English word: the dictionary's and the documents' (read on first use)."""
        known = self._dictionary if self._dictionary is not None else dictionary_words("\n".join(cedict_lines()))
        return known | frozenset(self.documents)

    def known(self, word: str) -> bool:
        """``word`` (lower case) is an English word, or an inflection of one."""
        return word in self.documents or word in self.dictionary or bool(bases(word) & self.dictionary)

    def mend(self, word: str) -> str | None:
        """The word a typo stands for, or None when ``word`` is a word or no mend is sure."""
        low = word.lower()
        if len(low) < MIN_LENGTH or word.isupper() or low in self.documents or low in self.forms:
            return None
        if "dictionary" in self.__dict__ and self.known(low):
            return None  # a word (the dictionary already read): no mend to look for
        # One edit changes a word's length by at most one: only forms of those lengths are tried.
        near = [w for n in (len(low) - 1, len(low), len(low) + 1) for w in self._by_length.get(n, ()) if one_edit(low, w)]
        # The dictionary is read (once, a few seconds) only for a word that could be a typo.
        if not near or self.known(low):
            return None
        best = max(near, key=lambda w: (self.forms[w], w))
        return best.capitalize() if word[:1].isupper() else best

    def correct(self, text: str) -> str:
        """``text`` with each typo mended (only Latin words; Chinese is left as it is)."""
        def fix(m: re.Match[str]) -> str:
            return self.mend(m.group()) or m.group()

        return _WORD.sub(fix, text)
