"""A question's parenthetical asides that negate ("(not just the joint actions)", "（不算跟港澳联合行动
那部分）"): what they set aside is not asked (qa.frame). Pure functions."""

from __future__ import annotations

import re
from functools import cache

from index.lexicon import rows

_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


@cache
def _negating() -> re.Pattern[str]:
    """The words that make an aside negate (index/lexicon/aside_negations.tsv)."""
    forms = [rf"\b{re.escape(f)}\b" if f.isascii() else (rf"(?<![{re.escape(b)}])" if b != "-" else "") + re.escape(f)
             for f, b in rows("aside_negations.tsv", 2)]
    return re.compile("|".join(forms), re.IGNORECASE)


def negates(aside: str) -> bool:
    """Whether an aside's words negate ("excluding person-times", "without batches")."""
    return _negating().search(aside) is not None


def without_negated_asides(text: str) -> str:
    """The text less what its parenthetical asides negate: from the negating word to the aside's
    end ("(cumulative, not just the new ones)" keeps "cumulative")."""

    def kept(m: re.Match[str]) -> str:
        neg = _negating().search(m.group())
        if neg is None:
            return m.group()
        head = m.group()[1:neg.start()].strip(" ,，、;；")
        return f" {head} " if head else " "

    return _ASIDE.sub(kept, text)
