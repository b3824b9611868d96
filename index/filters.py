"""Metadata filters on retrieval — year, place, document, language — applied inside each search:
as a ``where`` clause of the Chroma query and as a 0/1 weight mask over the keyword index's rows,
so a filtered search returns its k best among what it may return (filtering a top-k afterwards
returns fewer, or nothing, once the corpus holds many documents like the one asked about).

A place is a property of a document (the place its title or metadata names): a place filter is
resolved to the documents of that place and pushed down as a document filter. Pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from index.places import place_mismatch


class SearchFilter(BaseModel):
    """What a search may return; a field left None does not filter. Within a field, any value
    passes (years 2023 or 2024); across fields, all must (2024 and Shenzhen's documents)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    years: frozenset[int] | None = None
    places: frozenset[str] | None = None
    doc_ids: frozenset[str] | None = None
    langs: frozenset[str] | None = None

    @property
    def empty(self) -> bool:
        return self.years is None and self.places is None and self.doc_ids is None and self.langs is None

    def documents(self, doc_places: Callable[[str], frozenset[str]], all_docs: Sequence[str]) -> frozenset[str] | None:
        """The documents it allows (None: any): its documents, among those of its places."""
        docs = self.doc_ids
        if self.places is not None:
            of_places = frozenset(d for d in all_docs if doc_places(d) & self.places)
            docs = of_places if docs is None else docs & of_places
        return docs


def chroma_where(f: SearchFilter, lang: str | None, documents: frozenset[str] | None) -> dict[str, Any] | None:
    """The Chroma ``where`` clause for one language's search (``lang`` None: both languages';
    None when nothing is filtered); ``documents``: f.documents(...)."""
    clauses: list[dict[str, Any]] = [{"lang": lang}] if lang is not None else []
    if f.years is not None:
        clauses.append({"year": {"$in": sorted(f.years)}})
    if documents is not None:
        clauses.append({"doc_id": {"$in": sorted(documents)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def allows_nothing(f: SearchFilter, lang: str, documents: frozenset[str] | None) -> bool:
    """True when no chunk can pass (Chroma rejects an empty ``$in``)."""
    return (f.langs is not None and lang not in f.langs) or f.years == frozenset() or documents == frozenset()


class ChunkTable:
    """Each chunk's year, document and language as arrays, for masks over the chunks file."""

    def __init__(self, years: Sequence[int], doc_ids: Sequence[str], langs: Sequence[str]) -> None:
        self.doc_names = sorted(set(doc_ids))
        code = {d: i for i, d in enumerate(self.doc_names)}
        self.years = np.asarray(years, dtype=np.int64)
        self.docs = np.asarray([code[d] for d in doc_ids], dtype=np.int64)
        self.langs = np.asarray(langs)

    def mask(self, f: SearchFilter, documents: frozenset[str] | None) -> np.ndarray | None:
        """1.0 for every chunk the filter allows, else 0.0; None when it allows all."""
        if f.years is None and documents is None and f.langs is None:
            return None
        keep = np.ones(self.years.size, dtype=bool)
        if f.years is not None:
            keep &= np.isin(self.years, np.fromiter(f.years, dtype=np.int64, count=len(f.years)))
        if documents is not None:
            codes = [i for i, d in enumerate(self.doc_names) if d in documents]
            keep &= np.isin(self.docs, np.asarray(codes, dtype=np.int64))
        if f.langs is not None:
            keep &= np.isin(self.langs, sorted(f.langs))
        return keep.astype(np.float64)


def place_table(places: Mapping[str, frozenset[str]]) -> Callable[[str], frozenset[str]]:
    return lambda doc_id: places.get(doc_id, frozenset())


def documents_for_places(asked: frozenset[str], figure_places: Mapping[str, Iterable[frozenset[str]]],
                         document_place: Mapping[str, str | None]) -> frozenset[str] | None:
    """The documents that can answer a question naming ``asked`` places: those with at least one
    figure whose places the question accepts (index.places.place_mismatch: the place itself or a
    part of it), so a document is left out only when none of its figures could be the answer.
    A Guangdong paper stays in for a question about Hong Kong when one of its figures is given
    for Hong Kong; Jiangsu's paper is out for a question about Guangdong. ``figure_places``: each
    document's distinct figure place sets; None when every document passes (no filter)."""
    if not asked:
        return None
    keep = frozenset(doc for doc, place_sets in figure_places.items()
                     if any(place_mismatch(asked, places, document_place.get(doc))[0] == 0.0 for places in place_sets))
    return None if keep == frozenset(figure_places) else keep
