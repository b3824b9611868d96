"""The other language's words in a figure's description (index.meaning_gloss): pure, on a small
dictionary of our own in CC-CEDICT's line format."""

from __future__ import annotations

import pytest

from index.glossary import Glossary
from index.meaning import describe
from index.meaning_gloss import english_gloss, first_senses, record_gloss
from tests.qa.synthetic import Corpus, chunk

LINES = [
    "海關 海关 [hai3 guan1] /customs (i.e. border crossing inspection)/CL:個|个[ge4]/",
    "查扣 查扣 [cha2 kou4] /to seize; to confiscate/",
    "侵權 侵权 [qin1 quan2] /to infringe the rights of/violation/",
    "貨物 货物 [huo4 wu4] /goods/commodity/merchandise/CL:宗[zong1]/",
    "王 王 [Wang2] /surname Wang/",
    "法院 法院 [fa3 yuan4] /court of law/court/",
    "審結 审结 [shen3 jie2] /see 結案|结案[jie2 an4]/to conclude a trial/",
    "長句 长句 [chang2 ju4] /a sentence far too long to be a translation of anything/short one/",
]


@pytest.mark.parametrize(("word", "sense"), [
    ("海关", "customs"),  # the bracketed note is dropped
    ("货物", "goods"),
    ("审结", "to conclude a trial"),  # a cross-reference is no sense
    ("长句", "short one"),  # an explanation is no translation
])
def test_the_first_short_sense_is_kept(word: str, sense: str) -> None:
    assert first_senses(LINES)[word] == sense


def test_single_characters_are_not_glossed() -> None:
    assert "王" not in first_senses(LINES)


@pytest.mark.parametrize(("metric", "gloss"), [
    ("海关查扣侵权货物", "customs; to seize; to confiscate; violation; goods"),  # a five-word sense explains
    ("全省法院审结案件", "court of law; to conclude a trial"),
    ("法院法院", "court of law"),  # each sense once
    ("其他", ""),
])
def test_a_chinese_metric_gets_the_senses_of_its_words(metric: str, gloss: str) -> None:
    assert english_gloss(metric, first_senses(LINES)) == gloss


def test_a_description_ends_with_the_gloss_in_the_other_language() -> None:
    corpus = Corpus(chunk("2024年,深圳海關查扣侵權貨物5822批次。", cid="city"))
    rec = corpus.records[0]
    gloss = record_gloss(Glossary(), first_senses(LINES))
    assert describe(rec, gloss).endswith("5822批次 · customs; to seize; to confiscate; violation; goods")
    assert describe(rec) == describe(rec, lambda r: "")


def test_an_english_metric_gets_the_glossarys_chinese_terms() -> None:
    glossary = Glossary()
    glossary.add("infringing goods", ["侵权货物"])
    corpus = Corpus(chunk("In 2024, customs seized 5,822 batches of infringing goods.", cid="en", lang="en"))
    rec = corpus.records[0]
    assert "侵权货物" in record_gloss(glossary, {})(rec)
