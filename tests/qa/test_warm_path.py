"""What a warm question keeps from the questions before it (issue 16): each kept thing gives what
making it anew gives, and a rebuilt index keeps none of the old one's."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from index.build import build_index
from index.filters import documents_for_places
from index.glossary import Glossary
from index.problems import IndexDamaged
from index.store import ChunkStore
from index.text import Tokenizer
from qa.api import QA
from qa.live import LiveQA
from qa.rank import RerankWeights, rank_figures, score_figure
from qa.spelling import Speller, one_edit
from qa.terms import KeptTerms, QueryTerms, QuestionIdf, _weighted_overlap, metric_terms
from tests.qa.synthetic import Corpus, chunk
from tests.support import make_workspace

COURTS = chunk("2024年,全省法院新收知识产权案件83308件,审结88462件。", cid="courts")
CITY = chunk("2024年,深圳海关查扣侵权货物5822批次。", cid="city")
EN = chunk("In 2024, courts across the province accepted 83,308 new IP cases and concluded 88,462.",
           cid="en", lang="en")


@pytest.mark.parametrize("question", ["2024年全省法院一共审结多少件知识产权案件?",
                                      "How many IP cases did the courts conclude in 2024?"])
def test_the_question_weights_made_once_score_as_made_for_each_figure(question: str) -> None:
    corpus = Corpus(COURTS, CITY, EN)
    frame = corpus.frame(question)
    idf = {"法院": 2.0, "审结": 3.0, "知识产权": 0.5, "案件": 1.0, "court": 2.0, "conclud": 3.0}

    def corpus_idf(t: str) -> float:
        return idf.get(t, 0.0)

    ranked = rank_figures(frame, [(c, 1.0) for c in corpus.chunks], lambda cid: corpus.by_chunk.get(cid, []), lambda t: 1.5,
                          RerankWeights(), corpus_idf)
    assert ranked
    for sf in ranked:
        score, features = score_figure(frame, sf.record, 1.0, lambda t: 1.5, RerankWeights(), sf.chunk.place,
                                       corpus_idf)
        assert (score, features) == (sf.score, sf.features)  # to the bit


def test_a_word_set_sharing_nothing_covers_nothing() -> None:
    idf = QuestionIdf({"a": 1.0, "b": 3.0}.__getitem__)
    query = frozenset({"a", "b"})
    assert _weighted_overlap(query, frozenset({"c"}), idf) == 0.0
    assert _weighted_overlap(query, frozenset({"b", "c"}), idf) == 0.75


def test_spelling_tries_only_forms_of_near_length_and_finds_what_all_forms_give() -> None:
    speller = Speller(Counter({"prosecutors": 5, "approved": 3, "counterfeit": 2, "pieces": 4, "cases": 9,
                               "courts": 7, "trademark": 3, "trademarks": 1}), dictionary=frozenset({"sitting"}))
    for typo in ["prosecuters", "aprove", "counterfit", "peices", "trademrk", "trademarkss", "sittting", "xyzw"]:
        near = [w for w in speller.forms if one_edit(typo, w)]
        want = max(near, key=lambda w: (speller.forms[w], w)) if near and not speller.known(typo) else None
        assert speller.mend(typo) == want
    assert speller.mend("aprove") == "approve" and speller.mend("Peices") == "Pieces"
    _ = speller.dictionary  # once read, a dictionary word is left alone before any form is tried
    assert speller.mend("sitting") is None


def test_a_collection_handle_is_kept_until_its_collection_is_dropped(tmp_path: Path) -> None:
    store = ChunkStore(path=tmp_path / "chroma")
    store.create("chunks_a")
    store.add("chunks_a", ["x"], [[1.0, 0.0]], [{"lang": "zh"}])
    assert store._collection("chunks_a") is store._collection("chunks_a")
    assert [cid for cid, _ in store.query("chunks_a", [1.0, 0.0], 1)] == ["x"]
    store.drop("chunks_a")
    with pytest.raises(IndexDamaged):
        store.query("chunks_a", [1.0, 0.0], 1)
    store.create("chunks_a")  # the same name again: a new collection, not the dropped one's handle
    store.add("chunks_a", ["y"], [[0.0, 1.0]], [{"lang": "zh"}])
    assert [cid for cid, _ in store.query("chunks_a", [1.0, 0.0], 1)] == ["y"]


def test_what_an_index_keeps_for_questions_is_its_own_and_a_rebuild_starts_afresh(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path)
    build_index(settings)
    live = LiveQA(settings, QA.load(settings))
    question = "2024年深圳海关查扣侵权货物多少批次?"
    live.ask(question)
    old = live.current().index
    places = next(iter(old._places_docs))
    assert old.documents_for(places) == documents_for_places(places, old._figure_places, old._document_place)
    for docs, mask in old._docs_mask.items():
        assert not mask.flags.writeable
        assert np.array_equal(mask, np.isin(np.asarray([r.doc_id for r in old.records]), sorted(docs)))
    doc = old.chunks[0].doc_id
    assert old.chunks_in(doc) == [c for c in old.chunks if c.doc_id == doc]
    before = live.ask(question)
    build_index(settings, force=True)
    after = live.ask(question)
    new = live.current().index
    assert new is not old and new.manifest.build_id != old.manifest.build_id
    assert new.store is not old.store and new._places_docs is not old._places_docs
    assert new.store._handles.keys() == {new.manifest.collection}
    # a rebuild embeds afresh: the confidence may differ in its last bit, nothing else may
    assert after.model_dump(exclude={"seconds", "confidence"}) == before.model_dump(exclude={"seconds", "confidence"})
    assert after.confidence == pytest.approx(before.confidence, abs=1e-9)


def _senses_gathered(terms: QueryTerms, target: frozenset[str]) -> frozenset[str]:
    """The English question's translatable words a Chinese clause covers, as found before the
    senses were read backwards: every sense of every word of the clause, gathered."""
    covered: set[str] = set()
    for word in target:
        covered |= terms.senses.get(word, frozenset())
    return terms.translatable & covered


@pytest.mark.parametrize("clause", ["执业专利代理师人数", "起诉侵犯知识产权犯罪", "专利代理机构", "审结案件", ""])
def test_an_english_question_meets_a_chinese_clause_through_its_words_senses_read_backwards(clause: str) -> None:
    g = Glossary()
    g.set_senses({"执业": frozenset({"practition", "profess"}), "专利代理师": frozenset({"patent", "attorney"}),
                  "代理": frozenset({"agent", "attorney"}), "起诉": frozenset({"prosecut", "sue"})})
    question = "How many patent attorneys were practitioners in 2023?"
    terms = metric_terms(question, "en", g)
    target = frozenset(Tokenizer(["专利代理师"]).zh(clause))
    hit = frozenset(w for w in terms.translatable if not terms.holders[w].isdisjoint(target))
    assert hit == _senses_gathered(terms, target)
    assert terms.sensed == frozenset(w for w in g.word_senses if g.word_senses[w] & terms.translatable)
    kept = KeptTerms(terms)
    idf = QuestionIdf(lambda t: 1.0 + len(t))
    for _ in range(2):  # kept: the second answer is the first
        assert kept.overlap("zh", target, idf) == terms.overlap("zh", target, idf)
        assert kept.precision("zh", target, idf) == terms.precision("zh", target, idf)


def test_one_query_for_both_languages_gives_each_language_its_own_nearest(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from index.filters import SearchFilter, chroma_where
    from qa.retrieve import dense_lists

    rng = np.random.default_rng(7)
    chunks = [chunk(f"第{i}段。", cid=f"c{i}", lang="zh" if i % 3 else "en", doc=f"d{i % 4}") for i in range(24)]
    store = ChunkStore(path=tmp_path / "chroma")
    store.create("chunks_a")
    store.add("chunks_a", [c.id for c in chunks], rng.normal(size=(24, 8)).tolist(),
              [{"lang": c.lang, "doc_id": c.doc_id, "year": 2024} for c in chunks])
    idx = SimpleNamespace(store=store, manifest=SimpleNamespace(collection="chunks_a"), chunks=chunks,
                          by_id={c.id: c for c in chunks})
    docs = frozenset({"d1", "d2"})
    f = SearchFilter(doc_ids=docs)
    mask = np.asarray([c.doc_id in docs for c in chunks], dtype=np.float64)
    vector = rng.normal(size=8).tolist()
    for depth in (2, 5, 30):
        each = {lang: [cid for cid, _ in store.query("chunks_a", vector, depth, where=chroma_where(f, lang, docs))]
                for lang in ("zh", "en")}
        assert dense_lists(idx, vector, depth, f, docs, mask) == each  # type: ignore[arg-type]


def test_a_filter_given_to_the_store_as_chunk_ids_finds_what_the_where_clause_finds(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from index.filters import ChunkTable, SearchFilter, chroma_where
    from qa.retrieve import LoadedIndex, dense_lists

    rng = np.random.default_rng(11)
    chunks = [chunk(f"第{i}段。", cid=f"c{i}", lang="zh" if i % 3 else "en", doc=f"d{i % 4}") for i in range(40)]
    years = [2023 + i % 2 for i in range(40)]
    store = ChunkStore(path=tmp_path / "chroma")
    store.create("chunks_a")
    store.add("chunks_a", [c.id for c in chunks], rng.normal(size=(40, 8)).tolist(),
              [{"lang": c.lang, "doc_id": c.doc_id, "year": y} for c, y in zip(chunks, years, strict=True)])
    idx = SimpleNamespace(store=store, manifest=SimpleNamespace(collection="chunks_a"), chunks=chunks,
                          by_id={c.id: c for c in chunks}, _allowed={},
                          table=ChunkTable(years, [c.doc_id for c in chunks], [c.lang for c in chunks]))
    idx.chunk_ids_allowed = lambda f, docs, lang: LoadedIndex.chunk_ids_allowed(idx, f, docs, lang)  # type: ignore[arg-type]
    vector = rng.normal(size=8).tolist()
    for f in (SearchFilter(), SearchFilter(doc_ids=frozenset({"d1", "d2"})), SearchFilter(years=frozenset({2024})),
              SearchFilter(doc_ids=frozenset({"d3"}), langs=frozenset({"en"}))):
        docs = f.documents(lambda d: frozenset(), sorted({c.doc_id for c in chunks})) if not f.empty else None
        mask = idx.table.mask(f, docs)
        for depth in (3, 30):
            got = dense_lists(idx, vector, depth, f, docs, mask)  # type: ignore[arg-type]
            for lang, ids in got.items():
                where = chroma_where(f, lang, docs)
                want = [cid for cid, _ in store.query("chunks_a", vector, 40, where=where)][:depth]
                assert ids == want
    # The documents' filter (both languages, every allowed chunk returned) went in as ids, kept
    # for the next question with that filter.
    assert list(idx._allowed) == [(SearchFilter(doc_ids=frozenset({"d1", "d2"})), frozenset({"d1", "d2"}), None)]
    assert store.query("chunks_a", vector, 5, ids=[]) == []
