"""The real app (real QA, real index) in a real chromium: chat, claim check, figures, safety, status.

Screenshots go to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from index.search_form import to_simplified
from tests.app.conftest import Page

pytestmark = pytest.mark.browser

ANSWER_TIMEOUT = 120_000  # ms; the first call warms the model up
XSS = ('<script>alert(1)</script><img src=x onerror="alert(2)"> **bold** [x](javascript:alert(3)) '
       "2024年广东检察机关批准逮捕多少件?")


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as _expect

    return _expect(locator)


def ask(p: Page, question: str, *, enter: bool = False) -> Any:
    """Ask through the UI and return the new (newest, so last) chat answer once it has rendered."""
    turns = p.page.locator("#chat-log .qa-turn")
    before = turns.count()
    box = p.page.locator("#question textarea")
    box.fill(question)
    if enter:
        box.press("Enter")
    else:
        p.page.locator("#ask").click()
    expect(turns).to_have_count(before + 1, timeout=ANSWER_TIMEOUT)
    return turns.last


def open_tab(p: Page, name: str) -> None:
    p.page.get_by_role("tab", name=name).click()


def test_chinese_question_cites_the_2024_white_paper(app_page: Page) -> None:
    turn = ask(app_page, "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?")
    expect(turn.locator(".qa-figure-text")).to_contain_text("1265")
    card = turn.locator(".qa-cite").first
    expect(card.locator(".qa-cite-title")).to_have_text("2024年广东省知识产权保护状况")
    expect(card.locator("mark").first).to_contain_text("1265")
    expect(card.locator(".qa-linked")).to_contain_text("1,265")  # the English translation, side by side
    assert not app_page.dialogs
    assert app_page.external == []
    card.locator("details summary").click()
    app_page.screenshot("chat_zh")
    # "Show paragraph" opens the paragraph the quote comes from, the quote emphasised in it.
    expect(card.locator(".qa-para .qa-in-para")).to_contain_text("批准逮捕侵犯知识产权犯罪案件")


def test_english_question_about_customs(app_page: Page) -> None:
    turn = ask(app_page, "How many batches of infringing goods did customs in Guangdong seize in 2023?",
               enter=True)
    expect(turn.locator(".qa-figure-text")).to_have_text(re.compile(r"15,?766"))
    expect(turn.locator(".qa-cite").first.locator(".qa-cite-meta")).to_contain_text("2023")
    app_page.screenshot("chat_en")


def test_unanswerable_question_shows_related_passages(app_page: Page) -> None:
    turn = ask(app_page, "2023年广东省有多少只大熊猫出生?")
    expect(turn.locator(".qa-notfound")).to_be_visible()
    expect(turn.locator(".qa-figure-text")).to_have_count(0)
    expect(turn.locator(".qa-h")).to_contain_text("Related passages")
    expect(turn.locator(".qa-cite")).not_to_have_count(0)
    app_page.screenshot("not_found")


def test_a_follow_up_remembers_the_question_before_it(app_page: Page) -> None:
    first = ask(app_page, "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?")
    expect(first.locator(".qa-figure-text")).to_contain_text("1265")
    expect(first.locator(".qa-assumed")).to_contain_text("2024年")
    second = ask(app_page, "那2023年呢?", enter=True)
    expect(second.locator(".qa-figure-text")).to_contain_text("800")
    expect(second.locator(".qa-assumed")).to_contain_text("2023年 · 广东检察机关 · 批准逮捕")
    expect(second.locator(".qa-resolved")).to_contain_text("2023年广东检察机关批准逮捕侵犯知识产权犯罪案件")
    expect(second.locator(".qa-cite").first.locator(".qa-cite-meta")).to_contain_text("2023")
    # The conversation stays on the page: both questions, both answers, in order.
    expect(app_page.page.locator("#chat-log .qa-q")).to_have_count(2)
    app_page.screenshot("chat_followup")
    third = ask(app_page, "哪一年更多?")
    expect(third.locator(".qa-year")).to_have_count(2)
    expect(third.locator(".qa-change")).to_contain_text("+465")
    expect(third.locator(".qa-change")).to_contain_text("+64.29%")
    app_page.page.locator("#clear").click()
    expect(app_page.page.locator("#chat-log .qa-turn")).to_have_count(0)
    # After clearing, a follow-up has nothing to follow: it is not answered with the old question.
    alone = ask(app_page, "那2023年呢?")
    expect(alone.locator(".qa-figure-text")).to_have_count(0)
    assert not app_page.dialogs


def test_a_comparison_shows_both_figures_with_citations_and_the_change(app_page: Page) -> None:
    turn = ask(app_page, "2024年比2023年法院新收知识产权案件变化多少?")
    years = turn.locator(".qa-year")
    expect(years).to_have_count(2)
    expect(years.nth(0)).to_contain_text("2023")
    expect(years.nth(0).locator(".qa-figure-text")).to_contain_text("9.1")
    expect(years.nth(1).locator(".qa-figure-text")).to_contain_text("83308")
    expect(years.nth(0).locator(".qa-cite mark").first).to_contain_text("9.1")
    expect(years.nth(1).locator(".qa-cite-title")).to_contain_text("2024年广东省知识产权保护状况")
    change = turn.locator(".qa-change")
    expect(change).to_contain_text("-7,692")
    expect(change).to_contain_text("-8.45%")
    expect(change).to_contain_text("-8.54%")
    expect(change).to_contain_text("agrees")
    expect(turn.locator(".qa-assumed")).to_contain_text("2023年 → 2024年")
    app_page.screenshot("chat_comparison")


def test_claim_with_the_wrong_year_is_contradicted(app_page: Page) -> None:
    open_tab(app_page, "核查 · Check a claim")
    app_page.page.locator("#claim textarea").fill(
        "Guangdong prosecutors approved arrests in 1,265 IP cases in 2023")
    app_page.page.locator("#check-btn").click()
    verdict = app_page.page.locator("#verdict")
    expect(verdict.locator(".qa-badge-contradicted")).to_be_visible(timeout=ANSWER_TIMEOUT)
    expect(verdict.locator(".qa-compare")).to_contain_text("1,265")
    expect(verdict.locator(".qa-explanation")).not_to_be_empty()
    expect(verdict.locator(".qa-cite")).not_to_have_count(0)
    app_page.screenshot("claim")


def _shown(p: Page) -> tuple[int, int]:
    m = re.search(r"显示 (\d+) / (\d+)", p.page.locator("#fig-count").inner_text())
    assert m, "the figures count line is missing"
    return int(m.group(1)), int(m.group(2))


def test_figures_table_search_year_filter_and_csv(app_page: Page) -> None:
    p = app_page
    open_tab(p, "数字 · Figures")
    expect(p.page.locator("#fig-count")).to_contain_text("显示")
    shown, total = _shown(p)
    assert shown == total > 100

    p.page.locator("#fig-search input, #fig-search textarea").first.fill("海关")
    expect(p.page.locator("#fig-count")).not_to_contain_text(f"显示 {total} /")
    searched, _ = _shown(p)
    assert 0 < searched < total
    rows = p.page.locator("#fig-table").get_by_role("row").filter(has=p.page.get_by_role("gridcell"))
    expect(rows.first).to_be_visible()
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert "海关" in to_simplified(text)  # the 2023 white paper writes 海關

    p.page.locator("#fig-year input").click()
    p.page.get_by_role("option", name="2023", exact=True).click()
    expect(p.page.locator("#fig-count")).not_to_contain_text(f"显示 {searched} /")
    in_2023, _ = _shown(p)
    assert 0 < in_2023 < searched
    assert rows.count() > 0
    for row in rows.all():
        assert row.get_by_role("gridcell").nth(4).inner_text().strip() == "2023"
    p.screenshot("figures")

    with p.page.expect_download() as download:
        p.page.locator("#fig-csv").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    lines = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(lines) == in_2023
    # an English sentence is found by its agency column (海关 · customs)
    assert all(r["year"] == "2023" and ("海关" in to_simplified(r["quote"] + r["metric"]) or r["agency"] == "customs")
               for r in lines)


def test_markup_in_a_question_is_shown_not_run(app_page: Page) -> None:
    ask(app_page, XSS)
    question = app_page.page.locator("#chat-log .qa-q").last
    expect(question).to_contain_text("<script>alert(1)</script>")
    expect(question).to_contain_text("**bold** [x](javascript:alert(3))")
    log = app_page.page.locator("#chat-log")
    assert log.locator(".message script, .message img[src='x'], .message a[href^='javascript']").count() == 0
    open_tab(app_page, "核查 · Check a claim")
    app_page.page.locator("#claim textarea").fill(XSS)
    app_page.page.locator("#check-btn").click()
    expect(app_page.page.locator("#verdict .qa-claim, #verdict .qa-error").first).to_be_visible(
        timeout=ANSWER_TIMEOUT)
    assert app_page.page.locator("#verdict").locator("script, img, a").count() == 0
    app_page.page.wait_for_timeout(1000)  # an onerror handler would have fired by now
    assert app_page.dialogs == []
    open_tab(app_page, "问答 · Chat")
    app_page.screenshot("markup_escaped")


def test_empty_and_overlong_questions_get_a_message(app_page: Page) -> None:
    turn = ask(app_page, "   ")
    expect(turn.locator(".qa-error")).to_be_visible()
    expect(turn.locator(".qa-error")).not_to_be_empty()
    turn = ask(app_page, "广东" * 1001)
    expect(turn.locator(".qa-error")).to_contain_text("2000")
    # The question stays in the box so it can be fixed.
    assert app_page.page.locator("#question textarea").input_value() == "广东" * 1001


def test_index_status(app_page: Page) -> None:
    open_tab(app_page, "索引状态 · Index status")
    status = app_page.page.locator("#status")
    expect(status).to_contain_text("gd-ip-protection-2024", timeout=30_000)
    expect(status).to_contain_text("total")
    expect(status).to_contain_text("e5")
    assert app_page.external == []
    app_page.screenshot("status")


def test_two_users_at_once_are_both_answered(browser: Any, app_url: str) -> None:
    contexts = [browser.new_context() for _ in range(2)]
    pages = [c.new_page() for c in contexts]
    questions = ["2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?",
                 "How many batches of infringing goods did customs in Guangdong seize in 2023?"]
    for page, q in zip(pages, questions, strict=True):
        page.goto(app_url)
        page.locator("#question textarea").fill(q)
    for page in pages:  # both requests in flight together: the second waits in the queue
        page.locator("#ask").click()
    for page, figure in zip(pages, [r"1,?265", r"15,?766"], strict=True):
        expect(page.locator("#chat-log .qa-figure-text").last).to_have_text(re.compile(figure),
                                                                             timeout=ANSWER_TIMEOUT)
    for c in contexts:
        c.close()
