"""A comparison's two figures held back by the bar, answered together when the later figure's
stated year-on-year rate ties them (qa.corroborate); corpus sentences, no model."""

from __future__ import annotations

from qa.calibration import Model
from qa.compare import stated_rate
from qa.corroborate import corroborated, metric_key, rate_ties, same_wording
from qa.rank import ScoredFigure
from tests.qa.synthetic import Corpus, chunk

PLEDGE_2024 = "2024年,全省专利商标质押融资额3453.97亿元,同比增长49.74%,位居全国第2,惠及企业5067家,其中中小企业4931家。"
PLEDGE_2023 = "2023年,全省专利和商标质押融资金额达2306.71亿元,同比增长137.75%。"
# The same sentence with another 2023 figure: a wrong pair the printed rate does not tie.
PLEDGE_2023_OFF = "2023年,全省专利和商标质押融资金额达2106.71亿元,同比增长137.75%。"
GRANTS_2024 = "2024年,全省专利授权量69.26万件,同比减少1.58%。"
# A bounded figure ("超70万件") ties nothing: what it stands for is not printed.
GRANTS_2023_BOUND = "2023年,全省专利授权量超70万件。"

# A model whose probabilities are given directly; its bars by risk as fitted (qa/calibration.json).
MODEL = Model(features=[], mean=[], scale=[], coef=[], intercept=0.0,
              bars={"0.5": 0.9679, "1": 0.958, "2": 0.8894, "3": 0.8049, "5": 0.6259, "10": 0.1274})


def _money(later: str, earlier: str, question: str, unit: str = "元") -> tuple[ScoredFigure, ScoredFigure]:
    c24 = chunk(later, cid="c24", year=2024)
    c23 = chunk(earlier, cid="c23", year=2023)
    corpus = Corpus(c24, c23)

    def pick(year: int) -> ScoredFigure:
        figs = corpus.rank(corpus.frame(f"{year}年{question}"))
        return next(f for f in figs if f.year == year and f.figure.unit == unit)

    return pick(2023), pick(2024)


def test_a_stated_rate_that_fits_both_printed_figures_ties_them() -> None:
    before, after = _money(PLEDGE_2024, PLEDGE_2023, "广东专利商标质押融资额是多少?")
    assert (before.figure.text, after.figure.text) == ("2306.71亿元", "3453.97亿元")
    stated = stated_rate(after.chunk, after.index)
    assert rate_ties(before, after, stated)
    # Each held back at the risk-1 bar (0.958), the pair is answered: the risk-5 bar is 0.63.
    assert corroborated(before, 0.955, after, 0.961, stated, MODEL, 1.0)
    assert not corroborated(before, 0.50, after, 0.961, stated, MODEL, 1.0)


def test_a_rate_that_does_not_fit_the_earlier_figure_ties_nothing() -> None:
    before, after = _money(PLEDGE_2024, PLEDGE_2023_OFF, "广东专利商标质押融资额是多少?")
    assert not corroborated(before, 0.955, after, 0.961, stated_rate(after.chunk, after.index), MODEL, 1.0)


def test_a_bounded_earlier_figure_or_no_stated_rate_ties_nothing() -> None:
    before, after = _money(GRANTS_2024, GRANTS_2023_BOUND, "广东专利授权量是多少件?", unit="件")
    stated = stated_rate(after.chunk, after.index)
    assert stated is not None and stated.pct == -1.58
    assert not rate_ties(before, after, stated)
    assert not rate_ties(before, after, None)


STOCK_2024 = "2024年,全省有效注册商标量906.46万件。"
STOCK_2023 = "2023年底,全省有效注册商标量843.99萬件。"
# The same year's paper printing the stock under other words: not tied by wording.
OTHER_2023 = "2023年,全省注册商标申请量843.99万件。"


def _pair(later: str, earlier: str, question: str) -> tuple[ScoredFigure, ScoredFigure]:
    corpus = Corpus(chunk(later, cid="c24", year=2024), chunk(earlier, cid="c23", year=2023))
    return tuple(corpus.rank(corpus.frame(f"{year}年{question}"))[0] for year in (2023, 2024))  # type: ignore[return-value]


def test_the_same_metric_words_in_both_years_tie_the_figures() -> None:
    before, after = _pair(STOCK_2024, STOCK_2023, "有效注册商标量多少件?")
    assert metric_key(before.record) == metric_key(after.record) == "有效注册商标量"
    assert same_wording(after, before, metric_key(after.record), metric_key(before.record))


def test_other_metric_words_tie_nothing() -> None:
    before, after = _pair(STOCK_2024, OTHER_2023, "有效注册商标量多少件?")
    assert not same_wording(after, before, metric_key(after.record), metric_key(before.record))


CONCLUDED_2024 = "2024年,全省法院新收各类知识产权案件83308件;审结88462件,结收比106.19%。"
CONCLUDED_2023 = "2023年,全省法院新收各类知识产权案件9.1萬件,审结各类知识产权案件9.5萬件。"


def test_shortened_metric_words_read_within_the_other_year_s_tie_the_figures() -> None:
    # The 2024 paper writes "审结88462件" after the courts' intake, the 2023 paper "审结各类知识产权案件9.5萬件".
    corpus = Corpus(chunk(CONCLUDED_2024, cid="c24", year=2024), chunk(CONCLUDED_2023, cid="c23", year=2023))
    before, after = (next(f for f in corpus.rank(corpus.frame(f"{y}年全省法院审结知识产权案件多少件?"))
                          if f.year == y and f.figure.value in (95000, 88462)) for y in (2023, 2024))
    assert (metric_key(before.record), metric_key(after.record)) == ("审结各类知识产权案件", "审结")
    assert same_wording(after, before, metric_key(after.record), metric_key(before.record))
    # One character says nothing: "件" would be read within every metric.
    assert not same_wording(after, before, "件", metric_key(before.record))
    # Words added before narrow the metric: the strategic clusters' invention grants are another one.
    assert not same_wording(after, before, "发明专利授权量", "广东战略性产业集群发明专利授权量")
    assert same_wording(after, before, "审结", "审结各类知识产权案件")
