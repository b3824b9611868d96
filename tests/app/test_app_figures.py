"""The figures table's who/what/where/when columns, their filters and choices, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import app_tables as t
from qa.types import FigureRow
from tests.app.fake_qa import figure_rows


def test_columns_show_agency_action_place_and_period() -> None:
    row = dict(zip(t.TABLE_HEADERS, t.table_row(figure_rows()[5]), strict=True))
    assert row["机构 agency"] == "市场监管部门 · market_regulation"
    assert row["行为 action"].endswith("· conclude")
    assert (row["地点 place"], row["时段 stock/flow"], row["规划 plan"]) == ("广州", "当年 flow", "")
    plan = figure_rows()[0].model_copy(update={"period": "stock", "plan": "target", "places": ["深圳", "广州"]})
    row = dict(zip(t.TABLE_HEADERS, t.table_row(plan), strict=True))
    assert (row["地点 place"], row["时段 stock/flow"], row["规划 plan"]) == ("深圳、广州", "存量 stock", "目标 target")


def test_choices_list_each_document_agency_action_and_place_once() -> None:
    rows = figure_rows() * 3
    c = t.figure_choices(rows)
    for key in ("doc", "agency", "action", "place"):
        values = [v for _, v in c[key]]
        assert len(values) == len(set(values)), key
    assert [v for _, v in c["doc"]][1:] == ["gd-ip-protection-2024", "gd-ip-protection-2023",
                                          "gz-ip-admin-protection-2023"]
    assert ("检察院 · procuratorate", "procuratorate") in c["agency"]
    assert c["place"] == [("全部 · All", t.ALL), ("广州", "广州"), ("(未指明 · none named)", t.NONE)]
    assert c["action"][-1] == ("(未指明 · none named)", t.NONE)


def test_free_text_search_reads_the_role_and_place_columns() -> None:
    assert [r.text for r in t.filter_figures(figure_rows(), "approve_arrest")] == ["1265件", "1,265"]
    assert [r.text for r in t.filter_figures(figure_rows(), "广州 flow")] == ["2282宗"]


def test_csv_has_the_new_columns() -> None:
    lines = list(csv.DictReader(io.StringIO(t.to_csv(figure_rows()).decode("utf-8-sig"))))
    assert (lines[5]["agency"], lines[5]["action"], lines[5]["places"], lines[5]["period"], lines[5]["plan"]) == (
        "market_regulation", "conclude", "广州", "flow", "")
    assert lines[4]["action"] == ""  # None is an empty cell, never "None"


def test_json_round_trips() -> None:
    rows = figure_rows()
    data = t.to_json(rows)
    assert "广州" in data.decode("utf-8")  # Chinese kept as written, not \\u-escaped
    assert [FigureRow.model_validate(d) for d in json.loads(data)] == rows
    assert json.loads(t.to_json([])) == []


def test_downloads_are_named_and_kept_apart() -> None:
    csv_path = t._csv_file(t.to_csv(figure_rows()))
    json_path = t._csv_file(t.to_json(figure_rows()), "figures.json")
    assert csv_path.endswith("figures.csv") and json_path.endswith("figures.json")
    with open(json_path, "rb") as f:
        assert f.read() == t.to_json(figure_rows())
