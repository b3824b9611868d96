"""Which places a text names, where a document and a figure are, and how a question's place meets
a figure's (pure functions over index/lexicon/places.tsv)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.corpus import CorpusError, load_metadata
from index.places import (
    ancestors,
    document_place,
    located_in,
    place_mentions,
    place_mismatch,
    place_name,
    place_words,
    places_in,
    province_of,
    table,
    title_place,
)
from index.types import DocMeta


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("深圳2024年查办了多少宗知识产权行政案件?", {"shenzhen"}),
        ("广州、深圳、东莞三市", {"guangzhou", "shenzhen", "dongguan"}),
        ("全省法院新收知识产权案件", set()),
        ("广东省知识产权局", {"guangdong"}),
        ("江苏省高级人民法院", {"jiangsu"}),
        ("广西2024年海关查扣的侵权商品有多少批次？", {"guangxi"}),
        ("内蒙古自治区", {"inner_mongolia"}),
        ("新疆维吾尔自治区", {"xinjiang"}),
        ("联合香港、澳门海关", {"hong_kong", "macao"}),
        ("对美国、日本、欧盟的专利申请", {"usa", "japan", "eu"}),
        ("中山大学知识产权学院", set()),  # a university, not the city of Zhongshan
        ("城区建设", set()),  # a word, not Shanwei's 城区 (named 汕尾市城区 in the table)
        ("全国第一", set()),  # a comparison, not a place
        # a province's one-character name with 省 names it where it stands apart
        ("2023年,粤省各级审判机关新登记的纠纷", {"guangdong"}),
        ("2023年粤省法院", {"guangdong"}),
        ("在粤省办理的案件", {"guangdong"}),
        ("湘省", {"hunan"}),
        ("与粤省合作的项目", {"guangdong"}),  # a conjunction or preposition before it (province_alias_before.txt)
        ("出台省级知识产权保护办法", set()),  # 出台 and 省级: no Taiwan
        ("搭建平台省内共享", set()),
    ],
)
def test_places_named_in_simplified_chinese(text: str, places: set[str]) -> None:
    assert places_in(text) == frozenset(places)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("廣州知識產權法院", {"guangzhou"}),
        ("廣東省知識產權保護狀況", {"guangdong"}),
        ("江蘇省", {"jiangsu"}),
        ("廣西和江西", {"guangxi", "jiangxi"}),
        ("聯合香港、澳門海關", {"hong_kong", "macao"}),
        ("臺灣地區", {"taiwan"}),
        ("瀋陽市", {"shenyang"}),
    ],
)
def test_places_named_in_traditional_chinese(text: str, places: set[str]) -> None:
    assert places_in(text) == frozenset(places)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("How many batches did customs in Shenzhen seize?", {"shenzhen"}),
        ("Shenzhen's customs", {"shenzhen"}),
        ("HOW MANY CASES DID DONGGUAN HANDLE", {"dongguan"}),
        ("How many IP cases did Guangdong courts accept?", {"guangdong"}),
        ("Jiangsu Province", {"jiangsu"}),
        ("Sun Yat-sen University in Zhongshan", {"zhongshan"}),
        ("Zhongshanlu subdistrict", set()),  # an English name counts only as a whole word
        ("the Hong Kong SAR and Macau", {"hong_kong", "macao"}),
        ("filings in the US and the EU", {"usa", "eu"}),
        ("a fee of US$ 300", set()),  # a currency, not the country
        ("thus we use it", set()),  # "us" in lower case is a word, not the abbreviation
        ("Suzhou", {"suzhou_js", "suzhou_ah"}),  # one English name, two cities: both
    ],
)
def test_places_named_in_english(text: str, places: set[str]) -> None:
    assert places_in(text) == frozenset(places)


@pytest.mark.parametrize(
    "text",
    [
        "涉港澳台案件",  # 港 澳 台: Guangdong's own courts' cases
        "粤知保",  # 粤 is Guangdong's short form, but single characters are words too
        "新增专利",  # 新 (Xinjiang)
        "青年创业",  # 青 (Qinghai)
        "云平台",  # 云 (Yunnan)
        "苏州",  # a city, not 苏 = Jiangsu
    ],
)
def test_single_character_short_forms_are_not_taken(text: str) -> None:
    assert not (places_in(text) & {"guangdong", "hong_kong", "macao", "taiwan", "xinjiang", "qinghai", "yunnan",
                                   "jiangsu"})


@pytest.mark.parametrize(
    ("text", "located"),
    [
        ("联合香港、澳门海关开展联合执法行动3次,查获涉嫌侵权商品3849批次", set()),  # partners, a list of them
        ("聯合香港知識產權署在內地設置17個", set()),
        ("insurance arranged for Guangzhou companies", {"guangzhou"}),  # "for" is no partner marker
        ("together with Hong Kong's IP Department", set()),
        ("向美国、欧盟提交专利申请", set()),
        ("与香港知识产权署合作，广州新增", {"guangzhou"}),
        ("customs in Shenzhen seized", {"shenzhen"}),  # "in" locates
        ("Shenzhen and Guangzhou", {"shenzhen", "guangzhou"}),
        ("information about Hong Kong", {"hong_kong"}),
        ("a proto Shenzhen", {"shenzhen"}),  # English markers count as whole words only ("proto" is no "to")
    ],
)
def test_a_partner_or_destination_is_not_where_a_figure_is(text: str, located: set[str]) -> None:
    assert located_in(text) == frozenset(located)


@pytest.mark.parametrize(
    ("text", "located"),
    [
        ("广东深圳海关", {"shenzhen"}),  # the province only says where the city is
        ("江苏省苏州市", {"suzhou_js"}),
        ("Guangdong, China", {"guangdong"}),  # China names no place a figure is counted in
        ("中国专利奖", set()),
        ("粤港澳大湾区", set()),  # a region, not an administrative place
        ("深圳和广州", {"shenzhen", "guangzhou"}),
        ("前海合作区", {"shenzhen_qianhai"}),
    ],
)
def test_located_in_keeps_the_most_specific_administrative_places(text: str, located: set[str]) -> None:
    assert located_in(text) == frozenset(located)


@pytest.mark.parametrize(
    ("place", "province", "chain"),
    [
        ("shenzhen", "guangdong", ("guangdong", "china")),
        ("suzhou_js", "jiangsu", ("jiangsu", "china")),
        ("shenzhen_qianhai", "guangdong", ("shenzhen", "guangdong", "china")),
        ("guangdong", "guangdong", ("china",)),
        ("hong_kong", "hong_kong", ("china",)),
        ("usa", None, ()),
    ],
)
def test_every_city_knows_its_province(place: str, province: str | None, chain: tuple[str, ...]) -> None:
    assert province_of(place) == province and ancestors(place) == chain


def test_the_table_holds_every_province_and_prefecture_level_city() -> None:
    places = table().values()
    provinces = [p for p in places if p.level == "province"]
    cities = [p for p in places if p.level == "city"]
    assert len(provinces) == 34 and len(cities) == 333 + 6  # and Taiwan's six special municipalities
    assert all(p.parent == "china" for p in provinces)
    assert all(table()[c.parent].level == "province" for c in cities if c.parent)  # type: ignore[index]
    guangdong = {c.short_zh for c in cities if c.parent == "guangdong"}
    assert len(guangdong) == 21 and {"广州", "深圳", "东莞", "中山", "云浮"} <= guangdong
    assert {"hong_kong", "macao", "taiwan", "usa", "eu", "japan", "south_korea"} <= set(table())


@pytest.mark.parametrize(
    ("title_zh", "title_en", "place"),
    [
        ("2024年广东省知识产权保护状况", "Intellectual Property Rights Protection in Guangdong, China in 2024",
         "guangdong"),
        ("广州市2023年度知识产权行政保护工作绩效考核全国第一", "Guangzhou ranks first nationally", "guangzhou"),
        ("2023年廣東省知識產權保護狀況", "", "guangdong"),
        ("2024年江苏省知识产权保护状况", "IPR Protection in Jiangsu", "jiangsu"),
        ("深圳、广州两市知识产权报告", "", "guangdong"),  # two cities of one province: the province
        ("广东、江苏知识产权合作", "", None),  # two provinces: none
        ("广东与江苏知识产权合作", "", "guangdong"),  # Guangdong's, with Jiangsu as its partner
        ("知识产权十大事件", "Top ten IP events", None),
    ],
)
def test_a_documents_place_is_read_from_its_title(title_zh: str, title_en: str, place: str | None) -> None:
    assert title_place(title_zh, title_en) == place


def _meta(**kw: object) -> DocMeta:
    base: dict[str, object] = {"id": "d", "file": "d.txt", "title_zh": "2024年广东省知识产权保护状况",
                               "title_en": "", "publisher": None, "site": None, "published": None, "year": 2024,
                               "kind": "white_paper", "languages": ["zh-Hans"]}
    return DocMeta(**(base | kw))  # type: ignore[arg-type]


def test_the_metadata_place_wins_over_the_title() -> None:
    assert document_place(_meta()) == "guangdong"
    assert document_place(_meta(place="shenzhen")) == "shenzhen"


def test_an_unknown_place_in_the_metadata_is_a_one_line_error(tmp_path: Path) -> None:
    entry = _meta(place="atlantis").model_dump()
    (tmp_path / "metadata.json").write_text(json.dumps({"documents": [entry]}), encoding="utf-8")
    with pytest.raises(CorpusError, match="place 'atlantis'.*places.tsv"):
        load_metadata(tmp_path)


SZ, GD, GZ, JS = frozenset({"shenzhen"}), frozenset({"guangdong"}), frozenset({"guangzhou"}), frozenset({"jiangsu"})
HK = frozenset({"hong_kong"})
NONE: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("asked", "figure", "document", "expected"),
    [
        (SZ, SZ, "guangdong", (0.0, 0.0)),  # the city asked about
        (SZ, GD, "guangdong", (-1.0, 0.0)),  # the province's figure for a city's question
        (SZ, GZ, "guangdong", (-1.0, 0.0)),  # another city's
        (GZ, GZ, "guangzhou", (0.0, 0.0)),  # the city's own report
        (GD, GD, "guangdong", (0.0, 0.0)),  # the province's figure for the province
        (GD, SZ, "guangdong", (0.0, -1.0)),  # a part's figure is weighed down, not ruled out
        (GD, frozenset({"shenzhen_qianhai"}), "guangdong", (0.0, -1.0)),
        (SZ, frozenset({"shenzhen_qianhai"}), "guangdong", (0.0, -1.0)),
        (GD, JS, "jiangsu", (-1.0, 0.0)),  # another province
        (JS, GD, "guangdong", (-1.0, 0.0)),
        (NONE, GD, "guangdong", (0.0, 0.0)),  # no place asked: the document's own province
        (NONE, JS, "jiangsu", (0.0, 0.0)),
        (NONE, SZ, "guangdong", (0.0, -1.0)),  # a city's figure is marked down
        (NONE, GZ, "guangzhou", (0.0, -1.0)),  # so is a city report's
        (NONE, HK, "guangdong", (0.0, -1.0)),  # and Hong Kong's in Guangdong's paper
        (NONE, GD | HK, "guangdong", (0.0, 0.0)),  # Guangdong's customs with Hong Kong's: the province's own
        (NONE, NONE, None, (0.0, 0.0)),
    ],
)
def test_place_mismatch(asked: frozenset[str], figure: frozenset[str], document: str | None,
                        expected: tuple[float, float]) -> None:
    assert place_mismatch(asked, figure, document) == expected


@pytest.mark.parametrize(
    ("places", "lang", "words"),
    [
        ({"guangzhou"}, "zh", {"广州"}),
        ({"guangzhou"}, "en", {"guangzhou"}),
        ({"hong_kong"}, "en", {"hong", "kong"}),
        ({"maoming"}, "en", {"maom"}),  # stemmed as en_tokens stems the text (Maoming → maom)
        (set(), "en", set()),
    ],
)
def test_place_words(places: set[str], lang: str, words: set[str]) -> None:
    assert place_words(frozenset(places), lang) == frozenset(words)


@pytest.mark.parametrize(("place", "zh", "en"), [("guangdong", "广东", "Guangdong"), ("jiangsu", "江苏", "Jiangsu"),
                                                 ("hong_kong", "香港", "Hong Kong"),
                                                 ("changzhi", "长治市", "Changzhi")])
def test_place_names(place: str, zh: str, en: str) -> None:
    assert (place_name(place, "zh"), place_name(place, "en")) == (zh, en)


@pytest.mark.parametrize(("text", "found"), [
    ("2024年深圳海关", [(5, 7, "shenzhen")]),
    ("中山大学在广州", [(5, 7, "guangzhou")]),  # offsets stay where the university's name was blanked
    ("Zhongshanlu", []),
    ("那2023年Shenzhen呢?", [(6, 14, "shenzhen")]),  # a Chinese character beside an English name is a boundary
    # A name that is a whole quotation names a campaign (the 2023 paper's 清源 action), not a place.
    ("and the “Qingyuan” action for geographical indication protection", []),
    ("in “Shenzhen Bay” and Shenzhen", [(4, 12, "shenzhen"), (22, 30, "shenzhen")]),
    # unquoted, a campaign's name that is also a place's is the campaign's before a campaign word
    ("ran the Iron Fist and Qingyuan campaigns in 2023", []),
    ("the Qingyuan special action", []),
    ("Qingyuan City filed 20 cases", [(0, 13, "qingyuan")]),
    ("In Qingyuan, actions were taken", [(3, 11, "qingyuan")]),
])
def test_place_mentions_say_where(text: str, found: list[tuple[int, int, str]]) -> None:
    assert place_mentions(text) == found


@pytest.mark.parametrize(("text", "located"), [
    # 跟/和 before a place with a word of acting together after its list: partners
    ("2024年跟HK、Macao customs联合执法,查获的涉嫌侵权商品数量是多少?", set()),
    ("跟香港海关合作查办的跨境商标侵权案有几宗?", set()),
    ("2024年广东海关和香港海关联合执法查获多少批?", {"guangdong"}),
    # right after a place, 跟/和 joins two places of one's own
    ("深圳跟广州哪个专利多?", {"shenzhen", "guangzhou"}),
    ("深圳和香港一起办了几次?", {"shenzhen", "hong_kong"}),
    # no word of acting together: 跟 alone says nothing
    ("跟深圳比,广州的专利有多少?", {"shenzhen", "guangzhou"}),
])
def test_a_place_after_gen_or_he_acting_together_is_a_partner(text: str, located: set[str]) -> None:
    assert located_in(text) == frozenset(located)
