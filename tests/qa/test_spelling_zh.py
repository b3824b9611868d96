"""Sound-alike Chinese typos mended to the documents' words (qa.spelling_zh). The vocabulary is
words of the 2023 and 2024 white papers; the readings are CC-CEDICT's for those characters."""

from __future__ import annotations

import pytest

from qa.spelling_zh import ZhSpeller, pinyin_table

VOCABULARY = ["立案", "查处", "案件", "知识产权", "知识", "产权", "审结", "案值", "存案", "法院", "广东",
              "受理", "批捕", "专业", "市场", "侵权", "假冒", "一共", "全年", "海关", "查获"]
READINGS = {"立": "li", "案": "an", "按": "an", "岸": "an", "查": "cha zha", "处": "chu", "件": "jian",
            "知": "zhi", "识": "shi", "产": "chan", "权": "quan", "全": "quan", "泉": "quan", "审": "shen",
            "结": "jie", "洁": "jie", "值": "zhi", "植": "zhi", "存": "cun", "法": "fa", "院": "yuan",
            "广": "guang", "东": "dong", "受": "shou", "理": "li", "批": "pi", "捕": "bu", "年": "nian",
            "海": "hai", "关": "guan", "获": "huo", "一": "yi", "共": "gong", "专": "zhuan", "业": "ye",
            "市": "shi", "场": "chang", "侵": "qin", "假": "jia", "冒": "mao", "没": "mei", "收": "shou",
            "了": "le liao", "多": "duo", "少": "shao", "是": "shi", "的": "de di", "有": "you", "还": "hai huan"}
# jieba's dictionary words among the strings these questions hold (the rest are no words).
JIEBA_WORDS = {"一共", "多少", "还有", "没结", "按件", "收了"}


@pytest.fixture(scope="module")
def speller() -> ZhSpeller:
    table = {c: frozenset(r.split()) for c, r in READINGS.items()}
    return ZhSpeller(VOCABULARY, JIEBA_WORDS.__contains__, table)


@pytest.mark.parametrize(
    ("question", "mended"),
    [
        ("广州市2023年以来立按查处涉专业市场侵权假冒案件多少宗?", "广州市2023年以来立案查处涉专业市场侵权假冒案件多少宗?"),
        ("2024年底广东法院还有多少件知识产全案子存按没结?", "2024年底广东法院还有多少件知识产权案子存案没结?"),
        ("2024年广东全省法院审洁了多少件知识产权案件?", "2024年广东全省法院审结了多少件知识产权案件?"),
        ("市场监管局查处知识产权案件的案植是多少?", "市场监管局查处知识产权案件的案值是多少?"),
        # Words of the documents or of jieba's dictionary are left alone: 一共, 收了.
        ("广东法院2024年一共收了多少知识产权案子?", "广东法院2024年一共收了多少知识产权案子?"),
        # Traditional characters are looked at in simplified ones, and kept.
        ("2023年廣東海關查獲侵權貨物多少批次?", "2023年廣東海關查獲侵權貨物多少批次?"),
    ],
)
def test_correct(speller: ZhSpeller, question: str, mended: str) -> None:
    assert speller.correct(question) == mended


def test_pinyin_table_reads_one_character_entries() -> None:
    lines = ["案 案 [an4] /(legal) case/", "權 权 [quan2] /authority/", "權 权 [Quan2] /surname Quan/",
             "產權 产权 [chan3 quan2] /property right/"]
    assert pinyin_table(lines) == {"案": frozenset({"an"}), "权": frozenset({"quan"})}


def test_a_function_word_is_no_typo() -> None:
    """"2023年的白皮书": 的 (a particle) is no typo of 底, though 年底 is a word of the documents."""
    table = {c: frozenset(r.split()) for c, r in READINGS.items()} | {"底": frozenset({"di"})}
    speller = ZhSpeller([*VOCABULARY, "年底", "白皮书"], JIEBA_WORDS.__contains__, table,
                        function_words=lambda text: frozenset({"的"}))
    assert speller.correct("2023年的白皮书说了什么?") == "2023年的白皮书说了什么?"
    bare = ZhSpeller([*VOCABULARY, "年底", "白皮书"], JIEBA_WORDS.__contains__, table)
    assert bare.correct("2023年的白皮书说了什么?") == "2023年底白皮书说了什么?"


def test_a_stretch_the_segmentation_reads_as_one_word_is_no_function_word() -> None:
    """"货直是多少": the tagger calls 直 an adverb ("直是", just is), the segmentation reads 货直 as one
    unknown word: a typo of 货值. "年的" is two words there, and 的 stays a particle."""
    table = {c: frozenset(r.split()) for c, r in READINGS.items()} | {
        "底": frozenset({"di"}), "直": frozenset({"zhi"}), "值": frozenset({"zhi"}), "货": frozenset({"huo"})}
    speller = ZhSpeller([*VOCABULARY, "年底", "白皮书", "货值"], JIEBA_WORDS.__contains__, table,
                        function_words=lambda text: frozenset({"的", "直"}),
                        segments=lambda text: ["货直", "是", "多少", "年", "的", "白皮书"])
    assert speller.correct("商品货直是多少?") == "商品货值是多少?"
    assert speller.correct("2023年的白皮书说了什么?") == "2023年的白皮书说了什么?"
    unsegmented = ZhSpeller([*VOCABULARY, "货值"], JIEBA_WORDS.__contains__, table,
                            function_words=lambda text: frozenset({"直"}))
    assert unsegmented.correct("商品货直是多少?") == "商品货直是多少?"


def test_a_kept_character_of_a_longer_word_is_no_typo(speller: ZhSpeller) -> None:
    """"全省法院审理": no stretch inside 法院 is changed to make another word across its edge."""
    assert speller.correct("广东全省法院一共受理多少件?") == "广东全省法院一共受理多少件?"
