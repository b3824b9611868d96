"""A whole article checked sentence by sentence (``QA.check_article``, ``qa verify --article``).

Each sentence (qa.sentences) is analysed into a query frame once. A sentence that states a
quantity, percentage or rank about what the documents cover is checked as a claim, figure by
figure (``QA.verify_frame``); every other sentence is listed as skipped with the reason.

News sentences lean on the ones before them: "同比增长20%。" after a sentence naming the year,
the courts and what they took in; "It also closed 88,462." after "In 2024 the courts…". What a
sentence leaves out is read from the frames of the sentences before it, slot by slot, never from
a list of phrases:

- its **year** (and stock/flow) from the last sentence that named one, anywhere in the article
  (a news text states its year once and keeps to it); "a year earlier", "上年" … (data:
  index/lexicon/relative_years.tsv) place a quantity in the year before, while a rate stays
  this year's change on it;
- its **place** from the last sentence of the same paragraph that named one (a new paragraph
  often turns elsewhere; "全市…" after a sentence naming Guangzhou is Guangzhou's), but never
  to a sentence that speaks of the province ("全省…", "Guangdong had …": the province is no city);
- its **agency** likewise, but only when the sentence has no subject of its own: nothing but
  function words (the stopword lists) stands before the action of its first figure, or before
  the figure when it names none ("It also closed 88,462.", "审结88462件。"). "The agriculture
  department opened 297 cases" has a subject the ontology does not know: lending it the
  previous sentence's market regulators would rule out its own figure;
- its **action**, and the words for what is counted, only when it names neither agency nor
  action nor year and states only percentages: a rate that does not say of what is the rate of the
  figure just stated ("同比增长20%" is that figure's rise), so it is searched with that
  sentence's words too. A quantity keeps its own words: "The delegation had 30 people." is
  not about the courts' cases because it follows them.

What was assumed is listed with the sentence, so a wrong assumption is visible.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any

from index.figures import parse_figures
from index.glossary import Glossary
from index.lexicon import rows
from index.places import place_name
from index.records import compared_before
from index.roles import actions_in
from index.text import detect_lang, en_tokens
from qa.frame import MAX_QUESTION_CHARS, QueryError, QueryFrame, analyse
from qa.sentences import Sentence, split_sentences
from qa.types import ArticleCheck, ArticleSentence, ArticleSummary, Verdict

MAX_ARTICLE_CHARS = 20_000
_CJK = re.compile(r"[\u3400-\u9fff]")
_YEAR_TOKEN = re.compile(r"^y\d{4}$")  # index.keywords.year_tokens: a year is no subject
# A sentence that speaks of the province ("全省", "省内", "Guangdong had …", "province-wide") is
# not about the city the sentence before it named: Guangdong's names from the places table, and
# the word for a province itself.
_PROVINCE = re.compile("|".join(
    ["省", r"\bprovinc"] + [re.escape(name) for row in rows("places.tsv", 7) if row[0] == "guangdong"
                            for name in [row[3], row[4], row[5], *row[6].split("|")] if len(name) > 1]),
    re.IGNORECASE)
# Only the words that point back a number of years ("a year earlier", 上年): "latest" and "this
# year" say nothing about a sentence after another's year.
_RELATIVE_YEARS = tuple((re.compile(p, re.IGNORECASE), -int(n)) for p, n in rows("relative_years.tsv", 2)
                        if n.lstrip("-").isdigit() and int(n) < 0)


SKIP_NO_FIGURE = "no figure"
SKIP_DATE_ONLY = "only a date or year"
SKIP_ORDINAL_ONLY = "only an ordinal or a label (第十届, No. 5), no quantity"
SKIP_OFF_SUBJECT = "a figure, but not about the documents' subject (none of its words is one they use)"


def compared_years(text: str) -> frozenset[int]:
    """The years a sentence names only as the other side of a comparison ("较2023年的5.49万件",
    "up from 13.5 in 2020"): those figures' years, not the sentence's."""
    return frozenset(int(f.value) for f in parse_figures(text)
                     if f.kind == "year" and compared_before(text[:f.start]))


def reads_both_years(frame: QueryFrame) -> bool:
    """Whether a sentence names years only to compare with, and states a figure before them (of
    the year it is about, which it leaves unsaid): "一般作品登记4.95万件,较2023年的5.49万件有所减少".
    One whose figures all follow ("与2023年的15766批次相比,…") is about that year alone."""
    compared = compared_years(frame.text)
    if not frame.years or not set(frame.years) <= compared:
        return False
    first = min((f.start for f in parse_figures(frame.text) if f.kind == "year" and int(f.value) in compared),
                default=0)
    return any(f.start < first for f in frame.figures if f.kind in ("quantity", "percent"))


def validate_article(text: object) -> str:
    """The article as text, or a QueryError naming the problem (empty, too long, not text)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise QueryError("The article is not valid UTF-8 text.") from e
    if not isinstance(text, str):
        raise QueryError("The article must be text.")
    if not text.strip():
        raise QueryError("The article is empty: paste an article or a paragraph in Chinese or English.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise QueryError(f"The article is {len(text):,} characters long; the limit is {MAX_ARTICLE_CHARS:,}: "
                         "check it in parts.")
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\t\r\f\v") or c == "\ufffd")
    if bad:
        raise QueryError(f"The article contains {bad} non-text character(s) (control bytes or undecodable "
                         "data): is it a binary file?")
    return text


def about_the_subject(frame: QueryFrame, glossary: Glossary | None, vocabulary: Container[str] | None = None) -> bool:
    """Whether a sentence's figure can be about what the documents cover: it names an agency or
    action of the ontology, a metric qualifier, or a term of the domain glossary (either
    language), or any of its words is one the documents use (``vocabulary``: the index's search
    words). Deliberately broad: a sentence kept here at worst comes back "not found", while one
    skipped is never checked; only a sentence none of whose words the documents use is skipped
    ("The weather was 30 degrees in Berlin.")."""
    if frame.agencies or frame.actions or frame.qualifiers:
        return True
    if glossary is None:
        return True
    if glossary.english_for(frame.text) or glossary.chinese_for(frame.text):
        return True
    if vocabulary is None:
        return False
    return any(w in vocabulary for words in frame.search_words.values() for w in words if not _YEAR_TOKEN.match(w))


@dataclass
class Context:
    """What the sentences read so far said, slot by slot (see the module docstring)."""

    years: list[int] = field(default_factory=list)
    years_from: int | None = None
    period: Any = None
    paragraph: int = -1
    places: frozenset[str] = frozenset()
    places_from: int | None = None
    agencies: frozenset[str] = frozenset()
    agencies_from: int | None = None
    actions: frozenset[str] = frozenset()
    roles_text: str = ""  # the sentence that named the agency or action
    roles_from: int | None = None

    def enter(self, paragraph: int) -> None:
        """A sentence of ``paragraph`` comes next: a new paragraph forgets the place and the roles."""
        if paragraph != self.paragraph:
            self.paragraph = paragraph
            self.places, self.agencies, self.actions, self.roles_text = frozenset(), frozenset(), frozenset(), ""
            self.places_from = self.agencies_from = self.roles_from = None

    def note(self, frame: QueryFrame, number: int) -> None:
        """Remember what this sentence names itself (never what it was lent, nor a year it names
        only to compare with)."""
        if frame.years and not set(frame.years) <= compared_years(frame.text):
            self.years, self.years_from, self.period = list(frame.years), number, frame.period
        if frame.places:
            self.places, self.places_from = frame.places, number
        if frame.agencies:
            self.agencies, self.agencies_from = frame.agencies, number
        if frame.agencies or frame.actions:
            self.actions, self.roles_text, self.roles_from = frame.actions, frame.text, number


def carry(frame: QueryFrame, ctx: Context, paragraph: int,
          glossary: Glossary | None) -> tuple[QueryFrame, dict[str, str], int | None]:
    """The sentence's frame with the slots it leaves empty filled from ``ctx``; what was assumed
    (slot → value) and the latest sentence it came from."""
    update: dict[str, Any] = {}
    assumed: dict[str, str] = {}
    sources: list[int] = []
    if not frame.years and ctx.years:
        # "the 703,700 granted a year earlier" is the earlier year's figure; "up 5.8% from a year
        # earlier", "较上年增长" is this year's change on it. A sentence with both reads both years.
        back = {n for pattern, n in _RELATIVE_YEARS if pattern.search(frame.text)}
        earlier = {y - n for y in ctx.years for n in back}
        kinds = {f.kind for f in frame.figures}
        years = sorted(set(ctx.years) if kinds == {"percent"} or not earlier
                       else earlier if "percent" not in kinds else set(ctx.years) | earlier)
        update["years"] = years
        assumed["year"] = ", ".join(map(str, years))
        sources.append(ctx.years_from or 0)
        if frame.period is None and ctx.period is not None:
            update["period"] = ctx.period
    elif ctx.years and reads_both_years(frame):
        # "一般作品登记4.95万件,较2023年的5.49万件有所减少" in an article about 2024: the named year is
        # the compared figure's; the others are the article's year's. The sentence reads both.
        update["years"] = sorted(set(ctx.years) | set(frame.years))
        assumed["year"] = ", ".join(map(str, ctx.years))
        sources.append(ctx.years_from or 0)
    same = paragraph == ctx.paragraph  # always so after ctx.enter(paragraph); kept for direct callers
    # A bare rate continues the figure before it; one that names its own year ("… accounted for
    # 9.5% of GDP in 2024") starts a statement of its own.
    continues = (same and all(f.kind == "percent" for f in frame.figures) and not frame.years
                 and not frame.agencies and not frame.actions and bool(ctx.roles_text))
    if same and not frame.places and ctx.places and (continues or not _PROVINCE.search(frame.text)):
        update["places"] = ctx.places
        assumed["place"] = ", ".join(sorted(place_name(p, frame.lang) for p in ctx.places))
        sources.append(ctx.places_from or 0)
    if same and not frame.agencies and ctx.agencies and (continues or not names_own_subject(frame.text, glossary)):
        update["agencies"] = ctx.agencies
        assumed["agency"] = ", ".join(sorted(ctx.agencies))
        sources.append(ctx.agencies_from or 0)
    if continues:
        if ctx.actions:
            update["actions"] = ctx.actions
            assumed["action"] = ", ".join(sorted(ctx.actions))
        # What is counted is the earlier sentence's: search and match with its words too.
        if glossary is not None:
            joined = analyse(f"{ctx.roles_text} {frame.text}"[:MAX_QUESTION_CHARS], "claim", glossary, whole=True)
            update["terms"], update["search_words"] = joined.terms, joined.search_words
            assumed["subject"] = ctx.roles_text
        sources.append(ctx.roles_from or 0)
    if not update:
        return frame, {}, None
    return frame.model_copy(update={**update, "assumed": frozenset(assumed)}), assumed, max(sources)


def names_own_subject(text: str, glossary: Glossary | None) -> bool:
    """Whether content words stand before the action of the sentence's first figure (or, with
    none, before the figure): its own subject, known to the ontology or not. Figures, years and function
    words are not a subject ("2024年,审结…", "It also closed…")."""
    figures = parse_figures(text)
    first = min((f.start for f in figures if f.kind in ("quantity", "percent", "rank")), default=len(text))
    # The action nearest before the figure is the verb of its clause: an earlier one is a noun
    # of the subject; and an English sentence does not open with its verb ("Damages in civil IP
    # cases … totalled", "Prosecutions rose to …"), while a Chinese one may ("审结88462件").
    actions = [m for m in actions_in(text) if m.start < first and (m.start > 0 or _CJK.match(text))]
    cut = actions[-1].start if actions else first
    prefix = list(text[:cut])
    for f in figures:
        for i in range(f.start, min(f.end, cut)):
            prefix[i] = " "
    before = "".join(prefix)
    if en_tokens(before):
        return True
    if glossary is None:  # no tokenizer at hand: any Chinese word counts
        return bool(_CJK.search(before))
    return bool(glossary.tokenizer.zh(before))


def skip_reason(sentence: str, frame: QueryFrame | None, glossary: Glossary | None,
                vocabulary: Container[str] | None = None) -> str | None:
    """Why a sentence is not checked, or None when it is."""
    if frame is None or not frame.figures:
        kinds = {f.kind for f in parse_figures(sentence)}
        if not kinds:
            return SKIP_NO_FIGURE
        if kinds <= {"year", "period"}:
            return SKIP_DATE_ONLY
        return SKIP_ORDINAL_ONLY
    if not about_the_subject(frame, glossary, vocabulary):
        return SKIP_OFF_SUBJECT
    return None


def _checked(base: dict[str, Any], v: Verdict) -> ArticleSentence:
    return ArticleSentence(**base, verdict=v.verdict, claimed=v.claimed, found=v.found, explanation=v.explanation,
                           checks=v.checks, citations=v.citations, confidence=v.confidence)


def check_article(text: object, glossary: Glossary | None, verify: Callable[[QueryFrame], Verdict],
                  vocabulary: Container[str] | None = None) -> ArticleCheck:
    """Every sentence of ``text``: checked with ``verify`` (figure by figure) or skipped with a
    reason; ``vocabulary``: the words the documents use (see about_the_subject)."""
    t0 = time.perf_counter()
    article = validate_article(text)
    ctx = Context()
    out: list[ArticleSentence] = []
    for number, s in enumerate(split_sentences(article), 1):
        out.append(_one(s, number, ctx, glossary, verify, vocabulary))
    counts = {label: sum(1 for s in out if s.verdict == label)
              for label in ("supported", "contradicted", "not_found", "skipped")}
    summary = ArticleSummary(sentences=len(out), claims=len(out) - counts["skipped"], **counts)
    lang = detect_lang(article)
    return ArticleCheck(lang="zh" if lang == "zh" else "en", chars=len(article), sentences=out, summary=summary,
                        seconds=time.perf_counter() - t0)


def _one(s: Sentence, number: int, ctx: Context, glossary: Glossary | None,
         verify: Callable[[QueryFrame], Verdict], vocabulary: Container[str] | None) -> ArticleSentence:
    base: dict[str, Any] = {"number": number, "text": s.text, "start": s.start, "end": s.end,
                            "paragraph": s.paragraph}
    if len(s.text) > MAX_QUESTION_CHARS:
        return ArticleSentence(**base, verdict="skipped",
                               skip_reason=f"too long to check as one sentence ({len(s.text):,} characters; "
                                           f"the limit is {MAX_QUESTION_CHARS:,})")
    try:
        frame: QueryFrame | None = analyse(s.text, "claim", glossary)
    except QueryError:
        frame = None  # no words to read (a line of dashes, a lone number): nothing to check
    reason = skip_reason(s.text, frame, glossary, vocabulary)
    ctx.enter(s.paragraph)
    if frame is None or reason is not None:
        if frame is not None:
            ctx.note(frame, number)  # "2024年,全省知识产权保护取得新进展。" names the year for the next
        return ArticleSentence(**base, verdict="skipped", skip_reason=reason)
    lent, assumed, source = carry(frame, ctx, s.paragraph, glossary)
    ctx.note(frame, number)
    verdict = verify(lent)
    return _checked({**base, "assumed": assumed, "assumed_from": source}, verdict)
