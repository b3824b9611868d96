"""A figure and its translation are one figure: each record is linked to the same value in the
linked section of its document's other language, and takes from it who acted, what it counts in
and what was done, where only the translation's words say so."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from index.figures import neighbour_bounds, units_compatible
from index.roles import actions_in
from index.sentences import sentence_bounds
from index.types import Chunk

if TYPE_CHECKING:
    from index.records import FigureRecord


def align(chunks: list[Chunk], records: list[FigureRecord], kinds: Iterable[str]) -> list[FigureRecord]:
    """Link a figure of one of ``kinds`` to the one with the same value, unit group aside, in the
    linked section of the document's other language, where exactly one such figure is there."""
    kinds = frozenset(kinds)
    by_chunk: dict[str, list[FigureRecord]] = {}
    for r in records:
        by_chunk.setdefault(r.chunk_id, []).append(r)
    chunk_of = {c.id: c for c in chunks}
    by_section: dict[tuple[str, str, str], list[FigureRecord]] = {}
    for c in chunks:
        if c.section:
            by_section.setdefault((c.doc_id, c.lang, c.section[0]), []).extend(by_chunk.get(c.id, []))
    out = []
    for r in records:
        chunk = chunk_of[r.chunk_id]
        aligned = None
        if chunk.linked_section and r.kind in kinds:
            other = "en" if r.lang == "zh" else "zh"
            same = [o for o in by_section.get((r.doc_id, other, chunk.linked_section[0]), [])
                    if o.kind == r.kind and abs(o.value - r.value) <= 1e-9 * max(1.0, abs(r.value))]
            if len({o.value for o in same}) == 1 and len(same) == 1:
                aligned = same[0]
        out.append(r.model_copy(update=_from_translation(r, aligned, chunk_of[aligned.chunk_id]))
                   if aligned else r)
    return out


def _from_translation(record: FigureRecord, translation: FigureRecord, chunk: Chunk) -> dict[str, object]:
    """The link to a figure's translation (in ``chunk``), and who did it, what it counts in and
    what was done, where only the translation's words say it: one figure is one agency's act in
    both languages ("The Guangdong Administration for Market Regulation (Guangdong Intellectual
    Property Administration) carried out …, and investigated and handled 3,945 IPR-related cases"
    names its actor in words the ontology does not hold; "省市场监管局(知识产权局)…查处知识产权案件
    3945件" does). The action only where the translation names it in the figure's own words: a
    Chinese figure's is often its clause's verb inherited ("查处…案件3945件,案值8250.06万元": 查处
    for the value too), which an English clause of its own ("involving a total value of …") does
    not say; "破案率上升10.12%" names its own (the solution rate, not the cases filed)."""
    update: dict[str, object] = {"aligned": translation.id}
    own, theirs = record.unit or record.named_unit, translation.unit or translation.named_unit
    if own and theirs and not units_compatible(own, theirs):
        # Linked by value alone: "four straight years" is no translation of "4个…试点地区".
        return update
    if record.agency is None and translation.agency is not None:
        update["agency"] = translation.agency
    if record.action is None and translation.action is not None and translation.action in own_actions(chunk, translation):
        update["action"] = translation.action
    if not own and theirs:
        # "of which 168,800 were invention patents": 16.88万件, a count of 件.
        update["named_unit"] = theirs
    return update


def own_actions(chunk: Chunk, record: FigureRecord) -> frozenset[str]:
    """The actions named in a figure's own words: from the end of the figure before it in its
    sentence (or the sentence's start) to its own end ("破案1926件,破案率上升10.12%": 破案率上升)."""
    fig = chunk.figures[record.index]
    start, _ = sentence_bounds(chunk.text, fig.start)
    left = max(start, neighbour_bounds(chunk.figures, fig.start, fig.end, len(chunk.text))[0])
    return frozenset(a for m in actions_in(chunk.text, left, fig.end) for a in m.ids)
