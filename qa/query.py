"""What a question or claim asks for: language, year, unit, stated figures. Pure functions."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from index.figures import Figure, parse_figures
from index.text import detect_lang
from qa.intent import unit_for_question

MAX_QUESTION_CHARS = 2000

_EN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class QueryError(ValueError):
    """A question the system cannot take; the message says why."""


class QueryInfo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    lang: str
    years: list[int]
    figures: list[Figure]  # figures the text states (claims, "is it 47,800?")
    units: list[str] | None  # units the question asks for, if it says
    match_text: str = ""  # the text in the documents' register, for matching words (see official_wording)


# What a figure or a question counts: a stock at a point in time ("by the end of 2024", 截至,
# 累计, valid patents) or a flow over a year ("in 2024", 2024年). The white papers give both for
# one metric (PCT applications filed in 2024: 23,400; by the end of 2024: 304,700).
_STOCK_RE = re.compile(
    r"\b(?:by|at|as of) the end of\b|\bas (?:of|at)\b|\bby (?:(?:19|20)\d\d|now)\b|\bto date\b|\bso far\b"
    r"|\bcumulative(?:ly)?\b|\baccumulated\b|\bvalid\b|\bin force\b|\bin stock\b"
    r"|截至|截止|年底|年末|底[,，]|累计|累積|拥有|擁有|有效|共有|现有|現有",
    re.IGNORECASE)
_FLOW_RE = re.compile(r"\b(?:in|during|for|throughout) (?:19|20)\d\d\b|(?<![\d—–-])(?:19|20)\d\d年(?![底末\d—–-])|全年|同比",
                      re.IGNORECASE)


def time_frame(text: str) -> str | None:
    """"stock" when the text counts what exists at a point in time, "flow" when it counts what
    happened in a year, None when it does not say. A stock cue wins: "截至2024年底" names a year too."""
    if _STOCK_RE.search(text):
        return "stock"
    if _FLOW_RE.search(text):
        return "flow"
    return None


# Five-year plans by the year their figures are stated for: the 13th plan's results are the
# figures for 2020, the 14th plan's targets those for 2025.
_PLAN_YEARS = ((re.compile(r"十三五|13th Five[- ]Year", re.IGNORECASE), 2020),
               (re.compile(r"十四五|14th Five[- ]Year", re.IGNORECASE), 2025))


def plan_years(text: str) -> list[int]:
    """The years a text's five-year plans stand for ("during the 13th Five-Year Plan" → [2020])."""
    return sorted({year for pattern, year in _PLAN_YEARS if pattern.search(text)})


# Everyday words for the documents' official ones (案子 → 案件): a question in plain speech
# should match the clause that says the same thing in the white papers' register.
_ZH_EVERYDAY = tuple((re.compile(pattern), official) for pattern, official in (
    (r"案子", "案件"), (r"(?<![获])抓(?:了|到)", "抓获了"), (r"(?<![新接验吸征回])收了", "受理了"),
    (r"(?<![审办完])结了", "审结了"), (r"罚了", "处罚了"), (r"公司", "企业"),
    (r"(?:提起)?公诉", "起诉"), (r"(?<![查])扣(?:了|下)", "查扣了"), (r"(?<![调检巡审督])查了", "查处了")))


# The same for English: everyday verbs for the ones the white papers' translations use ("how many
# cases did courts wrap up" → "conclude"; "dens the police busted" → "destroyed").
_EN_EVERYDAY = tuple((re.compile(pattern, re.IGNORECASE), official) for pattern, official in (
    (r"\b(?:wrap(?:s|ped)?|wrapping) up\b|\b(?:clos(?:e|ed|es)|finish(?:ed|es)?|dispos(?:e|ed) of)\b(?= [^?.]*\bcases?\b)",
     "concluded"),
    (r"\b(?:backlog(?:ged)?|unresolved|outstanding)\b", "pending"),
    (r"\b(?:bust(?:ed|s)?|dismantl(?:e|ed|es)|smash(?:ed|es)?|raid(?:ed|s)?|(?:shut|take|took|taken) down)\b",
     "destroyed"),
    (r"\bcounterfeit(?:ing)? dens\b", "criminal dens"),
    (r"\b(?:indict(?:ed|s)?|charged|(?:file|filed|bring|brought|press|pressed) charges(?: against)?)\b", "prosecuted"),
    (r"\brefer(?:red|s)? (?:\w+ ){0,3}to (?:the )?prosecutors?\b", "transferred for prosecution"),
    (r"\b(?:patroll?(?:ed|ing|s)?|check(?:ed)? on|kept an eye on)\b", "monitored"),
    (r"\b(?:sent out|dispatched|mobili[sz]ed)\b", "deployed"),
    # "how many cases did police open" → the translations' "cases were filed"
    # ("open cases", "cases still open" are pending ones; "open-licence" is no verb)
    (r"(?<![-\w])open(?:ed|s)?\b(?![-\s]+cases?\b)(?!-)(?=[^?.]*\bcases?\b)", "filed"),
    (r"(\bcases?\b[^?.]*?)(?<!still )(?<!remain )(?<!remained )(?<!remains )(?<![-\w])open(?:ed|s)?\b(?!-)",
     r"\1filed"),
))


# "多少个涉假微信号": a measure word after 多少/几 is cut off from the word that follows, or
# jieba reads "个涉" and "假微" where the documents have 涉假微信号.
_ZH_ASKED_MEASURE = re.compile(r"((?:多少|几)(?>批次|人次|件次|[个件家名人项宗起批支条所座张场届笔]))(?=[\u4e00-\u9fff])(?![目员民所额位])")


def official_wording(text: str, lang: str | None = None) -> str:
    """A question in the documents' wording ("法院收了多少案子" → "法院受理了多少案件", "how many
    cases did courts wrap up" → "how many cases did courts concluded"); ``lang`` if known."""
    zh = (lang or detect_lang(text)) == "zh"
    for everyday, official in _ZH_EVERYDAY if zh else _EN_EVERYDAY:
        text = everyday.sub(official, text)
    if zh:
        text = _ZH_ASKED_MEASURE.sub(r"\1 ", text)
    return text


def validate_text(text: object, what: str = "question") -> str:
    """The text, stripped; or a QueryError naming the problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise QueryError(f"The {what} is not valid UTF-8 text.") from e
    if not isinstance(text, str):
        raise QueryError(f"The {what} must be text.")
    stripped = text.strip()
    if not stripped:
        raise QueryError(f"The {what} is empty: type a {what} in Chinese or English.")
    if len(stripped) > MAX_QUESTION_CHARS:
        raise QueryError(f"The {what} is {len(stripped)} characters long; the limit is {MAX_QUESTION_CHARS}.")
    bad = sum(1 for c in stripped if (ord(c) < 32 and c not in "\n\t\r") or c == "\ufffd")
    if bad:
        raise QueryError(f"The {what} contains {bad} non-text character(s) (control bytes or undecodable data).")
    if not re.search(r"[\w\u3400-\u9fff]", stripped):
        raise QueryError(f"The {what} has no words in it.")
    return stripped


def analyse(text: object, what: str = "question") -> QueryInfo:
    text = validate_text(text, what)
    figures = parse_figures(text)
    years = sorted({int(f.value) for f in figures if f.kind == "year" and 1990 <= f.value <= 2035})
    if not years:
        years = sorted({int(y) for y in _EN_YEAR.findall(text)})
    if not years:
        years = plan_years(text)
    stated = [f for f in figures if f.kind in ("quantity", "percent", "rank")]
    wanted = unit_for_question(text)
    if not wanted and stated and stated[0].unit:
        # A claim asks about the unit of the figure it states ("1,265 IP cases" → 件).
        wanted = {stated[0].unit}
    lang = detect_lang(text)
    return QueryInfo(text=text, lang=lang, years=years, figures=stated, units=sorted(wanted) if wanted else None,
                     match_text=official_wording(text, lang))
