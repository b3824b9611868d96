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

from index.records import FigureRecord
from index.settings import Settings
from index.types import Chunk
from qa.audit_common import Titles, base_year_figures, free_by_section, linked_figures, same_statistic
from qa.audit_findings import implied_base, translation_finding, year_on_year_finding
from qa.audit_plan import plan_findings
from qa.audit_review import review_translation, review_year_on_year
from qa.audit_types import AUDIT_KINDS, AuditFinding, AuditKind, AuditReport
from qa.rates import Direction, overlaps, value_range


def translation_findings(chunks: dict[str, Chunk], records: Sequence[FigureRecord], titles: Titles
                         ) -> tuple[list[AuditFinding], int]:
    """Chinese and English figures of one paper's linked sections that count one thing differently."""
    free, by_section = free_by_section(chunks, records)

    def partners(r: FigureRecord) -> list[FigureRecord]:
        return [o for o in linked_figures(r, chunks, by_section) if same_statistic(r, o, roles_required=True)]

    findings, compared = [], 0
    for zh in (r for r in free if r.lang == "zh"):
        found = partners(zh)
        if len(found) != 1 or [x.id for x in partners(found[0])] != [zh.id]:
            continue
        en = found[0]
        compared += 1
        if not overlaps(value_range(zh.text, zh.value), value_range(en.text, en.value)):
            findings.append(translation_finding(zh, en, titles))
    return findings, compared


def _rate_ties(records: Iterable[FigureRecord]) -> list[tuple[FigureRecord, FigureRecord, Direction, int]]:
    """(rate, figure, direction, base year) for every rate tied at index time with a base (FigureRecord.rate_of). An
    English rate that translates a Chinese one is left to the Chinese: the translation may reorder the
    figures and keep the rates' order ("1,854 suspects involved in 1,265 … cases … 64.29% and 68.24% respectively")."""
    by_id = {r.id: r for r in records}
    return [(r, by_id[r.rate_of.figure_id], r.rate_of.direction, r.rate_of.base_year) for r in by_id.values()
            if r.rate_of and r.rate_of.base_year is not None and not (r.lang == "en" and r.aligned)]


def year_on_year_findings(records: Sequence[FigureRecord], titles: Titles) -> tuple[list[AuditFinding], int]:
    """Stated rates whose implied base-year figure the base year's own figure does not fit."""
    findings, compared = [], 0
    for rate, fig, direction, base in _rate_ties(records):
        others = [o for o in base_year_figures(fig, base, records) if same_statistic(fig, o, roles_required=False)]
        if not others or len({o.value for o in others}) != 1:
            continue  # none, or several that do not agree among themselves: nothing sure to compare
        other = others[0]
        compared += 1
        implied = implied_base(rate, fig, direction)
        if implied is not None and not overlaps(implied, value_range(other.text, other.value)):
            findings.append(year_on_year_finding(rate, fig, other, direction, base, implied, titles))
    return findings, compared


def audit(chunks: Sequence[Chunk], records: Sequence[FigureRecord], titles: Titles, build_id: str = "") -> AuditReport:
    """Every disagreement the three checks find, with the number of pairs each compared; then the
    pairs that need review (qa.audit_review), which never change the confident findings."""
    by_id = {c.id: c for c in chunks}
    runs: dict[AuditKind, tuple[list[AuditFinding], int]] = {}
    runs["translation"] = translation_findings(by_id, records, titles)
    runs["year_on_year"] = year_on_year_findings(records, titles)
    table, text = plan_findings(chunks, records, titles)
    runs["plan_table"], runs["plan_text"] = table, text
    findings = [f for k in AUDIT_KINDS for f in runs[k][0]]
    compared: dict[str, int] = {k: runs[k][1] for k in AUDIT_KINDS}
    agreed: dict[str, int] = {k: runs[k][1] - len(runs[k][0]) for k in AUDIT_KINDS}
    review = review_translation(by_id, records, titles) + review_year_on_year(_rate_ties(records), records, titles)
    return AuditReport(build_id=build_id, findings=findings, compared=compared, agreed=agreed, review=review)


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
