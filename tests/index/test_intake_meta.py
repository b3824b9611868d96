"""What `qa add` reads from a new document's text: titles, year, languages, kind, date, place."""

from __future__ import annotations

import json

import pytest

from index.clean import decode_bytes
from index.corpus import load_metadata
from index.intake_meta import (
    kind_of,
    languages_of,
    main_year,
    place_from_title,
    read_header,
    resolve_place,
    years_in_title,
)
from index.metadata_file import format_metadata
from index.search_form import to_simplified
from tests.support import CORPUS

NAV = "首页\n新闻中心\n文章详情\n"
BODY_ZH = "2024年,全省法院新收知识产权案件83308件,审结88462件,同比分别增长5.3%和6.1%。\n"
BODY_EN = "In 2024, courts across the province accepted 83,308 new IP cases and concluded 88,462 of them.\n"


@pytest.mark.parametrize(("text", "zh", "en"), [
    # a Chinese title after the page's navigation
    (NAV + "2024年广西壮族自治区知识产权保护状况\n" + BODY_ZH, "2024年广西壮族自治区知识产权保护状况", None),
    # the page's own name comes first; the document's heading is the last title line before the text
    ("卓胜佰达知识产权\n广东省知识产权保护和运用“十四五”规划\n2022-05-07\n" + BODY_ZH,
     "广东省知识产权保护和运用“十四五”规划", None),
    # a byline with a date and a line of short words are not titles
    ("广东发布2024年度知识产权“十大事件”\n\n360影视 欧美动漫 2025-04-25 17:43 2\n" + BODY_ZH,
     "广东发布2024年度知识产权“十大事件”", None),
    # traditional script is read as written
    ("2023年廣東省知識產權保護狀況\n" + BODY_ZH, "2023年廣東省知識產權保護狀況", None),
    # English only
    ("Intellectual Property Protection in Hainan in 2024\n" + BODY_EN * 3, None,
     "Intellectual Property Protection in Hainan in 2024"),
    # bilingual: each language's title before its own text; a section heading is no title
    ("2024年广东省知识产权保护状况\n" + BODY_ZH * 3
     + "INTELLECTUAL PROPERTY RIGHTS PROTECTION IN GUANGDONG, CHINA IN 2024\n"
     + "(*The English version is for reference only.)\n" + BODY_EN + "I. Promoting Overall Planning\n" + BODY_EN,
     "2024年广东省知识产权保护状况", "INTELLECTUAL PROPERTY RIGHTS PROTECTION IN GUANGDONG, CHINA IN 2024"),
    # no heading line at all: nothing is made up
    (BODY_ZH * 2, None, None),
])
def test_titles_are_the_heading_lines(text: str, zh: str | None, en: str | None) -> None:
    titles = read_header(text).titles
    assert titles.get("zh") == zh and titles.get("en") == en


@pytest.mark.parametrize(("text", "published"), [
    ("广东知识产权报告\n来源:点击:时间:2024-05-17 16:38:00\n" + BODY_ZH, "2024-05-17"),
    ("广东知识产权报告\n发布时间:2025年3月12日\n" + BODY_ZH, "2025-03-12"),
    ("广东知识产权报告\n" + BODY_ZH + "2025-01-01 更新\n", None),  # after the text starts: not the header's
    ("广东知识产权报告\n2025-02-30\n" + BODY_ZH, None),  # no such day
])
def test_the_publication_date_comes_from_the_page_header(text: str, published: str | None) -> None:
    assert read_header(text).published == published


@pytest.mark.parametrize(("title", "years"), [
    ("2024年广东省知识产权保护状况", [2024]),
    ("Intellectual Property Rights Protection in Guangdong, China in 2023", [2023]),
    ("广东省知识产权保护和运用“十四五”规划", []),
    ("深圳市2021-2025年知识产权发展规划", [2021, 2025]),
    ("广州市2023年度知识产权行政保护工作绩效考核全国第一", [2023]),
    ("广东发布12345件专利", []),  # a five-digit count holds no year
])
def test_years_in_the_title(title: str, years: list[int]) -> None:
    assert years_in_title(title) == years


def test_without_a_year_in_the_title_the_text_names_it_most() -> None:
    text = "2023年度全国知识产权行政保护工作绩效考核结果,广州市排名第一,是继2022年度再次摘此殊荣。2023年全市查处案件1200件。"
    assert main_year(text) == 2023
    assert main_year("In 2022, the city approved 3,000 patents; in 2022 it also ... 2024 items") == 2022
    assert main_year("共有2024件案件") is None  # a count, not a year


@pytest.mark.parametrize(("text", "languages"), [
    (BODY_ZH * 5, ["zh-Hans"]),
    ("2023年廣東省知識產權保護狀況。全省法院新收知識產權案件8萬件,審結近9萬件,同比增長。\n" * 5, ["zh-Hant"]),
    (BODY_EN * 5, ["en"]),
    (BODY_ZH * 5 + BODY_EN * 2, ["zh-Hans", "en"]),
    # a few English words in a Chinese paper do not make it English
    (BODY_ZH * 20 + "WIPO PCT Madrid System.\n", ["zh-Hans"]),
])
def test_languages_by_script_share(text: str, languages: list[str]) -> None:
    assert languages_of(text) == languages


@pytest.mark.parametrize(("title", "kind"), [
    ("2024年广东省知识产权保护状况", "white_paper"),
    ("2023年廣東省知識產權保護狀況白皮書", "white_paper"),
    ("广东省知识产权保护和运用“十四五”规划", "plan"),
    ("Guangdong Action Plan for IP Protection", "plan"),
    ("广东发布2024年度知识产权“十大事件”", None),
])
def test_kind_from_the_title(title: str, kind: str | None) -> None:
    assert kind_of(title) == kind


@pytest.mark.parametrize(("title", "place"), [
    ("2024年广东省知识产权保护状况", "guangdong"),
    ("2023年廣東省知識產權保護狀況", "guangdong"),
    ("Intellectual Property Rights Protection in Guangdong, China in 2023", "guangdong"),  # China contains it
    ("INTELLECTUAL PROPERTY RIGHTS PROTECTION IN GUANGDONG, CHINA IN 2024", "guangdong"),
    ("广州市2023年度知识产权行政保护工作绩效考核全国第一", "guangzhou"),  # 全国 is China: contains it
    ("2024年广西壮族自治区知识产权保护状况", "guangxi"),
    ("2024年湛江市知识产权保护工作情况", "zhanjiang"),
    ("粤港澳大湾区知识产权发展报告", "greater_bay_area"),
    ("2024年中国知识产权保护状况", "china"),
    ("Shenzhen IP protection in 2024", "shenzhen"),
    ("知识产权保护工作情况", None),  # no place
    ("广州、深圳知识产权合作", None),  # two cities side by side
    ("广东与广西知识产权协作", None),  # two provinces
    ("Suzhou IP report", None),  # two cities share the name
    ("US patent trends", None),  # a capitals abbreviation is ambiguous in a title
])
def test_place_from_the_title(title: str, place: str | None) -> None:
    found, why = place_from_title(to_simplified(title))
    assert found == place, why
    assert why


@pytest.mark.parametrize(("name", "place"), [
    ("guangdong", "guangdong"), ("广州", "guangzhou"), ("廣州", "guangzhou"), ("Shenzhen", "shenzhen"),
    ("广西壮族自治区", "guangxi"),
])
def test_a_place_given_by_name_or_id(name: str, place: str) -> None:
    assert resolve_place(name).id == place


@pytest.mark.parametrize("name", ["Suzhou", "nowhere"])
def test_an_unknown_or_ambiguous_place_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match=f"--place {name}"):
        resolve_place(name)


def test_the_corpus_documents_read_as_their_metadata_says() -> None:
    """The hand-written entries of the real corpus agree with what is read from the text, where
    the text says it (the Guangzhou item has no title line; the plan's year is its base year)."""
    metas, _ = load_metadata(CORPUS)
    for meta in metas:
        text, _ = decode_bytes((CORPUS / meta.file).read_bytes())
        header = read_header(text)
        assert languages_of(text) == meta.languages, meta.id
        if meta.id == "gz-ip-admin-protection-2023":
            assert header.titles == {}
            continue
        assert to_simplified(header.titles["zh"]) == meta.title_zh, meta.id
        assert header.published == meta.published, meta.id
        assert place_from_title(meta.title_zh)[0] == "guangdong", meta.id
        if meta.kind != "news":
            assert kind_of(meta.title_zh) == meta.kind, meta.id
        if meta.id != "gd-ip-plan-14th-fyp":
            assert years_in_title(meta.title_zh)[0] == meta.year, meta.id


def test_the_metadata_file_keeps_its_layout() -> None:
    """Rewriting the metadata file changes only the entry added or removed: the hand-kept layout
    of every other entry comes back byte for byte."""
    raw = (CORPUS / "metadata.json").read_text(encoding="utf-8")
    assert format_metadata(json.loads(raw)) == raw
