"""The glossary and the figure records built beside an index build: used when valid, refused
(never rebuilt by a reader) when missing, stale or damaged; plain JSON (never code)."""

from __future__ import annotations

import shutil

import pytest

from index.keywords import LEXICON_FILE, RECORDS_FILE, Lexicon, derived_key, read_derived, write_derived
from index.problems import IndexDamaged
from index.record_table import TABLE_FILE
from index.settings import Settings
from index.text import Tokenizer


def _lexicon(key: str) -> Lexicon:
    return Lexicon(key=key, domain_words=["蓝剑"], mined_pairs=[("arrest", "批捕")],
                   word_senses={"案件": frozenset({"case"})}, short_forms={"知产": "知识产权"})


def test_written_files_read_back_under_their_key(tmp_path):
    write_derived(tmp_path, _lexicon("k1"), [])
    assert read_derived(tmp_path, "k1") == (_lexicon("k1"), [])
    assert read_derived(tmp_path, "k2") is None  # made by other code or from other chunks
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([LEXICON_FILE, RECORDS_FILE, TABLE_FILE])  # no temp file


@pytest.mark.parametrize("content", [b"", b"not json", b'{"key": "k1"}', b'{"format": 4, "key": "k1"}', b"[]"])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, content):
    write_derived(tmp_path, _lexicon("k1"), [])
    (tmp_path / LEXICON_FILE).write_bytes(content)
    assert read_derived(tmp_path, "k1") is None


def test_records_from_another_build_are_not_trusted(tmp_path):
    write_derived(tmp_path, _lexicon("k1"), [])
    (tmp_path / RECORDS_FILE).write_text('{"format": 4, "key": "k2"}\n', encoding="utf-8")
    assert read_derived(tmp_path, "k1") is None


def test_a_missing_folder_is_no_error(tmp_path):
    assert read_derived(tmp_path / "nothing", "k1") is None


def test_two_tokenizers_in_one_process_keep_their_own_words() -> None:
    plain, taught = Tokenizer(), Tokenizer(["蓝剑行动"])
    assert "蓝剑行动" in taught.zh("开展蓝剑行动")
    assert "蓝剑行动" not in plain.zh("开展蓝剑行动")  # the other instance's word did not leak
    assert "蓝剑行动" not in Tokenizer().zh("开展蓝剑行动")


@pytest.mark.integration
def test_the_build_writes_them_and_a_reader_refuses_damaged_ones(tmp_path):
    from index.build import build_index
    from qa.retrieve import LoadedIndex

    real = Settings.from_env()
    shutil.copytree(real.index_dir, tmp_path / "index")
    (tmp_path / "models").symlink_to(real.data_dir / "models")
    settings = Settings.from_env(data_dir=tmp_path)
    built = LoadedIndex.load(settings)
    chunks_path = settings.index_dir / built.manifest.chunks_file
    assert read_derived(chunks_path.parent, derived_key(chunks_path)) is not None  # `qa index` made them

    (chunks_path.parent / LEXICON_FILE).write_bytes(b"damaged")
    with pytest.raises(IndexDamaged, match="run `qa index`"):
        LoadedIndex.load(settings)  # not rebuilt inside a reader
    assert build_index(settings).status == "repaired"
    again = LoadedIndex.load(settings)
    assert again.idf == built.idf
    assert again.glossary.en_to_zh == built.glossary.en_to_zh
    assert again.glossary.word_senses == built.glossary.word_senses
    assert again.records == built.records


def test_the_short_forms_are_written_and_read_with_the_lexicon(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Derived at index time, so a question's first Chinese word costs no CC-CEDICT read (qa.abbrev).
    write_derived(tmp_path, _lexicon("k"), [])
    got = read_derived(tmp_path, "k")
    assert got is not None and got[0].short_forms == {"知产": "知识产权"}


def test_the_pinyin_table_is_written_and_read_with_the_lexicon(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Read from CC-CEDICT at index time (index.pinyin), so a question's first Chinese typo check
    # costs no dictionary read (qa.spelling_zh).
    lexicon = _lexicon("k")
    lexicon.pinyin = {"案": frozenset({"an"}), "长": frozenset({"chang", "zhang"})}
    write_derived(tmp_path, lexicon, [])
    got = read_derived(tmp_path, "k")
    assert got is not None and got[0].pinyin == lexicon.pinyin


def test_the_stored_pinyin_table_is_the_dictionary_s() -> None:
    from index.glossary import cedict_lines
    from index.pinyin import pinyin_table
    from qa.retrieve import LoadedIndex

    real = Settings.from_env()
    built = LoadedIndex.load(real)
    assert built.pinyin == pinyin_table(cedict_lines())
