"""English words inside a Chinese question ("2023年广东的PCT国际专利application量是多少?",
"十四五plan里…占GDP比重的target是多少?"), put into Chinese through the glossary
(index/lexicon/glossary.tsv and the terms mined from the papers' translations), so that the
question reads as the Chinese documents do: "PCT国际专利申请量", "十四五规划里…占生产总值比重的目标".

Each run of Latin words is read phrase by phrase, the longest glossary phrase first (as
Glossary.chinese_for reads English), and each phrase becomes its glossary's first Chinese term;
a word no entry knows (a name, an acronym the documents use as it is: PCT) stays as typed.

The other way, Chinese words inside an English question ("How many 行政裁决 cases …") become the
English phrase of the glossary file's entry for them (its first, where several give one term),
the longest term first: "How many adjudication cases …".
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from index.figures.tables import CN_SCALE_RE, CN_UNIT_RE
from index.glossary import Glossary
from index.lexicon import rows
from index.ontology import ontology
from index.text import en_stem

_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)*")
_LONGEST = 3  # the longest glossary phrase, in words


def _in_chinese(run: str, glossary: Glossary) -> str | None:
    """The run's words as Chinese terms, or None when no entry knows them all (acronyms aside)."""
    words = run.split()
    stems = [en_stem(w.lower().strip("'’")) for w in words]
    out: list[str] = []
    i = 0
    known = unknown = False
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            terms = glossary.en_to_zh.get(tuple(stems[i:i + size]), [])
            if terms and size == 1 and _other_action(words[i], terms[0]):
                terms = []
            if terms:
                out.append(terms[0])
                known = known or terms[0] != words[i]
                i += size
                break
        else:
            out.append(words[i])
            unknown = unknown or not words[i].isupper()  # an acronym the documents use as it is: PCT
            i += 1
    if not known:
        return None
    # Latin words left side by side keep their space; a Chinese term needs none.
    joined = out[0]
    for prev, word in itertools.pairwise(out):
        joined += (" " if prev.isascii() and word.isascii() else "") + word
    # A run translated only in part keeps its English beside: "open licensing" is one term, and
    # "open许可" matches neither language's wording, where the English words still meet the glossary's.
    # (Beside, not in brackets: the run may stand in a parenthetical aside of its own.)
    return f"{joined} {run}" if unknown else joined


def _other_action(word: str, term: str) -> bool:
    """The ontology writes this very English word for other actions than the glossary's term names:
    the glossary matches by stem, so "filings" (申请: the ontology's apply) had become 立案, the
    "filed" of cases, and "PCT filings累计达20.7万件" read as cases filed. The word then stays as
    typed; "concluded" (审结, one of the ontology's readings of it) is put into Chinese."""
    o = ontology()
    readings = o.en_words.get(word.lower().strip("'’"), frozenset())
    own = o.action_ids.get(term, frozenset())
    return bool(readings) and bool(own) and not readings & own


def in_chinese(text: str, glossary: Glossary) -> str:
    """A Chinese question with its English words put into Chinese (see the module docstring)."""
    return _LATIN_RUN.sub(lambda m: _in_chinese(m.group(), glossary) or m.group(), text)


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


@cache
def _english_of() -> dict[str, str]:
    """Chinese term → the glossary file's first English phrase for it."""
    out: dict[str, str] = {}
    for english, chinese in rows("glossary.tsv", 2):
        for term in chinese.split("|"):
            out.setdefault(term, english)
    return out


def _run_in_english(run: str) -> str:
    english = _english_of()
    longest = max(map(len, english), default=0)
    out: list[str] = []
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 1, -1):
            phrase = english.get(run[i:i + size])
            if phrase:
                out.append(f" {phrase} ")
                i += size
                break
        else:
            out.append(run[i])
            i += 1
    return "".join(out)


# The scale and measure word a number carries ("3453.97亿元", "8.3万件"): part of the figure, kept as typed
# for the number parser, never put into English ("亿元" is no plain "yuan").
_FIGURE_TAIL = re.compile(rf"(?:{CN_SCALE_RE.pattern})*(?:{CN_UNIT_RE.pattern})?")


def in_english(text: str) -> str:
    """An English question with its Chinese words put into English (see the module docstring)."""

    def run(m: re.Match[str]) -> str:
        tail = _FIGURE_TAIL.match(m.group()) if m.start() and text[m.start() - 1].isdigit() else None
        kept = tail.group() if tail else ""
        return kept + (_run_in_english(m.group()[len(kept):]) if len(kept) < len(m.group()) else "")

    return re.sub(r"\s{2,}", " ", _CJK_RUN.sub(run, text))
