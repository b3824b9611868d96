import re
from functools import lru_cache

import pytest

from index.clean import UnreadableDocument, clean_document, decode_bytes
from index.clean_lines import is_spam_line, normalize_char
from index.corpus import read_corpus
from index.settings import PROJECT_ROOT
from index.types import CleanDoc

CORPUS = PROJECT_ROOT / "corpus"
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


@lru_cache(maxsize=1)
def cleaned() -> dict[str, tuple[str, CleanDoc]]:
    corpus = read_corpus(CORPUS)
    return {d.meta.id: (d.text, clean_document(d.text, d.meta, d.encoding)) for d in corpus.documents}


def test_all_five_documents_are_read():
    assert sorted(cleaned()) == [
        "gd-ip-plan-14th-fyp",
        "gd-ip-protection-2023",
        "gd-ip-protection-2024",
        "gd-ip-top10-events-2024",
        "gz-ip-admin-protection-2023",
    ]


def test_corpus_copies_are_byte_identical_to_shared():
    shared = PROJECT_ROOT.parent / "shared" / "corpus"
    if not shared.is_dir():
        pytest.skip("../shared/corpus not beside this checkout")
    for f in shared.iterdir():
        assert (CORPUS / f.name).read_bytes() == f.read_bytes(), f.name


@pytest.mark.parametrize("doc_id", ["gd-ip-protection-2023", "gz-ip-admin-protection-2023"])
def test_no_pinyin_annotation_survives(doc_id):
    raw, doc = cleaned()[doc_id]
    assert PINYIN.search(raw)  # the raw file really has them
    assert not PINYIN.search(doc.text)
    assert "知識產權" in doc.text


@pytest.mark.parametrize(
    "spam",
    [
        "精品视频在线观看免费",
        "苗栗县|",
        "0751-8203663",
        "yb8203663@163.com",
        "沐溪大道",
        "首頁",
        "關閉",
        "文章詳情",
        "點擊",
        "360影视",
        "摘要:",
        "读创客户端驻穗记者",
        "相关推荐",
        "发表评论",
        "匿名评论",
        "卓胜佰达",
        "个人中心",
    ],
)
def test_no_spam_or_navigation_survives(spam):
    for _, doc in cleaned().values():
        assert spam not in doc.text


@pytest.mark.parametrize(
    "figure",
    ["543.0万件", "35.1万件", "27.8件", "12.0件", "152.4%", "227.2%", "20.7万件", "907.6亿元", "4.8万件",
     "47.7万件", "1.2万件", "8.7%", "(2021—2035年)"],
)
def test_plan_split_numbers_are_rejoined(figure):
    _, doc = cleaned()["gd-ip-plan-14th-fyp"]
    assert figure in doc.text


def test_plan_keeps_censored_word_as_printed():
    _, doc = cleaned()["gd-ip-plan-14th-fyp"]
    assert "商标**发展指数" in doc.text
    assert "国家知识产权局" not in doc.text  # never restored in display


@pytest.mark.parametrize(
    "row",
    [
        "商标**发展指数 (分): 2020年 87.95, 2025年 90 (预期性)",
        "每万人口高价值发明专利拥有量 (件): 2020年 13.5, 2025年 20 (预期性)",
        "发明专利有效量 (万件): 目标值 20, 完成值 35.1",
        "有效注册商标量 (万件): 目标值 210, 完成值 543.0",
        "知识产权维权援助和调解办案量 (件/年): 2020年 ———, 2025年 ≥3000 (预期性)",
        "版权产业对国民经济的贡献率 (%): 目标值 ≥9, 完成值 8.7",
    ],
)
def test_plan_tables_become_readable_rows(row):
    _, doc = cleaned()["gd-ip-plan-14th-fyp"]
    rows = [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "table_row"]
    assert row in rows
    assert len(rows) == 18 + 14


def test_table_row_maps_to_its_raw_lines():
    raw, doc = cleaned()["gd-ip-plan-14th-fyp"]
    row = next(p for p in doc.paragraphs if doc.text[p.start : p.end].startswith("商标**发展指数"))
    rs, re_ = doc.raw_span(row.start, row.end)
    assert raw[rs:re_] == "商标**发展指数\n分\n87\n.\n95\n90\n预期性"


def test_every_clean_character_maps_into_the_raw_file():
    for raw, doc in cleaned().values():
        assert len(doc.raw_starts) == len(doc.raw_ends) == len(doc.text)
        for i, ch in enumerate(doc.text):
            s, e = doc.raw_starts[i], doc.raw_ends[i]
            assert 0 <= s <= e <= len(raw)
            if e > s:  # copied, not inserted: the raw character normalises to this one
                assert normalize_char(raw[s]) == ch or raw[s] == ch


def test_headings_and_languages():
    _, doc = cleaned()["gd-ip-protection-2024"]
    headings = [(p.lang, doc.text[p.start : p.end]) for p in doc.paragraphs if p.kind == "heading"]
    assert ("zh", "三、从严加强知识产权司法保护") in headings
    assert ("en", "III. Strengthening Judicial IPR Protection") in headings
    _, plan = cleaned()["gd-ip-plan-14th-fyp"]
    plan_headings = [plan.text[p.start : p.end] for p in plan.paragraphs if p.kind == "heading"]
    assert "第一章 “十三五”时期工作成效和“十四五”时期发展形势" in plan_headings
    assert "第三章 全面加强知识产权保护 激发全社会创新活力" in plan_headings
    assert "第三节 主要目标" in plan_headings


def test_english_part_has_no_non_breaking_spaces_and_keeps_truncated_tail():
    _, doc = cleaned()["gd-ip-protection-2023"]
    assert "\u00a0" not in doc.text
    assert "IV. All-round Promotion of Coordinated IPR Protection" in doc.text
    assert "seized 15,766 batches of infringing goods" in doc.text


# --- decoding ----------------------------------------------------------------------------------

SAMPLE_SIMPLIFIED = "2024年，全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人。广东省知识产权保护状况。"
SAMPLE_TRADITIONAL = "2023年，全省檢察機關共批捕侵犯知識產權犯罪案件800件1156人。廣東省知識產權保護狀況。"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(SAMPLE_SIMPLIFIED, "gb18030"), (SAMPLE_TRADITIONAL, "big5"), (SAMPLE_SIMPLIFIED, "utf-8")],
)
def test_legacy_encodings_decode_correctly(text, encoding):
    decoded, used = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert used == encoding


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
     (bytes(range(256)) * 8, "binary")],
)
def test_unusable_files_are_rejected_by_name(data, problem):
    with pytest.raises(UnreadableDocument, match=f"bad.txt.*{problem}|{problem}"):
        decode_bytes(data, "bad.txt")


@pytest.mark.parametrize(
    ("line", "spam"),
    [
        ("精品视频在线观看免费_久久综合给合久久狠狠狠974_久久久久三级精品视频_久久久无码精品视频", True),
        ("苗栗县| 桐梓县| 东明县| 福贡县| 襄汾县| 武隆县|", True),
        ("2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;审结88462件。", False),
        ("Guangdong_IP_report is here. Read it.", False),
    ],
)
def test_spam_lines(line, spam):
    assert is_spam_line(line) is spam
