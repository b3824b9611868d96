"""What each figure means, in words and as a vector: a short self-contained description of every
figure record (time, place, who, what they did, what is counted, its qualifiers), in the record's
language with English labels beside the Chinese ones, embedded at index time with the same e5
model as the passages ("passage: " prefix). A question's own vector ("query: ") then meets the
figure it means even when it shares no word with the source sentence ("counterfeiting dens taken
down" ↔ 捣毁窝点) or is in the other language.

Vectors are kept in ``figures.npy`` beside ``figures.jsonl`` (one row a record, in order) with
a key for each in ``figures.meaning.json`` (the hash of its description, embedded alone); a build
reuses the vectors of descriptions the previous build already embedded.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from index.figures import ACTION_MARK
from index.lexicon import rows
from index.places import level, place_name, place_words
from index.records import ANSWERABLE_KINDS, FigureRecord

log = logging.getLogger(__name__)

VECTORS_FILE = "figures.npy"
HASHES_FILE = "figures.meaning.json"


@cache
def _labels(table: str, id_column: int, form_column: int, columns: int) -> dict[str, tuple[str, str]]:
    """id → (its first Chinese form, its first English form) in the ontology's data."""
    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for row in rows(table, columns):
        rid, form = row[id_column], row[form_column]
        (en if form.isascii() else zh).setdefault(rid, form)
    return {rid: (zh.get(rid, ""), en.get(rid, "")) for rid in zh.keys() | en.keys()}


def agency_label(agency: str) -> str:
    zh, en = _labels("agencies.tsv", 0, 2, 3).get(agency, ("", agency))
    return f"{zh} {en}".strip()


def action_label(action: str) -> str:
    zh, en = _labels("actions.tsv", 0, 1, 3).get(action, ("", action))
    return f"{zh} {en}".strip()


_PERIOD = {"stock": "截至年底累计 cumulative total", "flow": "全年 during the year"}
_PLAN = {"target": "规划目标 plan target", "actual": "完成值 achieved"}


def describe(rec: FigureRecord, gloss: Callable[[FigureRecord], str] | None = None) -> str:
    """One line that says what the figure is, standing alone: "2024年 2024 · 全年 during the year ·
    广东 Guangdong · 法院 courts · 受理 accepted · 全省法院新收各类知识产权案件 · 83308件"; ``gloss``:
    the metric in the other language (index.meaning_gloss), added last."""
    where = _where(rec.places)
    parts = [f"{rec.year}年 {rec.year}"]
    if rec.period:
        parts.append(_PERIOD[rec.period])
    if rec.plan:
        parts.append(_PLAN[rec.plan])
    parts.append(where)
    if rec.agency:
        parts.append(agency_label(rec.agency))
    if rec.action:
        parts.append(action_label(rec.action))
    parts.append(rec.metric.replace(ACTION_MARK, " ").strip() or rec.quote[:80])
    if rec.qualifiers:
        parts.append(" ".join(sorted(rec.qualifiers)).replace("_", " "))
    parts.append(rec.text)
    if gloss is not None:
        parts.append(gloss(rec))
    return " · ".join(p for p in parts if p)


def _where(places: frozenset[str]) -> str:
    """A province as "广东 Guangdong"; cities and several places as their sorted words ("guangzhou 广州")."""
    if len(places) == 1 and level(next(iter(places))) == "province":
        place = next(iter(places))
        return f"{place_name(place, 'zh')} {place_name(place, 'en')}"
    return " ".join(sorted(place_words(places, "zh") | place_words(places, "en")))


def read_vectors(folder: Path, n: int | None = None) -> tuple[np.ndarray, list[str]] | None:
    """The vectors and description hashes of a build, if whole (``n`` records, where given)."""
    try:
        hashes = json.loads((folder / HASHES_FILE).read_text(encoding="utf-8"))
        vectors = np.load(folder / VECTORS_FILE, mmap_mode="r")
    except (OSError, ValueError) as e:
        if (folder / VECTORS_FILE).exists():
            log.warning("ignoring unreadable figure vectors in %s: %s", folder, e)
        return None
    n = len(hashes) if n is None and isinstance(hashes, list) else n
    if not isinstance(hashes, list) or len(hashes) != n or vectors.shape[0] != n:
        return None
    return vectors, hashes


def embed_records(records: Sequence[FigureRecord], embed: Callable[[list[str]], list[list[float]]],
                  previous: Sequence[Path] = (),
                  gloss: Callable[[FigureRecord], str] | None = None) -> tuple[np.ndarray, list[str], int]:
    """(unit vectors, keys, how many descriptions were embedded now) for every record; records
    that are no answers (ordinals, years) get a zero vector and an empty key.

    Each description goes to the model alone, as a question does (index.query_embed), so its vector
    depends on its own text only (key: the text's hash). The int8 model quantizes activations over a
    whole batch, padding included: embedded a document's 64 at a time, a figure's meaning moved with
    its batch-mates (cosine 0.996 against alone), so one figure's changed wording moved other
    figures' probabilities across the answer bar (two English figures that gained a unit noun lost
    two dev answers elsewhere). Alone is also faster here: short texts, no padding (192
    descriptions: 0.94 s against 1.81 s in batches of 64)."""
    texts = [describe(r, gloss) if r.kind in ANSWERABLE_KINDS else "" for r in records]
    keys = [description_key(t) if t else "" for t in texts]
    known: dict[str, Any] = {}
    for folder in previous:
        old = read_vectors(folder)
        if old is not None:
            for h, v in zip(old[1], old[0], strict=True):
                if h:
                    known.setdefault(h, np.asarray(v, dtype=np.float32))
    embedded = 0
    for t, k in zip(texts, keys, strict=True):
        if k and k not in known:
            known[k] = np.asarray(embed([t])[0], dtype=np.float32)
            embedded += 1
    dim = next((v.shape[0] for v in known.values()), 0)
    out = np.zeros((len(records), dim), dtype=np.float32)
    for i, k in enumerate(keys):
        if k:
            v = known[k]
            out[i] = v / (np.linalg.norm(v) or 1.0)
    return out, keys, embedded


def description_key(text: str) -> str:
    """What a description's vector was computed from: its text alone (embed_records)."""
    return hashlib.sha256(f"alone\n{text}".encode()).hexdigest()[:16]


def write_vectors(folder: Path, vectors: np.ndarray, hashes: list[str]) -> None:
    tmp = folder / f".{VECTORS_FILE}.tmp.npy"
    np.save(tmp, vectors)
    tmp.replace(folder / VECTORS_FILE)
    (folder / f".{HASHES_FILE}.tmp").write_text(json.dumps(hashes), encoding="utf-8")
    (folder / f".{HASHES_FILE}.tmp").replace(folder / HASHES_FILE)


def build_meanings(folder: Path, records: Sequence[FigureRecord], embed: Callable[[list[str]], list[list[float]]],
                   previous: Sequence[Path] = (), gloss: Callable[[FigureRecord], str] | None = None) -> int:
    """Embed the records' descriptions (reusing the previous builds') into ``folder``; returns how
    many were embedded now."""
    vectors, hashes, embedded = embed_records(records, embed, previous, gloss=gloss)
    write_vectors(folder, vectors, hashes)
    return embedded


def lazy_passages(load: Callable[[], Any]) -> Callable[[list[str]], list[list[float]]]:
    """``embed_passages`` of an embedder loaded on first use (a build that reuses every vector
    never loads the model)."""
    held: list[Any] = []

    def embed(texts: list[str]) -> list[list[float]]:
        if not held:
            held.append(load())
        return held[0].embed_passages(texts)  # type: ignore[no-any-return]

    return embed
