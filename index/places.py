"""Places: which places a text names, where a figure is given for, and whether a question's place
meets a figure's. One table as data (index/lexicon/places.tsv): every province-level division and
prefecture-level city of China, Guangdong's districts and zones, the main foreign countries and
regions, each with its parent (district → city → province → china), in both scripts and English.

Places are named by the table's ids (``guangdong``, ``shenzhen``). Only Chinese administrative
places locate a figure (provinces, including Hong Kong, Macao and Taiwan; cities; districts):
in a province's paper, "中国专利奖", "美国、欧盟" or "全国第一" name an award, a destination or a
comparison, not where the figure was counted. Pure functions over the loaded table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from index.lexicon import LexiconError, rows, words
from index.text import en_tokens
from index.types import DocMeta

Level = Literal["country", "region", "province", "city", "district"]
_LEVELS: tuple[str, ...] = ("country", "region", "province", "city", "district")
# The levels that say where a figure was counted (see the module docstring).
LOCATING: frozenset[str] = frozenset({"province", "city", "district"})


@dataclass(frozen=True)
class Place:
    id: str
    level: Level
    parent: str | None
    zh: str  # full official simplified name (广东省)
    zh_hant: str
    en: str
    aliases: tuple[str, ...]  # the common short name first (广东), then other forms

    @property
    def short_zh(self) -> str:
        """The name people write (广东, 深圳, 香港): the first alias when it is Chinese, else the full name."""
        first = self.aliases[0] if self.aliases else ""
        return first if len(first) >= 2 and not first.isascii() else self.zh


@cache
def table() -> dict[str, Place]:
    """Every place by id; a row with an unknown level or parent is an error naming it."""
    out: dict[str, Place] = {}
    for pid, level, parent, zh, zh_hant, en, aliases in rows("places.tsv", 7):
        if level not in _LEVELS or pid in out:
            raise LexiconError(f"places.tsv: row {pid!r} has level {level!r} or a duplicate id")
        out[pid] = Place(pid, level, parent or None, zh, zh_hant, en,  # type: ignore[arg-type]
                         tuple(a for a in aliases.split("|") if a))
    for p in out.values():
        if p.parent is not None and p.parent not in out:
            raise LexiconError(f"places.tsv: row {p.id!r} names an unknown parent {p.parent!r}")
    return out


def _ambiguous_form(name: str) -> bool:
    """Single characters (粤 港 新 云: words and other places too) never count in running text;
    all-capital abbreviations (US, EU, HK) count only in capitals, as whole words."""
    return len(name) == 1


@dataclass(frozen=True)
class _Names:
    """Every place name (lower-cased, save all-capital abbreviations, which count only as written)
    and the ids it stands for, a name shared by two rows (Suzhou: 苏州 and 宿州) standing for both;
    ``lengths``: for each first character (lower-cased), the lengths of the names it starts, longest
    first."""

    ids: dict[str, frozenset[str]]
    abbreviations: frozenset[str]
    lengths: dict[str, tuple[int, ...]]
    joined: frozenset[str] = frozenset()  # a one-character name joined with 省 (粤省)


@cache
def _matcher() -> _Names:
    # A look-up at each position rather than one regular expression of every name: compiling an
    # alternation of ~7,000 names cost 0.15 s of every process's start and scanned each text
    # alternative by alternative.
    names: dict[str, set[str]] = {}
    joined: set[str] = set()
    for p in table().values():
        for form in (p.zh, p.zh_hant, p.en, *p.aliases):
            if form and not _ambiguous_form(form):
                names.setdefault(form if _is_abbreviation(form) else form.lower(), set()).add(p.id)
            elif form and p.level == "province" and p.zh.endswith("省") and not form.isascii():
                # a province's one-character name with 省 after it names it (粤省, 粵省, 湘省), where it
                # stands apart (_stands_apart): 出台省级 and 平台省内 name no Taiwan
                names.setdefault(form + "省", set()).add(p.id)
                joined.add(form + "省")
    lengths: dict[str, set[int]] = {}
    for n in names:
        lengths.setdefault(n[0].lower(), set()).add(len(n))
    return _Names({n: frozenset(ids) for n, ids in names.items()},
                  frozenset(n for n in names if _is_abbreviation(n)),
                  {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}, frozenset(joined))


def _name_at(text: str, i: int, names: _Names) -> tuple[str, int] | None:
    """The longest place name at ``text[i:]``: its key in ``names.ids`` and its length as written."""
    for n in names.lengths.get(text[i].lower(), ()):
        form = text[i:i + n]
        if len(form) < n:
            continue
        if form in names.abbreviations:
            return form, n
        key = form.lower()
        if key in names.ids and key not in names.abbreviations:
            return key, n
    return None


def _is_abbreviation(form: str) -> bool:
    letters = form.replace(".", "")
    return form.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 5


# "中山大学" is a university, not the city of Zhongshan; "US$" a currency.
_NOT_A_PLACE_RE = re.compile(r"中山(?:大学|大學)|Sun Yat-sen|\bUS\$", re.IGNORECASE)
# A campaign's name that is also a place's, before a campaign word (campaign_names_en.txt)
_CAMPAIGN_WORDS = r"(?:special\s+)?(?:campaigns?|actions?|operations?|drives?|crackdowns?)\b"


@cache
def _campaign_re() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(w) for w in words("campaign_names_en.txt")), key=len, reverse=True))
    return re.compile(rf"\b(?:{names})(?=\s+{_CAMPAIGN_WORDS})", re.IGNORECASE) if names else re.compile(r"(?!)")


# A one-character name with 省 stands apart: no Chinese character before it but a year's 年, a preposition or a
# conjunction (province_alias_before.txt: "2023年粤省", "在粤省"), nor 级 after it ("出台省级" is 出台 and 省级)
_JOINED_AFTER = re.compile(r"[级級]")


@cache
def _joined_before() -> re.Pattern[str]:
    allowed = "".join(words("province_alias_before.txt"))
    return re.compile(rf"[\u4e00-\u9fff](?<![{re.escape(allowed)}])")


def _stands_apart(text: str, start: int, end: int) -> bool:
    return not (_joined_before().match(text, max(0, start - 1), start) or _JOINED_AFTER.match(text, end))


_QUOTED = re.compile(r"[“「『\"'‘].+[”」』\"'’]", re.DOTALL)


def _mentions(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, ids) of every place name in the text, as written, leftmost and longest first."""
    for not_a_place in (_NOT_A_PLACE_RE, _campaign_re()):  # blanked, so the offsets stay the text's
        text = not_a_place.sub(lambda m: " " * len(m.group(0)), text)
    names = _matcher()
    out = []
    i = 0
    while i < len(text):
        found = _name_at(text, i, names)
        if found is None:
            i += 1
            continue
        key, n = found
        start, end = i, i + n
        i = end
        # An English name must stand as a word ("Shenzhen's" counts; "Zhongshanlu" does not); a Chinese
        # character beside it is a boundary ("2023年Shenzhen呢?").
        if key.isascii() and ((start > 0 and _latin(text[start - 1])) or (end < len(text) and _latin(text[end]))):
            continue
        # A name that is the whole of a quotation names a campaign or a brand, not where it is: the
        # "Qingyuan" action (清源, "clear the source") is the province's, not Qingyuan city's.
        if _QUOTED.fullmatch(text[max(0, start - 1) : end + 1]):
            continue
        if key in names.joined and not _stands_apart(text, start, end):
            continue
        out.append((start, end, names.ids[key]))
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def place_mentions(text: str) -> list[tuple[int, int, str]]:
    """Where a text names places: (start, end, id), a name shared by two rows giving the first id."""
    return [(s, e, min(ids)) for s, e, ids in _mentions(text)]


def places_in(text: str) -> frozenset[str]:
    """The ids of every place a text names, as written (ancestors, partners and foreign places included)."""
    return frozenset(p for _, _, ids in _mentions(text) for p in ids)


@cache
def _partner_re() -> re.Pattern[str]:
    markers = sorted(words("place_partners.txt"), key=len, reverse=True)
    zh = "|".join(re.escape(w) for w in markers if not w.isascii())
    en = "|".join(re.escape(w) for w in markers if w.isascii())  # whole words: "for", not "before"
    return re.compile(rf"(?:{zh}|\b(?:{en}))\s*(?:the\s+)?$", re.IGNORECASE)


_LIST_GAP = re.compile(r"\s*(?:、|和|及|以及|,|，|and|, and)?\s*(?:the\s+)?", re.IGNORECASE)


@cache
def _joint_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a marker just before a place, a word of acting together) of place_partners_joint.tsv."""
    kinds: dict[str, list[str]] = {}
    for kind, word in rows("place_partners_joint.tsv", 2):
        kinds.setdefault(kind, []).append(re.escape(word))
    return re.compile(f"(?:{'|'.join(kinds['marker'])})\\s*$"), re.compile("|".join(kinds["joint"]))


def _joint_partner(text: str, start: int, end: int, mentions: list[tuple[int, int, frozenset[str]]]) -> bool:
    """The place at ``start``–``end`` follows 跟/和 that no place name precedes, and a word of acting
    together follows it or its list within a few words: "跟HK、Macao customs联合执法"."""
    marker, joint = _joint_words()
    found = marker.search(text, max(0, start - 2), start)
    if found is None or any(e == found.start() for _, e, _ in mentions):
        return False
    last = end
    for s, e, _ in mentions:
        if s >= last and _LIST_GAP.fullmatch(text, last, s):
            last = e
    return bool(joint.search(text, last, last + 16))


def own_places_in(text: str) -> frozenset[str]:
    """The places a text names as its own, not as a partner or destination: "联合香港、澳门海关" and
    "for Hong Kong" name none (index/lexicon/place_partners.txt)."""
    return frozenset(p for _, _, ids in _own_mentions(text) for p in ids)


def _own_mentions(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """The mentions of ``own_places_in``, in order."""
    out = []
    partner, previous_end = False, -1
    mentions = _mentions(text)
    for start, end, ids in mentions:
        if partner and previous_end >= 0 and _LIST_GAP.fullmatch(text, previous_end, start):
            pass  # the list after a partner marker goes on
        else:
            partner = bool(_partner_re().search(text, max(0, start - 16), start)) \
                or _joint_partner(text, start, end, mentions)
        previous_end = end
        if not partner:
            out.append((start, end, ids))
    return out


def located_before(text: str, bodies: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
    """The places a Chinese text before a figure is about: ``located_in``, except where every place
    it names lies inside the name of a body (``bodies``: their spans) and the last is a province:
    the figure is that provincial body's, its cities the seats of bodies named on the way
    ("…广州知识产权法院共建广东知识产权纠纷调解中心,诉前成功调解案件3887件": the province's centre, one of
    whose builders is a Guangzhou court). A city named outside a body's name is where the figure is
    ("深圳企业获广东专利奖金奖5项": Shenzhen's)."""
    mentions = _own_mentions(text)
    found = locating(p for _, _, ids in mentions for p in ids)
    if len(mentions) < 2 or not found:
        return found
    def named(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in bodies)
    last = {p for p in mentions[-1][2] if level(p) == "province"}
    if len(last) == 1 and all(named(s, e) for s, e, _ in mentions) \
            and all(next(iter(last)) in ancestors(p) for p in found):
        return frozenset(last)
    return found


def ancestors(pid: str) -> tuple[str, ...]:
    """The places containing ``pid``, nearest first (shenzhen → guangdong, china)."""
    places, out = table(), []
    parent = places[pid].parent if pid in places else None
    while parent is not None and parent not in out:
        out.append(parent)
        parent = places[parent].parent
    return tuple(out)


def province_of(pid: str) -> str | None:
    """The province-level division a place lies in (itself for a province), or None (abroad)."""
    places = table()
    for p in (pid, *ancestors(pid)):
        if p in places and places[p].level == "province":
            return p
    return None


def home_province(document: str | None) -> str | None:
    """The province a document's place lies in; None for a document of no (or no known) place."""
    return province_of(document) if document else None


def level(pid: str) -> str | None:
    p = table().get(pid)
    return p.level if p else None


def locating(places: Iterable[str]) -> frozenset[str]:
    """The places that say where something was counted, each the most specific named: "广东深圳"
    is Shenzhen (Guangdong only says where Shenzhen is)."""
    kept = {p for p in places if level(p) in LOCATING}
    return frozenset(p for p in kept if not any(p in ancestors(o) for o in kept if o != p))


def located_in(text: str) -> frozenset[str]:
    """The places a question, claim, title or figure's clause is about (see ``locating`` and
    ``own_places_in``)."""
    return locating(own_places_in(text))


def title_place(title_zh: str, title_en: str) -> str | None:
    """A document's place read from its titles: the one place they name ("广州市…" → guangzhou;
    "…in Guangdong, China" → guangdong); of several in one province, that province; else None."""
    found = located_in(f"{title_zh} {title_en}")
    if len(found) == 1:
        return next(iter(found))
    provinces = {province_of(p) for p in found}
    if len(provinces) == 1 and None not in provinces:
        return provinces.pop()
    return None


def document_place(meta: DocMeta) -> str | None:
    """The place a document is about: its metadata's ``place``, else the one its titles name."""
    return meta.place or title_place(meta.title_zh, meta.title_en)


def place_mismatch(asked: frozenset[str], figure: frozenset[str], document: str | None) -> tuple[float, float]:
    """(other place, part figure). A question naming places is answered only by a figure given for
    one of them or for a part of one: -1 in the first for any other (Jiangsu's for Guangdong,
    Guangzhou's for Shenzhen, Guangdong's for Shenzhen). A part's figure (Shenzhen's for a
    question about Guangdong) is weighed down (-1 in the second), not ruled out: the province's
    own figure wins where the documents give it, and where they give only the city's, the answer
    names the city (qa.where). A figure's place is read from the words around it, and a city named
    in a neighbouring clause of a province's sentence is common ("…落地深圳，…全年新发行20支"): ruling
    such figures out lost the province's own figures. A question naming no place weighs down the
    same way a figure given for somewhere other than its document's province: a city's, a
    district's, Hong Kong's in Guangdong's paper, or any figure of a city's own report."""
    if asked:
        if asked & figure:
            return 0.0, 0.0
        if figure and all(any(a in ancestors(p) for a in asked) for p in figure):
            return 0.0, -1.0
        return -1.0, 0.0
    home = home_province(document)
    # A figure given for its document's province together with others is the province's own (the
    # Guangdong customs' joint actions "with the customs of Hong Kong and Macao"), no part's.
    part = bool(figure) and home not in figure and any(p != home for p in figure)
    return 0.0, (-1.0 if part else 0.0)


def place_name(pid: str, lang: str) -> str:
    """How an answer names a place: 广东 / Guangdong."""
    p = table().get(pid)
    if p is None:
        return pid
    return p.short_zh if lang == "zh" else p.en


def place_words(places: Iterable[str], lang: str) -> frozenset[str]:
    """The search words of places in one language: guangzhou → 广州 / {guangzhou}."""
    if lang == "zh":
        return frozenset(place_name(p, "zh") for p in places)
    return frozenset(w for p in places for w in en_tokens(place_name(p, "en")))
