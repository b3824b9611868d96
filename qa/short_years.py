"""Years written with two digits in Chinese ("海关24年扣了多少批", "24年比23年多了多少"), as people
type them, written out in full before a turn is read (qa.desk): 24年 is 2024年. Pure.

Only where the two digits can be a year of the documents' time (2010–2035) and read as one: not a
span of years ("近20年", "连续11年", "20年来", "30年间") nor a part of a longer number or a
decimal ("2024年", "1.5年").
"""

from __future__ import annotations

import re

# Two digits and 年 (or 年底 / 年度 …), not after a digit, a decimal point or a word that makes
# it a span (近, 连续, 超过, 约, 多, 第, 每, 逾, 满, 这, 那), nor before one (来, 间, 内, 左右; "20多年" has no digit before 年).
_SHORT_YEAR = re.compile(r"(?<![\d.０-９])(?<!近)(?<!连续)(?<!連續)(?<!超过)(?<!超過)(?<![约約多第每逾满滿这這那])"
                         r"(1\d|2\d|3[0-5])(年)(?![来來间間内內左])")


def full_years(text: str) -> str:
    """``text`` with its two-digit Chinese years written in full: "海关24年扣了多少批" → "海关2024年扣了多少批"."""
    return _SHORT_YEAR.sub(lambda m: f"20{m.group(1)}{m.group(2)}", text)
