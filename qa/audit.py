"""The consistency audit: where the documents disagree with themselves or each other.

Three checks over the figure records the index holds (nothing is re-parsed but the rate words):

* **translation**: a Chinese and an English sentence of one paper that give different figures for
  the same thing. Figures the index aligned (same value) agree by construction; an unaligned
  Chinese figure is paired with an unaligned English one of the linked section only when agency,
  action, unit, year, period, places and metric qualifiers all agree and each is the other's only
  such figure. A figure the other language leaves out is no disagreement.
* **year_on_year**: a rate stated in one year's text ("1265件,同比上升64.29%") implies the base
  year's figure; the base year's own figure for the same statistic (same language, agency,
  action, unit, places, qualifiers, and a shared metric phrase) must fall in that range.
* **plan_table / plan_text** (qa.audit_plan): the plan's tables against each other and its text.

A false "disagreement" sends a journalist chasing nothing, so every pairing rule errs on the side
of leaving a pair out; the report counts the pairs compared and those that agreed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from index.figures import format_value
from index.records import FigureRecord
from index.settings import Settings
from index.types import Chunk
from qa.audit_common import Titles, half, same_statistic, show, side, subject, unit_of
from qa.audit_plan import plan_findings
from qa.audit_types import AUDIT_KINDS, AuditFinding, AuditKind, AuditReport
from qa.rates import Direction, implied_range, overlaps, printed_range, tie_rates, value_range


def translation_findings(chunks: dict[str, Chunk], records: Sequence[FigureRecord], titles: Titles
                         ) -> tuple[list[AuditFinding], int]:
    """Chinese and English figures of one paper's linked sections that count one thing differently."""
    aligned_to = {r.aligned for r in records if r.aligned}
    free = [r for r in records if not r.aligned and r.id not in aligned_to]
    by_section: dict[tuple[str, str, str], list[FigureRecord]] = {}
    for r in free:
        c = chunks[r.chunk_id]
        if c.section:
            by_section.setdefault((r.doc_id, r.lang, c.section[0]), []).append(r)

    def partners(r: FigureRecord) -> list[FigureRecord]:
        linked = chunks[r.chunk_id].linked_section
        if not linked:
            return []
        other = "en" if r.lang == "zh" else "zh"
        return [o for o in by_section.get((r.doc_id, other, linked[0]), [])
                if o.year == r.year and same_statistic(r, o, roles_required=True)]

    findings, compared = [], 0
    for zh in (r for r in free if r.lang == "zh"):
        found = partners(zh)
        if len(found) != 1 or [x.id for x in partners(found[0])] != [zh.id]:
            continue
        en = found[0]
        compared += 1
        a, b = value_range(zh.text, zh.value), value_range(en.text, en.value)
        if overlaps(a, b):
            continue
        unit = unit_of(zh)
        findings.append(AuditFinding(
            kind="translation", subject=subject(zh), first=side(zh, titles), second=side(en, titles),
            expected_low=a[0], expected_high=a[1], found_low=b[0], found_high=b[1],
            tolerance=f"printed rounding: ({zh.text} {half(zh)}, {en.text} {half(en)})",
            explanation=(f"The Chinese text gives {zh.text} ({show(*a, unit)}) where the English translation of the "
                         f"same section gives {en.text} ({show(*b, unit)}) for the same agency, action and year."),
            explanation_zh=(f"中文原文为{zh.text},同一节英文译文为{en.text}(机构、行为与年份相同),两者不一致。"),
        ))
    return findings, compared


def _rate_ties(chunks: Iterable[Chunk], by_chunk: dict[str, list[FigureRecord]]
               ) -> list[tuple[FigureRecord, FigureRecord, Direction, int]]:
    """(rate, figure, direction, base year) for every tied rate. An English rate that translates a
    Chinese one is left to the Chinese: the translation may reorder the figures and keep the
    rates' order ("1,854 suspects involved in 1,265 … cases … 64.29% and 68.24% respectively")."""
    out = []
    for c in chunks:
        recs = by_chunk.get(c.id, [])
        by_id = {r.id: r for r in recs}
        for t in tie_rates(c.text, recs):
            rate = by_id[t.rate_id]
            if rate.lang == "en" and rate.aligned:
                continue
            out.append((rate, by_id[t.figure_id], t.direction, t.base_year))
    return out


def year_on_year_findings(chunks: Sequence[Chunk], records: Sequence[FigureRecord], titles: Titles
                          ) -> tuple[list[AuditFinding], int]:
    """Stated rates whose implied base-year figure the base year's own figure does not fit."""
    by_chunk: dict[str, list[FigureRecord]] = {}
    for r in records:
        by_chunk.setdefault(r.chunk_id, []).append(r)
    findings, compared = [], 0
    for rate, fig, direction, base in _rate_ties(chunks, by_chunk):
        others = [o for o in records if o.year == base and o.id != fig.id and o.chunk_id != fig.chunk_id
                  and same_statistic(fig, o, roles_required=False)]
        if not others or len({o.value for o in others}) != 1:
            continue  # none, or several that do not agree among themselves: nothing sure to compare
        other = others[0]
        compared += 1
        rate_range = printed_range(rate.text, rate.value)
        try:
            implied = implied_range(value_range(fig.text, fig.value), rate_range, direction)
        except ValueError:
            continue
        found = value_range(other.text, other.value)
        if overlaps(implied, found):
            continue
        unit = unit_of(fig)
        sign = "+" if direction == 1 else "-"
        decimals = len(rate.text.split(".")[1].rstrip("%％ ")) if "." in rate.text else 0
        rate_half = format_value((rate_range[1] - rate_range[0]) / 2, "")
        # "about 770 (769.956–770.003)": the nearest whole figure is what a reader compares.
        near, span = format_value(round(sum(implied) / 2), unit), show(*implied, unit)
        about, about_zh = f"about {near} ({span})", f"约{near}({span})"
        word_en, word_zh = ("up", "上升") if direction == 1 else ("down", "下降")
        findings.append(AuditFinding(
            kind="year_on_year", subject=subject(fig, base), first=side(fig, titles), second=side(other, titles),
            expected_low=implied[0], expected_high=implied[1], found_low=found[0], found_high=found[1],
            rate=f"{sign}{rate.text}",
            tolerance=(f"rate printed to {decimals} decimal{'s' if decimals != 1 else ''}: ±{rate_half} percentage points; "
                       f"{fig.text} {half(fig)}; {other.text} {half(other)}"),
            explanation=(f"The {fig.year} text gives {fig.text}, {word_en} {rate.text} on {base}: that puts {base} at "
                         f"{about}, but the {base} figure printed is {other.text}."),
            explanation_zh=(f"{fig.year}年文本称{fig.text},较{base}年{word_zh}{rate.text},据此{base}年应为"
                            f"{about_zh};而{base}年的数字为{other.text}。"),
        ))
    return findings, compared


def audit(chunks: Sequence[Chunk], records: Sequence[FigureRecord], titles: Titles, build_id: str = "") -> AuditReport:
    """Every disagreement the three checks find, with the number of pairs each compared."""
    by_id = {c.id: c for c in chunks}
    runs: dict[AuditKind, tuple[list[AuditFinding], int]] = {}
    runs["translation"] = translation_findings(by_id, records, titles)
    runs["year_on_year"] = year_on_year_findings(chunks, records, titles)
    table, text = plan_findings(chunks, records, titles)
    runs["plan_table"], runs["plan_text"] = table, text
    findings = [f for k in AUDIT_KINDS for f in runs[k][0]]
    compared: dict[str, int] = {k: runs[k][1] for k in AUDIT_KINDS}
    agreed: dict[str, int] = {k: runs[k][1] - len(runs[k][0]) for k in AUDIT_KINDS}
    return AuditReport(build_id=build_id, findings=findings, compared=compared, agreed=agreed)


def audit_index(settings: Settings) -> AuditReport:
    """The audit of the current build, read without the model: the manifest (checked), the chunks,
    the figure records and the documents' titles, as `qa index` wrote them."""
    from index.build import check_manifest, read_chunks, read_manifest
    from index.citable import read_documents
    from index.keywords import load_derived

    manifest = check_manifest(settings, read_manifest(settings))
    chunks_path = settings.index_dir / manifest.chunks_file
    chunks = read_chunks(chunks_path)
    _, records, _ = load_derived(chunks_path)
    # The build's own documents table: the titles of the documents it was built from, even when
    # the corpus folder has changed since.
    titles = {doc: (info.meta.title_zh, info.meta.title_en)
              for doc, info in read_documents(chunks_path.parent).items()}
    return audit(chunks, records, titles, manifest.build_id)
