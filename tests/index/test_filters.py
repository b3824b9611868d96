"""index.filters.documents_for_places: which documents a question naming places may search."""

import pytest

from index.filters import documents_for_places

GD, SZ, HK, JS, NJ = "guangdong", "shenzhen", "hong_kong", "jiangsu", "nanjing"

# Each document's distinct figure place sets, and its own place.
FIGURES = {
    "gd-paper": [frozenset({GD}), frozenset({SZ}), frozenset({HK})],
    "sz-report": [frozenset({SZ})],
    "js-paper": [frozenset({JS}), frozenset({NJ})],
}
HOME = {"gd-paper": GD, "sz-report": SZ, "js-paper": JS}


@pytest.mark.parametrize(("asked", "expected"), [
    # A province's question reaches its paper and its cities' reports, not another province's.
    ({GD}, {"gd-paper", "sz-report"}),
    # A city's question reaches the province's paper where a figure is given for the city.
    ({SZ}, {"gd-paper", "sz-report"}),
    # Hong Kong: only the paper with a figure given for Hong Kong.
    ({HK}, {"gd-paper"}),
    ({NJ}, {"js-paper"}),
    # A place no figure is given for: nothing may answer.
    ({"hainan"}, set()),
])
def test_a_document_is_searched_only_when_one_of_its_figures_could_answer(asked, expected):
    assert documents_for_places(frozenset(asked), FIGURES, HOME) == frozenset(expected)


def test_no_place_or_every_document_passing_is_no_filter():
    assert documents_for_places(frozenset(), FIGURES, HOME) is None
    only_gd = {k: v for k, v in FIGURES.items() if k != "js-paper"}
    assert documents_for_places(frozenset({GD}), only_gd, HOME) is None
