"""The tokenized-corpus cache: used when valid, rebuilt when missing, stale or damaged."""

from __future__ import annotations

import shutil

import pytest

from index.settings import Settings
from qa.lexicon import LEXICON_FILE, Lexicon, lexicon_key, read_lexicon, write_lexicon


def _lexicon(key: str) -> Lexicon:
    return Lexicon(key=key, domain_words=["蓝剑"], mined_pairs=[("arrest", "批捕")], corpus_tokens=[["案件"]],
                   figure_tokens={}, word_senses={"案件": frozenset({"case"})})


def test_a_written_lexicon_reads_back_under_its_key(tmp_path):
    path = tmp_path / LEXICON_FILE
    write_lexicon(path, _lexicon("k1"))
    assert read_lexicon(path, "k1") == _lexicon("k1")
    assert read_lexicon(path, "k2") is None  # made by other code or from other chunks
    assert [p.name for p in tmp_path.iterdir()] == [LEXICON_FILE]  # no temporary file left


@pytest.mark.parametrize("content", [b"", b"not json", b'{"key": "k1"}', b'{"format": 2, "key": "k1"}', b"[]"])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, content):
    path = tmp_path / LEXICON_FILE
    path.write_bytes(content)
    assert read_lexicon(path, "k1") is None


def test_a_missing_file_is_no_error(tmp_path):
    assert read_lexicon(tmp_path / LEXICON_FILE, "k1") is None


@pytest.mark.integration
def test_the_index_loads_the_same_from_the_cache_as_without_it(tmp_path):
    from qa.retrieve import LoadedIndex

    real = Settings.from_env()
    shutil.copytree(real.index_dir, tmp_path / "index")
    (tmp_path / "models").symlink_to(real.data_dir / "models")
    settings = Settings.from_env(data_dir=tmp_path)
    manifest_chunks = next((tmp_path / "index").glob("builds/*/chunks.jsonl"))
    cache = manifest_chunks.with_name(LEXICON_FILE)
    cache.unlink(missing_ok=True)

    fresh = LoadedIndex.load(settings)  # tokenizes, and writes the cache
    assert cache.is_file()
    cached = LoadedIndex.load(settings)
    assert cached.idf == fresh.idf
    assert cached.glossary.en_to_zh == fresh.glossary.en_to_zh
    assert cached.glossary.word_senses == fresh.glossary.word_senses

    cache.write_bytes(b"damaged")
    again = LoadedIndex.load(settings)  # a damaged cache is rebuilt, not trusted: the same again,
    assert again.idf == fresh.idf  # as it is built in a fresh interpreter, whatever this one knows
    assert read_lexicon(cache, lexicon_key(manifest_chunks)) is not None
    assert again.figure_token_table == fresh.figure_token_table


def test_two_tokenizers_in_one_process_keep_their_own_words() -> None:
    from index.text import Tokenizer

    plain, taught = Tokenizer(), Tokenizer(["蓝剑行动"])
    assert "蓝剑行动" in taught.zh("开展蓝剑行动")
    assert "蓝剑行动" not in plain.zh("开展蓝剑行动")  # the other instance's word did not leak
    assert "蓝剑行动" not in Tokenizer().zh("开展蓝剑行动")
