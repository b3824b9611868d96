"""Schema of the journalist's-desk cases: follow-ups, comparisons and article checks.

One JSON object per line in ``eval/dev/desk-*.jsonl`` (read while developing) or
``eval/test/desk-*.jsonl`` (never read until the final measurement). ``kind`` picks the shape:

* ``followup``: ``turns`` is a conversation, one question per turn (2 to 4); the last turn leaves
  out something an earlier turn said ("那2023年呢?", "And Shenzhen?", "What about prosecutions?").
  ``expected`` is the figure the LAST turn asks for, or null when the documents do not give it
  (then the right answer is "not found"). ``resolved`` is the last question written out in full.
* ``comparison``: ``question`` asks how a figure changed between two years (or which is larger);
  ``before`` and ``after`` are the two figures (earlier year first); ``stated_change_pct`` is the
  year-on-year rate a document prints for the same thing, or null where none does.
* ``article``: ``article`` is a news text (Chinese or English, a few sentences to a few
  paragraphs); ``claims`` lists, in order, every sentence of it that states a figure, with the
  verdict a careful fact-checker gives it against the documents: ``supported``, ``contradicted``
  (a document gives a different figure for the same thing), or ``not_found`` (no document gives
  that figure's subject). Sentences without a figure are not listed; the checker must report them
  as skipped.

A figure (``Figure``) is given the way the main schema gives one: ``value`` with scale words folded
in (4.78万件 → 47800, unit 件), a unit from ``eval.schema.UNITS``, the ``source`` file and the
``evidence``: an exact substring of that file holding the figure.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from eval.schema import UNITS, Lang

DeskKind = Literal["followup", "comparison", "article"]
ClaimVerdict = Literal["supported", "contradicted", "not_found"]
DESK_KINDS: tuple[str, ...] = ("followup", "comparison", "article")


class Figure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    answer: str = Field(min_length=1)  # the figure as the source prints it, e.g. "83308件"
    value: float
    unit: str
    year: int | None  # the year the figure is about (null for a plan target without one)
    source: str = Field(min_length=1)
    evidence: str = Field(min_length=1)

    @model_validator(mode="after")
    def _valid(self) -> Figure:
        if not math.isfinite(self.value):
            raise ValueError("value must be finite")
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} not in eval.schema.UNITS")
        return self


class ArticleClaim(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    sentence: str = Field(min_length=1)  # an exact substring of the article
    verdict: ClaimVerdict
    # The source figure the verdict rests on (supported / contradicted); null for not_found.
    source_figure: Figure | None

    @model_validator(mode="after")
    def _valid(self) -> ArticleClaim:
        if (self.verdict == "not_found") != (self.source_figure is None):
            raise ValueError("source_figure is null exactly when the verdict is not_found")
        return self


class DeskCase(BaseModel):
    """One desk case; the fields a kind does not use are null."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    lang: Lang
    kind: DeskKind
    # followup
    turns: list[str] | None = None
    resolved: str | None = None
    expected: Figure | None = None
    # comparison
    question: str | None = None
    before: Figure | None = None
    after: Figure | None = None
    stated_change_pct: float | None = None
    # article
    article: str | None = None
    claims: list[ArticleClaim] | None = None

    @model_validator(mode="after")
    def _shape(self) -> DeskCase:
        used = {"followup": {"turns", "resolved", "expected"},
                "comparison": {"question", "before", "after", "stated_change_pct"},
                "article": {"article", "claims"}}[self.kind]
        optional = {"expected", "stated_change_pct"}
        for name in ("turns", "resolved", "expected", "question", "before", "after", "stated_change_pct",
                     "article", "claims"):
            value = getattr(self, name)
            if name not in used and value is not None:
                raise ValueError(f"a {self.kind} case has no {name!r}")
            if name in used and name not in optional and value is None:
                raise ValueError(f"a {self.kind} case needs {name!r}")
        if self.turns is not None and not 2 <= len(self.turns) <= 4:
            raise ValueError("a followup has 2 to 4 turns")
        if self.article is not None and self.claims is not None:
            missing = [c.sentence for c in self.claims if c.sentence not in self.article]
            if missing:
                raise ValueError(f"claim sentence not in the article: {missing[0][:60]!r}")
        return self


def load_desk_cases(path: str | Path) -> list[DeskCase]:
    """Read and validate a JSONL file of desk cases; a bad line raises naming file and line."""
    cases = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                raise ValueError(f"{path}:{lineno}: blank line")
            try:
                cases.append(DeskCase.model_validate(json.loads(line)))
            except Exception as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return cases
