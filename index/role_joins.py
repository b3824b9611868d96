"""Two English action mentions a few words apart that are one action (index.roles): "whose arrest …
prosecutors approved" is "approved the arrest of", and "got approval to detain" the approval of an
arrest. Pure functions over a text and its mentions."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from index.ontology import EN_WORD, one_action, ontology
from index.text import en_stem


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    ids: frozenset[str]


# What may stand between the two halves of one English action ("whose arrest Guangdong prosecutors
# approved"): a few words, no figure, no clause break and no "and" / "or" (two actions).
_REORDER_GAP = re.compile(r"(?:(?!\b(?:and|or)\b)[^\d,;.!?，；。]){0,40}", re.IGNORECASE)
_FORM_GLUE = frozenset({"the", "of", "to", "a", "an"})


def joined(text: str, found: list[Mention], en: dict[tuple[str, ...], frozenset[str]]) -> list[Mention]:
    """Two English action words a few words apart that together are one action's form, in another
    order ("whose arrest … prosecutors approved" is "approved the arrest of": approve_arrest, not
    an arrest and an approval), as one mention of that action; and a verb beside an act it makes an
    action of its own (role_rules.tsv "joins": "got approval to detain", "green-light for detention"
    approve an arrest, which is no arrest; "supervised the police into filing" is no police filing)."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and text[m.start : m.end].isascii() and text[prev.start : prev.end].isascii() \
                and _REORDER_GAP.fullmatch(text, prev.end, m.start):
            first = frozenset(en_stem(w.group()) for w in EN_WORD.finditer(text, prev.start, prev.end)) - _FORM_GLUE
            stems = first | frozenset(en_stem(w.group()) for w in EN_WORD.finditer(text, m.start, m.end))
            stems -= _FORM_GLUE
            matching = {form: ids for form, ids in en.items() if frozenset(form) - _FORM_GLUE == stems}
            whole = set(matching.values())
            # In the form's own order the words between are what its verb acts on ("supervised the police into
            # filing": the police are supervised), a few words at most and no clause ("supervised trials while
            # police filed" is two acts); in another, the clause's own, its agency ("whose arrest Guangdong
            # prosecutors approved"): the mention stands where the first half does.
            in_order = all(form[0] in first for form in matching)
            if len(whole) == 1 and not (next(iter(whole)) & (prev.ids | m.ids)) \
                    and (not in_order or _APPROVAL_GAP.fullmatch(text, prev.end, m.start)):
                out[-1] = Mention(prev.start, m.end if in_order else prev.end, next(iter(whole)))
                continue
            if _APPROVAL_GAP.fullmatch(text, prev.end, m.start) and (approval := _approval(prev.ids, m.ids, text)):
                # A verb before its act acts on the words between ("supervised the police into filing": the
                # police are supervised, no actor); after it, they are its actor ("whose detention the
                # prosecutors approved").
                ids, verb_first = approval
                out[-1] = Mention(prev.start, m.end if verb_first else prev.end, ids)
                continue
        out.append(m)
    return out


# An approval and the act it approves stand a few words apart at most, with no clause of its own between
# ("got approval to detain", "whose detention the prosecutors approved"; not "approval of the plan came
# after police detained them").
_APPROVAL_GAP = re.compile(r"(?:\s+(?!(?:and|or|but|while|after|before|when|as|then|who|which|that|whose)\b)"
                           r"[A-Za-z'’-]+){0,3}\s*",
                           re.IGNORECASE)


def _approval(first: frozenset[str], second: frozenset[str], text: str) -> tuple[frozenset[str], bool] | None:
    """The one action two mentions are together, and whether the verb is the first, where one is a
    verb acting on the other's act (role_rules.tsv "joins": an approval and an arrest, a supervision
    and a police filing), and the act is, by what the text acts on, one that verb makes an action of
    its own (a detention of people is approved, not one of goods)."""
    joins = ontology().joins
    for verb_ids, act, verb_first in ((first, second, True), (second, first, False)):
        for verb in verb_ids & join_verbs():
            if verb not in act and (done := one_action(act, text)) and (verb, done) in joins:
                return frozenset({joins[(verb, done)]}), verb_first
    return None


@functools.cache
def join_verbs() -> frozenset[str]:
    """The actions that act on another body's act (role_rules.tsv "joins:<verb>:<act>": approve, oversee)."""
    return frozenset(verb for verb, _ in ontology().joins)
