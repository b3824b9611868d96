"""A question typed after a few sentences of pasted context ("Guangdong's 2023 white paper says
the province ran the patent attorney exams … How many practising patent attorneys did Guangdong
have at the end of 2023?"): which sentence is the question, and what the rest may lend it.

The context is there to say when, where and who; what is counted is the question's own business.
Its words, figures, units and actions describe other things (the exams, the test site, the 475
WeChat accounts shut down), and read as part of the question they pull the ranking towards the
figures the context itself states. So the frame (qa.frame) is made from the question sentence,
and only its missing year, place and agency are taken from the context.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from index.figures import Figure, parse_figures
from index.lexicon import ordered_words, rows
from qa.sentences import split_sentences

# The kinds of figure a claim states (years and periods only say when).
STATED_KINDS = ("quantity", "percent", "rank")

# What makes a sentence a question: its mark, or an interrogative word where the mark is left
# off ("2024年全省抽查了多少家商标代理机构"). 请问 / 据了解 lead the question or the context.
_MARK = re.compile(r"[?？]")
_ASKS = re.compile(r"多少|几[个件家名人项宗起批次年位万亿千百]|是否|哪[些个一年里]|什么|请问"
                   r"|\b(?:how (?:many|much)|what|which|when|whether)\b", re.IGNORECASE)


# A year the context names as where a span starts ("Since 2021, the platform has resolved over
# 1,000 cases", "自2021年以来") is not the year the question is about.
_SPAN_START = re.compile(r"\b(?:since|from)\s+(?:19|20)\d\d\b|(?:自|从)?(?:19|20)\d\d年?(?:以来|起)", re.IGNORECASE)


def lendable(context: str) -> str:
    """The context without the years it names only as a span's start (see _SPAN_START)."""
    return _SPAN_START.sub(" ", context)


# Years named relative to another ("前一年", "the year before"; index/lexicon/relative_years.tsv), in table
# order: a longer form listed first wins over the shorter one inside it (大前年 over 前年, "the year before
# last" over "the year before").
_RELATIVE = tuple((re.compile(pattern), offset) for pattern, offset in rows("relative_years.tsv", 2))
# A relative year after a comparison word is the base of a change, not the year asked ("比上年增长了多少?").
_COMPARED = re.compile(r"(?:比|较|較|同比|\b(?:than|compared (?:with|to)|on|over|from))\s*$", re.IGNORECASE)


def relative_year_mentions(text: str) -> list[tuple[int, int, int | str]]:
    """(start, end, offset in years or "latest") of each relative year a text names, overlaps resolved."""
    out: list[tuple[int, int, int | str]] = []
    for pattern, offset in _RELATIVE:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), offset if offset == "latest" else int(offset)))
    return sorted(out)


def lent_years(question: str, years: list[int]) -> list[int]:
    """The years the context lends a question that names none of its own: the context's, or, where
    the question names one year relative to them, that one ("…2024年专利商标质押融资3453.97亿元…。
    前一年…是多少?" asks 2023). A question naming two relative years ("前年和去年"), or one only as the base
    of a change ("比上年增长了多少?"), keeps the context's; "latest" is the corpus's to resolve."""
    offsets = {offset for start, _, offset in relative_year_mentions(question)
               if not _COMPARED.search(question[:start])}
    if len(offsets) != 1 or not isinstance(shift := offsets.pop(), int):
        return years
    return sorted({y + shift for y in years})


class Split(BaseModel):
    """A text cut into the question it asks and the context typed before (or after) it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    context: str = ""  # the other sentences, joined; "" when the text is one sentence


def split_question(text: str) -> Split:
    """The last sentence that asks something, and the others as its context. A text of one
    sentence, or one where no sentence asks, is all question."""
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return Split(question=text)
    # A question mark is the surest sign; failing one, an interrogative word (a context sentence
    # may hold one too: "a mechanism which integrates …", so it comes second).
    asking = ([i for i, s in enumerate(sentences) if _MARK.search(s.text)]
              or [i for i, s in enumerate(sentences) if _ASKS.search(s.text)])
    if not asking:
        return Split(question=text)
    # Of several asking sentences the last is the question: "据了解 …" or a rhetorical
    # "what does it mean?" comes before it; the one typed last is what the user wants answered.
    chosen = asking[-1]
    context = " ".join(s.text for i, s in enumerate(sentences) if i != chosen)
    return Split(question=sentences[chosen].text, context=context)


# A label the user typed before the claim ("Claim:", "说法："; index/lexicon/claim_labels.txt), at the
# text's start or after a sentence's end or a newline ("…ran a spot check: 110 …" is no label).
_LABEL = re.compile(r"(?:^|(?<=[。.!?！？；;\n]))\s*(?:" + "|".join(
    re.escape(w) for w in sorted(ordered_words("claim_labels.txt"), key=len, reverse=True)) + r")\s*[:：]",
    re.IGNORECASE)


def labelled_claim(text: str) -> Split | None:
    """A claim typed after a label ("… in Dongguan and Shenzhen. Claim: in 2024 alone …"): what
    follows the last label is the claim, what precedes it the background; None where there is none."""
    last = None
    for last in _LABEL.finditer(text):
        pass
    if last is None or not text[last.end():].strip():
        return None
    return Split(question=text[last.end():].strip(), context=text[:last.start()].strip())


def split_claim(text: str) -> Split:
    """A claim typed with a sentence or two of background ("The province kept expanding its
    network in 2024, with new centres approved in Panyu and Kaiping. Guangdong now has 15 national-level
    … centres."): the sentences that state a figure are the claim, the others its context, which
    lends only the year, place and agency it leaves out (as a question's does). The background's
    words would otherwise pull the ranking towards the figures it is about ("Two rapid IPR
    protection centers were approved … in Panyu … and Kaiping"), and the claim be judged against one
    of them. A text of one sentence, or one whose every sentence (or none) states a figure, is all claim;
    a background sentence between two stating ones stays in the claim (and lends to it as context too).
    A label the user typed ("Claim:", "说法：") says which the claim is (labelled_claim)."""
    if (labelled := labelled_claim(text)) is not None:
        return labelled
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return Split(question=text)
    stating = [bool(stated_figures(s.text)) for s in sentences]
    if all(stating) or not any(stating):
        return Split(question=text)
    claim = text[sentences[stating.index(True)].start:]
    first_after = next((i for i in range(len(sentences) - 1, -1, -1) if stating[i]), 0) + 1
    if first_after < len(sentences):
        claim = claim[: sentences[first_after].start - sentences[stating.index(True)].start]
    context = " ".join(s.text for s, states in zip(sentences, stating, strict=True) if not states)
    return Split(question=claim.strip(), context=context)


# A short quoted span is a name ("“36条”", "the Hetao '36 measures'", "「雙隨機、一公開」"): the figure
# in it names a policy or a campaign, and is no figure the claim states.
_QUOTED_NAME = re.compile(r"“[^“”]{1,12}”|「[^「」]{1,12}」|『[^『』]{1,12}』|\"[^\"]{1,24}\"|(?<![\w'])'[^']{1,24}'(?![A-Za-z])")


def quoted_name(text: str, figure: Figure) -> bool:
    """The figure stands inside a short quoted span of ``text`` (_QUOTED_NAME): it is part of a name."""
    return any(m.start() < figure.start and figure.end <= m.end() for m in _QUOTED_NAME.finditer(text))


# A figure a question offers to be checked ("…多少件，是83308件吗?", "… — was it 83,308?"): a tag after it
# in its clause (吗), or a check before it.
_CHECK_AFTER = re.compile(r"^[^，,。；;？?!！]{0,6}[吗嗎么麼]")
_CHECK_BEFORE = re.compile(r"(?:\b(?:is|was|are|were|isn't|wasn't)\s+(?:it|that)|是不是|是否|难道)[^，,。；;？?]{0,12}$",
                           re.IGNORECASE)


def offered_for_check(text: str, figure: Figure) -> bool:
    """The figure is one the question asks to have checked, not what it is about (_CHECK_AFTER, _CHECK_BEFORE)."""
    return bool(_CHECK_AFTER.search(text[figure.end:]) or _CHECK_BEFORE.search(text[:figure.start]))


def split_stated(text: str, stated: list[Figure], what: str, asking: bool) -> tuple[list[Figure], list[Figure]]:
    """The figures a question or claim states, and those a question asking how many names to say what it
    is about. Such a question states none ("How many training sessions have the two bases run?",
    "…88,462 in 2024: how many the year before?"), and names none it offers to be checked ("…多少件，是83308件吗?":
    that may well be the answer).
    A claim's figure in a short quoted name states nothing ("河套“36条”已有13项政策…"), unless it is the
    claim's only figure ("广东有“15家”技术与创新支持中心").
    """
    if asking:
        return [], [f for f in stated if not offered_for_check(text, f)]
    if what == "claim":
        return [f for f in stated if not quoted_name(text, f)] or stated, []
    return stated, []


def stated_figures(text: str) -> list[Figure]:
    """The figures a sentence states: counts, amounts, rates and ranks (a year is no statement)."""
    return [f for f in parse_figures(text) if f.kind in STATED_KINDS]
