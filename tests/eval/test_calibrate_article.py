"""How a dev article claim's figures are labelled for the claims calibration (eval.calibrate_article)."""

from __future__ import annotations

import pytest

from eval.calibrate_article import label
from eval.desk_schema import ArticleClaim
from eval.desk_schema import Figure as CaseFigure
from index.figures import parse_figures


def _claim(verdict: str, value: float | None = None) -> ArticleClaim:
    source = None if value is None else CaseFigure(answer=f"{value:g}件", value=value, unit="件", year=2024,
                                                    source="gd-ip-protection-2024.txt", evidence=f"{value:g}件")
    return ArticleClaim(sentence="x", verdict=verdict, source_figure=source)  # type: ignore[arg-type]


FOUND = parse_figures("1344宗")[0]


@pytest.mark.parametrize(
    ("case", "verdict", "alone", "expected"),
    [
        (_claim("supported", 1344), "supported", False, 1),
        (_claim("supported", 1344), "contradicted", False, 0),
        (_claim("not_found"), "contradicted", False, 0),
        (_claim("not_found"), "supported", True, 0),
        (_claim("not_found"), "supported", False, None),  # one of several figures may be in the documents
        (_claim("contradicted", 1344), "contradicted", False, 1),  # against the case's own source figure
        (_claim("contradicted", 9686), "contradicted", False, None),  # against another: the case does not say
        (_claim("contradicted", 1344), "supported", True, 0),
        (_claim("contradicted", 1344), "supported", False, None),
    ],
)
def test_label(case: ArticleClaim, verdict: str, alone: bool, expected: int | None) -> None:
    assert label(case, verdict, FOUND, alone) == expected
