"""The decision (qa.decide) on synthetic records: fast, offline, each reason named."""

from __future__ import annotations

import dataclasses

from index.figures import parse_figures
from qa.decide import STATEMENT_SPAN, Thresholds, claim_source, decide_answer, judge, trusted
from qa.unit_fit import outmatched_percent
from tests.qa.synthetic import Corpus, chunk

T = Thresholds()
COURTS = chunk("2024年,全省法院新收知识产权案件83308件,审结88462件。", cid="courts")
OLD = chunk("2023年,全省法院新收知识产权案件80000件。", cid="old", year=2023)


def test_nothing_to_choose_from_is_not_found_with_a_reason() -> None:
    d = decide_answer([], T)
    assert d.chosen is None and "no figure" in d.reason


def test_a_clear_answer_is_chosen_with_its_lead() -> None:
    corpus = Corpus(COURTS, OLD)
    d = decide_answer(corpus.rank(corpus.frame("2024年全省法院新收知识产权案件多少件?")), T)
    assert d.chosen is not None and d.chosen.figure.text == "83308件" and "score" in d.reason


def test_a_figure_for_another_year_is_never_the_answer() -> None:
    corpus = Corpus(COURTS)
    d = decide_answer(corpus.rank(corpus.frame("2022年全省法院新收知识产权案件多少件?")), T)
    assert d.chosen is None and "another year" in d.reason


def _reranked(figs: list, scores: dict[str, float], **features: dict[str, float]) -> list:
    """The figures with the given scores and feature values (by figure text), best first: a ranking
    the synthetic corpus's wording alone would not make."""
    out = [dataclasses.replace(f, score=scores.get(f.figure.text, f.score),
                               features=f.features | features.get(f.figure.text, {})) for f in figs]
    return sorted(out, key=lambda f: -f.score)


def test_the_asked_years_statement_answers_where_another_years_outranks_it() -> None:
    # "91,000 IP cases were accepted … by courts" (2023) above 全省法院新收…83308件 (2024) on English wording
    corpus = Corpus(COURTS, OLD)
    figs = corpus.rank(corpus.frame("2024年全省法院新收知识产权案件多少件?"))
    top = max(f.score for f in figs)
    ranked = _reranked(figs, {"80000件": top + 1.0, "83308件": top}, **{"80000件": {"year": -1.0}})
    d = trusted(ranked, T, 0.0, loose=True)
    assert d.chosen is not None and d.chosen.figure.text == "83308件"
    # too far below it (STATEMENT_SPAN), or of another action (审结 for 2023's 新收), it is no such statement
    far = _reranked(figs, {"80000件": top + 1.0 + STATEMENT_SPAN + 0.5, "83308件": top}, **{"80000件": {"year": -1.0}})
    assert trusted(far, T, 0.0, loose=True).chosen is None
    other_action = _reranked(figs, {"80000件": top + 1.0, "88462件": top, "83308件": top - STATEMENT_SPAN - 1.0},
                             **{"80000件": {"year": -1.0}})
    assert trusted(other_action, T, 0.0, loose=True).chosen is None
    # a claim's source is not moved to the asked year this way (its claimed value finds its own statement)
    assert "another year" in trusted(ranked, T, 0.0, loose=True, restated_year=False).reason


def test_two_numbers_that_fit_alike_are_not_found() -> None:
    corpus = Corpus(COURTS)
    figs = corpus.rank(corpus.frame("2024年全省法院知识产权案件多少件?"))
    d = trusted(figs, T, threshold=-100.0, margin=1e9)
    assert d.chosen is None and "about equally" in d.reason


def test_a_question_the_figures_do_not_cover_is_not_found() -> None:
    corpus = Corpus(COURTS)
    d = decide_answer(corpus.rank(corpus.frame("2024年全省商标注册量是多少件?")), T)
    assert d.chosen is None


def _claim(text: str) -> tuple[Corpus, object, list]:
    corpus = Corpus(COURTS, OLD)
    frame = corpus.frame(text, "claim")
    claimed = frame.figures[0]
    return corpus, claimed, corpus.rank(frame.model_copy(update={"figures": [claimed]}))


def test_a_true_claim_is_supported_and_a_scale_error_contradicted() -> None:
    _, claimed, figs = _claim("2024年全省法院新收知识产权案件8.33万件")
    d = claim_source(claimed, figs, True, T)
    assert d.chosen is not None and judge(claimed, d.chosen, [2024], [])[0] == "supported"
    wrong = parse_figures("833万件")[0]
    verdict, why = judge(wrong, d.chosen, [2024], [])
    assert verdict == "contradicted" and "scale" in why


def test_the_other_years_figure_contradicts_a_claim_and_says_so() -> None:
    _, claimed, figs = _claim("2024年全省法院新收知识产权案件80000件")
    d = claim_source(claimed, figs, True, T)
    assert d.chosen is not None and d.chosen.figure.text == "83308件"
    other = [f for f in figs if f.year == 2023]
    verdict, why = judge(claimed, d.chosen, [2024], other)
    assert verdict == "contradicted" and "2023" in why


GUIDED = (chunk("深圳为500余家企业提供应对指导。", cid="earlier", place="shenzhen"),
          chunk("深圳为1968家涉案企业提供一对一应对指导。", cid="shenzhen", place="shenzhen"))


def test_a_figure_of_the_claimed_value_tied_with_the_best_is_the_claims_source() -> None:
    corpus = Corpus(*GUIDED)
    frame = corpus.frame("深圳为1968家企业提供了应对指导", "claim")
    claimed = frame.figures[0]
    figs = corpus.rank(frame.model_copy(update={"figures": [claimed]}))
    best = max(f.score for f in figs)
    tied = _reranked(figs, {"500余家": best + 0.01, "1968家": best})
    d = claim_source(claimed, tied, True, T, loose=True)
    assert d.chosen is not None and d.chosen.figure.text == "1968家", d.reason
    # a clear lead is the ranking's choice: the claim is then judged against it
    apart = _reranked(figs, {"500余家": best + 1.0, "1968家": best})
    d = claim_source(claimed, apart, True, T, loose=True)
    assert d.chosen is not None and d.chosen.figure.text == "500余家", d.reason


SOFTWARE = chunk("2024年,计算机软件作品登记28.27万件,占全国计算机软件著作权登记总量的10%,居全国首位。", cid="software")


def test_a_share_of_a_whole_answers_only_a_question_about_the_share() -> None:
    corpus = Corpus(SOFTWARE)
    count = decide_answer(corpus.rank(corpus.frame("2024年计算机软件著作权登记量是多少?")), T)
    share = decide_answer(corpus.rank(corpus.frame("2024年计算机软件著作权登记量占全国的比重是多少?")), T)
    assert count.chosen is not None and count.chosen.figure.text == "28.27万件"
    assert share.chosen is not None and share.chosen.figure.text == "10%"


PLAN = chunk("马德里商标累计有效注册量(件):目标值6000,完成值8862。", cid="plan", doc="gd-ip-plan-14th-fyp")


def test_a_plans_target_is_no_answer_about_its_result() -> None:
    corpus = Corpus(PLAN)
    actual = decide_answer(corpus.rank(corpus.frame("马德里商标累计有效注册量的完成值是多少(target是6000件)?")), T)
    target = decide_answer(corpus.rank(corpus.frame("马德里商标累计有效注册量的目标值是多少?")), T)
    assert actual.chosen is not None and actual.chosen.figure.text == "8862"
    assert target.chosen is not None and target.chosen.figure.text == "6000"


SEIZED = chunk("2024年,省内海关查扣侵权货物15766批次,另查获涉案物品15766件,销毁侵权商品1379.9吨。", cid="seized")


def test_a_claimed_number_in_another_unit_is_judged_against_the_figure_that_states_it() -> None:
    corpus = Corpus(SEIZED)
    for text, expected in [
        ("2024年海关查扣侵权货物15766吨", "15766批次"),  # the customs' number, the unit misreported
        # the number stated in the claimed unit too: that one is the claim's, however the words fit the other
        ("2024年海关查扣侵权货物15766件", "15766件"),
    ]:
        frame = corpus.frame(text, "claim")
        claimed = frame.figures[0]
        d = claim_source(claimed, corpus.rank(frame.model_copy(update={"figures": [claimed]})), True, T)
        assert d.chosen is not None and d.chosen.figure.text == expected, text


def test_a_percent_no_one_asked_for_is_no_rival_to_the_count() -> None:
    # "审结88462件,结收比106.19%": the ratio measures something else; the rival is the next count.
    corpus = Corpus(chunk("2024年,全省法院审结知识产权案件88462件,结收比106.19%。2024年,全省知识产权案件总数约9万件。",
                          cid="ratio"))
    by_text = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年全省法院审结的知识产权案件数量是多少?"))}
    ranked = [by_text["88462件"], by_text["106.19%"], by_text["9万件"]]
    d = trusted(ranked, T, threshold=-100.0, loose=True)
    assert d.chosen is by_text["88462件"] and d.rival is by_text["9万件"]
    # asked in percent, a percent is no unasked one: it stays a rival
    asked = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年全省法院审结知识产权案件的结收比是百分之多少?"))}
    assert not outmatched_percent(asked["106.19%"].features, by_text["88462件"].features)
    assert outmatched_percent(by_text["106.19%"].features, by_text["88462件"].features)
    # nor is it outmatched where the best figure is itself a percent no one asked for
    assert not outmatched_percent(by_text["106.19%"].features, by_text["106.19%"].features)


def test_a_sum_of_money_answers_no_question_of_how_many() -> None:
    corpus = Corpus(chunk("2024年,全省专利商标质押融资额3453.97亿元,同比增长49.74%,惠及企业5067家。", cid="pledge"))
    by_text = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年全省质押融资的项目数是多少?"))}
    assert by_text["3453.97亿元"].features["unit"] == -1.0 and by_text["5067家"].features["unit"] == 0.0
    assert by_text["49.74%"].features["unit"] == -1.0  # nor a percent
    by_text = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年全省质押融资额是多少?"))}
    assert by_text["3453.97亿元"].features["unit"] >= 0.0
