"""What a new document's metadata entry can say, read from its own text: titles, year, languages,
kind, publication date and place. Pure functions of the decoded text.

`qa add` (index.intake) fills every field the maintainer did not give from here and prints each
with where it came from, so a wrong guess is seen and corrected, not silently indexed. Where the
text gives no answer the field is left empty and the message asks for it: a title made up from
the first sentence would be worse than none, since every chunk of the document carries it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from index.clean_lines import (
    _CONTACT,
    _deleted_mask,
    _is_body,
    _is_heading_text,
    _lang_of,
    _Line,
    _lines,
    is_spam_line,
)
from index.lexicon import rows
from index.search_form import to_simplified
from index.types import DocKind

# --- titles ------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
# A title ends no sentence and lists nothing: these marks belong to running text.
_ZH_NOT_TITLE = re.compile(r"[。，,；;！!？?]")
_EN_NOT_TITLE = re.compile(r"[;!?]|\.\s|\.$")
# Dates and times mark bylines and page headers ("来源:点击:时间:2024-05-17 16:38:00").
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


@dataclass(frozen=True)
class Header:
    """The lines of a document that come before its running text, per language."""

    titles: dict[str, str]  # "zh" / "en" → the title line, as written (traditional kept)
    published: str | None  # ISO date from the page header, if it states one


def _title_like(text: str, lang: str) -> bool:
    if is_spam_line(text) or _CONTACT.search(text) or _DATE.search(text) or _TIME.search(text):
        return False
    if _is_heading_text(text) or _lang_of(text) != lang:
        return False
    if lang == "zh":
        # Navigation and bylines are runs of short words between spaces ("360影视 欧美动漫", "记者 姚嘉莉 通讯员").
        return 6 <= len(_CJK.findall(text)) and len(text) <= 80 and not _ZH_NOT_TITLE.search(text) \
            and len(text.split()) < 3
    words = text.split()
    return 3 <= len(words) <= 30 and text[0].isupper() and not _EN_NOT_TITLE.search(text)


def read_header(raw: str) -> Header:
    """The title of each language (the last title-like line before that language's first line of
    running text: earlier ones are the page's own, as in index.clean) and the header's date."""
    lines = [ln.text for ln in _lines(raw, _deleted_mask(raw))]
    titles: dict[str, str] = {}
    first_body: int | None = None
    for lang in ("zh", "en"):
        body = next((i for i, t in enumerate(lines) if t and _is_body_line(t) and _lang_of(t) == lang), None)
        if body is None:
            continue
        first_body = body if first_body is None else min(first_body, body)
        found = [t for t in lines[:body] if t and _title_like(t, lang)]
        if found:
            titles[lang] = found[-1]
    head = lines[:first_body] if first_body is not None else lines[:20]
    return Header(titles, next((d for t in head if (d := _iso_date(t))), None))


# English running text ends its sentences; a title in capitals has at most a comma
# ("INTELLECTUAL PROPERTY RIGHTS PROTECTION IN GUANGDONG, CHINA IN 2024").
_EN_SENTENCE = re.compile(r"[.;:!?](?:\s|$)")


def _is_body_line(text: str) -> bool:
    if is_spam_line(text) or not _is_body(_Line(0, 0, text)):
        return False
    return _lang_of(text) == "zh" or bool(_EN_SENTENCE.search(text))


def _iso_date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


# --- year --------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# In running text only a year that reads as one: 2023年 / 2023年度, "in 2023", "of 2023".
_TEXT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)|\b(?:in|of|for|since|during)\s+((?:19|20)\d{2})\b")


def years_in_title(title: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(title)]


def main_year(raw: str) -> int | None:
    """The year the text names most often (a title without a year, such as the news items')."""
    counts = Counter(int(a or b) for a, b in _TEXT_YEAR.findall(raw))
    return counts.most_common(1)[0][0] if counts else None


# --- languages ---------------------------------------------------------------------------------

# A language is listed when its running text is at least this share of the document's: a
# Chinese paper quoting WIPO or "PCT" stays Chinese; a partial translation (the white papers'
# English runs to a third of their text) counts.
MIN_LANGUAGE_SHARE = 0.10
# Traditional text has about a quarter of its characters in a form opencc t2s changes; simplified
# text almost none (the 2023 white paper: 0.27; the 2024 one: under 0.01).
MIN_TRADITIONAL_SHARE = 0.08


def languages_of(raw: str) -> list[str]:
    """["zh-Hans" | "zh-Hant", "en"] by the share of running text in each script."""
    lines = [ln.text for ln in _lines(raw, _deleted_mask(raw)) if ln.text and not is_spam_line(ln.text)]
    chars: Counter[str] = Counter()
    for t in lines:
        chars[_lang_of(t)] += len(t)
    total = sum(chars.values()) or 1
    out = []
    if chars["zh"] / total >= MIN_LANGUAGE_SHARE:
        cjk = "".join(c for t in lines if _lang_of(t) == "zh" for c in _CJK.findall(t))
        changed = sum(1 for a, b in zip(cjk, to_simplified(cjk), strict=False) if a != b)
        out.append("zh-Hant" if cjk and changed / len(cjk) >= MIN_TRADITIONAL_SHARE else "zh-Hans")
    if chars["en"] / total >= MIN_LANGUAGE_SHARE:
        out.append("en")
    return out


# --- kind --------------------------------------------------------------------------------------


def kind_of(titles: str) -> DocKind | None:
    """The kind the title's words say (index/lexicon/doc_kinds.tsv), or None when they say none."""
    low = to_simplified(titles).lower()
    for word, kind in rows("doc_kinds.tsv", 2):
        if word.lower() in low:
            return kind  # type: ignore[return-value]
    return None


# --- place -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    id: str
    level: str  # country | region | province | city | district
    parent: str
    zh: str
    en: str

    @property
    def label(self) -> str:
        return f"{self.id} ({self.zh} {self.en})"


# How specific a level is: a title naming Guangzhou and China is about Guangzhou.
_DEPTH = {"country": 0, "region": 1, "province": 2, "city": 3, "district": 4}


@cache
def _places() -> tuple[dict[str, Place], dict[str, list[str]]]:
    """Places by id, and every written form (lower-cased) → the ids it names."""
    places: dict[str, Place] = {}
    forms: dict[str, list[str]] = {}
    for pid, level, parent, zh, zh_hant, en, aliases in rows("places.tsv", 7):
        places[pid] = Place(pid, level, parent, zh, en)
        for form in {pid, zh, zh_hant, en, *aliases.split("|")} - {""}:
            ids = forms.setdefault(form.lower(), [])
            if pid not in ids:
                ids.append(pid)
    return places, forms


def _matchable(form: str) -> bool:
    """Forms safe to find inside a title: not one character (粤, 港) and not an all-capital
    abbreviation (US, HK, PRC), which places.tsv marks as ambiguous."""
    if len(form) < 2 or form.isascii() and len(form) < 4:
        return False
    return not (form.isascii() and form.replace(".", "").replace(" ", "").isupper())


@cache
def _title_pattern() -> re.Pattern[str]:
    names = sorted((f for f in _written_forms() if _matchable(f)), key=len, reverse=True)
    # An English name must stand as a word; a Chinese one may touch other characters (广州市2023年度).
    alts = [rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])" if n.isascii() else re.escape(n) for n in names]
    return re.compile("|".join(alts), re.IGNORECASE)


@cache
def _written_forms() -> tuple[str, ...]:
    out: list[str] = []
    for _pid, _level, _parent, zh, zh_hant, en, aliases in rows("places.tsv", 7):
        out += [f for f in (zh, zh_hant, en, *aliases.split("|")) if f]
    return tuple(dict.fromkeys(out))


def _ancestors(pid: str) -> set[str]:
    places, _ = _places()
    out: set[str] = set()
    while pid in places and places[pid].parent and places[pid].parent not in out:
        pid = places[pid].parent
        out.add(pid)
    return out


def place_from_title(title: str) -> tuple[str | None, str]:
    """(place id, why) for the place a title is about: the most specific place it names, when the
    others it names contain it (广州市 … 全国 → guangzhou). Two places side by side (广州、深圳), or
    a name two places share (Suzhou), give None: the maintainer says which with --place."""
    places, forms = _places()
    found: list[str] = []
    for m in _title_pattern().finditer(title):
        ids = forms[m.group(0).lower()]
        if len(ids) > 1:
            return None, f"the title names {m.group(0)}, which is the name of {', '.join(sorted(ids))}"
        if ids[0] not in found:
            found.append(ids[0])
    if not found:
        return None, "the title names no place"
    deepest = max(_DEPTH[places[p].level] for p in found)
    chosen = [p for p in found if _DEPTH[places[p].level] == deepest]
    others = [p for p in found if p not in chosen and places[p].level != "region"]
    if len(chosen) > 1 or any(o not in _ancestors(chosen[0]) for o in others):
        names = ", ".join(places[p].zh for p in found)
        return None, f"the title names several places ({names})"
    return chosen[0], "from the title"


def resolve_place(name: str) -> Place:
    """The place a maintainer means by ``name``: an id, a Chinese or English name, or an alias."""
    places, forms = _places()
    ids = forms.get(name.strip().lower(), [])
    if len(ids) == 1:
        return places[ids[0]]
    if len(ids) > 1:
        raise ValueError(f"--place {name} names {len(ids)} places ({', '.join(sorted(ids))}): give the id")
    raise ValueError(f"--place {name} is not a place of index/lexicon/places.tsv: give an id or name "
                     "from it (e.g. guangdong, 广州, Shenzhen)")


def place_label(pid: str) -> str:
    places, _ = _places()
    return places[pid].label if pid in places else pid
