"""Cleaning: raw scraped/PDF-extracted text → quotable clean text with a map to the raw file.

Everything here is a pure function of the raw text (plus the document's metadata). The
display text only ever drops or normalises characters of the raw file (or inserts
whitespace and table-row labels taken from the table's own header); it never invents words.
"""

from __future__ import annotations

import re
import unicodedata

from index.clean_lines import (
    _Builder,
    _deleted_mask,
    _is_caption,
    _is_heading_text,
    _is_pdf_broken,
    _keep_lines,
    _lang_of,
    _Line,
    _lines,
)
from index.clean_pdf import _pdf_paragraphs
from index.types import CleanDoc, DocMeta, Paragraph, ParagraphKind


class UnreadableDocument(ValueError):
    """A corpus file that cannot be used: empty, binary, or in an unknown encoding."""


# --- decoding ------------------------------------------------------------------------------

# Frequent characters of this domain in both scripts: a correct decoding is full of them,
# a wrong one (Big5 bytes read as GB18030 or the reverse) produces rare characters instead.
_COMMON = set("的知识產产權权保護护广廣東东省年件案專专利商標标法院國国家行政為为和在了一中")


def decode_bytes(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode a corpus file: UTF-8, else GB18030 or Big5, whichever reads as Chinese."""
    if not data.strip():
        raise UnreadableDocument(f"{name} is empty")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(f"{name} looks binary (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        score = sum(c in _COMMON for c in cjk) / max(len(cjk), 1)
        candidates.append((score, encoding, text))
    if not candidates:
        raise UnreadableDocument(f"{name} is neither UTF-8, GB18030 nor Big5 text")
    _, encoding, text = max(candidates)
    return _check_text(text, name), encoding


def _check_text(text: str, name: str) -> str:
    control = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if control > max(8, len(text) // 100):
        raise UnreadableDocument(f"{name} looks binary ({control} control characters)")
    return text



# --- web pages: one paragraph per line ---------------------------------------------------------


def _web_paragraphs(b: _Builder, lines: list[_Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for ln in lines:
        if b.chars:
            b.insert("\n", ln.start)
        start = b.pos
        b.copy(ln.start, ln.end)
        b.strip_trailing_space()
        _strip_leading_space(b, start)
        if b.pos == start:
            continue
        text = "".join(b.chars[start:])
        kind: ParagraphKind = "heading" if _is_heading_text(text) or _is_caption(text) else "text"
        if re.fullmatch(r"[A-Z][A-Z0-9 ,.'’-]{15,}", text):
            kind = "title"  # the translation's own title line, e.g. INTELLECTUAL PROPERTY …
        paragraphs.append(Paragraph(start=start, end=b.pos, lang=_lang_of(text), kind=kind,
                                    level=1 if kind == "heading" else 0))
    return paragraphs


def _strip_leading_space(b: _Builder, start: int) -> None:
    while b.pos > start and b.chars[start] == " ":
        del b.chars[start], b.starts[start], b.ends[start]



# --- entry point -------------------------------------------------------------------------------


def clean_document(raw: str, meta: DocMeta, encoding: str = "utf-8") -> CleanDoc:
    """Clean one decoded document: the display text, its paragraphs and the raw-offset map."""
    deleted = _deleted_mask(raw)
    lines = _lines(raw, deleted)
    pdf_mode = _is_pdf_broken(lines)
    title, kept = _keep_lines(lines, meta, pdf_mode)
    b = _Builder(raw, deleted)
    paragraphs = []
    if title is not None:
        b.copy(title.start, title.end)
        b.strip_trailing_space()
        _strip_leading_space(b, 0)
        paragraphs.append(Paragraph(start=0, end=b.pos, lang="zh", kind="title"))
    paragraphs += _pdf_paragraphs(b, kept) if pdf_mode else _web_paragraphs(b, kept)
    return CleanDoc(doc_id=meta.id, encoding=encoding, text="".join(b.chars),
                    raw_starts=b.starts, raw_ends=b.ends, paragraphs=paragraphs)
