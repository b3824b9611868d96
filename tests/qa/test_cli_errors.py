"""Issue 15: every error a `qa` user can meet is one line naming the file, setting or server and
what to do, with a non-zero exit — never a traceback; `--file` reports a failed line and goes on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.build import build_index, read_manifest
from index.settings import PROJECT_ROOT, Settings
from tests.support import (
    as_nobody,
    assert_one_line_error,
    chroma_server,
    make_workspace,
    private_copy,
    qa_env,
    run_qa,
    shared_tmp,
)

QUESTION = "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = make_workspace(tmp_path_factory.mktemp("template"))
    build_index(settings)
    return settings


@pytest.fixture
def ws(template: Settings, tmp_path: Path) -> Settings:
    """A private copy of a built index, free to damage."""
    return private_copy(template, tmp_path)


def _chunks(settings: Settings) -> Path:
    manifest = read_manifest(settings)
    assert manifest is not None
    return settings.index_dir / manifest.chunks_file


def test_a_healthy_index_answers(ws: Settings) -> None:
    done = run_qa(ws, "ask", QUESTION)
    assert done.returncode == 0, done.stderr
    assert "1265" in done.stdout


def test_missing_chunks_file(ws: Settings) -> None:
    path = _chunks(ws)
    path.unlink()
    assert_one_line_error(run_qa(ws, "ask", QUESTION), str(path), "qa index")


def test_cut_chunks_file(ws: Settings) -> None:
    path = _chunks(ws)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    assert_one_line_error(run_qa(ws, "ask", QUESTION), str(path), "qa index")


def test_damaged_chroma_database_then_repaired(ws: Settings) -> None:
    db = ws.index_dir / "chroma" / "chroma.sqlite3"
    db.write_bytes(b"not a database" * 500)
    assert_one_line_error(run_qa(ws, "ask", QUESTION), str(ws.index_dir / "chroma"), "qa index")
    done = run_qa(ws, "index", "--force", "--quiet")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "set aside" in done.stdout + done.stderr
    assert run_qa(ws, "ask", QUESTION).returncode == 0


def test_deleted_chroma_folder_then_repaired_without_force(ws: Settings) -> None:
    shutil.rmtree(ws.index_dir / "chroma")
    assert_one_line_error(run_qa(ws, "ask", QUESTION), "qa index")
    doctor = run_qa(ws, "doctor")
    assert doctor.returncode == 1 and "PROBLEM" in doctor.stdout and "missing" in doctor.stdout
    done = run_qa(ws, "index", "--quiet")
    assert done.returncode == 0 and "up to date" not in done.stdout, done.stdout
    assert "Index repaired" in done.stdout
    assert run_qa(ws, "index", "--check").returncode == 0
    assert run_qa(ws, "ask", QUESTION).returncode == 0


def test_doctor_on_a_healthy_and_a_missing_index(ws: Settings, tmp_path: Path) -> None:
    done = run_qa(ws, "doctor")
    assert done.returncode == 0 and "The index is intact." in done.stdout
    empty = ws.model_copy(update={"data_dir": tmp_path / "nothing"})
    done = run_qa(empty, "doctor")
    assert done.returncode == 1 and "No index" in done.stdout and "Traceback" not in done.stderr


def test_unreadable_file() -> None:
    with shared_tmp() as root:
        settings = make_workspace(root)
        questions = root / "questions.txt"
        questions.write_text(QUESTION + "\n", encoding="utf-8")
        questions.chmod(0o000)
        done = run_qa(settings, "ask", "--file", str(questions), preexec=as_nobody())
        assert_one_line_error(done, str(questions), "permission")


def test_read_only_data_folder() -> None:
    with shared_tmp() as root:
        settings = make_workspace(root)
        build_index(settings)
        run_qa(settings, "ask", QUESTION)  # as the owner: caches beside the build are written once
        home = root / "home"
        home.mkdir(mode=0o777)
        home.chmod(0o777)
        for p in [settings.data_dir, *settings.data_dir.rglob("*")]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        done = run_qa(settings, "ask", QUESTION, preexec=as_nobody(), env=qa_env(settings, HOME=str(home)))
        assert done.returncode != 134, "Chroma aborted the process"
        assert_one_line_error(done, str(settings.index_dir / "chroma"), "read-only", "QA_DATA_DIR")


def test_closed_pipe_is_quiet(ws: Settings, tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text((QUESTION + "\n") * 30, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "qa", "ask", "--file", str(questions)], cwd=PROJECT_ROOT,
                            env=qa_env(ws), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # as `| head -1` does, then goes away
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert "1265" in first
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_empty_file_and_question_with_file(ws: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    assert_one_line_error(run_qa(ws, "ask", "--file", str(empty)), str(empty), "no question")
    full = tmp_path / "one.txt"
    full.write_text(QUESTION + "\n", encoding="utf-8")
    assert_one_line_error(run_qa(ws, "ask", "another question?", "--file", str(full)), "not both")


def test_bom_does_not_shift_the_first_line(ws: Settings, tmp_path: Path) -> None:
    plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_text(QUESTION + "\n", encoding="utf-8")
    bom.write_bytes(b"\xef\xbb\xbf" + (QUESTION + "\n").encode("utf-8"))
    a, b = (run_qa(ws, "ask", "--json", "--file", str(p)) for p in (plain, bom))
    assert a.returncode == 0 and b.returncode == 0, b.stderr
    ja, jb = json.loads(a.stdout), json.loads(b.stdout)
    assert jb["question"] == QUESTION
    assert [(c["start"], c["end"]) for c in jb["citations"]] == [(c["start"], c["end"]) for c in ja["citations"]]


def test_bad_settings_name_their_variable(ws: Settings) -> None:
    assert_one_line_error(run_qa(ws, "ask", QUESTION, env=qa_env(ws, QA_THREADS="abc")), "QA_THREADS", "abc")
    assert_one_line_error(run_qa(ws, "ask", QUESTION, env=qa_env(ws, QA_MODEL_VARIANT="fp16")), "QA_MODEL_VARIANT")


def test_garbage_model_manifest_is_named(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path, embedder="e5")
    settings.model_dir.mkdir(parents=True)
    (settings.model_dir / "model.json").write_text("{not json", encoding="utf-8")
    line = assert_one_line_error(run_qa(settings, "index", "--quiet"), str(settings.model_dir / "model.json"))
    assert "make model" in line
    from index.model_export import is_current

    assert is_current(settings.model_dir, {}) is False  # `make model` rebuilds it instead of failing


@pytest.fixture
def server_ws(tmp_path: Path) -> Iterator[tuple[Settings, subprocess.Popen[bytes]]]:
    with chroma_server(tmp_path / "srv") as (url, server):
        settings = make_workspace(tmp_path / "ws", chroma_url=url)
        build_index(settings)
        yield settings, server


def test_chroma_server_killed_mid_run_loses_no_line(server_ws: tuple[Settings, subprocess.Popen[bytes]],
                                                     tmp_path: Path) -> None:
    settings, server = server_ws
    n = 200
    questions = tmp_path / "q.txt"
    questions.write_text((QUESTION + "\n") * n, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "qa", "ask", "--json", "--file", str(questions)],
                            cwd=PROJECT_ROOT, env=qa_env(settings), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines = [proc.stdout.readline() for _ in range(3)]  # answering from the server
    server.kill()
    server.wait(timeout=30)
    t0 = time.monotonic()
    rest, err = proc.communicate(timeout=600)
    lines += rest.splitlines()
    results = [json.loads(line) for line in lines if line.strip()]
    assert len(results) == n, f"{n - len(results)} questions lost"
    errors = [r for r in results if r.get("status") == "error"]
    assert errors and all(settings.chroma_url in r["error"] and "QA_CHROMA_URL" in r["error"] for r in errors)
    assert proc.returncode == 2 and "Traceback" not in err, err[-2000:]
    assert time.monotonic() - t0 < 300


def test_chroma_server_down_at_start(server_ws: tuple[Settings, subprocess.Popen[bytes]]) -> None:
    settings, server = server_ws
    server.kill()
    server.wait(timeout=30)
    assert settings.chroma_url
    assert_one_line_error(run_qa(settings, "ask", QUESTION), settings.chroma_url, "QA_CHROMA_URL")
    assert_one_line_error(run_qa(settings, "index", "--quiet"), settings.chroma_url, "QA_CHROMA_URL")
