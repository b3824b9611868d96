"""The pipeline version follows the content of the stage code and word lists, with no hand bump."""

from __future__ import annotations

import shutil
from pathlib import Path

from index import version


def _copy_index(tmp_path: Path) -> Path:
    root = tmp_path / "index"
    shutil.copytree(Path(version.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _version_of(root: Path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(version, "_INDEX", root)
    version.pipeline_version.cache_clear()
    try:
        return version.pipeline_version()
    finally:
        version.pipeline_version.cache_clear()


def test_a_parser_or_word_list_change_changes_the_version(tmp_path, monkeypatch) -> None:
    root = _copy_index(tmp_path)
    before = _version_of(root, monkeypatch)
    assert _version_of(root, monkeypatch) == before  # stable for the same content
    with (root / "figures" / "units.py").open("a") as f:
        f.write("\n# a parser change\n")
    after_code = _version_of(root, monkeypatch)
    assert after_code != before
    with (root / "lexicon" / "units_zh.tsv").open("a") as f:
        f.write("# a word-list change\n")
    assert _version_of(root, monkeypatch) not in (before, after_code)


def test_a_change_outside_the_stages_keeps_the_version(tmp_path, monkeypatch) -> None:
    root = _copy_index(tmp_path)
    before = _version_of(root, monkeypatch)
    with (root / "store.py").open("a") as f:
        f.write("\n# the store is not a stage whose output the index keeps\n")
    assert _version_of(root, monkeypatch) == before
