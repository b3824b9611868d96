"""The trimmed query tokenizer gives fastembed's ids for any text, and the query embedder its vectors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.embed import QUERY_PREFIX, E5Embedder
from index.problems import IndexDamaged
from index.query_embed import QueryEmbedder, _session
from index.query_tokenizer import (
    QUERY_TOKENIZER_FILE,
    QUERY_TOKENIZER_META,
    QueryTokenizer,
    check_query_tokenizer,
    tokenizer_digest,
    write_for_build,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

TEXTS = [
    "How many IP cases did Guangdong courts conclude in 2024?",
    "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?",
    "2024年廣東省法院審結知識產權案件多少件？",  # traditional
    "广东 customs 查扣侵权商品 how many 批次 in 2023?",  # mixed
    "全省专利授权量达到４７．８万件（同比增长１２％）",  # full-width digits and brackets
    "What about 深圳? 😀👍🏽 ❤️",  # emoji, a skin tone, a variation selector
    "  leading,\ttabs,\u3000ideographic space,\u00a0nbsp and   runs   of spaces  ",
    "zero\u200bwidth\u200d joiner and soft\u00adhyphen",
    "café naïve Ångström ﬁ ligature ™ ½ ① Ⅻ",  # NFKC folds some of these
    "Москва, Ελλάδα, العربية, हिन्दी, 한국어, 日本語のテキスト, ไทย",
    "<s> </s> <mask> <unk> <pad> written out",
    "US$1.2 billion, 4.78万件 (47,800), 3,314万件, 106.19%",
    "",
    "?",
    "𠀀𠀁 rare ideographs of Extension B",
    "控制\x00字符\x07与\x1b转义",
    "长" * 700,  # beyond e5's 512 tokens: truncated alike
    " ".join(["intellectual property"] * 300),
]


@pytest.fixture(scope="module")
def query_folder(e5_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query-tokenizer")
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    write_for_build(e5_model_dir, texts, folder)
    return folder


@pytest.fixture(scope="module")
def full(e5_model_dir: Path) -> E5Embedder:
    return E5Embedder(e5_model_dir, "int8", threads=2)


@pytest.fixture(scope="module")
def fastembed_tokenizer(full: E5Embedder):  # type: ignore[no-untyped-def]
    return full._load_model().model.tokenizer  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def trimmed(query_folder: Path, e5_model_dir: Path) -> QueryTokenizer:
    return QueryTokenizer.load(query_folder, e5_model_dir, tokenizer_digest(e5_model_dir))


@pytest.fixture(scope="module")
def embedder(full: E5Embedder, query_folder: Path, e5_model_dir: Path) -> QueryEmbedder:
    return QueryEmbedder(full, query_folder, tokenizer_digest(e5_model_dir))


@pytest.mark.parametrize("text", TEXTS)
def test_ids_are_fastembeds_or_the_text_goes_to_the_full_tokenizer(trimmed, fastembed_tokenizer, text) -> None:
    ids = trimmed.ids(QUERY_PREFIX + text)
    if ids is not None:
        assert ids == fastembed_tokenizer.encode(QUERY_PREFIX + text).ids


def test_questions_in_our_scripts_take_the_trimmed_path(trimmed) -> None:
    for text in TEXTS[:5] + TEXTS[6:8] + TEXTS[10:14] + TEXTS[16:]:
        assert trimmed.ids(QUERY_PREFIX + text) is not None, text


def test_a_character_outside_the_kept_alphabet_goes_to_the_full_tokenizer(trimmed) -> None:
    assert trimmed.ids("query: Москва") is None
    assert trimmed.ids("query: 😀") is None


def test_every_corpus_sentence_is_tokenized_alike(trimmed, fastembed_tokenizer) -> None:
    lines = [line for p in sorted(CORPUS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    for line in lines:
        assert trimmed.ids(QUERY_PREFIX + line) == fastembed_tokenizer.encode(QUERY_PREFIX + line).ids


_ALPHABET = st.sampled_from(list("abcXYZ019 ,.?%$()-") + list("广东省法院审结案件万亿年同比增长，。？、（）")
                            + ["\u3000", "\u00a0", "\t", "é", "ｆ", "１", "😀", "Ж", "ß", "ﬁ", "▁", "<", ">", "/"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(_ALPHABET, max_size=60).map("".join) | st.text(max_size=40))
def test_any_text_gets_fastembeds_ids(trimmed, fastembed_tokenizer, text) -> None:
    ids = trimmed.ids(QUERY_PREFIX + text)
    if ids is not None:
        assert ids == fastembed_tokenizer.encode(QUERY_PREFIX + text).ids


@pytest.mark.parametrize("text", TEXTS)
def test_query_vectors_are_fastembeds_to_the_bit(embedder, full, text) -> None:
    assert embedder.embed_queries([text]) == full.embed_queries([text])


def test_a_batch_goes_through_fastembed(embedder, full) -> None:
    assert embedder.embed_queries(TEXTS[:3]) == full.embed_queries(TEXTS[:3])


def test_the_query_sessions_threads_do_not_spin_between_questions(full) -> None:
    # onnxruntime's workers spin-wait by default: as much CPU again as the question itself.
    options = _session(full).get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert options.get_session_config_entry("session.inter_op.allow_spinning") == "0"


def test_a_missing_query_tokenizer_names_the_fix(query_folder, e5_model_dir, tmp_path) -> None:
    for name in (QUERY_TOKENIZER_FILE, QUERY_TOKENIZER_META):
        folder = tmp_path / name
        shutil.copytree(query_folder, folder)
        (folder / name).unlink()
        with pytest.raises(IndexDamaged, match=r"missing: run `qa index`"):
            QueryTokenizer.load(folder, e5_model_dir, tokenizer_digest(e5_model_dir))
        with pytest.raises(IndexDamaged, match=r"missing: run `qa index`"):
            check_query_tokenizer(folder, e5_model_dir)


def test_a_query_tokenizer_of_another_model_is_stale(query_folder, e5_model_dir, tmp_path) -> None:
    folder = tmp_path / "stale"
    shutil.copytree(query_folder, folder)
    meta = json.loads((folder / QUERY_TOKENIZER_META).read_text(encoding="utf-8"))
    (folder / QUERY_TOKENIZER_META).write_text(json.dumps({**meta, "source": "0" * 64}), encoding="utf-8")
    with pytest.raises(IndexDamaged, match="another tokenizer than the model's"):
        check_query_tokenizer(folder, e5_model_dir)
    with pytest.raises(IndexDamaged, match="another tokenizer than the model's"):
        QueryTokenizer.load(folder, e5_model_dir, tokenizer_digest(e5_model_dir))


def test_a_damaged_query_tokenizer_names_the_fix(query_folder, e5_model_dir, tmp_path) -> None:
    folder = tmp_path / "damaged"
    shutil.copytree(query_folder, folder)
    (folder / QUERY_TOKENIZER_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexDamaged, match="damaged"):
        QueryTokenizer.load(folder, e5_model_dir, tokenizer_digest(e5_model_dir))
