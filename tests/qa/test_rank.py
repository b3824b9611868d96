"""Scoring figure records against a query frame (qa.rank), on synthetic records: fast, offline."""

from __future__ import annotations

import pytest

from qa.rank import RerankWeights, known_weight, score_figure
from tests.qa.synthetic import Corpus, chunk

COURTS = chunk("2024年,全省法院新收知识产权案件83308件,审结88462件。", cid="courts")
PATENTS = chunk("2024年,全省专利授权量56.6万件,其中发明专利授权量11.6万件。", cid="patents")
CITY = chunk("2024年,深圳海关查扣侵权货物5822批次。", cid="city")
OLD = chunk("2023年,全省法院新收知识产权案件80000件。", cid="old", year=2023)


def test_the_asked_year_wins_over_the_other_years_figure() -> None:
    corpus = Corpus(COURTS, OLD)
    figs = corpus.rank(corpus.frame("2023年全省法院新收知识产权案件多少件?"))
    assert figs[0].figure.text == "80000件"
    assert next(f for f in figs if f.figure.text == "83308件").features["year"] == -1.0


def test_a_figure_whose_own_action_is_not_asked_is_marked_down() -> None:
    corpus = Corpus(COURTS)
    figs = corpus.rank(corpus.frame("2024年全省法院新收知识产权案件多少件?"))
    assert figs[0].figure.text == "83308件"
    concluded = next(f for f in figs if f.figure.text == "88462件")
    assert concluded.features["unasked_action"] == -1.0


@pytest.mark.parametrize(("question", "intake", "concluded"), [
    # naming no action and using neither verb: both figures are unasked alike
    ("2024年全省审判机关已经了结的知识产权诉讼有多少?", -1.0, -1.0),
    # the intake's own verb (新收) in the question: the first figure's action is asked
    ("2024年全省法院新收知识产权案件多少件?", 0.0, -1.0),
    # an action named in other words (办结 for 审结): the conclusion's is asked; the intake's conflicts
    # with it (a gate, action_conflict), not an unasked one
    ("2024年全省法院办结知识产权案件多少件?", 0.0, 0.0),
])
def test_the_first_figures_action_is_unasked_where_the_question_names_none(
        question: str, intake: float, concluded: float) -> None:
    corpus = Corpus(COURTS)
    figs = {f.figure.text: f for f in corpus.rank(corpus.frame(question))}
    assert figs["83308件"].features["unasked_action"] == intake
    assert figs["88462件"].features["unasked_action"] == concluded


def test_a_qualified_metric_is_no_answer_to_the_plain_one_and_back() -> None:
    corpus = Corpus(PATENTS)
    plain = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年全省专利授权量是多少?"))}
    assert plain["11.6万件"].features["qualifier"] == -1.0 and plain["56.6万件"].features["qualifier"] == 0.0
    invention = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年发明专利授权量是多少?"))}
    assert invention["11.6万件"].features["qualifier"] == 0.0


def test_a_question_about_a_city_rules_out_the_provinces_figure() -> None:
    corpus = Corpus(COURTS, CITY)
    figs = corpus.rank(corpus.frame("2024年广州海关查扣了多少批次侵权货物?"))
    assert all(f.features["other_place"] == -1.0 for f in figs)
    figs = corpus.rank(corpus.frame("2024年深圳海关查扣了多少批次侵权货物?"))
    assert figs[0].figure.text == "5822批次" and figs[0].features["other_place"] == 0.0


def test_a_unit_the_question_does_not_ask_for_scores_minus_one() -> None:
    corpus = Corpus(CITY)
    frame = corpus.frame("2024年深圳海关查扣侵权货物的货值是多少钱?")
    assert corpus.rank(frame)[0].features["unit"] == -1.0


def test_the_score_is_the_weighted_sum_of_the_features() -> None:
    corpus = Corpus(COURTS)
    frame = corpus.frame("2024年全省法院新收知识产权案件多少件?")
    rec = corpus.records[0]
    w = RerankWeights()
    score, f = score_figure(frame, rec, 1.0, lambda t: 1.0, w)
    weights = {k: getattr(w, k) for k in w.__dataclass_fields__}
    assert abs(score - sum(weights[k] * v for k, v in f.items() if k in weights)) < 1e-9
    # gates, and evidence for the calibrated decision, not weights
    assert set(f) - set(weights) == {"known_context", "agency", "action", "event_count", "counted", "unstated_change", "other_item",
                                     "unasked_share", "unasked_level", "plan", "restated", "ungapped",
                                     "guessed_unit", "partner"}


def test_question_words_no_sentence_uses_weigh_nothing_in_coverage() -> None:
    # "听说 … 到底" are words the corpus never uses: with a corpus IDF that knows only the
    # sentence's words, the figure covers the whole of what can be covered.
    corpus = Corpus(COURTS)
    frame = corpus.frame("听说2024年全省法院到底新收知识产权案件多少件?")
    rec = next(r for r in corpus.records if r.text == "83308件")
    vocabulary = set(rec.metric_tokens) | set(rec.context_tokens)

    def corpus_idf(t: str) -> float:
        return 1.0 if t in vocabulary else 0.0

    _, flat = score_figure(frame, rec, 1.0, lambda t: 1.0, RerankWeights())
    _, known = score_figure(frame, rec, 1.0, lambda t: 1.0, RerankWeights(), corpus_idf=corpus_idf)
    assert known["metric"] > flat["metric"]
    assert known["context"] == 1.0


def test_an_unknown_word_the_glossary_translates_still_counts() -> None:
    # "court" is in no English sentence here, but the glossary translates it into the Chinese
    # sentences' words: it keeps its weight; a word nothing translates and no sentence uses does not.
    corpus = Corpus(COURTS)
    frame = corpus.frame("How many new IP cases did Guangdong courts accept in 2024?")
    assert frame.terms is not None and "court" in frame.terms.glossed
    weight = known_weight(lambda t: 0.0, lambda t: 2.5, frame.terms.translatable | frame.terms.glossed)
    assert weight("court") == 2.5
    assert weight("sitting") == 0.0


# The courts' and the prosecutors' 受理 share every word but the agency (issue 13: "广东法院…收了多少案子").
COURTS_AND_PROSECUTORS = chunk("2024年,全省检察机关受理知识产权民事监督案件228件;全省法院受理知识产权案件83308件。",
                               cid="two")


@pytest.mark.parametrize(("question", "expected"), [
    ("2024年广东法院受理了多少知识产权案件?", "83308件"),
    ("2024年全省法院一共受理知识产权案件多少件?", "83308件"),
    ("2024年广东检察机关受理了多少知识产权案件?", "228件"),
])
def test_the_figure_whose_clause_names_the_asked_agency_ranks_first(question: str, expected: str) -> None:
    corpus = Corpus(COURTS_AND_PROSECUTORS)
    figs = corpus.rank(corpus.frame(question))
    assert figs[0].figure.text == expected
    assert figs[0].features["role_match"] >= 1.0


@pytest.mark.parametrize("role_match", [0.0, 0.5, 2.0])
def test_role_agreement_adds_its_weight_to_the_score(role_match: float) -> None:
    corpus = Corpus(COURTS)
    frame = corpus.frame("2024年全省法院新收知识产权案件多少件?")
    base, f = score_figure(frame, corpus.records[0], 1.0, lambda t: 1.0, RerankWeights(role_match=0.0))
    score, _ = score_figure(frame, corpus.records[0], 1.0, lambda t: 1.0, RerankWeights(role_match=role_match))
    assert abs(score - base - role_match * f["role_match"]) < 1e-9


# The police's 破案 beside their 立案 (one sentence); a question in words the documents never use.
POLICE = chunk("2024年,全省公安机关共立知识产权刑事案件2249件,破案1926件。", cid="police")


@pytest.mark.parametrize(("question", "named"), [
    ("2024年广东警方侦破的知识产权刑事案件有多少件?", {"police": "警方", "solve_case": "侦破"}),
    ("2024年广东公安机关破案多少件?", {"police": "公安机关", "solve_case": "破案"}),
])
def test_a_question_keeps_its_words_for_each_role_it_names(question: str, named: dict[str, str]) -> None:
    frame = Corpus(POLICE).frame(question)
    assert set(frame.role_words) == set(named)
    assert all(word in frame.role_words[role]["zh"] for role, word in named.items())
    # only the words naming the role, none of the question's others
    assert not any({"知识产权", "刑事案件", "2024年"} & frame.role_words[role]["zh"] for role in named)


def test_words_for_a_role_the_documents_never_use_count_as_the_figures_own_words() -> None:
    # "侦破" and "警方" are in no sentence; the record of 破案1926件 names the same action and agency
    corpus = Corpus(POLICE)
    frame = corpus.frame("2024年广东警方侦破的知识产权刑事案件有多少件?")
    solved = next(r for r in corpus.records if r.text == "1926件")
    filed = next(r for r in corpus.records if r.text == "2249件")
    vocabulary = set(solved.metric_tokens) | set(solved.context_tokens)

    def corpus_idf(t: str) -> float:
        return 1.0 if t in vocabulary else 0.0

    _, plain = score_figure(frame, solved, 1.0, lambda t: 1.0, RerankWeights())
    _, named = score_figure(frame, solved, 1.0, lambda t: 1.0, RerankWeights(), corpus_idf=corpus_idf)
    _, other = score_figure(frame, filed, 1.0, lambda t: 1.0, RerankWeights(), corpus_idf=corpus_idf)
    assert named["metric"] > 0 and named["precision"] > 0
    assert named["context"] == 1.0 > other["context"]  # 立案 is not what was asked: 侦破 stays uncovered
    # where the documents use the question's own word (侦破), only the figures that use it cover it
    _, used = score_figure(frame, solved, 1.0, lambda t: 1.0, RerankWeights(), corpus_idf=lambda t: 1.0)
    assert used["metric"] < plain["metric"]


RATIO = chunk("2024年,全省法院审结知识产权案件88462件,结收比106.19%,同比提高2.36%。", cid="ratio")


@pytest.mark.parametrize(("question", "gated"), [
    ("2024年全省法院结收比同比提高了多少?", {"106.19%"}),  # the rise is asked: the ratio itself is no answer
    ("How much did the courts' clearance-to-receipt ratio go up in 2024?", {"106.19%"}),
    ("2024年全省法院结收比是多少?", set()),  # the level is asked: nothing is ruled out by this gate
])
def test_a_question_asking_a_change_passes_over_a_level(question: str, gated: set[str]) -> None:
    corpus = Corpus(RATIO)
    frame = corpus.frame(question)
    out = {r.text for r in corpus.records if r.kind == "percent"
           and score_figure(frame, r, 1.0, lambda t: 1.0, RerankWeights())[1]["unasked_level"] < 0}
    assert out == gated


CASES = chunk("2024年,全省办理专利侵权纠纷案件10445件,其中行政裁决类1433件、出具维权意见类9012件。", cid="disputes")


def test_a_total_whose_breakdown_alone_names_the_asked_kind_ranks_below_that_part() -> None:
    corpus = Corpus(CASES)
    figs = corpus.rank(corpus.frame("2024年专利侵权纠纷里行政裁决类有多少件?"))
    total = next(f for f in figs if f.figure.text == "10445件")
    assert total.features["asks_part"] == -1.0
    assert figs[0].figure.text == "1433件"


def test_a_part_named_by_its_own_words_counts_its_totals_words_too() -> None:
    corpus = Corpus(CASES)
    figs = {f.figure.text: f for f in corpus.rank(corpus.frame("2024年全省办理的专利侵权纠纷案件中,出具维权意见类的有多少件?"))}
    # 出具维权意见类 alone covers little of the question; with its total's words it covers more than the total
    assert figs["9012件"].features["metric"] > figs["10445件"].features["metric"]
    # a part the question does not name gains nothing from its total
    assert figs["1433件"].features["metric"] < figs["10445件"].features["metric"]


def test_a_question_about_the_total_keeps_the_total_first() -> None:
    corpus = Corpus(CASES)
    figs = corpus.rank(corpus.frame("2024年全省办理专利侵权纠纷案件多少件?"))
    assert figs[0].figure.text == "10445件" and figs[0].features["asks_part"] == 0.0


def test_a_figure_given_respectively_for_another_metric_is_marked() -> None:
    corpus = Corpus(chunk("2020年,全省发明专利有效量、有效注册商标量分别达到35.1万件和543.0万件,较2015年末分别增长"
                          "152.4%和227.2%。", cid="plan", year=2020))
    figs = {f.figure.text: f for f in corpus.rank(corpus.frame("2020年有效注册商标量比2015年末增长了多少?"))}
    assert figs["152.4%"].features["other_item"] == -1.0 and figs["227.2%"].features["other_item"] == 0.0


def test_a_named_bodys_figure_is_another_actors_for_a_question_about_another_body() -> None:
    corpus = Corpus(chunk("2023年,广州知识产权法院共新收知识产权案件1.40万件。", cid="gzip", year=2023))
    other = corpus.rank(corpus.frame("2023年广州互联网法院新收知识产权案件多少件?"))
    same = corpus.rank(corpus.frame("2023年广州知识产权法院新收知识产权案件多少件?"))
    assert other[0].features["agency"] == -1.0 and same[0].features["agency"] == 0.0
