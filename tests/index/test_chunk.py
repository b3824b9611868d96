import re
from functools import lru_cache

import pytest

from index.chunk import MAX_CHARS, chunk_document, sentence_spans
from index.clean import clean_document
from index.corpus import read_corpus
from index.search_form import restore_censored, search_form, to_simplified
from index.settings import PROJECT_ROOT
from index.types import Chunk, CleanDoc, DocMeta

CORPUS = PROJECT_ROOT / "corpus"
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)|(?<=\?)[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
WS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def corpus() -> dict[str, tuple[str, DocMeta, CleanDoc, list[Chunk]]]:
    out = {}
    for d in read_corpus(CORPUS).documents:
        clean = clean_document(d.text, d.meta, d.encoding)
        out[d.meta.id] = (d.text, d.meta, clean, chunk_document(clean, d.meta))
    return out


def all_chunks() -> list[Chunk]:
    return [c for *_, chunks in corpus().values() for c in chunks]


def test_chunks_in_both_languages_for_the_white_papers():
    for doc_id in ("gd-ip-protection-2023", "gd-ip-protection-2024"):
        langs = {c.lang for c in corpus()[doc_id][3]}
        assert langs == {"zh", "en"}
    assert {c.lang for c in corpus()["gd-ip-plan-14th-fyp"][3]} == {"zh"}


def test_chunk_quote_is_exact_clean_substring_and_maps_back_to_raw():
    for raw, _, clean, chunks in corpus().values():
        for c in chunks:
            assert clean.text[c.start : c.end] == c.text
            assert (c.raw_start, c.raw_end) == clean.raw_span(c.start, c.end)
            # The raw span, with pinyin and whitespace dropped, holds the quote's characters.
            raw_view = WS.sub("", PINYIN.sub("", raw[c.raw_start : c.raw_end])).replace("\u00a0", "")
            if c.kind != "table_row":
                assert WS.sub("", c.text) in raw_view or _loosely_equal(WS.sub("", c.text), raw_view), c.id


def _loosely_equal(quote: str, raw_view: str) -> bool:
    # Lines the cleaner dropped (a byline, a list caption) may sit inside a chunk's raw span:
    # the quote's letters must then appear in the span in order, none invented.
    keep = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
    chars = iter("".join(keep.findall(raw_view)))
    return all(ch in chars for ch in "".join(keep.findall(quote)))


def test_no_pinyin_or_spam_in_any_chunk():
    for c in all_chunks():
        assert not PINYIN.search(c.text), c.text
        assert "|" not in c.text and "久久" not in c.text and "關閉" not in c.text


def test_every_chunk_fits_its_size_budget():
    for c in all_chunks():
        assert len(c.text) <= MAX_CHARS[c.lang] or c.kind == "table_row", (len(c.text), c.text[:40])


def test_chunks_carry_structure():
    chunks = corpus()["gd-ip-protection-2024"][3]
    arrests = next(c for c in chunks if "批准逮捕侵犯知识产权犯罪案件1265件" in c.text)
    assert arrests.section == ["三、从严加强知识产权司法保护"]
    assert arrests.linked_section == ["III. Strengthening Judicial IPR Protection"]
    assert arrests.year == 2024 and arrests.lang == "zh" and arrests.source == "gd-ip-protection-2024.txt"
    assert arrests.paragraph > 1
    en = next(c for c in chunks if c.lang == "en" and "III. Strengthening Judicial IPR Protection" in c.section)
    assert en.linked_section == ["三、从严加强知识产权司法保护"]


def test_plan_table_rows_are_single_chunks_under_their_table():
    chunks = corpus()["gd-ip-plan-14th-fyp"][3]
    row = next(c for c in chunks if c.text.startswith("商标**发展指数"))
    assert row.kind == "table_row"
    assert row.section[-1] == "广东省“十四五”知识产权发展主要指标表"
    assert "商标国家发展指数" in row.search_text  # ** restored for search only
    assert "**" in row.text


def test_search_form_is_simplified_and_titled():
    chunks = corpus()["gd-ip-protection-2023"][3]
    c = next(c for c in chunks if c.lang == "zh" and "批捕" in c.text)
    assert "檢察機關" in c.text
    assert "检察机关" in c.search_text and "2023年广东省知识产权保护状况" in c.search_text


def test_ids_are_unique_and_stable():
    ids = [c.id for c in all_chunks()]
    assert len(ids) == len(set(ids))
    again = [c.id for c in _rechunk()]
    assert again == ids


def _rechunk() -> list[Chunk]:
    out = []
    for d in read_corpus(CORPUS).documents:
        out += chunk_document(clean_document(d.text, d.meta, d.encoding), d.meta)
    return out


def test_editing_one_paragraph_changes_only_its_chunks():
    raw, meta, _, before = corpus()["gd-ip-protection-2024"]
    edited = raw.replace("存案11337件", "存案11338件")
    assert edited != raw
    after = chunk_document(clean_document(edited, meta), meta)
    changed = {c.id for c in before} ^ {c.id for c in after}
    assert len(changed) == 2  # one chunk out, its replacement in
    assert any("11338" in c.text for c in after if c.id in changed)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("甲。乙！丙？丁；戊", ["甲。", "乙！", "丙？", "丁；", "戊"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
    ],
)
def test_chinese_sentences(text, sentences):
    assert [text[s:e] for s, e in sentence_spans(text, "zh")] == sentences


def test_english_sentences_use_a_real_splitter():
    text = "In 2023, Mr. Li of the U.S. office visited. The province filed 286 cases. It rose 5.8% y.o.y."
    spans = sentence_spans(text, "en")
    assert "".join(text[s:e] for s, e in spans) == text
    assert [text[s:e].strip() for s, e in spans] == [
        "In 2023, Mr. Li of the U.S. office visited.",
        "The province filed 286 cases.",
        "It rose 5.8% y.o.y.",
    ]


def test_search_form_helpers():
    assert to_simplified("知識產權保護") == "知识产权保护"
    assert to_simplified("Guangdong") == "Guangdong"
    assert restore_censored("商标**发展指数，***、新经济") == "商标国家发展指数，***、新经济"
    assert search_form("text", lang="en", title="T", section=["I. A"]) == "T | I. A\ntext"


@pytest.mark.integration
def test_every_chunk_fits_the_model_window_with_the_real_tokenizer():
    """The character caps are a measurement; this checks them against e5's own tokenizer,
    counting the passage prefix and special tokens, on the search form that is embedded."""
    from index.chunk import MAX_TOKENS
    from index.embed import E5Embedder
    from index.settings import Settings

    embedder = E5Embedder(Settings.from_env().model_dir, variant="int8")
    chunks = all_chunks()
    counts = embedder.token_count([c.search_text for c in chunks])
    worst = max(zip(counts, (c.text[:30] for c in chunks), strict=True))
    assert worst[0] <= MAX_TOKENS, worst
