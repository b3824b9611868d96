"""Figures parsed into each chunk at index time (with their metric phrases), so nothing is re-parsed later.

Each figure keeps the clause words that say what it counts (its metric phrase): the
reranker compares those with the question's metric (批准逮捕 ≠ 起诉, though one sentence
gives both).
"""

from __future__ import annotations

import re

from index.figures import Figure, metric_phrase, normalize_unit, parse_figures
from index.search_form import to_simplified
from index.types import Chunk

# A table row as the cleaner writes it: "indicator (unit): label value, label value (属性)".
_ROW = re.compile(r"^(?P<indicator>.+?) \((?P<unit>[^()]+)\): ")
_SCALES = {"万": 1e4, "亿": 1e8}


def _row_figures(text: str) -> tuple[list[Figure], list[str]] | None:
    """Figures of a table row: each value cell takes the row's unit (万件 → ×10⁴, 件)."""
    m = _ROW.match(text)
    if not m:
        return None
    # "亿元、项" heads a row of (amount)、(count) pairs: the units alternate along the row.
    units = [u.split("/")[0] for u in m.group("unit").split("、")]
    figures: list[Figure] = []
    labels: list[str] = []
    label_start = m.end()
    for v in re.finditer(r"(?P<q>≥|≤)?(?P<num>\d+(?:\.\d+)?)(?!\d|年)", text[m.end() :]):
        start, end = m.end() + v.start(), m.end() + v.end()
        # The cell's own label (目标值 / 完成值, 2020年 / 2025年) says which of the row's values it is.
        labels.append(text[label_start:start].strip(" ,，:：;；"))
        label_start = end
        unit_text = units[len(figures) % len(units)]
        scale = _SCALES.get(unit_text[:1], 1.0) if len(unit_text) > 1 else 1.0
        unit = "%" if unit_text == "%" else normalize_unit(unit_text[1:] if scale != 1.0 else unit_text)
        qualifier = {"≥": "at_least", "≤": "at_most"}.get(v.group("q") or "")
        figures.append(Figure(text=text[start:end], value=float(v.group("num")) * scale, unit=unit,
                              kind="percent" if unit == "%" else "quantity",
                              qualifier=qualifier, start=start, end=end))  # type: ignore[arg-type]
    return figures, [f"{m.group('indicator')} {label}".strip() for label in labels]


def attach_figures(chunks: list[Chunk]) -> list[Chunk]:
    """The chunks with their figures (not years or periods) and metric phrases filled in."""
    out = []
    for c in chunks:
        # Parse the simplified form where opencc kept every character in place (it almost
        # always does), so 萬/億 and 件 read the same in both scripts; offsets stay valid.
        simplified = to_simplified(c.text)
        text = simplified if len(simplified) == len(c.text) else c.text
        row = _row_figures(c.text) if c.kind == "table_row" else None
        if row is not None:
            figures, metrics = row
            out.append(c.model_copy(update={"figures": figures, "metrics": metrics}))
            continue
        figures = [f for f in parse_figures(text) if f.kind not in ("year", "period")]
        figures = [f.model_copy(update={"text": c.text[f.start : f.end]}) for f in figures]
        metrics = [to_simplified(metric_phrase(text, f)) for f in figures]
        out.append(c.model_copy(update={"figures": figures, "metrics": metrics}))
    return out
