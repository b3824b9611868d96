"""What a figure measures, coarser than its unit (index.figures.dimensions). Sentences written for
these tests in the documents' style."""

from __future__ import annotations

import pytest

from index.figures import counts_things, may_count_as, parse_figures
from index.figures.dimensions import dimension, measures_money, other_currency, same_dimension
from index.figures.units import unit_group


def _first(text: str):  # type: ignore[no-untyped-def]
    return next(f for f in parse_figures(text) if f.kind in ("quantity", "percent", "rank"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平均结案周期压缩至30个工作日", "duration"),
        ("办案时限缩短至3个月", "duration"),
        ("完成两个年度专利代理师考试工作", "count"),
        ("办理专利侵权纠纷案件10445件", "count"),
        ("抓获犯罪嫌疑人4870名", "count"),
        ("民事案件赔偿额达88.5亿元", "money"),
        ("Damages reached US$8.85 billion", "money"),
        ("调解率约60%", "share"),
        ("数量居全国首位", "rank"),
        ("It ranked second in the country", "rank"),
    ],
)
def test_dimension(text: str, expected: str) -> None:
    assert dimension(_first(text)) == expected


def test_a_duration_and_a_count_are_not_one_kind_of_thing() -> None:
    assert not same_dimension(_first("压缩至30个工作日"), _first("完成两个年度考试"))
    assert not same_dimension(_first("调解率约60%"), _first("办结案件60件"))
    assert same_dimension(_first("办结案件60件"), _first("抓获犯罪嫌疑人60名"))  # both count things


def test_a_figure_with_no_unit_may_be_anything() -> None:
    bare = _first("The number rose to 52,300 in 2024.")
    assert dimension(bare) == "" and same_dimension(bare, _first("有效注册商标量906.46万件"))



@pytest.mark.parametrize(
    ("words", "classes"),
    [
        ("全省知识产权民事案件赔偿额", {"compensation"}),
        ("the highest awarded damages of", {"compensation"}),
        ("全省知識產權保險保額", {"insurance"}),
        ("pledge loans totalled", {"financing"}),
        ("罰沒金額", {"fines"}),
        ("involving a total value of", {"value"}),
        ("技术合同成交额", {"trade"}),
        ("fine-grained reporting of", set()),  # "fine" is no fine
        ("the province's figure", set()),
    ],
)
def test_what_a_sum_of_money_counts(words: str, classes: set[str]) -> None:
    from index.figures.dimensions import counted_classes

    assert counted_classes("money", words) == frozenset(classes)
    assert counted_classes("count", words) == frozenset()


@pytest.mark.parametrize(("unit", "guessed", "may"), [
    ("个", "项", True),  # a general classifier counts projects too (general_classifiers.txt)
    ("個", "项", True),
    ("次", "件", True),
    ("条", "件", True),
    ("人次", "人", True),  # occurrences of the things
    ("人次", "名", True),
    ("件次", "件", True),
    ("人次", "件", False),  # occurrences of people are no cases
    ("宗", "人", False),  # a measure word of one kind of thing counts no other
    ("项", "人", False),  # nor does a general classifier count people or organisations (282項 awards)
    ("个", "名", False),
    ("项", "家", False),
    ("项", "个", False),  # 个 guessed for centres is of the organisations' group (家, 个, 所)
    ("家", "人", False),
    ("件", "项", False),
    ("万元", "项", False),  # money and shares count nothing
    ("%", "个", False),
    ("个", "元", False),
])
def test_a_measure_word_that_may_count_what_a_guessed_one_does(unit: str, guessed: str, may: bool) -> None:
    assert may_count_as(unit, unit_group(guessed)) is may


@pytest.mark.parametrize(("unit", "counts"), [("件", True), ("人次", True), ("个", True), ("元", False),
                                              ("%", False), ("年", False), ("", False)])
def test_counts_things(unit: str, counts: bool) -> None:
    assert counts_things(unit) is counts


@pytest.mark.parametrize(("claimed", "found", "swapped"), [
    # the same sum and bound in two currencies: the claim misreports the currency
    ("为企业减少损失超21亿元", "为企业减少损失超21亿美元", True),
    ("losses of over RMB 2.1 billion were avoided", "为企业减少损失超21亿美元", True),
    ("赔偿额达88.5亿港元", "赔偿额达88.5亿元", True),
    # a conversion changes the number; a bound differs; the same currency is no swap
    ("为企业减少损失超150亿元", "为企业减少损失超21亿美元", False),
    ("为企业减少损失21亿元", "为企业减少损失超21亿美元", False),
    ("赔偿额达88.5亿元人民币", "赔偿额达88.5亿元", False),
    # nor is a count of the same number a sum of money
    ("办理案件2100件", "罚没2100元", False),
])
def test_a_sum_restated_in_another_currency(claimed: str, found: str, swapped: bool) -> None:
    assert other_currency(_first(claimed), _first(found)) is swapped


@pytest.mark.parametrize(("unit", "money"), [
    ("元", True), ("亿元", True), ("美元", True), ("万元", True),
    ("件", False), ("家", False), ("%", False), ("", False), ("年", False),
])
def test_a_unit_that_measures_money(unit: str, money: bool) -> None:
    assert measures_money(unit) is money
