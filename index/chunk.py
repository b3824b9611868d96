"""Bilingual chunking: a clean document → chunks along its structure, each within e5's window.

Chunks never cross a section or a language boundary. Inside a section, sentences are packed
into chunks of at most ``max_chars`` (per language, chosen by measurement: see README); short
paragraphs are merged, long ones split at sentence ends (。！？；; for Chinese, pysbd for
English), and a sentence longer than a chunk is split at clause ends. Table rows are chunks of
their own, so a row's figures are never diluted by a neighbour's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from index.places import document_place
from index.search_form import search_form, to_simplified
from index.types import Chunk, CleanDoc, DocMeta, Lang, Paragraph

# Measured with the e5 tokenizer on this corpus (`make bench`, bench/bench_chunking.py):
# Chinese runs at ~0.62 tokens per character, English at ~0.22, so 260 Chinese characters and
# 700 English ones are the same ~160-token budget. With the title/section search prefix the
# longest chunk stays far below the 512-token window (no tail is ever truncated), and chunks
# stay small enough that one figure's sentence dominates its vector.
MAX_CHARS: dict[Lang, int] = {"zh": 260, "en": 700}
MAX_TOKENS = 500

_ZH_SENTENCE_END = re.compile(r"[。！？；;!?](?![”’」』)])|[。！？][”’」』]")
_ZH_CLAUSE_END = re.compile(r"[，,、：:]")
_ZH_ORDINAL = "一二三四五六七八九十"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd  # lazily: pysbd compiles many regexes at import

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_spans(text: str, lang: Lang) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (offsets into ``text``), covering it without gaps."""
    if lang == "en":
        spans = [(s.start, s.end) for s in _segmenter().segment(text)]
        # pysbd's spans include trailing spaces and can skip characters: make them tile.
        out: list[tuple[int, int]] = []
        pos = 0
        for _, end in spans:
            end = max(end, pos)
            if end > pos:
                out.append((pos, end))
                pos = end
        if pos < len(text):
            out.append((pos, len(text)))
        return out
    out = []
    pos = 0
    for m in _ZH_SENTENCE_END.finditer(text):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _split_long(text: str, start: int, end: int, limit: int, lang: Lang) -> list[tuple[int, int]]:
    """Split one over-long sentence at clause ends (or spaces), each piece ≤ limit."""
    pieces = []
    pos = start
    while end - pos > limit:
        window = text[pos : pos + limit]
        cuts = [m.end() for m in _ZH_CLAUSE_END.finditer(window)] if lang == "zh" else []
        if lang == "en":
            cuts = [m.end() for m in re.finditer(r"[,;:]\s|\s", window)]
        cut = cuts[-1] if cuts and cuts[-1] > limit // 3 else limit
        pieces.append((pos, pos + cut))
        pos += cut
    pieces.append((pos, end))
    return pieces


@dataclass
class _Section:
    path: list[str]
    ordinal: int | None  # 一、/ I. number, to link a section with its translation


def _heading_ordinal(text: str) -> int | None:
    m = re.match(rf"^([{_ZH_ORDINAL}]+)、", text)
    if m:
        digits = m.group(1)
        if digits == "十":
            return 10
        if digits.startswith("十"):
            return 10 + _ZH_ORDINAL.index(digits[1]) + 1
        return _ZH_ORDINAL.index(digits[0]) + 1
    m = re.match(r"^([IVX]+)\.", text)
    return _ROMAN.get(m.group(1)) if m else None


@dataclass
class _Unit:
    """A run of clean text that belongs to one section: a paragraph or a table row."""

    paragraph: Paragraph
    number: int
    section: _Section
    topic: str  # the paragraph's first sentence: white papers open each with its theme


def _units(doc: CleanDoc) -> Iterator[_Unit]:
    path: dict[Lang, list[str]] = {"zh": [], "en": []}
    ordinal: dict[Lang, int | None] = {"zh": None, "en": None}
    table_title: str | None = None
    numbers: dict[Lang, int] = {"zh": 0, "en": 0}
    for p in doc.paragraphs:
        text = doc.text[p.start : p.end]
        lang = p.lang
        if p.kind == "title":
            path[lang], ordinal[lang] = [], None
            continue
        if p.kind == "heading":
            level = max(p.level, 1)
            path[lang] = path[lang][: level - 1] + [text]
            if level == 1:
                ordinal[lang] = _heading_ordinal(text)
            table_title = None
            continue
        if p.kind == "table_title":
            table_title = text
            continue
        numbers[lang] += 1
        section_path = path[lang] + ([table_title] if p.kind == "table_row" and table_title else [])
        if p.kind != "table_row":
            table_title = None
        spans = sentence_spans(text, lang)
        topic = text[: spans[0][1]] if spans and p.kind == "text" else ""
        yield _Unit(p, numbers[lang], _Section(list(section_path), ordinal[lang]), topic)


def chunk_document(
    doc: CleanDoc,
    meta: DocMeta,
    *,
    max_chars: dict[Lang, int] | None = None,
) -> list[Chunk]:
    """Chunks of one document, in document order."""
    limits = max_chars or MAX_CHARS
    spans: list[tuple[int, int, _Unit]] = []  # (start, end) in clean text, with their unit
    units = list(_units(doc))
    pending: list[tuple[int, int, _Unit]] = []

    def flush() -> None:
        if pending:
            spans.append((pending[0][0], pending[-1][1], pending[0][2]))
            pending.clear()

    for unit in units:
        p = unit.paragraph
        limit = limits[p.lang]
        same_section = bool(pending) and pending[0][2].section.path == unit.section.path \
            and pending[0][2].paragraph.lang == p.lang and pending[0][2].paragraph.kind == p.kind
        if p.kind == "table_row" or not same_section:
            flush()
        if p.kind == "table_row":
            spans.append((p.start, p.end, unit))
            continue
        text = doc.text[p.start : p.end]
        for s, e in sentence_spans(text, p.lang):
            s, e = s + p.start, e + p.start
            while s < e and doc.text[s] == " ":
                s += 1
            if s >= e:
                continue
            for ps, pe in _split_long(doc.text, s, e, limit, p.lang) if e - s > limit else [(s, e)]:
                if pending and pe - pending[0][0] > limit:
                    flush()
                # A chunk belongs to the paragraph it starts in; later sentences may come from
                # the paragraphs merged into it.
                pending.append((ps, pe, pending[0][2] if pending else unit))
    flush()

    return _make_chunks(doc, meta, spans)


def _make_chunks(doc: CleanDoc, meta: DocMeta, spans: list[tuple[int, int, _Unit]]) -> list[Chunk]:
    linked = _section_links(spans)
    place = document_place(meta)
    seen: dict[str, int] = {}
    chunks = []
    for start, end, unit in spans:
        text = doc.text[start:end].strip()
        if not text:
            continue
        start = doc.text.index(text, start)
        end = start + len(text)
        lang = unit.paragraph.lang
        key = f"{meta.id}\x1f{lang}\x1f{text}"
        dup = seen.get(key, 0)
        seen[key] = dup + 1
        raw_start, raw_end = doc.raw_span(start, end)
        title = meta.title_zh if lang == "zh" else meta.title_en
        chunks.append(
            Chunk(
                id=hashlib.sha256(f"{key}\x1f{dup}".encode()).hexdigest()[:16],
                doc_id=meta.id,
                source=meta.file,
                lang=lang,
                year=meta.year,
                place=place,
                section=unit.section.path,
                paragraph=unit.number,
                kind=unit.paragraph.kind,
                text=text,
                search_text=search_form(text, lang=lang, title=title, section=unit.section.path,
                                        topic=unit.topic if unit.topic not in text else ""),
                start=start,
                end=end,
                raw_start=raw_start,
                raw_end=raw_end,
                linked_section=linked.get((lang, unit.section.ordinal)),
            )
        )
    return chunks


def _section_links(spans: list[tuple[int, int, _Unit]]) -> dict[tuple[Lang, int | None], list[str]]:
    """Pair 三、… with III. …: the white papers' translations keep the section numbering."""
    by_ordinal: dict[tuple[Lang, int], list[str]] = {}
    for _, _, unit in spans:
        o = unit.section.ordinal
        if o is not None and unit.section.path:
            by_ordinal.setdefault((unit.paragraph.lang, o), unit.section.path[:1])
    links: dict[tuple[Lang, int | None], list[str]] = {}
    for lang, o in by_ordinal:
        other: Lang = "en" if lang == "zh" else "zh"
        if (other, o) in by_ordinal:
            links[(lang, o)] = by_ordinal[(other, o)]
    return links


__all__ = ["MAX_CHARS", "chunk_document", "sentence_spans", "to_simplified"]


# How much of a paragraph before a chunk its figures' roles may look back over (characters).
LEAD_REACH = 1200


def paragraph_leads(chunks: list[Chunk]) -> dict[str, str]:
    """For a chunk that begins inside a paragraph (a long paragraph is cut at a "；" or a sentence),
    the paragraph's text before it, from the chunks that run on into it: "全省公安机关…立案2249件…；"
    ends one chunk and "破案1926件" begins the next, whose actor is the paragraph's (index.roles)."""
    by_end = {(c.doc_id, c.lang, c.end): c for c in chunks}
    leads: dict[str, str] = {}
    for c in chunks:
        lead, prev = "", by_end.get((c.doc_id, c.lang, c.start))
        while prev is not None and "\n" not in lead and len(lead) < LEAD_REACH:
            lead = prev.text + lead
            prev = by_end.get((prev.doc_id, prev.lang, prev.start))
        if lead:
            leads[c.id] = lead[lead.rfind("\n") + 1 :]
    return leads

