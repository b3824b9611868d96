"""The derived corpus: the real documents plus, for each of N other provinces, up to five of them
rewritten as that province's (bench/growth/derive.py), with metadata entries like the real ones.

Written into a folder of the caller's (a temporary folder or .qa/), never into corpus/. A
province's documents all get the same year shift and figure factor, from short cycles, so some
provinces report the same years as Guangdong (the hardest case for telling places apart) and
others shifted ones.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.growth.derive import apply_edits, shift_figures, strip_pinyin, year_edits
from bench.growth.provinces import HOME, PlaceTable, Swap, load_places, province_swap
from index.clean import decode_bytes

METADATA = "metadata.json"
YEAR_SHIFTS = (0, 1, -1, 2)
FACTORS = (Decimal("1.2"), Decimal("0.9"), Decimal("1.3"), Decimal("0.8"), Decimal("1.1"))
MAX_PROVINCES = 19


@dataclass(frozen=True)
class Derived:
    file: str
    doc_id: str
    province: str  # places.tsv id
    year_shift: int
    factor: Decimal
    source: str  # the real document's file


def _shift_years(text: str, shift: int) -> str:
    return apply_edits(text, year_edits(text, shift, []))


def _place_field(value: str, entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` with a ``place`` field when the code reading the corpus knows one (another branch
    adds it to the metadata); a corpus for code without it gets none, so the run still works."""
    from index.types import DocMeta

    if "place" not in DocMeta.model_fields:
        return entry
    for candidate in (value, value.replace("_", "-")):
        try:
            DocMeta(**{**entry, "place": candidate})
        except ValueError:
            continue
        return {**entry, "place": candidate}
    return entry


def _doc_place(entry: dict[str, Any], swap: Swap, table: PlaceTable) -> str:
    """The derived document's place: the city its source's title names (the Guangzhou report
    becomes the other capital's), else the province."""
    for source, target in swap.places.items():
        if source != HOME and any(f in entry["title_zh"] or f in entry["title_en"] for f in table.forms(source)):
            return target
    return swap.target


def derive_entry(entry: dict[str, Any], swap: Swap, table: PlaceTable, shift: int, factor: Decimal
                 ) -> dict[str, Any]:
    """The metadata entry of one derived document."""
    province_slug = swap.target.replace("_", "-")
    out = {
        **entry,
        "id": f"{province_slug}-{entry['id']}",
        "file": f"{province_slug}-{entry['file']}",
        "title_zh": swap(_shift_years(entry["title_zh"], shift)),
        "title_en": swap(_shift_years(entry["title_en"], shift)),
        "publisher": swap(entry["publisher"]) if entry.get("publisher") else entry.get("publisher"),
        "site": None,
        "published": _shift_years(entry["published"], shift) if entry.get("published") else entry.get("published"),
        "year": int(entry["year"]) + shift,
        "notes": (f"Derived by bench/growth from {entry['file']}: {swap.target} for Guangdong, years "
                  f"{shift:+d}, figures ×{factor}. Not a real document."),
    }
    out.pop("place", None)
    return _place_field(_doc_place(entry, swap, table), out)


def derive_text(raw: str, swap: Swap, shift: int, factor: Decimal) -> str:
    return swap(shift_figures(strip_pinyin(raw), factor, shift))


def write_corpus(source: Path, out: Path, provinces: int, docs_per_province: int) -> list[Derived]:
    """Copy the real corpus into ``out`` and add the derived documents; returns what was derived."""
    if not 0 <= provinces <= MAX_PROVINCES:
        raise ValueError(f"provinces must be 0 to {MAX_PROVINCES}, got {provinces}")
    meta = json.loads((source / METADATA).read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = meta["documents"]
    out.mkdir(parents=True, exist_ok=True)
    for e in entries:
        shutil.copyfile(source / e["file"], out / e["file"])
    table = load_places()
    derived: list[Derived] = []
    new_entries: list[dict[str, Any]] = []
    for i, province in enumerate(table.provinces()[:provinces]):
        swap = province_swap(table, province.id)
        shift, factor = YEAR_SHIFTS[i % len(YEAR_SHIFTS)], FACTORS[i % len(FACTORS)]
        for e in entries[:docs_per_province]:
            raw, _ = decode_bytes((source / e["file"]).read_bytes(), e["file"])
            d = derive_entry(e, swap, table, shift, factor)
            (out / d["file"]).write_text(derive_text(raw, swap, shift, factor), encoding="utf-8")
            new_entries.append(d)
            derived.append(Derived(d["file"], d["id"], province.id, shift, factor, e["file"]))
    (out / METADATA).write_text(json.dumps({**meta, "documents": entries + new_entries}, ensure_ascii=False,
                                           indent=2) + "\n", encoding="utf-8")
    return derived
