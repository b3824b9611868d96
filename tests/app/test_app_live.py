"""Issue 15, through the real Gradio API of a running `python app.py`: the app keeps answering
across `qa index` runs and picks up the new build; an overlong question is refused at once."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import app
from index.build import build_index, open_store, read_manifest
from index.settings import PROJECT_ROOT, Settings
from qa.types import FigureRow
from tests.support import free_port, make_workspace, qa_env, run_qa

QUESTION = "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?"


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Settings, subprocess.Popen[bytes]]]:
    from gradio_client import Client

    settings = make_workspace(tmp_path_factory.mktemp("live"))
    build_index(settings)
    port = free_port()
    env = {**qa_env(settings), "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port)}
    log = tmp_path_factory.mktemp("live-log") / "app.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
                time.sleep(0.5)
        yield Client(url, verbose=False), settings, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _ask(client: Any, question: str) -> tuple[str, str]:
    """One chat turn through the app's API: (the newest answer's HTML, what is left in the box)."""
    messages, box = client.predict(question, [], api_name="/ask")
    content = messages[-1]["content"]
    if isinstance(content, list):  # a message may come back as its parts
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content), box


def test_app_keeps_answering_across_two_rebuilds_and_follows_them(live) -> None:  # type: ignore[no-untyped-def]
    client, settings, _ = live
    first = read_manifest(settings)
    assert first is not None
    log, _ = _ask(client, QUESTION)
    assert "1265" in log and "qa-error" not in log
    for _ in range(2):
        done = run_qa(settings, "index", "--force", "--quiet")
        assert done.returncode == 0, done.stderr
    # The app did not ask anything in between: its build must still be there.
    assert first.collection in open_store(settings).collections()
    newest, _ = _ask(client, QUESTION)
    assert "1265" in newest and "qa-error" not in newest, newest[:1000]
    latest = read_manifest(settings)
    assert latest is not None and latest.build_id != first.build_id
    assert latest.build_id in client.predict(api_name="/status")  # it switched to the new build
    # ... and let the old one go: the next build may collect it.
    assert run_qa(settings, "index", "--force", "--quiet").returncode == 0
    assert first.collection not in open_store(settings).collections()
    assert "1265" in _ask(client, QUESTION)[0]


def test_a_ten_million_character_question_is_refused_at_once(live) -> None:  # type: ignore[no-untyped-def]
    client, _, proc = live
    _ask(client, "warm")
    before = _rss_mb(proc.pid)
    t0 = time.monotonic()
    newest, box = _ask(client, "广" * 10_000_000)
    seconds = time.monotonic() - t0
    assert "too long" in newest and "2000" in newest
    assert seconds < 5, f"took {seconds:.1f} s to refuse"
    assert len(box) <= app.KEEP_IN_BOX_CHARS
    time.sleep(1)
    assert _rss_mb(proc.pid) - before < 200, "the app kept the question's memory"
    verdict = client.predict("声明" * 3_000_000, api_name="/check")
    assert "too long" in verdict


def test_document_filter_lists_each_document_once(live) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = live
    endpoint = client.view_api(return_format="dict")["named_endpoints"]["/filter_table"]
    doc = next(p for p in endpoint["parameters"] if p["parameter_name"] == "doc")
    choices = doc["python_type"]["type"]
    docs = [d.strip("' ") for d in choices.split("[", 1)[1].rstrip("]").split(",")]
    assert len(docs) == len(set(docs)) == 6, docs  # "*" and the five documents


def _row(doc_id: str, year: int) -> FigureRow:
    return FigureRow(value=1.0, unit="件", text="1件", metric="m", year=year, lang="zh", doc_id=doc_id,
                     title=f"title {doc_id}", source=f"{doc_id}.txt", section="", quote="q")


def test_figure_choices_one_entry_per_document() -> None:
    rows = [_row("plan", 2025), _row("plan", 2035), _row("plan", 2020), _row("paper", 2024)]
    docs = [value for _, value in app.figure_choices(rows)["doc"]]
    assert docs == [app.ALL, "plan", "paper"]


def test_app_start_on_a_damaged_index_is_one_line(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path)
    build_index(settings)
    manifest = read_manifest(settings)
    assert manifest is not None
    (settings.index_dir / manifest.chunks_file).write_text("")
    env = {**qa_env(settings), "GRADIO_SERVER_PORT": "1"}
    done = subprocess.run([sys.executable, "app.py"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "qa index" in done.stderr and str(settings.index_dir) in done.stderr
