"""The line above an answer that says what it assumed ("2023年 · 全省法院 · 新收知识产权案件"), from a
turn's reading (qa.conversation)."""

from __future__ import annotations

import re

from index.places import place_name
from index.text import Tokenizer
from qa.conversation import PROVINCE, Reading, cut_spans, metric_words, role_form, slots_in
from qa.refill import ASKING as _ASKING


def assumed(reading: Reading, tokenizer: Tokenizer, years: list[int] | None = None, latest: bool = False) -> str:
    """What the answer assumed, in the turn's language: "2023年 · 全省法院 · 新收知识产权案件" /
    "2023 · Guangdong courts · accepted cases"; ``latest``: the year is the latest the documents
    report (the question named none, or a relative one)."""
    years = reading.years if years is None else years
    zh = reading.lang == "zh"
    same = reading.lang == reading.core_lang
    core = reading.core
    slots = slots_in(core)
    parts = []
    if years:
        shown = [f"{y}年" if zh else str(y) for y in years]
        parts.append((" → " if reading.comparison else ("、" if zh else ", ")).join(shown))
        if latest:
            parts[-1] += "（文件中最新）" if zh else " (latest in the documents)"

    def named(kind: str) -> str:
        found = [s for s in slots if s.kind == kind]
        if not found:
            return ""
        if same:
            return core[found[0].start : found[0].end]
        return role_form(kind, found[0].value, reading.lang) or ""  # type: ignore[arg-type]

    places = [str(s.value) for s in slots if s.kind == "place"]
    where = "、".join(dict.fromkeys(place_name(p, reading.lang) for p in places)) or ("全省" if zh else "Guangdong")
    who = named("agency")
    if who and (PROVINCE.search(who) or "省" in who):  # 全省法院, 省内海关 already say where
        where = ""
    parts.append(("" if zh else " ").join(x for x in (where, who) if x))
    if same:
        rest = cut_spans(core, [(s.start, s.end) for s in slots if s.kind != "action"])
        what = re.sub(r"[?？。.!！,，]+", " ", _ASKING.sub(" ", PROVINCE.sub(" ", rest))).strip()
        if not zh:
            keep = set(metric_words(what, tokenizer)) | {core[s.start:s.end] for s in slots if s.kind == "action"}
            what = " ".join(w for w in re.findall(r"\S+", what) if w in keep)
        parts.append(re.sub(r"\s+", "" if zh else " ", what))
    else:
        parts.append(named("action"))
    return " · ".join(p for p in parts if p)
