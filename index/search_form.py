"""The retrieval form of a chunk: what is embedded and BM25-indexed, never what is shown.

It differs from the display text in ways that only help matching: simplified script (the 2023
white paper is traditional), the censored 国家 restored (the plan prints it as **), and the
document title, section and paragraph theme prepended so that a chunk carries its year and
topic even when its own sentences do not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.types import Lang


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (opencc t2s); other text passes through unchanged."""
    if not any("\u3400" <= c <= "\u9fff" for c in text):
        return text
    return str(_t2s().convert(text))


_CENSORED = re.compile(r"(?<!\*)\*\*(?!\*)")


def restore_censored(text: str) -> str:
    """The plan's extraction printed 国家 as **: undo it for search only.

    A run of three (***) hides some other word, so it is left alone rather than guessed.
    """
    return _CENSORED.sub("国家", text)


def search_form(text: str, *, lang: Lang, title: str, section: list[str], topic: str = "") -> str:
    """Title | section | theme, then the text, in the form retrieval matches against."""
    head = " | ".join(x for x in [title, *section, topic] if x)
    body = f"{head}\n{text}" if head else text
    if lang == "zh" or any("\u3400" <= c <= "\u9fff" for c in body):
        body = restore_censored(to_simplified(body))
    return body
