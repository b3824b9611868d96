"""Issue 15: a cut model file or a deleted tokenizer gives one line saying how to rebuild the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build import build_index
from index.settings import Settings
from tests.support import assert_one_line_error, e5_workspace, run_qa

pytestmark = pytest.mark.integration

QUESTION = "2024年广东知识产权十大事件有哪些?"


@pytest.fixture
def e5_ws(e5_model_dir: Path, tmp_path: Path) -> Settings:
    settings = e5_workspace(tmp_path, e5_model_dir, copy_model=True)
    build_index(settings)
    assert run_qa(settings, "ask", QUESTION).returncode == 0
    return settings


def test_cut_model_file(e5_ws: Settings) -> None:
    model = e5_ws.model_dir / "model_int8.onnx"
    data = model.read_bytes()
    model.write_bytes(data[: len(data) // 2])
    assert_one_line_error(run_qa(e5_ws, "ask", QUESTION), str(e5_ws.model_dir), "make model")


def test_deleted_tokenizer(e5_ws: Settings) -> None:
    (e5_ws.model_dir / "tokenizer.json").unlink()
    assert_one_line_error(run_qa(e5_ws, "ask", QUESTION), str(e5_ws.model_dir / "tokenizer.json"), "make model")
