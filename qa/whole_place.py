"""Whether a text says it is about a whole place without naming it: the whole province ("全省", "the
province now has …") or the whole country ("全国…", "nationwide"), not as the whole of a share or rank
("占全国", "居全国首位", "of the national total"). Pure functions over the lexicon's word lists."""

from __future__ import annotations

import re

from index.lexicon import words

_OF_WHOLE = re.compile(r"(?:[占佔居列于於在为為][^，,。；;]{0,2}|\bof\s+|\bamong\s+)$", re.IGNORECASE)


def province_wide(text: str) -> bool:
    """The text says it is about the whole province without naming it (index/lexicon/province_wide.txt),
    not only as the whole of a share or rank (_OF_WHOLE)."""
    low = text.lower()
    return any(not _OF_WHOLE.search(low, max(0, m.start() - 4), m.start()) and not low.startswith("'s", m.end())
               for w in words("province_wide.txt") for m in re.finditer(re.escape(w), low))


# After a word for the whole country, a comparison ("全国第一", "全国领先", "全国专利代理师资格考试" aside): no subject
_RANKED_AFTER = re.compile(r"[第首前]|领先|領先|领跑|領跑|最|排名|之冠|性|范围|範圍|各地|专利代理师|專利代理師|\s*(?:first|top|lead)",
                           re.IGNORECASE)


def nation_wide(text: str) -> bool:
    """The text says it is about the whole country (index/lexicon/nation_wide.txt), not as the whole of a
    share or rank (_OF_WHOLE), nor before a comparison (_RANKED_AFTER)."""
    low = text.lower()
    return any(not _OF_WHOLE.search(low, max(0, m.start() - 4), m.start()) and not _RANKED_AFTER.match(low, m.end())
               for w in words("nation_wide.txt") for m in re.finditer(re.escape(w), low))
