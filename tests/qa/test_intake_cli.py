"""`qa add` and `qa remove` as a maintainer runs them: end to end with the real model, one-line
errors, dry runs, and the eval suite after the reindex."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from index.build import build_index
from index.settings import Settings
from qa.cli import main
from tests.index.test_intake import NEW_DOC, snapshot
from tests.support import (
    SMALL_DOC,
    assert_one_line_error,
    e5_workspace,
    make_workspace,
    qa_env,
    run_qa,
    small_corpus,
)

QUESTION_ZH = "2024年湛江市市场监管部门查处商标侵权案件多少件?"
NEW_ID = "zhanjiang-ip-2024"


def _ask(settings: Settings, question: str) -> dict[str, Any]:
    done = run_qa(settings, "ask", "--json", question)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _gives_137(answer: dict[str, Any]) -> bool:
    return answer["status"] == "answered" and answer["figure"] is not None and answer["figure"]["value"] == 137


@pytest.mark.integration
def test_add_then_remove_a_document_end_to_end(tmp_path: Path, e5_model_dir: Path) -> None:
    settings = e5_workspace(tmp_path, e5_model_dir, copy_model=True)  # the one small document, real e5
    assert run_qa(settings, "index", "--quiet").returncode == 0
    assert not _gives_137(_ask(settings, QUESTION_ZH))  # only the new document says it

    done = run_qa(settings, "add", str(NEW_DOC), "--no-eval", "--quiet")
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "title_zh   2024年湛江市知识产权保护工作情况" in out and "place      zhanjiang" in out
    assert "year       2024  (from the title)" in out
    assert f"to correct a field, `qa remove {NEW_ID}`" in out
    # only the new document's chunk(s) embedded; the old ones reused
    assert "Index built: 2 documents" in out and "embedded 1, reused" in out, out

    answer = _ask(settings, QUESTION_ZH)
    assert _gives_137(answer), answer["answer"]
    assert answer["citations"][0]["doc_id"] == NEW_ID and "137件" in answer["citations"][0]["quote"]

    done = run_qa(settings, "remove", NEW_ID, "--no-eval", "--quiet")
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Removed {NEW_ID}" in done.stdout and "embedded 0" in done.stdout
    answer = _ask(settings, QUESTION_ZH)
    assert not _gives_137(answer)
    assert all(c["doc_id"] != NEW_ID for c in answer["citations"] + answer["related"])


@pytest.fixture
def ws(tmp_path: Path) -> Settings:
    settings = make_workspace(tmp_path / "ws", corpus=small_corpus(tmp_path))
    build_index(settings)
    return settings


def test_a_refused_file_is_one_line_and_exit_2(ws: Settings, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(ws.corpus_dir / f"{SMALL_DOC}.txt", copy)
    before = snapshot(ws)
    assert_one_line_error(run_qa(ws, "add", str(copy)), str(copy), "byte for byte", SMALL_DOC)
    assert_one_line_error(run_qa(ws, "add", str(tmp_path / "nope.txt")), "no such file")
    assert_one_line_error(run_qa(ws, "add", str(NEW_DOC), "--place", "Atlantis"), "--place Atlantis")
    line = assert_one_line_error(run_qa(ws, "remove", "nope"), "no document nope", SMALL_DOC)
    assert "the ids are" in line
    assert snapshot(ws) == before


def _run(ws: Settings, monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    for var, value in qa_env(ws).items():
        monkeypatch.setenv(var, value)
    return main(list(argv))


def test_the_eval_suite_runs_after_the_reindex(ws: Settings, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import eval.report

    calls: list[Settings] = []

    def fake_eval(settings: Settings, **kw: object) -> int:
        calls.append(settings)
        return 1  # below its thresholds

    monkeypatch.setattr(eval.report, "run_and_report", fake_eval)
    assert _run(ws, monkeypatch, "add", str(NEW_DOC), "--dry-run") == 0
    assert calls == []  # a dry run changes nothing, so there is nothing to evaluate
    out = capsys.readouterr().out
    assert out.startswith("Would add") and "Dry run: nothing was changed" in out

    assert _run(ws, monkeypatch, "add", str(NEW_DOC), "--quiet") == 1
    assert len(calls) == 1 and calls[0].corpus_dir == ws.corpus_dir
    captured = capsys.readouterr()
    assert "Eval suite on the new index" in captured.out
    assert f"`qa remove {NEW_ID}` undoes it" in captured.err

    assert _run(ws, monkeypatch, "remove", NEW_ID, "--quiet", "--no-eval") == 0
    assert len(calls) == 1
    out = capsys.readouterr().out
    assert "to add it back: qa add" in out and "--place zhanjiang" in out
