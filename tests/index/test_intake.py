"""`qa add` / `qa remove`: a refused or failed change leaves corpus, metadata and index exactly as
they were; an addition embeds only the new document's chunks; a running app keeps answering."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from index.build import build_index, check_manifest, read_manifest
from index.corpus import CorpusError
from index.intake import Given, IntakeError, add_document, plan_add
from index.intake_remove import remove_document
from index.settings import PROJECT_ROOT, Settings
from tests.support import SMALL_DOC, make_workspace, private_copy, small_corpus

NEW_DOC = PROJECT_ROOT / "tests" / "data" / "intake" / "zhanjiang-ip-2024.txt"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("intake")
    settings = make_workspace(root / "ws", corpus=small_corpus(root))
    build_index(settings)
    return settings


@pytest.fixture
def ws(template: Settings, tmp_path: Path) -> Settings:
    """A private copy of a built one-document corpus and its index (fake embedder)."""
    return private_copy(template, tmp_path)


def snapshot(settings: Settings) -> dict[str, str]:
    """Every file of the corpus folder and the data folder, by path, with its hash."""
    out = {}
    for top in (settings.corpus_dir, settings.data_dir):
        for path in sorted(top.rglob("*")):
            if path.is_file():
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def _small_doc(ws: Settings) -> Path:
    return ws.corpus_dir / f"{SMALL_DOC}.txt"


def _missing(ws: Settings, tmp: Path) -> Path:
    return tmp / "no-such-file.txt"


def _empty(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, "empty.txt", b" \n\n")


def _binary(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, "scan.txt", b"%PDF-1.7\n\x00\x01\x02" + bytes(range(256)) * 20)


def _folder(ws: Settings, tmp: Path) -> Path:
    (tmp / "a-folder").mkdir()
    return tmp / "a-folder"


def _too_large(ws: Settings, tmp: Path) -> Path:
    text = NEW_DOC.read_text(encoding="utf-8")
    return _write(tmp, "huge.txt", (text * 3000).encode())  # ~1.6 MB, limit set to 1 MB below


def _same_bytes(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, "copy.txt", _small_doc(ws).read_bytes())


def _same_text_in_gb18030(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, "copy-gbk.txt", _small_doc(ws).read_text(encoding="utf-8").encode("gb18030"))


def _rescraped_with_other_figures(ws: Settings, tmp: Path) -> Path:
    """The same news item scraped again: other page chrome, other spacing, a figure corrected."""
    text = _small_doc(ws).read_text(encoding="utf-8")
    lines = text.splitlines()
    body = "\n".join(lines[1:]).replace("15项", "16项").replace("  ", " ")
    return _write(tmp, "rescraped.txt", f"首页 > 新闻\n{lines[0]}\n分享到微信\n{body}\n相关阅读\n".encode())


def _id_taken(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, f"{SMALL_DOC}.txt", NEW_DOC.read_bytes())  # new text, but its name is a known id


def _no_figures(ws: Settings, tmp: Path) -> Path:
    text = "2024年湛江市知识产权工作综述\n湛江市持续加强知识产权保护,营造良好的营商环境,推动高质量发展,成效明显。\n"
    return _write(tmp, "no-figures.txt", text.encode())


def _no_title(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, "no-title.txt", "\n".join(NEW_DOC.read_text(encoding="utf-8").splitlines()[4:]).encode())


def _unknown_encoding(ws: Settings, tmp: Path) -> Path:
    return _write(tmp, "latin.txt", "Protección de la propiedad intelectual en 2024: 137 casos, año récord.\n"
                  .encode("latin-1") * 5 + b"\x81\xff\xfe\x80" * 10)


REFUSALS: list[tuple[Callable[[Settings, Path], Path], str]] = [
    (_missing, "no such file"),
    (_empty, "is empty"),
    (_binary, "binary"),
    (_folder, "not a file"),
    (_too_large, "over the 1 MB limit"),
    (_same_bytes, "byte for byte " + SMALL_DOC),
    (_same_text_in_gb18030, "nearly the same text as " + SMALL_DOC),
    (_rescraped_with_other_figures, "nearly the same text as " + SMALL_DOC),
    (_id_taken, f"the id {SMALL_DOC} is taken"),
    (_no_figures, "states no figures"),
    (_no_title, "no title line"),
    (_unknown_encoding, "neither UTF-8, GB18030 nor Big5"),
]


@pytest.mark.parametrize(("make", "message"), REFUSALS, ids=[m.__name__.strip("_") for m, _ in REFUSALS])
def test_a_refused_file_changes_nothing(ws: Settings, tmp_path: Path, make: Callable[[Settings, Path], Path],
                                       message: str) -> None:
    settings = ws.model_copy(update={"max_doc_mb": 1.0})
    source = make(ws, tmp_path)
    before = snapshot(ws)
    with pytest.raises(IntakeError) as refused:
        add_document(settings, source, Given(year=2024) if make is _no_figures else Given())
    line = str(refused.value)
    assert message in line and "\n" not in line, line
    assert snapshot(ws) == before


def test_unreadable_metadata_changes_nothing(ws: Settings) -> None:
    meta = ws.corpus_dir / "metadata.json"
    meta.write_text('{"documents": [{"id": "x"', encoding="utf-8")  # cut short
    before = snapshot(ws)
    with pytest.raises(CorpusError, match="metadata.json is not valid"):
        add_document(ws, NEW_DOC, Given())
    with pytest.raises(CorpusError, match="metadata.json is not valid"):
        remove_document(ws, SMALL_DOC)
    assert snapshot(ws) == before


def test_a_dry_run_changes_nothing(ws: Settings) -> None:
    before = snapshot(ws)
    plan, report = add_document(ws, NEW_DOC, Given(), dry_run=True)
    assert report is None and plan.meta.id == "zhanjiang-ip-2024" and plan.figures >= 8
    assert snapshot(ws) == before


@pytest.mark.parametrize("after_manifest", [False, True], ids=["before-the-index-moved", "after-it-moved"])
def test_a_failed_reindex_puts_everything_back(ws: Settings, monkeypatch: pytest.MonkeyPatch,
                                              after_manifest: bool) -> None:
    import index.intake

    corpus_before = {k: v for k, v in snapshot(ws).items() if k.startswith(str(ws.corpus_dir))}
    index_before = snapshot(ws)
    real = index.intake.build_index

    def failing(settings: Settings, **kw: object) -> object:
        monkeypatch.setattr(index.intake, "build_index", real)  # the repair after the undo builds for real
        if after_manifest:
            real(settings)  # the new index was written, then something failed
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index.intake, "build_index", failing)
    with pytest.raises(OSError, match="No space left"):
        add_document(ws, NEW_DOC, Given())
    after = snapshot(ws)
    assert {k: v for k, v in after.items() if k.startswith(str(ws.corpus_dir))} == corpus_before
    check_manifest(ws, read_manifest(ws))  # the index matches the corpus as it is again
    if not after_manifest:
        assert after == index_before


def test_adding_embeds_only_the_new_chunks_and_removing_none(ws: Settings) -> None:
    old = read_manifest(ws)
    assert old is not None
    meta_before = (ws.corpus_dir / "metadata.json").read_bytes()
    plan, report = add_document(ws, NEW_DOC, Given(publisher="湛江市市场监督管理局"))
    assert report is not None
    assert report.embedded == sum(plan.chunks.values()) >= 1
    assert report.reused == sum(old.chunk_counts.values())
    assert set(report.manifest.documents) == {*old.documents, "zhanjiang-ip-2024"}
    assert (ws.corpus_dir / "zhanjiang-ip-2024.txt").read_bytes() == NEW_DOC.read_bytes()  # byte-identical
    entry = json.loads((ws.corpus_dir / "metadata.json").read_text(encoding="utf-8"))["documents"][-1]
    assert entry["place"] == "zhanjiang" and entry["year"] == 2024 and entry["publisher"] == "湛江市市场监督管理局"
    assert entry["title_zh"] == "2024年湛江市知识产权保护工作情况" and entry["published"] == "2025-03-12"
    with pytest.raises(IntakeError, match="byte for byte zhanjiang-ip-2024"):
        plan_add(ws, NEW_DOC, Given(id="another-id"))

    added = snapshot(ws)
    plan_r, kept, report_r = remove_document(ws, "zhanjiang-ip-2024", dry_run=True)
    assert report_r is None and kept is None and plan_r.remaining == [SMALL_DOC]
    assert snapshot(ws) == added

    plan_r, kept, report_r = remove_document(ws, "zhanjiang-ip-2024")
    assert report_r is not None and report_r.embedded == 0
    assert set(report_r.manifest.documents) == set(old.documents)
    # the same entries (the layout is the hand-kept one: test_intake_meta checks it round-trips)
    assert json.loads((ws.corpus_dir / "metadata.json").read_bytes()) == json.loads(meta_before)
    assert not (ws.corpus_dir / "zhanjiang-ip-2024.txt").exists()
    assert kept is not None and (kept / "zhanjiang-ip-2024.txt").read_bytes() == NEW_DOC.read_bytes()
    assert json.loads((kept / "entry.json").read_text(encoding="utf-8"))["place"] == "zhanjiang"


def test_a_file_already_in_the_corpus_folder_is_described_where_it_is(ws: Settings) -> None:
    """A maintainer who drops the file into the corpus folder first, then runs `qa add` on it."""
    placed = ws.corpus_dir / "Zhanjiang 2024.txt"
    shutil.copy(NEW_DOC, placed)
    plan, report = add_document(ws, placed, Given())
    assert plan.in_place and plan.meta.file == "Zhanjiang 2024.txt" and plan.meta.id == "zhanjiang-2024"
    assert report is not None and "zhanjiang-2024" in report.manifest.documents
    assert sorted(p.name for p in ws.corpus_dir.iterdir()) == ["Zhanjiang 2024.txt", f"{SMALL_DOC}.txt", "metadata.json"]


def test_a_failed_reindex_keeps_a_file_the_maintainer_placed(ws: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.intake

    placed = ws.corpus_dir / "zhanjiang.txt"
    shutil.copy(NEW_DOC, placed)
    before = snapshot(ws)

    def failing(settings: Settings, **kw: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(index.intake, "build_index", failing)
    with pytest.raises(KeyboardInterrupt):
        add_document(ws, placed, Given())
    assert snapshot(ws) == before and placed.is_file()


def test_removing_an_unknown_or_the_last_document_is_refused(ws: Settings) -> None:
    before = snapshot(ws)
    with pytest.raises(IntakeError, match=f"no document nope in .*the ids are {SMALL_DOC}$"):
        remove_document(ws, "nope")
    with pytest.raises(IntakeError, match="only document"):
        remove_document(ws, SMALL_DOC)
    assert snapshot(ws) == before


def test_given_fields_win_over_the_text(ws: Settings) -> None:
    plan = plan_add(ws, NEW_DOC, Given(id="zj-2024", title_en="IP protection in Zhanjiang, 2024", year=2023,
                                       kind="white_paper", place="广东", published="2025-01-02"))
    m = plan.meta
    assert (m.id, m.file, m.title_en, m.year, m.kind, m.place, m.published) == (
        "zj-2024", "zj-2024.txt", "IP protection in Zhanjiang, 2024", 2023, "white_paper", "guangdong", "2025-01-02")
    assert m.title_zh == "2024年湛江市知识产权保护工作情况"  # not given: read from the text
    assert "zj-2024" in plan.correction() and "--place guangdong" in plan.correction()
    for bad, message in ((Given(id="Bad ID!"), "--id Bad ID! is not valid"),
                         (Given(published="2025-02-30"), "is not a date"),
                         (Given(place="Suzhou"), "names 2 places")):
        with pytest.raises(IntakeError, match=message):
            plan_add(ws, NEW_DOC, bad)


def test_a_running_app_keeps_answering_and_moves_to_the_new_build(ws: Settings) -> None:
    from qa.api import QA
    from qa.live import LiveQA

    question = "2024年湛江市市场监管部门查处商标侵权案件多少件?"
    live = LiveQA(ws, QA.load(ws))
    first = live.build_id
    old = QA.load(ws)  # another reader on the old build, never switched
    add_document(ws, NEW_DOC, Given())
    answer = live.ask(question)
    assert live.build_id != first and live.note is None
    assert any(c.doc_id == "zhanjiang-ip-2024" for c in answer.citations + answer.related)
    assert old.ask(question).status in ("answered", "not_found")  # its collection is still there
    remove_document(ws, "zhanjiang-ip-2024")
    answer = live.ask(question)
    assert not any(c.doc_id == "zhanjiang-ip-2024" for c in answer.citations + answer.related)
