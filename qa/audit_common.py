"""What the audit's checks share: when two figures count the same statistic, and how a side is cited."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.figures import format_value, units_compatible
from index.lexicon import words
from index.records import FigureRecord
from index.types import Chunk
from qa.audit_types import AuditSide
from qa.rates import printed_step, value_range

# Share of the smaller metric phrase's search words the other must have for two figures of one
# language to count the same thing ("批准逮捕侵犯知识产权犯罪案件" / "共批捕侵犯知识产权犯罪案件": 6 of 9).
METRIC_OVERLAP = 0.5
Titles = dict[str, tuple[str, str]]


def unit_of(r: FigureRecord) -> str:
    return r.unit or r.named_unit


def metric_overlap(a: FigureRecord, b: FigureRecord) -> float:
    small = min(len(a.metric_tokens), len(b.metric_tokens))
    return len(a.metric_tokens & b.metric_tokens) / small if small else 0.0


_PARTIAL = re.compile(r"(?:" + "|".join(
    rf"\b{re.escape(w)}" if w.isascii() else re.escape(w) for w in sorted(words("partial_count_words.txt"), key=len,
                                                                         reverse=True)) + r")\s*$", re.IGNORECASE)


def partial_count(r: FigureRecord) -> bool:
    """A figure that counts the rest of a list ("and other 7 departments"), not its whole."""
    return bool(_PARTIAL.search(r.quote, 0, max(0, r.start - r.quote_start)))


def same_statistic(a: FigureRecord, b: FigureRecord, *, roles_required: bool) -> bool:
    """Whether two figures count the same statistic, years aside: same kind and unit, neither
    hedged (超/约/余), same places, metric qualifiers, period where both say, agency and action.
    A figure that counts the rest of a list ("other 7") is never paired.
    ``roles_required``: both must name an agency and an action (across languages, where metric
    words cannot be compared); else equal roles (None included) and a shared metric phrase.
    Across languages the units need only be compatible (the English noun "cases" is read as 件,
    where the Chinese writes 宗 or 起); in one language a changed measure word may mean a changed
    statistic (2023 "立…犯罪案件1926起", 2024 "立…刑事案件2249件"), so it must be the same."""
    if a.kind != b.kind or a.kind not in ("quantity", "percent"):
        return False
    if not (units_compatible(unit_of(a), unit_of(b)) if a.lang != b.lang else unit_of(a) == unit_of(b)):
        return False
    if a.bound is not None or b.bound is not None or a.places != b.places or partial_count(a) or partial_count(b):
        return False
    if a.metric_qualifiers != b.metric_qualifiers or (a.period and b.period and a.period != b.period):
        return False
    if a.agency != b.agency or a.action != b.action:
        return False
    if roles_required:
        return a.agency is not None and a.action is not None
    return a.lang == b.lang and metric_overlap(a, b) >= METRIC_OVERLAP


def free_by_section(chunks: dict[str, Chunk], records: Sequence[FigureRecord]
                    ) -> tuple[list[FigureRecord], dict[tuple[str, str, str], list[FigureRecord]]]:
    """The figures the index left unaligned across languages, and them by (document, language, section)."""
    aligned_to = {r.aligned for r in records if r.aligned}
    free = [r for r in records if not r.aligned and r.id not in aligned_to]
    by_section: dict[tuple[str, str, str], list[FigureRecord]] = {}
    for r in free:
        c = chunks[r.chunk_id]
        if c.section:
            by_section.setdefault((r.doc_id, r.lang, c.section[0]), []).append(r)
    return free, by_section


def linked_figures(r: FigureRecord, chunks: dict[str, Chunk], by_section: dict[tuple[str, str, str], list[FigureRecord]]
                   ) -> list[FigureRecord]:
    """The unaligned figures of the same year in the other language's linked section of ``r``'s paper."""
    linked = chunks[r.chunk_id].linked_section
    if not linked:
        return []
    other = "en" if r.lang == "zh" else "zh"
    return [o for o in by_section.get((r.doc_id, other, linked[0]), []) if o.year == r.year]


def base_year_figures(fig: FigureRecord, base: int, records: Sequence[FigureRecord]) -> list[FigureRecord]:
    """The figures of year ``base`` outside ``fig``'s chunk: where a rate's base-year figure may be printed."""
    return [o for o in records if o.year == base and o.id != fig.id and o.chunk_id != fig.chunk_id]


def side(r: FigureRecord, titles: Titles, label: str = "") -> AuditSide:
    title_zh, title_en = titles.get(r.doc_id, ("", ""))
    start = r.start - r.quote_start
    return AuditSide(
        record_id=r.id, doc_id=r.doc_id, title=title_zh if r.lang == "zh" else title_en, source=r.source,
        lang=r.lang, year=r.year, section=" / ".join(r.section), quote=r.quote, text=r.text, value=r.value,
        unit=unit_of(r), figure_start=max(0, start), figure_end=max(0, start) + (r.end - r.start), raw_start=r.raw_start,
        raw_end=r.raw_end, agency=r.agency, action=r.action, places=sorted(r.places), label=label or r.metric)


def subject(r: FigureRecord, year: int | None = None) -> str:
    parts = [str(year or r.year), *sorted(r.places), r.agency or "", r.action or "", unit_of(r)]
    return " · ".join(p for p in parts if p)


def show(lo: float, hi: float, unit: str) -> str:
    # Three decimals: a range from rounding ("75.065–75.075") must not print as two values it excludes.
    a, b = format_value(round(lo, 3), unit), format_value(round(hi, 3), unit)
    return a if a == b else f"{a}–{b}"


def half(r: FigureRecord) -> str:
    """How far the printed figure may be from its value, in words."""
    lo, hi = value_range(r.text, r.value)
    if lo == hi:
        return "exact (a whole number as printed)"
    step = format_value(printed_step(r.text, r.value) / 2, "")
    return f"±{step} percentage points" if unit_of(r) == "%" else f"±{step}"
