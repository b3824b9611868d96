"""Everyday words for the qualifiers (index/lexicon/qualifiers_everyday.tsv): a question asks for the
qualified statistic in them ("仍在保护期内的商标" → valid), a figure's sentence names it in them (出海 →
overseas), and a figure's own metric phrase is read in the documents' terms only. The cases
(tests/index/qualifiers_everyday_cases.tsv: invented questions that must and must not name each
qualifier) were written with the table, by a helper who saw only qualifiers.tsv and the corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from index import qualifiers
from index.lexicon import LexiconError
from index.qualifiers import asked_qualifiers, qualifiers_in, set_aside_qualifiers

CASES = Path(__file__).with_name("qualifiers_everyday_cases.tsv")


def _cases() -> list[tuple[str, bool, str]]:
    with CASES.open(encoding="utf-8") as f:
        return [(r["name"], r["should_match"] == "1", r["question"]) for r in csv.DictReader(f, delimiter="\t")]


@pytest.mark.parametrize(("name", "named", "question"), _cases())
def test_everyday_words_for_a_qualifier(name: str, named: bool, question: str) -> None:
    assert (name in asked_qualifiers(question)) is named


def test_every_qualifier_has_cases_both_ways() -> None:
    cases = _cases()
    for name in set(qualifiers.QUALIFIERS) - {"invention"}:  # its official words are the everyday ones
        assert {named for n, named, _ in cases if n == name} == {True, False}, name


@pytest.mark.parametrize(("text", "name"), [
    ("到2024年末，广东还在保护期内的商标一共有多少件？", "valid"),
    ("2023年广东办了版权登记的电脑程序有多少件？", "software"),
    ("到2020年底，广东平均每一万个居民手里有几件发明专利？", "per_capita"),
    ("How many marks remained in force in Guangdong at end-2024?", "valid"),
    ("2023年有多少宗知产官司判了惩罚式赔偿?", "punitive"),
])
def test_a_question_in_everyday_words_asks_the_qualified_statistic(text: str, name: str) -> None:
    assert name in asked_qualifiers(text)


def test_a_figures_metric_is_read_in_the_documents_terms_its_sentence_in_everyday_ones_too() -> None:
    text = "为企业出海提供知识产权风险排查"
    assert "overseas" not in qualifiers_in(text)
    assert "overseas" in qualifiers_in(text, everyday=True)
    assert "overseas" in qualifiers_in("海外知识产权纠纷")  # the official word either way


def test_an_everyday_word_set_aside_is_not_asked_for() -> None:
    text = "除电脑程序以外的一般作品登记有多少件?"
    assert "software" in set_aside_qualifiers(text)
    assert "software" not in asked_qualifiers(text)


def test_an_everyday_row_for_no_qualifier_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
        return (("no_such_qualifier", "foo"),) if name == "qualifiers_everyday.tsv" else ()

    monkeypatch.setattr(qualifiers, "rows", rows)
    with pytest.raises(LexiconError, match="no_such_qualifier"):
        qualifiers._asked_patterns()
