"""Figures stored with each chunk at index time, so a query needs no re-parsing.

Each figure keeps the clause words that say what it counts (its metric phrase): the
reranker compares those with the question's metric (批准逮捕 ≠ 起诉, though one sentence
gives both).
"""

from __future__ import annotations

from index.search_form import to_simplified
from index.types import Chunk
from qa.numbers import metric_phrase, parse_figures

FIGURES_VERSION = "fig-1"


def attach_figures(chunks: list[Chunk]) -> list[Chunk]:
    """The chunks with their figures (not years or periods) and metric phrases filled in."""
    out = []
    for c in chunks:
        # Parse the simplified form where opencc kept every character in place (it almost
        # always does), so 萬/億 and 件 read the same in both scripts; offsets stay valid.
        simplified = to_simplified(c.text)
        text = simplified if len(simplified) == len(c.text) else c.text
        figures = [f for f in parse_figures(text) if f.kind not in ("year", "period")]
        figures = [f.model_copy(update={"text": c.text[f.start : f.end]}) for f in figures]
        metrics = [to_simplified(metric_phrase(text, f)) for f in figures]
        out.append(c.model_copy(update={"figures": figures, "metrics": metrics}))
    return out
