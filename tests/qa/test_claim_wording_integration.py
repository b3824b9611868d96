"""Claims as reports word them, on the real index at the default risk: a sum of money judged only
against one of its own class, the counted noun of an English figure before it, a phrasal action
split by its object, a bound restated with another number. Claims written for these tests from the
2023 and 2024 white papers."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(
    ("claim", "verdicts"),
    [
        # what was seized stands before the figure, and after it: the same metric either way
        ("Batches of infringing goods seized by Guangdong customs in 2024 totalled 14,420.", ["supported"]),
        ("The number of batches of infringing goods seized by Guangdong customs in 2024 was 15,766.",
         ["contradicted"]),
        # "transferred … for prosecution" with the suspects between verb and particle
        ("In 2024 Guangdong police solved 1,926 cases and transferred 2,653 suspects for prosecution.",
         ["supported", "supported"]),
        # a part of the last count before it, not of the sum of money between
        (("Guangdong's market regulator handled 3,945 IP cases worth RMB 82.5006 million in 2024 and transferred "
          "167 of them to judicial authorities."), ["supported", "supported", "supported"]),
        # a bound restated from a bounded source keeps its number (逾43亿元)
        ("2023年全省新发行知识产权证券化产品20支,规模逾34亿元。", ["supported", "contradicted"]),
        # a bound and the exact figure of one quantity are both judged against it
        ("2024年广东有效注册商标量突破900万件,达906.46万件。", ["supported", "supported"]),
        # the same class of money in the claim's words and the source's: judged as ever
        ("2024年全省知识产权民事案件赔偿额达85.5亿元。", ["contradicted"]),
    ],
)
def test_claims_as_reports_word_them(qa: QA, claim: str, verdicts: list[str]) -> None:
    v = qa.verify(claim)
    assert [c.verdict for c in v.checks] == verdicts, v.explanation


@pytest.mark.parametrize(
    "claim",
    [
        # insurance cover is not the damages awarded, whatever the numbers
        "2024年全省知识产权保险保额达40亿元。",
        "In 2024 Guangdong's IP insurance coverage reached 88.5 billion yuan.",
        # the source's RMB 82.5006 million is the value of the cases, not fines
        "In 2024 fines imposed by Guangdong market regulators totalled RMB 82.5 million.",
    ],
)
def test_a_sum_of_money_is_judged_only_by_one_of_its_class(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict == "not_found"


def test_a_source_figure_another_figure_of_the_claim_restates_contradicts_none(qa: QA) -> None:
    # 800 cases was paired with the 1,155 cases the claim's last figure restates: that is a wrong
    # pairing, not a contradiction.
    v = qa.verify("In 2023 Guangdong prosecutors approved the arrest of 1,156 suspects in 800 IP infringement "
                  "cases and prosecuted 2,061 suspects in 1,155 cases.")
    assert v.verdict != "contradicted"


def test_a_changed_digit_is_a_changed_figure(qa: QA) -> None:
    v = qa.verify("2024年，全省檢察機關批准逮捕侵犯知識產權犯罪案件1265件1845人。")
    assert v.verdict == "contradicted"
    assert v.found is not None and v.found.value == 1854


@pytest.mark.parametrize(
    ("claim", "source_values"),
    [
        # a count in English number words is a figure of the claim: seven actions are not supported
        # by the 3,849 batches beside them (the source held 3 joint actions)
        (("In 2024 the customs of Guangdong, Hong Kong and Macao held seven joint IP enforcement actions and "
          "seized 3,849 batches of goods."), {None, 3.0}),
        # nominations are not the two cases of Shenzhen on the list (两个案例): only the nominations'
        # figure may contradict them
        ("Guangdong's 2024 list of top IP events was drawn from 300 nominations.", {None, 108.0}),
        # the branch centres of Guangdong, Shenzhen and Foshan together (500余家) are not Shenzhen's own
        # count (1968家): only that may contradict a claim about Shenzhen
        ("Shenzhen has provided one-to-one guidance to about 1,500 firms in overseas IP disputes.", {None, 1968.0}),
        # 立案查处 is not being selected as a typical case (两宗案例入选): only the cases filed may judge it
        (("广州知识产权行政保护考核又拿了全国第一。"
          "市场监管部门介绍，2023年以来全市立案查处涉专业市场侵权假冒案件185宗。"), {None, 183.0}),
    ],
)
def test_a_claim_is_judged_only_by_a_figure_of_what_it_counts(qa: QA, claim: str, source_values: set[float | None]
                                                              ) -> None:
    v = qa.verify(claim)
    assert v.verdict != "supported", v.explanation
    assert {c.found.value if c.found and c.verdict == "contradicted" else None for c in v.checks} <= source_values, \
        v.explanation
