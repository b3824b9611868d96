"""A claim that states the source's exact number in another unit (index.figures.restated_number)."""

from __future__ import annotations

import pytest

from index.figures import parse_figures, restated_number


@pytest.mark.parametrize(("claimed", "found", "restated"), [
    ("15,766 tons", "15,766 batches", True),
    ("1854件", "1854人", True),
    ("2.34万件", "2.34万人", True),
    ("300 tons", "300 batches", False),  # a round number: no evidence of one statistic
    ("2万吨", "2万件", False),
    ("about 15,766 tons", "15,766 batches", False),  # a hedged number restates nothing exactly
    ("15,767 tons", "15,766 batches", False),
])
def test_an_exact_number_of_three_or_more_digits_is_restated(claimed: str, found: str, restated: bool) -> None:
    assert restated_number(parse_figures(claimed)[0], parse_figures(found)[0]) is restated
