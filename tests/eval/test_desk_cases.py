"""The desk-case schema (follow-ups, comparisons, articles) and every desk set in eval/.

Every figure's evidence must be an exact substring of its source file, so a case cannot point
at text the corpus lacks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.desk_schema import DeskCase, load_desk_cases

ROOT = Path(__file__).resolve().parents[2]
DESK_FILES = sorted((ROOT / "eval").glob("*/desk-*.jsonl"))

FIG = {"answer": "83308件", "value": 83308.0, "unit": "件", "year": 2024,
       "source": "gd-ip-protection-2024.txt", "evidence": "知识产权案件83308件"}


def _case(**kw: object) -> dict[str, object]:
    return {"id": "x-1", "lang": "zh", **kw}


@pytest.mark.parametrize("payload", [
    _case(kind="followup", turns=["2024年法院新收多少件?", "那2023年呢?"], resolved="2023年法院新收多少件?",
          expected=FIG),
    _case(kind="followup", turns=["a?", "b?"], resolved="b", expected=None),
    _case(kind="comparison", question="变化多少?", before=FIG, after=FIG, stated_change_pct=None),
    _case(kind="article", article="法院新收83308件。天气很好。",
          claims=[{"sentence": "法院新收83308件。", "verdict": "supported", "source_figure": FIG}]),
])
def test_valid_shapes(payload: dict[str, object]) -> None:
    DeskCase.model_validate(payload)


@pytest.mark.parametrize("payload, problem", [
    (_case(kind="followup", turns=["only one"], resolved="x", expected=None), "2 to 4"),
    (_case(kind="followup", turns=["a", "b"], resolved="b", expected=None, question="q"), "no 'question'"),
    (_case(kind="comparison", question="q", before=FIG, after=None), "needs 'after'"),
    (_case(kind="article", article="abc", claims=[{"sentence": "zzz", "verdict": "not_found",
                                                    "source_figure": None}]), "not in the article"),
    (_case(kind="article", article="abc", claims=[{"sentence": "abc", "verdict": "supported",
                                                    "source_figure": None}]), "source_figure"),
    (_case(kind="comparison", question="q", before={**FIG, "unit": "apples"}, after=FIG), "UNITS"),
])
def test_bad_shapes_name_the_problem(payload: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        DeskCase.model_validate(payload)


@pytest.mark.parametrize("path", DESK_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_desk_set_is_valid_and_grounded(path: Path) -> None:
    cases = load_desk_cases(path)
    assert len({c.id for c in cases}) == len(cases), "duplicate ids"
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    for c in cases:
        figs = [c.expected, c.before, c.after] + [cl.source_figure for cl in c.claims or []]
        for f in figs:
            if f is not None:
                assert f.source in texts, f"{c.id}: unknown source {f.source}"
                assert f.evidence in texts[f.source], f"{c.id}: evidence not in {f.source}: {f.evidence[:40]}"


def test_a_bad_line_names_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "desk-x.jsonl"
    p.write_text(json.dumps(_case(kind="followup", turns=["a"], resolved="a", expected=None)) + "\n",
                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"desk-x.jsonl:1"):
        load_desk_cases(p)
