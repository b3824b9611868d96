"""Helpers that read the lexicon's word lists and patterns (index.lexicon)."""

from __future__ import annotations

import re

import pytest

from index.lexicon import hyphen_or_space, marker_source, rows


@pytest.mark.parametrize(("pattern", "rewritten"), [
    (r"\bgeographical indications?\b", r"\bgeographical[- ]indications?\b"),
    (r"\bhigh[- ]value\b", r"\bhigh[- ]value\b"),  # a space inside a class is left alone
    (r"a\ b", r"a\ b"),  # an escaped space stays one space
    (r"a\\ b", r"a\\[- ]b"),  # an escaped backslash escapes nothing after it
    (r"[^]a ]x y", r"[^]a ]x[- ]y"),  # a class's leading "]" is literal
    (r"(?<!national )c", r"(?<!national[- ])c"),  # a lookbehind keeps its fixed width
    ("地理标志", "地理标志"),
])
def test_hyphen_or_space(pattern: str, rewritten: str) -> None:
    assert hyphen_or_space(pattern) == rewritten
    re.compile(rewritten)


@pytest.mark.parametrize("name", ["qualifiers.tsv", "ip_kinds.tsv"])
def test_every_rewritten_lexicon_pattern_compiles_and_still_matches_its_spaced_form(name: str) -> None:
    for _, pattern in rows(name, 2):
        rewritten = re.compile(hyphen_or_space(pattern), re.IGNORECASE | re.ASCII)
        original = re.compile(pattern, re.IGNORECASE | re.ASCII)
        for m in original.finditer("geographical indications trade secrets layout designs patent intensive"):
            assert rewritten.search(m.group())


@pytest.mark.parametrize(("text", "found"), [
    ("including software", "including"),
    ("including软件", "including"),  # Chinese after an English marker is no letter
    ("包括软件在内", "包括"),
    ("accounting for software", None),  # inside another word
    ("countings", None),
])
def test_a_marker_is_found_apart_from_letters(text: str, found: str | None) -> None:
    m = re.search(marker_source("inclusion_markers.txt"), text, re.IGNORECASE)
    assert (m.group() if m else None) == found
