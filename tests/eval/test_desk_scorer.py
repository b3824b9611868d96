"""The desk scorer on a fake QA and fixtures of its own (eval/test is never read)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.desk_schema import DeskCase
from eval.desk_scorer import (
    SCORERS,
    desk_files,
    load_all,
    render_desk,
    run_desk,
    score_desk_case,
    summarise_desk,
)
from qa.types import Answer, ChatTurn, Citation, Comparison, FigureOut, YearFigure

FIG_2024 = {"answer": "83308件", "value": 83308.0, "unit": "件", "year": 2024,
            "source": "gd-ip-protection-2024.txt", "evidence": "知识产权案件83308件"}
FIG_2023 = {"answer": "9.1萬件", "value": 91000.0, "unit": "件", "year": 2023,
            "source": "gd-ip-protection-2023.txt", "evidence": "知識產權案件9.1萬件"}
CITE = Citation(source="s.txt", doc_id="d", title="t", year=2024, section="", lang="zh", quote="q", start=0, end=1)


def _case(**kw: Any) -> DeskCase:
    return DeskCase.model_validate({"id": "c-1", "lang": "zh", **kw})


def _answer(question: str, figure: FigureOut | None = None, comparison: Comparison | None = None,
            status: str | None = None) -> Answer:
    answered = figure is not None or (comparison is not None and comparison.from_ is not None)
    return Answer(question=question, lang="zh", status=status or ("answered" if answered else "not_found"),
                  answer="", figure=figure, citations=[CITE] if answered else [], comparison=comparison)


def _year(year: int, value: float, text: str) -> YearFigure:
    return YearFigure(year=year, figure=FigureOut(text=text, value=value, unit="件"), normalized=text, citation=CITE)


class FakeQA:
    """Answers from a table: the last turn's figure for each conversation, a comparison per question."""

    def __init__(self, chat: dict[str, Answer] | None = None, ask: dict[str, Answer] | None = None) -> None:
        self._chat, self._ask = chat or {}, ask or {}
        self.histories: list[list[str]] = []

    def chat(self, question: str, history: list[str]) -> ChatTurn:
        self.histories.append(list(history))
        a = self._chat.get(question) or _answer(question)
        return ChatTurn(**a.model_dump(), resolved_question=f"resolved {question}", assumed="")

    def ask(self, question: str) -> Answer:
        if question == "boom":
            raise RuntimeError("the index broke")
        return self._ask.get(question) or _answer(question)


FOLLOWUP = {"kind": "followup", "turns": ["2024年法院新收多少件?", "那2023年呢?"],
            "resolved": "2023年法院新收多少件?", "expected": FIG_2023}


@pytest.mark.parametrize(("got", "correct", "wrong"), [
    (FigureOut(text="9.1萬件", value=91000, unit="件"), True, False),
    (FigureOut(text="91,000", value=91000, unit=""), True, False),  # English often gives no unit
    (FigureOut(text="83308件", value=83308, unit="件"), False, True),  # the other year's: confident wrong
    (FigureOut(text="9.1万人", value=91000, unit="人"), False, True),
    (None, False, False),  # not found: not right, not wrong
])
def test_followup_is_judged_on_the_last_turn(got: FigureOut | None, correct: bool, wrong: bool) -> None:
    qa = FakeQA(chat={"那2023年呢?": _answer("那2023年呢?", got)})
    r = score_desk_case(_case(**FOLLOWUP), qa)
    assert r is not None and (r.correct, r.wrong) == (correct, wrong)
    assert qa.histories == [[], ["2024年法院新收多少件?"]]  # each turn sees the ones before it
    assert r.resolved == "resolved 那2023年呢?"


def test_followup_with_nothing_to_find_is_right_when_not_found() -> None:
    case = _case(**{**FOLLOWUP, "expected": None})
    assert score_desk_case(case, FakeQA()).correct  # type: ignore[union-attr]
    qa = FakeQA(chat={"那2023年呢?": _answer("x", FigureOut(text="1件", value=1, unit="件"))})
    r = score_desk_case(case, qa)
    assert r is not None and not r.correct and r.wrong


def test_followup_that_compares_is_judged_on_the_larger_figure() -> None:
    cmp = Comparison(years=[2023, 2024], from_=_year(2023, 91000, "9.1萬件"), to=_year(2024, 83308, "83308件"))
    case = _case(**{**FOLLOWUP, "turns": ["2024年法院新收多少件?", "哪一年更多?"]})
    r = score_desk_case(case, FakeQA(chat={"哪一年更多?": _answer("q", comparison=cmp)}))
    assert r is not None and r.correct


COMPARISON = {"kind": "comparison", "question": "2024年比2023年法院新收变化多少?", "before": FIG_2023,
              "after": FIG_2024, "stated_change_pct": -8.54}


@pytest.mark.parametrize(("comparison", "correct", "wrong", "stated"), [
    (Comparison(years=[2023, 2024], from_=_year(2023, 91000, "9.1萬件"), to=_year(2024, 83308, "83308件"),
                change=-7692, change_pct=-8.45, stated_change_pct=-8.54, stated_agrees=True), True, False, True),
    (Comparison(years=[2023, 2024], from_=_year(2023, 91000, "9.1萬件"), to=_year(2024, 83308, "83308件"),
                change=-7692, change_pct=-8.45), True, False, False),  # right figures, the stated rate not shown
    (Comparison(years=[2023, 2024], from_=_year(2023, 83308, "83308件"), to=_year(2024, 91000, "9.1萬件"),
                change=7692, change_pct=9.2), False, True, False),  # the years swapped: confident wrong
    (Comparison(years=[2023, 2024], missing=[2023]), False, False, None),  # honest: 2023 not found
    (None, False, False, None),
])
def test_comparison_needs_both_figures(comparison: Comparison | None, correct: bool, wrong: bool,
                                       stated: bool | None) -> None:
    qa = FakeQA(ask={COMPARISON["question"]: _answer("q", comparison=comparison)})
    r = score_desk_case(_case(**COMPARISON), qa)
    assert r is not None and (r.correct, r.wrong, r.stated_ok) == (correct, wrong, stated)


def test_a_failing_case_is_reported_not_raised() -> None:
    r = score_desk_case(_case(**{**COMPARISON, "question": "boom"}), FakeQA())
    assert r is not None and not r.correct and r.error is not None and "index broke" in r.error


def test_kinds_without_a_scorer_are_left_out_and_the_dispatch_is_by_kind() -> None:
    article = _case(kind="article", article="法院新收83308件。",
                    claims=[{"sentence": "法院新收83308件。", "verdict": "supported", "source_figure": FIG_2024}])
    assert score_desk_case(article, FakeQA()) is None
    assert set(SCORERS) == {"followup", "comparison"}
    assert len(run_desk(FakeQA(), [article, _case(**FOLLOWUP)])) == 1


def test_summary_per_kind_and_language(tmp_path: Path) -> None:
    lines = [{"id": "f-1", "lang": "zh", **FOLLOWUP}, {"id": "f-2", "lang": "en", **FOLLOWUP},
             {"id": "c-1", "lang": "zh", **COMPARISON}]
    folder = tmp_path / "eval" / "dev"
    folder.mkdir(parents=True)
    (folder / "desk-mine.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                                            encoding="utf-8")
    (folder / "other.jsonl").write_text("", encoding="utf-8")
    paths = desk_files("eval/dev/desk-*.jsonl", tmp_path)
    assert [p.name for p in paths] == ["desk-mine.jsonl"]
    qa = FakeQA(chat={"那2023年呢?": _answer("q", FigureOut(text="9.1萬件", value=91000, unit="件"))})
    summary = summarise_desk(run_desk(qa, load_all(paths)))
    assert summary["followup"] == {"cases": 2, "accuracy": 1.0, "confident_wrong": 0, "errors": 0,
                                   "stated_rate": None}
    assert summary["comparison"]["accuracy"] == 0.0 and summary["followup/en"]["cases"] == 1
    text = render_desk(summary)
    assert "followup" in text and "comparison/zh" in text


@pytest.mark.integration
def test_qa_eval_prints_the_desk_lines_on_the_real_index(tmp_path: Path) -> None:
    import subprocess
    import sys

    from index.settings import PROJECT_ROOT

    cases = tmp_path / "one.jsonl"
    cases.write_text((PROJECT_ROOT / "eval" / "dev" / "own.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "qa", "eval", "--cases", str(cases), "--no-write", "--no-check",
                           "--json", "--desk", "tests/eval/desk_fixture.jsonl"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    desk = json.loads(done.stdout)["desk"]
    assert desk["followup"]["cases"] == 2 and desk["comparison"]["cases"] == 1
    assert desk["followup"]["accuracy"] == 1.0 and desk["comparison"]["accuracy"] == 1.0
    assert desk["comparison"]["stated_rate"] == 1.0
