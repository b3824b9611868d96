"""Which part of the previous question a short follow-up with words of its own replaces (see
qa.conversation, which calls these): pure functions over text and slot spans.

A follow-up that names what it counts ("发明专利呢?", "And rights-protection cases?", "货值呢?",
"What was the amount in dispute?") is read against the frame of the question before it:

* counted in the same unit as before (or naming none): it is another thing of the same kind, so
  its words take the place of what the previous question counted ("2023年广东专利授权量" +
  "发明专利呢?" → "2023年广东发明专利授权量"), its year, place, agency and action kept;
* counted in another unit (money after cases, items after batches, firms after an amount): it
  asks about what the previous question counted, so that question's wording is kept and the
  turn's added (qa.followup.with_previous); a figure the conversation gave is never the answer.
"""

from __future__ import annotations

import re
from typing import Protocol

from index.figures.units import unit_group
from qa.intent import unit_for_question

# What asks how many in a question: 多少 / 几 with its measure word only (not the noun after it:
# "多少知识产权案件" asks about 知识产权案件), and the English phrases.
MEASURES = r"批次|人次|件次|[个個件家名人项項宗起批支条條所座张張场場届屆笔筆元位次种種户戶份]"
ASKING = re.compile(rf"(?:多少|(?<![近前这這好])几(?!乎))[万亿千]?(?:{MEASURES})?|\bhow (?:many|much)\b", re.IGNORECASE)

# Between two words of one English noun phrase ("patent and trademark pledge financing").
_EN_JOIN = re.compile(r"(?:\s+|-|\s+(?:and|of|for|in)\s+)", re.IGNORECASE)


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...


def _occurrences(text: str, words: list[str], blocked: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    out = []
    for w in dict.fromkeys(words):
        pattern = re.escape(w) if lang == "zh" else rf"(?<![\w-]){re.escape(w)}(?![\w-])"
        for m in re.finditer(pattern, text, 0 if lang == "zh" else re.IGNORECASE):
            if not any(s < m.end() and m.start() < e for s, e in blocked):
                out.append(m.span())
    return sorted(out)


def _runs(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Word spans merged into runs: touching in Chinese; in English, joined by spaces, hyphens or
    a small word inside one noun phrase."""
    runs: list[list[int]] = []
    for s, e in spans:
        if runs and (s <= runs[-1][1] or (lang == "en" and _EN_JOIN.fullmatch(text[runs[-1][1]:s]))):
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e])
    return [(s, e) for s, e in runs]


def counted_run(core: str, slots: list[Span], words: list[str], lang: str) -> tuple[int, int] | None:
    """Where a question says what it counts: the run of its metric words right after the words
    that ask how many ("多少宗专利侵权纠纷案件", "How many patent pre-examination requests"), else
    its longest run ("专利" of "广东专利授权量"). None when it has no metric words."""
    blocked = [(s.start, s.end) for s in slots if s.kind in ("year", "place", "agency", "action")]
    runs = _runs(core, _occurrences(core, words, blocked, lang), lang)
    if not runs:
        return None
    asked = ASKING.search(core)
    if asked:
        after = [r for r in runs if 0 <= r[0] - asked.end() <= 1]
        if after:
            return after[0]
    return max(runs, key=lambda r: (r[1] - r[0], -r[0]))


def own_span(turn: str, slots: list[Span], words: list[str], lang: str) -> tuple[int, int] | None:
    """Where the turn writes its own words, from the first to the last ("商标行政处罚案件",
    "rights-protection cases"): an action between them is part of the phrase."""
    spans = _occurrences(turn, words, [(s.start, s.end) for s in slots if s.kind != "action"], lang)
    return (spans[0][0], max(e for _, e in spans)) if spans else None


def same_kind(turn: str, previous: str) -> bool:
    """Whether a follow-up counts in the unit the previous question did (or either names none)."""
    mine, theirs = unit_for_question(turn), unit_for_question(previous)
    if not mine or not theirs:
        return True
    return any(unit_group(u) & theirs for u in mine)


def replace_counted(core: str, run: tuple[int, int], phrase: str, turn_asking: str | None) -> str:
    """The previous question with what it counted replaced by ``phrase``; the measure word it
    asked with goes too unless the turn asks with one of its own (a 件 of cases is no unit of 货值)."""
    out = core[: run[0]] + phrase + core[run[1] :]
    asked = ASKING.search(out[: run[0]] if run[0] <= len(out) else out)
    if asked is not None and asked.end() <= run[0]:
        put = turn_asking if turn_asking is not None else re.match(r"多少|几|how (?:many|much)", asked.group(),
                                                                   re.IGNORECASE).group()  # type: ignore[union-attr]
        out = out[: asked.start()] + put + out[asked.end() :]
    return re.sub(r"\s{2,}", " ", out).strip()
