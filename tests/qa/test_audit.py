"""The consistency audit: pairing rules on synthetic records written like the corpus, then the
real corpus (what the documents say, checked against the raw files) and `qa audit --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.build import build_index
from index.settings import Settings
from index.types import Chunk
from qa.audit import audit, audit_index, translation_findings, year_on_year_findings
from qa.audit_cli import render_report
from qa.audit_common import partial_count
from qa.audit_types import AuditReport
from tests.qa.synthetic import Corpus, chunk
from tests.support import make_workspace, run_qa

RATE_2024 = "2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件,同比上升64.29%。"


def linked(c: Chunk, section: str) -> Chunk:
    return c.model_copy(update={"linked_section": [section]})


def yoy(*texts_2023: str) -> tuple[list[str], int]:
    """(findings' second-side figures, pairs compared) for the 2024 rate sentence against 2023 sentences."""
    chunks = [chunk(RATE_2024, cid="a", doc="p2024")]
    chunks += [chunk(t, cid=f"b{i}", doc="p2023", year=2023) for i, t in enumerate(texts_2023)]
    corpus = Corpus(*chunks)
    found, compared = year_on_year_findings(corpus.records, {})
    return [f.second.text for f in found], compared


def test_a_rate_that_does_not_fit_the_other_years_figure_is_found() -> None:
    found, compared = yoy("2023年,全省检察机关共批捕侵犯知识产权犯罪案件800件。")
    assert (found, compared) == (["800件"], 1)


def test_a_rate_that_fits_is_compared_and_not_a_finding() -> None:
    assert yoy("2023年,全省检察机关共批捕侵犯知识产权犯罪案件770件。") == ([], 1)


@pytest.mark.parametrize("other", [
    "2023年,深圳市检察机关共批捕侵犯知识产权犯罪案件800件。",  # another place
    "2023年,全省检察机关共批捕侵犯知识产权犯罪嫌疑人800人。",  # another unit
    "2023年,全省检察机关共起诉侵犯知识产权犯罪案件800件。",  # another action
    "2023年,全省公安机关共立侵犯知识产权犯罪案件800件。",  # another agency (and action)
    "2022年,全省检察机关共批捕侵犯知识产权犯罪案件800件。",  # another year
    "2023年,全省检察机关共批捕侵犯知识产权犯罪案件超800件。",  # a hedged figure
])
def test_another_statistic_is_not_paired(other: str) -> None:
    assert yoy(other) == ([], 0)


def test_base_year_figures_that_disagree_among_themselves_are_not_compared() -> None:
    assert yoy("2023年,全省检察机关共批捕侵犯知识产权犯罪案件800件。",
               "2023年全年,全省检察机关共批捕侵犯知识产权犯罪案件810件。") == ([], 0)


def translation(zh: str, en: str) -> tuple[list[tuple[str, str]], int]:
    corpus = Corpus(linked(chunk(zh, cid="z", doc="p", section=("三、司法",)), "III. Judicial"),
                    linked(chunk(en, cid="e", doc="p", lang="en", section=("III. Judicial",)), "三、司法"))
    found, compared = translation_findings({c.id: c for c in corpus.chunks}, corpus.records, {})
    return [(f.first.text, f.second.text) for f in found], compared


def test_a_translation_that_gives_another_figure_is_found() -> None:
    found, compared = translation(
        "2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件,起诉1779件。",
        "In 2024, procuratorial organs across the province approved the arrest of suspects in 1,256 IPR "
        "infringement cases and prosecuted 1,779 cases.")
    assert found == [("1265件", "1,256 IPR infringement cases")]
    assert compared == 1  # 1779 = 1,779 was aligned by the index: nothing to compare


def test_across_languages_compatible_units_are_paired() -> None:
    """The English noun "cases" is read as 件; the Chinese measure word is 宗."""
    zh = "2023年,全省市场监管部门共办结专利侵权纠纷案件2282宗。"
    found, compared = translation(zh, "In 2023, market regulators concluded 2,228 patent infringement dispute cases.")
    assert (found, compared) == ([("2282宗", "2,228 patent infringement dispute cases")], 1)
    assert translation(zh, "In 2023, market regulators concluded 2,282 patent infringement dispute cases.") == ([], 0)


def test_in_one_language_another_measure_word_is_not_paired() -> None:
    assert yoy("2023年,全省检察机关共批捕侵犯知识产权犯罪案件800起。") == ([], 0)


def test_a_translation_with_the_same_figure_is_no_finding() -> None:
    assert translation("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件。",
                       "In 2024, procuratorial organs across the province approved the arrest of suspects in 1,265 "
                       "IPR infringement cases.")[0] == []


@pytest.mark.parametrize("en", [
    # the courts, not the prosecutors
    "In 2024, courts across the province accepted 1,256 IPR infringement cases.",
    # the figure left out of the translation: another figure of the section is no counterpart
    "In 2024, procuratorial organs across the province handled 34 cases of procuratorial advice.",
])
def test_a_figure_of_another_agency_or_left_out_is_no_disagreement(en: str) -> None:
    assert translation("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件。", en)[0] == []


def test_eight_departments_and_the_administration_with_7_others_are_not_paired() -> None:
    """The 2024 white paper: 省市场监管局…等八部门 is "the Administration … and other 7 departments",
    eight either way. "other 7" counts the rest of the list, so it is never paired, even where
    both sides name the same agency and action."""
    corpus = Corpus(
        linked(chunk("省市场监管局(知识产权局)等八部门印发实施《贯彻落实〈知识产权保护体系建设工程实施方案〉任务分工》。",
                     cid="z", doc="p", section=("五、协同保护",)), "V. Coordinated protection"),
        linked(chunk("Guangdong Administration for Market Regulation (Guangdong Intellectual Property Administration) "
                     "and other 7 departments issued and implemented the Division of Tasks.", cid="e", doc="p",
                     lang="en", section=("V. Coordinated protection",)), "五、协同保护"))
    zh, en = corpus.records
    assert (zh.text, en.text, zh.agency, en.agency) == ("八部门", "7 departments", "market_regulation",
                                                        "market_regulation")
    assert partial_count(en) and not partial_count(zh)
    same_roles = [zh, en.model_copy(update={"action": zh.action})]
    assert translation_findings({c.id: c for c in corpus.chunks}, same_roles, {}) == ([], 0)


# ------------------------------------------------------------------ the real corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = make_workspace(tmp_path_factory.mktemp("audit"))
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def report(built: Settings) -> AuditReport:
    return audit_index(built)


def test_the_arrests_example_is_found_with_both_sides_cited(report: AuditReport, built: Settings) -> None:
    arrests = [f for f in report.findings if f.kind == "year_on_year" and f.first.text == "1265件"]
    assert len(arrests) == 1
    f = arrests[0]
    assert (f.first.doc_id, f.second.doc_id, f.second.text, f.rate) == (
        "gd-ip-protection-2024", "gd-ip-protection-2023", "800件", "+64.29%")
    assert 769.9 < f.expected_low <= 770 <= f.expected_high < 770.1
    assert "±0.005 percentage points" in f.tolerance
    for s in (f.first, f.second):
        raw = (built.corpus_dir / s.source).read_text(encoding="utf-8")
        assert raw[s.raw_start : s.raw_end] == s.text  # the raw offsets point at the figure
        assert s.quote[s.figure_start : s.figure_end] == s.text


def test_the_real_audit_finds_what_was_reviewed(report: AuditReport) -> None:
    """Each of these was read in the sources (see the report of issue 14.4): the 2024 white paper's
    rates for arrests and prosecutions do not fit the 2023 paper's counts, and the plan's two
    tables give the 2020 satisfaction score as 75.07 and as 80."""
    got = sorted((f.kind, f.first.text, f.second.text) for f in report.findings)
    assert got == sorted([
        ("year_on_year", "1265件", "800件"), ("year_on_year", "1854人", "1156人"),
        ("year_on_year", "1779件", "1155件"), ("year_on_year", "3192人", "2061人"),
        ("plan_table", "75.07", "80"),
    ])
    # rates that do fit: 83308件 down 8.54% on 9.1万件; 3453.97亿元 up 49.74% on 2306.71亿元
    assert report.agreed["year_on_year"] >= 2
    assert report.agreed["plan_text"] >= 2  # 35.1万件 and 543.0万件 in the text and the table


def test_cli_json(built: Settings, report: AuditReport) -> None:
    done = run_qa(built, "audit", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert AuditReport.model_validate(data) == report
    readable = run_qa(built, "audit")
    assert readable.returncode == 0 and readable.stdout.strip() == render_report(report).strip()
    assert "【1265件】" in readable.stdout


def test_cli_without_an_index_is_one_line(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path)
    done = run_qa(settings, "audit", "--json")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "qa index" in done.stderr.strip().splitlines()[-1]


def test_audit_of_nothing_is_empty() -> None:
    r = audit([], [], {})
    assert r.findings == [] and set(r.compared.values()) == {0}
