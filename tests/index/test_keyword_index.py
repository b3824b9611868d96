"""The persisted keyword index: scores exactly as the hand BM25 loop it replaced, survives a save
and a memory-mapped load, filters inside the query, and refuses files it cannot trust."""

from __future__ import annotations

import json

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.filters import ChunkTable, SearchFilter, allows_nothing, chroma_where
from index.keyword_index import KEYWORDS_DIR, KeywordIndex, KeywordIndexProblem

# A small bilingual corpus as the tokenizer leaves it: Chinese words, English stems, value tokens.
TOKENS = [
    ["法院", "受理", "知识产权", "案件", "#83308", "y2024"],
    ["检察", "批准", "逮捕", "案件", "案件", "#1265", "y2024"],
    ["court", "accept", "case", "#83308", "y2024"],
    ["海关", "查扣", "侵权", "货物", "y2023"],
    ["prosecutor", "approv", "arrest", "case", "#1265"],
    ["法院", "审结", "知识产权", "案件", "y2023"],
    ["知识产权", "案件"],
]
LANGS = ["zh", "zh", "en", "zh", "en", "zh", "zh"]
YEARS = [2024, 2024, 2024, 2023, 2024, 2023, 2023]
DOCS = ["wp-2024", "wp-2024", "wp-2024", "wp-2023", "wp-2024", "gz-2023", "gz-2023"]
QUERIES = [["案件"], ["法院", "案件", "案件"], ["#1265", "逮捕"], ["case", "#83308"], ["不在", "词表"], []]


def _reference(lang: str) -> tuple[BM25Okapi, list[int]]:
    positions = [i for i, lg in enumerate(LANGS) if lg == lang]
    return BM25Okapi([TOKENS[i] for i in positions], k1=1.2, b=0.5), positions


@pytest.fixture
def saved(tmp_path) -> KeywordIndex:
    KeywordIndex.build("key-1", LANGS, TOKENS).save(tmp_path)
    return KeywordIndex.load(tmp_path, "key-1", mmap=True)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_loaded_index_scores_exactly_like_the_in_memory_reference(saved, lang, query):
    reference, positions = _reference(lang)
    expected = reference.get_scores(query) if query else np.zeros(len(positions))
    got = saved.langs[lang].scores(query)
    assert np.array_equal(got, expected)  # bit for bit: ties between chunks stay ties
    assert saved.langs[lang].positions.tolist() == positions


def test_the_score_arrays_are_memory_mapped(saved):
    assert all(isinstance(i.model.scores["data"], np.memmap) for i in saved.langs.values())


def test_search_returns_positive_scores_best_first_ties_in_chunk_order(saved):
    hits = saved.search("zh", ["知识产权"], k=10)
    assert [pos for pos, _ in hits] == [6, 5, 0]  # the shorter a chunk, the more the word weighs
    tied = saved.search("zh", ["y2023"], k=10)
    assert [pos for pos, _ in tied] == [3, 5] and tied[0][1] == tied[1][1]  # same length: a tie, in order
    assert saved.search("zh", ["nothing"], k=10) == []
    assert saved.search("zh", ["案件"], k=2) == saved.search("zh", ["案件"], k=10)[:2]


def test_idf_covers_both_languages_and_unknown_words_weigh_most(saved):
    built = KeywordIndex.build("key-1", LANGS, TOKENS)
    assert saved.idf == built.idf
    assert saved.idf["#83308"] < saved.idf["逮捕"]  # in two chunks (one each language) against one
    assert saved.idf_of("没有的词") > max(saved.idf.values())


TABLE = ChunkTable(YEARS, DOCS, LANGS)
PLACES = {"gz-2023": frozenset({"广州"})}


def _allowed(f: SearchFilter) -> list[int]:
    mask = TABLE.mask(f, f.documents(lambda d: PLACES.get(d, frozenset()), sorted(set(DOCS))))
    return list(range(len(DOCS))) if mask is None else [i for i, m in enumerate(mask) if m]


@pytest.mark.parametrize(("f", "allowed"), [
    (SearchFilter(), [0, 1, 2, 3, 4, 5, 6]),
    (SearchFilter(years=frozenset({2023})), [3, 5, 6]),
    (SearchFilter(years=frozenset({2023, 2024})), [0, 1, 2, 3, 4, 5, 6]),
    (SearchFilter(doc_ids=frozenset({"wp-2024"})), [0, 1, 2, 4]),
    (SearchFilter(langs=frozenset({"en"})), [2, 4]),
    (SearchFilter(places=frozenset({"广州"})), [5, 6]),
    (SearchFilter(places=frozenset({"深圳"})), []),
    (SearchFilter(places=frozenset({"广州"}), doc_ids=frozenset({"wp-2024"})), []),
    (SearchFilter(years=frozenset({2024}), langs=frozenset({"zh"})), [0, 1]),
])
def test_filters_allow_what_they_name_and_nothing_else(f, allowed):
    assert _allowed(f) == allowed


def test_a_filtered_search_ranks_only_what_it_may_return(saved):
    f = SearchFilter(years=frozenset({2023}))
    mask = TABLE.mask(f, None)
    hits = saved.search("zh", ["知识产权", "案件"], k=2, mask=mask)
    assert [pos for pos, _ in hits] == [6, 5]  # the two best of 2023, not 2024's best cut away
    unfiltered = saved.search("zh", ["知识产权", "案件"], k=10)
    assert dict(hits) == {p: s for p, s in unfiltered if p in (5, 6)}  # same scores, fewer chunks


def test_chroma_where_pushes_every_filter_into_the_store_query():
    assert chroma_where(SearchFilter(), "zh", None) == {"lang": "zh"}
    f = SearchFilter(years=frozenset({2024, 2023}))
    assert chroma_where(f, "en", frozenset({"b", "a"})) == {
        "$and": [{"lang": "en"}, {"year": {"$in": [2023, 2024]}}, {"doc_id": {"$in": ["a", "b"]}}]}
    # Both languages in one query (qa.retrieve.dense_lists): the language is left out.
    assert chroma_where(f, None, frozenset({"a"})) == {"$and": [{"year": {"$in": [2023, 2024]}}, {"doc_id": {"$in": ["a"]}}]}
    assert chroma_where(SearchFilter(), None, frozenset({"a"})) == {"doc_id": {"$in": ["a"]}}
    assert chroma_where(SearchFilter(), None, None) is None
    assert allows_nothing(SearchFilter(langs=frozenset({"zh"})), "en", None)
    assert allows_nothing(SearchFilter(), "zh", frozenset())  # a place with no documents
    assert not allows_nothing(SearchFilter(), "zh", None)


def test_an_index_built_for_other_chunks_is_refused(tmp_path):
    KeywordIndex.build("key-1", LANGS, TOKENS).save(tmp_path)
    with pytest.raises(KeywordIndexProblem, match="other code or for other chunks"):
        KeywordIndex.load(tmp_path, "key-2")


def test_a_missing_index_is_named(tmp_path):
    with pytest.raises(KeywordIndexProblem, match="missing"):
        KeywordIndex.load(tmp_path, "key-1")


@pytest.mark.parametrize("damage", ["cut_matrix", "garbled_vocab", "no_idf", "wrong_count", "garbled_meta"])
def test_a_damaged_index_is_refused(tmp_path, damage):
    KeywordIndex.build("key-1", LANGS, TOKENS).save(tmp_path)
    root = tmp_path / KEYWORDS_DIR
    if damage == "cut_matrix":
        path = root / "zh" / "data.csc.index.npy"
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "garbled_vocab":
        (root / "en" / "vocab.index.json").write_text("{not json", encoding="utf-8")
    elif damage == "no_idf":
        (root / "idf.json").unlink()
    elif damage == "wrong_count":
        meta = json.loads((root / "meta.json").read_text())
        meta["n_chunks"] = 99
        (root / "meta.json").write_text(json.dumps(meta))
    else:
        (root / "meta.json").write_text("[]")
    with pytest.raises(KeywordIndexProblem):
        KeywordIndex.load(tmp_path, "key-1")


def test_saving_again_replaces_the_whole_index(tmp_path):
    KeywordIndex.build("key-1", LANGS, TOKENS).save(tmp_path)
    KeywordIndex.build("key-2", LANGS[:3], TOKENS[:3]).save(tmp_path)
    again = KeywordIndex.load(tmp_path, "key-2")
    assert again.n_chunks == 3 and set(again.langs) == {"zh", "en"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [KEYWORDS_DIR]  # no temporary folder left


@pytest.mark.parametrize("masked", [False, True])
def test_the_stored_scores_read_without_bm25s_score_as_bm25s_loads_them(tmp_path, masked):
    import bm25s

    KeywordIndex.build("key-1", LANGS, TOKENS).save(tmp_path)
    ours = KeywordIndex.load(tmp_path, "key-1")
    for lang in ("zh", "en"):
        theirs = bm25s.BM25.load(str(tmp_path / KEYWORDS_DIR / lang), mmap=True, show_progress=False)
        mine = ours.langs[lang].model
        assert mine.vocab_dict == theirs.vocab_dict and mine.scores["num_docs"] == theirs.scores["num_docs"]
        mask = np.array([1.0, 0.0] * 4)[: mine.scores["num_docs"]] if masked else None
        for query in QUERIES + [[w for toks in TOKENS for w in toks]]:
            ids = theirs.get_tokens_ids(query)
            assert mine.get_tokens_ids(query) == ids
            expected = theirs.get_scores_from_ids(ids, weight_mask=None if mask is None else mask.copy())
            assert np.array_equal(mine.get_scores_from_ids(ids, None if mask is None else mask.copy()), expected)
            assert mine.get_scores_from_ids(ids).dtype == theirs.get_scores_from_ids(ids).dtype
