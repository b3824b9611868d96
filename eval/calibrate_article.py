"""The article claims' rows for the claims calibration (eval.calibrate): every claim sentence of
the dev desk articles (eval/dev/desk-*.jsonl), read as ``QA.check_article`` reads it — with the
year, place, agency or subject an earlier sentence lends it (qa.article.carry) — and each of its
figures judged loosely, as eval.calibrate.claim_rows judges a single claim's.

Single claims in the dev sets are all about figures the documents give; an article also states
figures they do not give (another metric, a duration, a rank), and leans on assumed context. A
model fitted on single claims alone was sure of verdicts there that a fact-checker would not
give (6.5 confident wrong per 100 article claims on never-read sets). Each figure's row is
labelled from the case's verdict on its sentence:

- a sentence that is supported: each figure is right when supported, wrong when contradicted;
- one that is not found: a figure contradicted is wrong, and one supported is wrong when it is
  the sentence's only figure (of several, that one may well be in the documents: no label);
- one that is contradicted: a figure contradicted against the case's source figure is right (against
  another, no label); one supported is wrong when it is the sentence's only figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

from eval.desk_schema import ArticleClaim, DeskCase, load_desk_cases
from index.figures import Figure
from qa import claim_check
from qa.article import check_article
from qa.calibration import Calibration, Model, features
from qa.decide import Decision
from qa.frame import QueryFrame
from qa.rank import ScoredFigure
from qa.types import Verdict

Row = tuple[dict[str, float], int]
_EMPTY = Model(features=[], mean=[], scale=[], coef=[], intercept=0.0, bars={})


@contextmanager
def choices_let_through(qa: Any, module: ModuleType) -> Iterator[list[tuple[dict[str, float], ScoredFigure]]]:
    """Within it, every choice ``module``'s calibrated model would judge (its ``calibrated``) is let through,
    as at the lowest bar, and recorded with its features in the list it gives: the choices the product
    makes, traced by standing in for the model."""
    seen: list[tuple[dict[str, float], ScoredFigure]] = []

    def let_through(decision: Decision, model: Any, risk: float, extra: dict[str, float] | None = None) -> Decision:
        if decision.chosen is not None:
            x = features(decision.chosen, decision.rival, decision.chosen.features.get("role_match", 0.0))
            seen.append((x | (extra or {}), decision.chosen))
        return decision.model_copy(update={"confidence": 1.0})

    # The product consults the model only where one is fitted: a first fit stands in an empty one.
    model = qa.calibration or Calibration(answer=_EMPTY, claim=_EMPTY, fitted_on=[])
    with mock.patch.object(module, "calibrated", let_through), mock.patch.object(qa, "calibration", model):
        yield seen


def traced_choices(qa: Any, frame: QueryFrame) -> tuple[list[tuple[dict[str, float], str, Figure]], int]:
    """The choices the calibrated model judges when the product checks this sentence: each
    figure's features, verdict and source figure, as ``QA.verify_frame`` makes them (the first
    figure looked up, the others paired in its source sentence or looked up on their own, the
    rules that leave a figure not found). Traced by standing in for the model: every choice is
    let through (as at the lowest bar), so later figures are paired as they would be behind a
    sure first one. Also how many figures the sentence states (checks made)."""
    with choices_let_through(qa, claim_check) as seen:
        verdict = qa.verify_frame(frame)
    out = []
    for check in verdict.checks:
        if check.verdict == "not_found" or check.found is None:
            continue
        supported = 1.0 if check.verdict == "supported" else 0.0
        # The last choice traced for this source value and verdict (a figure looked for again
        # after a first "not found", or place by place, is traced more than once).
        match = [(x, f) for x, f in seen if x.get("supported") == supported
                 and math.isclose(f.figure.value, check.found.value, rel_tol=1e-9)]
        if match:
            x, f = match[-1]
            out.append((x, check.verdict, f.figure))
    return out, len(verdict.checks)


def label(claim: ArticleClaim, verdict: str, found: Figure, alone: bool) -> int | None:
    """Whether one figure's verdict is right given the case's verdict on its sentence (see the
    module docstring), or None where the case does not say."""
    if claim.verdict == "supported":
        return int(verdict == "supported")
    if verdict == "contradicted":
        if claim.verdict == "not_found":
            return 0
        want = claim.source_figure.value if claim.source_figure else None
        return 1 if want is not None and math.isclose(found.value, want, rel_tol=0.005) else None
    return 0 if alone else None


def article_rows(qa: Any, case: DeskCase) -> list[Row]:
    """The labelled rows of one article case."""
    assert case.article is not None and case.claims is not None
    frames: list[QueryFrame] = []

    def record(frame: QueryFrame) -> Verdict:
        frames.append(frame)
        return Verdict(claim=frame.text, lang="zh" if frame.lang == "zh" else "en", verdict="not_found",
                       claimed=None, found=None, explanation="", citations=[])

    check_article(case.article, qa.index.glossary, record, qa.index.idf)
    rows: list[Row] = []
    for frame in frames:
        claim = next((c for c in case.claims if frame.text.strip() in c.sentence or c.sentence in frame.text), None)
        if claim is None:
            continue  # a sentence the case lists as stating no figure: no label
        choices, stated = traced_choices(qa, frame)
        for x, verdict, found in choices:
            y = label(claim, verdict, found, stated == 1)
            if y is not None:
                rows.append((x, y))
    return rows


def dev_article_rows(qa: Any, dev: Path, pattern: str = "desk-*.jsonl"
                     ) -> tuple[list[Row], int, list[str], list[str]]:
    """The rows of every dev desk article (the files in ``dev`` matching ``pattern``), the number of
    claim sentences (the family's cases), the files read and each row's file name (its case set)."""
    rows: list[Row] = []
    sets: list[str] = []
    n = 0
    files = sorted(dev.glob(pattern))
    for path in files:
        for case in load_desk_cases(path):
            if case.kind == "article" and case.claims:
                n += len(case.claims)
                found = article_rows(qa, case)
                rows += found
                sets += [path.name] * len(found)
    return rows, n, [str(p) for p in files], sets
