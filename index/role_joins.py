"""Two English action mentions a few words apart that are one action (index.roles): "whose arrest …
prosecutors approved" is "approved the arrest of", and "got approval to detain" the approval of an
arrest. Pure functions over a text and its mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.ontology import EN_WORD, ontology
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
            if approval := _approval(prev.ids, m.ids):
                out[-1] = Mention(prev.start, prev.end, approval)
                continue
        out.append(m)
    return out


def _approval(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    """The one action approving the other mention's act, where one mention is an approval."""
    for approving, act in ((first, second), (second, first)):
        if _APPROVE in approving and _APPROVE not in act:
            found = {ontology().approval_of[a] for a in act if a in ontology().approval_of}
            if len(found) == 1:
                return frozenset(found)
    return frozenset()
