"""Typed results of the consistency audit (qa.audit): each finding cites both sides."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# translation: a Chinese and an English sentence of one paper give different figures for one thing;
# year_on_year: a rate stated in one year's text does not fit the base year's figure;
# plan_table: the plan's two tables disagree; plan_text: the plan's text disagrees with its table.
AuditKind = Literal["translation", "year_on_year", "plan_table", "plan_text"]
AUDIT_KINDS: tuple[AuditKind, ...] = ("translation", "year_on_year", "plan_table", "plan_text")
# confident: every slot of what the two figures count agrees (AuditReport.findings);
# review: probably the same thing, not surely (AuditReport.review; ``reasons`` says which slot differs).
AuditTier = Literal["confident", "review"]


class AuditSide(BaseModel):
    """One side of a finding: a figure where the document prints it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    record_id: str
    doc_id: str
    title: str
    source: str  # corpus file name
    lang: Literal["zh", "en"]
    year: int  # the year the figure counts
    section: str
    quote: str  # the sentence (clean text)
    text: str  # the figure as written
    value: float
    unit: str
    figure_start: int  # the figure's offsets inside ``quote``
    figure_end: int
    raw_start: int  # the figure's span in the raw corpus file (characters)
    raw_end: int
    agency: str | None = None
    action: str | None = None
    places: list[str] = []
    label: str = ""  # what it counts as the audit read it (a table's row, the metric phrase)


class AuditFinding(BaseModel):
    """Two places that cannot both be right, within the stated tolerance."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: AuditKind
    subject: str  # what both sides count, e.g. "2023 · procuratorate · approve_arrest · 件"
    first: AuditSide  # the side that implies a value (the rate's figure; the Chinese; the first table)
    second: AuditSide  # the side that prints another
    expected_low: float  # what the first side allows for the second, as a range in the second's unit
    expected_high: float
    found_low: float  # what the second side's printed figure allows
    found_high: float
    rate: str | None = None  # the stated rate, e.g. "+64.29%" (year_on_year only)
    tolerance: str  # how the ranges were made (printed rounding)
    explanation: str  # English
    explanation_zh: str
    tier: AuditTier = "confident"
    reasons: list[str] = []  # review tier: why the pairing is not sure (English), one per slot that differs
    reasons_zh: list[str] = []


class AuditReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    build_id: str
    findings: list[AuditFinding]  # the confident tier
    compared: dict[str, int]  # pairs compared per kind (findings included; confident tier)
    agreed: dict[str, int]  # of those, pairs within tolerance
    review: list[AuditFinding] = []  # "needs review": probably one statistic, and the figures disagree
