"""The scorer: run every case through the library API and measure, case by case.

Claims go through ``QA.verify``, everything else through ``QA.ask`` — the same calls the CLI
and the app make. Results are compared with the case's known figure, source and evidence.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from eval.bounds import upper_per_100
from eval.schema import EvalCase

CLAIM_KINDS = ("claim_true", "claim_false")
THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")
REL_TOL = 0.005


class CaseResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str
    lang: str
    question: str
    expected: str | None  # the case's answer (or verdict for claims)
    got: str | None  # answered figure text, or the verdict
    got_value: float | None
    got_unit: str | None
    correct: bool  # the headline per-case judgement (figure for questions, verdict for claims)
    figure_correct: bool | None  # None where the case has no figure (unanswerable)
    citation_correct: bool | None
    abstained: bool
    verdict: str | None = None
    rank: int | None = None  # 1-based rank of the first retrieved chunk holding the evidence
    seconds: float = 0.0
    error: str | None = None
    # The calibrated probability of the system's best choice, given or held back, and whether that
    # choice was right (None where it made none): for the risk–coverage table.
    confidence: float | None = None
    choice_correct: bool | None = None


def evidence_span(case: EvalCase, raw_texts: dict[str, str]) -> tuple[int, int] | None:
    if not case.source or not case.evidence or case.source not in raw_texts:
        return None
    i = raw_texts[case.source].find(case.evidence)
    return (i, i + len(case.evidence)) if i >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# The scorer's own idea of which measure words count the same thing, kept apart from the
# system's (index.figures.units) so the eval does not inherit the system's leniency: a case in
# 件 is answered by 件/宗/起/案 (案件1926起 = 1,926 cases), 人 by 名, 家 by 所/个, 批次 by 批.
# Anything else must be the case's unit exactly. A figure the system gives without a unit is
# judged on its value alone (English often states "applications were 23,400").
SAME_THING: tuple[frozenset[str], ...] = (
    frozenset({"件", "宗", "起", "案"}),
    frozenset({"人", "名"}),
    frozenset({"家", "个", "所"}),
    frozenset({"批次", "批"}),
)


def same_unit(got: str, expected: str) -> bool:
    """Whether an answer in unit ``got`` can be the case's figure in unit ``expected``."""
    if not got or got == expected:
        return True
    return any(got in group and expected in group for group in SAME_THING)


def figure_ok(case: EvalCase, value: float | None, unit: str | None) -> bool:
    if case.value is None or value is None:
        return False
    if not math.isclose(value, case.value, rel_tol=REL_TOL, abs_tol=1e-9):
        return False
    return not (unit and case.unit) or same_unit(unit, case.unit)


def score_case(case: EvalCase, qa: Any, raw_texts: dict[str, str], chunk_spans: dict[str, tuple[str, int, int]]
               ) -> CaseResult:
    """Run one case; never raises (an error is reported in the result)."""
    base: dict[str, Any] = {"id": case.id, "kind": case.kind, "lang": case.lang, "question": case.question}
    if case.source is not None and case.source not in raw_texts:
        return CaseResult(**base, expected=case.answer, got=None, got_value=None, got_unit=None, correct=False,
                          figure_correct=False, citation_correct=False, abstained=False,
                          error=f"source {case.source} is not in the corpus")
    try:
        result = qa.verify(case.question) if case.kind in CLAIM_KINDS else qa.ask(case.question)
    except Exception as e:  # noqa: BLE001 - a failing case is reported, not fatal
        return CaseResult(**base, expected=case.answer, got=None, got_value=None, got_unit=None, correct=False,
                          figure_correct=None, citation_correct=None, abstained=False, error=f"{type(e).__name__}: {e}")
    span = evidence_span(case, raw_texts)
    rank = None
    if span is not None:
        for i, cid in enumerate(result.retrieved, 1):
            src = chunk_spans.get(cid)
            if src and src[0] == case.source and _overlaps((src[1], src[2]), span):
                rank = i
                break
    cit = result.citations[0] if result.citations else None
    citation_ok = (cit is not None and span is not None and cit.source == case.source
                   and _overlaps((cit.start, cit.end), span)) if case.kind != "unanswerable" else None
    if case.kind in CLAIM_KINDS:
        fig = result.found
        abstained = result.verdict == "not_found"
        fig_ok = figure_ok(case, fig.value if fig else None, fig.unit if fig else None)
        correct = result.verdict == case.verdict
        choice = result.verdict if result.verdict != "not_found" else getattr(result, "withheld", None)
        return CaseResult(**base, expected=case.verdict, got=result.verdict, got_value=fig.value if fig else None,
                          got_unit=fig.unit if fig else None, correct=correct, figure_correct=fig_ok,
                          citation_correct=citation_ok, abstained=abstained, verdict=result.verdict, rank=rank,
                          seconds=result.seconds, confidence=getattr(result, "confidence", None),
                          choice_correct=None if choice is None else choice == case.verdict)
    fig = result.figure
    abstained = result.status == "not_found"
    choice = fig or getattr(result, "withheld", None)
    confidence = getattr(result, "confidence", None)
    if case.kind == "unanswerable":
        return CaseResult(**base, expected=None, got=fig.text if fig else None, got_value=fig.value if fig else None,
                          got_unit=fig.unit if fig else None, correct=abstained, figure_correct=None,
                          citation_correct=None, abstained=abstained, rank=None, seconds=result.seconds,
                          confidence=confidence, choice_correct=None if choice is None else False)
    fig_ok = figure_ok(case, fig.value if fig else None, fig.unit if fig else None)
    return CaseResult(**base, expected=case.answer, got=fig.text if fig else None,
                      got_value=fig.value if fig else None, got_unit=fig.unit if fig else None, correct=fig_ok,
                      figure_correct=fig_ok, citation_correct=citation_ok, abstained=abstained, rank=rank,
                      seconds=result.seconds, confidence=confidence,
                      choice_correct=None if choice is None else figure_ok(case, choice.value, choice.unit))


def _rate(xs: Iterable[bool | None]) -> float | None:
    vals = [x for x in xs if x is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def _percentile(xs: list[float], q: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, math.ceil(q * len(xs)) - 1))
    return xs[k]


def confident_wrong(r: CaseResult) -> bool:
    """A wrong figure or verdict given (not withheld): what the product must not do."""
    return not r.abstained and not r.correct and r.choice_correct is False


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    """Headline metrics, the kind × language table, the verdict confusion matrix."""

    def block(rs: list[CaseResult]) -> dict[str, Any]:
        ranked = [r for r in rs if r.kind != "unanswerable" and r.error is None]
        return {
            "cases": len(rs),
            "accuracy": _rate(r.correct for r in rs),
            "figure_accuracy": _rate(r.figure_correct for r in rs if r.kind not in CLAIM_KINDS),
            "citation_accuracy": _rate(r.citation_correct for r in rs if r.kind not in CLAIM_KINDS),
            "hit@1": _rate(r.rank == 1 for r in ranked),
            "hit@5": _rate(r.rank is not None and r.rank <= 5 for r in ranked),
            "mrr": round(statistics.fmean([1 / r.rank if r.rank else 0.0 for r in ranked]), 4) if ranked else None,
        }

    claims = [r for r in results if r.kind in CLAIM_KINDS]
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in claims:
        confusion[r.expected or "?"][r.got or "error"] += 1
    unans = [r for r in results if r.kind == "unanswerable"]
    abstained = [r for r in results if r.abstained]
    latencies = [r.seconds for r in results if r.error is None]
    headline = block(results)
    headline.update({
        "claim_verdict_accuracy": _rate(r.correct for r in claims),
        # Of the right verdicts given, the share whose citation overlaps the case's evidence: a
        # right verdict against another figure (a contradiction "by" a neighbour's count) is right
        # by luck, which the verdict accuracy alone does not show.
        "right_verdicts_on_source": _rate(r.citation_correct for r in claims if r.correct and not r.abstained),
        "abstention_precision": _rate(r.kind == "unanswerable" for r in abstained),
        "abstention_recall": _rate(r.abstained for r in unans),
        "wrong_figure_answers": sum(1 for r in results if r.kind not in CLAIM_KINDS and not r.abstained
                                    and r.got_value is not None and not r.correct),
        "latency_p50_ms": round(1000 * _percentile(latencies, 0.5), 1),
        "latency_p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        "errors": sum(1 for r in results if r.error),
    })
    headline["confident_wrong_per_100"] = round(100.0 * sum(map(confident_wrong, results)) / max(1, len(results)), 2)
    by_kind_lang = {}
    for (kind, lang), rs in sorted(_group(results).items()):
        by_kind_lang[f"{kind}/{lang}"] = block(rs)
    return {"headline": headline, "by_kind_lang": by_kind_lang, "risk_coverage": risk_coverage(results),
            "by_kind": {k: block([r for r in results if r.kind == k]) for k in sorted({r.kind for r in results})},
            "confusion": {k: dict(v) for k, v in confusion.items()}}


def _group(results: list[CaseResult]) -> dict[tuple[str, str], list[CaseResult]]:
    g: dict[tuple[str, str], list[CaseResult]] = defaultdict(list)
    for r in results:
        g[(r.kind, r.lang)].append(r)
    return g


def diff_runs(previous: dict[str, Any] | None, results: list[CaseResult]) -> dict[str, list[str]]:
    """Which cases broke and which were fixed since the previous run."""
    if not previous:
        return {"broke": [], "fixed": []}
    before = {c["id"]: c["correct"] for c in previous.get("cases", [])}
    return {
        "broke": [r.id for r in results if before.get(r.id) is True and not r.correct],
        "fixed": [r.id for r in results if before.get(r.id) is False and r.correct],
    }


def check_thresholds(headline: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    failures = []
    for key, minimum in thresholds.items():
        if key.startswith("_"):
            continue
        got = headline.get(key)
        if key.endswith("_max"):
            name = key[: -len("_max")]
            val = headline.get(name)
            if val is None or val > minimum:
                failures.append(f"{name} = {val} is above the maximum {minimum}")
        elif got is None or got < minimum:
            failures.append(f"{key} = {got} is below the threshold {minimum}")
    return failures


def markdown_report(summary: dict[str, Any], results: list[CaseResult], diff: dict[str, list[str]],
                    manifest: dict[str, Any]) -> str:
    h = summary["headline"]
    lines = [f"# Eval run {datetime.now(UTC).isoformat(timespec='seconds')}", "",
             (f"Index: build {manifest.get('build_id')} · model {manifest.get('model_id')} "
              f"({str(manifest.get('model_hash'))[:12]}) · pipeline {manifest.get('pipeline_version')}"), "",
             "| metric | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in h.items()]
    lines += ["", "## By kind × language", "",
              "| kind/lang | cases | accuracy | figure | citation | hit@1 | hit@5 | MRR |", "|---|---|---|---|---|---|---|---|"]
    for key, b in summary["by_kind_lang"].items():
        lines.append(f"| {key} | {b['cases']} | {b['accuracy']} | {b['figure_accuracy']} | {b['citation_accuracy']} "
                     f"| {b['hit@1']} | {b['hit@5']} | {b['mrr']} |")
    lines += ["", "## Claim verdicts (rows: expected, columns: got)", ""]
    for exp, row in summary["confusion"].items():
        lines.append(f"- {exp}: " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
    lines += ["", "## Since the previous run", "", f"- broke: {', '.join(diff['broke']) or 'none'}",
              f"- fixed: {', '.join(diff['fixed']) or 'none'}", "", "## Failing cases", ""]
    for r in results:
        if not r.correct:
            lines.append(f"- `{r.id}` {r.question} — expected {r.expected}, got {r.got}"
                         + (f" (error: {r.error})" if r.error else ""))
    return "\n".join(lines) + "\n"


def run_eval(qa: Any, cases: list[EvalCase], raw_texts: dict[str, str],
             progress: Callable[[int], None] | None = None) -> list[CaseResult]:
    chunk_spans = {c.id: (c.source, c.raw_start, c.raw_end) for c in qa.index.chunks}
    results = []
    for case in cases:
        results.append(score_case(case, qa, raw_texts, chunk_spans))
        if progress:
            progress(1)
    return results


def load_cases_lenient(path: Path) -> tuple[list[EvalCase], list[str]]:
    """Valid cases, and a message for each line that is not a valid case (reported, not fatal)."""
    cases, problems = [], []
    seen: Counter[str] = Counter()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = EvalCase.model_validate(json.loads(line))
        except Exception as e:  # noqa: BLE001
            problems.append(f"{path.name}:{lineno}: not a valid case ({str(e).splitlines()[0]})")
            continue
        seen[case.id] += 1
        if seen[case.id] > 1:
            problems.append(f"{path.name}:{lineno}: duplicate id {case.id}")
            continue
        cases.append(case)
    return cases, problems


# Probability bars at which the risk–coverage table is read.
BARS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99)


def risk_coverage(results: list[CaseResult]) -> dict[str, list[dict[str, float]]]:
    """For each probability bar: the share of cases that would get a figure or verdict (coverage)
    and the wrong ones among them per 100 cases with that rate's upper confidence bound
    (eval.risk_bar: the rule the risk bars are chosen by), overall, by decision family (answers,
    claims: each has its own bar) and by kind. Read from each case's best choice and its
    probability, whether it was given or held back."""
    groups: dict[str, list[CaseResult]] = {"all": results}
    for r in results:
        groups.setdefault("claims" if r.kind in ("claim_true", "claim_false") else "answers", []).append(r)
    for r in results:
        groups.setdefault(r.kind, []).append(r)
    table: dict[str, list[dict[str, float]]] = {}
    for name, rs in groups.items():
        rows = []
        for bar in BARS:
            given = [r for r in rs if r.choice_correct is not None and (r.confidence or 0.0) >= bar]
            wrong = sum(1 for r in given if not r.choice_correct)
            rows.append({"bar": bar, "coverage": round(len(given) / max(1, len(rs)), 3),
                         "wrong_per_100": round(100.0 * wrong / max(1, len(rs)), 2),
                         "upper_per_100": round(upper_per_100(wrong, len(rs)), 2)})
        table[name] = rows
    return table
