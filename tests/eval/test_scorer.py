"""`qa eval` on a maintainer's private cases file: odd cases are reported, not fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from eval.scorer import CaseResult, check_thresholds, diff_runs, summarise
from index.settings import PROJECT_ROOT


def _result(id_: str, correct: bool, kind: str = "lookup") -> CaseResult:
    return CaseResult(id=id_, kind=kind, lang="zh", question="q", expected="1件", got="1件" if correct else None,
                      got_value=1.0 if correct else None, got_unit="件", correct=correct, figure_correct=correct,
                      citation_correct=correct, abstained=not correct, rank=1 if correct else None)


def test_diff_names_broken_and_fixed_cases():
    previous = {"cases": [{"id": "a", "correct": True}, {"id": "b", "correct": False}, {"id": "c", "correct": True}]}
    diff = diff_runs(previous, [_result("a", False), _result("b", True), _result("c", True)])
    assert diff == {"broke": ["a"], "fixed": ["b"]}


def _verdict(id_: str, expected: str, got: str, on_source: bool) -> CaseResult:
    kind = "claim_true" if expected == "supported" else "claim_false"
    return CaseResult(id=id_, kind=kind, lang="zh", question="q", expected=expected, got=got, got_value=2.0,
                      got_unit="件", correct=expected == got, figure_correct=on_source, citation_correct=on_source,
                      abstained=got == "not_found", verdict=got)


def test_right_verdicts_are_counted_apart_when_they_cite_another_sentence():
    # a contradiction "by" a neighbour's figure is right by luck: counted in the verdicts, not on source
    summary = summarise([_verdict("a", "contradicted", "contradicted", True),
                         _verdict("b", "contradicted", "contradicted", False),
                         _verdict("c", "supported", "contradicted", False),
                         _verdict("d", "supported", "not_found", False)])
    h = summary["headline"]
    assert h["claim_verdict_accuracy"] == 0.5 and h["right_verdicts_on_source"] == 0.5


def test_thresholds_fail_below_minimum_and_above_maximum():
    summary = summarise([_result("a", True), _result("b", False)])
    h = summary["headline"]
    assert h["accuracy"] == 0.5 and h["hit@1"] == 0.5
    assert check_thresholds(h, {"accuracy": 0.5, "errors_max": 0}) == []
    failures = check_thresholds(h, {"accuracy": 0.6, "wrong_figure_answers_max": -1, "_comment": 1})
    assert len(failures) == 2 and "accuracy" in failures[0]


@pytest.mark.integration
def test_private_cases_file_with_unknown_source_and_bad_line(tmp_path):
    cases = [
        {"id": "p1", "lang": "zh", "kind": "lookup", "question": "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?",
         "answer": "1265件", "value": 1265, "unit": "件", "verdict": None, "source": "gd-ip-protection-2024.txt",
         "evidence": "批准逮捕侵犯知识产权犯罪案件1265件"},
        {"id": "p2", "lang": "en", "kind": "lookup", "question": "How many cases in the Hainan report?",
         "answer": "12件", "value": 12, "unit": "件", "verdict": None, "source": "hainan-2024.txt",
         "evidence": "12件"},
    ]
    path = tmp_path / "private.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n{not json}\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "qa", "eval", "--cases", str(path), "--json", "--no-write"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["headline"]["cases"] == 2
    assert "not a valid case" in out.stderr
    assert report["by_kind_lang"]["lookup/zh"]["accuracy"] == 1.0
    assert report["by_kind_lang"]["lookup/en"]["accuracy"] == 0.0


@pytest.mark.parametrize(("got", "expected", "ok"), [
    ("件", "件", True), ("起", "件", True), ("宗", "件", True), ("名", "人", True), ("所", "家", True),
    ("批", "批次", True), ("", "件", True),
    ("人次", "人", False), ("美元", "元", False), ("件", "人", False), ("项", "件", False), ("%", "件", False),
])
def test_scorer_units_are_its_own(got: str, expected: str, ok: bool) -> None:
    from eval.scorer import same_unit

    assert same_unit(got, expected) is ok
