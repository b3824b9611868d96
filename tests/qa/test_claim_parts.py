"""A claim of several figures taken apart (qa.claim_parts, qa.frame.part_agency): who each figure
is about, and which figure of the source sentence it pairs with. Sentences written for these tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from index.figures import parse_figures
from qa.claim_parts import locatable, own_action, pair_in_sentence, reports_disagree
from qa.frame import part_agency
from tests.qa.synthetic import Corpus, chunk

POLICE = "2022年,某市公安机关立案侦办侵权案件612起,破案540起,抓获犯罪嫌疑人1300名。"
COURTS = "2022年,某市法院新收知识产权案件3000件,审结2800件,存案900件。"
HELP = "2022年,某区累计受理维权援助申请420件,为96家企业提供咨询服务。"


def _figures(text: str) -> list:
    return [f for f in parse_figures(text) if f.kind in ("quantity", "percent", "rank")]


@pytest.mark.parametrize(
    ("text", "which", "agency"),
    [
        # the actor its own words name
        ("2022年某市法院新收案件3000件,审结2800件。", 0, "court"),
        # none of its own: the nearest named before it
        ("2022年某市法院新收案件3000件,审结2800件。", 1, "court"),
        ("In 2022 the city's police filed 612 cases and solved 540.", 1, "police"),
        # an actor named only in a later figure's clause is that figure's
        ("2022年某市办理行政案件820宗,其海关查扣货物75批次。", 0, None),
        ("2022年某市办理行政案件820宗,其海关查扣货物75批次。", 1, "customs"),
        ("In 2022 the city handled 820 administrative cases, its customs seized 75 batches.", 0, None),
        ("In 2022 the city handled 820 administrative cases and its customs seized 75 batches.", 0, None),
        # the nearest before it: who published the figure is named first
        ("市知识产权局发布的报告显示,2022年某市法院新收案件3000件。", 0, "court"),
        ("In 2022, 3,000 new cases were received by the city's courts.", 0, "court"),
    ],
)
def test_part_agency(text: str, which: int, agency: str | None) -> None:
    figures = _figures(text)
    assert part_agency(text, figures, figures[which]) == agency


def _pair(source: str, claim: str, which: int, anchor_sure: bool = True) -> tuple[str, str] | None:
    corpus = Corpus(chunk(source, cid="c1"))
    frame = corpus.frame(claim, "claim")
    figs = corpus.rank(frame)
    first = frame.figures[0]
    anchor = next(f for f in figs if f.figure.value == first.value)
    claimed = frame.figures[which]
    paired = pair_in_sentence(claimed, own_action(frame.text, frame.figures, claimed), frozenset(), anchor, figs,
                              frozenset({anchor.record.id}), anchor_sure)
    return (paired[0].figure.text, paired[1]) if paired else None


@pytest.mark.parametrize(
    ("claim", "which", "paired"),
    [
        # the same action: the equal figure, and a changed one
        ("2022年某市公安机关立案侦办侵权案件612起,破案540起。", 1, "540起"),
        ("2022年某市公安机关立案侦办侵权案件612起,破案450起。", 1, "540起"),
        # no action of its own: the one figure of its unit left in the sentence
        ("2022年某市公安机关立案侦办侵权案件612起,抓获嫌疑人1400名。", 1, "1300名"),
    ],
)
def test_a_further_figure_pairs_with_the_one_that_counts_the_same(claim: str, which: int, paired: str) -> None:
    got = _pair(POLICE, claim, which)
    assert got is not None and got[0] == paired


def test_an_equal_figure_of_two_of_its_unit_and_no_action_pairs_with_neither() -> None:
    # 900件 is the pending count: "另有900件" may restate it, or swap a metric for it.
    assert _pair(COURTS, "2022年某市法院新收知识产权案件3000件,另有900件。", 1) is None


def test_a_changed_figure_is_not_paired_when_the_first_was_not_found_with_its_value() -> None:
    assert _pair(POLICE, "2022年某市公安机关立案侦办侵权案件612起,破案450起。", 1, anchor_sure=False) is None


def test_two_figures_of_its_unit_and_no_action_of_its_own_pair_with_neither() -> None:
    # 2800件 and 900件 are both left: which one "另有1000件" restates is not sure.
    assert _pair(COURTS, "2022年某市法院新收知识产权案件3000件,另有1000件。", 1) is None


def test_a_figure_of_another_unit_never_pairs() -> None:
    # 96家 counts firms, the claim's second figure cases.
    assert _pair(HELP, "2022年某区累计受理维权援助申请420件,办结69件。", 1) is None


INSURANCE = "2022年,某市保险机构为830家企业提供海外侵权责任险43單1.26億元。"


@pytest.mark.parametrize(("claim", "paired"), [
    # an English noun's 项 (policies) is a guess of the classifier the source writes (單)
    ("In 2022 the city's insurers covered 830 firms with 43 overseas liability policies.", "43單"),
    # a Chinese claim's 项 is what it says: no pair with 單
    ("2022年,某市保险机构为830家企业提供海外侵权责任险43项。", None),
])
def test_an_english_item_noun_pairs_with_the_sources_classifier(claim: str, paired: str | None) -> None:
    got = _pair(INSURANCE, claim, 1)
    assert (got[0] if got else None) == paired


def test_an_english_item_noun_does_not_pair_with_a_same_valued_count_of_anything() -> None:
    # 43个 counts workstations; the claim's "43 policies" misstates the 12單
    source = "2022年,某市建成保护工作站43个,为830家企业提供海外侵权责任险12單。"
    got = _pair(source, "In 2022 the city's insurers covered 830 firms with 43 liability policies.", 1)
    assert got is None or got[0] != "43个"


def test_the_sentence_runs_on_into_the_next_chunk() -> None:
    first = chunk("2022年,某市公安机关立案侦办侵权案件612起;", cid="c1", year=2022)
    second = chunk("破案540起,抓获犯罪嫌疑人1300名。", cid="c2", year=2022)
    n = len(first.text)
    second = second.model_copy(update={"raw_start": n, "raw_end": n + len(second.text)})
    corpus = Corpus(first, second)
    frame = corpus.frame("2022年某市公安机关立案侦办侵权案件612起,破案450起。", "claim")
    figs = corpus.rank(frame)
    anchor = next(f for f in figs if f.figure.value == 612)
    claimed = frame.figures[1]
    paired = pair_in_sentence(claimed, own_action(frame.text, frame.figures, claimed), frozenset(), anchor, figs,
                              frozenset({anchor.record.id}), True)
    assert paired is not None and paired[0].figure.text == "540起"


def test_the_one_figure_of_its_unit_the_rules_leave_is_not_paired_beside_another_they_leave_out() -> None:
    # 900件 is ruled out (another qualifier), but the claim's 1000件 may be a misread of it as
    # much as of 3000件: no figure of its unit pairs for sure.
    source = "2022年,某市发明专利授权量3000件,同比增长12%,外观设计专利授权量900件。"
    assert _pair(source, "2022年某市发明专利授权量同比增长12%,另有1000件。", 1) is None
    # With the other one absent, the one left pairs.
    assert _pair("2022年,某市发明专利授权量3000件,同比增长12%。", "2022年某市发明专利授权量同比增长12%,另有1000件。",
                 1) == ("3000件", "the one figure of its unit in the sentence of the claim's first figure")


def _from(doc_id: str) -> Any:
    return SimpleNamespace(record=SimpleNamespace(doc_id=doc_id))


@pytest.mark.parametrize(("verdicts", "docs", "disagree"), [
    (["contradicted", "contradicted"], ["gd-2023", "gd-2024"], True),
    (["contradicted", "not_found", "contradicted"], ["gd-2023", None, "gd-2024"], True),
    # one report: one pairing may be wrong and the other figure still false
    (["contradicted", "contradicted"], ["gd-2024", "gd-2024"], False),
    # a figure found supported says which report the claim restates
    (["supported", "contradicted", "contradicted"], ["gd-2024", "gd-2023", "gd-2024"], False),
    (["contradicted"], ["gd-2023"], False),
    (["contradicted", "not_found"], ["gd-2023", "gd-2024"], False),
])
def test_contradictions_from_different_reports(verdicts: list[str], docs: list[str | None], disagree: bool) -> None:
    assert reports_disagree(verdicts, [_from(d) if d else None for d in docs]) is disagree


def test_a_claim_naming_two_years_is_judged_by_each_years_report() -> None:
    sources = [_from("gd-2023"), _from("gd-2024")]
    assert not reports_disagree(["contradicted", "contradicted"], sources, [2023, 2024])
    assert reports_disagree(["contradicted", "contradicted"], sources, [2024])


@pytest.mark.parametrize(("claim", "locates"), [
    ("2024年全省法院新收知识产权案件83308件,审结88462件。", True),
    ("2024年全省法院新收知识产权案件83308件。", False),  # one figure locates no sentence
    ("两家基地培训1530人次。", False),  # a small count beside it is stated anywhere
    ("结收比106.19%,调撤率57.4%。", True),
])
def test_values_enough_to_locate_a_sentence(claim: str, locates: bool) -> None:
    stated = [f for f in parse_figures(claim) if f.kind in ("quantity", "percent", "rank")]
    assert locatable(stated) is locates
