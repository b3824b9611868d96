"""What a follow-up that names a metric of its own inherits from the question before it (see
qa.conversation, which calls these): pure functions over text; the word lists are data
(index/lexicon/subset_markers.tsv, year_on_year.tsv).

* "其中中小企业呢?", "How many of those ended in an administrative ruling?": a part of what the
  previous question counted. The turn keeps the previous question's wording and adds its own; a
  follow-up without such a word keeps only the year, place and agency ("What was the amount in
  dispute?" is not a part of the cases counted before).
* "那2020年基期值呢?": another year and a word of its own. The previous question's figure is then
  ruled out by its year, so its wording can be kept whole without that figure winning again.
* "How much was that up year on year?", "同比增长多少?": the rate of the figure just given, which
  its own sentence states (qa.compare.stated_rate), not a figure to look up anew.
"""

from __future__ import annotations

import re
from functools import cache

from index.lexicon import rows
from qa.context import stated_figures

# The words that ask how many or how much (as qa.conversation's), and what a Chinese question
# ends with before them ("…案件有多少件?", "…额是多少?").
# Only a measure word after 多少 is cut ("多少件"), not the word it asks about ("多少知识产权案件").
_ASKING = re.compile(r"(?:是|有|为|為)?(?:多少|几)[万亿千]?(?:批次|人次|件次|[个個件家名人项項宗起批支条條所座张張场場届屆笔筆元])?"
                     r"|\bhow (?:many|much)\b", re.IGNORECASE)


@cache
def _patterns(name: str, lang: str | None = None, kinds: tuple[str, ...] = ()) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p, second in rows(name, 2)
                 if (lang is None or second == lang) and (not kinds or second in kinds))


def asks_part(turn: str, lang: str) -> bool:
    """The turn asks about a part of what the previous one counted (其中…, of those …, its …)."""
    return any(p.search(turn) for p in _patterns("subset_markers.tsv", lang))


def asks_rate(turn: str, own_words: list[str]) -> bool:
    """The turn asks how much the figure just given changed year on year: it names the change
    (同比, year on year, 增幅) and nothing else that is counted."""
    marker = _patterns("year_on_year.tsv", None, ("marker",))
    change = _patterns("year_on_year.tsv", None, ("marker", "up", "down"))
    if not any(p.search(turn) for p in change):
        return False
    rest = [w for w in own_words if not any(p.fullmatch(w) or p.search(w) for p in change)]
    return not rest and (any(p.search(turn) for p in marker) or bool(own_words))


def with_previous(previous_core: str, previous_lang: str, own: str, lang: str, context: list[str],
                  previous_words: list[str]) -> str:
    """A follow-up's own words asked within the previous question: "全省办理专利侵权纠纷案件" +
    "其中行政裁决类多少件?"; in English the previous question's words that say what it counted
    go in brackets after the turn's ("How many ended in an administrative ruling (patent,
    infringement, disputes, Guangdong)?"). ``context``: the place and agency, in ``lang``;
    ``previous_words``: the previous question's words that say what it counted."""
    own = own.strip()
    if lang == "zh" and previous_lang == "zh":
        base = _ASKING.sub("", previous_core).strip(" ?？。.,，")
        return f"{base}，{own}" if own else base + "?"
    words = previous_words if previous_lang == lang else []
    inside = list(dict.fromkeys([*words, *context]))
    if lang == "zh":
        return "".join(context) + own
    return f"{own.rstrip('?. ')} ({', '.join(inside)})?" if inside else own


# What joins a named year and a relative one asked together ("2024年和前一年", "in 2024 and the year before").
_YEARS_JOINED = re.compile(r"\s*(?:和|与|與|及|跟|同|、|\band\b|\bor\b)\s*(?:the\s+|in\s+)?", re.IGNORECASE)


def given_for_named_year(turn: str, year: tuple[int, int], relative: tuple[int, int]) -> bool:
    """The turn states a figure for the year it names and asks the relative year alone ("…concluded
    88,462 cases in 2024 — how many the year before?"); not where the two years are asked together
    ("How many sessions did the two bases run in 2024 and the year before?"). ``year``, ``relative``:
    where the turn names them."""
    first, second = sorted([year, relative])
    return bool(stated_figures(turn)) and not _YEARS_JOINED.fullmatch(turn[first[1]:second[0]])


def shift_year(year: int, relative: object) -> int:
    """The year ``relative`` (an offset: -1 the year before, 1 the year after) points to from ``year``."""
    return year + relative if isinstance(relative, int) else year


def year_written(turn: str, span: tuple[int, int], year: int, lang: str) -> str:
    """A turn with a year it names relative to the conversation's ("that year", 当年) written in its
    place: "And valid registered trademarks at the end of that year?" → "… at the end of 2024?",
    "And PCT applications that year?" → "And PCT applications in 2023?"."""
    before, after = turn[: span[0]], turn[span[1] :]
    if lang == "zh":
        return f"{before}{year}年{after}"
    put = str(year) if re.search(r"\b(?:of|in|during|for|by)\s*$", before, re.IGNORECASE) else f"in {year}"
    return f"{before}{put}{after}"
