"""Is a new document the same text as one already in the corpus? Shared word runs, figures masked.

Two scrapes of one page differ in their navigation, spacing, script or encoding; a corrected
reprint differs in a few figures. Both are the same document: kept side by side, they would give
two answers (and two citations) for one figure. Different documents of one series share far less:
the 2023 and 2024 white papers, written to one template, share 11–13 % of their runs of twelve
characters, the other pairs of this corpus under 1 %.
"""

from __future__ import annotations

import re

from index.search_form import to_simplified

SHINGLE = 12  # characters (letters, digits as 0, CJK): about a phrase; short runs are shared by any two texts
NEAR_DUPLICATE_SHARE = 0.8


def shingles(text: str) -> frozenset[int]:
    """Runs of ``SHINGLE`` characters of the text's words: simplified, lower-cased, every number
    written as 0, punctuation and spaces dropped. (In-process hashes: never stored.)"""
    norm = re.sub(r"\d+(?:[.,]\d+)*", "0", to_simplified(text).lower())
    norm = re.sub(r"[\W_]+", "", norm)
    if len(norm) <= SHINGLE:
        return frozenset({hash(norm)}) if norm else frozenset()
    return frozenset(hash(norm[i : i + SHINGLE]) for i in range(len(norm) - SHINGLE + 1))


def shared_share(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller text found in the other: a document inside a longer copy of itself
    (the page scraped with more of its translation) counts as the same."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_duplicate(text: str, corpus: dict[str, str]) -> tuple[str, float] | None:
    """(doc id, share) of the corpus document ``text`` nearly repeats, the closest first; else None."""
    mine = shingles(text)
    best: tuple[str, float] | None = None
    for doc_id, other in corpus.items():
        share = shared_share(mine, shingles(other))
        if share >= NEAR_DUPLICATE_SHARE and (best is None or share > best[1]):
            best = (doc_id, share)
    return best
