"""index.pos_tags: jieba.posseg's cut without importing jieba.posseg, held to it tag for tag."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pytest

from index.jieba_dict import JiebaDict, stored_tables, write_jieba_dict
from index.pos_tags import PosTagger, hmm_tables

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ["蓝剑", "批准逮捕", "质押融资", "新收案件量甲乙"]


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [s for s in re.split(r"[。！？\n]", text) if s.strip()]
    for path in sorted((ROOT / "eval" / "dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line).get("question")
                out += [q] if isinstance(q, str) else []
    rng = random.Random(16)
    alphabet = "知识产权案件审结新收乙丙丁戊己庚辛壬癸龘靐齉的了吗呢一二三四五六七八九十万亿年月日" \
               "0123456789.%,，。 \t\r\nabcXYZ+#&_-（）“”《》"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(400)]
    out += ["", " ", "\r\n", "2024年新收案件量甲乙一共多少", "乙丙丁戊己庚辛壬癸", "龘靐齉龘靐", "C++ 与 C# 的 a.b_c",
            "3.5万件 12,345 件 4.78万", "ＡＢＣ１２３全角", "蓝剑行动 Blue Sword 2024"]
    return out


@pytest.fixture(scope="module")
def taggers(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, PosTagger]:
    """(jieba.posseg's tagger over jieba's dictionary, ours over the stored one), on two
    tokenizers taught the same words."""
    stored = JiebaDict(write_jieba_dict(tmp_path_factory.mktemp("jieba")))
    theirs_tok, ours_tok = jieba.Tokenizer(), jieba.Tokenizer()
    theirs_tok.initialize()
    ours_tok.FREQ, _ = stored_tables(stored)
    ours_tok.total = stored.total
    ours_tok.initialized = True
    for tok in (theirs_tok, ours_tok):
        for w in DOMAIN:
            tok.add_word(w, freq=2000)
        tok.add_word("甲乙丙", freq=2000, tag="nz")  # a word added with a tag of its own
    return jieba.posseg.POSTokenizer(theirs_tok), PosTagger(ours_tok, stored_tables(stored)[1], stored)


def test_every_text_is_tagged_as_jieba_posseg_tags_it(taggers: tuple[object, PosTagger]) -> None:
    theirs, ours = taggers
    texts = _texts()
    assert len(texts) > 2000
    for text in texts + ["甲乙丙丁"]:
        expected = [(p.word, p.flag) for p in theirs.cut(text)]  # type: ignore[attr-defined]
        assert [(t.word, t.flag) for t in ours.cut(text)] == expected, text


def test_the_hmm_tables_are_jieba_posseg_s() -> None:
    assert hmm_tables() == (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P,
                            jieba.posseg.emit_P)


def test_the_query_side_tokenizer_does_not_import_jieba_posseg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    from index.text import Tokenizer

    for name in [m for m in sys.modules if m == "jieba.posseg" or m.startswith("jieba.posseg.")]:
        monkeypatch.delitem(sys.modules, name)
    tokenizer = Tokenizer(DOMAIN, JiebaDict(write_jieba_dict(tmp_path)))
    assert "已经" in tokenizer.function_words("2024年已经审结多少件")
    assert "jieba.posseg" not in sys.modules
