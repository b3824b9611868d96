"""Mining term pairs from aligned sentences: normalized association, competitive linking, and
near-duplicate translations counted once."""

from __future__ import annotations

import pytest

from index.glossary import mine_pairs
from index.mining import Evidence, associations, distinct, jaccard, log_likelihood, mine
from index.text import Tokenizer


def ev(en: str, zh: str) -> Evidence:
    return Evidence(frozenset(en.split()), frozenset(zh.split()))


@pytest.mark.parametrize(
    ("frequent", "rare"),
    [
        # (both, en total, zh total, all pairs): a pair of common words sharing many sentences by
        # chance, against a pair of rarer words that always come together.
        ((30, 60, 50, 100), (3, 3, 3, 100)),
        ((45, 90, 50, 100), (5, 5, 5, 100)),
        ((12, 40, 30, 40), (2, 2, 2, 40)),
        ((300, 600, 500, 1000), (4, 4, 4, 1000)),
    ],
)
def test_a_frequent_unrelated_pair_scores_below_a_rare_pair_always_together(
        frequent: tuple[int, int, int, int], rare: tuple[int, int, int, int]) -> None:
    assert log_likelihood(*frequent) < log_likelihood(*rare)


@pytest.mark.parametrize("table", [(0, 5, 5, 20), (1, 10, 10, 20), (5, 10, 10, 20)])
def test_no_association_or_a_negative_one_scores_zero(table: tuple[int, int, int, int]) -> None:
    assert log_likelihood(*table) == 0.0


def test_competitive_linking_gives_each_word_its_best_partner() -> None:
    # 专利 comes with "patent" every time; 发明 keeps company with both "invention" and "patent".
    items = [ev("invention patent", "发明 专利"), ev("invention patent grant", "发明 专利 授权"),
             ev("patent applications", "专利 申请"), ev("design patent", "外观设计 专利"),
             ev("invention award", "发明 奖励"), ev("patent court", "专利 法院")]
    links = {(a.en, a.zh): a.links for a in associations(items)}
    assert links[("patent", "专利")] == 5
    assert ("patent", "发明") not in links  # 专利 took "patent" in every sentence 发明 shared with it
    assert links[("invention", "发明")] == 3


def test_a_dictionary_sense_breaks_a_tie() -> None:
    # "customs" and "seized" come with 海关 and 查扣 in exactly the same sentences: counts cannot tell.
    items = [ev("customs seized", "海关 查扣"), ev("customs seized goods", "海关 查扣 货物"),
             ev("customs seized batches", "海关 查扣 批次"), ev("courts concluded", "法院 审结"),
             ev("courts received", "法院 新收")]
    senses = {"海关": frozenset({"customs"}), "查扣": frozenset({"seized"})}
    pairs = set(mine(items, senses))
    assert ("customs", "海关") in pairs and ("seized", "查扣") in pairs
    assert ("customs", "查扣") not in pairs and ("seized", "海关") not in pairs


def test_near_duplicate_translations_count_once() -> None:
    a = ev("guangdong courts concluded new ipr cases year", "广东 法院 审结 知识产权 案件 全年")
    b = ev("jiangsu courts concluded new ipr cases year", "江苏 法院 审结 知识产权 案件 全年")
    c = ev("customs seized batches goods", "海关 查扣 批次 货物")
    assert jaccard(a.en | a.zh, b.en | b.zh) >= 0.7
    assert distinct([a, b, c, a]) == [a, c]


def test_twenty_copies_of_a_translation_mine_what_one_copy_mines() -> None:
    # Sentences as long as the white papers' (ten words and more a side): another province's copy
    # changes its name in both languages, and that is all.
    base = [ev("courts across the province concluded new intellectual property cases this year",
               "全省 法院 审结 知识产权 案件 全年 同比"),
            ev("the courts received more civil disputes over trademarks and patents",
               "法院 新收 商标 专利 民事 纠纷 增加"),
            ev("mediation organizations resolved disputes before the courts heard them",
               "调解 组织 化解 纠纷 法院 诉前"),
            ev("prosecutors approved arrests of suspects of intellectual property crimes",
               "检察 机关 批准 逮捕 侵犯 知识产权 犯罪 嫌疑人"),
            ev("prosecutors prosecuted suspects of counterfeiting registered trademarks",
               "检察 机关 起诉 假冒 注册 商标 嫌疑人"),
            ev("customs seized batches of infringing goods at the ports",
               "海关 查扣 侵权 货物 批次 口岸")]
    grown = [Evidence(it.en | {f"province{i}"}, it.zh | {f"省{i}"}) for i in range(20) for it in base]
    one = mine(distinct(base), min_links=2, min_dice=0.5)
    assert ("courts", "法院") in one
    assert len(distinct(grown)) == len(base)
    assert mine(distinct(grown), min_links=2, min_dice=0.5) == one


def test_mine_pairs_on_real_sentences() -> None:
    # Sentences of the white papers and their translations, each stated twenty times over (as
    # the growth benchmark's derived documents repeat them): the repeats add nothing.
    pairs = [
        ("全省法院新收知识产权案件83308件", "Courts across the province received 83,308 new IPR cases"),
        ("广州知识产权法院受理技术类案件1200件", "The Guangzhou IP Court accepted 1,200 technical cases"),
        ("海关查扣侵权货物1.2万批次", "Customs seized 12,000 batches of infringing goods"),
        ("海关部门开展专项行动,查扣进出口侵权货物300批次",
         "Customs launched special campaigns and seized 300 batches of imported and exported infringing goods"),
        ("检察机关起诉侵犯知识产权犯罪1779件", "Prosecutors prosecuted 1,779 IPR infringement crimes"),
    ]
    cedict = ["海關 海关 [hai3 guan1] /customs/", "法院 法院 [fa3 yuan4] /court/"]
    tokenizer = Tokenizer()
    once = mine_pairs(pairs, tokenizer, dictionary=cedict)
    assert ("court", "法院") in once and ("custom", "海关") in once
    assert ("custom", "批次") not in once  # 海关 takes "customs" in every sentence they share
    assert mine_pairs(pairs * 20, tokenizer, dictionary=cedict) == once
