"""Search tokens of both languages (pure)."""

from __future__ import annotations

import pytest

from index.text import Tokenizer, acronyms, en_stem, en_tokens

zh_tokens = Tokenizer().zh


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("cases", "cas"),
        ("prosecuted", "prosecut"),
        ("prosecution", "prosecut"),
        ("transferred", "transfer"),
        ("Shenzhen's", "shenzhen"),  # a possessive is the name
        ("companies'", "company"),
        ("seized", "seiz"),
    ],
)
def test_en_stem(word: str, stem: str) -> None:
    assert en_stem(word) == stem


def test_en_tokens_drop_numbers_and_stopwords() -> None:
    assert en_tokens("How many of Shenzhen's 1,955 cases were monitored?") == ["shenzhen", "cas", "monitor"]


def test_zh_tokens_are_simplified_and_drop_stopwords() -> None:
    tokens = zh_tokens("全省專利授權量是多少")
    assert "专利" in tokens and "多少" not in tokens and "全省" not in tokens


@pytest.mark.parametrize(
    "question, function, content",
    [
        ("目前全省有效发明专利有多少件", {"目前"}, {"发明专利", "有效"}),
        ("广东现在已经批准逮捕了几个人", {"现在", "已经", "几个"}, {"批准逮捕"}),
        ("手上那些商标注册申请", {"手上", "那些"}, {"商标"}),
        ("之后海关查扣了多少批", {"之后"}, {"海关", "查扣"}),
        ("現在已經批准逮捕了幾個人", {"现在", "已经", "几个"}, {"批准逮捕"}),  # traditional script
    ],
)
def test_function_words_are_told_by_part_of_speech(question: str, function: set[str], content: set[str]) -> None:
    found = Tokenizer(["批准逮捕", "发明专利", "查扣"]).function_words(question)
    assert function <= found
    assert not content & found


def test_a_domain_word_is_never_a_function_word() -> None:
    # jieba tags 目前 a time word; taught as a domain word it is kept (a corpus may count by it).
    assert "目前" not in Tokenizer(["目前"]).function_words("目前全省有效发明专利")


def test_a_tokenizer_leaves_jieba_s_global_dictionary_alone() -> None:
    # Its words and its part-of-speech tagger are its own: the process-wide jieba (and the
    # tagger jieba.posseg keeps over it) never learn them.
    import jieba
    import jieba.posseg

    jieba.initialize()
    before = len(jieba.dt.FREQ)
    tokenizer = Tokenizer(["新收案件量甲乙"])
    tokenizer.function_words("2024年新收案件量甲乙一共多少")
    assert "新收案件量甲乙" in tokenizer.zh("2024年新收案件量甲乙一共多少")
    assert len(jieba.dt.FREQ) == before and "新收案件量甲乙" not in jieba.dt.FREQ
    assert "新收案件量甲乙" not in jieba.posseg.dt.word_tag_tab


def test_a_tokenizer_over_the_stored_dictionary_leaves_jieba_s_global_dictionary_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The query path's tokenizer (index.jieba_dict's stored dictionary, index.pos_tags' tagger):
    # its taught words, tagged ones too, stay its own.
    import jieba

    from index.jieba_dict import JiebaDict, write_jieba_dict

    jieba.initialize()
    before = len(jieba.dt.FREQ)
    tokenizer = Tokenizer(["新收案件量甲乙"], JiebaDict(write_jieba_dict(tmp_path)))
    tokenizer._jieba.add_word("甲乙丙丁戊", freq=2000, tag="nz")
    assert tokenizer.nouns("新收案件量甲乙和甲乙丙丁戊") >= {"新收案件量甲乙", "甲乙丙丁戊"}
    assert "新收案件量甲乙" in tokenizer.zh("2024年新收案件量甲乙一共多少")
    assert len(jieba.dt.FREQ) == before
    assert "新收案件量甲乙" not in jieba.dt.FREQ and "甲乙丙丁戊" not in jieba.dt.FREQ
    assert jieba.dt.user_word_tag_tab == {}


@pytest.mark.parametrize(("british", "american"), [
    ("sub-centres", "sub-centers"), ("organisations", "organizations"), ("licence", "license"),
    ("programme", "program"), ("Defence", "defense"), ("recognised", "recognized"),
    ("commercialisation", "commercialization"), ("co-operation", "cooperation"), ("judgements", "judgments"),
])
def test_both_englishes_stem_alike(british: str, american: str) -> None:
    assert en_stem(british) == en_stem(american)


@pytest.mark.parametrize(("text", "found"), [
    ("2023年广东PCT国际专利申请量2.37万件", ["pct"]),
    ("How many PCT filings came out of Guangdong?", ["pct"]),
    ("广州ODR平台和TISC中心", ["odr", "tisc"]),
    ("Guangdong's courts accepted cases", []),  # capitalised words are no acronyms
    ("5G和PM2.5", []),  # a digit first, or glued to letters after: labels, not acronyms
])
def test_acronyms_chinese_text_writes_as_they_are(text: str, found: list[str]) -> None:
    assert acronyms(text) == found
