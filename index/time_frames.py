"""Whether a text counts a stock at a point in time ("by the end of 2024", 截至, 累计, valid patents)
or a flow over a year ("in 2024", 2024年), and whether a question asks what there is at a date.
Pure functions over strings, read in simplified characters.
"""

from __future__ import annotations

import re
from typing import Literal

from index.search_form import to_simplified

Period = Literal["stock", "flow"]

# What a figure or a question counts: a stock at a point in time ("by the end of 2024", 截至,
# 累计, valid patents) or a flow over a year ("in 2024", 2024年). The white papers give both for
# one metric (PCT applications filed in 2024: 23,400; by the end of 2024: 304,700).
_STOCK_RE = re.compile(
    r"\b(?:by|at|as of) the end of\b|\bas (?:of|at)\b|\bby (?:(?:19|20)\d\d|now)\b|\bto date\b|\bso far\b"
    r"|\bcumulative(?:ly)?\b|\baccumulated\b|\bvalid\b|\bin force\b|\bin stock\b"
    r"|截至|截止|年底|年末|底[,，]|累计|累積|拥有|擁有|有效|共有|现有|現有",
    re.IGNORECASE)
_FLOW_RE = re.compile(r"\b(?:in|during|for|throughout) (?:19|20)\d\d\b|(?<![\d—–-])(?:19|20)\d\d年(?![底末\d—–-])|全年|同比",
                      re.IGNORECASE)
# A stock at a date, as a question asks for it ("截至2024年底", "as of the end of 2024"), where 共有 and 累计
# may only mean "in total".
_AT_DATE_RE = re.compile(r"\b(?:by|at|as of) the end of\b|\bas (?:of|at)\b|截至|截止|年底|年末", re.IGNORECASE)


def time_frame(text: str) -> Period | None:
    """"stock" when the text counts what exists at a point in time, "flow" when it counts what
    happened in a year, None when it does not say. A stock cue wins: "截至2024年底" names a year too.
    Read in simplified characters, as the traditional papers' 累計 is 累计."""
    text = to_simplified(text)
    if _STOCK_RE.search(text):
        return "stock"
    if _FLOW_RE.search(text):
        return "flow"
    return None


def at_date(text: str) -> bool:
    """The text asks what there is at a date (截至…年底, as of), not only "in total"."""
    return bool(_AT_DATE_RE.search(to_simplified(text)))
