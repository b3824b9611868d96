"""The Claim tab's whole-article check, rendered without a browser (app_article)."""

from __future__ import annotations

from pathlib import Path

from app_article import check_article, render_article, report_files
from qa.api import QAError
from qa.article import MAX_ARTICLE_CHARS
from tests.qa.test_factcheck import article


class FakeArticleQA:
    def __init__(self, fail: Exception | None = None) -> None:
        self.fail = fail
        self.calls: list[str] = []

    def check_article(self, text: str):  # type: ignore[no-untyped-def]
        self.calls.append(text)
        if self.fail is not None:
            raise self.fail
        return article()


def test_each_sentence_has_its_badge_and_the_summary_counts() -> None:
    page = render_article(article())
    for verdict in ("supported", "contradicted", "not_found", "skipped"):
        assert f"<li class='qa-art-sentence qa-art-{verdict}'>" in page
    assert page.count("qa-badge-supported") == 2  # the summary chip and the sentence's badge
    assert "Supported: 1" in page and "Skipped: 1" in page
    assert "no figure" in page
    assert "Assumed: year 2024; agency court (from sentence 1)" in page
    assert "chars 1584–1621" in page  # the citation card with the raw offsets


def test_article_and_document_text_is_escaped() -> None:
    page = render_article(article())
    assert "=HYPERLINK(&quot;x&quot;)" in page
    assert "<script" not in page and "[link](javascript:1)" in page  # shown as text, not a link


def test_handler_returns_the_page_and_both_reports(tmp_path: Path) -> None:
    qa = FakeArticleQA()
    page, md, csv = check_article(qa, "2024年法院新收83308件。")
    assert "qa-article" in page and md and csv
    assert Path(md).read_text(encoding="utf-8").startswith("# Fact-check report")
    assert Path(csv).read_bytes().startswith("\ufeffsentence_no".encode())
    assert report_files(article()) == (md, csv)  # same content, same files


def test_too_long_is_refused_before_any_work() -> None:
    qa = FakeArticleQA()
    page, md, csv = check_article(qa, "字" * (MAX_ARTICLE_CHARS + 1))
    assert "limit is 20,000" in page and "qa-error" in page
    assert (md, csv, qa.calls) == (None, None, [])


def test_an_api_error_is_one_line_on_the_page() -> None:
    page, md, csv = check_article(FakeArticleQA(QAError("The article is empty: paste an article.")), "")
    assert page == "<div class='qa-error' role='alert'>The article is empty: paste an article.</div>"
    assert md is None and csv is None
