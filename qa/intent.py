"""What unit a question asks for ("多少件", "how much money", "what rate")."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from index.figures import Figure, counts_things
from index.figures.pieces import english_unit, match_cn_unit
from index.figures.tables import CURRENCY_UNITS, EN_UNITS, fold, plural
from index.figures.units import unit_group
from index.lexicon import patterns_by_kind, rows, words
from index.qualifiers import change_words
from qa.asides import negates

_MONEY = frozenset({"元", "美元"})
LOSSES = "损失|亏损|損失|虧損"  # losses, counted in money
# 这几次 / 那几家 ("these few times") point back at something; they do not ask a number.
_Q_CN_UNIT_RE = re.compile(r"(?:多少|(?<![这那])几)(?:万|亿|千)?")
_Q_RANK_RE = re.compile(
    r"排名|排第|第几|名次|位列|位居|居全国|\brank(?:s|ed|ing)?\b|\bwhat place\b", re.IGNORECASE
)
_Q_PERCENT_RE = re.compile(
    r"比例|比率|之比|比值|占比|比重|百分比|百分之|几成|多少成|(?<![侵抢霸攻挤独])[占佔](?!用|地面积)[^，,。？?]{0,16}?(?:多少|几)|份额|(?<![效频税])率(?!先)|增幅|降幅|%|\bpercent(?:age)?\b|\bper cent\b|\bshare\b|\bfraction\b|\baccount(?:s|ed|ing)? for\b"
    r"|\bproportion\b|\brate\b|\bratio\b",
    re.IGNORECASE,
)
_Q_MONEY_SOURCE = (
    r"多少钱|金额|(?<!高)价值|货值|案值|标的|融资额|交易额|成交额|赔偿额|判赔|赔偿数额|资金|多少(?:亿|万)?元"
    r"|收入|营收|预算|经费|支出|补贴|补助|多少(?:" + LOSSES + ")"
    # An amount asked by its "额" (标的额, 营业额, "标底额" as typed), not 份额 (a share), 名额 (places) or
    # 差额 (a difference); the size of an issuance, a fund or a loan asked as 规模 ("产品规模有多大").
    r"|(?<![份名差])额(?:度)?(?=(?:{between})*(?:多少|几|幾|多大))"
    # Money by its everyday word, wherever it stands ("罚款加没收的钱合计是多少")
    r"|钱(?!塘)|錢(?!塘)"
    r"|(?:发行|發行|融资|融資|产品|產品|基金|证券化|證券化|交易|贷款|貸款)[^。？?]{0,6}[规規]模(?=(?:{between})*(?:多少|多大))"
    r"|\b(?:budgets?|funding|spending|expenditures?|subsid(?:y|ies)|revenues?|turnover|income|earnings)\b|\bfees?\b(?! (?:waivers?|reductions?|exemptions?|cases?|disputes?)\b)"
    r"|\bissu(?:ance|ed) (?:size|scale|value|volume)\b|\b(?:size|scale) of (?:the )?issu(?:ance|ed)\b"
    # "How much did the institutes earn", "how much was raised": what is earned or raised is money
    # (not "how much time did courts spend": a noun after "how much" says what is measured)
    r"|\bhow much (?:money )?(?:did|was|were|has|have|had|is|are|does|do|will)\b[^?.]{0,80}?"
    r"\b(?:earn(?:s|ed|ing)?|rais(?:e|ed|ing)|collect(?:ed)?|spen[dt]|cost|paid)\b"
    r"|\bhow much money\b|(?<![-\w])value\b|\bworth\b|\byuan\b|\brmb\b|\bdollars?\b|\bdamages\b|\bamount of money\b"
    r"|\b(?:total )?amount (?:in dispute|insured|involved)\b|\binsured amount\b|\bsum insured\b|\bhow much [\w\s-]*\b(?:financing|turnover|revenue"
    r"|investment|fines?|losses|compensation|premiums?)\b"
    # "What was the total compensation awarded …": money, unless it names what is counted.
    r"|\b(?:compensation|fines|losses)\b(?! (?:cases?|claims?|disputes?|lawsuits?|suits?)\b)"
)
# What may stand between a measure noun and the question word: a copula, a total word, or a bound
# word (bounds.tsv: "产品，规模逾多少", "赔偿额突破了多少" ask the amount as "规模是多少" does).
_LINKING = ("了", "是", "为", "為", "有", "共", "总计", "總計", "一共", "合计", "合計", "达到", "達到", "达", "達", "约", "約",
            "超過", "大約")  # bounds.tsv's words are simplified; these two were asked in traditional too


@cache
def _q_money_re() -> re.Pattern[str]:
    """The question asks an amount of money (_Q_MONEY_SOURCE, with the words that may stand between
    its measure noun and 多少 filled in)."""
    bounds = [word for word, lang, position, _ in rows("bounds.tsv", 4) if lang == "zh" and position == "before"]
    between = "|".join(re.escape(w) for w in sorted({*_LINKING, *bounds}, key=len, reverse=True))
    return re.compile(_Q_MONEY_SOURCE.replace("{between}", between), re.IGNORECASE)


_EN_COUNTED_IN = re.compile(r"\b(?:counted|measured|expressed|given|reckoned) (?:in|by|as)\b", re.IGNORECASE)
_Q_PEOPLE_RE = re.compile(r"人数|多少人(?!次)")


@cache
def _in_currency() -> dict[str, re.Pattern[str]]:
    """The currency a question asks its amount in ("By how much did … reduce losses, in US dollars?"):
    named, it is the unit, whatever else the question's words suggest (a change, a rate). The money
    units' English nouns (units_en.tsv) and codes (currency.tsv), as money units are listed in
    unit_dimensions.tsv."""
    money = {unit for unit, dim in rows("unit_dimensions.tsv", 2) if dim == "money"}
    names: dict[str, list[str]] = {}
    for noun, (unit, _) in EN_UNITS.items():
        if unit in money:
            names.setdefault(unit, []).append(noun)
    for code, unit in CURRENCY_UNITS.items():
        if code.isascii() and code.isalpha() and unit in money:
            names.setdefault(unit, []).append(code)
    return {unit: re.compile(r"\bin (?:US |U\.S\. )?(?:" + "|".join(sorted(map(re.escape, ns), key=len, reverse=True))
                             + r")\b", re.IGNORECASE) for unit, ns in names.items()}
# How much something went up or down, with no measure word ("同比增长了多少?", "By how much did
# the caseload grow?", "How much did pledge financing rise?"): the documents state changes as
# rates ("同比增长49.74%"), and the level itself (3453.97亿元) is no answer. With a measure word
# ("增加了多少件") the unit rule above has already answered.
# Losses right after a change word's 多少 are what was cut, money ("为企业减少了多少损失" asks the losses
# avoided: the ontology's avoid_loss), not a rate; any other word after it leaves the rate asked.
# 幾多: Cantonese 多少; "上升了百分之几" asks the rise in percent
_CHANGE_ZH_TAIL = r"\s*了?\s*(?:(?:多少|[几幾]多)(?!" + LOSSES + ")|几成|几个百分点|百分之(?:多少|[几幾]))"
_CHANGE_EN_LEAD = re.compile(r"\bby (?:how much|what (?:percentage|percent))\b|\bhow much (?:did|has|have|was|were|is|does|do)\b",
                             re.IGNORECASE)
# "What was the year-on-year increase in …", "what's the growth of …": the change itself is what is
# asked, named as a noun right after the question's "what … the" (its own modifiers aside).
_CHANGE_EN_NOUN = re.compile(
    r"\bwhat(?:['’]s|\s+(?:was|is|were|has been|have been))\s+the\s+"
    r"(?:(?:year[- ]on[- ]year|annual|yearly|percentage|per[- ]?cent(?:age)?|overall|total|relative)\s+)*"
    r"(?:increase|rise|growth|decrease|decline|drop|fall|reduction|change|jump)s?\b(?!\s+(?:target|goal|plan)s?\b)(?!\s+(?:in|of)\s+(?:the\s+)?number\b)",
    re.IGNORECASE)


_CN_NOUN_RE = re.compile(r"[^，,。？?！!；;、]{1,16}")
_CN_PARTICLES = re.compile(r"[啊呀呢吧嘛哦啦哈呐]+$")


@cache
def _question_nouns(rule: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, unit) for each unit of a rule of question_nouns_zh.tsv, in file order: "after_个" a
    noun ending what 多少个 counts, "bare" the whole clause 多少 counts, a short modifier before its noun."""
    nouns: dict[str, list[str]] = {}
    for kind, unit, noun in rows("question_nouns_zh.tsv", 3):
        if kind == rule:
            nouns.setdefault(unit, []).append(re.escape(noun))
    shape = "(?:{})$" if rule == "after_个" else "[^的]{{0,4}}(?:{})"
    return tuple((re.compile(shape.format("|".join(forms))), unit) for unit, forms in nouns.items())


_HOW_MANY = re.compile(r"\bhow[ \t]+many\b", re.IGNORECASE)
_BRACKETED = re.compile(r"[(（]\s*(?:(?:counted|measured) )?(?:in |as )?([A-Za-z][A-Za-z -]{0,30}?)\s*[)）]", re.IGNORECASE)


def bracketed_unit(question: str) -> str:
    """A unit a question writes in brackets by itself ("How many 执法人员 (person-times)", "(in
    batches)"): the one it asks, whatever the noun before would have given; else ""."""
    for m in _BRACKETED.finditer(question):
        phrase = " " + m.group(1)
        unit, end, _, _ = english_unit(phrase, 0, singular_ok=True)
        # "(excluding person-times)" or "(year)" asks for no such unit
        if end == len(phrase) and counts_things(unit) and not negates(phrase):
            return unit
    return ""


def unit_guessed(question: str) -> bool:
    """The question's unit is only the lexicon's guess of a measure word from the English noun it
    counts (units_en.tsv: projects → 项, officers → 人), not one it writes (多少件, "counted in pieces",
    "how many batches"): the source may count the same things with another (619個 projects, 43667人次
    officers). See asked_unit."""
    return asked_unit(question)[1]


@cache
def measure_nouns() -> frozenset[str]:
    """English nouns that are measure words themselves, singular and plural (measure_nouns_en.txt)."""
    nouns = words("measure_nouns_en.txt")
    return frozenset(nouns) | frozenset(plural(n) for n in nouns)


def unit_for_question(question: str) -> set[str] | None:
    """The units an answer to `question` should be in, or None when the question does not say
    (asked_unit)."""
    return asked_unit(question)[0]


def asked_unit(question: str) -> tuple[set[str] | None, bool]:
    """The units an answer to `question` should be in, or None when the question does not say, and
    whether they are only guessed from the English noun "how many" counts (unit_guessed).

    An explicit measure word wins (多少件 → {件, 宗, 起}; how many batches → {批次, 批}),
    then rank (排名, 第几, rank → {位}, the unit of rank figures), then rate (比例, 率,
    percentage, share → {%}), then money (金额, 多少钱, how much money, value → {元, 美元}).
    """
    q = fold(question)
    for m in _Q_CN_UNIT_RE.finditer(q):
        cn_unit = match_cn_unit(q, m.end())
        if cn_unit:
            if cn_unit[0] == "个":
                # 个 is the all-purpose classifier: what it counts is the noun that follows
                # (多少个犯罪嫌疑人 are 名/人, 多少个奖项 are 项).
                noun = _CN_NOUN_RE.match(q, cn_unit[1])
                # A sentence-final particle is no part of the noun: "多少个侵犯知识产权的人啊".
                counted = _CN_PARTICLES.sub("", noun.group()) if noun else ""
                for pattern, unit in _question_nouns("after_个"):
                    if counted and pattern.search(counted):
                        return set(unit_group(unit)), False
            return set(unit_group(cn_unit[0])), False
    if bracketed := bracketed_unit(q):
        return set(unit_group(bracketed)), False
    # 多少 right before the noun it counts, with no measure word ("惠及多少企业?", "新收多少知识产权案件?"): the
    # noun's measure word, where the clause is that noun (a short modifier at most). Not a clause going on
    # ("多少仲裁机构受理…案件" counts the bodies), nor people (执法人员 are counted 人次 as often as 人).
    for m in _Q_CN_UNIT_RE.finditer(q):
        noun = _CN_NOUN_RE.match(q, m.end())
        counted = _CN_PARTICLES.sub("", noun.group()) if noun else ""
        for pattern, unit in _question_nouns("bare"):
            if pattern.fullmatch(counted):
                return set(unit_group(unit)), False
    # "How many counterfeit goods did customs seize, counted in batches?": the unit it names, before the
    # one its noun would (goods, counted one by one, are 件).
    counted_in = _EN_COUNTED_IN.search(q)
    if counted_in:
        unit, _, _, _ = english_unit(q, counted_in.end(), singular_ok=True)
        if unit:
            return set(unit_group(unit)), False
    how_many = _HOW_MANY.search(q)
    if how_many:
        unit, end, _, _ = english_unit(q, how_many.end(), singular_ok=True, coordinated=True)
        if unit:
            # "how many batches" writes its measure word; "how many projects" leaves it to a guess
            noun = re.search(r"[\w-]+$", q[:end])
            return set(unit_group(unit)), counts_things(unit) and not (noun and noun.group().lower() in measure_nouns())
    if _Q_RANK_RE.search(q):
        return {"位"}, False
    named = [unit for unit, pattern in _in_currency().items() if pattern.search(q)]
    if len(named) == 1 and not _Q_PERCENT_RE.search(q):  # "What share … was in US dollars?" asks a share
        return set(named), False
    # "嫌疑人数同比上升了多少?" asks the rise of the number of people, a rate ("增加了多少人" names its
    # measure word, read above).
    if asks_change(q):
        return {"%"}, False
    if _Q_PEOPLE_RE.search(q):
        return set(unit_group("人")), False
    if _Q_PERCENT_RE.search(q):
        return {"%"}, False
    if _q_money_re().search(q):
        return set(_MONEY), False
    return None, False


def claimed_units(claimed: Figure, *texts: str) -> set[str] | None:
    """The units a claimed figure is looked up in: its own, else those the first of the claim's
    ``texts`` that says asks for. A bare number is no percent, whatever rate the rest of the claim
    names ("…with 53,000 withdrawn through mediation, a rate of 57.4%")."""
    if claimed.unit:
        return {claimed.unit}
    units = next((u for t in texts if (u := unit_for_question(t))), None)
    if units and claimed.kind != "percent":
        units = set(units) - {"%"}
    return units or None


def _change_words() -> re.Pattern[str]:
    """A rise or fall, as the year-on-year word list writes them (index.qualifiers.change_words; its
    one-character forms (增, 减) are left out: "新增了多少?" asks how many are new, not a rate)."""
    return change_words(("up", "down"))


# A question asking how many or how much of something (not how it stands, ranks or did)
_ASKS_AMOUNT = re.compile(r"多少|(?<![这那這])[几幾]|总量|總量|总数|總數|数量|數量|\bhow (?:many|much)\b|\btotal\b"
                          r"|\b(?:number|count|amount) of\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def asks_count(question: str) -> bool:
    """The question asks how many things there are ("项目数是多少", "how many", "the number of";
    count_asked.tsv): no sum of money answers it unless it names one."""
    return any(p.search(question) for p in patterns_by_kind("count_asked.tsv").values())


@lru_cache(maxsize=1024)
def asks_amount(question: str) -> bool:
    """The question asks how many or how much ("总量有多少", "how many"), where a position (居全国首位)
    is no answer; not "表现如何", "which place", "结果怎样", which a position may answer."""
    return _ASKS_AMOUNT.search(question) is not None


def asks_change(question: str) -> bool:
    """The question asks how much a figure went up or down (a rate), naming no measure word."""
    words = _change_words()
    for m in words.finditer(question):
        if not m.group().isascii() and re.match(_CHANGE_ZH_TAIL, question[m.end():]):
            return True
    # "同比增涨了多少" (a rise typed as no word of the list): year on year, a verb, how much
    for m in change_words(("marker",)).finditer(question):
        if not m.group().isascii() and re.match(r"[\u4e00-\u9fff]{0,2}" + _CHANGE_ZH_TAIL, question[m.end():]):
            return True
    if _CHANGE_EN_NOUN.search(question):
        return True
    # How fast or how sharply it rose or fell, or how its change went ("增长情况", "同比情况", "增长得快吗"), where
    # no amount is asked besides: the rate, not the level beside it (change_asked.tsv).
    how = patterns_by_kind("change_asked.tsv")
    if not how["amount_too"].search(question):
        if any(not m.group().isascii() and how["zh_how"].match(question, m.end())
               for m in change_words().finditer(question)):
            return True
        speed = how["en_speed"].search(question)
        if speed is not None and how["en_verb"].search(re.split(r"[,;]", question[speed.end():])[0]):
            return True
    lead = _CHANGE_EN_LEAD.search(question)
    if lead is None:
        return False
    # "By how much did it grow", "grew by how much"; "how much did it rise" (after the lead only:
    # "how much did the fund that grew last year raise" asks money).
    rest = question if lead.group().lower().startswith("by ") else question[lead.end():]
    rest = re.split(r"[,;]", rest)[0]  # "How much did it collect, up from 2022?" asks money
    return any(m.group().isascii() for m in words.finditer(rest))


# A gap to some standard asked ("比全国平均水平高出多少件", "how many more … than the national average"), not
# a change between times (which the comparison of two years answers: "比2023年多了多少", "比前一年",
# "than last year", "than in 2023").
_EARLIER = (r"(?:(?:19|20)\d\d|[零〇一二三四五六七八九]{4}|去年|上年|前年|上一年|前一年|同期|上季度|上月|上半年|上一)")
_ASKS_GAP = re.compile(
    rf"(?<![同占佔])比(?![例重率值])(?!\s*{_EARLIER})[^，,。？?\d]{{1,14}}?(?:高出|高了|多出|多了|高|多|低了|少了|低|少)(?:了)?(?:多少|几)"
    r"|\bhow (?:much|many) (?:more|higher|fewer|lower|less)\b[^?]*?\bthan\b(?!\s+(?:in\s+|during\s+)?(?:(?:19|20)\d\d"
    r"|last year|the (?:previous|prior) year|the year before|a year (?:earlier|before)|before))",
    re.IGNORECASE)
# A figure stated as such a gap: "比全国平均水平高12.0件", "12 more than the national average"; not 同比
# (year on year), 比例 / 比重 (shares), nor a bound before a number ("more than 23,000", "above 2,000").
_STATES_GAP = re.compile(r"(?<![同占佔])比(?![例重率值])[^，,。；;]{0,14}?(?:高出|高|多出|多|低|少)"
                         r"|\b(?:higher|more|lower|fewer|less) than\b(?!\s*(?:RMB|US\$|\$)?\s*\d)"
                         r"|\b(?:above|below)\b(?!\s*(?:RMB|US\$|\$)?\s*\d)", re.IGNORECASE)


def asks_gap(question: str) -> bool:
    """The question asks how far a figure stands above or below some standard, not its level."""
    return bool(_ASKS_GAP.search(question))


def states_gap(words: str) -> bool:
    """A figure's own words state it as a gap to a standard."""
    return bool(_STATES_GAP.search(words))


@cache
def _change_asking() -> re.Pattern[str]:
    """What asks for a change or a comparison rather than names what is counted: the year-on-year
    markers and rise or fall words (year_on_year.tsv) and the words asking a change in percent or
    a comparison (change_asked.tsv "asking"); not inside a compound ("growth-stage", 增长极) nor 增加值
    (value added, a level: index.qualifiers.states_change)."""
    return re.compile(f"(?<!-)(?:{change_words().pattern}|{patterns_by_kind('change_asked.tsv')['asking'].pattern})"
                      "(?![-值极])", re.IGNORECASE)


def level_words(question: str) -> str:
    """A change or comparison question as a question about the level it compares: the words asking
    the change blanked out, the rest where it stood ("By what percentage did new IP cases fall in 2024
    compared with 2023?" → "… new IP cases … in 2024 …"), which name nothing the level's own words say."""
    return _change_asking().sub(lambda m: " " * len(m.group()), question)
