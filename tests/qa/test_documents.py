"""QA.documents and LiveQA.documents: the build's own table of documents, and the newest build's
after `qa add` / `qa remove` changed the corpus (the app's Documents tab lists these)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build import build_index
from index.intake import Given, add_document
from index.intake_remove import remove_document
from index.settings import PROJECT_ROOT, Settings
from qa.api import QA
from qa.live import LiveQA
from tests.support import SMALL_DOC, make_workspace, small_corpus

NEW_DOC = PROJECT_ROOT / "tests" / "data" / "intake" / "zhanjiang-ip-2024.txt"


@pytest.fixture
def ws(tmp_path: Path) -> Settings:
    settings = make_workspace(tmp_path / "ws", corpus=small_corpus(tmp_path))
    build_index(settings)
    return settings


def test_documents_lists_each_document_with_its_metadata_and_chunk_count(ws: Settings) -> None:
    qa = QA.load(ws)
    (row,) = qa.documents()
    assert row.id == SMALL_DOC and row.file == f"{SMALL_DOC}.txt"
    meta = qa.index.documents[SMALL_DOC].meta
    assert (row.title_zh, row.title_en, row.year, row.kind, row.languages) == (
        meta.title_zh, meta.title_en, meta.year, meta.kind, meta.languages)
    assert row.place == "guangdong"  # the metadata names none: the place its title names
    assert row.chunks == sum(1 for c in qa.index.chunks if c.doc_id == SMALL_DOC) > 0


def test_live_documents_follow_an_addition_and_a_removal(ws: Settings) -> None:
    live = LiveQA(ws, QA.load(ws))
    first = live.build_id
    in_flight = live.current()  # a question being answered while the document is added
    add_document(ws, NEW_DOC, Given())
    rows = live.documents()
    assert [r.id for r in rows] == [SMALL_DOC, "zhanjiang-ip-2024"]  # newest year first, then by id
    new = rows[1]
    assert (new.year, new.place, new.title_zh) == (2024, "zhanjiang", "2024年湛江市知识产权保护工作情况")
    assert new.chunks > 0 and live.build_id != first
    answer = live.ask("2024年湛江海关查扣侵权货物多少批?")  # answered from the new build
    assert answer.status == "answered" and answer.citations[0].doc_id == "zhanjiang-ip-2024"
    # The question that started on the old build finishes on it: its collection is still there.
    assert in_flight.ask("2024年广东省知识产权十大事件有哪些数字?").question

    remove_document(ws, "zhanjiang-ip-2024")
    assert [r.id for r in live.documents()] == [SMALL_DOC]
