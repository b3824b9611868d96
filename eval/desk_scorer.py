"""Scoring the journalist's-desk cases (eval.desk_schema) through the library API, one scorer per
kind (``SCORERS``: a new kind adds a function there):

* ``followup``: the conversation's turns go through ``QA.chat`` in order; the case is right when
  the last turn's figure is ``expected`` (value within 0.5 %, a unit that counts the same thing),
  or when ``expected`` is null and the last turn is "not found". A last turn that compares two
  years ("哪一年更多?") is judged on the larger of its two figures (which year's is more).
* ``comparison``: the question goes through ``QA.ask``; right when the comparison is answered and
  its ``from`` and ``to`` figures are ``before`` and ``after``. Where the case gives the stated
  year-on-year rate, whether the answer shows the same one is counted apart.

A result is "confident wrong" when the system gave a figure (or a comparison) and it is not the
expected one: the worst outcome, counted on its own line.
"""

from __future__ import annotations

import glob
import math
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from eval.desk_schema import DeskCase, Figure, load_desk_cases
from eval.scorer import REL_TOL, same_unit

DEFAULT_DESK_GLOB = "eval/dev/desk-*.jsonl"


class DeskResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str
    lang: str
    correct: bool
    wrong: bool  # a figure or comparison given, and not the expected one
    expected: str | None
    got: str | None
    resolved: str | None = None  # the last turn as the system understood it (follow-ups)
    stated_ok: bool | None = None  # comparisons whose case gives a stated rate: the same one shown
    seconds: float = 0.0
    error: str | None = None


def figure_matches(expected: Figure, value: float | None, unit: str | None) -> bool:
    if value is None:
        return False
    if not math.isclose(value, expected.value, rel_tol=REL_TOL, abs_tol=1e-9):
        return False
    return not unit or same_unit(unit, expected.unit)


def _shown(fig: Any) -> str | None:
    return None if fig is None else f"{fig.text}"


def score_followup(case: DeskCase, qa: Any) -> DeskResult:
    turns = case.turns or []
    history: list[str] = []
    answer = None
    for turn in turns:
        answer = qa.chat(turn, history)
        history.append(turn)
    assert answer is not None
    value, unit, got = None, None, None
    if answer.figure is not None:
        value, unit, got = answer.figure.value, answer.figure.unit, answer.figure.text
    elif answer.comparison is not None and answer.status == "answered":
        c = answer.comparison
        larger = max((f for f in (c.from_, c.to) if f is not None), key=lambda f: f.figure.value, default=None)
        if larger is not None:
            value, unit, got = larger.figure.value, larger.figure.unit, larger.figure.text
    gave = answer.status == "answered"
    if case.expected is None:
        correct = not gave
        wrong = gave
    else:
        correct = figure_matches(case.expected, value, unit)
        wrong = gave and value is not None and not correct
    return DeskResult(id=case.id, kind=case.kind, lang=case.lang, correct=correct, wrong=wrong,
                      expected=case.expected.answer if case.expected else None, got=got,
                      resolved=getattr(answer, "resolved_question", None), seconds=answer.seconds)


def score_comparison(case: DeskCase, qa: Any) -> DeskResult:
    assert case.before is not None and case.after is not None
    answer = qa.ask(case.question)
    c = answer.comparison
    answered = answer.status == "answered" and c is not None and c.from_ is not None and c.to is not None
    got = f"{c.from_.figure.text} → {c.to.figure.text}" if answered and c and c.from_ and c.to else None
    correct = bool(answered and c and c.from_ and c.to
                   and figure_matches(case.before, c.from_.figure.value, c.from_.figure.unit)
                   and figure_matches(case.after, c.to.figure.value, c.to.figure.unit))
    stated_ok = None
    if case.stated_change_pct is not None and answered and c is not None:
        stated_ok = c.stated_change_pct is not None and math.isclose(abs(c.stated_change_pct),
                                                                     abs(case.stated_change_pct), abs_tol=1e-6)
    return DeskResult(id=case.id, kind=case.kind, lang=case.lang, correct=correct, wrong=answered and not correct,
                      expected=f"{case.before.answer} → {case.after.answer}", got=got, stated_ok=stated_ok,
                      seconds=answer.seconds)


# One scorer per kind; a kind without one (yet) is not scored.
SCORERS: dict[str, Callable[[DeskCase, Any], DeskResult]] = {
    "followup": score_followup,
    "comparison": score_comparison,
}


def score_desk_case(case: DeskCase, qa: Any) -> DeskResult | None:
    """One case through its kind's scorer (None for a kind without one); never raises."""
    scorer = SCORERS.get(case.kind)
    if scorer is None:
        return None
    t0 = time.perf_counter()
    try:
        return scorer(case, qa)
    except Exception as e:  # noqa: BLE001 - a failing case is reported, not fatal
        return DeskResult(id=case.id, kind=case.kind, lang=case.lang, correct=False, wrong=False, expected=None,
                          got=None, seconds=time.perf_counter() - t0, error=f"{type(e).__name__}: {e}")


def run_desk(qa: Any, cases: Iterable[DeskCase]) -> list[DeskResult]:
    return [r for c in cases if (r := score_desk_case(c, qa)) is not None]


def desk_files(pattern: str = DEFAULT_DESK_GLOB, root: Path | None = None) -> list[Path]:
    base = root or Path.cwd()
    return sorted(Path(p) for p in glob.glob(str(base / pattern)))


def load_all(paths: Iterable[Path]) -> list[DeskCase]:
    return [c for p in paths for c in load_desk_cases(p)]


def summarise_desk(results: list[DeskResult]) -> dict[str, dict[str, Any]]:
    """Per kind (and per kind and language): cases, accuracy, confident wrong, errors; comparisons
    also the share showing the stated rate where the case gives one."""
    out: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[DeskResult]] = {}
    for r in results:
        groups.setdefault(r.kind, []).append(r)
        groups.setdefault(f"{r.kind}/{r.lang}", []).append(r)
    for key, rs in sorted(groups.items()):
        stated = [r.stated_ok for r in rs if r.stated_ok is not None]
        out[key] = {"cases": len(rs), "accuracy": round(sum(r.correct for r in rs) / len(rs), 3),
                    "confident_wrong": sum(r.wrong for r in rs), "errors": sum(r.error is not None for r in rs),
                    "stated_rate": round(sum(stated) / len(stated), 3) if stated else None}
    return out


def render_desk(summary: dict[str, dict[str, Any]]) -> str:
    if not summary:
        return ""
    lines = [f"{'desk kind/lang':<22}{'n':>4}{'acc':>8}{'wrong':>7}{'errors':>8}{'stated rate':>13}"]
    for key, s in summary.items():
        rate = f"{s['stated_rate']:.3f}" if s["stated_rate"] is not None else "-"
        lines.append(f"{key:<22}{s['cases']:>4}{s['accuracy']:>8.3f}{s['confident_wrong']:>7}{s['errors']:>8}{rate:>13}")
    return "\n".join(lines)
