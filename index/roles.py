"""Who did what: the agency (courts, procuratorates, police, customs …) and the action (accept,
conclude, approve arrest, file, solve, seize …) a text names, from the bilingual ontology kept
as data (index.ontology).

A figure's action is the one its own clause names nearest before it (an English passive names
it after: "88,462 cases were concluded"); its agency is the first actor its clause names, else
its sentence's ("the actor of a clause without one is the sentence's"), else its paragraph's.
Index time (figure records) and query time (frames, claim parts) read text the same way, so the
two meet. Pure functions over strings.
"""

from __future__ import annotations

import functools
import re

from index.lexicon import words
from index.not_actions import without_non_actions
from index.ontology import EN_WORD, MAX_WORDS, ZH_OBJECT_REACH, one_action, ontology, unsure
from index.qualifiers import NEGATION, NEGATION_REACH
from index.role_joins import Mention, join_verbs, joined
from index.search_form import to_simplified
from index.sentences import CLAUSE_END
from index.text import EN_FULL_STOP, en_stem

_SENTENCE_END = re.compile(r"[。！？!?\n]|" + EN_FULL_STOP)
# Words that join two figures' clauses: a figure's own words stop at them (_own_words).
_COORDINATOR = re.compile(r"\b(?:and|or|while|but|whereas)\b", re.IGNORECASE)
# A Chinese list mark after a figure starts the next item: the action after it is that item's
# ("立…案件1926起、破案1678起": 破案 is 1678起's, not 1926起's). Before a figure it is left alone
# (the words of "专利、商标授权量" are one item's).
_NEXT_ITEM = re.compile(_COORDINATOR.pattern + "|、", re.IGNORECASE)
# An English passive after a figure names its action after it: "95,000 cases were concluded".
_PASSIVE_AFTER = re.compile(r"(?:\s+(?!and\b|or\b|with\b|while\b)[A-Za-z'-]+){0,5}?\s+(?:was|were|been|is|are|being)"
                            r"\s+(?!\d)", re.IGNORECASE)

# How many words (besides numbers) an object between a phrasal verb and its particle may have:
# "transferred 2,653 suspects for prosecution", "referred 184 IP cases to judicial organs".
_SPLIT_GAP = 4
_DIGIT = re.compile(r"\d")


def _split_match(text: str, verb_end: int, rests: tuple[tuple[tuple[str, ...], frozenset[str]], ...]
                 ) -> tuple[int, int, frozenset[str]] | None:
    """The rest of a phrasal action after its object, which holds a figure ("transferred 2,653
    suspects | for prosecution"): (the rest's word count, where it ends, its ids), or None. The
    object has at most _SPLIT_GAP words and stays in the verb's clause; the text may run past the
    window the mentions are looked for in (the figure's own words end at it)."""
    after: list[tuple[int, int, str]] = []
    for m in EN_WORD.finditer(text, verb_end):
        after.append((m.start(), m.end(), en_stem(m.group())))
        if len(after) >= _SPLIT_GAP + MAX_WORDS:
            break
    for gap in range(1, _SPLIT_GAP + 1):
        for rest, ids in rests:
            tail = after[gap:gap + len(rest)]
            if len(tail) != len(rest) or tuple(w for _, _, w in tail) != rest:
                continue
            between = text[verb_end:tail[0][0]]
            if _DIGIT.search(between) and not CLAUSE_END.search(between):
                return len(rest), tail[-1][1], ids
    return None


@functools.cache
def _at_each_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(f"(?=({pattern.pattern}))", pattern.flags)


def _longest_forms(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``pattern``'s forms in ``text``, where two overlap the longer one: "共立案办理…" is 立案办理
    (filed and handled), not 共立 (filed in all) and then 办理 (handled), as matching from the left gave."""
    found = ((m.start(1), m.end(1)) for m in _at_each_start(pattern).finditer(text, start, end))
    spans = sorted(found, key=lambda se: (se[0] - se[1], se[0]))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if all(e <= ks or ke <= s for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


def _mentions(text: str, start: int, end: int, pattern: re.Pattern[str], zh: dict[str, frozenset[str]],
              en: dict[tuple[str, ...], frozenset[str]],
              split: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] | None = None) -> list[Mention]:
    found = [Mention(s, e, zh[text[s:e]]) for s, e in _longest_forms(pattern, text, start, end)]
    words = [(m.start(), m.end(), en_stem(m.group())) for m in EN_WORD.finditer(text, start, end)]
    i = 0
    consumed = 0  # the end of a split form's rest: its words are no mention of their own
    while i < len(words):
        if words[i][0] < consumed:
            i += 1
            continue
        longest = next(((n, ids) for n in range(min(MAX_WORDS, len(words) - i), 0, -1)  # the longest form first
                        if (ids := en.get(tuple(w for _, _, w in words[i : i + n])))), None)
        rests = split.get(words[i][2]) if split else None
        apart = _split_match(text, words[i][1], rests) if rests else None
        if apart is not None and 1 + apart[0] > (longest[0] if longest else 0):
            # The verb names the action; the mention is the verb's span, as the figure stands after it.
            found.append(Mention(words[i][0], words[i][1], apart[2]))
            consumed = apart[1]
            i += 1
        elif longest:
            n, ids = longest
            found.append(Mention(words[i][0], words[i + n - 1][1], ids))
            i += n
        else:
            i += 1
    return sorted(found, key=lambda m: m.start)


def agencies_in(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    o = ontology()
    return _mentions(text, start, len(text) if end is None else end, o.agency_re, o.agency_ids, o.en_agencies)


def actions_in(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    o = ontology()
    found = joined(text, _mentions(text, start, len(text) if end is None else end, o.action_re, o.action_ids,
                                    o.en_actions, o.en_split_actions), o.en_actions)
    return without_non_actions(text, found, o.en_words)


_OBJECT_BEFORE = re.compile(r"(?:" + "|".join(sorted(map(re.escape, words("object_markers.txt")), key=len, reverse=True))
                            + r")\s*(?:the\s+)?$", re.IGNORECASE)


def actors_in(text: str, start: int, end: int) -> list[str]:
    """The actor kinds named in ``text[start:end]``, in order; an agency right after 向/对/to … is
    what the clause acts on, not who acts ("向法院发送再审检察建议34件")."""
    out = []
    # An agency inside an action's own form is what the action is done to: "监督公安机关立案" is the
    # prosecutors' supervision of the police's filing.
    inside = [(a.start, a.end, a.ids) for a in actions_in(text, start, end)]
    for m in agencies_in(text, start, end):
        if _acted_on(text, m.start, m.end, inside):
            continue
        if kind := _actor(m.ids):
            out.append(kind)
    return out


def _actor(ids: frozenset[str]) -> str | None:
    """The generic actor kind of an agency mention, if it is one that can rule figures out."""
    o = ontology()
    kinds = {o.agency_kind.get(i, i) for i in ids}
    actors = kinds & o.actors
    return next(iter(actors)) if len(actors) == 1 else None


def _start_of(pattern: re.Pattern[str], text: str, pos: int, floor: int = 0) -> int:
    start = floor
    for m in pattern.finditer(text, floor, pos):
        start = m.end()
    return start


def roles_at(text: str, start: int, end: int, left: int | None = None, right: int | None = None,
             *, asking: bool = False) -> tuple[str | None, str | None]:
    """(agency kind, action id) for a figure at ``start..end`` of ``text``; ``left``/``right``:
    where the figures before and after it end and start (its own words lie between). ``asking``: the
    figure is a claim's, whose action on an unsure object asks none (ontology.unsure)."""
    s = _start_of(_SENTENCE_END, text, start)
    after = _SENTENCE_END.search(text, end)
    e = after.start() if after else len(text)
    c = _start_of(CLAUSE_END, text, start, s)
    left = max(c, left if left is not None else c)
    after_clause = CLAUSE_END.search(text, end)
    clause_end = after_clause.start() if after_clause else e
    right = min(clause_end, right if right is not None else e)
    # The action: its own words before it, nearest first; else in its own span ("2,226 Madrid
    # trademark applications"); else after it (a passive, first where the words after it say so);
    # else its clause's nearest before it (批准逮捕…案件1265件1854人: both figures), up to the figure before it:
    # the words after that one are its own ("accepted 52,300 pre-examination applications and 16,100 …
    # cases": the applications are 52,300's, both were accepted). An action further off, in another
    # clause, is about something else ("查处的…案件中,涉案物品货值达207万余元").
    action = None
    clause = text[s:e]
    own_start, own_end = _own_words(text, left, start, end, right, left > c, right < clause_end)
    spans = [(own_start, start, True), (start, end, False), (end, own_end, False),
             (c, _number_start(text, c, left) if left > c else start, True)]
    if _PASSIVE_AFTER.match(text, end, own_end):
        spans.insert(0, spans.pop(2))
    for span in spans:
        found = actions_in(text, span[0], span[1])
        if found:
            m = found[-1] if span[2] else found[0]
            action = one_action(m.ids, clause, text[m.end : m.end + ZH_OBJECT_REACH])
            break
    if asking and action and unsure(action, text[start:end] + " " + _counted_after(text, end, own_end)):
        action = None
    # The agency: the first actor its clause names; else its sentence's, or its paragraph's before
    # it, where that names one actor only (a sentence of several actors leaves it unknown).
    kinds = actors_in(text, c, right)
    if kinds:
        # (as in role_spans: the one actor a clause names does its actions; of several, each may)
        return kinds[0], done_by(kinds[0], action) if action and len(set(kinds)) == 1 else action
    paragraph = text.rfind("\n", 0, s) + 1
    for a, b in ((s, e), (paragraph, s)):
        named = set(actors_in(text, a, b))
        if named:
            agency = next(iter(named)) if len(named) == 1 else None
            return agency, done_by(agency, action) if action else action
    return None, action


# The noun an English figure counts, right after it ("486 applications for …", "52,300 patent pre-examination
# applications"): a few words, no more ("120 cases over patent application rights" counts cases).
_COUNTED_AFTER = re.compile(r"(?:\s+[A-Za-z][A-Za-z'-]*){1,3}")


def _counted_after(text: str, end: int, own_end: int) -> str:
    m = _COUNTED_AFTER.match(text, end, own_end)
    return m.group() if m else ""


def done_by(agency: str | None, action: str) -> str:
    """What ``action`` is when ``agency`` does it (role_rules.tsv "done_by"): a procuratorate's
    arrest is the arrest it approves."""
    return action if agency is None else ontology().done_by.get((agency, action), action)


_NUMBER = re.compile(r"[\d〇零一二两三四五六七八九十百千万亿][\d,.〇零一二两三四五六七八九十百千万亿]*")


def _number_start(text: str, start: int, end: int) -> int:
    """Where the last number in ``text[start:end]`` starts (a figure's own text ends at ``end`` with
    its noun: "52,300 pre-examination applications"), else ``end``."""
    found = None
    for found in _NUMBER.finditer(text, start, end):
        pass
    return found.start() if found else end


def _own_words(text: str, left: int, start: int, end: int, right: int, before: bool, after: bool
               ) -> tuple[int, int]:
    """A figure's own words where figures stand ``before`` or ``after`` it in its clause (``left``,
    ``right``: where they end and start): from the last coordinator before it (after it, a Chinese
    list mark too: _NEXT_ITEM) ("824,500 trademark
    registrations and 2,226 …": "registrations" is 824,500's), to the last one after it that an
    action follows ("1,265 IP crime cases and prosecuted 3,192 suspects": "prosecuted" is 3,192's;
    "IP and counterfeiting crimes" has no action after its "and")."""
    starts = [m.end() for m in _COORDINATOR.finditer(text, left, start)] if before else []
    ends = [m.start() for m in _NEXT_ITEM.finditer(text, end, right) if actions_in(text, m.end(), right)] \
        if after else []
    return (starts[-1] if starts else left), (ends[-1] if ends else right)


def named_roles(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The actor kinds and the (unambiguous) actions a question or claim names anywhere, less those
    it names only to set aside, as its qualifiers ("trademark applications (not registrations)",
    "除法院外"; index.qualifiers.NEGATION)."""
    agencies, actions = role_spans(text)
    return frozenset(agencies), frozenset(actions)


def role_spans(text: str) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
    """named_roles with where the text names each: actor kind → spans, action id → spans."""
    inside = [(a.start, a.end, a.ids) for a in actions_in(text)]
    agencies: dict[str, list[tuple[int, int]]] = {}
    for m in agencies_in(text):
        if not _set_aside(text, m.start) and not _acted_on(text, m.start, m.end, inside) and (kind := _actor(m.ids)):
            agencies.setdefault(kind, []).append((m.start, m.end))
    actions: dict[str, list[tuple[int, int]]] = {}
    # The one actor a text names does its actions (role_rules.tsv "done_by"); of several, each may.
    actor = next(iter(agencies)) if len(agencies) == 1 else None
    for m in actions_in(text):
        if not _set_aside(text, m.start) and (a := one_action(m.ids, text, text[m.end : m.end + ZH_OBJECT_REACH])):
            actions.setdefault(done_by(actor, a), []).append((m.start, m.end))
    return agencies, actions


def _acted_on(text: str, start: int, end: int, action_spans: list[tuple[int, int, frozenset[str]]]) -> bool:
    """The agency mention at ``start``–``end`` is what a clause acts on: after 向/对/to …, or inside
    an action's own form ("监督公安机关立案"), wholly or from within it, or right after an English verb that
    acts on another body's act (role_rules.tsv "joins": "urged judges to reopen …", "supervised the police"):
    the verb's object. Not after any other ("the newly established Guangzhou Internet Court accepted …",
    "mobilized police to arrest …": the court and the police act). An agency whose name opens with the
    action's word ("mediation organizations" after "mediation") is the actor."""
    # an agency with its own verb right after it is that verb's subject ("authorized agencies accepted …")
    subject = any(_JUST_BEFORE.fullmatch(text, end, a) is not None for a, _, _ in action_spans)
    return bool(_OBJECT_BEFORE.search(text, max(0, start - 12), start)) or any(
        (a <= start and end <= b) or a < start < b
        or (not subject and bool(ids & join_verbs()) and text[a:b].isascii()
            and _JUST_BEFORE.fullmatch(text, b, start) is not None)
        for a, b, ids in action_spans)


# The words that may stand between an English verb and its object
_JUST_BEFORE = re.compile(r"\s+(?:the\s+)?")



def _set_aside(text: str, start: int) -> bool:
    return bool(NEGATION.search(to_simplified(text[max(0, start - NEGATION_REACH):start])))


def agency_conflict(asked: frozenset[str], figure: str | None) -> bool:
    """A question naming actors meets a figure of another actor (法院 vs 检察机关); two names of one
    body (role_rules.tsv "same_actor") are no conflict."""
    if not asked or figure is None:
        return False
    group = ontology().actor_group
    return group.get(figure, figure) not in {group.get(a, a) for a in asked}


# A coordinator right before or after a body's name: it is one of several acting together ("Guangdong,
# Hong Kong and Macao customs", "Guangdong-Hong Kong-Macao customs", "与澳门海关", "广州互联网法院、广州知识产权
# 法院分别…"), not the one actor.
_JOINED_AFTER = re.compile(r"\s*(?:[、和与與及同跟]|\b(?:and|or)\b)", re.IGNORECASE)
_JOINED_BEFORE = re.compile(r"(?:\b(?:and|or|with)\s+(?:the\s+)?|[、和与與及同跟\-–]\s*)$", re.IGNORECASE)


def body_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names bodies (agencies.tsv rows of kind "named:…"), as they are written."""
    kinds = ontology().agency_kind
    return [(m.start, m.end) for m in agencies_in(text) if any(kinds.get(i, i) != i for i in m.ids)]


def bodies_in(text: str) -> frozenset[str]:
    """The named bodies a text names as lone actors (agencies.tsv rows of kind "named:…": 广州互联网
    法院, the Guangzhou Intellectual Property Court), less those it acts on, sets aside or names
    beside others (_JOINED_BEFORE)."""
    kinds = ontology().agency_kind
    inside = [(a.start, a.end, a.ids) for a in actions_in(text)]
    return frozenset(i for m in agencies_in(text) if not _set_aside(text, m.start)
                     and not _acted_on(text, m.start, m.end, inside)
                     and not _JOINED_BEFORE.search(text, max(0, m.start - 12), m.start)
                     and not _JOINED_AFTER.match(text, m.end)
                     for i in m.ids if kinds.get(i, i) != i)


def body_conflict(asked: frozenset[str], named: frozenset[str]) -> bool:
    """A question naming a body (广州互联网法院) meets a figure whose sentence names another body of
    its kind (广州知识产权法院) and not it: the other court's figure, though both are courts."""
    if not asked or not named or asked & named:
        return False
    kinds = ontology().agency_kind
    return bool({kinds.get(a, a) for a in asked} & {kinds.get(n, n) for n in named})


def action_conflict(asked: frozenset[str], figure: str | None) -> bool:
    """A question naming a distinct action meets a figure of another distinct one (受理 vs 审结,
    立案 vs 破案); actions of one group (查处, 立案查处) and generic ones (开展, 办理) never conflict."""
    o = ontology()
    if figure is None or figure not in o.distinct:
        return False
    wanted = {a for a in asked if a in o.distinct}
    if not wanted:
        return False
    return _group(figure) not in {_group(a) for a in wanted}


@functools.cache
def action_words(metric: str, action: str | None) -> tuple[str, ...]:
    """The words of a metric phrase that name the given action ("全省法院新收各类知识产权案件" →
    新收; "all courts … received … new IPR cases" → received): a sentence's first figure carries
    its action inside its metric, not apart (index.records' action_tokens)."""
    if action is None:
        return ()
    return tuple(metric[m.start:m.end] for m in actions_in(metric) if action in m.ids)


@functools.cache
def metric_action_tokens(tokens: frozenset[str], metric: str, action: str | None, lang: str) -> frozenset[str]:
    """A metric phrase's tokens (``tokens``) that spell one of its forms of the given action
    (action_words; an English form's stems)."""
    forms = action_words(metric, action)
    if lang == "en":
        stems = {en_stem(w) for form in forms for w in EN_WORD.findall(form)}
        return frozenset(t for t in tokens if t in stems)
    return frozenset(t for t in tokens if any(t in form for form in forms))


def action_asked(asked: frozenset[str], figure: str | None) -> bool:
    """The figure's own action is one the question names, perhaps in other words (办结 for 审结: one
    group of the ontology)."""
    return figure is not None and _group(figure) in {_group(a) for a in asked}


def _group(action: str) -> str:
    """The ontology's group of an action (立案查处 and 查处 are one), or the action itself."""
    return ontology().group.get(action, action)


def event_flow(action: str | None) -> bool:
    """The action is done within a period (role_rules.tsv "event"): a figure of it counts a flow."""
    return action is not None and action in ontology().events
