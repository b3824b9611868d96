"""Session 34 on the real index: a claim's part stated "of which" is checked against the part its
source states, though the source leaves out a qualifier of the whole (有效 for 高价值发明专利); a
source figure stating the claimed value, tied in the ranking with another, is the claim's. Claims
written for these tests from the 2024 white paper (发明专利有效量79.23万件 … 高价值发明专利36.77万件;
"108,700 invention patents were granted to strategic industrial clusters") and the 2024 top-ten
events (为1968家涉案企业提供“一对一”应对指导)."""

from __future__ import annotations

import pytest

from qa.api import QA
from tests.support import real_qa

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def qa() -> QA:
    return real_qa()


def _verdicts(qa: QA, claim: str) -> list[str]:
    v = qa.verify(claim)
    return [c.verdict for c in v.checks]


@pytest.mark.parametrize("claim", [
    "At the end of 2024 Guangdong had 792,300 valid invention patents, 367,700 of them high-value.",
    "By end-2024 Guangdong held 792,300 valid invention patents, of which 367,700 were high-value ones.",
])
def test_a_part_of_a_qualified_whole_is_checked_against_the_part(qa: QA, claim: str) -> None:
    assert _verdicts(qa, claim) == ["supported", "supported"]
    assert qa.verify(claim).verdict == "supported"


@pytest.mark.parametrize("claim", [
    # 108,700 invention patents went to the strategic clusters; 168,800 were granted in all
    "Guangdong granted 692,600 patents in 2024, 108,700 of which were invention patents.",
    # a part of another whole: the value stands in the sentence, of another metric
    "By end-2024 Guangdong held 792,300 valid invention patents, of which 304,700 were high-value ones.",
])
def test_a_part_is_not_supported_by_another_metrics_figure_of_its_value(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict != "supported"


def test_a_source_tied_with_another_that_states_the_claimed_value_is_the_claims(qa: QA) -> None:
    v = qa.verify("Shenzhen gave one-on-one guidance to 1,968 firms caught up in overseas IP disputes.")
    assert v.verdict == "supported", v.explanation
    assert v.found is not None and v.found.value == 1968
    # the wrong number finds no support in it
    assert qa.verify("Shenzhen gave one-on-one guidance to 1,868 firms caught up in overseas IP disputes."
                     ).verdict != "supported"


@pytest.mark.parametrize("claim", [
    "深圳构建海外维权工作格局,为企业挽回损失超过21亿元。",
    "Shenzhen's overseas rights-protection system saved companies losses of over RMB 2.1 billion.",
])
def test_a_sum_claimed_in_another_currency_is_judged_against_the_source_sum(qa: QA, claim: str) -> None:
    # the source says 超21亿美元: the claim's yuan are the source's dollars misreported, never supported,
    # and judged against that sum, not against another money figure (43億元 of securities issued)
    v = qa.verify(claim)
    assert v.verdict != "supported"
    assert "21亿美元" in v.explanation and "43" not in v.explanation, v.explanation


@pytest.mark.parametrize("claim", [
    "Pledge financing of patents and trademarks in Guangdong more than doubled in 2023.",
    "2023年广东专利商标质押融资额同比增长一倍多。",
    "2024年全省法院知识产权存案同比减少近三分之一。",
    "In 2024 the number of pending IP cases in Guangdong's courts fell by nearly a third.",
])
def test_a_true_fraction_or_multiple_is_supported(qa: QA, claim: str) -> None:
    v = qa.verify(claim)
    assert v.verdict == "supported", v.explanation
    assert all(c.verdict == "supported" for c in v.checks)


@pytest.mark.parametrize("claim", [
    # 2024's rise was 49.74%, the backlog's fall 31.17%
    "Guangdong's patent and trademark pledge financing more than doubled in 2024.",
    "2024年广东专利商标质押融资额翻了一番。",
    "Guangdong's courts cut their backlog of pending IP cases by more than half in 2024.",
    "2024年全省法院知识产权存案减少了三分之二。",
])
def test_a_false_fraction_or_multiple_is_never_supported(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict != "supported"


@pytest.mark.parametrize("claim", [
    # a share is not checked: what it is a share of, no source figure says (the plan's 约占全国总量一半
    # is a share of China's total; the prosecutors' arrests rose 64.29%, no share of repeat offenders)
    "By 2020 Guangdong's PCT applications came to about 207,000, close to half of China's total.",
    "2024年全省检察机关批准逮捕的1854人中,约三分之二为累犯。",
    "In 2023, more than half of the 91,000 new IP cases in Guangdong's courts were patent cases.",
    # nor does its clause's subject (发明专利) qualify the figure before it: 69.26万 patents in all
    "2024年全省专利授权量69.26万件,其中发明专利约占四分之一。",
])
def test_a_share_stated_as_a_fraction_is_not_checked(qa: QA, claim: str) -> None:
    v = qa.verify(claim)
    assert v.verdict == "not_found", v.explanation
    shares = [c for c in v.checks if c.claimed is not None and c.claimed.unit == "%"]
    assert shares and all(c.verdict == "not_found" and "not checked" in c.explanation for c in shares)
    assert not any(c.verdict == "contradicted" for c in v.checks)


@pytest.mark.parametrize("claim", [
    # the source's rise (同比分别上升64.29%、68.24%; "representing year-on-year increases of") claimed as a fall
    "2024年全省检察机关批准逮捕人数同比减少约三分之二。",
    "Arrests approved by Guangdong prosecutors fell by about two-thirds in 2024.",
    "2024年全省专利商标质押融资额下降近一半。",
])
def test_a_fraction_claimed_the_other_way_is_contradicted(qa: QA, claim: str) -> None:
    v = qa.verify(claim)
    assert v.verdict == "contradicted", v.explanation
    assert "the claim says it fell" in v.explanation


@pytest.mark.parametrize("claim", [
    # 批准逮捕…案件1265件…人数…同比分别上升64.29%、68.24%: the cases rose 64.29%, the suspects 68.24%
    "2024年全省检察机关批准逮捕案件数同比上升68.24%。",
    # the KTV cases fell by over 30%; all new cases by 8.54%: a fraction's value picks no figure
    "New IPR cases received by Guangdong courts fell by a third in 2024.",
    "In 2024, newly accepted IPR cases in courts across the province decreased by more than a quarter.",
    # a claim about IP cases in general is not judged by one kind's (the KTV copyright cases') figure
    "In 2024 new IP cases received by Guangdong's courts fell by over 30%.",
    "2024年全省法院新收知识产权案件同比下降超三成。",
])
def test_a_value_near_the_claimed_one_in_another_metric_supports_nothing(qa: QA, claim: str) -> None:
    assert qa.verify(claim).verdict != "supported"


def test_a_sources_fraction_word_judges_no_number(qa: QA) -> None:
    # the plan's PCT applications 约占全国总量一半: about half judges no 55%, true or false
    v = qa.verify("广东“十三五”时期PCT国际专利申请量累计占全国总量的55%。")
    assert v.verdict == "not_found", v.explanation


@pytest.mark.parametrize("claim", [
    "2024年全国专利商标质押融资额同比增长近一半。",
    "Nationwide patent and trademark pledge financing rose 49.74% in 2024.",
])
def test_a_claim_about_the_whole_country_is_not_judged_by_the_provinces_figure(qa: QA, claim: str) -> None:
    v = qa.verify(claim)
    assert v.verdict == "not_found" and "whole country" in v.explanation, v.explanation
    # the province's own claim is
    assert qa.verify("2024年广东专利商标质押融资额同比增长近一半。").verdict == "supported"


def test_a_claim_naming_its_province_is_about_it_whatever_else_is_nationwide(qa: QA) -> None:
    # "nationwide" names the campaign; the claim is Guangdong's 1,379.9 tons
    v = qa.verify("Guangdong destroyed close to 1,380 tonnes of fake and shoddy goods in a 2023 nationwide campaign.")
    assert v.verdict == "supported", v.explanation
