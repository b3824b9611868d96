"""Article checks (qa.article) on a fake verifier: which sentences are checked or skipped and
why, and what a sentence that leans on an earlier one is read as (the frame it is checked with)."""

from __future__ import annotations

import pytest

from index.glossary import Glossary
from qa.article import (
    MAX_ARTICLE_CHARS,
    SKIP_DATE_ONLY,
    SKIP_NO_FIGURE,
    SKIP_OFF_SUBJECT,
    SKIP_ORDINAL_ONLY,
    check_article,
)
from qa.frame import QueryError, QueryFrame
from qa.types import ArticleCheck, Check, FigureOut, Verdict

COURTS_2024 = "2024年,全省法院新收各类知识产权案件83308件。"


class FakeVerifier:
    """Records each frame it is given; the verdict is the one listed for the sentence, else not_found."""

    def __init__(self, verdicts: dict[str, str] | None = None) -> None:
        self.frames: dict[str, QueryFrame] = {}
        self.verdicts = verdicts or {}

    def __call__(self, frame: QueryFrame) -> Verdict:
        self.frames[frame.text] = frame
        label = self.verdicts.get(frame.text, "not_found")
        fig = frame.figures[0]
        claimed = FigureOut(text=fig.text, value=fig.value, unit=fig.unit)
        return Verdict(claim=frame.text, lang=frame.lang, verdict=label, claimed=claimed, found=None,  # type: ignore[arg-type]
                       explanation=f"fake {label}", citations=[],
                       checks=[Check(claimed=claimed, found=None, verdict=label, explanation="x",  # type: ignore[arg-type]
                                     citations=[])])


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


def run(article: str, glossary: Glossary | None = None, **verdicts: str) -> tuple[ArticleCheck, FakeVerifier]:
    fake = FakeVerifier(verdicts)
    return check_article(article, glossary, fake), fake


def test_the_year_and_agency_of_an_earlier_sentence_are_carried() -> None:
    check, fake = run(COURTS_2024 + "审结88462件。")
    second = fake.frames["审结88462件。"]
    assert second.years == [2024]
    assert second.agencies == frozenset({"court"})
    assert second.actions == frozenset({"conclude"})  # its own action stands
    s = check.sentences[1]
    assert s.assumed == {"year": "2024", "agency": "court"} and s.assumed_from == 1
    # the frame says what it was lent, for the calibrated verdict (qa.calibration.claim_features)
    assert second.assumed == frozenset({"year", "agency"})
    assert fake.frames[COURTS_2024].assumed == frozenset()


def test_english_follow_on_sentence_gets_year_and_agency() -> None:
    _, fake = run("In 2024 the courts took in 83,308 new IP cases. It also closed 88,462.")
    frame = fake.frames["It also closed 88,462."]
    assert frame.years == [2024]
    assert frame.agencies == frozenset({"court"})


def test_a_bare_rate_is_about_the_figure_before_it(glossary: Glossary) -> None:
    check, fake = run(COURTS_2024 + "同比增长20%。", glossary)
    frame = fake.frames["同比增长20%。"]
    assert frame.years == [2024] and frame.agencies == frozenset({"court"})
    assert frame.actions == frozenset({"accept"})
    # searched with the earlier sentence's words too
    assert any("知识产权" in w or "案件" in w for w in frame.search_words["zh"])
    assert check.sentences[1].assumed["subject"] == COURTS_2024


def test_a_quantity_keeps_its_own_subject(glossary: Glossary) -> None:
    _, fake = run(COURTS_2024 + "全省专利代理机构达900家。", glossary)
    frame = fake.frames["全省专利代理机构达900家。"]
    assert frame.years == [2024]
    assert frame.actions == frozenset()  # not the courts' 受理


def test_what_a_sentence_names_itself_wins() -> None:
    _, fake = run(COURTS_2024 + "2023年全省检察机关批准逮捕侵犯知识产权犯罪案件770件。")
    frame = fake.frames["2023年全省检察机关批准逮捕侵犯知识产权犯罪案件770件。"]
    assert frame.years == [2023]
    assert frame.agencies == frozenset({"procuratorate"})


def test_a_new_paragraph_keeps_the_year_but_not_the_agency() -> None:
    check, fake = run(COURTS_2024 + "\n审结88462件。")
    frame = fake.frames["审结88462件。"]
    assert frame.years == [2024]
    assert frame.agencies == frozenset()
    assert check.sentences[1].assumed == {"year": "2024"}


def test_a_skipped_sentence_still_names_the_year_for_the_next() -> None:
    check, fake = run("2024年,广东知识产权保护取得新进展。全省法院审结88462件。")
    assert check.sentences[0].verdict == "skipped" and check.sentences[0].skip_reason == SKIP_DATE_ONLY
    assert fake.frames["全省法院审结88462件。"].years == [2024]


@pytest.mark.parametrize("sentence, reason", [
    ("广东知识产权保护再上新台阶。", SKIP_NO_FIGURE),
    ("2024年12月2日,记者从省知识产权局获悉。", SKIP_DATE_ONLY),
    ("第十届中国专利奖在广州颁奖。", SKIP_ORDINAL_ONLY),
    ("他今年35岁。", SKIP_OFF_SUBJECT),
    ("The weather was 30 degrees in Berlin.", SKIP_OFF_SUBJECT),
    ("———", SKIP_NO_FIGURE),
])
def test_skipped_sentences_say_why(sentence: str, reason: str, glossary: Glossary) -> None:
    check, fake = run(sentence, glossary)
    assert [s.verdict for s in check.sentences] == ["skipped"]
    assert check.sentences[0].skip_reason == reason
    assert fake.frames == {}


def test_every_sentence_is_listed_and_counted(glossary: Glossary) -> None:
    article = f"标题\n{COURTS_2024}审结99999件。他今年35岁。全省法院调解案件5万件。"
    check, _ = run(article, glossary, **{COURTS_2024: "supported", "审结99999件。": "contradicted"})
    assert [s.verdict for s in check.sentences] == ["skipped", "supported", "contradicted", "skipped", "not_found"]
    assert [s.number for s in check.sentences] == [1, 2, 3, 4, 5]
    s = check.summary
    assert (s.sentences, s.claims, s.supported, s.contradicted, s.not_found, s.skipped) == (5, 3, 1, 1, 1, 2)
    assert all(article[x.start : x.end] == x.text for x in check.sentences)
    assert check.sentences[1].checks[0].claimed is not None


@pytest.mark.parametrize("text, problem", [
    ("", "empty"),
    ("  \n ", "empty"),
    ("a" * (MAX_ARTICLE_CHARS + 1), "limit is 20,000"),
    ("法院新收83308件\x00\x01。", "non-text"),
    (b"\xff\xfe\x00", "UTF-8"),
    (42, "must be text"),
])
def test_bad_articles_get_one_clear_error(text: object, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        check_article(text, None, FakeVerifier())


def test_an_article_at_the_limit_is_taken() -> None:
    text = ("天气很好。" * (MAX_ARTICLE_CHARS // 5))[:MAX_ARTICLE_CHARS]
    check, _ = run(text)
    assert check.chars == MAX_ARTICLE_CHARS and check.summary.claims == 0


@pytest.mark.parametrize("follow, years", [
    ("That is fewer than the 703,700 granted a year earlier.", [2023]),
    ("较上年增长12.5%。", [2024]),  # this year's change on the year before
    ("前年为70万件。", [2022]),
    ("较上年增加3.2万件,增长12.5%。", [2023, 2024]),
    ("同年授权发明专利14万件。", [2024]),
])
def test_a_relative_year_places_a_quantity_in_the_earlier_year(follow: str, years: list[int]) -> None:
    _, fake = run("2024年全省专利授权量为69.26万件。" + follow)
    assert fake.frames[follow].years == years


@pytest.mark.parametrize("follow", [
    "The agriculture department opened 297 cases in its spring campaign.",
    "Forestry officials inspected more than 200 businesses.",
    "其中发明专利授权量逾14万件。",
])
def test_a_sentence_with_a_subject_of_its_own_is_not_lent_the_agency(follow: str, glossary: Glossary) -> None:
    _, fake = run("In 2024 market regulators in Guangdong handled 3,945 IP cases. " + follow, glossary)
    # its own subject (the agriculture department, an actor of its own kind) or none: never the one before
    assert "market_regulation" not in fake.frames[follow].agencies
    assert fake.frames[follow].years == [2024]


def test_a_rate_with_its_own_year_is_not_about_the_sentence_before(glossary: Glossary) -> None:
    follow = "Guangdong's copyright industries accounted for 9.5% of provincial GDP in 2024."
    _, fake = run("Some 88,500 enterprises owned 688,200 invention patents in 2024. " + follow, glossary)
    assert fake.frames[follow].actions == frozenset()
    assert "Some 88,500" not in " ".join(fake.frames[follow].search_words["en"])


def test_a_figure_in_the_documents_words_is_checked_even_without_a_glossary_term(glossary: Glossary) -> None:
    sentence = "2023年,获准使用专用标志的主体数量为1643家。"
    fake = FakeVerifier()
    check = check_article(sentence, glossary, fake, vocabulary={"专用", "标志"})
    assert check.sentences[0].verdict == "not_found" and sentence in fake.frames
    check = check_article("The weather was 30 degrees in Berlin.", glossary, fake, vocabulary={"专用", "y2024"})
    assert check.sentences[0].skip_reason == SKIP_OFF_SUBJECT


@pytest.mark.parametrize("follow, places", [
    ("It also closed 8,000.", frozenset({"shenzhen"})),
    ("Guangdong had 4,781 practising patent attorneys.", frozenset({"guangdong"})),  # its own place
    ("全省审结88462件。", frozenset()),
    ("全市审结8000件。", frozenset({"shenzhen"})),
    ("Damages in civil IP cases decided by the courts totalled RMB 8.85 billion.", frozenset({"shenzhen"})),
    ("Damages in civil IP cases decided by Guangdong courts totalled RMB 8.85 billion.", frozenset({"guangdong"})),
])
def test_a_city_is_lent_unless_the_sentence_speaks_of_the_province(follow: str, places: frozenset[str],
                                                                  glossary: Glossary) -> None:
    _, fake = run("In 2024 Shenzhen courts took in 30,000 IP cases. " + follow, glossary)
    assert fake.frames[follow].places == places


@pytest.mark.parametrize(
    ("follow", "years"),
    [
        # the named year is the compared figure's; 4.95万件 is the article's year's
        ("一般作品登记4.95万件,较2023年的5.49万件有所减少。", [2023, 2024]),
        ("The stock reached 351,000, up from 130,000 in 2020.", [2020, 2024]),
        # every figure is the compared year's: that year alone
        ("与2023年的15766批次相比,批次数有所下降。", [2023]),
        # a year of its own, not compared: that year
        ("2023年全省办理此类案件9686件。", [2023]),
    ],
)
def test_a_year_named_only_to_compare_with_keeps_the_article_s_year(follow: str, years: list[int]) -> None:
    _, fake = run(COURTS_2024 + follow)
    assert fake.frames[follow].years == years


def test_a_compared_year_does_not_become_the_article_s_year() -> None:
    later = "不过查扣数量高于上年的3314万件。"
    _, fake = run(COURTS_2024 + "与2023年的15766批次相比,批次数有所下降。" + later)
    assert fake.frames[later].years == [2023]  # the year before 2024, not before 2023


def test_an_earlier_time_the_same_thing_happened_does_not_become_the_article_s_year() -> None:
    # "继2022年度后": after 2022 as well; the next sentence is still about the article's year.
    later = "目前全市累计为225家企业提供保障。"
    _, fake = run(COURTS_2024 + "这是该市继2022年度后再次获此殊荣。" + later)
    assert fake.frames[later].years == [2024]
