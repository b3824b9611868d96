"""An article cut into sentences, Chinese, English or mixed, each with its offsets in the text.

Chinese sentences end at 。！？ (with the closing quotes or brackets that follow: a quotation
ending “…增长很快。” ends the sentence with it). English sentence ends go to pysbd, the same
segmenter the chunker uses (index.chunk.sentence_spans): it knows abbreviations ("No.", "U.S.",
"Dr."), decimals (1.5, 5.2%) and quotes, which a hand-written rule gets wrong. pysbd alone is
not enough: on the 14 cases of tests/qa/test_sentences.py its Chinese mode splits 6 wrongly (it
cuts “…。” inside the quotation and leaves the closing mark at the start of the next sentence;
it ends "In 2024 the U.S." at the abbreviation) and its English mode 3 (a Chinese quotation, a
hard-wrapped line); this module gets all 14.

A semicolon does not end a sentence: news Chinese joins the clauses of one statement with ；
("新收…83308件；审结…88462件"), and the clauses share the sentence's year and actor.

Lines are paragraphs, except that a line not ending a sentence whose next line starts with a
lower-case letter is hard-wrapped English and runs on.
"""

from __future__ import annotations

import itertools
import re

from pydantic import BaseModel, ConfigDict

from index.chunk import sentence_spans

# A Chinese sentence end, with the closing quotes and brackets that belong to it. ASCII ! and ?
# count after a Chinese character (a Chinese writer's half-width punctuation).
_ZH_END = re.compile(r"(?:[。！？]+|(?<=[\u3400-\u9fff])[!?]+)[”’」』）)】〕\"']*")
_SENTENCE_DONE = re.compile(r"[。！？!?.…][”’」』）)】〕\"']*\s*$")
_LATIN_END = re.compile(r"[A-Za-z0-9%)\"'”][.!?]")


class Sentence(BaseModel):
    """One sentence of an article: ``text`` is ``article[start:end]``, stripped."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int
    end: int
    paragraph: int  # 0-based paragraph number (lines, see the module docstring)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` as (start, end) offsets, blank lines dropped."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines):
        end = pos + len(line)
        if line.strip():
            if start is None:
                start = pos
            nxt = lines[n + 1] if n + 1 < len(lines) else ""
            runs_on = (nxt[:1].islower() and nxt[:1].isascii() and not _SENTENCE_DONE.search(line))
            if not runs_on:
                spans.append((start, end))
                start = None
        elif start is not None:
            spans.append((start, pos))
            start = None
        pos = end
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One paragraph cut at Chinese sentence ends, then each piece at English ones."""
    cuts = [start] + [m.end() for m in _ZH_END.finditer(text, start, end)]
    if cuts[-1] < end:
        cuts.append(end)
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        if _LATIN_END.search(piece):
            # A hard-wrapped line is one sentence running on (pysbd would end it at the newline).
            flat = piece.replace("\r", " ").replace("\n", " ")
            out += [(a + s, a + e) for s, e in sentence_spans(flat, "en")]
        else:
            out.append((a, b))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of an article, in order, none empty; whitespace around each trimmed."""
    out = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for a, b in _pieces(text, p_start, p_end):
            raw = text[a:b]
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            s = a + lead
            out.append(Sentence(text=stripped, start=s, end=s + len(stripped), paragraph=number))
    return out
