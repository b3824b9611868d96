"""Claims of several figures on the real index, at the default risk: each figure judged against the
source figure of its own clause, 分别 / "respectively" lists paired in order, and never a figure
contradicted by another metric's figure. Claims written for these tests from the 2024 white paper."""

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
        # 分别: each figure is the metric listed in its place
        ("2024年广东发明专利授权量、商标注册量分别为16.88万件和82.45万件。", ["supported", "supported"]),
        ("2024年广东发明专利授权量、商标注册量分别为16.88万件和92.45万件。", ["supported", "contradicted"]),
        ("2024年广东全省法院新收、审结知识产权案件分别为83308件、88462件。", ["supported", "supported"]),
        ("Guangdong's courts took in and concluded 83,308 and 88,462 IP cases respectively in 2024.",
         ["supported", "supported"]),
        # a further figure whose metric stands in another sentence of another section
        ("2024年广东全省法院新收知识产权案件83308件,检察机关批准逮捕侵犯知识产权犯罪案件1265件。",
         ["supported", "supported"]),
        ("2024年广东全省法院新收知识产权案件83308件,检察机关批准逮捕侵犯知识产权犯罪案件1365件。",
         ["supported", "contradicted"]),
        ("2024年,广东全省专利授权量69.26万件,市场监管部门查处知识产权案件3945件。", ["supported", "supported"]),
        # a rate is of the figure before it
        ("2023年广东专利和商标质押融资金额为2306.71亿元,同比增幅达137.75%。", ["supported", "supported"]),
    ],
)
def test_each_figure_is_judged_by_its_own_clause(qa: QA, claim: str, verdicts: list[str]) -> None:
    v = qa.verify(claim)
    assert [c.verdict for c in v.checks] == verdicts, v.explanation
    assert v.claim == claim


@pytest.mark.parametrize(
    "claim",
    [
        # 82.45万件 is the trademark registrations': the patents' 69.26万件, already the first
        # figure's, is no evidence against it
        "2024年广东专利和商标授权量分别为69.26万件和82.45万件。",
        # 824,500 is in the documents (trademark registrations): a count of 3 trademark cases
        # ranked above it is no evidence against it
        "In 2024 Guangdong granted 692,600 patents and registered 824,500 trademarks.",
    ],
)
def test_a_true_claim_is_never_contradicted_by_another_metrics_figure(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict != "contradicted"
