"""Dictionary senses and the cross-language coverage built on them: pure, no model."""

from __future__ import annotations

import math

import pytest

from index.text import Tokenizer, en_tokens

zh_tokens = Tokenizer().zh


def _lang(text: str) -> str:
    from index.text import detect_lang

    return detect_lang(text)
from index.glossary import Glossary, dictionary_senses, sense_stems
from qa.frame import official_wording
from qa.terms import metric_terms

CEDICT = [
    "# CC-CEDICT sample",
    "成交 成交 [cheng2 jiao1] /to complete a contract/to reach a deal/",
    "執業 执业 [zhi2 ye4] /to work in a profession (e.g. doctor, lawyer)/practitioner/professional/",
    "移送 移送 [yi2 song4] /to transfer (a case, a person, files etc)/",
    "代理 代理 [dai4 li3] /to act on behalf of sb in a responsible position/to act as an agent/agent/CL:個|个[ge4]/",
    "王 王 [Wang2] /surname Wang/",
    "起訴 起诉 [qi3 su4] /to sue/to bring a lawsuit against/to prosecute/",
    "不在 不在 [bu4 zai4] /not to be present/",
]


@pytest.mark.parametrize(
    ("definition", "stems"),
    [
        ("to transfer (a case, a person, files etc)", {"transfer"}),
        ("practitioner", {"practitioner"}),
        ("to reach a deal", {"reach", "deal"}),
        ("to bring a lawsuit against", {"lawsuit"}),
        ("CL:個|个[ge4]", set()),
        ("surname Wang", set()),
        ("variant of 執[zhi2]", set()),
        # a long explanation is not a translation
        ("to act on behalf of sb in a responsible position", set()),
    ],
)
def test_sense_stems(definition: str, stems: set[str]) -> None:
    assert sense_stems(definition) == stems


def test_dictionary_senses_keep_only_the_corpus_vocabulary() -> None:
    senses = dictionary_senses({"执业", "移送", "代理", "王", "起诉"}, CEDICT)
    assert senses["执业"] == frozenset({"work", "profess", "practitioner", "professional"})
    assert senses["移送"] == frozenset({"transfer"})
    assert senses["代理"] == frozenset({"act", "agent"})  # the long first sense is dropped
    assert "成交" not in senses  # not in the vocabulary
    assert "王" not in senses  # a surname is no sense


def _glossary(senses: dict[str, set[str]]) -> Glossary:
    g = Glossary()
    g.word_senses = {w: frozenset(s) for w, s in senses.items()}
    g.sense_vocabulary = frozenset().union(*g.word_senses.values())
    return g


def _idf(_: str) -> float:
    return 1.0


def test_an_english_question_is_covered_by_the_chinese_clause_that_translates_it() -> None:
    g = _glossary({"执业": {"practitioner", "profession"}, "专利代理师": {"patent", "attorney"},
                   "起诉": {"prosecut"}})
    terms = metric_terms(official_wording("How many patent attorneys were practitioners in 2023?"), _lang("How many patent attorneys were practitioners in 2023?"), g)
    assert terms.translatable == frozenset({"patent", "attorney", "practitioner"})
    right = frozenset(zh_tokens("全省执业专利代理师"))
    wrong = frozenset(zh_tokens("起诉侵犯知识产权犯罪案件"))
    assert terms.overlap("zh", right, _idf) > terms.overlap("zh", wrong, _idf)
    assert terms.overlap("zh", wrong, _idf) == 0.0


def test_a_chinese_question_is_covered_by_the_english_clause_that_translates_it() -> None:
    g = _glossary({w: set(s) for w, s in dictionary_senses({"起诉", "移送"}, CEDICT).items()})
    terms = metric_terms(official_wording("2024年检察机关起诉了多少人？"), _lang("2024年检察机关起诉了多少人？"), g)
    assert "起诉" in terms.translatable
    assert terms.overlap("en", frozenset(en_tokens("suspects were transferred")), _idf) == 0.0
    assert terms.overlap("en", frozenset(en_tokens("suspects were prosecuted")), _idf) > 0.0
    assert terms.overlap("en", frozenset(en_tokens("initiated prosecutions against suspects")), _idf) > 0.0


def test_dictionary_coverage_is_discounted_against_the_same_language() -> None:
    g = _glossary({"移送": {"transfer"}})
    terms = metric_terms(official_wording("How many cases were transferred?"), _lang("How many cases were transferred?"), g)
    cross = terms.overlap("zh", frozenset({"移送"}), _idf)
    same = terms.overlap("en", frozenset(en_tokens("cases were transferred")), _idf)
    assert 0 < cross < same == 1.0


def test_precision_prefers_the_clause_without_words_of_its_own() -> None:
    terms = metric_terms(official_wording("2024年全省专利授权量是多少？"), _lang("2024年全省专利授权量是多少？"))
    plain = frozenset(zh_tokens("全省专利授权量"))
    narrower = frozenset(zh_tokens("发明专利授权量"))
    assert math.isclose(terms.precision("zh", plain, _idf), 1.0)
    assert terms.precision("zh", narrower, _idf) < 1.0


def _phrase_glossary(*pairs: tuple[str, str]) -> Glossary:
    g = Glossary()
    for en, zh in pairs:
        g.add(en, zh.split("|"))
    return g


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        # a hyphenated term is found as a whole, and its words are not looked up again
        ("How many high-value patents?", ["高价值", "专利"]),
        ("How many pre-examination requests?", ["预审"]),
        ("What is the value of the goods?", ["货值"]),
        # a possessive is the name
        ("How many cases did Shenzhen's courts conclude?", ["深圳", "法院", "审结"]),
    ],
)
def test_chinese_for_reads_hyphens_and_possessives(question: str, terms: list[str]) -> None:
    g = _phrase_glossary(("high-value", "高价值"), ("value", "货值"), ("patent", "专利"), ("pre-examination", "预审"),
                  ("shenzhen", "深圳"), ("court", "法院"), ("concluded", "审结"))
    assert g.chinese_for(question) == terms


def test_glossary_terms_stand_only_for_the_words_they_translate() -> None:
    # The glossary knows 广州 and 市场 only: an English sentence with both covers little of a
    # question whose other words (封停, 微信号 …) it does not translate.
    g = _phrase_glossary(("guangzhou", "广州"), ("market", "市场"))
    g.set_senses({"广州": frozenset({"guangzhou"}), "市场": frozenset({"market"}), "封停": frozenset({"shut"}),
                  "专业": frozenset({"professional"}), "打假": frozenset({"counterfeit"})})
    terms = metric_terms(official_wording("广州在专业市场打假时封停了多少个涉假微信号?"), _lang("广州在专业市场打假时封停了多少个涉假微信号?"), g)
    assert terms.glossed == frozenset({"广州", "市场"})
    both = terms.overlap("en", frozenset(en_tokens("worked with 10 cities in Guangzhou market")), _idf)
    assert 0 < both <= 0.5  # two of the four translatable words
    more = terms.overlap("en", frozenset(en_tokens("professional Guangzhou market counterfeit")), _idf)
    assert more > both


@pytest.mark.parametrize(
    ("text", "lang", "words", "glossed"),
    [
        ("How many high-value patents?", "en", ["high-valu", "patent", "mani"], {"patent"}),
        ("How many cases did Shenzhen's courts conclude?", "en", ["shenzhen", "court", "case"], {"shenzhen", "court"}),
        ("深圳法院审结了多少案件", "zh", ["深圳", "法院", "审结", "案件"], {"深圳", "法院", "审结"}),
    ],
)
def test_glossed_words(text: str, lang: str, words: list[str], glossed: set[str]) -> None:
    g = _phrase_glossary(("patent", "专利"), ("shenzhen", "深圳"), ("court", "法院"), ("concluded", "审结"))
    assert g.translate(text, lang, words)[1] == frozenset(glossed)


def test_the_shipped_glossary_tells_turnover_from_transaction_value() -> None:
    # Official translations give 技术合同成交额 as "turnover of technology contracts" and 技术交易额 as
    # "technology transaction value": two figures of one sentence (2845.47亿元, 2636.10亿元).
    g = Glossary.load()
    assert "成交额" in g.chinese_for("What was the turnover of technology contracts?")
    assert "交易额" not in g.chinese_for("What was the turnover of technology contracts?")
    assert "交易额" in g.chinese_for("What was the technology transaction value?")
