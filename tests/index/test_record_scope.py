"""What a figure record knows of its scope beyond its own words (index.records): the IP kind of
its ；-list, the parts it is broken down into, the noun after its measure word."""

from __future__ import annotations

import pytest

from index.attach import attach_figures
from index.records import FigureRecord, figure_records
from index.text import Tokenizer
from index.time_frames import at_date
from index.types import Chunk, Lang

TOKENIZER = Tokenizer()


def _records(text: str, lang: Lang = "zh") -> dict[str, FigureRecord]:
    c = Chunk(id="c1", doc_id="d", source="d.txt", lang=lang, year=2023, section=["一、概况"], paragraph=1,
              text=text, search_text=text, start=0, end=len(text), raw_start=0, raw_end=len(text))
    return {r.text: r for r in figure_records(attach_figures([c]), TOKENIZER)}


def test_the_fines_of_a_list_are_of_its_subjects_kind() -> None:
    recs = _records("全市共办结专利侵权纠纷案件2282宗,同比增加11.81%;办理商标行政处罚案件1568宗,"
                    "同比增加12.24%,罚没金额2756.68万元。")
    assert recs["2756.68万元"].kinds == {"trademark"}
    assert recs["2282宗"].kinds == {"patent"}


def test_a_total_knows_the_qualifiers_and_words_of_its_parts() -> None:
    recs = _records("A total of 332,200 copyright registrations were made in the province, of which 282,700 "
                    "were computer software works.", lang="en")
    total = next(r for t, r in recs.items() if t.startswith("332,200"))
    part = next(r for t, r in recs.items() if t.startswith("282,700"))
    assert total.part_qualifiers == {"software"}
    assert "softwar" in total.part_tokens
    assert part.part_qualifiers == frozenset()


def test_the_noun_after_a_measure_word_is_what_it_counts_a_verb_is_not() -> None:
    recs = _records("累计为我市225家企业提供海外知识产权风险保障。本次共收到108件来自全省的推荐。")
    assert recs["225家"].counted_tokens == {"企业"}
    assert recs["108件"].counted_tokens == frozenset()


@pytest.mark.parametrize(("question", "expected"), [
    ("截至2024年底,广东全省有多少家专利代理机构?", True),
    ("How many valid patents did Guangdong have as of the end of 2024?", True),
    ("2024年广东知识产权民事案件的赔偿额总共有多少?", False),  # 共有: in total, at no date
])
def test_a_question_asks_at_a_date(question: str, expected: bool) -> None:
    assert at_date(question) is expected


def test_a_part_named_by_a_compound_of_the_totals_word_is_its_rest() -> None:
    recs = _records("2024年,全省专利商标质押融资额3453.97亿元,惠及企业5067家,其中中小企业4931家;")
    total = recs["5067家"]
    assert "中小" in total.part_tokens
    assert not {"中小企业", "小企业", "企业"} & total.part_tokens


def test_a_part_in_another_measure_word_of_the_same_things_is_a_part() -> None:
    recs = _records("2023年,全省办理专利侵权纠纷案件9686件,其中裁决类1344宗、出具维权意见类8342宗。")
    assert "纠纷" in recs["8342宗"].whole_tokens


def test_a_part_of_a_breakdown_knows_its_totals_words() -> None:
    recs = _records("2024年,全省办理专利侵权纠纷案件10445件,其中行政裁决类1433件、出具维权意见类9012件;"
                    "办理商标行政处罚案件1568宗。")
    assert "纠纷" in recs["1433件"].whole_tokens and "裁决" in recs["1433件"].own_part_tokens
    assert "纠纷" in recs["9012件"].whole_tokens and "纠纷" not in recs["9012件"].own_part_tokens
    assert recs["10445件"].whole_tokens == frozenset()
    assert recs["1568宗"].whole_tokens == frozenset()


def test_a_part_of_a_total_named_by_its_own_action_takes_that_action_not_its_neighbours_words() -> None:
    recs = _records("2023年,广州知识产权法院共新收1.40万件,审结1.42万件,其中专利权纠纷案件1.12万件。")
    part = recs["1.12万件"]
    assert "审结" in part.whole_tokens and "新收" not in part.whole_tokens


@pytest.mark.parametrize("text, figure", [
    # a share after a breakdown is no part of the count
    ("2024年,全省著作权登记总量33.22万件,其中计算机软件作品登记28.27万件,占全国总量的10%。", "10%"),
    # a count in another unit is no part of it
    ("三家单位共签订合同金额5.2亿元,其中成果赋权753项。", "753项"),
])
def test_what_is_no_part_of_the_total_takes_none_of_its_words(text: str, figure: str) -> None:
    assert _records(text)[figure].whole_tokens == frozenset()


def test_a_part_named_by_a_compound_of_the_totals_word_is_its_rest_both_ways() -> None:
    recs = _records("2024年,全省专利商标质押融资额3453.97亿元,惠及企业5067家,其中中小企业4931家;")
    assert "中小" in recs["4931家"].own_part_tokens and "企业" not in recs["4931家"].own_part_tokens
