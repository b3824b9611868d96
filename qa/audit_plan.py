"""The plan's tables against each other and against its text (part of the consistency audit).

A table row as the cleaner renders it names what it counts and its columns:
``知识产权保护社会满意度 (分): 目标值 ≥80, 完成值 75.07`` (the 13th plan's results) and
``知识产权保护社会满意度 (分): 2020年 80, 2025年 ≥83 (预期性)`` (the 14th plan's indicators). A
result (完成值) and a column for a year the document had already seen (2020年 in a plan written
in 2021) are facts; 目标值 and later years are targets. Two tables are compared row by row where
the row label, year, unit and role are the same; a sentence of the text is compared with a row
when it names the row's label right before its figure ("累计注册地理标志商标85件"), or lists
several labels and as many figures with 分别, and no longer phrase qualifies the label
("规模以上制造业发明专利有效量" is not the table's 发明专利有效量).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.records import FigureRecord
from index.types import Chunk
from qa.audit_common import Titles, half, show, side, unit_of
from qa.audit_types import AuditFinding, AuditKind
from qa.rates import overlaps, value_range

_ROW = re.compile(r"^\s*(?P<label>[^()（）:：\n]+?)\s*[(（][^()（）]*[)）]\s*[:：]")
_COLUMN = re.compile(r"目标值|完成值|((?:19|20)\d\d)年")
_CLAUSE_START = re.compile(r"[。！？；;\n，,]")
_RESPECTIVE = re.compile(r"分别|分別")
# At most this many characters between a clause's start and the label (全省, 累计注册) and between
# the label and its figure (达, 达到, 为): anything longer may qualify the label into another metric.
_NEAR = 4


def _norm(label: str) -> str:
    return re.sub(r"\s+", "", label)


def _role(column: str, year: int, doc_year: int) -> str:
    if column == "目标值":
        return "target"
    if column == "完成值":
        return "actual"
    return "actual" if year <= doc_year else "target"


def table_cells(chunks: Sequence[Chunk], by_chunk: dict[str, list[FigureRecord]]
                ) -> list[tuple[str, str, str, FigureRecord]]:
    """(table, row label, role, record) for every figure of a table row."""
    out = []
    for c in chunks:
        m = _ROW.match(c.text) if c.kind == "table_row" else None
        if not m:
            continue
        table = c.section[-1] if c.section else ""
        for r in by_chunk.get(c.id, []):
            cols = [x for x in _COLUMN.finditer(c.text, m.end(), r.start)]
            if cols and r.kind in ("quantity", "percent"):
                out.append((table, _norm(m.group("label")), _role(cols[-1].group(0), r.year, c.year), r))
    return out


def _text_ties(c: Chunk, recs: list[FigureRecord], labels: list[str]) -> list[tuple[str, FigureRecord]]:
    """(label, figure) where a sentence of the text names a table row's label for its figure."""
    ties = []
    clauses: dict[int, list[FigureRecord]] = {}
    for r in sorted(recs, key=lambda r: r.start):
        start = max([0] + [m.end() for m in _CLAUSE_START.finditer(c.text, 0, r.start)])
        clauses.setdefault(start, []).append(r)
    for start, figs in clauses.items():
        zone_end = figs[0].start
        found: list[tuple[int, int, str]] = []
        for label in sorted(labels, key=len, reverse=True):
            for m in re.finditer(re.escape(label), c.text[start:zone_end]):
                s, e = start + m.start(), start + m.end()
                if all(e <= a or s >= b for a, b, _ in found):
                    found.append((s, e, label))
        found.sort()
        if not found or found[0][0] - start > _NEAR:
            continue
        if len(found) == 1 and len(figs) >= 1 and zone_end - found[0][1] <= _NEAR:
            ties.append((found[0][2], figs[0]))
        elif len(found) > 1 and len(found) == len(figs) and _RESPECTIVE.search(c.text, found[-1][1], zone_end):
            ties.extend((label, f) for (_, _, label), f in zip(found, figs, strict=True))
    return ties


def plan_findings(chunks: Sequence[Chunk], records: Sequence[FigureRecord], titles: Titles
                  ) -> tuple[tuple[list[AuditFinding], int], tuple[list[AuditFinding], int]]:
    """(findings, pairs compared) for table against table, then text against table."""
    by_chunk: dict[str, list[FigureRecord]] = {}
    for r in records:
        by_chunk.setdefault(r.chunk_id, []).append(r)
    cells = table_cells(chunks, by_chunk)
    table_out: list[AuditFinding] = []
    table_n = 0
    for i, (t1, label1, role1, a) in enumerate(cells):
        for t2, label2, role2, b in cells[i + 1 :]:
            if t1 == t2 or a.doc_id != b.doc_id or (label1, role1, a.year) != (label2, role2, b.year):
                continue
            if comparable(a, b):
                table_n += 1
                if f := plan_finding(a, b, label1, "plan_table", titles):
                    table_out.append(f)
    text_out: list[AuditFinding] = []
    text_n = 0
    docs = {a.doc_id for _, _, _, a in cells}
    for c in chunks:
        if c.doc_id not in docs or c.kind == "table_row":
            continue
        labels = sorted({label for _, label, _, a in cells if a.doc_id == c.doc_id})
        for label, r in _text_ties(c, by_chunk.get(c.id, []), labels):
            role = "target" if r.plan == "target" else "actual"
            for _, label2, role2, t in cells:
                same_row = label2 == label and role2 == role and t.year == r.year and t.doc_id == r.doc_id
                if same_row and comparable(t, r):
                    text_n += 1
                    if f := plan_finding(t, r, label, "plan_text", titles):
                        text_out.append(f)
    return (table_out, table_n), (text_out, text_n)


def comparable(a: FigureRecord, b: FigureRecord) -> bool:
    """Same kind and unit, neither hedged ("≥80" is a bound, not a value to compare)."""
    return a.kind == b.kind and unit_of(a) == unit_of(b) and a.bound is None and b.bound is None


def plan_finding(a: FigureRecord, b: FigureRecord, label: str, kind: AuditKind, titles: Titles) -> AuditFinding | None:
    """The finding when the two printed figures cannot both be right, else None."""
    ra, rb = value_range(a.text, a.value), value_range(b.text, b.value)
    if overlaps(ra, rb):
        return None
    unit = unit_of(a)
    where_en, where_zh = ("another table", "另一张表") if kind == "plan_table" else ("the text", "正文")
    return AuditFinding(
        kind=kind, subject=f"{a.year} · {label} · {unit}", first=side(a, titles, label), second=side(b, titles, label),
        expected_low=ra[0], expected_high=ra[1], found_low=rb[0], found_high=rb[1],
        tolerance=f"printed rounding: ({a.text} {half(a)}, {b.text} {half(b)})",
        explanation=(f"The table row “{label}” gives {a.text} ({show(*ra, unit)}) for {a.year}, while {where_en} "
                     f"gives {b.text} ({show(*rb, unit)}) for the same row and year."),
        explanation_zh=f"表格“{label}”{a.year}年为{a.text},{where_zh}同一指标同一年份为{b.text},两者不一致。",
    )
