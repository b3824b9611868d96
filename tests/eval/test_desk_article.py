"""Scoring article cases (eval.desk_article) on a fake QA whose sentences and verdicts are set."""

from __future__ import annotations

import pytest

from eval.desk_article import article_lines, score_article_case, summarise_articles
from eval.desk_schema import DeskCase
from qa.article import check_article
from qa.frame import QueryFrame
from qa.types import Check, FigureOut, Verdict

SRC = {"answer": "83308件", "value": 83308.0, "unit": "件", "year": 2024, "source": "gd-ip-protection-2024.txt",
       "evidence": "知识产权案件83308件"}
TRUE = "2024年,全省法院新收各类知识产权案件83308件。"
FALSE = "2024年,全省法院新收各类知识产权案件93308件。"
ABSENT = "2024年全省共有知识产权纠纷人民调解员3200名。"
NONE = "记者从省知识产权局获悉,广东知识产权保护工作取得新进展。"
ARTICLE = TRUE + FALSE + ABSENT + NONE


def case(**claims: str) -> DeskCase:
    """An article case whose expected verdicts are given by sentence (default: the true ones)."""
    expected = {TRUE: "supported", FALSE: "contradicted", ABSENT: "not_found", **claims}
    listed = [{"sentence": s, "verdict": v, "source_figure": None if v == "not_found" else SRC}
              for s, v in expected.items() if v != "-"]
    return DeskCase.model_validate({"id": "a-1", "lang": "zh", "kind": "article", "article": ARTICLE,
                                    "claims": listed})


class FakeQA:
    """check_article as the product runs it, with a verifier whose verdict per sentence is set."""

    def __init__(self, verdicts: dict[str, str], found: float = 83308.0, fail: bool = False) -> None:
        self.verdicts, self.found, self.fail = verdicts, found, fail

    def _verify(self, frame: QueryFrame) -> Verdict:
        label = self.verdicts.get(frame.text, "not_found")
        f = frame.figures[0]
        claimed = FigureOut(text=f.text, value=f.value, unit=f.unit)
        found = None if label == "not_found" else FigureOut(text="83308件", value=self.found, unit="件")
        return Verdict(claim=frame.text, lang="zh", verdict=label, claimed=claimed, found=found,  # type: ignore[arg-type]
                       explanation="", citations=[],
                       checks=[Check(claimed=claimed, found=found, verdict=label, explanation="",  # type: ignore[arg-type]
                                     citations=[])])

    def check_article(self, text: str):  # type: ignore[no-untyped-def]
        if self.fail:
            raise RuntimeError("index gone")
        return check_article(text, None, self._verify)


RIGHT = {TRUE: "supported", FALSE: "contradicted"}


def test_all_verdicts_right() -> None:
    r = score_article_case(case(), FakeQA(RIGHT))
    assert [c.correct for c in r.claims] == [True, True, True]
    assert [c.figure_correct for c in r.claims] == [True, True, None]
    assert r.extra == [] and r.confident_wrong == 0 and r.error is None


def test_a_false_claim_called_true_is_wrong_and_confident() -> None:
    r = score_article_case(case(), FakeQA({TRUE: "supported", FALSE: "supported"}))
    assert [c.got for c in r.claims] == ["supported", "supported", "not_found"]
    assert [c.correct for c in r.claims] == [True, False, True]
    assert r.confident_wrong == 1


def test_the_wrong_source_figure_is_reported_apart() -> None:
    r = score_article_case(case(), FakeQA(RIGHT, found=1265.0))
    assert all(c.correct for c in r.claims)
    assert r.claims[0].figure_correct is False


def test_a_listed_claim_the_checker_skipped_is_wrong() -> None:
    # The case lists the no-figure sentence as a claim (say, of a figure the checker cannot read):
    # skipping it is not an answer.
    r = score_article_case(case(**{NONE: "not_found"}), FakeQA(RIGHT))
    assert r.claims[-1].got == "skipped" and not r.claims[-1].correct


def test_a_sentence_not_listed_but_judged_is_an_extra_claim() -> None:
    r = score_article_case(case(**{ABSENT: "-"}), FakeQA({**RIGHT, ABSENT: "contradicted"}))
    assert len(r.claims) == 2 and all(c.correct for c in r.claims)
    assert r.extra == [(ABSENT, "contradicted")] and r.confident_wrong == 0  # reported apart


def test_a_claim_the_checker_splits_in_two_takes_the_worst_verdict() -> None:
    text = TRUE + "审结88462件。"
    c = DeskCase.model_validate({"id": "a-2", "lang": "zh", "kind": "article", "article": text,
                                 "claims": [{"sentence": text, "verdict": "supported", "source_figure": SRC}]})
    assert score_article_case(c, FakeQA({TRUE: "supported", "审结88462件。": "supported"})).claims[0].correct
    r = score_article_case(c, FakeQA({TRUE: "supported"}))
    assert r.claims[0].got == "not_found" and not r.claims[0].correct


def test_an_error_makes_every_claim_wrong_and_is_recorded() -> None:
    r = score_article_case(case(), FakeQA(RIGHT, fail=True))
    assert r.error == "RuntimeError: index gone"
    assert [c.got for c in r.claims] == ["missing"] * 3


def test_summary_and_lines() -> None:
    results = [score_article_case(case(), FakeQA(RIGHT)),
               score_article_case(case(), FakeQA({TRUE: "supported", FALSE: "supported"}))]
    s = summarise_articles(results)
    assert (s["cases"], s["claims"], s["cases_all_right"]) == (2, 6, 1)
    assert s["accuracy"] == pytest.approx(5 / 6)
    assert s["by_verdict"]["contradicted"] == {"n": 2, "accuracy": 0.5}
    assert s["confident_wrong_per_100"] == pytest.approx(100 / 6)
    lines = article_lines(s)
    assert lines[0].startswith("article: 6 claim sentences in 2 articles: accuracy 0.833")
    assert article_lines(summarise_articles([])) == ["article: no cases"]
