"""Figure records: every figure of the corpus as a typed record, made once at index time.

A record holds what the figure is (value, unit, kind, bound), where it is (chunk, offsets, the
sentence quoted and its raw-file span), what it counts (its clause and metric phrase, the metric
qualifiers), when (the year, stock or flow, plan target or actual), where it applies (places), and
the words of all of these as search tokens. Ranking reads records; nothing re-reads the text at
query time. ``agency`` and ``action`` are left for the ontology of who did what; a rate of change takes them, and
the figure it describes, from that figure (index.rate_ties).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from pydantic import BaseModel, ConfigDict

from index.chunk import paragraph_leads
from index.figures import (
    ACTION_MARK,
    FigureKind,
    Qualifier,
    neighbour_bounds,
    unit_named_in,
    units_compatible,
)
from index.ip_kinds import figure_kinds, in_general
from index.lexicon import rows
from index.partners import partners_in
from index.places import located_before, located_in, province_of
from index.plans import Plan, plan_role, table_plan_role
from index.qualifiers import (
    breakdown_start,
    change_words,
    is_share,
    only_change,
    part_qualifiers,
    qualifiers_in,
    states_change,
)
from index.rate_ties import RateOf, follow_translation, lend_roles
from index.respective import respective_items
from index.roles import CLAUSE_END, bodies_in, body_spans, roles_at
from index.sentences import sentence_bounds
from index.text import Tokenizer
from index.time_frames import Period, nearest_time_frame, time_frame
from index.translations import align
from index.types import Chunk, Lang

RawSpan = Callable[[Chunk, int, int], tuple[int, int]]

_YEAR_MENTION = re.compile(r"(?<!\d[—–\-~～])(?<!\d年[—–\-~～])((?:19|20)\d\d)(?:年(?![—–\-~～]\d)|\b(?![—–\-~～]\d))")
# A sentence that says it counts the whole province without naming it ("全省共有地理标志产品166个").
_PROVINCE_RE = re.compile(r"全省|省内|省內|the province|provincial", re.IGNORECASE)
# "A、B等5个": the places before it are the members of what the figure counts, not its place.
_ENUMERATION_RE = re.compile(r"、[^，。；]*等\s*[\d一二两三四五六七八九十]+\s*[个個家项項座地市]")
# Where a figure's own clause starts (a comma inside "1,265" is no break).
_CLAUSE_BREAK = re.compile(r"[，；：]|[,;:](?!\d)")

# Fewer search words than this make a sentence short (see figure_records).
SHORT_SENTENCE = 6
# The words right after a Chinese measure word name what the figure counts ("11个地市市场监管局",
# "225家企业"): up to this many characters of them, to the next punctuation.
_COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff]{1,8}")
# An aside with a figure, closed before a figure, is not what that figure counts:
# "申请量486件(累计3467件),获得授权84件" — 84件 is the year's grants, though 累计 comes before it.
_CLOSED_ASIDE = re.compile(r"[(（][^()（）]*\d[^()（）]*[)）]")

ANSWERABLE_KINDS = ("quantity", "percent", "rank")


class FigureRecord(BaseModel):
    """One figure of the corpus with everything ranking and display need, built at index time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str  # "<chunk id>:<index>"
    chunk_id: str
    index: int  # position in the chunk's figures
    doc_id: str
    source: str
    lang: Lang
    section: list[str]
    # what it is
    text: str
    value: float
    unit: str
    kind: FigureKind
    bound: Qualifier | None = None
    # where it is: offsets in the chunk's text, the sentence quoted, and the figure's raw span
    start: int
    end: int
    quote: str
    quote_start: int
    raw_start: int
    raw_end: int
    # what it counts
    metric: str  # the metric phrase (see index.figures.metric)
    clause: str  # the sentence up to the end of the figure's own clause
    qualifiers: frozenset[str]  # metric qualifiers its sentence (and section) names
    # the same in everyday words too (出海, 技术秘密): what a question asks must be named there in some
    # words; ``qualifiers``, the documents' own terms, describe the figure (index.meaning)
    named_qualifiers: frozenset[str] = frozenset()
    metric_qualifiers: frozenset[str]  # those its own metric phrase names
    # those of the parts it is broken down into ("332,200 registrations, of which 282,700 software")
    part_qualifiers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()  # patents, trademarks, copyright: its own or its ；-list's (index.ip_kinds)
    general: bool = False  # its metric counts IP in general, every kind together (index.ip_kinds.in_general)
    counted_tokens: frozenset[str] = frozenset()  # the noun after its Chinese measure word (counted_noun)
    # the words only its breakdown uses ("10,445 disputes …, including 1,433 cases of administrative adjudication")
    part_tokens: frozenset[str] = frozenset()
    # of a part of such a breakdown, the words of its total's metric, and its own beyond them (_whole_tokens)
    whole_tokens: frozenset[str] = frozenset()
    own_part_tokens: frozenset[str] = frozenset()
    named_unit: str = ""  # for an English figure without a unit: the unit its metric phrase names
    # the named bodies its sentence names as lone actors, up to its clause (index.roles.bodies_in)
    bodies: frozenset[str] = frozenset()
    # in a 分别 list (index.respective): the words only its own metric uses, and only the others'
    item_tokens: frozenset[str] = frozenset()
    other_item_tokens: frozenset[str] = frozenset()
    # a percent that is a share of a whole ("占全国…总量的10%"): no answer about the whole itself (is_share)
    share: bool = False
    # a percent that states a change ("同比上升2.36个百分点", "down 8.54%"), not a level (结收比106.19%)
    change: bool = False
    # of such a change, one that is a ratio's or a share's ("调撤率同比上升4.89%"), no count's (index.rate_ties)
    ratio_change: bool = False
    # of a rate tied to the figure it describes ("立案2249件,同比增长5.8%"): that figure, direction and base year
    rate_of: RateOf | None = None
    # when and where
    year: int  # the year named before it in its sentence, else the document's
    period: Period | None = None
    plan: Plan | None = None
    places: frozenset[str] = frozenset()  # the places it is given for (see figure_places)
    # where its sentence to the end of its clause names a joint action: the partners (index.partners)
    partners: frozenset[str] = frozenset()
    # who did what (index.roles: the agency/action ontology; None where the text names none)
    agency: str | None = None  # the actor kind: court, procuratorate, police, customs …
    action: str | None = None  # accept, conclude, approve_arrest, prosecute, file_case, solve_case …
    # the same figure in the document's other language, if its translation gives it
    aligned: str | None = None
    # search tokens
    metric_tokens: frozenset[str]
    context_tokens: frozenset[str]  # the clause's, the section's (and a short sentence's predecessor's)
    action_tokens: frozenset[str]  # the figure's own bare action, if its metric phrase inherited a subject
    segment_tokens: frozenset[str]  # its clause's words between the figures before and after it


def figure_year(text: str, pos: int, default: int) -> int:
    """The year a figure at ``pos`` describes: the nearest year named before it in its sentence,
    else ``default`` (the document's). Periods (2021—2035年) do not count as a year, nor, past its
    own clause or before a rise or fall, a year named as the other side of a comparison: "…分别达到
    35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%,PCT…累计达20.7万件" gives 152.4% and
    20.7万件 for the plan's end (2020), not for 2015, where "较2023年的5.49万件" is 2023's."""
    s, _ = sentence_bounds(text, pos)
    years = [int(m.group(1)) for m in _YEAR_MENTION.finditer(text, s, pos)
             if not ((_CLAUSE_BREAK.search(text, m.end(), pos) or change_words().search(text, m.end(), pos))
                     and compared_before(text[s:m.start()]))]
    return years[-1] if years else default


# What puts a year on the other side of a comparison (comparison_years.tsv: 较, 与…相比, up from … in).
_COMPARED = tuple(re.compile(p) for p, _ in rows("comparison_years.tsv", 2))


def compared_before(before: str) -> bool:
    """The text before a year puts it on the other side of a comparison ("较", "up from 13.5 in")."""
    return any(p.search(before) for p in _COMPARED)


def figure_places(text: str, ws: int, start: int, end: int, we: int, section: Iterable[str], lang: str,
                  document: str | None) -> frozenset[str]:
    """The places a figure (start..end, in the sentence ws..we) is given for, each the most specific
    named: those its own clause names ("全省…X件，其中深圳Y件": Y is Shenzhen's), else the rest of its
    sentence before it ("在深圳，海关查扣…"), and in English after it too ("… seized in Shenzhen");
    a sentence that counts the whole province ("全省…", "provincial") is its document's province's;
    else the earlier sentences of its paragraph ("深圳在…。…海关查扣…5822批次"), else its headings;
    else its document's place (``document``)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, ws, start)]
    home = frozenset({p for p in [province_of(document) if document else None] if p})
    spans = [text[breaks[-1] if breaks else ws : end], text[ws:end]] + ([text[ws:we]] if lang == "en" else [])
    for span in spans:
        # "深圳海关…X批次，全省海关…Y批次": Y is the province's; so is 5 in "全省共建设广州、深圳…等5个"
        # and 4 in "吴川月饼、英德红茶…等4个地理标志产品": the places named are what it counts.
        found = located_before(span, body_spans(span)) if lang == "zh" else located_in(span)
        if _PROVINCE_RE.search(span):
            return home
        if len(found) > 1 and _ENUMERATION_RE.search(span):
            return frozenset({document}) if document else frozenset()
        if found:
            return found
    if _PROVINCE_RE.search(text[ws:we]):
        return home
    paragraph_start = text.rfind("\n", 0, ws) + 1
    return (located_in(text[paragraph_start:ws]) or located_in(" ".join(section))
            or (frozenset({document}) if document else frozenset()))


def _period(chunk: Chunk, text: str) -> Period | None:
    """A figure's time frame (``text``: its sentence up to it): in prose, its nearest clause's that
    says one; a table row's metric says it for every year's cell ("…拥有量 (件): 2020年 13.5, 2025年 20")."""
    return time_frame(text) if chunk.kind == "table_row" else nearest_time_frame(text)


def _segment(chunk: Chunk, i: int, s: int, e: int) -> str:
    """The words of the figure's clause (s..e) from the end of the figure before it to the start
    of the one after it: "…26,655 venues and monitor 5,352 websites, with 370 cases…". It needs
    no parse, so it says what an English figure counts where its metric phrase misses it."""
    fig = chunk.figures[i]
    left = max([s] + [g.end for g in chunk.figures if g.end <= fig.start])
    right = min([e] + [g.start for g in chunk.figures if g.start >= fig.end])
    return chunk.text[left:right]


def _qualifying_words(chunk: Chunk, ws: int, s: int, e: int, start: int) -> str:
    """The words that may qualify the metric of a figure at ``start``: its own "；"-clause (s..e),
    its section's titles and, of its sentence (from ``ws``) before that clause, what sets the scene
    for every figure (a date: "截至2024年底,"; a clause with no figure) — all of it where its
    clause breaks down the one before ("…拥有量79.23万件;其中企业…"). Another "；"-clause's
    qualifiers are that clause's figures': "马德里国际商标注册申请量2226件;截至2024年底,…有效注册商标量
    906.46万件" holds no Madrid registrations, "…发明专利授权量16.88万件;…高价值发明专利拥有量…" no
    high-value grants."""
    first = min(g.start for g in chunk.figures if g.start >= ws)  # the figure itself is one
    if first >= s or breakdown_start(chunk.text, s, start) is not None:
        head = chunk.text[ws:s]
    else:
        cuts = [m.end() for m in CLAUSE_END.finditer(chunk.text, ws, first)]
        head = chunk.text[ws:cuts[-1]] if cuts else ""
    return " ".join([head, chunk.text[s:e], *chunk.section])


_JOINING_EN = re.compile(r"\b(?:and|or|but|while|whereas|with|as well as)\b", re.IGNORECASE)


def _english_rest(chunk: Chunk, end: int, right: int) -> str:
    """An English figure's own words after its metric phrase (which stops four words past the
    number), to the end of its clause, the next figure or its breakdown: "108,700 invention patents
    were granted to strategic industrial clusters" counts a part of all invention patents."""
    if chunk.lang != "en":
        return ""
    after = CLAUSE_END.search(chunk.text, end)
    stop = min(right, after.start() if after else right)
    # "… were 824,500 and Madrid international trademark applications were 2,226": past a joining
    # word the words are the next figure's subject.
    joined = _JOINING_EN.search(chunk.text, end, stop)
    stop = joined.start() if joined else stop
    opens = breakdown_start(chunk.text, end, stop)
    return chunk.text[end:opens if opens is not None else stop]


def record_id(chunk_id: str, index: int) -> str:
    """The id of a chunk's index-th figure's record (FigureRecord.id, and its translation's ``aligned``)."""
    return f"{chunk_id}:{index}"


def figure_record(chunk: Chunk, i: int, tokenizer: Tokenizer, raw_span: RawSpan | None = None,
                  lead: str = "") -> FigureRecord:
    """The record of a chunk's i-th figure; ``lead``: its paragraph's text before the chunk, where
    the chunk begins inside one (index.chunk.paragraph_leads), read for who acted and, where the
    chunk begins inside a sentence too, for the sentence's words before the cut."""

    def tokens(text: str) -> set[str]:
        return set(tokenizer.both(text))

    fig = chunk.figures[i]
    metric = chunk.metrics[i]
    s, e = sentence_bounds(chunk.text, fig.start)
    # The context runs from the start of the whole sentence to the end of the figure's own
    # clause: "全省检察机关…批准逮捕…1854人…；起诉1779件3192人" names who prosecuted only before
    # the "；", while a later clause ("；办理商标行政处罚案件1568宗…12.24%") is another figure's.
    ws, we = sentence_bounds(chunk.text, fig.start, whole=True)
    context = tokens(chunk.text[ws:e]) | set(tokenizer.zh(" ".join(chunk.section)))
    if len(tokens(chunk.text[ws:we])) < SHORT_SENTENCE and ws > 0 and chunk.text[ws - 1] != "\n":
        # "There were 11,337 pending cases.": a short sentence leans on the one before it for
        # its subject (the courts, IP cases).
        ps, _ = sentence_bounds(chunk.text, ws - 1, whole=True)
        context |= tokens(chunk.text[ps:ws])
    if ws == 0 and lead:
        # A chunk cut inside a sentence ("…全省共立知识产权刑事案件2249件,同比增长5.8%;" | "破案1926件"):
        # the sentence's words before the cut are the figure's context as much as its own.
        context |= tokens(lead[sentence_bounds(lead, len(lead), whole=True)[0]:])
    action = tokens(metric.rsplit(ACTION_MARK, 1)[1]) if ACTION_MARK in metric else set()
    metric_tokens = tokens(metric)
    if i and fig.kind == "percent" and only_change(chunk.text[chunk.figures[i - 1].end:fig.start]):
        # "结收比106.19%,同比提高2.36%": the rise is the ratio's; its own words name only the rise.
        metric_tokens |= tokens(chunk.metrics[i - 1])
    qs, qe = sentence_bounds(chunk.text, fig.start)
    quote = chunk.text[qs:qe].strip()
    quote_start = chunk.text.index(quote, qs) if quote else qs
    raw = raw_span(chunk, fig.start, fig.end) if raw_span else (chunk.raw_start, chunk.raw_end)
    clause = chunk.text[ws:e]
    left, right = neighbour_bounds(chunk.figures, fig.start, fig.end, len(chunk.text))
    n = len(lead)
    agency, action_id = roles_at(lead + chunk.text, n + fig.start, n + fig.end, n + left, n + right)
    items = respective_items(chunk.text, ws, we, chunk.figures, fig)
    own_item, other_items = (tokens(items[0]), tokens(" ".join(items[1]))) if items else (set(), set())
    named_in = _qualifying_words(chunk, ws, s, e, fig.start)
    whole, own_part = _whole_tokens(chunk, i, qs, tokens)
    return FigureRecord(
        id=record_id(chunk.id, i), chunk_id=chunk.id, index=i, doc_id=chunk.doc_id, source=chunk.source,
        lang=chunk.lang, section=chunk.section, text=fig.text, value=fig.value, unit=fig.unit, kind=fig.kind,
        bound=fig.qualifier, start=fig.start, end=fig.end, quote=quote, quote_start=quote_start,
        raw_start=raw[0], raw_end=raw[1], metric=metric, clause=clause,
        qualifiers=qualifiers_in(named_in), named_qualifiers=qualifiers_in(named_in, everyday=True),
        metric_qualifiers=qualifiers_in(metric + " " + _english_rest(chunk, fig.end, right)),
        part_qualifiers=part_qualifiers(chunk.text, fig.end, right, qe),
        kinds=figure_kinds(metric, chunk.text[qs:qe]),
        general=in_general(metric + " " + _english_rest(chunk, fig.end, right)),
        counted_tokens=counted_noun(chunk, i, right, tokenizer),
        part_tokens=_part_tokens(chunk.text, qs, fig.end, right, qe, tokens),
        whole_tokens=whole, own_part_tokens=own_part,
        named_unit="" if fig.unit or chunk.lang != "en" else unit_named_in(metric),
        bodies=bodies_in(clause),
        item_tokens=frozenset(own_item - other_items), other_item_tokens=frozenset(other_items - own_item),
        share=fig.unit == "%" and is_share(metric),
        change=fig.kind == "percent" and (fig.unit == "百分点" or states_change(metric)),
        year=figure_year(chunk.text, fig.start, chunk.year),
        period=_period(chunk, _CLOSED_ASIDE.sub("", chunk.text[s:fig.end])),
        plan=table_plan_role(chunk.text, fig.start, metric, clause) if chunk.kind == "table_row"
        else plan_role(metric, clause) if "plan" in chunk.doc_id else None,
        places=figure_places(chunk.text, ws, fig.start, fig.end, we, chunk.section, chunk.lang, chunk.place),
        partners=partners_in(chunk.text[ws:clause_end.start() if (clause_end := CLAUSE_END.search(chunk.text, fig.end))
                                         else we], province_of(chunk.place) if chunk.place else None),
        agency=agency, action=action_id,
        metric_tokens=frozenset(metric_tokens), context_tokens=frozenset(context), action_tokens=frozenset(action),
        segment_tokens=frozenset(tokens(_segment(chunk, i, s, e))),
    )


def counted_noun(chunk: Chunk, i: int, right: int, tokenizer: Tokenizer) -> frozenset[str]:
    """What a Chinese figure with a measure word counts, where the nouns right after it say
    ("11个地市市场监管局": cities' market regulators, no court cases); none where a verb or a
    preposition follows it ("108件来自…": what it counts is said elsewhere)."""
    fig = chunk.figures[i]
    if chunk.lang != "zh" or not fig.unit or fig.kind != "quantity":
        return frozenset()
    m = _COUNTED_NOUN.match(chunk.text, fig.end, right)
    out: list[str] = []
    for word in tokenizer.zh(m.group()) if m else []:
        if word not in tokenizer.nouns(word):
            break
        out.append(word)
    return frozenset(out)


def _rest_words(words: Iterable[str], used: set[str]) -> frozenset[str]:
    """``words`` without those in ``used``; a Chinese compound holding a used word stands for its rest
    ("中小企业" after 企业: 中小, whose English sense is no "enterprises"). English words are stems, no
    compounds. The longest used word is taken out first, so the rest does not depend on set order."""
    longest_first = sorted((w for w in used if len(w) > 1), key=lambda w: (-len(w), w))
    out: set[str] = set()
    for word in set(words) - used:
        rest = word
        for inner in () if word.isascii() else longest_first:
            if inner in rest:
                rest = rest.replace(inner, "")
        if len(rest) > 1 or (rest == word and rest):
            out.add(rest)
    return frozenset(out)


def _part_tokens(text: str, start: int, end: int, right: int, stop: int,
                 tokens: Callable[[str], set[str]]) -> frozenset[str]:
    """The words of a figure's breakdown (from the breakdown word after it to the end of its
    ；-list) that its list does not use before it: what only its parts are ("惠及企业5067家,其中中小企业
    4931家": 中小, not 中小企业, whose sense would make any question about enterprises one about the part)."""
    at = breakdown_start(text, end, right)
    if at is None:
        return frozenset()
    return _rest_words(tokens(text[at:stop]), tokens(text[start:at]))


def _whole_tokens(chunk: Chunk, i: int, qs: int, tokens: Callable[[str], set[str]]
                  ) -> tuple[frozenset[str], frozenset[str]]:
    """Of a count in the breakdown of an earlier count of its sentence, in a unit of the same things
    ("全省办理专利侵权纠纷案件9686件,其中裁决类1344宗、出具维权意见类8342宗"), the words of that total's own metric and
    the part's own words beyond them: the part counts the same things, of one kind, though its own
    words name only the kind. A total whose metric inherits a neighbour's words ("…新收 | 审结") is
    named by its own action alone (新收 is the neighbour's); a share or rank after a breakdown is no part."""
    fig = chunk.figures[i]
    for j in range(i - 1, -1, -1):
        total = chunk.figures[j]
        if total.start < qs:
            break
        at = breakdown_start(chunk.text, total.end, chunk.figures[j + 1].start)
        if at is None:
            continue
        if at > fig.start or {fig.kind, total.kind} != {"quantity"} or not units_compatible(fig.unit, total.unit):
            break
        whole = tokens(chunk.metrics[j].rsplit(ACTION_MARK, 1)[-1])
        return frozenset(whole), _rest_words(tokens(chunk.metrics[i].split(ACTION_MARK)[0]), whole)
    return frozenset(), frozenset()


def figure_records(chunks: list[Chunk], tokenizer: Tokenizer, raw_span: RawSpan | None = None) -> list[FigureRecord]:
    """Every figure of the chunks (years and periods aside, which are no answers), with each
    one's translation in the other language linked where that gives the same value."""
    leads = paragraph_leads(chunks)
    records = [r for c in chunks for r in lend_roles(c.text, [figure_record(c, i, tokenizer, raw_span, leads.get(c.id, ""))
                                                              for i in range(len(c.figures))], lambda t: set(tokenizer.both(t)))]
    return follow_translation(align(chunks, records, ANSWERABLE_KINDS))
