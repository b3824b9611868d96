"""Word lists and tables kept as data, one file a table, each with a header saying what it holds
and where it comes from (lines starting with ``#``). Columns are separated by a tab; the order
of rows is kept, since some tables are tried in order.

The loaders are typed and cached; a malformed file is an error that names the file and line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent


class LexiconError(ValueError):
    """A data file that cannot be read as the table it should be."""


@cache
def rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """The rows of a data file, each with exactly ``columns`` fields."""
    path = LEXICON_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as e:
        raise LexiconError(f"{path}: cannot read the word list ({e.strerror or e})") from e
    out = []
    for lineno, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise LexiconError(f"{path}:{lineno}: expected {columns} tab-separated fields, got {len(fields)}")
        out.append(fields)
    return tuple(out)


def words(name: str) -> frozenset[str]:
    """A one-column word list."""
    return frozenset(r[0] for r in rows(name, 1))


def ordered_words(name: str) -> tuple[str, ...]:
    """A one-column word list in file order."""
    return tuple(r[0] for r in rows(name, 1))


def mapping(name: str) -> dict[str, str]:
    """A two-column table: first column → second, in file order."""
    return {k: v for k, v in rows(name, 2)}


def hyphen_or_space(pattern: str) -> str:
    """A lexicon pattern whose spaces between English words match a hyphen too, outside character
    classes: English joins a compound modifier with one ("geographical-indication trademarks")
    where the lexicon writes the name ("geographical indications"). Escapes are kept as they are
    (an escaped space stays one space), and a class's leading "]" is literal. Not for verbose
    ``(?x)`` patterns, where a space is no character."""
    out: list[str] = []
    in_class = class_start = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]" and not class_start:
                in_class = False
            class_start = class_start and ch == "^"
        elif ch == "[":
            in_class, class_start = True, True
        out.append("[- ]" if ch == " " and not in_class else ch)
        i += 1
    return "".join(out)


def alternation(forms: Iterable[str]) -> re.Pattern[str]:
    """Word-list forms as one case-insensitive pattern, longest first: English forms as whole words ("up"
    does not match "update"), Chinese ones as substrings."""
    parts = [rf"\b{re.escape(f)}\b" if f.isascii() else re.escape(f) for f in sorted(forms, key=len, reverse=True)]
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def marker_source(name: str) -> str:
    """A one-column word list as the source of a regular expression, longest first, each form apart
    from letters on both sides ("counting" is not found in "accounting", "including" is in
    "including软件"), for patterns that put it beside their own context."""
    forms = "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))
    return rf"(?<![A-Za-z])(?:{forms})(?![A-Za-z])"


@cache
def patterns_by_kind(name: str) -> dict[str, re.Pattern[str]]:
    """A two-column table of (kind, regular expression): each kind's expressions as one
    case-insensitive alternation, in file order."""
    table: dict[str, list[str]] = {}
    for kind, pattern in rows(name, 2):
        table.setdefault(kind, []).append(pattern)
    return {k: re.compile("|".join(f"(?:{p})" for p in v), re.IGNORECASE) for k, v in table.items()}


def fingerprint() -> str:
    """A hash of every data file here: what was built from them is stale when it changes."""
    h = hashlib.sha256()
    for path in sorted(LEXICON_DIR.iterdir()):
        if path.suffix in (".tsv", ".txt"):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()
