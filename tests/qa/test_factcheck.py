"""The fact-check report renderers (qa.factcheck): Markdown, CSV, plain text."""

from __future__ import annotations

import csv
import io

import pytest

from qa.factcheck import CSV_FIELDS, assumed_text, to_csv, to_markdown, to_text
from qa.types import ArticleCheck, ArticleSentence, ArticleSummary, Check, Citation, FigureOut

QUOTE = "2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;"
CITE = Citation(source="gd-ip-protection-2024.txt", doc_id="gd-ip-protection-2024", title="2024年广东省知识产权保护状况",
                year=2024, section="三、从严加强知识产权司法保护", lang="zh", quote=QUOTE, start=1584, end=1621)
TRUE = FigureOut(text="83308件", value=83308, unit="件")
FALSE = FigureOut(text="93308件", value=93308, unit="件")


def sentence(number: int, text: str, verdict: str, **kw: object) -> ArticleSentence:
    return ArticleSentence.model_validate({"number": number, "text": text, "start": 0, "end": len(text),
                                           "paragraph": 0, "verdict": verdict, **kw})


def article() -> ArticleCheck:
    ok = Check(claimed=TRUE, found=TRUE, verdict="supported", explanation="matches", citations=[CITE],
               confidence=0.99)
    bad = Check(claimed=FALSE, found=TRUE, verdict="contradicted", explanation="does not match", citations=[CITE])
    sentences = [
        sentence(1, "2024年法院新收83308件。", "supported", claimed=TRUE, found=TRUE, checks=[ok], citations=[CITE],
                 explanation="matches"),
        sentence(2, "=HYPERLINK(\"x\") 新收93308件 | [link](javascript:1)", "contradicted", claimed=FALSE,
                 found=TRUE, checks=[bad], citations=[CITE], assumed={"year": "2024", "agency": "court"},
                 assumed_from=1, explanation="does not match"),
        sentence(3, "全省有大熊猫120只。", "not_found", explanation="not in the documents",
                 checks=[Check(claimed=FigureOut(text="120只", value=120, unit="只"), found=None,
                               verdict="not_found", explanation="not in the documents", citations=[])]),
        sentence(4, "天气很好。", "skipped", skip_reason="no figure"),
    ]
    summary = ArticleSummary(sentences=4, claims=3, supported=1, contradicted=1, not_found=1, skipped=1)
    return ArticleCheck(lang="zh", chars=80, sentences=sentences, summary=summary)


def rows() -> list[dict[str, str]]:
    data = to_csv(article())
    assert data.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_one_row_per_checked_figure_and_each_skipped_sentence() -> None:
    got = rows()
    assert list(got[0]) == CSV_FIELDS
    assert [r["sentence_no"] for r in got] == ["1", "2", "3", "4"]
    first = got[0]
    assert (first["sentence_verdict"], first["figure_verdict"], first["claimed"], first["source_figure"]) == (
        "supported", "supported", "83308件", "83308件")
    assert (first["source_quote"], first["document"], first["section"]) == (QUOTE, CITE.source, CITE.section)
    assert (first["raw_start"], first["raw_end"], first["source_value"], first["confidence"]) == (
        "1584", "1621", "83308", "0.99")
    assert got[1]["assumed"] == "year 2024; agency court (from sentence 1)"
    assert got[2]["source_figure"] == "" and got[2]["document"] == ""
    assert (got[3]["sentence_verdict"], got[3]["explanation"]) == ("skipped", "no figure")


def test_csv_cells_never_run_as_spreadsheet_formulas() -> None:
    assert rows()[1]["sentence"].startswith("'=HYPERLINK")


def test_markdown_report_lists_claims_sources_and_skips() -> None:
    md = to_markdown(article())
    assert "**3 claims** in 4 sentences" in md
    assert "1 supported · 1 contradicted · 1 not found · 1 skipped" in md
    table = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert table == [(f"| 1 | 2024年法院新收83308件。 | SUPPORTED 有来源支持 | 83308件 | 83308件 | {CITE.source} | "
                     f"{CITE.section} | 1584–1621 |")]
    assert f"Quote: “{QUOTE}”" in md
    assert "## Skipped · 未核查的句子" in md and "4. 天气很好。 — *no figure*" in md
    assert "Assumed from earlier sentences: year 2024; agency court (from sentence 1)." in md


def test_markdown_escapes_the_articles_text() -> None:
    md = to_markdown(article())
    line = next(x for x in md.splitlines() if x.startswith("| 2 |"))
    assert line.count(" | ") == 7  # the pipe inside the sentence did not add a column
    assert "\\[link\\](javascript:1)" in line and "[link](" not in line


def test_plain_text_for_the_cli() -> None:
    text = to_text(article())
    assert text.splitlines()[0] == "[1] SUPPORTED: 2024年法院新收83308件。"
    assert "[4] SKIPPED (no figure): 天气很好。" in text
    assert "gd-ip-protection-2024.txt chars 1584-1621" in text
    assert text.splitlines()[-1] == "4 sentences: 1 supported, 1 contradicted, 1 not found, 1 skipped"


@pytest.mark.parametrize("assumed, source, expected", [
    ({}, None, ""),
    ({"year": "2024"}, 2, "year 2024 (from sentence 2)"),
    ({"year": "2024", "subject": "法院新收83308件。"}, 1, "year 2024; about “法院新收83308件。” (from sentence 1)"),
])
def test_assumed_text(assumed: dict[str, str], source: int | None, expected: str) -> None:
    assert assumed_text(sentence(2, "x", "supported", assumed=assumed, assumed_from=source)) == expected
