"""The real app in a real chromium, on a private copy of the built workspace (the project's own
corpus and .qa are never touched): the Documents tab adds a document, the app answers from it at
once, the Figures filters and the status tab list it, and removing it takes it out again; a duplicate file is refused
with one line and nothing changes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.settings import PROJECT_ROOT, Settings
from tests.app.conftest import CHROMIUM_ARGS, Page, serving_app  # noqa: F401
from tests.app.test_browser import ask, expect, open_tab
from tests.support import SMALL_DOC, private_copy, qa_env

pytestmark = pytest.mark.browser

NEW_DOC = PROJECT_ROOT / "tests" / "data" / "intake" / "zhanjiang-ip-2024.txt"
NEW_ID = "zhanjiang-ip-2024"
NEW_TITLE = "2024年湛江市知识产权保护工作情况"
INTAKE_TIMEOUT = 240_000  # ms: checking the file, embedding its chunks with the real model, loading the build
QUESTION = "2024年湛江市法院新收知识产权民事一审案件多少件?"


@pytest.fixture(scope="module")
def private_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings]]:
    """`python app.py` over a private copy of this checkout's built corpus and data folder."""
    root = tmp_path_factory.mktemp("docs-app")
    settings = private_copy(Settings.from_env(), root)
    # HF_HUB_OFFLINE: the copy's app never looks for a model online.
    with serving_app({**qa_env(settings), "HF_HUB_OFFLINE": "1"}, root / "app.log") as url:
        yield url, settings


@pytest.fixture
def docs_page(browser: Any, private_app: tuple[str, Settings]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    wrapped = Page(page)
    page.goto(private_app[0])
    page.locator("#question textarea").wait_for()
    yield wrapped
    context.close()


def table_ids(p: Page) -> list[str]:
    rows = p.page.locator("#doc-table").get_by_role("row").filter(has=p.page.get_by_role("gridcell"))
    expect(rows.first).to_be_visible()
    return [r.get_by_role("gridcell").first.inner_text().strip() for r in rows.all()]


def upload(p: Page, path: Path) -> None:
    p.page.locator("#doc-file input[type=file]").set_input_files(str(path))


def test_add_ask_and_remove_a_document(docs_page: Page, private_app: tuple[str, Settings]) -> None:
    p, settings = docs_page, private_app[1]
    project_meta = (PROJECT_ROOT / "corpus" / "metadata.json").read_bytes()
    open_tab(p, "文件 · Documents")
    before = table_ids(p)
    assert SMALL_DOC in before and NEW_ID not in before

    upload(p, NEW_DOC)
    preview = p.page.locator("#doc-preview")
    expect(preview).to_contain_text(f"as {NEW_ID}")
    expect(preview).to_contain_text(NEW_TITLE)
    expect(preview).to_contain_text("zhanjiang")
    p.page.locator("#doc-title-en textarea, #doc-title-en input").first.fill("Zhanjiang IP protection 2024")
    p.page.locator("#doc-preview-btn").click()
    expect(preview).to_contain_text("Zhanjiang IP protection 2024  (given)")
    p.screenshot("documents-preview")
    p.page.locator("#doc-add").click()
    result = p.page.locator("#doc-add-result")
    expect(result).to_contain_text("已添加 · Added", timeout=INTAKE_TIMEOUT)
    expect(result).to_contain_text("embedded")
    expect(p.page.locator("#doc-table")).to_contain_text(NEW_ID)
    assert (settings.corpus_dir / f"{NEW_ID}.txt").is_file()
    p.screenshot("documents-added")

    open_tab(p, "索引状态 · Index status")
    expect(p.page.locator("#status")).to_contain_text(NEW_ID)

    open_tab(p, "问答 · Chat")
    turn = ask(p, QUESTION)
    expect(turn.locator(".qa-figure-text")).to_contain_text("1,052")
    expect(turn.locator(".qa-cite").first.locator(".qa-cite-title")).to_have_text(NEW_TITLE)

    open_tab(p, "数字 · Figures")
    p.page.locator("#fig-doc input").click()
    expect(p.page.locator("#fig-doc").get_by_role("option", name=NEW_TITLE, exact=True)).to_be_visible()
    p.page.keyboard.press("Escape")

    open_tab(p, "文件 · Documents")
    p.page.locator("#doc-remove-id input").click()
    p.page.locator("#doc-remove-id").get_by_role("option", name=f"{NEW_ID} · {NEW_TITLE} (2024)").click()
    p.page.locator("#doc-remove").click()
    removed = p.page.locator("#doc-remove-result")
    expect(removed.locator(".qa-error")).to_contain_text("confirm")
    assert NEW_ID in table_ids(p)
    p.page.locator("#doc-remove-confirm input").check()
    p.page.locator("#doc-remove").click()
    expect(removed).to_contain_text(f"Removed {NEW_ID}", timeout=INTAKE_TIMEOUT)
    expect(p.page.locator("#doc-table")).not_to_contain_text(NEW_ID)
    assert table_ids(p) == before
    assert not (settings.corpus_dir / f"{NEW_ID}.txt").exists()

    open_tab(p, "问答 · Chat")
    turn = ask(p, QUESTION)
    expect(turn.locator(".qa-cite-title", has_text=NEW_TITLE)).to_have_count(0)
    assert not p.dialogs and not p.external
    assert (PROJECT_ROOT / "corpus" / "metadata.json").read_bytes() == project_meta


def test_a_duplicate_file_is_one_line_and_changes_nothing(docs_page: Page, private_app: tuple[str, Settings],
                                                          tmp_path: Path) -> None:
    p, settings = docs_page, private_app[1]
    copy = tmp_path / "again.txt"
    shutil.copy(settings.corpus_dir / f"{SMALL_DOC}.txt", copy)
    meta_before = (settings.corpus_dir / "metadata.json").read_bytes()
    files_before = sorted(os.listdir(settings.corpus_dir))
    open_tab(p, "文件 · Documents")
    before = table_ids(p)
    upload(p, copy)
    error = p.page.locator("#doc-preview .qa-error")
    expect(error).to_contain_text("already in the corpus")
    p.page.locator("#doc-add").click()
    added = p.page.locator("#doc-add-result .qa-error")
    expect(added).to_contain_text(f"byte for byte {SMALL_DOC}")
    assert "\n" not in added.inner_text().strip()
    p.screenshot("documents-refused")
    assert table_ids(p) == before
    assert (settings.corpus_dir / "metadata.json").read_bytes() == meta_before
    assert sorted(os.listdir(settings.corpus_dir)) == files_before
