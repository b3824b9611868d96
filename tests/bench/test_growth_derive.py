"""The growth benchmark's derived corpus: another province's names in both languages, years
shifted, figures changed the same way in the Chinese text and its English translation."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from bench.growth.corpus import derive_text, write_corpus
from bench.growth.derive import figure_edits, new_value, shift_figures, strip_pinyin
from bench.growth.provinces import load_places, province_swap
from index.figures.recognize import parse_figures

ROOT = Path(__file__).resolve().parents[2]
TABLE = load_places()
GUANGDONG = re.compile(r"广东|廣東|粤|粵|guangdong", re.IGNORECASE)
# Real sentences of the 2024 white paper (zh and its English translation) and of the 2023 one.
ZH = "2024年,全省法院新收各类知识产权案件83308件,审结88462件;民事案件赔偿额达88.5亿元。广州、深圳知识产权法庭"
EN = ("In 2024, courts across Guangdong Province received 83,308 new IPR cases and concluded 88,462; "
      "damages in civil cases reached RMB 8.85 billion. The Guangzhou and Shenzhen IP tribunals")
HANT = "2023年,廣東省知識產(chǎn)權(quán)局聯合粵港澳"


@pytest.mark.parametrize("province", [p.id for p in TABLE.provinces()[:19]])
def test_a_province_swap_renames_both_languages_and_leaves_no_guangdong(province: str) -> None:
    swap = province_swap(TABLE, province)
    target = TABLE.places[province]
    zh, en, hant = swap(ZH), swap(EN), swap(strip_pinyin(HANT))
    for text in (zh, en, hant):
        assert not GUANGDONG.search(text), text
        assert not re.search(r"广州|深圳|Guangzhou|Shenzhen", text), text
    assert f"{target.name('en')} Province" in en or target.name("en_suffixed") in en
    assert target.name("zh_hant") in hant and target.name("abbr_hant") in hant
    capital = TABLE.cities(province)[0]
    assert capital.name("short") in zh and capital.name("en") in en


def test_a_name_inside_another_word_is_left_alone() -> None:
    swap = province_swap(TABLE, "jiangsu")
    assert swap("Zhuhaiyang Road") == "Zhuhaiyang Road"
    assert swap("concludedtheGuangdong-Hong Kong agreement") == "concludedtheJiangsu-Hong Kong agreement"


def _values(text: str) -> list[float]:
    return sorted(f.value for f in parse_figures(text) if f.kind in ("quantity", "percent"))


@pytest.mark.parametrize("factor", ["1.2", "0.9", "1.3", "0.8", "1.1"])
def test_perturbed_figures_stay_the_same_in_chinese_and_english(factor: str) -> None:
    f = Decimal(factor)
    zh, en = shift_figures(ZH, f, 0), shift_figures(EN, f, 0)
    assert _values(zh) == _values(en)  # 88.5亿 and 8.85 billion still one value
    assert _values(zh) != _values(ZH)
    assert _values(zh) == sorted(float(new_value(v, f)) for v in _values(ZH))


def test_a_value_one_occurrence_cannot_rewrite_keeps_its_value_everywhere() -> None:
    # 二十 cannot be rewritten in place, so the 20 of the same document keeps its value too.
    text = "二十件。 20 cases; 1,265 cases"
    assert [e.text for e in figure_edits(text, Decimal("1.2"))] == ["1,518"]


def test_whole_counts_stay_whole_and_keep_their_form() -> None:
    out = shift_figures("审结88,462件,赔偿8.85万元,上升61.73%", Decimal("1.3"), 0)
    assert out == "审结115,001件,赔偿11.505万元,上升80.25%"


@pytest.mark.parametrize("shift", [-1, 1, 2])
def test_years_shift_everywhere(shift: int) -> None:
    text = "2023年广东;2024-05-17发布;《纲要(2021—2035年)》; in 2024, Guangdong; 1,265 cases; 0751-8203663"
    out = shift_figures(text, Decimal(1), shift)
    years = [int(y) for y in re.findall(r"(?<!\d)20\d\d(?!\d)", out)]
    assert years == [y + shift for y in (2023, 2024, 2021, 2035, 2024)]
    assert "1,265" in out and "0751-8203663" in out  # a count and a phone number are no years


def test_a_derived_document_of_the_real_corpus(tmp_path: Path) -> None:
    derived = write_corpus(ROOT / "corpus", tmp_path, 2, 2)
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))["documents"]
    assert len(meta) == 5 + 4 and len(derived) == 4
    d = derived[2]  # the second province's 2023 white paper: years +1
    text = (tmp_path / d.file).read_text(encoding="utf-8")
    assert not GUANGDONG.search(text)
    entry = next(e for e in meta if e["file"] == d.file)
    assert entry["year"] == 2023 + d.year_shift and str(2023 + d.year_shift) in entry["title_zh"]
    assert TABLE.places[d.province].name("short") in entry["title_zh"]
    real = json.loads((ROOT / "corpus" / "metadata.json").read_text(encoding="utf-8"))["documents"]
    assert meta[:5] == real  # the real entries are copied unchanged
    assert derive_text("2024年广东", province_swap(TABLE, "hebei"), 1, Decimal("1.2")) == "2025年河北"
