"""English typos mended to the documents' words (qa.spelling). The documents here are sentences
of the 2023 and 2024 white papers' English text; the dictionary a few real English words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qa.spelling import Speller, one_edit, understood_words

DOCUMENTS = [
    "Guangdong procuratorates approved the arrest of 1,156 suspects.",
    "Customs seized 34.78 million pieces of infringing goods, counterfeit trademarks included.",
    "Trademark registrations were 824,500, and 50,932 cases were withdrawn through mediation.",
    "The police initiated prosecutions; 1,648 criminal dens were destroyed. Public information service.",
    "Guangzhou lodged 20 applications. The setting up of 40 information public service outlets is a target of the plan.",
]
DICTIONARY = frozenset({"sitting", "consignment", "merchandise", "intercept", "what", "quick", "approve", "log"})


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller.from_texts(DOCUMENTS, DICTIONARY)


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("prosecuters", None),  # no document word one edit away: left alone
        ("aprove", "approve"),  # the base of the documents' "approved"
        ("trademak", "trademark"),
        ("counterfit", "counterfeit"),
        ("peices", "pieces"),  # two letters swapped
        ("arest", "arrest"),
        ("mediaton", "mediation"),
        ("informaton", "information"),
        ("publc", "public"),
        ("targt", "target"),
        ("initate", "initiate"),
        ("Guanzhou", "Guangzhou"),  # a name, to the documents' spelling
        ("logged", None),  # an inflection of a short dictionary word ("log"), not "lodged"
    ],
)
def test_a_typo_is_mended(speller: Speller, typo: str, word: str | None) -> None:
    assert speller.mend(typo) == word


@pytest.mark.parametrize(
    "word",
    ["sitting",  # an English word one edit from the documents' "setting"
     "consignments", "intercepted",  # inflections of dictionary words
     "Kunlun",  # a name no document word is near
     "ICPS",  # an acronym
     "cas", "ipr"],  # too short to mend safely
)
def test_a_word_is_left_alone(speller: Speller, word: str) -> None:
    assert speller.mend(word) is None


def test_correct_mends_only_the_typos(speller: Speller) -> None:
    assert (speller.correct("How many counterfit goods did customs seize, counted in peices?")
            == "How many counterfeit goods did customs seize, counted in pieces?")
    assert speller.correct("广东海关查获侵权货物多少批次?") == "广东海关查获侵权货物多少批次?"


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [("arest", "arrest", True), ("peices", "pieces", True), ("publc", "public", True),
     ("targt", "target", True), ("arrest", "arrest", False), ("prosecuters", "prosecutors", True),
     ("trademark", "trademarks", True), ("trademak", "trademarks", False)],
)
def test_one_edit(a: str, b: str, near: bool) -> None:
    assert one_edit(a, b) is near


def test_the_documents_words_are_counted_only_when_a_latin_word_is_looked_at() -> None:
    read: list[str] = []

    def texts() -> Iterator[str]:
        for t in ["Prosecutors approved arrests in 1,265 cases.", "Courts concluded cases."]:
            read.append(t)
            yield t

    speller = Speller.from_texts(texts(), dictionary=frozenset({"how", "many"}))
    assert speller.correct("2024年广东全省法院新收知识产权案件多少件?") == "2024年广东全省法院新收知识产权案件多少件?"
    assert read == []
    assert speller.correct("How many cses did prosecutors aprove?") == "How many cases did prosecutors approve?"
    assert len(read) == 2 and speller.documents["cases"] == 2


def test_a_typo_is_mended_to_what_the_products_tables_understand_too() -> None:
    # no document here says "design", "prosecutors" or "procuratorate"; the glossary and the agencies' forms do
    speller = Speller.from_texts([*DOCUMENTS, "The mediator met them."], DICTIONARY, understood=understood_words)
    assert speller.mend("desgin") == "design"
    assert speller.mend("prosecuters") == "prosecutors"  # left alone on the documents alone
    # the tables' words are taken as written: their inflections offer no bases ("procuratorat")
    tables_only = Speller.from_texts(["Courts concluded cases."], DICTIONARY, understood=understood_words)
    assert tables_only.mend("procuratorat") == "procuratorate"
    # a document word still wins: the tables' words count below every document word
    assert speller.mend("mediatr") == "mediator"
    assert speller.mend("counterfit") == "counterfeit"


def test_the_understood_words_are_english_only() -> None:
    words = understood_words().split("\n")
    assert "design patent" in words and all(w.isascii() for w in words)
