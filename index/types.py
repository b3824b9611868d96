"""Typed records passed between the index stages (clean → chunk → embed → store)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from index.figures import Figure

Lang = Literal["zh", "en"]
DocKind = Literal["white_paper", "news", "plan"]
ParagraphKind = Literal["title", "heading", "text", "table_row", "table_title"]


class DocMeta(BaseModel):
    """One entry of corpus/metadata.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    file: str
    title_zh: str
    title_en: str
    publisher: str | None
    site: str | None
    published: str | None
    year: int
    kind: DocKind
    languages: list[str]
    notes: str = ""
    # The place the document is about, an id of index/lexicon/places.tsv (guangdong, guangzhou);
    # when not given, read from its titles (index.places.title_place). `qa add` writes it.
    place: str | None = None


class Paragraph(BaseModel):
    """A span of a document's clean text: a heading, a paragraph, or one table row."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int
    end: int
    lang: Lang
    kind: ParagraphKind = "text"
    level: int = 0  # heading depth (1 = chapter/section, 2 = 节); 0 for non-headings


class CleanDoc(BaseModel):
    """A document's quotable text with a per-character map back to the raw file.

    Offsets are character offsets into the raw file as decoded (``encoding``). The map is
    per clean character: ``raw_starts[i]``/``raw_ends[i]`` is the raw span that produced clean
    character ``i`` (zero-width for characters the cleaner inserted, such as the space
    between a chapter number and its title).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc_id: str
    encoding: str
    text: str
    raw_starts: list[int]
    raw_ends: list[int]
    paragraphs: list[Paragraph]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-file span that a clean span ``[start, end)`` was made from."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"clean span {start}:{end} outside 0:{len(self.text)}")
        return min(self.raw_starts[start:end]), max(self.raw_ends[start:end])


class Chunk(BaseModel):
    """One retrievable unit: a few sentences of one section in one language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    doc_id: str
    source: str  # corpus file name
    lang: Lang
    year: int
    place: str | None = None  # its document's place (index.places id)
    section: list[str]  # heading texts, outermost first
    paragraph: int  # 1-based number of the first paragraph in its document part
    kind: ParagraphKind = "text"
    text: str  # display form: exact substring of the clean text
    search_text: str  # retrieval form: simplified script, figures spelled out
    start: int  # clean-text offsets
    end: int
    raw_start: int  # raw-file offsets (characters of the decoded file)
    raw_end: int
    linked_section: list[str] | None = None  # the translated section in the other language
    figures: list[Figure] = []
    metrics: list[str] = []  # per figure: the words that say what it counts


class Manifest(BaseModel):
    """What an index was built from; written last, atomically, when a build is complete."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    build_id: str
    built_at: str  # ISO 8601, UTC
    build_seconds: float
    corpus_fingerprint: str
    documents: dict[str, str]  # doc id → sha256 of its file
    model_id: str
    model_hash: str
    model_variant: str
    pipeline_version: str
    collection: str
    chunks_file: str  # relative to the index folder
    chroma: str  # path or URL
    chunk_counts: dict[str, int]  # per language
    skipped: list[tuple[str, str]] = []
