"""The fitted bars (eval.calibrate.fit): chosen by the upper bound, per risk, and printed by `qa eval`."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eval.bounds import upper_per_100
from eval.calibrate import RISKS, fit, fitted_files
from eval.report import render_risk_coverage, render_shipped_bars
from eval.scorer import CaseResult, risk_coverage
from qa.calibration import FEATURES, Calibration

pytest.importorskip("sklearn")


def _rows(n: int, seed: int = 3) -> list[tuple[dict[str, float], int]]:
    """Choices whose score says how likely they are right, with a few sure-looking wrong ones."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        score = rng.uniform(0, 10)
        right = int(rng.random() < score / 10) if i % 50 else 0
        rows.append(({f: (score if f == "score" else rng.random()) for f in FEATURES}, right))
    return rows


def test_each_risk_s_bar_keeps_the_bound_of_its_cross_validated_wrong_rate_within_it() -> None:
    model, info = fit(_rows(400), 500)
    assert [row.risk for row in model.cv] == list(RISKS) and info["rows"] == 400
    for row in model.cv:
        assert row.upper_per_100 <= row.risk or row.answered == 0
        assert row.upper_per_100 == pytest.approx(upper_per_100(row.wrong, 500), abs=1e-3)
        assert model.bars[f"{row.risk:g}"] == row.bar
    bars = [model.bars[f"{r:g}"] for r in RISKS]
    assert bars == sorted(bars, reverse=True)  # a higher risk never asks more


def test_the_shipped_bars_and_the_bound_are_printed() -> None:
    model, _ = fit(_rows(400), 500)
    cal = Calibration(answer=model, claim=model, fitted_on=["eval/dev/x.jsonl"], bar_rule="the rule")
    text = render_shipped_bars(cal, 1.0)
    assert "the rule" in text and "answers: bar" in text and "at most" in text
    results = [CaseResult(id=f"c{i}", kind="lookup" if i % 2 else "claim_true", lang="zh", question="q",
                          expected=None, got=None, got_value=None, got_unit=None, correct=bool(i % 3),
                          figure_correct=None, citation_correct=None, abstained=False,
                          confidence=i / 10, choice_correct=bool(i % 3)) for i in range(10)]
    table = risk_coverage(results)
    assert {"all", "answers", "claims", "lookup", "claim_true"} <= set(table)
    first = table["all"][0]  # bar 0: every choice given, 4 of 10 wrong (0, 3, 6, 9)
    assert first["wrong_per_100"] == 40.0 and first["upper_per_100"] == pytest.approx(upper_per_100(4, 10), abs=0.01)
    assert "≤" in render_risk_coverage(table)


def test_sets_left_out_of_the_fit_are_not_fitted_on(tmp_path: Path) -> None:
    for name in ("users-a.jsonl", "users-s.jsonl", "claims-s.jsonl", "desk-a.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in fitted_files(tmp_path)] == ["claims-s.jsonl", "users-a.jsonl", "users-s.jsonl"]
    assert [p.name for p in fitted_files(tmp_path, "*-s.jsonl")] == ["users-a.jsonl"]
