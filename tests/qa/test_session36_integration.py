"""Session 36 on the real index: a rate of change is its figure's. "全省共立知识产权刑事案件2249件,同比增长5.8%"'s rate is
the filed cases' rise, no answer about solved ones; "存案11337件,大幅减少31.17%" is the pending cases' fall, no
answer about concluded ones; of "批准逮捕…1265件1854人,同比分别上升64.29%、68.24%" the first is the cases' rise and the
second the people's, in the English translation too, whose figures stand in the other order. Questions and claims
written for these tests from the 2023 and 2024 white papers and Guangzhou's 2023 report."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import given_figure, real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


@pytest.mark.parametrize(("question", "rate"), [
    ("2024年广东公安立案数同比增长多少?", "5.8%"),
    ("2024年全省法院存案下降了百分之几?", "31.17%"),
    ("2024年全省检察机关批捕的犯罪嫌疑人人数同比增长多少?", "68.24%"),
    ("2024年全省检察机关批准逮捕案件数同比增长多少?", "64.29%"),
])
def test_a_rate_answers_for_its_own_figure(qa: QA, question: str, rate: str) -> None:
    assert given_figure(qa, question) == rate


@pytest.mark.parametrize("question", [
    "2024年广东公安破案数同比增长了多少?",  # 5.8% is the filed cases' rise
    "How much did the number of IP criminal cases solved by Guangdong police grow in 2024?",
    "2024年全省法院审结案件同比减少多少?",  # 8.54% is the intake's fall, 31.17% the pending cases'
    "2024年专利商标质押融资惠及的企业数同比增长了多少?",  # 49.74% is the amount's rise
    "2023年广州商标行政处罚的罚没金额同比增长多少?",  # 12.24% is the cases'
])
def test_no_rate_of_another_action(qa: QA, question: str) -> None:
    assert given_figure(qa, question) is None


@pytest.mark.parametrize("claim", [
    "2024年广东公安破获知识产权刑事案件1926件,同比增长5.8%。",
    "In 2024 Guangdong police solved 1,926 IPR criminal cases, up 5.8% year on year.",
    "2024年全省法院审结知识产权案件88462件,同比减少8.54%。",
    "2024年全省法院审结知识产权案件减少31.17%。",
    "2024年全省检察机关批准逮捕1854人,同比上升64.29%。",  # the people's rise is 68.24%
    "2024年全省检察机关起诉人数同比上升61.73%。",  # the cases' rise; the people's is 62.94%
    "2024年全省专利商标质押融资惠及企业5067家,同比增长49.74%。",  # the amount's rise
    "2024年广东起诉人数同比增长61.73%。",  # the prosecuted cases' rise; the people's is 62.94%
])
def test_a_rate_of_another_figure_supports_no_claim(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict != "supported"


@pytest.mark.parametrize("claim", [
    "2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%。",
    "In 2024 Guangdong procuratorates approved the arrest of 1,854 IP crime suspects, up 68.24% year on year.",
    "2024年全省公安机关立案侦办知识产权刑事案件2249件,同比增长5.8%。",
])
def test_a_true_rate_is_supported(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict == "supported"
