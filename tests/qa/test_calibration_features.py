"""The calibrated decision's features of where the chosen figure stands (qa.calibration.features)."""

from __future__ import annotations

from qa.calibration import FEATURES, features
from qa.decide import Thresholds, trusted
from tests.qa.synthetic import Corpus, chunk


def _loose(corpus: Corpus, question: str):  # type: ignore[no-untyped-def]
    d = trusted(corpus.rank(corpus.frame(question)), Thresholds(), 0.0, loose=True)
    assert d.chosen is not None
    return d


def test_a_rival_in_the_chosen_figure_s_own_sentence() -> None:
    # the total and, beside it, its sub-categories
    corpus = Corpus(chunk("2024年,全省办理专利侵权纠纷案件10445件,其中行政裁决类1433件,出具维权意见类9012件。", cid="c"))
    d = _loose(corpus, "2024年全省办理专利侵权纠纷案件多少件?")
    x = features(d.chosen, d.rival, 0.0)
    assert set(x) == set(FEATURES)
    assert d.chosen.figure.text == "10445件" and d.rival is not None and d.rival.figure.text == "1433件"
    assert x["rival_same_sentence"] == 1.0
    assert x["lead_precision"] == x["lead"] * x["precision"] > 0


def test_a_rival_in_another_paper_is_no_sibling() -> None:
    corpus = Corpus(chunk("2024年,全省法院新收知识产权案件83308件。", cid="a"),
                    chunk("2023年,全省法院新收知识产权案件9.1万件。", cid="b", year=2023, doc="other"))
    d = _loose(corpus, "全省法院新收知识产权案件多少件?")
    x = features(d.chosen, d.rival, 0.0)
    assert d.rival is not None and x["rival_same_sentence"] == 0.0


def test_a_lone_candidate_s_lead_counts_as_far_as_its_clause_is_about_the_question() -> None:
    corpus = Corpus(chunk("2023年,全市办理商标行政处罰案件1568宗,罚没金额2756.68万元。", cid="c", year=2023))
    d = _loose(corpus, "2023年全市侵权假冒案件罚没金额多少万元?")
    x = features(d.chosen, None, 0.0)
    assert x["lead"] == 5.0 and x["lead_precision"] == 5.0 * x["precision"] < 5.0


def test_the_fines_of_trademark_cases_answer_nothing_about_patent_cases() -> None:
    # the kind of IP is its list's (index.ip_kinds), though the fines' own words name none
    corpus = Corpus(chunk("2023年,全市办理商标行政处罰案件1568宗,罚没金额2756.68万元。", cid="c", year=2023))
    d = trusted(corpus.rank(corpus.frame("2023年全市专利侵权案件罚没金额多少万元?")), Thresholds(), 0.0, loose=True)
    assert d.chosen is None and "differently qualified" in d.reason


def test_a_claim_s_features_weigh_a_contradiction_by_its_metric_and_note_assumed_context() -> None:
    from qa.calibration import CLAIM_FEATURES, claim_features

    source = {"precision": 0.4, "metric": 0.5}
    against = claim_features(False, frozenset({"year", "agency"}), source)
    assert set(against) == {"supported", *CLAIM_FEATURES}
    assert against["supported"] == 0.0 and against["contra_precision"] == 0.4 and against["contra_metric"] == 0.5
    assert against["assumed_year"] == 1.0 and against["assumed_other"] == 1.0
    # a supported figure's value is its own evidence: the metric terms are for contradictions only
    for_it = claim_features(True, frozenset({"place"}), source)
    assert for_it["contra_precision"] == for_it["contra_metric"] == 0.0
    assert for_it["assumed_year"] == 0.0 and for_it["assumed_other"] == 1.0
    # whether the corpus states the contradicted value for anything: of contradictions only
    assert against["contra_stated"] == 0.0
    assert claim_features(False, frozenset(), source, stated_elsewhere=True)["contra_stated"] == 1.0
    assert claim_features(True, frozenset(), source, stated_elsewhere=True)["contra_stated"] == 0.0


def test_a_count_of_inspections_is_no_answer_to_how_many_there_are_at_a_date() -> None:
    corpus = Corpus(chunk("全省共抽查110家专利代理机构、819家商标代理机构。", cid="c"))
    at_date = trusted(corpus.rank(corpus.frame("截至2024年底,全省有多少家专利代理机构?")), Thresholds(), 0.0,
                      loose=True)
    assert at_date.chosen is None and "at the date asked" in at_date.reason
    asked = _loose(corpus, "2024年全省抽查了多少家专利代理机构?")
    assert asked.chosen.figure.text == "110家"


def test_a_figure_s_own_rate_of_change_is_no_rival_to_it() -> None:
    # 8.54% says how 83308件 moved: no other reading of the question
    corpus = Corpus(chunk("2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;审结88462件。", cid="c"))
    d = _loose(corpus, "2024年全省法院新收知识产权案件情况")
    assert d.chosen.figure.text == "83308件" and d.rival is None
    assert features(d.chosen, d.rival, 0.0)["lead"] == 5.0
