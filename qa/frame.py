"""A question or claim, analysed once into a query frame: language, years and time frame,
places, the unit asked for, the metric qualifiers, the figures it states, and its words in both
languages (for matching figures and for the keyword search). Every later stage reads the frame;
none goes back to the text."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, SkipValidation

from index.case_types import case_types
from index.figures import Figure, neighbour_bounds, parse_figures, without_scale_filler
from index.figures.fractions import rough
from index.glossary import Glossary
from index.ip_kinds import asked_kinds, asks_in_general, asks_part_of, asks_whole, names_in_general
from index.keywords import year_tokens
from index.lexicon import rows
from index.ontology import most_specific
from index.partners import asked_partners, named_places, names_joint_action
from index.places import located_in
from index.plans import Plan, asked_plan_role, names_target_after
from index.qualifiers import asked_qualifiers, set_aside_qualifiers, states_change
from index.rate_ties import asked_count_unit, described_figure, rate_words
from index.roles import CLAUSE_END, actors_in, bodies_in, event_flow, named_roles, role_spans, roles_at
from index.text import acronyms, detect_lang, en_tokens
from index.time_frames import Period, at_date, time_frame, whole_period_total
from qa.abbrev import spelled_out
from qa.asides import without_negated_asides
from qa.claim_units import loose_unit, with_counted_units
from qa.context import STATED_KINDS, Split, lendable, lent_years, split_claim, split_question, split_stated
from qa.intent import asked_unit, asks_change, asks_gap
from qa.mixed import in_chinese, in_english
from qa.refill import ASKING
from qa.spelling import Speller
from qa.spelling_zh import ZhSpeller
from qa.terms import QueryTerms, metric_terms
from qa.whole_place import province_wide
from qa.years import years_in

MAX_QUESTION_CHARS = 2000

class QueryError(ValueError):
    """A question the system cannot take; the message says why."""


# "in total": 共有, 一共有, 总共有 (index.time_frames reads 共有 as a stock, as the documents' "全省共有…" is)
_IN_TOTAL = re.compile(r"[一总]?共有")


class QueryFrame(BaseModel):
    """What a question or claim asks, as every stage after it needs it."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    text: str
    lang: str
    years: list[int]
    # The text as read: typos mended, the other language's words put into its own ("Madrid国际商标…"
    # → "马德里国际商标…"). Its figures' offsets index this text, not ``text`` as typed (read_text).
    read: str = ""
    figures: list[Figure]  # figures the text states (claims, "is it 47,800?")
    # Figures a question asking how many names to say what it is about ("from those six sub-centres"):
    # the user knows them, so none of them is the answer.
    named: list[Figure] = []
    case_types: frozenset[str] = frozenset()  # criminal / civil cases asked about (index.case_types)
    units: list[str] | None  # units the question asks for, if it says
    unit_guessed: bool = False  # only from the English noun it counts (qa.intent.unit_guessed); a claim's: loose
    # (a general classifier, qa.claim_units.loose_classifier)
    # A claim's background sentences (qa.context.split_claim): they lend the year, place and agency,
    # and say whether it is about a plan ("…plan sets 2025 targets against a 2020 base. Among them, …")
    context: str = ""
    match_text: str = ""  # the text in the documents' register, for matching words (see official_wording)
    period: Period | None = None  # stock or flow, where it says
    at_date: bool = False  # it asks what there is at a date (截至…底, as of; index.records.at_date)
    whole_period: bool = False  # it asks a several years' total, no yearly amount (index.time_frames)
    plan: Plan | None = None  # a question asking for a plan's target or its result, where it says
    places: frozenset[str] = frozenset()  # the places it is about (index.places ids; none by default)
    # the places it names (any role), whether it names a joint action, and that action's partners (index.partners)
    named_places: frozenset[str] = frozenset()
    joint: bool = False
    partners: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()  # the metric qualifiers it names (index.qualifiers)
    set_aside: frozenset[str] = frozenset()  # those it names only to set aside ("other than software")
    kinds: frozenset[str] = frozenset()  # patents, trademarks, copyright: what it is about (index.ip_kinds)
    # It names intellectual property in general too ("IP collaborative operation centres for patent
    # commercialisation"): a kind it names may say what for, and a figure of IP in general can answer it.
    in_general: bool = False
    whole_ip: bool = False  # a question or claim about IP in general naming no kind: a kind's figure is a part of it
    agencies: frozenset[str] = frozenset()  # the actors it names (index.roles): court, police …
    actions: frozenset[str] = frozenset()  # the actions it names: accept, conclude, file_case …
    bodies: frozenset[str] = frozenset()  # the named bodies among them: 广州互联网法院 … (index.roles.bodies_in)
    # Its words for matching figures (see qa.terms) and, per language, for the keyword search.
    terms: SkipValidation[QueryTerms | None] = None
    search_words: dict[str, list[str]] = {}
    # The slots an article's earlier sentences lent it (qa.article.carry: year, place, agency,
    # action, subject); the calibrated verdict weighs a claim resting on assumed context apart.
    assumed: frozenset[str] = frozenset()
    change: bool = False  # it asks how much a figure went up or down (qa.intent.asks_change)
    # a claim's rate: the unit of the figure its text says it describes; a question's change: of the count it names
    rate_unit: str = ""  # (index.rate_ties: described_unit, asked_count_unit)
    gap: bool = False  # it asks how far a figure stands above or below a standard (qa.intent.asks_gap)
    # A claim's percent whose own words say what it is and name no change ("结收比为2.36%"), or a question
    # asking a ratio or share naming none ("调撤率是多少"): a level, not the rise of one (stated_level, asks_level).
    stated_level: bool = False
    # The words naming each agency and action it names, by language (role_words).
    role_words: dict[str, dict[str, frozenset[str]]] = {}

    @property
    def read_text(self) -> str:
        """The text its figures' offsets index: as read, where that differs from as typed."""
        return self.read or self.text


# Everyday words for the documents' official ones, from the data files (see their headers).
# The verbs first, then the nouns of what is counted (everyday_nouns_*.tsv: 假货 → 侵权假冒商品, "shipments" → batches).
_ZH_EVERYDAY = tuple((re.compile(p), o) for p, o in rows("everyday_zh.tsv", 2) + rows("everyday_nouns_zh.tsv", 2))
_EN_EVERYDAY = tuple((re.compile(p, re.IGNORECASE), o)
                     for p, o in rows("everyday_en.tsv", 2) + rows("everyday_nouns_en.tsv", 2))

# "多少个涉假微信号": a measure word after 多少/几 is cut off from the word that follows, or
# jieba reads "个涉" and "假微" where the documents have 涉假微信号.
_ZH_ASKED_MEASURE = re.compile(r"((?:多少|几)(?>批次|人次|件次|[个件家名人项宗起批支条所座张场届笔]))(?=[\u4e00-\u9fff])(?![目员民所额位])")


def official_wording(text: str, lang: str | None = None) -> str:
    """A question in the documents' wording ("法院收了多少案子" → "法院受理了多少案件", "how many
    cases did courts wrap up" → "how many cases did courts concluded"); ``lang`` if known."""
    zh = (lang or detect_lang(text)) == "zh"
    for everyday, official in _ZH_EVERYDAY if zh else _EN_EVERYDAY:
        text = everyday.sub(official, text)
    if zh:
        text = _ZH_ASKED_MEASURE.sub(r"\1 ", text)
    return text


def validate_text(text: object, what: str = "question") -> str:
    """The text, stripped; or a QueryError naming the problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise QueryError(f"The {what} is not valid UTF-8 text.") from e
    if not isinstance(text, str):
        raise QueryError(f"The {what} must be text.")
    stripped = text.strip()
    if not stripped:
        raise QueryError(f"The {what} is empty: type a {what} in Chinese or English.")
    if len(stripped) > MAX_QUESTION_CHARS:
        raise QueryError(f"The {what} is {len(stripped)} characters long; the limit is {MAX_QUESTION_CHARS}.")
    bad = sum(1 for c in stripped if (ord(c) < 32 and c not in "\n\t\r") or c == "\ufffd")
    if bad:
        raise QueryError(f"The {what} contains {bad} non-text character(s) (control bytes or undecodable data).")
    if not re.search(r"[\w\u3400-\u9fff]", stripped):
        raise QueryError(f"The {what} has no words in it.")
    return stripped


def search_words(text: str, lang: str, glossary: Glossary) -> dict[str, list[str]]:
    """The question's words for searching chunks of each language: its own words in its own
    language, their glossary translations in the other; plus the years it names."""
    tok = glossary.tokenizer
    zh = tok.zh(text) + acronyms(text)  # "PCT filings": the Chinese text writes PCT as it is
    if lang == "en":
        for term in glossary.chinese_for(text):
            zh += tok.zh(term) or [term]
    en = en_tokens(text)
    if lang == "zh":
        en += glossary.english_for(text)
    years = year_tokens(text)
    return {"zh": zh + years, "en": en + years}


def analyse(text: object, what: str = "question", glossary: Glossary | None = None,
            speller: Speller | None = None, zh_speller: ZhSpeller | None = None, whole: bool = False) -> QueryFrame:
    """The frame of a question or claim; with the index's ``glossary``, its words too; with
    spellers, read with its English (qa.spelling) and Chinese (qa.spelling_zh) typos mended.
    ``whole``: every sentence of the text is the question or claim (no background split off)."""
    text = validate_text(text, what)
    # A question after pasted context is read from its own sentence; the context lends only
    # the year, place and agency it leaves out (qa.context).
    if whole:
        split = Split(question=text)
    else:
        split = split_question(text) if what == "question" else split_claim(text)
    if what == "claim":
        text = split.question  # what the verdict judges: the claim, its background aside
    asked = speller.correct(split.question) if speller is not None else split.question
    lang = detect_lang(text)
    if lang == "zh" and zh_speller is not None:
        asked = zh_speller.correct(asked)
    if lang == "zh" and glossary is not None:
        asked = in_chinese(asked, glossary)  # "PCT国际专利application量" → "PCT国际专利申请量"
        asked = spelled_out(asked, glossary)  # "知产官司" → "知识产权官司" (qa.abbrev)
    elif lang == "en":
        asked = in_english(asked)  # "How many 行政裁决 cases" → "How many adjudication cases"
    asked = without_scale_filler(asked)  # "3.9个亿" → "3.9亿"
    figures = parse_figures(asked)
    years = years_in(asked, figures) or (lent_years(asked, years_in(lendable(split.context))) if split.context else [])
    stated, named = split_stated(asked, [f for f in figures if f.kind in STATED_KINDS], what,
                                 what == "question" and bool(ASKING.search(asked)))
    if what == "question" and split.context and asks_part_of(asked):
        # "…seized 14,420 batches. How many of those were …?": the context's total is no answer about its part
        named = named + [f for f in parse_figures(split.context) if f.kind in STATED_KINDS]
    if what == "claim" and lang == "en":
        # "Batches of infringing goods … totalled 14,420": what it counts stands before it.
        stated = with_counted_units(asked, stated)
    if what == "claim":  # "超过6000件的目标": the target is 6000, what beat it is more
        stated = [f.model_copy(update={"qualifier": None}) if f.qualifier and names_target_after(asked, f.end) else f
                  for f in stated]
    wanted, guessed = asked_unit(official := official_wording(asked, lang))  # "多少票侵权商品": 批次
    if not wanted and stated and stated[0].unit:
        # A claim asks about the unit of the figure it states ("1,265 IP cases" → 件).
        wanted = {stated[0].unit}
    # A parenthetical aside that negates ("(the year's new ones, not the stock of valid marks)",
    # "(not just in the joint actions)", "（不算跟港澳联合行动那部分）") says what is not asked: its
    # words neither choose the figure nor set its time frame.
    plain = without_negated_asides(asked) if what == "question" else asked
    negated = plain != asked
    match_text = official_wording(plain, lang) if negated else official
    extra: dict[str, Any] = {}
    if glossary is not None:
        words = search_words(match_text, lang, glossary)
        if split.context and not years_in(asked, figures):
            words = {k: v + [f"y{y}" for y in years] for k, v in words.items()}
        extra = {"terms": metric_terms(match_text, lang, glossary), "search_words": words}
    agency_spans, action_spans = role_spans(asked)
    agencies, actions = frozenset(agency_spans), frozenset(action_spans)
    if what == "question":  # (a claim's actions are its figures' own, each one's: qa.claim_clauses)
        actions = most_specific(action_spans, asked)
    if glossary is not None:
        extra["role_words"] = role_words(asked, lang, glossary, extra["terms"], agency_spans | action_spans)
    places = located_in(asked)
    period = time_frame(plain)
    if (period == "stock" and years and any(event_flow(a) for a in actions)
            and time_frame(_IN_TOTAL.sub("", plain)) != "stock"):
        # "2024年…扣下的侵权货物一共有多少批": 共有 says "in total"; an act done in the named year counts a flow
        # (累计 stays a stock, as the documents' "2024年累计检查…200余个" is one)
        period = "flow"
    if split.context:
        places = places or (frozenset() if province_wide(asked) else located_in(split.context))
        period = period or time_frame(split.context)
        lent, _ = named_roles(split.context)
        # "How many criminal dens did they destroy?" after a sentence about the police: the
        # one agency the context names is the "they". Of several, none is taken.
        agencies = agencies or (lent if len(lent) == 1 else frozenset())
    # A joint action it names itself, whose partners its context may name ("…teamed up with Hong Kong and
    # Macao. How many batches were seized in those joint operations?"); a context's alone asks nothing.
    joint = names_joint_action(plain)
    return QueryFrame(text=text, read=asked if asked != text else "", lang=lang, years=years, figures=stated, named=named,
                      named_places=named_places(plain), joint=joint,
                      partners=asked_partners(f"{split.context} {plain}", places) if joint else frozenset(),
                      units=sorted(wanted) if wanted else None,
                      unit_guessed=guessed if what == "question" else loose_unit(stated, wanted),
                      context=split.context if what == "claim" else "",
                      match_text=match_text, case_types=case_types(match_text), period=period,
                      at_date=at_date(plain), whole_period=whole_period_total(plain), places=places,
                      plan=asked_plan_role(asked) if what == "question" else None,
                      qualifiers=asked_qualifiers(match_text, question=what == "question"),
                      # what an aside sets aside ("general works (other than computer software)") is read
                      # from the whole question
                      set_aside=set_aside_qualifiers(official),
                      kinds=asked_kinds(match_text),
                      # a claim asks no part of a total: any naming of IP in general is its
                      in_general=asks_in_general(match_text) if what == "question" else names_in_general(match_text),
                      whole_ip=asks_whole(match_text),
                      agencies=agencies, actions=actions, bodies=bodies_in(asked),
                      change=(change := asks_change(asked) if what == "question" else len(stated) == 1 and stated_change(
                          asked, stated, stated[0])),
                      rate_unit=asked_count_unit(asked, figures) if what == "question" and change else "",
                      gap=what == "question" and asks_gap(asked),
                      stated_level=asks_level(asked) if what == "question" else len(stated) == 1 and stated_level(
                          asked, stated, stated[0]),
                      **extra)


def role_words(text: str, lang: str, glossary: Glossary, terms: QueryTerms,
               spans: dict[str, list[tuple[int, int]]]) -> dict[str, dict[str, frozenset[str]]]:
    """The question's words that name each agency and action it names, in both languages ("警方",
    "侦破"): a figure whose clause names the same one covers them in meaning, whatever its own
    words for it (破案, "cases were solved"; qa.rank)."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for rid, where in spans.items():
        named = metric_terms(" ".join(text[s:e] for s, e in where), lang, glossary).words
        out[rid] = {side: frozenset(named.get(side, frozenset()) & terms.words.get(side, frozenset()))
                    for side in ("zh", "en")}
    return out


_LIST_BREAK = re.compile("[、､]")


def own_span(text: str, figures: list[Figure], claimed: Figure) -> tuple[int, int]:
    """A claim's words that belong to one of its figures: from the end of the figure before it to
    the end of its clause, or the start of the figure after it ("…1,796 cases, its customs seized
    5,822 batches": "its customs" is the next figure's)."""
    left, right = neighbour_bounds(figures, claimed.start, claimed.end, len(text))
    after = CLAUSE_END.search(text, claimed.end, right)
    if after is None and right < len(text):
        # "一般作品登记4.95万件、计算机软件作品登记28.27万件": past the list's "、" the words are the
        # next figure's.
        after = _LIST_BREAK.search(text, claimed.end, right)
    return left, after.start() if after else right


# The province as the whole a share or rank is of ("占全省的45%", "居全省第一", "of the province's total"):
# the figure is the part's, not the province's.
def stated_level(text: str, figures: list[Figure], claimed: Figure) -> bool:
    """The claimed figure is a percent whose own words (own_span) name a ratio or share and no rise
    or fall (qa.rates' ratio, up, down and base words; index.qualifiers.states_change): "结收比为
    2.36%" states a ratio, which the "同比提高2.36%" beside the source's 106.19% is not. Words that
    name no ratio ("和62.94%" after "同比分别上升", "shrank by roughly 31%") say neither: a change
    word list never has every verb a reporter uses."""
    if claimed.kind != "percent":
        return False
    left, right = own_span(text, figures, claimed)
    return _names_level(text[left:claimed.start] + " " + text[claimed.end:right])


def asks_level(question: str) -> bool:
    """A ratio or share asked, no rise or fall ("2024年调撤率是多少"): "调撤率同比上升4.89%" is no answer."""
    return _names_level(question) and not asks_change(question)


def _names_level(words: str) -> bool:  # a ratio or share named, no rise, fall or base (qa.rates' words)
    said = rate_words()
    return bool(said.ratio.search(words)) and not states_change(words) \
        and not any(p.search(words) for p in (said.up, said.down, said.base))


# A level reached or started from, said with a change verb: "rose to 87%", "增至87%", "rise from 56.5%".
_TO_LEVEL = re.compile(r"(?:至|到|从|從)\s*$|\b(?:to|from)\s*$", re.IGNORECASE)


def stated_change(text: str, figures: list[Figure], claimed: Figure) -> bool:
    """The claimed figure is a percent its own words (own_span) state as a rise or fall ("up 152.4% on
    end-2015", "同比增长5.8%"), not a level reached ("rose to 87%"): only a change can judge it, not the
    share or ratio beside it (rank's unasked_level)."""
    if claimed.kind != "percent":
        return False
    if rough(claimed.text):  # "more than doubled", "by nearly a third", 翻了一番: a change by its own word
        return True
    left, right = own_span(text, figures, claimed)
    before = text[left:claimed.start]
    return states_change(f"{before} {text[claimed.end:right]}") and not _TO_LEVEL.search(before)


def part_agency(text: str, figures: list[Figure], claimed: Figure) -> str | None:
    """Who one figure of a claim is about: the actor its own words name (the nearest before it),
    else the nearest one named before them ("广东公安共立…2249件,破案2653件": the police solved them too). An actor named only
    after it, in another figure's words, is that figure's ("In 2024 Shenzhen handled 1,796
    administrative IP cases, its customs seized 5,822 batches": customs handled no cases)."""
    left, right = own_span(text, figures, claimed)
    # Nearest before it first: "白皮书显示(广东省知识产权局发布),2024年全省法院新收…83308件" is the
    # courts'; else after it in its clause ("83,308 cases were received by the courts").
    # After it only where no figure follows, whose subject that may be ("… 1,796 cases and its
    # customs seized 5,822 batches").
    last = not any(f.start >= claimed.end for f in figures)
    before, after = actors_in(text, left, claimed.start), actors_in(text, claimed.end, right) if last else []
    if before or after:
        return before[-1] if before else after[0]
    earlier = actors_in(text, 0, left)
    return earlier[-1] if earlier else None


def part_roles(frame: QueryFrame, claimed: Figure) -> dict[str, frozenset[str]]:
    """Who did what in the clause of one figure of a claim: "courts took in 83,308 cases and closed
    88,462" — 83,308 was taken in, 88,462 closed, both by the courts. Where the clause names no
    action, the claim's own (all it names) stand; its agency is part_agency's."""
    left, right = neighbour_bounds(frame.figures, claimed.start, claimed.end, len(frame.read_text))
    _, action = roles_at(frame.read_text, claimed.start, claimed.end, left, right, asking=True)
    # "立案2249件,同比增长5.8%,破案1926件", "took in 83,000 cases, down 8.54%, and wrapped up …": a rise is of the
    # figure it describes, and of its action
    if claimed.kind == "percent" and (tied := described_figure(frame.read_text, frame.figures, claimed)) is not None:
        action = _own_action(frame, tied) or action
    if action is None:
        # "公安机关立…案件2249件,破案1926件,移送审查起诉2653人": 破案 and 移送审查起诉 are the other
        # figures' actions; 2249's clause names none of its own, so neither is asked of it.
        taken = {a for f in frame.figures if f is not claimed and (a := _own_action(frame, f)) is not None}
        actions = frame.actions - taken
    agency = part_agency(frame.read_text, frame.figures, claimed)
    # Its metric qualifiers are its own clause's: "专利授权量超70万件,其中发明专利授权量逾14万件" —
    # 70万件 is all patents, only 14万件 invention patents; and "225家企业提供海外…保障": the words
    # after a Chinese figure, to the end of its clause, say what it counts too.
    own = frame.read_text[slice(*own_span(frame.read_text, frame.figures, claimed))]
    # A claim naming no actor keeps the frame's (an article's sentence, the one read before it).
    named = agency is not None or bool(actors_in(frame.read_text, 0, len(frame.read_text)))
    return {"agencies": frozenset({agency}) if agency else (frozenset() if named else frame.agencies),
            "actions": frozenset({action}) if action else actions,
            "qualifiers": asked_qualifiers(official_wording(own, frame.lang), question=False)}


def _own_action(frame: QueryFrame, figure: Figure) -> str | None:
    """The action a figure's own clause names in the claim."""
    left, right = neighbour_bounds(frame.figures, figure.start, figure.end, len(frame.read_text))
    return roles_at(frame.read_text, figure.start, figure.end, left, right, asking=True)[1]
