"""Description wordings tried by bench/meaning_variants.py: each maps (the metric's gloss, the
glossary) to a function record → description."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from index.figures import ACTION_MARK
from index.glossary import Glossary
from index.lexicon import rows
from index.meaning import _PERIOD, _PLAN, _where, agency_label, describe
from index.meaning_gloss import _dictionary, english_gloss
from index.records import FigureRecord
from index.search_form import to_simplified

Gloss = Callable[[FigureRecord], str]
Describe = Callable[[FigureRecord], str]


@cache
def _forms(table: str, id_col: int, form_col: int, columns: int, n: int) -> dict[str, tuple[list[str], list[str]]]:
    zh: dict[str, list[str]] = {}
    en: dict[str, list[str]] = {}
    for row in rows(table, columns):
        rid, form = row[id_col], row[form_col]
        if form.isascii():
            bucket = en.setdefault(rid, [])
        else:
            form = to_simplified(form)
            bucket = zh.setdefault(rid, [])
        if form not in bucket and len(bucket) < n and not any(form.startswith(b) for b in bucket):
            bucket.append(form)
    return {k: (zh.get(k, []), en.get(k, [])) for k in zh.keys() | en.keys()}


@cache
def _qualifier_zh() -> dict[str, str]:
    out = {}
    for row in rows("qualifiers.tsv", 2):
        first = row[1].split("|")[0]
        if not first.isascii() and first.isalpha():
            out[row[0]] = first
    return out


def shipped(gloss: Gloss, glossary: Glossary) -> Describe:
    return lambda r: describe(r, gloss)


def clause(gloss: Gloss, glossary: Glossary) -> Describe:
    """+ the clause in the other language (dictionary senses / glossary terms)."""
    table = _dictionary()

    def d(r: FigureRecord) -> str:
        other = (english_gloss(to_simplified(r.clause), table) if r.lang == "zh"
                 else " ".join(glossary.chinese_for(r.clause)))
        return describe(r, gloss) + " · " + other
    return d


def qualzh(gloss: Gloss, glossary: Glossary) -> Describe:
    """qualifiers in both languages."""
    zh = _qualifier_zh()

    def d(r: FigureRecord) -> str:
        base = describe(r, gloss)
        if not r.qualifiers:
            return base
        return base + " · " + " ".join(f"{zh.get(q, '')} {q.replace('_', ' ')}".strip() for q in sorted(r.qualifiers))
    return d


def _roles(r: FigureRecord, n: int) -> list[str]:
    parts = []
    if r.agency:
        zh, en = _forms("agencies.tsv", 0, 2, 3, n).get(r.agency, ([], []))
        parts.append(" ".join(zh + en) or agency_label(r.agency))
    if r.action:
        zh, en = _forms("actions.tsv", 0, 1, 3, n).get(r.action, ([], []))
        parts.append(" ".join(zh + en))
    return parts


def synonyms(gloss: Gloss, glossary: Glossary) -> Describe:
    """agency and action with up to three forms in each language."""
    def d(r: FigureRecord) -> str:
        parts = [f"{r.year}年 {r.year}"]
        if r.period:
            parts.append(_PERIOD[r.period])
        if r.plan:
            parts.append(_PLAN[r.plan])
        parts.append(_where(r.places))
        parts += _roles(r, 3)
        parts.append(r.metric.replace(ACTION_MARK, " ").strip() or r.quote[:80])
        if r.qualifiers:
            parts.append(" ".join(sorted(r.qualifiers)).replace("_", " "))
        parts.append(r.text)
        parts.append(gloss(r))
        return " · ".join(p for p in parts if p)
    return d


def nolabel(gloss: Gloss, glossary: Glossary) -> Describe:
    """what is counted first, then who/when: metric, its gloss, figure, roles, year, place."""
    def d(r: FigureRecord) -> str:
        parts = [r.metric.replace(ACTION_MARK, " ").strip() or r.quote[:80], gloss(r), r.text]
        parts += _roles(r, 1)
        parts += [f"{r.year}年 {r.year}", _where(r.places)]
        return " · ".join(p for p in parts if p)
    return d


def sentence(gloss: Gloss, glossary: Glossary) -> Describe:
    """the shipped description with the metric replaced by the whole clause (more context words)."""
    def d(r: FigureRecord) -> str:
        return describe(r.model_copy(update={"metric": r.clause}), gloss)
    return d


def allof(gloss: Gloss, glossary: Glossary) -> Describe:
    """synonyms + qualifiers in both languages + the clause in the other language."""
    syn, q, c = synonyms(gloss, glossary), _qualifier_zh(), _dictionary()

    def d(r: FigureRecord) -> str:
        other = (english_gloss(to_simplified(r.clause), c) if r.lang == "zh"
                 else " ".join(glossary.chinese_for(r.clause)))
        quals = " ".join(q.get(x, "") for x in sorted(r.qualifiers)).strip()
        return " · ".join(p for p in (syn(r), quals, other) if p)
    return d


def glossary_both(gloss: Gloss, glossary: Glossary) -> Describe:
    """+ a Chinese metric's glossary English terms (the curated and mined pairs, as English metrics get
    their Chinese ones) before its dictionary senses. Session 41, dev: MRR 0.662 → 0.640 (crosslingual
    0.611 → 0.607, paraphrase 0.501 → 0.476): worse, not shipped."""
    def d(r: FigureRecord) -> str:
        if r.lang != "zh":
            return describe(r, gloss)
        metric = to_simplified(r.metric.replace(ACTION_MARK, " "))
        terms = "; ".join(glossary.english_for(metric))
        return describe(r, lambda x: "; ".join(p for p in (terms, gloss(x)) if p))
    return d


VARIANTS: dict[str, Callable[[Gloss, Glossary], Describe]] = {
    "glossboth": glossary_both,
    "shipped": shipped, "clause": clause, "qualzh": qualzh, "synonyms": synonyms, "nolabel": nolabel,
    "sentence": sentence, "allof": allof,
}
