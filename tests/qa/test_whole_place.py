"""Whether a claim says it is about the whole country or province without naming it (qa.whole_place):
as its subject, not as the whole of a share or rank. Sentences written for these tests."""

from __future__ import annotations

import pytest

from qa.whole_place import nation_wide, province_wide


@pytest.mark.parametrize(("text", "whole"), [
    ("2024年全国专利商标质押融资额同比增长近一半", True),
    ("全國專利授權量同比增長", True),
    ("Nationwide patent and trademark pledge financing rose by nearly half", True),
    ("China's patent grants rose in 2024", True),
    ("patent grants across the country rose", True),
    # the whole of a share or rank, a comparison, an exam's name: no subject
    ("占全国计算机软件著作权登记总量的10%", False),
    ("有效注册商标量居全国首位", False),
    ("广东专利授权量全国第一", False),
    ("2024年全国专利代理师资格考试广东考生7074人", False),
    ("accounting for 10% of the national total", False),
    ("Guangdong's pledge financing rose 49.74%", False),
])
def test_a_text_about_the_whole_country(text: str, whole: bool) -> None:
    assert nation_wide(text) is whole


@pytest.mark.parametrize(("text", "whole"), [
    ("全省法院新收知识产权案件83308件", True),
    ("the province now has 15 centres", True),
    ("占全省总量的三成", False),
])
def test_a_text_about_the_whole_province(text: str, whole: bool) -> None:
    assert province_wide(text) is whole
