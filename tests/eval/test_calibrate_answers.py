"""The answer calibration's rows (eval.calibrate.answer_rows) are the product's own choices, on the real index."""

from __future__ import annotations

import pytest

from eval.calibrate import answer_rows
from eval.schema import EvalCase
from index.settings import Settings
from qa.api import QA

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return QA.load(Settings.from_env())


def _case(question: str, kind: str = "lookup", value: float | None = 14000.0) -> EvalCase:
    given = value is not None
    return EvalCase(id="t", lang="zh", kind=kind, question=question, answer="1.40万件" if given else None,  # type: ignore[arg-type]
                    value=value, unit="件" if given else None, verdict=None,
                    source="gd-ip-protection-2023.txt" if given else None, evidence="共新收1.40万件" if given else None)


def test_a_two_digit_year_is_read_as_the_product_reads_it(qa: QA) -> None:
    # qa._analyse("23年…") names no year; the product reads 2023 (qa.conversation), and so does the row
    rows = answer_rows(qa, _case("广州知识产权法院23年自己新收了多少案子?"))
    assert len(rows) == 1
    x, right = rows[0]
    assert x["year"] == 1.0 and right == 1


def test_the_row_is_labelled_by_the_case_and_none_is_made_without_a_figure(qa: QA) -> None:
    rows = answer_rows(qa, _case("广州知识产权法院23年自己新收了多少案子?", value=99.0))
    assert [r[1] for r in rows] == [0]
    # whatever the rules let through for a question the documents do not answer is wrong
    assert [r[1] for r in answer_rows(qa, _case("2024年广东的人口有多少?", kind="unanswerable", value=None))] in ([], [0])
    # the rules leave nothing for a year the documents do not report: no choice, no row
    assert answer_rows(qa, _case("2022年全省法院新收知识产权案件多少件?", kind="unanswerable", value=None)) == []
