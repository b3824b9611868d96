"""The years a question or claim names (qa.years): a base a change is measured from is no year of it."""

from __future__ import annotations

import pytest

from qa.years import years_in


@pytest.mark.parametrize(("text", "years"), [
    # a year compared with, the change named after it: the change is to a later time
    ("“十三五”末全省发明专利有效量、有效注册商标量分别达35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%。", [2020]),
    ("2024年立案2249件，较2023年增长5.8%", [2024]),
    ("2024年比2023年增加多少?", [2024]),
    ("up 152.4% and 227.2% on end-2015", []),
    ("How much did valid invention patents grow compared with end of 2015, per the 14th five-year plan?", []),
    ("By the end of the 13th Five-Year Plan, Guangdong held 351,000 valid invention patents, up 152.4% on end-2015.",
     [2020]),
    ("Patent grants rose 5% over 2023.", []),
    # a base word with no change before it names the year ("Over 2024, … rose", "Data from 2023 show")
    ("Over 2024, Guangdong's pledge financing rose 137.75%.", [2024]),
    ("Data from 2023 show patent grants rose.", [2023]),
    # a figure between the compared year and the change is that year's own
    ("一般作品登记4.95万件,较2023年的5.49万件有所减少", [2023]),
    ("Grants were 700,000, up from 650,000 in 2023.", [2023]),
    # no change: a year compared with is still named
    ("How did the number of cases change from 2023 to 2024?", [2023, 2024]),
    ("How many cases in 2024?", [2024]),
])
def test_a_base_year_of_a_change_is_not_the_year_asked(text: str, years: list[int]) -> None:
    assert years_in(text) == years
