"""The app's LiveQA: follows new builds, survives a broken one, and never lets an error escape raw."""

from __future__ import annotations

from pathlib import Path

import app
from index.build import build_index, read_manifest
from index.leases import builds_in_use
from qa.api import QA
from qa.live import LiveQA
from tests.support import make_workspace

QUESTION = "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?"


def test_a_broken_new_build_keeps_the_working_one(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path)
    build_index(settings)
    live = LiveQA(settings, QA.load(settings))
    first = live.build_id
    assert builds_in_use(settings.index_dir) == {first}
    report = build_index(settings, force=True)
    (settings.index_dir / report.manifest.chunks_file).write_text("")  # the new build is damaged
    answer = live.ask(QUESTION)
    assert answer.status == "answered" and live.build_id == first
    assert live.note is not None and "qa index" in live.note and first in live.note
    build_index(settings)  # repairs it
    assert live.ask(QUESTION).status == "answered"
    manifest = read_manifest(settings)
    assert manifest is not None and live.build_id == manifest.build_id and live.note is None
    assert builds_in_use(settings.index_dir) == {manifest.build_id}


class _Exploding:
    def ask(self, question: str) -> object:
        raise RuntimeError("Collection chunks_x does not exist")

    verify = ask

    def chat(self, question: str, history: list[str]) -> object:
        return self.ask(question)

    def figures(self) -> list[object]:
        return []

    def status(self) -> object:
        raise KeyError("chunk")


def test_no_exception_reaches_gradio() -> None:
    demo = app.build_app(_Exploding())  # type: ignore[arg-type]
    fns = {f.fn.__name__: f.fn for f in demo.fns.values() if f.fn is not None}
    messages, _, box = fns["ask"](QUESTION, [], [])
    log = messages[-1]["content"]
    assert "qa-error" in log and "chunks_x" in log and box == QUESTION
    assert "qa-error" in fns["check"]("claim 1265")
    assert "qa-error" in fns["status"]()
