"""Two-digit Chinese years written out in full (qa.short_years): pure."""

from __future__ import annotations

import pytest

from qa.short_years import full_years


@pytest.mark.parametrize(("text", "full"), [
    ("海关24年扣了多少批侵权货啊", "海关2024年扣了多少批侵权货啊"),
    ("版权执法查办的案件,24年比23年多了多少?", "版权执法查办的案件,2024年比2023年多了多少?"),
    ("24年底有效发明专利多少件?", "2024年底有效发明专利多少件?"),
    # Spans of years, longer numbers and decimals are left as they are.
    ("近20年", "近20年"), ("连续11年", "连续11年"), ("20年来", "20年来"), ("30年间", "30年间"),
    ("20多年", "20多年"), ("2024年", "2024年"), ("1.5年", "1.5年"), ("第3年", "第3年"), ("50年", "50年"),
])
def test_two_digit_years_are_written_in_full(text: str, full: str) -> None:
    assert full_years(text) == full
