"""The figure records' row table (index.record_table): a chunk's records read alone are the
records as written, rows and ids agree with the records' order, and a table that does not
belong to its records file is refused."""

from __future__ import annotations

import json

import numpy as np
import pytest

from index.keywords import RECORDS_FILE, Lexicon, load_for_query, read_derived, write_derived
from index.problems import IndexDamaged
from index.record_table import TABLE_FILE, RecordTable
from tests.qa.synthetic import Corpus, chunk


def _corpus() -> Corpus:
    return Corpus(
        chunk("2024年，全省法院新收知识产权案件8.33万件，审结8.85万件。", cid="a1", doc="gd"),
        chunk("全省检察机关批准逮捕侵犯知识产权犯罪案件1265件，起诉2249人。", cid="a2", doc="gd"),
        chunk("没有数字的一句话。", cid="a3", doc="gd"),
        chunk("2024年，浙江省法院新收知识产权案件4.1万件。", cid="b1", doc="zj", place="浙江"),
    )


def _write(folder, corpus: Corpus) -> RecordTable:
    write_derived(folder, Lexicon(key="k", domain_words=[], mined_pairs=[], word_senses={}, short_forms={}),
                  corpus.records)
    table = RecordTable.load(folder, "k", RECORDS_FILE)
    assert table is not None
    return table


def test_each_chunk_reads_back_its_own_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus()
    table = _write(tmp_path, corpus)
    assert len(table) == len(corpus.records) > 3
    for c in corpus.chunks:
        assert table.of_chunk(c.id) == corpus.by_chunk.get(c.id, [])
    assert table.of_chunk("a1") is table.of_chunk("a1")  # parsed once, the same objects after
    assert table.of_chunk("nowhere") == []
    # The whole file still reads as before (the build and the audit read it so).
    found = read_derived(tmp_path, "k")
    assert found is not None and found[1] == corpus.records == table.all()


def test_rows_ids_and_documents_follow_the_records_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus()
    fresh = _write(tmp_path, corpus)
    for row, r in enumerate(corpus.records):
        assert fresh.rows[r.id] == row  # before its chunk is parsed
        assert fresh.chunk_id_at(row) == r.chunk_id
        assert fresh.at(row) == r
        assert fresh.rows[r.id] == row  # and after
    assert list(fresh.rows) == [r.id for r in corpus.records]
    assert "a1:99" not in fresh.rows and "nowhere:0" not in fresh.rows
    assert np.array_equal(fresh.row_docs(), np.asarray([r.doc_id for r in corpus.records]))
    expected: dict[str, set[frozenset[str]]] = {}
    for r in corpus.records:
        expected.setdefault(r.doc_id, set()).add(r.places)
    assert fresh.doc_places == {d: frozenset(s) for d, s in expected.items()}


def test_a_table_of_other_records_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus()
    _write(tmp_path, corpus)
    assert RecordTable.load(tmp_path, "other key", RECORDS_FILE) is None
    (tmp_path / RECORDS_FILE).write_text((tmp_path / RECORDS_FILE).read_text(encoding="utf-8") + "\n",
                                         encoding="utf-8")
    assert RecordTable.load(tmp_path, "k", RECORDS_FILE) is None  # the records file changed size
    (tmp_path / TABLE_FILE).write_text(json.dumps({"format": 1}), encoding="utf-8")
    assert RecordTable.load(tmp_path, "k", RECORDS_FILE) is None


def test_a_damaged_record_is_an_index_problem_when_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    corpus = _corpus()
    _write(tmp_path, corpus)
    data = (tmp_path / RECORDS_FILE).read_bytes()
    at = data.index(b'"value"')
    (tmp_path / RECORDS_FILE).write_bytes(data[:at] + b'"valu?"' + data[at + 7:])  # same size
    table = RecordTable.load(tmp_path, "k", RECORDS_FILE)
    assert table is not None
    with pytest.raises(IndexDamaged, match="run `qa index`"):
        table.all()


def test_the_query_loader_refuses_a_missing_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    chunks_path = tmp_path / "chunks.jsonl"
    chunks_path.write_text("", encoding="utf-8")
    with pytest.raises(IndexDamaged, match="run `qa index`"):
        load_for_query(chunks_path)
