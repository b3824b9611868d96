"""Issue 15: with one Chroma server shared by several data folders (QA_CHROMA_URL), a build
drops only collections its own data folder created — against a real `chroma run`."""

from __future__ import annotations

from pathlib import Path

from index.build import build_index, open_store, read_manifest
from index.check import inspect
from tests.support import chroma_server, make_workspace, run_qa

QUESTION = "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?"


def test_another_data_folder_keeps_its_collections(tmp_path: Path) -> None:
    with chroma_server(tmp_path / "srv") as (url, _):
        a = make_workspace(tmp_path / "A", chroma_url=url)
        b = make_workspace(tmp_path / "B", chroma_url=url)
        build_index(a)
        first_a = read_manifest(a)
        assert first_a is not None
        for _ in range(3):  # B builds, rebuilds, rebuilds: each one collects B's garbage
            build_index(b, force=True)
        names = open_store(a).collections()
        assert first_a.collection in names, "B's build dropped A's collection"
        assert inspect(a).ok
        assert build_index(a).status == "up-to-date"
        done = run_qa(a, "ask", QUESTION)
        assert done.returncode == 0 and "1265" in done.stdout, done.stderr[-2000:]
        # B still collects its own: current and previous build only.
        b_names = [n for n in open_store(b).collections() if n != first_a.collection]
        assert len(b_names) == 2
