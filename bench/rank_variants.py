"""Ranking variants for bench/replay_rank.py: each takes one cached case and returns its figures
re-scored and re-sorted."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from qa.rank import RerankWeights, ScoredFigure

W = RerankWeights()
NAMES = [f.name for f in fields(RerankWeights)]


def resum(row: dict[str, Any], extra: Any = None, w: RerankWeights = W) -> list[ScoredFigure]:
    out = []
    for sf in row["figs"]:
        f = dict(sf.features)
        add = extra(row, sf, f) if extra else 0.0
        s = sum(getattr(w, n) * f[n] for n in NAMES) + add
        out.append(ScoredFigure(sf.chunk, sf.record, s, f))
    out.sort(key=lambda x: -x.score)
    return out


def shipped(row: dict[str, Any]) -> list[ScoredFigure]:
    return resum(row)


def _param(name: str, default: float) -> float:
    import os

    return float(os.environ.get(name, default))


def roles(row: dict[str, Any]) -> list[ScoredFigure]:
    """role_match (0..2) as a weight."""
    wr = _param("WR", 1.0)
    return resum(row, lambda r, sf, f: wr * f.get("role_match", 0.0))


def _meaning(row: dict[str, Any], sf: ScoredFigure, span: float) -> float:
    return max(0.0, 1.0 - (row["best_sim"] - row["sims"][sf.record.id]) / span)


def adaptive(row: dict[str, Any]) -> list[ScoredFigure]:
    """The meaning weighs more where the best sentence covers little of the question's words."""
    wr, wm, k, span = _param("WR", 0.0), _param("WM", 1.0), _param("K", 0.0), _param("SPAN", 0.06)
    lexical = max((sf.features.get("context", 0.0) for sf in row["figs"]), default=0.0)

    def extra(r: dict[str, Any], sf: ScoredFigure, f: dict[str, float]) -> float:
        m = _meaning(r, sf, span)
        return wr * f.get("role_match", 0.0) + wm * (1 + k * (1 - lexical)) * m - W.meaning * f["meaning"]

    return resum(row, extra)


def zmeaning(row: dict[str, Any]) -> list[ScoredFigure]:
    """The meaning as how far a record stands above the candidates' spread (a z-score), capped."""
    import statistics

    wr, wm, cap = _param("WR", 0.5), _param("WM", 1.0), _param("CAP", 3.0)
    sims = [row["sims"][sf.record.id] for sf in row["figs"]]
    mu = statistics.fmean(sims) if sims else 0.0
    sd = statistics.pstdev(sims) if len(sims) > 1 else 1.0

    def extra(r: dict[str, Any], sf: ScoredFigure, f: dict[str, float]) -> float:
        z = min(cap, max(0.0, (r["sims"][sf.record.id] - mu) / (sd or 1.0))) / cap
        return wr * f.get("role_match", 0.0) + wm * z - W.meaning * f["meaning"] + _param("KEEP", 0.0) * f["meaning"]

    return resum(row, extra)


def remeaning(row: dict[str, Any]) -> list[ScoredFigure]:
    """The meaning feature recomputed from the cached cosines (other description vectors), role weight WR."""
    wr, span = _param("WR", 0.5), _param("SPAN", 0.06)
    out = []
    for sf in row["figs"]:
        f = dict(sf.features)
        f["meaning"] = _meaning(row, sf, span)
        s = sum(getattr(W, n) * f[n] for n in NAMES) + wr * f.get("role_match", 0.0)
        out.append(ScoredFigure(sf.chunk, sf.record, s, f))
    out.sort(key=lambda x: -x.score)
    return out


def parts(row: dict[str, Any]) -> list[ScoredFigure]:
    """A total whose breakdown alone uses the question's words (asks_part) as a weight WP, and a
    figure naming what it counts with none of the question's words (counted) as a weight WC."""
    wp, wc = _param("WP", 1.0), _param("WC", 0.0)
    return resum(row, lambda r, sf, f: wp * f.get("asks_part", 0.0) + wc * f.get("counted", 0.0))
