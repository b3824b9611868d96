"""jieba's dictionary stored by `qa index` (index.jieba_dict): the same tokens and tags as jieba's
own dictionary loaded whole, keyed by the dictionary's content, reused between builds only when
intact, and refused when made from another dictionary or damaged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from index.jieba_dict import JIEBA_DICT_FILE, JiebaDict, dictionary_key, dictionary_path, write_jieba_dict
from index.problems import IndexDamaged
from index.text import Tokenizer

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOMAIN = ["蓝剑", "批准逮捕", "质押融资", "新收案件量甲乙"]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jieba")
    return write_jieba_dict(folder)


@pytest.fixture(scope="module")
def both(stored: Path) -> tuple[Tokenizer, Tokenizer]:
    """(jieba's dictionary loaded whole, the stored one), taught the same words."""
    return Tokenizer(DOMAIN), Tokenizer(DOMAIN, JiebaDict(stored))


def corpus_sentences(n: int = 400) -> list[str]:
    """Chinese sentences of the real corpus, spread over its documents."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [s for s in re.split(r"[。！？\n]", text) if re.search(r"[\u4e00-\u9fff]", s)]
    return out[:: max(1, len(out) // n)]


def test_the_stored_dictionary_gives_the_same_tokens_and_tags(both: tuple[Tokenizer, Tokenizer]) -> None:
    whole, stored = both
    sentences = corpus_sentences() + ["2024年新收案件量甲乙一共多少", "广东法院2023年审结知识产权案件多少件？",
                                      "“蓝剑”行动查处侵权假冒案件", "乙丙丁戊己庚辛壬癸"]
    assert len(sentences) > 100
    for s in sentences:
        assert stored.zh(s) == whole.zh(s), s
        assert stored.function_words(s) == whole.function_words(s), s


def test_taught_words_stay_in_memory_over_the_file(stored: Path) -> None:
    source = JiebaDict(stored)
    tokenizer = Tokenizer(["新收案件量甲乙"], source)
    assert "新收案件量甲乙" in tokenizer.zh("2024年新收案件量甲乙一共多少")
    assert source.lookup("新收案件量甲乙") is None  # the file is read-only
    assert Tokenizer([], JiebaDict(stored)).zh("新收案件量甲乙") != ["新收案件量甲乙"]  # nor shared


def test_the_key_is_the_dictionary_s_content(tmp_path: Path) -> None:
    copy = tmp_path / "dict.txt"
    shutil.copyfile(dictionary_path(), copy)
    assert dictionary_key(copy) == dictionary_key()
    with copy.open("ab") as f:
        f.write("新收案件量 3 n\n".encode())
    assert dictionary_key(copy) != dictionary_key()


def test_a_file_of_another_dictionary_is_refused(stored: Path) -> None:
    with pytest.raises(IndexDamaged, match="another dictionary.*qa index"):
        JiebaDict(stored, key="0" * 64)


@pytest.mark.parametrize("damage", ["missing", "cut", "garbage"])
def test_a_damaged_file_is_refused(stored: Path, tmp_path: Path, damage: str) -> None:
    path = tmp_path / JIEBA_DICT_FILE
    if damage == "cut":
        path.write_bytes(stored.read_bytes()[:4096])
    elif damage == "garbage":
        path.write_bytes(b"not a database" * 100)
    with pytest.raises(IndexDamaged, match="qa index"):
        JiebaDict(path)


def test_a_build_links_the_previous_file_only_when_it_is_intact(stored: Path, tmp_path: Path) -> None:
    previous = tmp_path / "previous"
    previous.mkdir()
    shutil.copyfile(stored, previous / JIEBA_DICT_FILE)
    (tmp_path / "next-ok").mkdir()
    linked = write_jieba_dict(tmp_path / "next-ok", [previous], lambda _p: True)
    assert linked.stat().st_ino == (previous / JIEBA_DICT_FILE).stat().st_ino
    (tmp_path / "next-bad").mkdir()
    written = write_jieba_dict(tmp_path / "next-bad", [previous], lambda _p: False)
    assert written.stat().st_ino != (previous / JIEBA_DICT_FILE).stat().st_ino
    assert JiebaDict(written).lookup("知识产权") == JiebaDict(stored).lookup("知识产权")
