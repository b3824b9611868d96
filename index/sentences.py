"""Where a sentence of a chunk's text starts and ends: a Chinese "。！？" or an English full stop, and
"；" too unless the whole sentence is asked for."""

from __future__ import annotations

import re

from index.text import EN_FULL_STOP

_SENTENCE_END = re.compile(r"[。！？；;\n]|" + EN_FULL_STOP)
_WHOLE_SENTENCE_END = re.compile(r"[。！？\n]|" + EN_FULL_STOP)
# A comma between a digit and exactly three more is a thousands separator ("1,156" is one number);
# any other ends a clause (",2024年查办…1796宗" starts one: a year is no thousands group).
CLAUSE_END = re.compile(r"[。！？!?\n；;，]|(?<!\d),|,(?!\d{3}(?!\d))|" + EN_FULL_STOP)


def sentence_bounds(text: str, pos: int, whole: bool = False) -> tuple[int, int]:
    """The sentence around ``pos``; a Chinese "；" ends one too unless ``whole``."""
    end_re = _WHOLE_SENTENCE_END if whole else _SENTENCE_END
    start = 0
    for m in end_re.finditer(text, 0, pos):
        start = m.end()
    after = end_re.search(text, pos)
    return start, (after.end() if after else len(text))
