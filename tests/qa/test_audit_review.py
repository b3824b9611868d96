"""The audit's "needs review" tier: the tiering rule on sentences written like the corpus, then the
real corpus (the confident findings unchanged; the police's case filings reviewed)."""

from __future__ import annotations

import pytest

from index.build import build_index
from qa.audit import audit, audit_index
from qa.audit_cli import render_report
from qa.audit_review import REVIEW_GAP, close, gap
from qa.audit_types import AuditFinding, AuditReport
from tests.qa.synthetic import Corpus, chunk
from tests.support import make_workspace

POLICE_2024 = "2024年,全省公安机关共立知识产权刑事案件2249件,同比增长5.8%。"  # 5.8% on 2023: about 2126
ARRESTS_2024 = "2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件,同比上升64.29%。"  # about 770 in 2023


def run(rate_2024: str, *texts_2023: str) -> AuditReport:
    chunks = [chunk(rate_2024, cid="a", doc="p2024")]
    chunks += [chunk(t, cid=f"b{i}", doc="p2023", year=2023) for i, t in enumerate(texts_2023)]
    corpus = Corpus(*chunks)
    return audit(corpus.chunks, corpus.records, {})


def pairs(found: list[AuditFinding]) -> list[tuple[str, str]]:
    return [(f.first.text, f.second.text) for f in found]


def test_another_measure_word_and_wording_close_to_the_rate_is_reviewed_not_found() -> None:
    """起 → 件 and 侵犯知识产权犯罪案件 → 知识产权刑事案件: the paper may count something else now, so the
    confident tier leaves the pair out; 1926 against about 2126 is close enough to look at."""
    r = run(POLICE_2024, "2023年,全省公安机关共立侵犯知识产权犯罪案件1926起。")
    assert r.findings == [] and r.compared["year_on_year"] == 0
    assert pairs(r.review) == [("2249件", "1926起")]
    f = r.review[0]
    assert (f.tier, f.kind, f.rate) == ("review", "year_on_year", "+5.8%")
    assert f.reasons[0] == "measure word 件 vs 起"
    assert f.reasons[1].startswith("metric worded otherwise: “全省公安机关共立知识产权刑事案件”")
    assert f.reasons[-1] == "the figures are 9.3% apart beyond the printed rounding"
    assert f.reasons_zh[0] == "量词不同(件 / 起)"
    assert f.explanation.endswith("the 2023 figure printed for what is probably the same count is 1926起.")
    assert 2124 < f.expected_low < f.expected_high < 2127 and f.found_low == 1926


@pytest.mark.parametrize("other", [
    "2023年,全省公安机关共立侵犯知识产权犯罪案件2126起。",  # fits the rate: nothing to review
    "2023年,全省公安机关共立侵犯知识产权犯罪案件1500起。",  # 29% off: more likely another statistic
    "2023年,全省检察机关共立侵犯知识产权犯罪案件1926起。",  # another agency: two statistics
    "2023年,全省公安机关共破获侵犯知识产权犯罪案件1926起。",  # another action (破案, not 立案)
    "2023年,全省公安机关共立侵犯知识产权犯罪案件超1926起。",  # hedged: how far it reaches is not said
    "2023年,全省共立侵犯知识产权犯罪案件1926起。",  # agency, measure word and wording: three unknowns
    "2023年,全省公安机关抓获犯罪嫌疑人1926名。",  # people, not cases
])
def test_what_is_not_reviewed(other: str) -> None:
    assert run(POLICE_2024, other).review == []


def test_a_confident_pair_is_never_also_reviewed() -> None:
    """The arrests: same agency, action, unit and a shared metric phrase — a finding, no review."""
    r = run(ARRESTS_2024, "2023年,全省检察机关共批捕侵犯知识产权犯罪案件800件。",
            "2023年,全省检察机关共批捕侵犯知识产权犯罪案件800起。")
    assert pairs(r.findings) == [("1265件", "800件")] and r.review == []
    f = r.findings[0]
    assert (f.tier, f.reasons) == ("confident", [])
    assert f.explanation.endswith("but the 2023 figure printed is 800件.")  # worded as before the review tier
    assert f.explanation_zh.endswith(";而2023年的数字为800件。")


def test_base_year_candidates_that_disagree_among_themselves_are_not_reviewed() -> None:
    assert run(POLICE_2024, "2023年,全省公安机关共立侵犯知识产权犯罪案件1926起。",
               "2023年,全省公安机关共立侵犯知识产权犯罪案件1990起。").review == []


def translation(zh: str, en: str) -> AuditReport:
    corpus = Corpus(chunk(zh, cid="z", doc="p", section=("三、司法",)).model_copy(
                        update={"linked_section": ["III. Judicial"]}),
                    chunk(en, cid="e", doc="p", lang="en", section=("III. Judicial",)).model_copy(
                        update={"linked_section": ["三、司法"]}))
    return audit(corpus.chunks, corpus.records, {})


ZH_ARRESTS = "2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件。"


def test_a_translation_that_leaves_the_agency_out_is_reviewed() -> None:
    r = translation(ZH_ARRESTS, "In 2024, 1,256 IPR infringement cases were approved for arrest.")
    assert r.findings == [] and pairs(r.review) == [("1265件", "1,256 IPR infringement cases")]
    assert r.review[0].reasons[0] == "agency named on one side only (procuratorate)"
    assert r.review[0].kind == "translation"
    assert r.review[0].explanation.endswith("for what is probably the same figure.")  # not "the same agency"


@pytest.mark.parametrize("en", [
    "In 2024, 1,265 IPR infringement cases were approved for arrest.",  # the same figure (aligned)
    "In 2024, 65 IPR infringement cases were approved for arrest.",  # far off
    "In 2024, 1,256 IPR infringement cases were prosecuted.",  # another action
])
def test_a_translation_not_reviewed(en: str) -> None:
    assert translation(ZH_ARRESTS, en).review == []


def test_gap_is_the_distance_between_ranges_over_the_larger() -> None:
    assert gap((770, 770), (800, 800)) == pytest.approx(30 / 800)
    assert gap((10, 12), (11, 11)) == 0.0
    assert close((2125, 2127), (1926, 1926)) and not close((2125, 2127), (2126, 2126))
    assert not close((100, 100), (100 * (1 - REVIEW_GAP) - 1, 100 * (1 - REVIEW_GAP) - 1))


# ------------------------------------------------------------------ the real corpus


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> AuditReport:
    settings = make_workspace(tmp_path_factory.mktemp("audit-review"))
    build_index(settings)
    return audit_index(settings)


def test_the_confident_findings_are_unchanged(report: AuditReport) -> None:
    """The same five as before the review tier (tests/qa/test_audit.py), none of them reviewed."""
    got = sorted((f.kind, f.first.text, f.second.text, f.tier) for f in report.findings)
    assert got == sorted([
        ("year_on_year", "1265件", "800件", "confident"), ("year_on_year", "1854人", "1156人", "confident"),
        ("year_on_year", "1779件", "1155件", "confident"), ("year_on_year", "3192人", "2061人", "confident"),
        ("plan_table", "75.07", "80", "confident"),
    ])
    assert (report.compared["year_on_year"], report.agreed["year_on_year"]) == (6, 2)


def test_the_police_filings_are_reviewed(report: AuditReport) -> None:
    """The 2024 paper: 立知识产权刑事案件2249件, 同比增长5.8% puts 2023 at about 2126; the 2023 paper:
    立侵犯知识产权犯罪案件1926起. Same agency (police), action (file_case), place and year; only the
    measure word (起 → 件) and the wording (犯罪案件 → 刑事案件) differ, and 1926 is 9.3% below 2126:
    by the rule, probably the same count, maybe redefined — a journalist should ask which. It is
    the only pair of the corpus the rule admits."""
    assert [(f.kind, f.first.text, f.second.text) for f in report.review] == [("year_on_year", "2249件", "1926起")]
    f = report.review[0]
    assert (f.first.doc_id, f.second.doc_id, f.first.agency, f.second.agency) == (
        "gd-ip-protection-2024", "gd-ip-protection-2023", "police", "police")
    assert [r.split(":")[0].split(" ")[0] for r in f.reasons] == ["measure", "metric", "the"]
    text = render_report(report)
    assert text.index("NEEDS REVIEW") > text.index("【1265件】")
    assert "[review] " in text and "not sure because: measure word 件 vs 起" in text
