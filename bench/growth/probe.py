"""The query process of the growth benchmark (run by bench/growth/run.py in a child process, so
its RSS is the query path's own): load the index through the API, answer the eval cases, count
the answers that cite another province's document and, apart, the answers and verdicts given
place by place (a question or claim naming no place, where provinces' documents differ: qa.by_place),
then time warm asks.

Prints one JSON line. Uses only QA.load / QA.ask / QA.verify and the eval scorer, so it keeps
working while the code underneath changes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from eval.schema import EvalCase
from eval.scorer import figure_ok, score_case


class _Recorder:
    """Passes ask/verify through to QA and keeps the last result (the scorer returns only its judgement)."""

    def __init__(self, qa: Any) -> None:
        self.qa = qa
        self.last: Any = None

    def ask(self, question: str) -> Any:
        self.last = self.qa.ask(question)
        return self.last

    def verify(self, claim: str) -> Any:
        self.last = self.qa.verify(claim)
        return self.last


def given(result: Any) -> bool:
    """Whether a result gives a figure or a verdict (a "not found" cites nothing as its answer)."""
    if hasattr(result, "verdict"):
        return bool(result.verdict != "not_found")
    return bool(result.status == "answered")


def home_entries(result: Any, other: set[str]) -> list[Any]:
    """A by-place result's entries (qa.by_place) from the home corpus: not another province's files."""
    return [p for p in getattr(result, "by_place", None) or [] if p.citation.source not in other]


def cites_other(result: Any, other: set[str]) -> bool:
    """Whether a result gives another province's figure as its answer or verdict. An answer that
    lists each province's figure, labelled by place (a question naming no place), with the home
    corpus's among them, chose no other province's: it is counted apart (``by_place``). A verdict
    is judged on its own citations (the place whose figure supports it)."""
    if getattr(result, "by_place", None) and not hasattr(result, "verdict") and home_entries(result, other):
        return False
    return given(result) and any(c.source in other for c in result.citations)


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * len(s)) - 1))]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=Path, required=True, help="a JSON list of eval cases")
    p.add_argument("--other", type=Path, required=True, help="a JSON list of other provinces' corpus files")
    p.add_argument("--warm", type=int, default=60, help="warm asks to time")
    args = p.parse_args()
    from index.clean import decode_bytes
    from index.settings import Settings
    from qa.api import QA

    cases = [EvalCase.model_validate(c) for c in json.loads(args.cases.read_text(encoding="utf-8"))]
    other = set(json.loads(args.other.read_text(encoding="utf-8")))
    corpus = Settings.from_env().corpus_dir
    raw = {c.source: decode_bytes((corpus / c.source).read_bytes(), c.source)[0] for c in cases if c.source}
    t = time.perf_counter()
    qa = QA.load()
    load_s = time.perf_counter() - t
    rec = _Recorder(qa)
    correct, other_ids, errors = 0, [], []
    by_place_ids, home_right = [], []
    asked_right = 0  # by-place answers listing the home corpus's right figure, not right by the scorer
    for case in cases:
        rec.last = None
        r = score_case(case, rec, raw, {})
        correct += r.correct
        if r.error:
            errors.append(f"{case.id}: {r.error}")
        if rec.last is not None and cites_other(rec.last, other):
            other_ids.append(case.id)
        if rec.last is not None and getattr(rec.last, "by_place", None):
            by_place_ids.append(case.id)
            # The case's figure among the home corpus's entries: the reader who names the place gets it.
            if any(figure_ok(case, p.figure.value, p.figure.unit) for p in home_entries(rec.last, other)):
                home_right.append(case.id)
                asked_right += not r.correct
    questions = [c.question for c in cases if not c.kind.startswith("claim")] or [c.question for c in cases]
    times: list[float] = []
    while questions and len(times) < args.warm:
        for q in questions[: args.warm - len(times)]:
            t = time.perf_counter()
            qa.ask(q)
            times.append(1000 * (time.perf_counter() - t))
    print(json.dumps({
        "cases": len(cases), "correct": correct, "accuracy": correct / len(cases) if cases else None,
        "other_province": len(other_ids), "other_province_cases": other_ids,
        "by_place": len(by_place_ids), "by_place_cases": by_place_ids, "by_place_home_right": len(home_right),
        # As issue 16 asks for a question naming no place: each place's figure, labelled, and the chat
        # asks which; counted right when the home corpus's figure among them is.
        "accuracy_place_asked": (correct + asked_right) / len(cases) if cases else None,
        "errors": errors[:5],
        "load_s": load_s, "warm_n": len(times),
        "warm_p50_ms": statistics.median(times) if times else None,
        "warm_p95_ms": percentile(times, 0.95) if times else None,
    }))


if __name__ == "__main__":
    main()
