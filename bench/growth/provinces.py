"""Provinces and their cities from the project's place table (index/lexicon/places.tsv), and the
table that rewrites a Guangdong document's place names as another province's.

Each name of a place has a role (official name, its traditional form, the short name, the
single-character abbreviation 粤, the English name, "… Province"), and a name is replaced by the
other place's name in the same role, so 廣東省 becomes 江蘇省 and "Guangdong Province" becomes
"Jiangsu Province". Guangdong's cities are given the other province's cities in the table's order
(the capital first), round robin where it has fewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parents[2] / "index" / "lexicon" / "places.tsv"
HOME = "guangdong"
# Province-level divisions that cannot stand in for Guangdong: municipalities and SARs have no
# prefecture-level cities of their own, and Taiwan's cities are not in the table.
_NO_CITIES = frozenset({"beijing", "tianjin", "shanghai", "chongqing", "hong_kong", "macao", "taiwan"})
_SUFFIXES = (" Province", " City", " Autonomous Region", " Municipality")


def _cjk(s: str) -> bool:
    return bool(s) and all("\u3400" <= ch <= "\u9fff" for ch in s)


@dataclass(frozen=True)
class Place:
    id: str
    level: str
    parent: str
    names: dict[str, str]  # role → name; see _roles

    def name(self, role: str) -> str:
        """The place's name in a role, or the nearest role it has (no traditional form: the simplified)."""
        for r in (role, *_FALLBACK.get(role, ())):
            if r in self.names:
                return self.names[r]
        return self.names["zh"]


_FALLBACK = {"zh_hant": ("zh",), "short_hant": ("short", "zh"), "abbr": ("short",), "abbr_hant": ("abbr", "short"),
             "en_suffixed": ("en",)}


def _roles(zh: str, zh_hant: str, en: str, aliases: list[str]) -> dict[str, str]:
    """role → name for one row; an alias that fits no role is left out of the table (it is
    still replaced: see Swap)."""
    names = {"zh": zh, "zh_hant": zh_hant, "en": en}
    short = aliases[0] if aliases and _cjk(aliases[0]) else zh
    names["short"] = short
    for a in aliases[1:]:
        if _cjk(a) and len(a) == len(short) > 1 and a != short and "short_hant" not in names:
            names["short_hant"] = a
        elif _cjk(a) and len(a) == 1:
            names.setdefault("abbr_hant" if "abbr" in names else "abbr", a)
        elif a.isascii() and a.endswith(_SUFFIXES) and "en_suffixed" not in names:
            names["en_suffixed"] = a
    return names


def _alias_role(alias: str, place: Place) -> str:
    """The role a name of ``place`` plays, for the ones _roles did not keep (Canton → en)."""
    for role, name in place.names.items():
        if name == alias:
            return role
    if alias.isascii():
        return "en_suffixed" if alias.endswith(_SUFFIXES) else "en"
    return "abbr" if len(alias) == 1 else "short"


@dataclass(frozen=True)
class PlaceTable:
    places: dict[str, Place]
    aliases: dict[str, tuple[str, ...]]  # id → every name of the row

    def cities(self, province: str) -> list[Place]:
        return [p for p in self.places.values() if p.level == "city" and p.parent == province]

    def provinces(self) -> list[Place]:
        """Provinces with cities of their own, other than Guangdong, in the table's order."""
        return [p for p in self.places.values() if p.level == "province" and p.id != HOME
                and p.id not in _NO_CITIES and self.cities(p.id)]

    def forms(self, place_id: str) -> tuple[str, ...]:
        return self.aliases[place_id]


def load_places(path: Path = PLACES_FILE) -> PlaceTable:
    places: dict[str, Place] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 7:
            raise ValueError(f"{path}: expected 7 tab-separated columns, got {len(cols)} in {line[:60]!r}")
        pid, level, parent, zh, zh_hant, en, alias_field = cols
        names = [a for a in alias_field.split("|") if a]
        places[pid] = Place(pid, level, parent, _roles(zh, zh_hant, en, names))
        aliases[pid] = tuple(dict.fromkeys([zh, zh_hant, en, *names]))
    return PlaceTable(places, aliases)


@dataclass(frozen=True)
class Swap:
    """Rewrites Guangdong's names (the province's and its cities') as another province's."""

    target: str
    replacements: dict[str, str]  # source name (lower-cased if ASCII) → target name
    places: dict[str, str]  # Guangdong's id and its cities' ids → the ids that replace them
    pattern: re.Pattern[str]

    def __call__(self, text: str) -> str:
        def repl(m: re.Match[str]) -> str:
            name = m.group(0)
            if name.isascii():
                before = text[m.start() - 1] if m.start() else " "
                after = text[m.end()] if m.end() < len(text) else " "
                # Part of another word ("Zhuhaiyang"); a capital starts a new word even where a
                # space is missing ("concludedtheGuangdong-Hong Kong" in the 2024 white paper).
                if (before.isalpha() and not name[0].isupper()) or after.islower():
                    return name
                return self.replacements[name.lower()]
            return self.replacements[name]

        return self.pattern.sub(repl, text)


def province_swap(table: PlaceTable, target: str) -> Swap:
    """The swap from Guangdong to province ``target`` (an id of places.tsv)."""
    pairs: list[tuple[Place, Place]] = [(table.places[HOME], table.places[target])]
    theirs = table.cities(target)
    if not theirs:
        raise ValueError(f"{target} has no prefecture-level cities in {PLACES_FILE.name}")
    pairs += [(city, theirs[i % len(theirs)]) for i, city in enumerate(table.cities(HOME))]
    replacements: dict[str, str] = {}
    for source, dest in pairs:
        for name in table.forms(source.id):
            key = name.lower() if name.isascii() else name
            replacements.setdefault(key, dest.name(_alias_role(name, source)))
    # Longest first, so 广东省 is one name and not 广东 + 省; ASCII names in any case.
    names = sorted(replacements, key=len, reverse=True)
    alternatives = [f"(?i:{re.escape(n)})" if n.isascii() else re.escape(n) for n in names]
    return Swap(target, replacements, {s.id: d.id for s, d in pairs}, re.compile("|".join(alternatives)))
