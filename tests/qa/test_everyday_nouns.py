"""Everyday nouns for what the documents count, put in their wording before matching
(index/lexicon/everyday_nouns_zh.tsv, everyday_nouns_en.tsv via qa.frame.official_wording): 假货 → 侵权假冒商品,
官司 → 案件, "knock-offs" → infringing goods, "shipments" → batches. The cases were written with the
rows by a helper who saw only the corpus and the lexicon (everyday_nouns_cases.tsv): a firing case is
rewritten to hold the expected wording; a case where a row must not fire keeps its wording as typed."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from index.lexicon import rows
from qa.frame import official_wording

CASES = Path(__file__).with_name("everyday_nouns_cases.tsv")


def _cases() -> list[tuple[str, str, str, bool]]:
    with CASES.open(encoding="utf-8") as f:
        return [(r["lang"], r["question"], r["expected substring after rewriting"], r["should_fire"] == "1")
                for r in csv.DictReader(f, delimiter="\t")]


@pytest.mark.parametrize(("lang", "question", "expected", "fires"), _cases())
def test_everyday_nouns(lang: str, question: str, expected: str, fires: bool) -> None:
    rewritten = official_wording(question, lang)
    assert expected in rewritten
    if fires:
        assert rewritten != question


@pytest.mark.parametrize("table", ["everyday_nouns_zh.tsv", "everyday_nouns_en.tsv"])
def test_no_row_fires_on_the_corpus_s_own_wording(table: str) -> None:
    # The documents' own sentences are in their own wording already: a row firing there changes a meaning.
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    flags = re.IGNORECASE if table.endswith("_en.tsv") else 0
    patterns = [re.compile(p, flags) for p, _ in rows(table, 2)]
    for doc in sorted(corpus.glob("*.txt")):
        for line in doc.read_text(encoding="utf-8").splitlines():
            assert not any(p.search(line) for p in patterns), (doc.name, line[:80])
