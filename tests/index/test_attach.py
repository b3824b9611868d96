"""Table-row figures: each cell carries its unit and its own label."""

from __future__ import annotations

import pytest

from index.attach import _row_figures


@pytest.mark.parametrize(
    ("row", "values", "metrics"),
    [
        ("马德里商标累计有效注册量 (件): 目标值 6000, 完成值 8862", [6000, 8862],
         ["马德里商标累计有效注册量 目标值", "马德里商标累计有效注册量 完成值"]),
        ("专利密集型产业增加值占地区生产总值比重 (%): 2020年 ———, 2025年 ≥19 (预期性)", [19],
         ["专利密集型产业增加值占地区生产总值比重 2020年 ———, 2025年"]),
        ("每万人口高价值发明专利拥有量 (件): 2020年 12.3, 2025年 19 (预期性)", [12.3, 19],
         ["每万人口高价值发明专利拥有量 2020年", "每万人口高价值发明专利拥有量 2025年"]),
        ("知识产权质押融资登记金额、项目数 (亿元、项): 目标值 500, 1000, 完成值 907.6, 3765", [5e10, 1000, 9.076e10, 3765],
         ["知识产权质押融资登记金额、项目数 目标值", "知识产权质押融资登记金额、项目数",
          "知识产权质押融资登记金额、项目数 完成值", "知识产权质押融资登记金额、项目数"]),
    ],
)
def test_row_cells_keep_their_labels(row: str, values: list[float], metrics: list[str]) -> None:
    parsed = _row_figures(row)
    assert parsed is not None
    figures, row_metrics = parsed
    assert [f.value for f in figures] == pytest.approx(values)
    assert row_metrics == metrics
