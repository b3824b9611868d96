"""`qa eval`: run the scorer, write the JSON and Markdown reports, diff against the last run."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.bounds import DEFAULT_CONFIDENCE, DEFAULT_METHOD
from eval.schema import DEFAULT_PATH
from eval.scorer import (
    THRESHOLDS_FILE,
    check_thresholds,
    diff_runs,
    load_cases_lenient,
    markdown_report,
    run_eval,
    summarise,
)
from index.corpus import read_corpus
from index.settings import PROJECT_ROOT, Settings
from qa.calibration import Calibration, bar


def run_and_report(settings: Settings, *, cases_path: Path | None, as_json: bool, write: bool, check: bool,
                   load: Callable[[Settings], Any], desk: str | None = None) -> int:
    from tqdm import tqdm

    path = cases_path or DEFAULT_PATH
    if not path.is_file():
        print(f"qa: error: {path}: no such cases file", file=sys.stderr)
        return 2
    cases, problems = load_cases_lenient(path)
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    qa = load(settings)
    raw_texts = {d.meta.file: d.text for d in read_corpus(settings.corpus_dir).documents}
    # disable=None: the bar shows on a terminal and stays out of CI logs.
    with tqdm(total=len(cases), desc="eval", unit="case", file=sys.stderr,
              disable=True if as_json else None) as bar:
        results = run_eval(qa, cases, raw_texts, progress=bar.update)
    summary = summarise(results)
    summary["shipped_bars"] = render_shipped_bars(getattr(qa, "calibration", None), getattr(qa, "risk", 1.0))
    if desk:  # the desk cases (follow-ups, comparisons, articles), their own accuracy lines
        from eval.desk_article import score_article_case, summarise_articles
        from eval.desk_scorer import desk_files, load_all, run_desk, summarise_desk

        desk_cases = load_all(desk_files(desk, PROJECT_ROOT))
        summary["desk"] = summarise_desk(run_desk(qa, desk_cases))
        summary["articles"] = summarise_articles([score_article_case(c, qa) for c in desk_cases
                                                  if c.kind == "article"])
    manifest = qa.index.manifest.model_dump(mode="json")
    runs = settings.runs_dir
    latest = runs / "latest.json"
    previous = json.loads(latest.read_text(encoding="utf-8")) if latest.is_file() else None
    if previous and previous.get("cases_file") != str(path):
        previous = None  # a diff only means something against the same cases
    diff = diff_runs(previous, results)
    report = {"run_at": datetime.now(UTC).isoformat(timespec="seconds"), "cases_file": str(path),
              "manifest": {k: manifest[k] for k in ("build_id", "built_at", "corpus_fingerprint", "model_id",
                                                     "model_hash", "pipeline_version")},
              **summary, "diff": diff, "invalid_lines": problems,
              "cases": [r.model_dump(mode="json") for r in results]}
    if write:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        out = runs / stamp
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "report.md").write_text(markdown_report(summary, results, diff, manifest), encoding="utf-8")
        tmp = latest.with_suffix(".tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, latest)
    thresholds = json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8")) if check else {}
    failures = check_thresholds(summary["headline"], thresholds) if path == DEFAULT_PATH or cases_path is None \
        else []
    if as_json:
        print(json.dumps({**{k: report[k] for k in ("run_at", "cases_file", "manifest", "headline", "by_kind_lang",
                                                   "confusion", "diff")}, "desk": summary.get("desk"),
                                                   "articles": summary.get("articles"),
                          "threshold_failures": failures},
                         ensure_ascii=False))
    else:
        _print_human(summary, diff, results, failures, (runs / stamp) if write else None)
    return 1 if failures else 0


def _print_human(summary: dict[str, Any], diff: dict[str, list[str]], results: list[Any], failures: list[str],
                 out: Path | None) -> None:
    h = summary["headline"]
    print(f"cases {h['cases']}  accuracy {h['accuracy']}  figure {h['figure_accuracy']}  "
          f"citation {h['citation_accuracy']}  hit@1 {h['hit@1']}  hit@5 {h['hit@5']}  MRR {h['mrr']}")
    print(f"claim verdicts {h['claim_verdict_accuracy']}  abstention P {h['abstention_precision']} "
          f"R {h['abstention_recall']}  wrong figures {h['wrong_figure_answers']}  "
          f"latency p50 {h['latency_p50_ms']} ms p95 {h['latency_p95_ms']} ms  errors {h['errors']}")
    print(f"{'kind/lang':<20}{'n':>4}{'acc':>8}{'fig':>8}{'cit':>8}{'hit@1':>8}{'hit@5':>8}")
    for key, b in summary["by_kind_lang"].items():
        print(f"{key:<20}{b['cases']:>4}{_f(b['accuracy'])}{_f(b['figure_accuracy'])}{_f(b['citation_accuracy'])}"
              f"{_f(b['hit@1'])}{_f(b['hit@5'])}")
    print("claim verdicts (expected → got):", json.dumps(summary["confusion"], ensure_ascii=False))
    if h.get("right_verdicts_on_source") is not None:
        print(f"right claim verdicts whose citation overlaps the case's evidence: {h['right_verdicts_on_source']:.3f}")
    print(f"confident wrong figures or verdicts per 100 cases: {h.get('confident_wrong_per_100')}")
    print(render_risk_coverage(summary.get("risk_coverage", {})))
    if summary.get("shipped_bars"):
        print(summary["shipped_bars"])
    if summary.get("desk"):
        from eval.desk_scorer import render_desk

        print(render_desk(summary["desk"]))
    if summary.get("articles"):
        from eval.desk_article import article_lines

        print("\n".join(article_lines(summary["articles"])))
    print(f"since last run: broke {diff['broke'] or 'none'}; fixed {diff['fixed'] or 'none'}")
    if out:
        print(f"report: {out}/report.md")
    for f in failures:
        print(f"BELOW THRESHOLD: {f}", file=sys.stderr)


def _f(x: float | None) -> str:
    return f"{x:>8.3f}" if isinstance(x, float | int) else f"{'-':>8}"


def register(sub: Any) -> None:
    """The `qa eval` command (entry point ``qa.commands``: eval sits above qa, which cannot import it)."""
    from qa.cli import load_qa

    def run(args: Any, settings: Settings) -> int:
        return run_and_report(settings, cases_path=Path(args.cases) if args.cases else None, as_json=args.json,
                              write=not args.no_write, check=not args.no_check, load=load_qa,
                              desk=None if args.no_desk else args.desk)

    p = sub.add_parser("eval", help="score a set of known figures, case by case")
    p.add_argument("--cases", help="a cases file in the eval schema (default: eval/dev/own.jsonl)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--no-write", action="store_true", help="do not write a report under eval/runs/")
    p.add_argument("--no-check", action="store_true", help="exit 0 even below the thresholds")
    p.add_argument("--desk", default="eval/dev/desk-*.jsonl",
                   help="the desk cases (follow-ups, comparisons, articles) to score too, a pattern under the project folder "
                   "(default: eval/dev/desk-*.jsonl; eval/test/desk-*.jsonl for the final measurement)")
    p.add_argument("--no-desk", action="store_true", help="do not score the desk cases")
    p.set_defaults(func=run)


def render_risk_coverage(table: dict[str, Any]) -> str:
    """Risk–coverage: at each probability bar, the share of cases given a figure or verdict, the
    wrong ones per 100 cases and that rate's upper confidence bound (eval.bounds: the bound the
    risk bars are chosen by; the shipped bar is the one the risk setting picks)."""
    if not table:
        return ""
    bars = [row["bar"] for row in table["all"]]
    lines = [(f"risk–coverage (coverage % / wrong per 100 cases ≤ its one-sided {100 * DEFAULT_CONFIDENCE:g}% "
             f"{DEFAULT_METHOD} upper bound, by probability bar):"),
             f"{'':<14}" + "".join(f"{'≥' + format(b, 'g'):>17}" for b in bars)]
    for name, rows in table.items():
        lines.append(f"{name:<14}" + "".join(
            f"{100 * r['coverage']:>5.0f}% {r['wrong_per_100']:>4.1f}≤{r.get('upper_per_100', float('nan')):<5.1f}"
            for r in rows))
    return "\n".join(lines)


def render_shipped_bars(calibration: Calibration | None, risk: float) -> str:
    """The bars the risk setting picks, per family, with the cross-validated dev counts they were
    chosen on (the estimate of what they give on new cases) and the rule."""
    if calibration is None:
        return "bars: hand-set (no calibration)"
    lines = [f"bars at risk {risk:g}: {calibration.bar_rule or 'the cross-validated wrong rate within the risk'}"]
    for name, model in (("answers", calibration.answer), ("claims", calibration.claim)):
        need = bar(model, risk)
        row = next((r for r in model.cv if r.bar == need), None)
        lines.append(f"  {name}: bar {need:.3f}" + (
            f"; on dev, cross-validated: {row.answered} choices given for {row.cases} cases, "
            f"{row.wrong} wrong: {row.wrong_per_100:.2f} per 100 cases, at most {row.upper_per_100:.2f}"
            + (f" (chosen at risk {row.dev_risk:g} on dev)" if row.dev_risk is not None else "") if row else ""))
    return "\n".join(lines)
