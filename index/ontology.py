"""The bilingual ontology of who did what, loaded from the data files (``index/lexicon/agencies.tsv``,
``actions.tsv``, ``role_rules.tsv``, ``action_guards.tsv``, ``agency_heads_en.tsv``): the forms of
each agency and action in simplified, traditional and English words, and the rules saying which
of them make two figures different statistics. index.roles reads text with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from index.lexicon import LexiconError, marker_source, rows, words
from index.search_form import to_simplified
from index.text import en_stem


@dataclass(frozen=True)
class Ontology:
    agency_kind: dict[str, str]  # agency id → its generic kind (named:court → court)
    actors: frozenset[str]  # generic kinds whose mismatch rules a figure out
    distinct: frozenset[str]  # actions whose mismatch rules a figure out
    group: dict[str, str]  # action id → its compatibility group (itself by default)
    agency_re: re.Pattern[str]  # Chinese forms
    action_re: re.Pattern[str]
    agency_ids: dict[str, frozenset[str]]  # Chinese form → ids
    action_ids: dict[str, frozenset[str]]
    # English forms as stemmed word sequences, so "approve arrests" meets "approved arrests"
    en_agencies: dict[tuple[str, ...], frozenset[str]]
    en_actions: dict[tuple[str, ...], frozenset[str]]
    # action id → the stems of the English words for what it acts on, where given: its object and that
    # object's everyday words (action_objects_en.tsv)
    action_object: dict[str, frozenset[str]]
    # English phrasal actions whose object may stand between verb and particle: the verb's stem →
    # (the rest of the form as stems, ids) ("transferred … for prosecution")
    en_split_actions: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]
    events: frozenset[str] = frozenset()  # actions done within a period: their figures are flows
    actor_group: dict[str, str] = field(default_factory=dict)  # actor kind → the one body it names (itself by default)
    # one-word English forms exactly as written (lower case) → ids: "filings" is apply alone, where its
    # stem is also "filed"'s, file_case (qa.mixed)
    en_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # action id → the action it is one way of doing (调撤结案 concludes a case): role_rules.tsv "narrower:"
    broader: dict[str, str] = field(default_factory=dict)
    # action id → the Chinese words for what it acts on (action_objects_zh.tsv), simplified
    action_object_zh: dict[str, frozenset[str]] = field(default_factory=dict)
    # (a verb's action id, an act's) → the one action they are together, a few words apart (approving an
    # arrest, making the police file a case): role_rules.tsv "joins:"
    joins: dict[tuple[str, str], str] = field(default_factory=dict)
    # (actor kind, action id) → what that action is when that actor does it: role_rules.tsv "done_by:"
    done_by: dict[tuple[str, str], str] = field(default_factory=dict)
    # action id → the English stems of an object on which it counts what another action's figure may count
    # too, so that it rules no figure out: role_rules.tsv "unsure_on:" (an English figure's counted noun)
    unsure_on: dict[str, frozenset[str]] = field(default_factory=dict)


EN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
MAX_WORDS = 6


def _pattern(forms: list[str], guards: dict[str, tuple[str, str]] | None = None) -> re.Pattern[str]:
    # Longest first, so 全省法院 wins over 省法院 and 移送审查起诉 over 起诉; a form with guards
    # (action_guards.tsv: 突破了 is no 破了, nor is 立了功 立了) is one only outside them.
    guard = guards or {}

    def one(form: str) -> str:
        before, after = guard.get(form, ("", ""))
        return ((f"(?<![{re.escape(before)}])" if before else "") + re.escape(form)
                + (f"(?![{re.escape(after)}])" if after else ""))

    return re.compile("|".join(one(f) for f in sorted(set(forms), key=len, reverse=True)))


def _guards(forms: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The characters each guarded action form may not follow or precede (action_guards.tsv); a
    row for no known form, or with no characters, is an error naming it."""
    known = set(forms)
    out: dict[str, tuple[str, str]] = {}
    for form, before, after in rows("action_guards.tsv", 3):
        after = "" if after == "-" else after
        if form not in known or not (before or after):
            raise LexiconError(f"action_guards.tsv: row {form!r} names no action form of actions.tsv, or no characters")
        out[form] = (before, after)
    return out


def _stems(form: str) -> tuple[str, ...]:
    return tuple(en_stem(w) for w in EN_WORD.findall(form))


def _forms(pairs: list[tuple[str, str]]) -> tuple[dict[str, frozenset[str]], dict[tuple[str, ...], frozenset[str]]]:
    """(id, form) pairs → Chinese form → ids, and English form as stemmed words → ids."""
    zh: dict[str, set[str]] = {}
    en: dict[tuple[str, ...], set[str]] = {}
    for rid, form in pairs:
        if form.isascii():
            en.setdefault(_stems(form), set()).add(rid)
        else:
            zh.setdefault(form, set()).add(rid)
    return {k: frozenset(v) for k, v in zh.items()}, {k: frozenset(v) for k, v in en.items() if k}


def _split_forms(pairs: list[tuple[str, str]]) -> dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]:
    """English forms "verb particle …" (index/lexicon/particles_en.txt) as verb stem → (rest, ids)."""
    particles = words("particles_en.txt")
    out: dict[str, dict[tuple[str, ...], set[str]]] = {}
    for rid, form in pairs:
        parts = EN_WORD.findall(form) if form.isascii() else []
        if len(parts) >= 2 and parts[1].lower() in particles:
            out.setdefault(en_stem(parts[0]), {}).setdefault(_stems(" ".join(parts[1:])), set()).add(rid)
    return {verb: tuple(sorted(((rest, frozenset(ids)) for rest, ids in tails.items()), key=lambda t: -len(t[0])))
            for verb, tails in out.items()}


def _field_heads() -> list[tuple[str, str]]:
    """(agency id, English form) for every field word joined with every head word
    (index/lexicon/agency_heads_en.tsv: "copyright enforcers", "customs officers")."""
    table = rows("agency_heads_en.tsv", 3)
    fields = [(word, aid) for kind, word, aid in table if kind == "field"]
    heads = [word for kind, word, _ in table if kind == "head"]
    return [(aid, f"{field} {head}") for field, aid in fields for head in heads]


@cache
def ontology() -> Ontology:
    agencies = rows("agencies.tsv", 3)
    actions = rows("actions.tsv", 3)
    agency_ids, en_agencies = _forms([(aid, form) for aid, _, form in agencies] + _field_heads())
    action_ids, en_actions = _forms([(aid, form) for aid, form, _ in actions])
    kind_of = {aid: kind.removeprefix("named:") if kind.startswith("named:") else aid for aid, kind, _ in agencies}
    everyday: dict[str, set[str]] = {}
    for obj, word in rows("action_objects_en.tsv", 2):
        everyday.setdefault(obj, set()).add(en_stem(word))
    def object_stems(obj: str) -> frozenset[str]:  # an object's stem and its everyday words'
        return frozenset({en_stem(obj)} | everyday.get(obj, set()))

    action_object: dict[str, frozenset[str]] = {}
    for aid, _, obj in actions:
        if obj:
            action_object.setdefault(aid, object_stems(obj))
    zh_words: dict[str, set[str]] = {}
    for obj, word in rows("action_objects_zh.tsv", 2):
        zh_words.setdefault(obj, set()).add(word)
    action_object_zh = {aid: frozenset(zh_words.get(obj, ())) for aid, _, obj in actions if obj}
    rules = rows("role_rules.tsv", 2)
    group = {aid: kind.removeprefix("same:") for kind, aid in rules if kind.startswith("same:")}
    actor_group = {aid: kind.removeprefix("same_actor:") for kind, aid in rules if kind.startswith("same_actor:")}
    return Ontology(
        agency_kind=kind_of,
        actors=frozenset(aid for kind, aid in rules if kind == "actor"),
        distinct=frozenset(aid for kind, aid in rules if kind == "distinct"),
        group=group,
        agency_re=_pattern(list(agency_ids)),
        action_re=_pattern(list(action_ids), _guards(action_ids)),
        agency_ids=agency_ids,
        action_ids=action_ids,
        en_agencies=en_agencies,
        en_actions=en_actions,
        action_object=action_object,
        events=frozenset(aid for kind, aid in rules if kind == "event"),
        actor_group=actor_group,
        en_split_actions=_split_forms([(aid, form) for aid, form, _ in actions]),
        en_words=_words([(aid, form) for aid, form, _ in actions]),
        broader={aid: kind.removeprefix("narrower:") for kind, aid in rules if kind.startswith("narrower:")},
        action_object_zh=action_object_zh,
        joins={(kind.split(":")[1], kind.split(":")[2]): aid for kind, aid in rules if kind.startswith("joins:")},
        done_by={(kind.split(":")[1], kind.split(":")[2]): aid for kind, aid in rules if kind.startswith("done_by:")},
        # every row of an action together
        unsure_on={aid: frozenset().union(*(object_stems(kind.removeprefix("unsure_on:")) for kind, a in rules
                                             if a == aid and kind.startswith("unsure_on:")))
                   for kind, aid in rules if kind.startswith("unsure_on:")},
    )


# A Chinese object follows its verb within a few characters of its clause ("新登记的涉知产纠纷",
# "颁发证书"); an English one may stand anywhere in the clause ("how many disputes did … conclude").
ZH_OBJECT_REACH = 16
# (no full stop: in Chinese text a "." is a decimal point), nor past a word joining another noun
# ("一般作品登记和侵权案件各多少件": the cases are no object of 登记); a measure of the form's own
# ("登记量", "登记数量") is a count of registrations
_CLAUSE_BREAK = re.compile(r"[，,；;。!?！？、]|和|及|与|并|或|跟|^(?:总|数)?量")


def acting_on(ids: Iterable[str], context: str, following: str = "") -> list[str]:
    """The action ids of ``ids`` whose object ``context`` names in any of its everyday English words, or
    the Chinese text ``following`` the action's form names in its Chinese words (action_objects_en.tsv,
    action_objects_zh.tsv: "concluded" acts on cases, disputes … or on agreements, contracts …;
    登记 of 官司 accepts cases)."""
    o = ontology()
    stems = {en_stem(w) for w in EN_WORD.findall(context)}
    after = _CLAUSE_BREAK.split(to_simplified(following[:ZH_OBJECT_REACH]), maxsplit=1)[0]
    return [i for i in ids if o.action_object.get(i, frozenset()) & stems
            or any(w in after for w in o.action_object_zh.get(i, ()))]


def one_action(ids: frozenset[str], context: str = "", following: str = "") -> str | None:
    """An action mention's id; where the form is shared ("concluded": cases or agreements), the one
    whose object its clause names; where none is named, the one that acts on no object in particular
    (登记 registers, unless what follows it is a case: then the court accepts it); else None."""
    if len(ids) == 1:
        return next(iter(ids))
    fitting = acting_on(ids, context, following)
    if len(fitting) == 1:
        return fitting[0]
    general = [i for i in ids if i not in ontology().action_object]
    return general[0] if not fitting and len(general) == 1 else None


def unsure(action: str, words: str) -> bool:
    """Whether ``words`` (what an English figure counts) name an object on which ``action`` counts what another
    action's figure may count too (role_rules.tsv "unsure_on": the applications an office received
    are the applications filed, 申请量486件), so that the action rules no figure out."""
    stems = ontology().unsure_on.get(action)
    return stems is not None and bool(stems & {en_stem(w) for w in EN_WORD.findall(words)})


def most_specific(action_spans: dict[str, list[tuple[int, int]]], text: str) -> frozenset[str]:
    """The actions a text names (with where), less each that another of them is the means of: "靠调解、
    撤诉结掉了多少件" names concluding (结掉) by mediation or withdrawal, and asks for the latter
    (means_markers.txt, or the narrower action right before the broader: "调解撤诉结掉的"); "conclude …, including those withdrawn" counts them in the whole, and asks for
    every case concluded (inclusion_markers.txt)."""
    broader = ontology().broader
    means = _marker_before("means_markers.txt")
    both = {a: spans for a, spans in action_spans.items() if broader.get(a) in action_spans}
    # "including those mediated" counts them in the whole: the narrower one is not asked alone,
    # unless the question asks for it there ("审结的案件里,包括调解撤诉的有多少件")
    dropped = {a for a, spans in both.items()
               if all(_included_before().search(text, 0, s) and not _ASKED_AFTER.match(text, e) for s, e in spans)}
    dropped |= {broader[a] for a, spans in both.items()
                if a not in dropped and (any(means.search(text, 0, s) for s, _ in spans)
                                         or _modifies(text, spans, action_spans[broader[a]]))}
    return frozenset(action_spans) - dropped


# What may stand between a narrower action and the broader one right after it that it says the manner
# of ("调解撤诉结掉的案子", "调解撤诉了结的"): nothing, or a particle; never 和 / 或 / 、 (调撤和审结: both).
_MANNER_GAP = re.compile(r"(?:了|地)?")


def _modifies(text: str, narrower: list[tuple[int, int]], broader: list[tuple[int, int]]) -> bool:
    """A mention of the narrower action ends right before one of the broader's (Chinese puts the manner
    of an action before its verb)."""
    return any(ne <= bs and _MANNER_GAP.fullmatch(text, ne, bs) for _, ne in narrower for bs, _ in broader)


@cache
def _included_before() -> re.Pattern[str]:
    """An inclusion marker right before a mention: a few characters or two words between, no "only"."""
    return re.compile(rf"{marker_source('inclusion_markers.txt')}(?!\s*only\b)"
                      rf"(?:[^，,；;。.!?！？()（）\sA-Za-z]{{0,3}}|(?:\s+[A-Za-z]+){{0,2}}\s*)$", re.IGNORECASE)


# What asks for the figure right after a mention, in its clause: "…包括调解撤诉的有多少件", "including those
# mediated, how many…"
_ASKED_AFTER = re.compile(r"[^，,；;。.!?！？()（）]{0,8}?(?:多少|几|how many|how much)", re.IGNORECASE)


@cache
def _marker_before(name: str) -> re.Pattern[str]:
    """A marker of the word list ``name`` (a whole word in English) a few words before a mention,
    searched up to its start."""
    return re.compile(rf"{marker_source(name)}[^，,；;。.!?！？]{{0,12}}$", re.IGNORECASE)


def _words(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """(id, form) pairs → each one-word English form, in lower case → its ids."""
    out: dict[str, set[str]] = {}
    for aid, form in pairs:
        if form.isascii() and " " not in form:
            out.setdefault(form.lower(), set()).add(aid)
    return {word: frozenset(ids) for word, ids in out.items()}
