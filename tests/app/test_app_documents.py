"""The Documents tab without a browser: its pure helpers, and its handlers run against a real
(fake-embedder) workspace through the same intake code as `qa add` / `qa remove`."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest

import app
from app_documents import given_from_form, remove_choices, render_plan, run_apart, table_rows
from app_tables import figure_choices
from index.build import build_index
from index.intake import IntakeError, plan_add
from index.settings import PROJECT_ROOT, Settings
from qa.api import QA
from qa.live import LiveQA
from tests.app.fake_qa import FakeQA
from tests.support import SMALL_DOC, make_workspace, small_corpus

NEW_DOC = PROJECT_ROOT / "tests" / "data" / "intake" / "zhanjiang-ip-2024.txt"
NEW_ID = "zhanjiang-ip-2024"
EMPTY_FIELDS = ("", "", "", " ", "", "", "")


def _fns(demo: Any) -> dict[str, Any]:
    return {f.fn.__name__: f.fn for f in demo.fns.values() if f.fn is not None}


def test_form_fields_become_qa_add_flags() -> None:
    assert given_from_form(*EMPTY_FIELDS).model_dump() == dict.fromkeys(
        ("id", "title_zh", "title_en", "year", "kind", "published", "place", "publisher"))
    given = given_from_form(" zj ", "湛江 2024", "", " 2024 ", "news", "2025-03-12", "湛江")
    assert (given.id, given.title_zh, given.title_en, given.year, given.kind, given.place) == (
        "zj", "湛江 2024", None, 2024, "news", "湛江")
    assert given_from_form("", "", "", 2024.0, "", "", "").year == 2024
    for bad in (2024.5, "twenty", "2024.5"):
        with pytest.raises(IntakeError, match="not a year"):
            given_from_form("", "", "", bad, "", "", "")


def test_table_and_remove_choices_come_from_the_rows() -> None:
    rows = FakeQA().documents()
    assert table_rows(rows) == [["gd-ip-protection-2024", rows[0].title_zh, rows[0].title_en, 2024, "white_paper",
                                 "guangdong", "zh-Hans, en", 40]]
    assert remove_choices(rows) == [(f"gd-ip-protection-2024 · {rows[0].title_zh} (2024)", "gd-ip-protection-2024")]


def _counts(n: int, progress: Any) -> list[int]:
    for i in range(1, n + 1):
        progress(i, n)
    return list(range(n))


def _refuses(name: str, progress: Any) -> None:
    raise IntakeError(f"{name} is empty")


def _unpicklable(progress: Any) -> None:
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    raise Local("the store went away")


def test_run_apart_returns_reports_progress_and_raises_in_the_caller() -> None:
    seen: list[tuple[int, int]] = []
    assert run_apart(_counts, 3, progress=lambda d, t: seen.append((d, t))) == [0, 1, 2]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(IntakeError, match="x.txt is empty"):
        run_apart(_refuses, "x.txt")
    with pytest.raises(RuntimeError, match="Local: the store went away"):
        run_apart(_unpicklable)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("docs-tab")
    settings = make_workspace(root / "ws", corpus=small_corpus(root))
    build_index(settings)
    return settings


@pytest.fixture
def ws(template: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(template.corpus_dir, tmp_path / "corpus")
    shutil.copytree(template.data_dir, tmp_path / "data")
    return template.model_copy(update={"corpus_dir": tmp_path / "corpus", "data_dir": tmp_path / "data"})


def _snapshot(ws: Settings) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for top in (ws.corpus_dir, ws.data_dir) for p in sorted(top.rglob("*")) if p.is_file()}


def test_the_preview_shows_what_qa_add_prints_without_the_upload_folder(ws: Settings, tmp_path: Path) -> None:
    upload = tmp_path / "gradio-upload-1234" / NEW_DOC.name
    upload.parent.mkdir()
    shutil.copy(NEW_DOC, upload)
    shown = render_plan(plan_add(ws, upload, given_from_form(*EMPTY_FIELDS)))
    assert "gradio-upload-1234" not in shown and f"{NEW_DOC.name} → " in shown
    assert "2024年湛江市知识产权保护工作情况" in shown and "(the text&#x27;s Chinese heading line)" in shown
    assert "zhanjiang" in shown and "Would add" in shown


def test_add_then_remove_through_the_tab(ws: Settings, tmp_path: Path) -> None:
    live = LiveQA(ws, QA.load(ws))
    fns = _fns(app.build_app(live, ws))
    shown = fns["preview"](str(NEW_DOC), "", "", "", "", "", "", "")
    assert "qa-doc-plan" in shown and NEW_ID in shown
    known = figure_choices(live.figures())
    unchanged = fns["refresh"](known, "", *[app.ALL] * 7)  # the Figures tab opened, nothing new
    assert unchanged[0] is known and all(u == {"__type__": "update"} for u in unchanged[1:])

    out, table, choices, upload, preview, *form = fns["add"](str(NEW_DOC), "", "", "Zhanjiang IP 2024", "", "", "",
                                                             "")
    assert "qa-error" not in out and f"as {NEW_ID}" in out and "embedded" in out
    assert list(table["id"]) == [SMALL_DOC, NEW_ID] and upload is None and preview == "" and form == [""] * 7
    assert NEW_ID in [v for _, v in choices["choices"]]
    assert [r.title_en for r in live.documents() if r.id == NEW_ID] == ["Zhanjiang IP 2024"]
    assert live.ask("2024年湛江海关查扣侵权货物多少批?").citations[0].doc_id == NEW_ID
    now, doc, *_, figures_table, _, _, _ = fns["refresh"](known, "", SMALL_DOC, *[app.ALL] * 6)
    assert NEW_ID in [v for _, v in doc["choices"]] and doc["value"] == SMALL_DOC  # the chosen filter kept
    titles = set(figures_table.iloc[:, 11])
    assert now != known and len(titles) == 1 and "湛江" not in titles.pop()  # the chosen document's figures only

    out, *_ = fns["remove"](NEW_ID, False)
    assert "qa-error" in out and "confirm" in out and NEW_ID in [r.id for r in live.documents()]
    out, table, choices, confirmed = fns["remove"](NEW_ID, True)
    assert f"Removed {NEW_ID}" in out and "to add it back: qa add" in out
    assert list(table["id"]) == [SMALL_DOC] and confirmed is False
    assert [r.id for r in live.documents()] == [SMALL_DOC]


def test_a_refused_file_is_one_line_in_the_tab_and_changes_nothing(ws: Settings, tmp_path: Path) -> None:
    live = LiveQA(ws, QA.load(ws))
    fns = _fns(app.build_app(live, ws))
    copy = tmp_path / "copy-of-small.txt"
    shutil.copy(ws.corpus_dir / f"{SMALL_DOC}.txt", copy)
    before = _snapshot(ws)
    for handler in ("preview", "add"):
        result = fns[handler](str(copy), "", "", "", "", "", "", "")
        out = result if isinstance(result, str) else result[0]
        assert out.count("qa-error") == 1 and "already in the corpus" in out and SMALL_DOC in out
        assert str(tmp_path) not in out and out.count("copy-of-small.txt") == 1  # the upload named by its name
        assert "\n" not in out
    out, *_ = fns["add"](str(NEW_DOC), "", "", "", "1066", "", "", "")
    assert "qa-error" in out and "1066" in out
    out, *_ = fns["remove"](SMALL_DOC, True)
    assert "qa-error" in out and "only document" in out
    assert _snapshot(ws) == before


def test_an_app_without_a_corpus_folder_says_so() -> None:
    fns = _fns(app.build_app(FakeQA()))
    assert "without a corpus folder" in fns["add"](str(NEW_DOC), "", "", "", "", "", "", "")[0]
