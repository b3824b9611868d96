"""The figure as the parser finds it in text: the record every later stage builds on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

FigureKind = Literal["quantity", "percent", "rank", "ordinal", "year", "period"]
# just_over: a little more than, within the next step of its last stated digit ("14万出头": 14–15万)
Qualifier = Literal["more_than", "at_least", "about", "nearly", "less_than", "at_most", "just_over"]


class Figure(BaseModel):
    """A number found in text, normalised to base units.

    `text` is the figure exactly as the source writes it (``4.78万件``); `value` is in base
    units (万 = 1e4, 亿 = 1e8, million = 1e6); `unit` is a simplified Chinese measure word
    (件, 元, 人, %, …) or "" when the text gives none. `start`/`end` are offsets into the
    text that was parsed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    value: float
    unit: str
    kind: FigureKind = "quantity"
    qualifier: Qualifier | None = None
    start: int
    end: int


def neighbour_bounds(figures: Sequence[Figure], start: int, end: int, length: int) -> tuple[int, int]:
    """Where the figures before and after ``start``–``end`` of a text of ``length`` end and start
    (0 and ``length`` where there is none): the words between are that figure's own."""
    left = max([0] + [f.end for f in figures if f.end <= start])
    right = min([length] + [f.start for f in figures if f.start >= end])
    return left, right

