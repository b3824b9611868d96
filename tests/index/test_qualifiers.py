"""Which metric qualifiers a text names, and when a figure's qualifiers fail a question's (pure)."""

from __future__ import annotations

import pytest

from index.qualifiers import asked_qualifiers, only_change, qualifier_mismatch, qualifiers_in, states_change


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2023年广东马德里国际商标注册申请量是多少？", {"madrid", "trademark"}),
        # a compound modifier is hyphenated where the lexicon writes the name with a space
        ("registered 85 geographical-indication trademarks", {"geographical_indication", "trademark"}),
        ("How many Madrid trademark applications were filed?", {"madrid", "trademark"}),
        ("PCT国际专利申请量2.34万件", {"pct"}),
        ("海外發明專利授權量", {"overseas", "invention"}),  # traditional script
        ("How many practising patent attorneys did Guangdong have?", {"practising"}),
        ("How many licensed patent attorneys were there?", {"practising"}),
        ("执业专利代理师4781人", {"practising"}),
        ("有效注册商标量906.46万件", {"valid", "trademark"}),
        ("有效遏制侵权行为", set()),  # "effectively", not "valid"
        # a scope of industries, and a kind of damages, make a part of the whole statistic
        ("战略性产业集群发明专利授权量10.87万件", {"strategic_industry", "invention"}),
        ("invention patents granted to strategic industrial clusters", {"strategic_industry", "invention"}),
        ("专利密集型产业增加值", {"patent_intensive"}),
        ("多部门联合开展海外知识产权维权", {"overseas"}),
        ("全省62件案件适用惩罚性赔偿", {"punitive"}),
        ("What was the total amount of punitive damages awarded?", {"punitive"}),
        ("全省知识产权民事案件赔偿额88.5亿元", set()),
        ("the number of valid invention patents", {"valid", "invention"}),
        ("How many invention patents per 10,000 people?", {"invention", "per_capita"}),
        ("每万人口高价值发明专利拥有量", {"per_capita", "high_value", "invention"}),
        ("How many design patents were granted?", {"design"}),
        ("layout designs of integrated circuits", {"integrated_circuit"}),  # not design patents
        ("计算机软件作品登记28.27万件", {"software"}),
        ("全省专利授权量69.26万件", set()),
        ("How many patents were granted in 2024?", set()),
        ("How many foreign-related IP cases did courts conclude?", {"foreign_related"}),
        ("审结涉外、涉港澳台知识产权案件", {"foreign_related"}),
        ("What was the average damages award per IP civil case?", {"average"}),
        ("This marks a 10% rise in foreign-invested firms", set()),  # a verb, and no 涉外 cases
        ("平均审理周期", {"average"}),
        ("比全国平均水平高12.0件", set()),  # a comparison, no average asked for
        ("27.8 above the national average", set()),
        ("广州市2023年知识产权质押融资金额有多少?", {"pledge"}),
        ("How much IP pledge financing did Shenzhen raise?", {"pledge"}),
        ("知识产权证券化产品发行规模", {"securitization"}),
        # the single highest award is no total, nor the Supreme People's Court a "highest" anything
        ("全年最高判賠數額達3.17億元", {"maximum"}),
        ("What was the single biggest damages award in 2023?", {"maximum"}),
        ("最高人民法院", set()),
        ("实现知识产权价值最大化", set()),
        ("市管部门处理的发明创造纠纷有多少宗?", set()),  # the Patent Law's word for all patents
        ("保护发明创造，鼓励发明专利申请", {"invention"}),
        # everyday English's inventions beside brands or creative works are patents, not the invention kind
        ("How many lawsuits over brands, inventions and creative works were pending?", set()),
        ("quarrels over inventions and brands", set()),
        ("inventions, trademarks and copyrights", {"trademark"}),
        ("close to 169,000 of them for inventions", {"invention"}),
        ("How many inventions with patent protection did companies hold?", {"invention"}),
        ("invention patents and trademarks", {"invention", "trademark"}),
    ],
)
def test_qualifiers_in(text, names):
    assert qualifiers_in(text) == frozenset(names)


NONE: frozenset[str] = frozenset()
MADRID, OVERSEAS = frozenset({"madrid"}), frozenset({"overseas"})


@pytest.mark.parametrize(
    ("asked", "sentence", "metric", "mismatch"),
    [
        (NONE, NONE, NONE, False),
        (MADRID, NONE, NONE, True),  # Madrid applications asked, all trademark registrations given
        (MADRID, MADRID, MADRID, False),
        (MADRID, MADRID, NONE, False),  # the sentence names it: the figure may be the Madrid one
        (NONE, OVERSEAS, OVERSEAS, True),  # 海外发明专利授权量 for 专利授权量
        (NONE, OVERSEAS, NONE, False),  # the sentence's other clause is about overseas grants
        (OVERSEAS, OVERSEAS, NONE, False),
        # trademark, foreign-related and average bind only the question: 专利商标质押融资 still
        # answers "patent pledge financing"
        (NONE, frozenset({"trademark"}), frozenset({"trademark"}), False),
        (frozenset({"trademark"}), NONE, NONE, True),  # all IP cases are no count of trademark cases
        # mediation before a case is filed binds only the question: the courts' 调撤 is no pre-trial mediation,
        # and the mediation centre's 诉前 cases still answer a question about what it mediated
        (frozenset({"pretrial"}), NONE, NONE, True),
        (NONE, frozenset({"pretrial"}), frozenset({"pretrial"}), False),
    ],
)
def test_qualifier_mismatch(asked, sentence, metric, mismatch):
    assert qualifier_mismatch(asked, sentence, metric) is mismatch


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("How many general (non-software) works were registered?", set()),
        ("How many non-software works were registered for copyright?", set()),
        ("How many works other than computer software were registered?", set()),
        ("How many geographical indication products, not counting the trademarks?", {"geographical_indication"}),
        ("2024年非软件作品登记量是多少?", set()),
        ("不含实用新型的专利授权量是多少?", set()),
        ("除发明专利外还有多少件专利?", set()),
        ("How many software works were registered?", {"software"}),  # named, not set aside
        ("软件作品登记量和非软件作品登记量", {"software"}),  # asked once, set aside once
        ("How many patents were granted, leaving aside utility models?", set()),
        ("Setting aside design patents, how many patents were granted?", set()),
        ("How many patents were granted without utility models?", set()),
    ],
)
def test_a_qualifier_set_aside_is_not_asked_for(text, names):
    assert asked_qualifiers(text) == frozenset(names)


@pytest.mark.parametrize(
    ("text", "asked", "set_aside"),
    [
        # counted within the whole the question asks for: neither asked nor set aside
        ("How many works, software included, were registered for copyright in 2024?", set(), set()),
        ("How many works (software inclusive) were registered?", set(), set()),
        ("How many copyright registrations, including computer software, were made in 2024?", set(), set()),
        ("2024年作品登记量(含软件在内)是多少?", set(), set()),
        ("2024年包括计算机软件在内的作品登记量是多少?", set(), set()),
        ("专利授权量(包含实用新型)是多少?", set(), set()),
        ("How many patents of all types (not just invention patents) were granted in 2023?", set(), set()),
        ("不仅是发明专利,2023年各类专利一共授权多少件?", set(), set()),
        # asked: the inclusion word is about something else, or is no word of its own ("accounting")
        ("How many works, accounting for software, were registered in 2024?", {"software"}, set()),
        ("How many works, counting software, were registered in 2024?", set(), set()),
        ("How many software works were included in the 2024 total?", {"software"}, set()),
        ("2024年软件著作权登记量是多少?", {"software"}, set()),
        # set aside: the negation comes first
        ("How many works, not counting software, were registered?", set(), {"software"}),
        # asked: a figure of the part is asked for after it in its clause, or "only" / "just" it
        ("2024年广东有效发明专利中包括高价值发明专利多少件?", {"valid", "invention", "high_value"}, set()),
        ("2024年广东授权的专利包括发明专利多少件?", {"invention"}, set()),
        ("Including only valid invention patents, how many patents did Guangdong hold?", {"valid", "invention"}, set()),
        ("Counting just invention patents, how many patents did Guangdong grant in 2024?", {"invention"}, set()),
        ("Counting invention patents only, how many patents did Guangdong grant in 2024?", {"invention"}, set()),
        ("只含发明专利的话,2024年广东授权多少件?", {"invention"}, set()),
        ("2024年广东授权的专利(仅含发明专利)有多少件?", {"invention"}, set()),
    ],
)
def test_a_qualifier_counted_within_the_whole_is_not_asked_for(text, asked, set_aside):
    from index.qualifiers import set_aside_qualifiers

    assert asked_qualifiers(text) == frozenset(asked)
    assert set_aside_qualifiers(text) == frozenset(set_aside)


@pytest.mark.parametrize("claim", [
    "2024年广东授权的专利包括发明专利16.88万件。",
    "2024年广东含发明专利16.88万件在内,共授权专利69.26万件。",
    "Guangdong's lead is not just in invention patents: it granted 168,800 of them in 2024.",
])
def test_a_claim_states_the_qualified_figure_it_names_after_an_inclusion_word(claim):
    assert "invention" in asked_qualifiers(claim, question=False)


def test_what_a_question_sets_aside_and_a_totals_parts() -> None:
    from index.qualifiers import excluded_mismatch, part_qualifiers, set_aside_qualifiers

    q = "In 2024, how many copyright registrations of general works (other than computer software) were made?"
    assert set_aside_qualifiers(q) == {"software"}
    assert set_aside_qualifiers("2024年计算机软件著作权登记量是多少?") == frozenset()
    text = "A total of 332,200 copyright registrations were made, of which 282,700 were computer software works."
    end = text.index(" copyright")
    assert part_qualifiers(text, end, text.index("282,700"), len(text)) == {"software"}
    assert excluded_mismatch(frozenset({"software"}), frozenset({"software"}))
    assert not excluded_mismatch(frozenset(), frozenset({"software"}))


@pytest.mark.parametrize(("text", "named"), [
    # an English word typed inside Chinese is bounded by the Chinese characters beside it
    ("截至2024年底广东的high-value发明专利拥有量有多少？", {"invention", "high_value"}),
    ("2024年新增开放许可专利多少件", {"open_licence"}),
    ("How many patents were put under open licence in 2024?", {"open_licence"}),
    ("How many patent licences were recorded?", set()),
    ("In 2023, Guangdong's pre-trial mediation succeeded in 3,887 lawsuits.", {"pretrial"}),
    ("How many IP disputes were mediated before trial in 2023?", {"pretrial"}),
    ("訴前成功調解案件3887件", {"pretrial"}),
    ("How many cases were withdrawn through mediation in 2023?", set()),
])
def test_qualifiers_in_mixed_and_plain_text(text: str, named: set[str]) -> None:
    assert asked_qualifiers(text) == named


def test_an_english_negation_typed_inside_chinese_sets_its_qualifier_aside() -> None:
    assert asked_qualifiers("2024年广东的non-software作品登记量是多少") == set()


@pytest.mark.parametrize(("metric", "change"), [
    ("同比提高", True),
    ("调撤率同比上升", True),
    ("up ... year-on-year", True),
    ("a year-on-year decrease of", True),
    ("增幅达", True),
    ("a significant reduction of", True),
    ("結收比同比下降", True),
    ("结收比", False),
    ("a clearance-to-receipt ratio of", False),
    ("全省新增", False),  # 新增 counts what is new, no rise
    ("版权产业增加值占GDP比重", False),  # value added is a level
    ("applications jumped", True),
    ("占全国总量的", False),
])
def test_a_percents_metric_says_whether_it_is_a_change(metric: str, change: bool) -> None:
    assert states_change(metric) is change


@pytest.mark.parametrize(("words", "only"), [
    (",同比提高", True),
    (", up ", True),
    (",同比提高的案件", False),  # names what rose
    ("; the withdrawal rate increased by ", False),
    ("，其中", False),
])
def test_words_that_say_only_that_something_changed(words: str, only: bool) -> None:
    assert only_change(words) is only
