"""Typed records that cross module boundaries in the query side of the pipeline."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from index.figures import bound_lang, prefix_bound


class FigureOut(BaseModel):
    """A figure as reported to users: the source's text, the number, the unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    value: float
    unit: str
    # The bound its sentence puts on it (more_than: "超1万名", "more than 40,000"), and the figure as
    # an answer shows it, with that bound ("超1万名" where the text is "1万名").
    qualifier: str | None = None
    stated: str = ""

    def shown(self, lang: str) -> str:
        """As an answer in ``lang`` shows it: with the bound ``stated`` adds, the bound in ``lang``."""
        if not self.qualifier or self.stated in ("", self.text):
            return self.text
        return prefix_bound(self.text, self.qualifier, bound_lang(self.text, lang))


class Citation(BaseModel):
    """One source passage. ``quote`` is an exact substring of the document's clean text;
    ``start``/``end`` are the quote's offsets in the raw corpus file (characters)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str  # corpus file name
    doc_id: str
    title: str
    year: int
    section: str
    lang: Literal["zh", "en"]
    quote: str
    start: int
    end: int
    figure_start: int | None = None  # the figure's offsets inside ``quote``, for highlighting
    figure_end: int | None = None
    paragraph: str = ""  # the surrounding paragraph (clean text), for "show more"
    linked_quote: str | None = None  # the same section in the document's other language
    linked_section: str | None = None
    chunk_id: str = ""


AnswerStatus = Literal["answered", "not_found"]
VerdictLabel = Literal["supported", "contradicted", "not_found"]


class PlaceOut(BaseModel):
    """A place as reported to users (index/lexicon/places.tsv): its id and its names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str  # guangdong, shenzhen, jiangsu …
    zh: str  # 广东
    en: str  # Guangdong


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    lang: Literal["zh", "en"]
    status: AnswerStatus
    answer: str
    figure: FigureOut | None
    normalized: str | None = None  # e.g. "47,800"
    cross_language: bool = False  # the figure comes from the other language's text
    citations: list[Citation]
    related: list[Citation] = []  # nearest passages when not found
    confidence: float | None = None  # calibrated probability that the figure is right (qa.calibration)
    reason: str = ""  # why this figure, or why not found
    # When the figure was held back as not sure enough: the best figure the rules allowed (never
    # shown as an answer; for the risk–coverage measurement and for a maintainer's eye).
    withheld: FigureOut | None = None
    retrieved: list[str] = []  # chunk ids in ranked order (for evaluation)
    seconds: float = 0.0
    # A question about how a figure changed between two years (qa.compare), and a question that
    # names no year about a figure the documents give for several: each year's figure.
    comparison: Comparison | None = None
    by_year: list[YearFigure] = []
    # Where the figure is for (the question's place, or the one chosen when it names none; qa.where).
    place: PlaceOut | None = None
    # When the question names no place and documents of several provinces give the figure: every
    # such province, the chosen one first (the chat asks which one); empty otherwise.
    ambiguous_places: list[PlaceOut] = []
    # When the question names no place and several provinces' documents give different figures
    # that each pass the rules and the bar: each place's figure, labelled (qa.by_place).
    by_place: list[PlaceFigure] = []


class PlaceFigure(BaseModel):
    """One place's figure for a metric, with its own citation (questions and claims naming no place)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place: PlaceOut | None  # where the figure is for (None: its document names no place)
    year: int  # the year the figure is for
    figure: FigureOut
    normalized: str
    citation: Citation
    confidence: float | None = None
    verdict: VerdictLabel | None = None  # for a claim: the verdict against this place's figure


class YearFigure(BaseModel):
    """One year's figure for a metric, with its own citation (comparisons, year-less questions)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    figure: FigureOut
    normalized: str
    citation: Citation
    confidence: float | None = None


class Comparison(BaseModel):
    """Two years' figures for one metric and the change; ``from``/``to`` in JSON. Not answered
    (``from_``/``to`` null, ``missing`` the years not found) unless both passed the rules of ask."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, serialize_by_alias=True)

    years: list[int]  # [earlier, later]
    from_: YearFigure | None = Field(default=None, alias="from")
    to: YearFigure | None = None
    change: float | None = None  # to - from, in the figures' unit
    change_pct: float | None = None  # (to - from) / from, in percent
    # The year-on-year rate the later figure's own sentence states (同比增长 x%), signed; whether the
    # computed change agrees with it within the rounding of the printed figures and rate.
    stated_change_pct: float | None = None
    stated_agrees: bool | None = None
    missing: list[int] = []  # the years whose figure was not found
    note: str = ""  # why it was not answered, or how the rates compare


class ChatTurn(Answer):
    """One turn of a conversation: the answer to the turn as understood after the turns before it."""

    resolved_question: str  # the question as understood (a follow-up written out in full)
    assumed: str  # what was assumed, in the question's language: "2023年 · 全省法院 · 新收知识产权案件"
    followup: bool = False


class Verdict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    claim: str
    lang: Literal["zh", "en"]
    verdict: VerdictLabel
    claimed: FigureOut | None
    found: FigureOut | None
    explanation: str
    citations: list[Citation]
    retrieved: list[str] = []
    seconds: float = 0.0
    confidence: float | None = None  # calibrated probability that the verdict is right
    withheld: VerdictLabel | None = None  # the verdict held back as not sure enough, if any
    place: PlaceOut | None = None  # where the source figure it was judged against is for
    # A claim naming no place, where several provinces' documents give different figures: each
    # place's figure and the verdict against it (qa.by_place).
    by_place: list[PlaceFigure] = []
    # One entry per figure the claim states, each checked against the source figure for its own
    # clause's metric, agency and action (the verdict above is the worst of them).
    checks: list[Check] = []


class Check(BaseModel):
    """One figure of a claim and its own verdict."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    claimed: FigureOut | None
    found: FigureOut | None
    verdict: VerdictLabel
    explanation: str
    citations: list[Citation]
    confidence: float | None = None


Verdict.model_rebuild()
Answer.model_rebuild()
ChatTurn.model_rebuild()


class FigureRow(BaseModel):
    """One row of the corpus-wide figures table."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float
    unit: str
    text: str
    metric: str
    year: int
    lang: Literal["zh", "en"]
    doc_id: str
    title: str
    source: str
    section: str
    quote: str
    period: str | None = None  # "stock" / "flow"
    plan: str | None = None  # "target" / "actual"
    places: list[str] = []
    agency: str | None = None
    action: str | None = None
    raw_start: int | None = None  # the figure's span in the raw corpus file
    raw_end: int | None = None


class DocumentRow(BaseModel):
    """One document of the current build, as the app's Documents tab lists it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    file: str
    title_zh: str
    title_en: str
    year: int
    kind: str
    place: str | None  # an id of index/lexicon/places.tsv: the metadata's, else the one its title names
    languages: list[str]
    chunks: int  # the build's chunks of it (0: listed, but nothing in it was indexed)


class IndexStatus(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    documents: list[dict[str, str | int]]  # id, title, year, kind, chunks
    chunks: dict[str, int]
    model: str
    built_at: str
    build_id: str
    last_eval: dict[str, float | str] | None = None


class ArticleSentence(BaseModel):
    """One sentence of a checked article: its verdict and the checks of its figures, or why it
    was skipped. ``start``/``end`` are its offsets in the article as given."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int  # 1-based, in the article's order
    text: str
    start: int
    end: int
    paragraph: int
    verdict: VerdictLabel | Literal["skipped"]
    skip_reason: str | None = None  # why no figure of it was checked (verdict "skipped")
    # What the sentence left out and was read from an earlier one ("year": "2024", "agency":
    # "court" …), with the number of the sentence it came from: shown so a wrong guess is visible.
    assumed: dict[str, str] = {}
    assumed_from: int | None = None
    claimed: FigureOut | None = None
    found: FigureOut | None = None
    explanation: str = ""
    checks: list[Check] = []
    citations: list[Citation] = []
    confidence: float | None = None


class ArticleSummary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sentences: int
    claims: int  # sentences checked
    supported: int
    contradicted: int
    not_found: int
    skipped: int


class ArticleCheck(BaseModel):
    """A whole article or paragraph checked sentence by sentence (qa.article)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lang: Literal["zh", "en"]
    chars: int
    sentences: list[ArticleSentence]
    summary: ArticleSummary
    seconds: float = 0.0
