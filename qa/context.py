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


# A year named relative to another ("前一年", "the year before"; index/lexicon/relative_years.tsv),
# with its offset in years ("latest" rows are the corpus's to resolve, not the context's).
_RELATIVE = tuple((re.compile(pattern), int(offset)) for pattern, offset in rows("relative_years.tsv", 2)
                  if offset != "latest")


def lent_years(question: str, years: list[int]) -> list[int]:
    """The years the context lends a question that names none of its own: the context's, or, where
    the question names one year relative to them, that one ("…2024年专利商标质押融资3453.97亿元…。
    前一年…是多少?" asks 2023). A question naming two relative years ("前年和去年") keeps the context's."""
    offsets = {offset for pattern, offset in _RELATIVE if pattern.search(question)}
    if len(offsets) != 1:
        return years
    shift = offsets.pop()
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
_QUOTED_NAME = re.compile(r"“[^“”]{1,12}”|「[^「」]{1,12}」|『[^『』]{1,12}』|\"[^\"]{1,24}\"|(?<![A-Za-z])'[^']{1,24}'(?![A-Za-z])")


def quoted_name(text: str, figure: Figure) -> bool:
    """The figure stands inside a short quoted span of ``text`` (_QUOTED_NAME): it is part of a name."""
    return any(m.start() < figure.start and figure.end <= m.end() for m in _QUOTED_NAME.finditer(text))


def stated_figures(text: str) -> list[Figure]:
    """The figures a sentence states: counts, amounts, rates and ranks (a year is no statement)."""
    return [f for f in parse_figures(text) if f.kind in STATED_KINDS]
