"""A question or claim naming no place, over documents of several provinces (qa.by_place, on
synthetic records: fast, offline): each place's figure where they differ, one answer where one
place gives it or all agree; a claim is supported by one place's matching figure, named, and
never contradicted by another province's different one."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from index.figures import Figure
from qa.answer import figure_out
from qa.by_place import claim_by_place, place_answer, place_groups, read_places
from qa.decide import Decision, Thresholds, claim_source, decide_answer, judge
from qa.frame import QueryFrame
from qa.rank import RerankWeights, ScoredFigure
from qa.types import Citation, Verdict
from qa.where import figure_place
from tests.qa.synthetic import Corpus, chunk

T = Thresholds()
GD = chunk("2024年,全省法院新收知识产权案件83308件。", cid="gd", doc="gd", place="guangdong")
JS = chunk("2024年,全省法院新收知识产权案件61234件。", cid="js", doc="js", place="jiangsu")
JS_SAME = chunk("2024年,全省法院新收知识产权案件83308件。", cid="js2", doc="js", place="jiangsu")
SZ = chunk("2024年,深圳法院新收知识产权案件30123件。", cid="sz", doc="gd2", place="guangdong")
QUESTION = "2024年全省法院新收知识产权案件多少件?"


def _decide(figs: list[ScoredFigure]) -> Decision:
    return decide_answer(figs, T)


def _read(corpus: Corpus, question: str = QUESTION):  # type: ignore[no-untyped-def]
    frame = corpus.frame(question)
    figs = corpus.rank(frame)
    return read_places(frame, figs, _decide(figs), _decide)


def test_provinces_that_differ_are_listed_each_with_its_own_figure() -> None:
    reading = _read(Corpus(GD, JS))
    assert {(c.province, c.decision.chosen.figure.value) for c in reading.listed if c.decision.chosen} == {
        ("guangdong", 83308), ("jiangsu", 61234)}
    # each choice comes from its own province's documents only
    assert all(f.chunk.place == c.province for c in reading.listed for f in c.figs)
    assert {figure_place(c.decision.chosen) for c in reading.listed if c.decision.chosen} == {"guangdong", "jiangsu"}


def test_a_question_naming_a_place_is_not_read_place_by_place() -> None:
    reading = _read(Corpus(GD, JS), "2024年江苏法院新收知识产权案件多少件?")
    assert reading.listed == []
    assert reading.decision.chosen is not None and reading.decision.chosen.figure.value == 61234


def test_provinces_that_agree_give_one_plain_answer() -> None:
    reading = _read(Corpus(GD, JS_SAME))
    assert reading.listed == []
    assert reading.decision.chosen is not None and reading.decision.chosen.figure.value == 83308


def test_one_provinces_documents_are_never_read_place_by_place() -> None:
    corpus = Corpus(GD, SZ)  # a province and its own city: one province
    frame = corpus.frame(QUESTION)
    assert place_groups(frame, corpus.rank(frame)) == {}
    reading = _read(corpus)
    assert reading.listed == [] and reading.decision.chosen is not None
    assert reading.decision.chosen.figure.value == 83308


def _citation(fig: ScoredFigure) -> Citation:
    return Citation(source=fig.chunk.source, doc_id=fig.chunk.doc_id, title=fig.chunk.doc_id, year=2024, section="",
                    lang="zh", quote=fig.chunk.text, start=0, end=len(fig.chunk.text), chunk_id=fig.chunk.id)


def _verify(corpus: Corpus, claim: str) -> tuple[Verdict, ScoredFigure | None] | None:
    frame = corpus.frame(claim, "claim")
    claimed = frame.figures[0]
    # As QA.verify ranks: the claimed number does not vote (qa.api.verify_weights).
    figs = corpus.rank(frame.model_copy(update={"figures": [claimed]}), replace(RerankWeights(), value=0.0))

    def judged(d: Decision, fs: list[ScoredFigure]) -> tuple[Verdict, ScoredFigure | None]:
        return _judged(frame, claimed, d)

    return claim_by_place(frame, claimed, figs, lambda fs: claim_source(claimed, fs, True, T), judged)


def _judged(frame: QueryFrame, claimed: Figure, d: Decision) -> tuple[Verdict, ScoredFigure | None]:
    best = d.chosen
    if best is None:
        return Verdict(claim=frame.text, lang="zh", verdict="not_found", claimed=figure_out(claimed), found=None,
                       explanation="none", citations=[]), None
    verdict, why = judge(claimed, best, frame.years, [])
    return Verdict(claim=frame.text, lang="zh", verdict=verdict, claimed=figure_out(claimed),
                   found=figure_out(best.figure), explanation=why, citations=[_citation(best)]), best


def test_a_claim_matching_one_provinces_figure_is_supported_and_names_it() -> None:
    result = _verify(Corpus(GD, JS), "2024年全省法院新收知识产权案件61234件。")
    assert result is not None
    v, source = result
    assert v.verdict == "supported" and source is not None and source.chunk.place == "jiangsu"
    assert v.explanation.startswith("Jiangsu:")
    assert {(p.place.id if p.place else None, p.verdict) for p in v.by_place} == {
        ("guangdong", "contradicted"), ("jiangsu", "supported")}


def test_a_claim_matching_no_provinces_figure_is_not_found_never_contradicted() -> None:
    result = _verify(Corpus(GD, JS), "2024年全省法院新收知识产权案件70000件。")
    assert result is not None
    v, source = result
    assert v.verdict == "not_found" and source is None and v.citations == []
    assert {p.place.id for p in v.by_place if p.place} == {"guangdong", "jiangsu"}
    assert "names no place" in v.explanation and "Guangdong 83308件" in v.explanation


def test_a_claim_all_provinces_contradict_alike_is_contradicted() -> None:
    result = _verify(Corpus(GD, JS_SAME), "2024年全省法院新收知识产权案件70000件。")
    assert result is not None and result[0].verdict == "contradicted" and result[0].by_place == []


def test_a_claim_naming_its_place_is_judged_as_before() -> None:
    assert _verify(Corpus(GD, JS), "2024年广东法院新收知识产权案件61234件。") is None
    assert _verify(Corpus(GD, SZ), "2024年全省法院新收知识产权案件70000件。") is None


def test_a_province_whose_own_figures_disagree_is_held_back_not_listed() -> None:
    js_again = chunk("2024年,全省法院新收知识产权案件61999件。", cid="js3", doc="js3", place="jiangsu")
    zj = chunk("2024年,全省法院新收知识产权案件55555件。", cid="zj", doc="zj", place="zhejiang")
    reading = _read(Corpus(GD, JS, js_again, zj))
    assert {c.province for c in reading.listed} == {"guangdong", "zhejiang"} and reading.held == ["jiangsu"]


def test_the_answer_labels_each_places_figure_and_its_year_when_the_question_names_none() -> None:
    corpus = Corpus(GD, JS)
    for question, year_shown in ((QUESTION, False), ("全省法院新收知识产权案件多少件?", True)):
        frame = corpus.frame(question)
        figs = corpus.rank(frame)
        reading = read_places(frame, figs, _decide(figs), _decide)
        by_chunk = {f.chunk.id: f for f in figs}
        qa = SimpleNamespace(cite=lambda c, i, by_chunk=by_chunk: _citation(by_chunk[c.id]))
        a = place_answer(qa, frame, reading.listed, [], 0.0)  # type: ignore[arg-type]
        assert a.status == "answered" and a.figure is None and a.place is None
        assert sorted((p.place.id if p.place else "", p.figure.value, p.citation.chunk_id) for p in a.by_place) == [
            ("guangdong", 83308, "gd"), ("jiangsu", 61234, "js")]
        assert ("广东：83308件（2024年）" in a.answer) is year_shown and "广东：83308件" in a.answer
        assert "哪个地方" in a.answer and {p.id for p in a.ambiguous_places} == {"guangdong", "jiangsu"}


def test_one_place_sure_enough_while_another_fits_as_well_is_labelled_not_given_plainly() -> None:
    # Jiangsu's own two figures disagree, so only Guangdong's passes: still no answer to a reader
    # who may mean Jiangsu; Guangdong's figure is labelled, Jiangsu named, and the place asked.
    js_again = chunk("2024年,全省法院新收知识产权案件61999件。", cid="js3", doc="js3", place="jiangsu")
    corpus = Corpus(GD, JS, js_again)
    frame = corpus.frame(QUESTION)
    figs = corpus.rank(frame)
    reading = read_places(frame, figs, _decide(figs), _decide)
    assert [c.province for c in reading.listed] == ["guangdong"] and reading.held == ["jiangsu"]
    by_chunk = {f.chunk.id: f for f in figs}
    qa = SimpleNamespace(cite=lambda c, i: _citation(by_chunk[c.id]))
    a = place_answer(qa, frame, reading.listed, [], 0.0, reading.held)  # type: ignore[arg-type]
    assert a.figure is None and [p.figure.value for p in a.by_place] == [83308]
    assert "都有这一数字" in a.answer and "江苏" in a.answer and "哪个地方" in a.answer


def test_one_place_sure_enough_and_no_other_fitting_is_given_plainly() -> None:
    reading = _read(Corpus(GD))
    assert reading.listed == [] and reading.decision.chosen is not None


def test_each_province_is_scored_as_if_its_documents_were_the_corpus() -> None:
    # Two provinces' copies of one sentence: Guangdong's ranked lower by retrieval position and a
    # little further in meaning. Read place by place, its figure scores as Jiangsu's does, with
    # the features the calibrated decision reads measured against its own best.
    frame = Corpus(GD, JS).frame(QUESTION)
    figs = Corpus(GD, JS).rank(frame)
    w = RerankWeights()
    lowered = [replace(f, score=f.score - w.retrieval * 0.4 - w.meaning * 0.1,
                       features={**f.features, "retrieval": 0.6, "meaning": 0.8})
               if f.chunk.place == "guangdong" else replace(f, features={**f.features, "retrieval": 1.0, "meaning": 0.9})
               for f in figs]
    groups = place_groups(frame, lowered, weights=w)
    gd, js = groups["guangdong"][0], groups["jiangsu"][0]
    assert gd.features["retrieval"] == 1.0 and js.features["retrieval"] == 1.0
    assert gd.features["meaning"] == js.features["meaning"] == 1.0
    original = {f.chunk.id: f for f in figs}
    assert abs(gd.score - (original["gd"].score + w.meaning * 0.1)) < 1e-9
    assert abs(js.score - (original["js"].score + w.meaning * 0.1)) < 1e-9
