"""Each figure of a claim with the words it is looked up by (qa.claim_clauses): its own clause with
the claim's shared year, place and leading agency; 分别 / "respectively" lists paired with their
figures in order; a clause naming nothing it counts borrowing the words before it. Sentences
written for these tests, worded like news reports of the corpus."""

from __future__ import annotations

import pytest

from index.figures import Figure, parse_figures
from qa.claim_clauses import ClaimClause, claim_clauses, clause_frame, respectively
from qa.frame import analyse
from tests.qa.synthetic import glossary


def _figures(text: str) -> list[Figure]:
    return [f for f in parse_figures(text) if f.kind in ("quantity", "percent", "rank")]


def _content(words: str) -> bool:
    tok = glossary().tokenizer
    function = tok.function_words(words)
    return any(len(t) > 1 and t not in function for t in tok.both(words))


def _clauses(text: str) -> list[ClaimClause]:
    return claim_clauses(text, _figures(text), _content)


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # the metrics listed before 分别, in order
        ("2024年广东发明专利授权量、商标注册量分别为16.88万件和82.45万件。", ["发明专利授权量 为", "商标注册量 为"]),
        # a metric the list shortens takes what it shares with the last one
        ("2024年广东专利和商标授权量分别为69.26万件和82.45万件。", ["专利授权量 为", "商标授权量 为"]),
        ("2024年广东法院新收、审结知识产权案件分别为83308件、88462件。",
         ["新收知识产权案件 为", "审结知识产权案件 为"]),
        # English: the list before the verb, the figures before "respectively"
        (("In 2024 Guangdong's invention patent grants and trademark registrations were 168,800 and "
         "824,500 respectively."), ["invention patent grants were", "trademark registrations were"]),
        ("In 2024 Guangdong's patent and trademark grants were 692,600 and 824,500 respectively.",
         ["patent grants were", "trademark grants were"]),
    ],
)
def test_a_list_is_paired_with_its_figures_in_order(text: str, listed: list[str]) -> None:
    assert list(respectively(text, _figures(text)).values()) == listed


@pytest.mark.parametrize(
    ("text", "lent"),
    [
        # rates after as many figures take those figures' words, in order
        ("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%、68.24%。",
         {2: 0, 3: 1}),
        # rates after a list use the list again, with their own base year
        ("“十三五”时期,广东发明专利有效量、有效注册商标量分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%。",
         {2: "发明专利有效量 较2015年末 增长", 3: "有效注册商标量 较2015年末 增长"}),
    ],
)
def test_rates_listed_after_figures(text: str, lent: dict[int, str | int]) -> None:
    got = respectively(text, _figures(text))
    assert {i: got[i] for i in lent} == lent


@pytest.mark.parametrize(
    "text",
    [
        # as many metrics as figures, or no pairing at all
        "2024年广东发明专利授权量、商标注册量、版权登记量分别为16.88万件和82.45万件。",
        # no 分别: figures are their clauses'
        "2024年广东发明专利授权量16.88万件,商标注册量82.45万件。",
        # one figure after 分别
        "2024年广东专利和商标授权量分别增长5%。",
    ],
)
def test_no_pairing_without_a_list_as_long_as_its_figures(text: str) -> None:
    assert respectively(text, _figures(text)) == {}


@pytest.mark.parametrize(
    ("text", "which", "query", "borrowed"),
    [
        # the first figure: its own clause, head and all
        ("2023年广东公安机关立案侦办侵权案件1926起,破案1678起,抓获犯罪嫌疑人4870名。", 0,
         "2023年广东公安机关立案侦办侵权案件1926起", False),
        # a clause naming only its action borrows what the clause before counts, not its action
        ("2023年广东公安机关立案侦办侵权案件1926起,破案1678起,抓获犯罪嫌疑人4870名。", 1,
         "2023年 广东 公安机关 侵权案件 破案1678起", True),
        # a clause of its own: the claim's year and leading agency, its own words
        ("2023年广东公安机关立案侦办侵权案件1926起,破案1678起,抓获犯罪嫌疑人4870名。", 2,
         "2023年 广东 公安机关 抓获犯罪嫌疑人4870名", False),
        # a clause naming its own agency keeps it, and takes the year and place
        ("2024年广东法院新收知识产权案件83308件,检察机关批准逮捕侵犯知识产权犯罪案件1265件。", 1,
         "2024年 广东 检察机关批准逮捕侵犯知识产权犯罪案件1265件", False),
        # a figure with nothing of its own (1854人) takes the words and the action before it
        ("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人。", 1,
         "2024年 广东 检察机关 批准逮捕侵犯知识产权犯罪案件 1854人", True),
        # a clause that calls its figure a target, or bounds it, names nothing counted: it borrows
        ("“十三五”时期广东马德里商标累计有效注册量完成8862件,超过6000件的目标。", 1,
         "十三五 广东 “ ”时期 马德里商标累计有效注册量完成 超过6000件的目标", True),
        # … but a clause naming what it counts beside its target word does not
        ("2020年广东发明专利授权量7.1万件,目标是商标注册量达到6000件。", 1,
         "2020年 广东 目标是商标注册量达到6000件", False),
        # a rate is of the figure before it
        ("2023年广州办理商标行政处罚案件1568宗,同比增加12.24%。", 1,
         "2023年 广州 办理商标行政处罚案件 同比增加12.24%", True),
        # English: "and" ends a clause where another figure follows …
        ("In 2024 Guangdong's courts took in 83,308 new IP cases and prosecutors approved arrests in 1,265 cases.",
         1, "2024 Guangdong prosecutors approved arrests in 1,265 cases.", False),
        # … and the words after the last figure are its own
        (("In 2024 Shenzhen handled 1,796 cases, its customs seized 5,822 batches and 271 IP and "
         "counterfeiting crimes were cracked."), 2, "2024 Shenzhen 271 IP and counterfeiting crimes were cracked.", False),
        # rates listed "respectively" after English figures take the nouns those figures count
        (("By 2020 Guangdong held 351,000 valid invention patents and 5.43 million valid registered trademarks, "
          "up 152.4% and 227.2% respectively from end-2015."), 2,
         "2020 Guangdong By held valid invention patents up 152.4%", True),
        (("By 2020 Guangdong held 351,000 valid invention patents and 5.43 million valid registered trademarks, "
          "up 152.4% and 227.2% respectively from end-2015."), 3,
         "2020 Guangdong valid registered trademarks 227.2% respectively from end-2015.", True),
    ],
)
def test_each_figure_is_looked_up_by_its_own_clause(text: str, which: int, query: str, borrowed: bool) -> None:
    clause = _clauses(text)[which]
    assert (clause.query, clause.borrowed) == (query, borrowed)


def test_a_listed_figure_is_looked_up_by_its_metric_with_the_claims_context() -> None:
    clauses = _clauses("2024年广东发明专利授权量、商标注册量分别为16.88万件和82.45万件。")
    assert [c.query for c in clauses] == ["2024年 广东 发明专利授权量 为 16.88万件", "2024年 广东 商标注册量 为 82.45万件"]
    assert all(c.listed for c in clauses)


def test_a_listed_clause_frame_asks_for_its_own_metric_and_keeps_the_claims_year_and_place() -> None:
    text = "2024年广东发明专利授权量、商标注册量分别为16.88万件和82.45万件。"
    frame = analyse(text, "claim", glossary())
    first, second = (clause_frame(frame, c, analyse(c.query, "claim", glossary()))
                     for c in claim_clauses(text, frame.figures, _content))
    assert first.figures == [frame.figures[0]] and first.units == ["件"]
    assert first.years == [2024] and "guangdong" in first.places
    assert first.actions == frozenset({"grant"}) and "invention" in first.qualifiers
    assert second.actions == frozenset({"register"}) and "invention" not in second.qualifiers


def test_a_bare_number_is_looked_up_as_no_percent_whatever_rate_the_claim_names() -> None:
    text = "In 2023 Guangdong's courts accepted 91,000 IP cases and concluded 95,000, with 53,000 withdrawn " \
           "through mediation, a rate of 57.4%."
    frame = analyse(text, "claim", glossary())
    clauses = claim_clauses(text, frame.figures, _content)
    bare_one = clause_frame(frame, clauses[2], analyse(clauses[2].query, "claim", glossary()))
    rate = clause_frame(frame, clauses[3], analyse(clauses[3].query, "claim", glossary()))
    assert "%" not in (bare_one.units or [])
    assert rate.units == ["%"]


def test_a_span_running_past_the_one_before_is_cut_to_its_end() -> None:
    from qa.claim_clauses import bare

    assert bare("HK$3.5 billion of loans") == "of loans"
    assert bare("up 2.36 percentage points") == "up percentage points"
