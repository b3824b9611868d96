"""A claimed number that is a slip of the source figure's (qa.slips): pure, no index."""

from __future__ import annotations

import pytest

from index.figures import Figure, parse_figures
from qa.slips import slipped, written_digits


def _figure(text: str) -> Figure:
    return parse_figures(text)[0]


@pytest.mark.parametrize(("value", "expected"), [
    (108.0, "108"), (180.0, "180"), (3552.0, "3552"), (2.34, "234"), (0.5, "5"),
    (166_000_000.0, "166000000"), (23_400.0, "23400"), (1379.9, "13799"), (0.00001, "1"),
])
def test_the_digits_a_value_is_written_with(value: float, expected: str) -> None:
    assert written_digits(value) == expected


@pytest.mark.parametrize(("claimed", "source", "slip"), [
    ("3,552 websites", "5,352 websites", True),  # digits swapped
    ("180件", "108件", True),
    ("11,600 cases", "16,100 cases", True),
    ("1826件", "1926件", True),  # one digit off
    ("112.6亿元", "1126万元", True),  # a power of ten
    ("3.5亿件", "3478万件", True),  # ... as a claim's rounding reads
    ("21亿元", "21亿美元", True),  # the same number in another currency
    ("超21亿元", "超21亿美元", True),
    ("89亿美元", "88.5亿元", True),  # ... rounded
    ("50%", "5%", True),
    ("1.35%", "53.1%", False),  # the same digits at another magnitude
    ("1.5%", "95%", False),
    ("1万件", "2万件", False),  # round numbers: one digit
    ("90件", "80件", False),
    ("2亿件", "3亿件", False),
    ("2.4万件", "2.34万件", False),  # rounded another way: no slip
    ("600万件", "543.0万件", False),
    ("16,000 disputes", "6,100 disputes", False),
    ("1926起", "2249件", False),  # another figure's number
    ("83308件", "88462件", False),
    ("9件", "8件", False),  # one digit is no pattern
    ("88462件", "88462件", False),  # the same figure
    ("50%", "50件", False),  # a percent and a count are different figures
])
def test_a_slip_of_the_source_figure(claimed: str, source: str, slip: bool) -> None:
    assert slipped(_figure(claimed), _figure(source)) is slip
