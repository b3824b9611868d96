"""Whether a text counts a stock at a point in time ("by the end of 2024", 截至, 累计, valid patents)
or a flow over a year ("in 2024", 2024年), and whether a question asks what there is at a date.
Pure functions over strings, read in simplified characters.
"""

from __future__ import annotations

import re
from typing import Literal

from index.lexicon import patterns_by_kind
from index.search_form import to_simplified
from index.sentences import CLAUSE_END

Period = Literal["stock", "flow"]

# What a figure or a question counts: a stock at a point in time ("by the end of 2024", 截至,
# 累计, valid patents) or a flow over a year ("in 2024", 2024年). The white papers give both for
# one metric (PCT applications filed in 2024: 23,400; by the end of 2024: 304,700).
# The end of a period in English, "the close of 2024" as "the end of 2024": a date, no case closed
# (index.roles.actions_in).
DATE_END = r"\b(?:by|at|as of) the (?:end|close) of\b"
_STOCK_RE = re.compile(
    DATE_END + r"|\bas (?:of|at)\b|\bby (?:(?:19|20)\d\d|now)\b|\bto date\b|\bso far\b"
    r"|\bcumulative(?:ly)?\b|\baccumulated\b|\bvalid\b|\bin force\b|\bin stock\b"
    r"|截至|截止|年底|年末|底[,，]|累计|累積|拥有|擁有|有效|共有|现有|現有",
    re.IGNORECASE)
_FLOW_RE = re.compile(r"\b(?:in|during|for|throughout) (?:19|20)\d\d\b|(?<![\d—–-])(?:19|20)\d\d年(?![底末\d—–-])|全年|同比",
                      re.IGNORECASE)
# A stock at a date, as a question asks for it ("截至2024年底", "as of the end of 2024"), where 共有 and 累计
# may only mean "in total".
_AT_DATE_RE = re.compile(DATE_END + r"|\bas (?:of|at)\b|截至|截止|年底|年末", re.IGNORECASE)


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


def nearest_time_frame(text: str) -> Period | None:
    """The time frame of a figure's sentence up to the figure (``text``), read from the nearest
    clause that says one: "累计建成13家…,全年共受理预审请求4.78万件" counts the year's requests (全年),
    though the sentence began with what has been built so far. Within a clause a stock cue wins, as
    in ``time_frame``."""
    for clause in reversed(CLAUSE_END.split(text)):
        if (frame := time_frame(clause)) is not None:
            return frame
    return None


def at_date(text: str) -> bool:
    """The text asks what there is at a date (截至…年底, as of), not only "in total", or how many of a thing
    there are ("有多少家", "are there"; period_words.tsv "exists")."""
    plain = to_simplified(text)
    return bool(_AT_DATE_RE.search(plain) or patterns_by_kind("period_words.tsv")["exists"].search(plain))


def per_year(metric: str) -> bool:
    """The metric counts something per year or averaged over years ("质押融资年度金额", 年均, annual)."""
    return bool(patterns_by_kind("period_words.tsv")["per_year"].search(to_simplified(metric)))


def whole_period_total(text: str) -> bool:
    """A question or claim asks the total of a period of several years ("十三五时期…总额", "over the 13th
    Five-Year Plan period totalled"), not a yearly amount: a metric ``per_year`` is no answer to it.
    A text that names a yearly amount itself ("年均", "a year") asks none."""
    words = patterns_by_kind("period_words.tsv")
    text = to_simplified(text)
    return bool(words["period"].search(text) and words["total"].search(text) and not words["per_year"].search(text))
