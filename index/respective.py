"""Metrics listed and then given their figures "respectively" (分别): "全省发明专利有效量、有效注册商标量
分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%" gives 152.4% for the first metric and
227.2% for the second, though the sentence's words are both figures' alike. Pure functions over a
sentence's text and figures; index.records keeps each figure's own metric and the others' words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from index.figures import Figure
from index.lexicon import rows

_BREAK = re.compile(r"[，,；;。：:]")
_SEMICOLON = re.compile(r"[；;]")


@cache
def _chinese(kind: str) -> re.Pattern[str]:
    """The Chinese forms of one kind of claim_lists.tsv (the table qa.claim_clauses reads a claim's
    lists with): "respectively" (分别), "separator" (、, 和 but not 和解, 及 but not 涉及 …)."""
    return re.compile("|".join(f"(?:{p})" for k, p in rows("claim_lists.tsv", 2) if k == kind and not p.isascii()))


def respective_items(text: str, start: int, end: int, figures: Sequence[Figure], fig: Figure
                     ) -> tuple[str, tuple[str, ...]] | None:
    """For a figure of a 分别 list in the sentence ``text[start:end]``: the metric it is given for and
    the other metrics of the list; None where it is in no such list, or the metrics listed before
    the first 分别 are not as many as the list's figures."""
    # A "；" starts another statistic with a list of its own ("发明专利、实用新型…分别为10件和20件；商标、
    # 版权…分别为30件和40件").
    start = max([start] + [m.end() for m in _SEMICOLON.finditer(text, start, fig.start)])
    marks = list(_chinese("respectively").finditer(text, start, fig.start))
    if not marks:
        return None
    last = marks[-1]
    stop = _BREAK.search(text, last.end(), end)
    listed = [f for f in figures if last.end() <= f.start < (stop.start() if stop else end) and f.kind == fig.kind]
    at = next((k for k, f in enumerate(listed) if f.start == fig.start), None)
    if at is None:
        return None
    first = marks[0]
    begin = max((m.end() for m in _BREAK.finditer(text, start, first.start())), default=start)
    items = [w.strip() for w in _chinese("separator").split(text[begin:first.start()]) if w.strip()]
    if len(items) < 2 or len(items) != len(listed):
        return None
    return items[at], tuple(items[:at] + items[at + 1:])
