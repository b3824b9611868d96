"""Two English action mentions a few words apart that are one action (index.roles): "whose arrest …
prosecutors approved" is "approved the arrest of", and "got approval to detain" the approval of an
arrest. Pure functions over a text and its mentions."""

from __future__ import annotations

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
_APPROVE = "approve"


def joined(text: str, found: list[Mention], en: dict[tuple[str, ...], frozenset[str]]) -> list[Mention]:
    """Two English action words a few words apart that together are one action's form, in another
    order ("whose arrest … prosecutors approved" is "approved the arrest of": approve_arrest, not
    an arrest and an approval), as one mention of that action; and an approval beside an act whose
    approval the ontology knows as an action of its own (role_rules.tsv "approval_of": "got approval
    to detain", "green-light for detention" approve an arrest, which is no arrest)."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and text[m.start : m.end].isascii() and text[prev.start : prev.end].isascii() \
                and _REORDER_GAP.fullmatch(text, prev.end, m.start):
            stems = frozenset(en_stem(w.group()) for w in EN_WORD.finditer(text[prev.start : prev.end] + " "
                                                                             + text[m.start : m.end])) - _FORM_GLUE
            whole = {ids for form, ids in en.items() if frozenset(form) - _FORM_GLUE == stems}
            if len(whole) == 1 and not (next(iter(whole)) & (prev.ids | m.ids)):
                # Where the first half stands: the words between are the clause's own (its agency).
                out[-1] = Mention(prev.start, prev.end, next(iter(whole)))
                continue
            if _APPROVAL_GAP.fullmatch(text, prev.end, m.start) and (approval := _approval(prev.ids, m.ids, text)):
                out[-1] = Mention(prev.start, prev.end, approval)
                continue
        out.append(m)
    return out


# An approval and the act it approves stand a few words apart at most, with no clause of its own between
# ("got approval to detain", "whose detention the prosecutors approved"; not "approval of the plan came
# after police detained them").
_APPROVAL_GAP = re.compile(r"(?:\s+(?!(?:and|or|but|while|after|before|when|as|then)\b)[A-Za-z'’-]+){0,3}\s*",
                           re.IGNORECASE)


def _approval(first: frozenset[str], second: frozenset[str], text: str) -> frozenset[str]:
    """The one action approving the other mention's act, where one mention is an approval and the
    act is, by what the text acts on, one whose approval is an action of its own (a detention of
    people, not of goods)."""
    for approving, act in ((first, second), (second, first)):
        if _APPROVE in approving and _APPROVE not in act:
            done = one_action(act, text)
            if done in ontology().approval_of:
                return frozenset({ontology().approval_of[done]})
    return frozenset()
