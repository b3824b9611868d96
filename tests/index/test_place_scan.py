"""index.places finds names by a look-up at each position; these tests hold it to what one regular
expression of every name, longest first (the way it was found before), finds."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import places
from index.places import _mentions

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@cache
def _oracle_pattern() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    names = places._matcher().ids
    pattern = "|".join(re.escape(n) if places._is_abbreviation(n) else f"(?i:{re.escape(n)})"
                       for n in sorted(names, key=len, reverse=True))
    return re.compile(pattern), names


def _oracle(text: str) -> list[tuple[int, int, frozenset[str]]]:
    text = places._NOT_A_PLACE_RE.sub(lambda m: " " * len(m.group(0)), text)
    pattern, ids = _oracle_pattern()
    out = []
    for m in pattern.finditer(text):
        name = m.group(0)
        if name.isascii() and ((m.start() > 0 and places._latin(text[m.start() - 1]))
                               or (m.end() < len(text) and places._latin(text[m.end()]))):
            continue
        # A name that is a whole quotation is no place (a rule added after the scan, on both sides).
        if places._QUOTED.fullmatch(text[max(0, m.start() - 1) : m.end() + 1]):
            continue
        # A province's one-character name with 省 counts where it stands apart (added after the scan, on both sides).
        if name in places._matcher().joined and not places._stands_apart(text, m.start(), m.end()):
            continue
        # (The expression's own look-up took any all-capital match for an abbreviation: "CHINA", found
        # as "china", raised KeyError; the scan looks it up as the name it matched.)
        abbreviation = name in ids and places._is_abbreviation(name)
        out.append((m.start(), m.end(), ids[name if abbreviation else name.lower()]))
    return out


@pytest.mark.parametrize("text", [
    "2024年广州市和深圳市的法院", "How many cases did Guangzhou's courts take in?", "2023年Shenzhen呢?",
    "Zhongshanlu is a road", "中山大学的专利", "the US and the EU", "us and eu in lower case",
    "苏州和宿州", "广东省广州市天河区", "Hong Kong, Macao and the Greater Bay Area", "HONG KONG", "",
    "廣東省深圳市", "Inner Mongolia and Xinjiang", "US$100 million", "THE PEOPLE'S REPUBLIC OF CHINA",
    "2023年粤省法院", "出臺省級知識產權", "在粤省",
])
def test_the_scan_finds_what_the_expression_found(text: str) -> None:
    assert _mentions(text) == _oracle(text)


def test_every_corpus_line_is_scanned_alike() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert _mentions(line) == _oracle(line), (path.name, line[:80])


_ALPHABET = st.sampled_from(list("广东深圳州市省香港澳门苏宿北京上海天津山西河南湖 ,.'-") + list("GuangzhouShenzenHKUSEOng"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ALPHABET, st.sampled_from(sorted(places._matcher().ids)[:400])), max_size=12))
def test_any_text_is_scanned_alike(parts: list[str]) -> None:
    text = "".join(parts)
    assert _mentions(text) == _oracle(text)
