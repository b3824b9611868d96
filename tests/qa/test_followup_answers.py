"""Follow-ups answered on the real index (qa.desk.chat): the rate of the figure just given is the
one its sentence states, never a figure looked up anew; a follow-up does not answer with a figure
the conversation already gave. Conversations written from corpus sentences, not from eval cases."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import real_qa

pytestmark = pytest.mark.integration

COURTS_2024 = "2024年广东全省法院新收了多少知识产权案件?"  # "新收各类知识产权案件83308件,同比减少8.54%"


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


def _chat(qa: QA, *turns: str):  # type: ignore[no-untyped-def]
    history: list[str] = []
    answer = None
    for turn in turns:
        answer = qa.chat(turn, history)
        history.append(turn)
    assert answer is not None
    return answer


def test_the_rate_of_the_figure_just_given_is_the_one_its_sentence_states(qa: QA) -> None:
    a = _chat(qa, COURTS_2024, "同比增长多少?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 8.54
    assert "减少" in a.answer and "83308" in a.answer and "8.54%" in a.citations[0].quote


def test_an_english_rate_turn_reads_the_chinese_rate_list_in_order(qa: QA) -> None:
    # "批准逮捕…1265件1854人,同比分别上升64.29%、68.24%": the English reorders the figures, not the rates.
    a = _chat(qa, "In 2024, how many IPR cases did Guangdong prosecutors approve arrests in?",
              "How much was that up year on year?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 64.29


def test_no_stated_rate_is_not_found_and_never_the_figure_again(qa: QA) -> None:
    # "审结88462件,结收比106.19%,同比提高2.36%": the 2.36% is the ratio's change, none is the count's.
    a = _chat(qa, "2024年广东全省法院审结多少件知识产权案件?", "同比增长多少?")
    assert a.status == "not_found" and a.figure is None and "同比" in a.answer


def test_a_change_right_after_a_yearly_figure_is_its_year_on_year_rate(qa: QA) -> None:
    # "存案11337件,大幅减少31.17%" names no base: in a yearly report it is against the year before.
    a = _chat(qa, "2024年广东全省法院存案多少件?", "同比增长多少?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 31.17 and "减少" in a.answer


def test_a_part_follow_up_does_not_answer_with_the_total_just_given(qa: QA) -> None:
    # "全省办理专利侵权纠纷案件10445件,其中行政裁决类1433件,出具维权意见类9012件"
    a = _chat(qa, "2024年全省办理专利侵权纠纷案件有多少件?", "其中行政裁决类多少件?", "出具维权意见的呢?")
    shown = a.figure or a.withheld
    assert shown is None or shown.value != 10445


def test_a_long_part_follow_up_is_still_a_follow_up(qa: QA) -> None:
    # Read as a question of its own, "其中知识产权民事案件呢?" was answered with a compensation amount.
    a = _chat(qa, "2023年广东全省法院审结了多少知识产权案件?", "其中知识产权民事案件呢?")
    assert a.followup and "2023年" in a.resolved_question
    assert a.figure is None or a.figure.unit != "元"


def test_a_figure_beside_the_one_given_is_answered_where_the_bar_alone_holds_it_back(qa: QA) -> None:
    # "专利授权量70.37萬件…其中发明专利授权量14.31萬件": asked alone the invention grants are held back
    # just under the bar; beside the total the conversation gave, they are answered (qa.desk_continuity).
    a = _chat(qa, "2023年广东专利授权量是多少?", "发明专利呢?")
    assert a.status == "answered" and a.figure is not None and a.figure.value == 143100


def test_a_held_back_figure_elsewhere_is_not_vouched_for(qa: QA) -> None:
    # The 2023 figure of a question first asked of 2024 is in another document's sentence: the
    # conversation vouches for nothing there, and the bar decides alone.
    from qa.desk_continuity import beside

    first = _chat(qa, COURTS_2024)
    assert first.figure is not None
    frame = qa._analyse("2023年广东全省法院新收知识产权案件多少件?", "question")
    _, figs = qa.candidates(frame, qa.rerank_weights)
    given = next(f for f in figs if f.figure.value == 83308)
    other = next(f for f in figs if f.year == 2023 and f.figure.unit == "件" and f.figure.value == 91000)
    assert not beside(qa, other, [given])


def test_another_year_printed_under_the_metric_words_just_given_is_answered(qa: QA) -> None:
    # "审结88462件" (2024) and "審結各類知識產權案件9.5萬件" (2023): asked alone the 2023 figure is held
    # back under the bar; after the 2024 figure, under the same metric words, it is answered.
    # Which 2023 figure is held back is a near tie (9.5萬件 or the 1.42萬件 of another 审结 clause):
    # the int8 model's meaning vectors move with the build's batches, so an index built from scratch
    # and one built incrementally may hold back either. The rule is tested on the one held back.
    # Since session 17 the question alone is answered (95,000, the right figure): then the follow-up
    # must give it too.
    alone = _chat(qa, "2023年全省法院审结知识产权案件多少件?")
    a = _chat(qa, "2024年全省法院审结知识产权案件多少件?", "那2023年呢?")
    if alone.status == "answered":
        assert alone.figure is not None and alone.figure.value == 95000
        assert a.status == "answered" and a.figure is not None and a.figure.value == 95000
        return
    assert alone.status == "not_found" and alone.withheld is not None
    if alone.withheld.value == 95000:
        assert a.status == "answered" and a.figure is not None and a.figure.value == 95000
    else:
        assert a.status == "not_found"


def test_another_year_under_other_metric_words_is_not_vouched_for(qa: QA) -> None:
    # The valid invention patents of 2024, then 2023: the best 2023 figure held back is the stock of
    # trademarks (843.99萬件), another metric's words: never answered for it.
    a = _chat(qa, "How many valid invention patents did Guangdong have at the end of 2024?", "And 2023?")
    assert a.figure is None or a.figure.value != 8439900


def test_the_next_figure_the_document_states_after_the_one_given_is_vouched_for(qa: QA) -> None:
    # "全省共立知识产权刑事案件2249件,同比增长5.8%;破案1926件": the index cuts the two clauses into two
    # passages, and only the rate stands between them; the arrests further on are not next to it.
    from qa.desk_continuity import next_stated

    frame = qa._analyse("2024年广东公安机关破案多少件?", "question")
    _, figs = qa.candidates(frame, qa.rerank_weights)
    zh = [f for f in figs if f.record.lang == "zh" and f.record.doc_id == "gd-ip-protection-2024"]
    filed = next(f for f in zh if f.figure.value == 2249)
    solved = next(f for f in zh if f.figure.value == 1926)
    assert next_stated(qa, solved, filed)
    far = next(f for f in zh if f.figure.value not in (2249, 1926) and f.figure.kind == "quantity"
               and abs(f.record.raw_start - filed.record.raw_start) > 300)
    assert not next_stated(qa, far, filed)


def test_a_two_digit_year_and_a_typo_are_read_as_slots(qa: QA) -> None:
    a = _chat(qa, "24年全省法院审结知识产权案件多少件?")
    assert "2024年" in a.resolved_question
    b = _chat(qa, "How many IPR criminal cases did Guangdong police file in 2024?", "and how many were sovled?")
    assert "solve" in b.resolved_question


def test_a_bare_everyday_verb_replaces_the_action_not_what_was_counted(qa: QA) -> None:
    # "2023年全省共立侵犯知識產權犯罪案件1926起,破案1678起": 破了 is 破案, of the same cases, by the same police.
    a = _chat(qa, "2023年广东公安立了多少件侵犯知识产权的案子?", "破了多少?")
    assert a.figure is not None and a.figure.value == 1678, a.answer
