"""A figure as an answer shows it: with the bound its sentence puts on it. Pure functions."""

from __future__ import annotations

import functools
import re

from index.figures.model import Figure
from index.figures.recognize import is_cjk, parse_figures
from index.lexicon import rows


@functools.cache
def _bound_words() -> dict[str, tuple[str, str]]:
    return {q: (zh, en) for q, zh, en in rows("bound_display.tsv", 3)}


def with_bound(fig: Figure, lang: str | None = None) -> str:
    """The figure's text with the bound its sentence puts on it where the text does not show it
    ("超1万名" for 1万名 after 超, "more than 10,000"; "2万余件" as it is: parsed alone, the text
    keeps its own bound), the bound in the language of the text it stands before (bound_lang). A
    rank's bound is none (位列前十 is a place in a list, not at most ten)."""
    if fig.qualifier is None or fig.kind not in ("quantity", "percent"):
        return fig.text
    own = parse_figures(fig.text)
    if own and own[0].qualifier == fig.qualifier:
        return fig.text
    return prefix_bound(fig.text, fig.qualifier, bound_lang(fig.text, lang))


def bound_lang(text: str, lang: str | None) -> str:
    """The language of a bound put before ``text``: the text's own where it has words ("超170家",
    "more than 200 forest … businesses", in an answer of either language), else ``lang``, the
    answer's ("约60%" in a Chinese answer; English where none is given)."""
    if any(is_cjk(ch) for ch in text):
        return "zh"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return lang or "en"


def prefix_bound(text: str, qualifier: str, lang: str) -> str:
    """``text`` after the word for its bound in ``lang`` (bound_display.tsv)."""
    zh, en = _bound_words().get(qualifier, ("", ""))
    if lang == "zh":
        return f"{zh}{text}" if zh else text
    return f"{en} {text}" if en else text
