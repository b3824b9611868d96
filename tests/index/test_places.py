"""Which city a text names, and how a question's place meets a figure's (pure functions)."""

from __future__ import annotations

import pytest

from index.places import cities_in, place_mentions, place_mismatch, place_words


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("深圳2024年查办了多少宗知识产权行政案件?", {"深圳"}),
        ("How many batches did customs in Shenzhen seize?", {"深圳"}),
        ("Shenzhen's customs", {"深圳"}),
        ("广州、深圳、东莞三市", {"广州", "深圳", "东莞"}),
        ("廣州知識產權法院", {"广州"}),  # traditional script
        ("HOW MANY CASES DID DONGGUAN HANDLE", {"东莞"}),
        ("全省法院新收知识产权案件", set()),
        ("How many IP cases did Guangdong courts accept?", set()),  # the province is no city
        ("中山大学知识产权学院", set()),  # a university, not the city of Zhongshan
        ("Sun Yat-sen University in Zhongshan", {"中山"}),
        ("Zhongshanlu subdistrict", set()),  # an English name counts only as a whole word
        ("广西2024年海关查扣的侵权商品有多少批次？", {"广西"}),  # another province
        ("How many cases did Guangxi customs handle?", {"广西"}),
        ("廣西和江西", {"广西", "江西"}),
        ("IP campaigns for the Hangzhou Asian Games", {"杭州"}),
        ("涉港澳台案件", set()),  # Guangdong's own courts' cases; the short forms name no place
        ("How many trademark registrations did Hong Kong record in 2024?", {"香港"}),
        ("联合香港、澳門海关", {"香港", "澳门"}),
    ],
)
def test_cities_in(text, cities):
    assert cities_in(text) == frozenset(cities)


SZ, GZ = frozenset({"深圳"}), frozenset({"广州"})
NONE: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("asked", "sentence", "document", "expected"),
    [
        (SZ, SZ, NONE, (0.0, 0.0)),  # the city asked about
        (SZ, NONE, NONE, (-1.0, 0.0)),  # the province's figure for a city's question
        (SZ, GZ, NONE, (-1.0, 0.0)),  # another city's
        (GZ, NONE, GZ, (0.0, 0.0)),  # the city's own report
        (SZ, NONE, GZ, (-1.0, 0.0)),
        (NONE, NONE, NONE, (0.0, 0.0)),  # the province's figure for the province
        (NONE, SZ, NONE, (0.0, -1.0)),  # a city's figure for a question about the province
        (NONE, NONE, GZ, (0.0, -1.0)),
    ],
)
def test_place_mismatch(asked, sentence, document, expected):
    assert place_mismatch(asked, sentence, document) == expected


@pytest.mark.parametrize(
    ("places", "lang", "words"),
    [
        ({"广州"}, "zh", {"广州"}),
        ({"广州"}, "en", {"guangzhou"}),
        ({"香港"}, "en", {"hong", "kong"}),
        ({"茂名"}, "en", {"maom"}),  # stemmed as en_tokens stems the text (Maoming → maom)
        (set(), "en", set()),
    ],
)
def test_place_words(places, lang, words):
    assert place_words(frozenset(places), lang) == frozenset(words)


@pytest.mark.parametrize(("text", "found"), [
    ("2024年深圳海关", [(5, 7, "深圳")]),
    ("那2023年Shenzhen呢?", [(6, 14, "深圳")]),  # a Chinese character beside an English name is a boundary
    ("Zhongshanlu", []),
    ("中山大学在广州", [(5, 7, "广州")]),  # offsets stay where the university's name was blanked
])
def test_place_mentions_say_where(text: str, found: list[tuple[int, int, str]]) -> None:
    assert place_mentions(text) == found
    assert all(text[s:e] in (name, "Shenzhen") for s, e, name in found)
