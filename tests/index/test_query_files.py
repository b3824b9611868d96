"""What query time reads beside the chunks — keyword index, glossary, figure records, the
documents' table and clean text — is made by `qa index` alone: per document and incrementally,
checked by `qa doctor`, repaired by `qa index`, and never rebuilt inside a question."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from index.build import build_index, read_manifest
from index.check import inspect
from index.citable import CLEAN_DIR, DOCUMENTS_FILE, CleanDocs, read_documents
from index.clean import clean_document
from index.corpus import read_corpus
from index.filters import SearchFilter
from index.jieba_dict import JIEBA_DICT_FILE
from index.keyword_index import KEYWORDS_DIR
from index.keywords import LEXICON_FILE
from index.parts import PARTS_DIR
from index.settings import Settings
from tests.support import make_workspace


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Settings:
    """A workspace built once (fake embedder), shared by the tests that only read it."""
    settings = make_workspace(tmp_path_factory.mktemp("built"))
    build_index(settings)
    return settings


def _build_folder(settings: Settings) -> Path:
    manifest = read_manifest(settings)
    assert manifest is not None
    return (settings.index_dir / manifest.chunks_file).parent


def test_clean_texts_are_those_the_cleaner_makes(built):
    folder = _build_folder(built)
    clean = CleanDocs(folder)
    for doc in read_corpus(built.corpus_dir).documents:
        assert clean(doc.meta.id) == clean_document(doc.text, doc.meta, doc.encoding)
    docs = read_documents(folder)
    assert {d.meta.id for d in docs.values()} == {d.meta.id for d in read_corpus(built.corpus_dir).documents}
    assert docs["gz-ip-admin-protection-2023"].places == frozenset({"guangzhou", "guangdong", "china"})  # its place and those containing it


def test_a_question_after_qa_index_rebuilds_nothing(built, monkeypatch):
    import jieba

    import index.build
    import index.clean
    import index.corpus
    import index.jieba_dict
    import index.keyword_index
    import index.keywords
    import index.records
    from qa.api import QA

    def forbidden(*_a, **_k):
        raise AssertionError("rebuilt at query time")

    for module, name in [(index.keywords, "build_derived"), (index.keywords, "chunk_tokens"),
                         (index.keywords, "figure_records"), (index.records, "figure_records"),
                         (index.keywords, "mine_pairs"), (index.keywords, "add_senses"),
                         (index.keyword_index, "okapi_scores"), (index.clean, "clean_document"),
                         (index.build, "clean_document"), (index.corpus, "read_corpus"),
                         (index.build, "read_corpus"), (subprocess, "Popen"), (subprocess, "run")]:
        monkeypatch.setattr(module, name, forbidden)
    monkeypatch.setattr(index.keyword_index.KeywordIndex, "build", classmethod(forbidden))
    # jieba's dictionary is looked up in the stored file: neither made nor loaded whole.
    monkeypatch.setattr(index.jieba_dict, "_write", forbidden)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", forbidden)
    monkeypatch.setattr(jieba.Tokenizer, "gen_pfdict", forbidden)
    qa = QA.load(built)
    answer = qa.ask("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件？")
    assert answer.citations or answer.related  # a citation quoted from the stored clean text
    quoted = answer.citations[0] if answer.citations else answer.related[0]
    assert quoted.quote and quoted.end > quoted.start
    qa.verify("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件1265件。")
    assert qa.status().documents


@pytest.mark.parametrize(("f", "allowed"), [
    (SearchFilter(doc_ids=frozenset({"gd-ip-protection-2023"})), {"gd-ip-protection-2023"}),
    (SearchFilter(places=frozenset({"guangzhou"})), {"gz-ip-admin-protection-2023"}),
    (SearchFilter(years=frozenset({2024})), {"gd-ip-protection-2024", "gd-ip-top10-events-2024"}),
])
def test_filters_reach_both_searches(built, f, allowed):
    from qa.api import QA

    qa = QA.load(built)
    frame = qa._analyse("知识产权案件数量", "question")
    ranked = qa.retriever.rank(frame, filters=f)
    assert ranked, "the filtered searches found nothing"
    assert {qa.index.by_id[cid].doc_id for cid, _ in ranked} <= allowed
    assert {qa.index.by_id[cid].doc_id for cid, _ in qa.retriever.rank(frame)} - allowed  # unfiltered: more
    english = qa.retriever.rank(frame, filters=f.model_copy(update={"langs": frozenset({"en"})}))
    assert all(qa.index.by_id[cid].lang == "en" for cid, _ in english)


def test_changing_one_document_retokenizes_only_its_part(tmp_path):
    settings = make_workspace(tmp_path / "w")
    build_index(settings)
    before = _build_folder(settings) / PARTS_DIR
    inodes = {p.name: p.stat().st_ino for p in before.iterdir()}
    path = settings.corpus_dir / "gd-ip-protection-2024.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("存案11337件", "存案11338件"), encoding="utf-8")
    build_index(settings)
    after = _build_folder(settings) / PARTS_DIR
    assert after != before
    changed = {p.name for p in after.iterdir() if p.stat().st_ino != inodes.get(p.name)}
    assert changed == {"gd-ip-protection-2024.json"}  # the others are the previous build's files, linked
    assert "#11338" in (after / "gd-ip-protection-2024.json").read_text(encoding="utf-8")


def _damage(folder: Path, part: str) -> None:
    if part == "keyword matrix":
        path = folder / KEYWORDS_DIR / "zh" / "indices.csc.index.npy"
        path.write_bytes(path.read_bytes()[:64])
    elif part == "keyword index":
        (folder / KEYWORDS_DIR / "meta.json").unlink()
    elif part == "stale glossary":
        lexicon = json.loads((folder / LEXICON_FILE).read_text(encoding="utf-8"))
        (folder / LEXICON_FILE).write_text(json.dumps({**lexicon, "key": "made-by-other-code"}), encoding="utf-8")
    elif part == "jieba dictionary":
        path = folder / JIEBA_DICT_FILE
        path.write_bytes(path.read_bytes()[:4096])
    elif part == "documents":
        (folder / DOCUMENTS_FILE).write_text("{", encoding="utf-8")
    else:
        next((folder / CLEAN_DIR).glob("*.npy")).unlink()


def _copy(settings: Settings, root: Path) -> Settings:
    shutil.copytree(settings.corpus_dir, root / "corpus")
    shutil.copytree(settings.data_dir, root / "data")
    return settings.model_copy(update={"corpus_dir": root / "corpus", "data_dir": root / "data"})


@pytest.mark.parametrize("part", ["keyword matrix", "keyword index", "stale glossary", "documents", "clean text",
                                  "jieba dictionary"])
def test_a_damaged_query_file_is_reported_by_doctor_and_repaired_by_index(built, tmp_path, part):
    from qa.api import QA, QAError

    settings = _copy(built, tmp_path)
    _damage(_build_folder(settings), part)
    health = inspect(settings)
    assert not health.ok and any("qa index" in p for p in health.problems), health.report()
    if part != "clean text":  # read on the first citation of that document, not at load
        with pytest.raises(QAError, match="qa index"):
            QA.load(settings)
    report = build_index(settings)
    assert report.status == "repaired" and report.embedded == 0
    assert inspect(settings).ok
    QA.load(settings).ask("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件？")
