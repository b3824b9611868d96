"""How the growth probe counts an answer given place by place (qa.by_place): not as citing another
province's document when the home corpus's figure is among the labelled places, but apart, in its
own row of the growth table."""

from __future__ import annotations

from bench.growth.probe import cites_other, home_entries
from bench.growth.report import table
from bench.growth.run import Measures
from qa.types import FigureOut, PlaceFigure, PlaceOut
from tests.app.fake_qa import answer, citation, verdict

OTHER = {"jiangsu-gd-ip-protection-2024.txt"}


def _place(pid: str, source: str, value: float) -> PlaceFigure:
    return PlaceFigure(place=PlaceOut(id=pid, zh=pid, en=pid), year=2024, figure=FigureOut(text=f"{value:g}件", value=value, unit="件"),
                       normalized=f"{value:g}", citation=citation(source=source))


GD = _place("guangdong", "gd-ip-protection-2024.txt", 1265)
JS = _place("jiangsu", "jiangsu-gd-ip-protection-2024.txt", 1531)


def test_a_by_place_answer_with_the_home_figure_is_not_another_provinces() -> None:
    a = answer(figure=None, by_place=[JS, GD], citations=[JS.citation, GD.citation])
    assert home_entries(a, OTHER) == [GD] and not cites_other(a, OTHER)


def test_a_by_place_answer_without_the_home_figure_is_another_provinces() -> None:
    a = answer(figure=None, by_place=[JS], citations=[JS.citation])
    assert cites_other(a, OTHER)
    assert cites_other(answer(citations=[JS.citation]), OTHER)  # a plain answer from another province


def test_a_verdict_is_judged_on_the_place_whose_figure_it_rests_on() -> None:
    assert cites_other(verdict(verdict="supported", by_place=[GD, JS], citations=[JS.citation]), OTHER)
    assert not cites_other(verdict(verdict="supported", by_place=[GD, JS], citations=[GD.citation]), OTHER)
    assert not cites_other(verdict(verdict="not_found", by_place=[GD, JS], citations=[]), OTHER)


def test_the_growth_table_has_a_row_for_answers_given_place_by_place() -> None:
    base = Measures(label="1x", documents=5, probe={"by_place": 0, "by_place_home_right": 0, "other_province": 0})
    scaled = Measures(label="20x", documents=100, probe={"by_place": 3, "by_place_home_right": 2, "other_province": 0,
                                                              "accuracy_place_asked": 0.8})
    out = table(base, scaled)
    assert "| accuracy, counting those as right (the chat asks which place) | — | 0.800 | — | — |" in out
    assert "| answers given place by place (the question names none) | 0 | 3 | — | — |" in out
    assert "| answers citing another province's document | 0 | 0 | 0 | met |" in out
