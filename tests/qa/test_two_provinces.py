"""Issue 16: a corpus of two provinces. A Guangdong document and a synthetic Jiangsu copy of it
(广东 → 江苏, every figure changed) are indexed with the real model; Guangdong questions never
get the Jiangsu document's figures, Jiangsu questions get Jiangsu's, and a question naming no
place gets each province's figure, labelled; a claim naming none is supported by the province whose
figure it gives, named, and is "not found" (never "contradicted") when it gives neither's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from index.build import build_index
from index.settings import Settings
from qa.api import QA
from tests.support import CORPUS

pytestmark = pytest.mark.integration

GD_DOC = "gd-ip-top10-events-2024"
JS_DOC = "js-ip-top10-events-2024"
# Counts that are no dates or years: each becomes another number in the Jiangsu copy.
_COUNT = re.compile(r"(?<![\d.])(\d{2,3})(?![\d.年月日])")


# Guangdong's cities become Jiangsu's too: a copy still naming Shenzhen would give Shenzhen's figures,
# which a question about Guangdong may rightly search.
_CITIES = {"深圳": "苏州", "广州": "南京", "佛山": "无锡", "东莞": "常州", "珠海": "镇江",
           "Shenzhen": "Suzhou", "Guangzhou": "Nanjing"}


def _jiangsu(text: str) -> str:
    text = text.replace("广东", "江苏").replace("廣東", "江蘇").replace("Guangdong", "Jiangsu")
    for gd, js in _CITIES.items():
        text = text.replace(gd, js)
    return _COUNT.sub(lambda m: str(int(m.group(1)) * 2 + 1), text)


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory: pytest.TempPathFactory, e5_model_dir: Path) -> QA:
    root = tmp_path_factory.mktemp("two-provinces")
    corpus = root / "corpus"
    corpus.mkdir()
    meta = json.loads((CORPUS / "metadata.json").read_text(encoding="utf-8"))
    gd = next(d for d in meta["documents"] if d["id"] == GD_DOC)
    shutil.copy(CORPUS / gd["file"], corpus)
    (corpus / f"{JS_DOC}.txt").write_text(_jiangsu((CORPUS / gd["file"]).read_text(encoding="utf-8")),
                                          encoding="utf-8")
    # The Jiangsu entry gives no place: it is read from its title (江苏发布…).
    js = {k: v for k, v in gd.items() if k != "place"} | {
        "id": JS_DOC, "file": f"{JS_DOC}.txt", "title_zh": _jiangsu(gd["title_zh"]),
        "title_en": _jiangsu(gd["title_en"])}
    (corpus / "metadata.json").write_text(json.dumps({"documents": [gd, js]}, ensure_ascii=False), encoding="utf-8")
    settings = Settings(corpus_dir=corpus, data_dir=root / "data", embedder="e5")
    settings.model_dir.parent.mkdir(parents=True)
    settings.model_dir.symlink_to(e5_model_dir)
    build_index(settings)
    return QA.load(settings, calibration=None)


@pytest.mark.parametrize(
    ("question", "doc", "value"),
    [
        ("2024年度广东省知识产权“十大事件”评选共收到多少件推荐的事件和举措？", GD_DOC, 108),
        ("2024年度江苏省知识产权“十大事件”评选共收到多少件推荐的事件和举措？", JS_DOC, 217),
        ("2024年度广东知识产权“基层改革创新举措”有多少项？", GD_DOC, 15),
        ("2024年度江苏知识产权“基层改革创新举措”有多少项？", JS_DOC, 31),
    ],
)
def test_each_province_gets_its_own_figure(two_provinces: QA, question: str, doc: str, value: float) -> None:
    a = two_provinces.ask(question)
    assert a.status == "answered" and a.figure is not None, a.reason
    assert a.figure.value == value and {c.doc_id for c in a.citations} == {doc}
    assert a.place is not None and a.place.id == ("guangdong" if doc == GD_DOC else "jiangsu")
    assert a.answer.startswith(a.place.zh) and a.ambiguous_places == []


@pytest.mark.parametrize(
    "question",
    [
        "2024年度广东省知识产权“十大事件”评选共收到多少件推荐的事件和举措？",
        "2024年度广东知识产权“基层改革创新举措”有多少项？",
        "How many grassroots reform measures did Guangdong release?",
        "2024年北京知识产权“十大事件”评选共收到多少件推荐？",  # no Beijing document: nothing
    ],
)
def test_a_guangdong_question_never_gets_the_jiangsu_documents_figures(two_provinces: QA, question: str) -> None:
    a = two_provinces.ask(question)
    assert all(c.doc_id != JS_DOC for c in a.citations)
    assert a.figure is None or a.figure.value in (108, 15)
    # The searches themselves look only where an answer can come from (index.filters.documents_for_places):
    # nothing of the Jiangsu document is even retrieved.
    docs = {two_provinces.index.by_id[cid].doc_id for cid in a.retrieved}
    assert JS_DOC not in docs and docs <= {GD_DOC}, docs


def test_a_question_naming_no_place_gets_each_provinces_figure_labelled(two_provinces: QA) -> None:
    a = two_provinces.ask("2024年度知识产权“十大事件”评选共收到多少件推荐的事件和举措？")
    # No one figure is chosen: each province's, labelled and cited from its own document (qa.by_place).
    assert a.status == "answered" and a.figure is None
    assert {(p.place.id if p.place else None, p.figure.value, p.citation.doc_id) for p in a.by_place} == {
        ("guangdong", 108, GD_DOC), ("jiangsu", 217, JS_DOC)}
    assert {p.id for p in a.ambiguous_places} == {"guangdong", "jiangsu"}
    assert "广东：108" in a.answer and "江苏：217" in a.answer and "哪个地方" in a.answer
    js = a.model_dump(mode="json")["by_place"]
    assert {p["place"]["en"] for p in js} == {"Guangdong", "Jiangsu"}
    # A place named in the next turn gets that place's figure alone.
    turn = two_provinces.chat("广东呢？", ["2024年度知识产权“十大事件”评选共收到多少件推荐的事件和举措？"])
    assert turn.figure is not None and turn.figure.value == 108 and turn.by_place == []


@pytest.mark.parametrize(("claimed", "place"), [(108, "guangdong"), (217, "jiangsu")])
def test_a_claim_naming_no_place_is_supported_by_the_place_whose_figure_it_gives(
        two_provinces: QA, claimed: int, place: str) -> None:
    v = two_provinces.verify(f"2024年度知识产权“十大事件”评选共收到{claimed}件推荐")
    assert v.verdict == "supported" and v.place is not None and v.place.id == place, v.explanation
    assert v.explanation.startswith(v.place.en) and {c.doc_id for c in v.citations} == {
        GD_DOC if place == "guangdong" else JS_DOC}


def test_a_claim_naming_no_place_matching_neither_is_not_found(two_provinces: QA) -> None:
    v = two_provinces.verify("2024年度知识产权“十大事件”评选共收到150件推荐")
    # Never "contradicted": the reader may mean a third place, or either of these.
    assert v.verdict == "not_found" and v.citations == []
    assert {(p.place.id if p.place else None, p.figure.value) for p in v.by_place} == {
        ("guangdong", 108), ("jiangsu", 217)}


def test_a_claim_about_one_province_is_not_judged_against_the_others_figure(two_provinces: QA) -> None:
    v = two_provinces.verify("2024年度江苏省知识产权“十大事件”评选共收到108件推荐")
    assert v.verdict != "supported" and all(c.doc_id != GD_DOC for c in v.citations)
    v = two_provinces.verify("2024年度广东省知识产权“十大事件”评选共收到108件推荐")
    assert v.verdict == "supported" and v.place is not None and v.place.id == "guangdong"
