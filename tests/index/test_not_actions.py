"""Words spelling an action's form that are no action where they stand (index.not_actions)."""

from __future__ import annotations

import pytest

from index.roles import actions_in


def _found(text: str) -> list[str]:
    return [text[m.start:m.end] for m in actions_in(text)]


@pytest.mark.parametrize(("text", "found"), [
    # a complement after a linking verb, with a negation or adverb between, any apostrophe
    ("It is clear that the courts received 83,308 new IP cases.", ["received"]),
    ("It isn't clear whether the courts received more.", ["received"]),
    ("It isn’t clear whether the courts received more.", ["received"]),
    ("it’s clear the courts received more", ["received"]),
    ("It is also clear that the courts received more.", ["received"]),
    ("The picture became clear when the courts received more.", ["received"]),
    ("The figures were clear about it.", []),
    # the verb: after "did", in a passive (a listed form), or an everyday clause
    ("How many IP cases did the courts clear in 2024?", ["clear"]),
    ("How many cases were cleared in 2024?", ["cleared"]),
    ("the disputes that were mediated", ["mediated"]),
    # a bound before a number and a date's "close"
    ("close to 169,000 cases were concluded", ["concluded"]),
    ("at the close of 2024 the courts had concluded 88,462 cases", ["concluded"]),
])
def test_what_is_no_action_where_it_stands(text: str, found: list[str]) -> None:
    assert _found(text) == found


def test_a_word_ending_a_linking_verb_is_not_one() -> None:
    # "this" ends in "is" and is no linking verb: "clear" after it stays the verb
    assert _found("How many cases did this clear?") == ["clear"]
