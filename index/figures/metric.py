"""What a figure measures: the words of its clause that name what it counts (its metric phrase)."""

from __future__ import annotations

import functools
import re

from index.figures.model import Figure
from index.figures.recognize import is_cjk, parse_figures
from index.figures.tables import (
    EN_NUMBER_WORDS,
    EN_ORDINAL_SMALL,
    EN_ORDINAL_TENS,
    QUALIFIER_WORDS_CN,
    QUALIFIER_WORDS_EN,
    fold,
)
from index.figures.units import units_compatible

# Full-width and ASCII forms both, so boundaries can be found without folding a whole document.
_CLAUSE_CHARS = frozenset("，；。、！？!?;:：\n()（）【】")
_SENTENCE_CHARS = frozenset("。！？!?\n")
_TRIM_CHARS = frozenset("“”‘’\"'《》「」 \t,")
# Connectives and hedges around the words that name a measure. Leading patterns are applied
# with .match at the segment start, trailing ones with .search anchored by $ at its end.
_LEADING_CN_RE = re.compile(
    r"(?:其中|同时|此外|另外|另有|以及|并且|并|及|和|与|且|而|均|共(?=.)|以上|以下|左右|的)+"
)
_TRAILING_CN_RE = re.compile(
    r"(?:"
    + "|".join(re.escape(w) for w, _ in QUALIFIER_WORDS_CN)
    + r"|人民币|达到|达|约为|为|是|和|及|与|等)+$"
)
_LEADING_EN_RE = re.compile(
    r"(?:(?:and|with|while|whereas|which|including|of which|of|besides|additionally|in addition|moreover"
    r"|furthermore|also|but|as well as|then|thereby)\b[ \t]*)+",
    re.IGNORECASE,
)
_EN_FILLER = r"|was|were|is|are|totaling|totalling|totaled|totalled|reached|reaching|and|or"
_TRAILING_EN_RE = re.compile(
    r"(?:\b(?:"
    + "|".join(sorted(map(re.escape, QUALIFIER_WORDS_EN), key=len, reverse=True))
    + _EN_FILLER
    + r")\b[ \t]*)+$",
    re.IGNORECASE,
)
_TAIL_TRAILING_EN_RE = re.compile(
    r"(?:\b(?:of|in|to|for|by|the|a|an|with" + _EN_FILLER + r")\b[ \t.]*)+$", re.IGNORECASE
)
_NEVER_RE = re.compile(r"(?!)")
# Words after an English figure that start a new thought rather than describe what is counted.
_TAIL_STOP = frozenset(
    [
        "and",
        "with",
        "while",
        "which",
        "including",
        "representing",
        "accounting",
        "marking",
        "respectively",
        "up",
        "down",
    ]
)
_NUMBER_WORDS = "|".join(
    sorted([*EN_NUMBER_WORDS, *EN_ORDINAL_SMALL, *EN_ORDINAL_TENS], key=len, reverse=True)
)
_NUMBER_HEAD_RE = re.compile(
    r"(?:[A-Z]{2,3}\$?|\$|¥|€)?[ \t]*[\d,.]+(?:st|nd|rd|th)?[ \t]*(?:thousand|million|billion|trillion|bn|mn)?"
    r"[ \t]*(?:%|percent\b|per cent\b)?"
    r"|(?:(?:" + _NUMBER_WORDS + r"|and)[ -])*(?:" + _NUMBER_WORDS + r")\b",
    re.IGNORECASE,
)
_NON_SPACE_RE = re.compile(r"\S+")
# A bracketed aside right after an English figure ("87 (totaled up to 380) of …"), and an item before it
# that ends in "and".
_ASIDE_AFTER_RE = re.compile(r"[ \t]*\([^()]*\)")
_AND_BEFORE_RE = re.compile(r"\band\s*$", re.IGNORECASE)
_ASIDE_TAIL_WORDS = 6  # "… (totaled up to 380) of new varieties of forestry plants": a partitive "of" first
_QUOTE_MARKS_RE = re.compile(r"[“”\"「」『』]")
# Separates an inherited phrase from the figure's own bare action or change
# ("…新收各类知识产权案件 | 审结"): the reranker checks that the action is the one asked about.
ACTION_MARK = " | "
# A Chinese clause this short before its figure, with nothing after it, is a bare action
# (审结, 起诉, 破案); a rate's clause of only change words (同比分别上升) is a bare change.
_BARE_VERB_CHARS = 3
_CN_CHANGE_RE = re.compile(r"(?:同比|环比|分别|较上年|比上年|增长|上升|下降|减少|增加|提高|增幅|降幅|为|了)+")
# An English figure whose own words before it are only a linking preposition.
_EN_LINK_ONLY_RE = re.compile(r"(?:involved in|involving|covering|concerning|in|for|from|with|of)", re.IGNORECASE)
_EN_PASSIVE_RE = re.compile(r"\s*(?:[^\s,;]+\s+)?(?:were|was|are|is|had been|have been|has been)\s+\w+ed\b",
                            re.IGNORECASE)
_MONEY = frozenset({"元", "美元"})
# A figure listed after another with only a short word of its own between them ("15766批次、数量3314万件").
_LISTED_WORD_RE = re.compile(r"[\s,，、;；]*[\u4e00-\u9fff]{1,3}")
_LISTED_GAP_RE = re.compile(r"[\s,，、;；和及与]*(?:and|or)?[\s,，、]*", re.IGNORECASE)


def _is_boundary(t: str, i: int, chars: frozenset[str]) -> bool:
    ch = t[i]
    if ch in chars:
        return True
    if (ch in ",." and chars is _CLAUSE_CHARS) or (ch == "." and chars is _SENTENCE_CHARS):
        return not _inside_number(t, i)
    return False


def _inside_number(t: str, i: int) -> bool:
    """Whether the , or . at `i` belongs to a number (1,265 / 8.85) rather than ending a clause
    (Chinese text often has no space after a comma: 典型案例,3件案例)."""
    if not t[i - 1 : i].isdigit():
        return False
    if t[i] == ".":
        return t[i + 1 : i + 2].isdigit()
    return bool(re.match(r"\d{3}(?!\d)", t[i + 1 : i + 5]))


def _bounds(t: str, start: int, end: int, chars: frozenset[str]) -> tuple[int, int]:
    left = start
    while left > 0 and not _is_boundary(t, left - 1, chars):
        left -= 1
    right = end
    while right < len(t) and not _is_boundary(t, right, chars):
        right += 1
    return left, right


def figure_context(text: str, fig: Figure) -> str:
    """The clause holding `fig`: the text between the nearest clause breaks on either side
    (，,；;。、:()! ? and English commas or full stops that are not inside a number)."""
    left, right = _bounds(text, fig.start, fig.end, _CLAUSE_CHARS)
    return text[left:right].strip()


def _trim(text: str, folded: str, a: int, b: int, leading: re.Pattern[str], trailing: re.Pattern[str]) -> str:
    """text[a:b] without quotes, connectives and hedges at its ends (matched on the folded text,
    so traditional-script input trims the same way)."""
    while True:
        before = (a, b)
        while a < b and folded[a] in _TRIM_CHARS:
            a += 1
        while b > a and folded[b - 1] in _TRIM_CHARS:
            b -= 1
        lead = leading.match(folded, a, b)
        if lead and lead.end() > a:
            a = lead.end()
        trail = trailing.search(folded, a, b)
        if trail and trail.start() < b:
            b = trail.start()
        if (a, b) == before:
            return text[a:b]


def metric_phrase(text: str, fig: Figure) -> str:
    """The words of the figure's clause that say what it counts.

    Chinese usually names the measure before the number (批准逮捕侵犯知识产权犯罪案件1265件), so
    the phrase is the clause text before the figure, cut at any earlier figure in the clause,
    with connectives (其中, 并, 共) and hedges (超过, 达) stripped; when the counted noun follows
    instead (建设24个…先行区) up to 20 characters after it are added after " ... ". English also
    names it after the number, so the head noun and up to four following words are added
    ("customs in Guangdong seized ... batches of infringing goods"). A figure with nothing of its
    own before it (the 1854人 of 1265件1854人, the 68.24% of 64.29%、68.24%) inherits the phrase
    of the figure it is listed with.
    """
    sent_left, sent_right = _bounds(text, fig.start, fig.end, _SENTENCE_CHARS)
    sentence = text[sent_left:sent_right]
    local = fig.model_copy(update={"start": fig.start - sent_left, "end": fig.end - sent_left})
    return _metric(sentence, fold(sentence), local, list(_sentence_figures(sentence)), depth=0)


@functools.lru_cache(maxsize=512)
def _sentence_figures(sentence: str) -> tuple[Figure, ...]:
    # The indexer asks for the phrase of every figure, several per sentence; parsing each
    # sentence once keeps that linear. Figures are frozen, so sharing them is safe.
    return tuple(g for g in parse_figures(sentence) if g.kind not in ("year", "period"))


def _english_tail(text: str, folded: str, fig: Figure, stop: int, after: int | None = None) -> str:
    """The figure's unit and up to four words after it ("suspects were transferred for
    prosecution"), without the number itself; ``after``: the words from there only (past a
    bracketed aside of the figure's)."""
    head = _NUMBER_HEAD_RE.match(folded, fig.start, fig.end)
    tail_start = head.end() if head else fig.start
    tail_end = fig.end
    if after is not None:
        tail_start = tail_end = after
    for n, word in enumerate(_NON_SPACE_RE.finditer(folded, tail_end, stop)):
        if n >= (4 if after is None else _ASIDE_TAIL_WORDS) or word.group().lower().strip(".,;:\"'“”") in _TAIL_STOP:
            break
        tail_end = word.end()
    return _trim(text, folded, tail_start, tail_end, _NEVER_RE, _TAIL_TRAILING_EN_RE)


# A bracketed alias right before a figure, an acronym or a 简称 ("技术与创新支持中心(TISC)13家"): no clause of its
# own. Not a place or a trade in brackets ("南方中心(深圳)两家", "江门开平(水暖卫浴)两家"): those end a list item.
_ALIAS_BEFORE_RE = re.compile(r"[(（](?:[A-Za-z][A-Za-z&.\- ]{0,15}|简称[^()（），,；;。、\d]{1,12})[)）]\s*$")


def _metric(text: str, folded: str, fig: Figure, others: list[Figure], depth: int) -> str:
    clause_left, clause_right = _bounds(folded, fig.start, fig.end, _CLAUSE_CHARS)
    if (alias := _ALIAS_BEFORE_RE.search(folded, 0, fig.start)) is not None and alias.end() >= clause_left:
        # The words before the alias name what is counted: the clause starts before its bracket.
        clause_left = _bounds(folded, alias.start(), alias.start(), _CLAUSE_CHARS)[0]
    chinese = any(is_cjk(ch) for ch in folded[clause_left:clause_right])
    earlier = [g for g in others if g.end <= fig.start]
    prev = earlier[-1] if earlier else None
    left = max(clause_left, prev.end) if prev else clause_left
    if chinese:
        prefix = _trim(text, folded, left, fig.start, _LEADING_CN_RE, _TRAILING_CN_RE)
    else:
        prefix = _trim(text, folded, left, fig.start, _LEADING_EN_RE, _TRAILING_EN_RE)
    stop = min([g.start for g in others if g.start >= fig.end] + [clause_right])
    cn_suffix = _trim(text, folded, fig.end, min(stop, fig.end + 20), _LEADING_CN_RE, _NEVER_RE) if chinese else ""
    bare_action = fig.kind != "percent" and 0 < len(prefix) <= _BARE_VERB_CHARS
    bare_change = fig.kind == "percent" and bool(_CN_CHANGE_RE.fullmatch(prefix))
    if chinese and (bare_action or bare_change) and depth < 8 and not cn_suffix:
        # "新收各类知识产权案件83308件，同比减少8.54%，审结88462件": a clause that names only its
        # action (审结) counts the same things as the nearest earlier figure in its unit, and a
        # bare rate (同比减少) is the change of the figure before it.
        earlier_figs = [g for g in others if g.end <= fig.start and g.kind == "quantity"]
        if fig.kind != "percent":
            earlier_figs = [g for g in earlier_figs if g.unit and fig.unit and units_compatible(g.unit, fig.unit)]
        if earlier_figs:
            inherited = _metric(text, folded, earlier_figs[-1], others, depth + 1)
            if inherited and prefix not in inherited:
                return _QUOTE_MARKS_RE.sub("", f"{inherited}{ACTION_MARK}{prefix}")
        if bare_action and prev is not None and prev.kind == "quantity" and fig.unit and prev.unit \
                and fig.unit not in _MONEY and not units_compatible(prev.unit, fig.unit) \
                and _LISTED_WORD_RE.fullmatch(folded, prev.end, fig.start):
            # "查扣侵权商品15766批次、数量3314万件": a short word listed after a count in another
            # unit says which count of the same things it is (数量, not what is counted). A sum
            # of money after a count (案值, 标的) keeps its own word: it is not a count of them.
            inherited = _metric(text, folded, prev, others, depth + 1)
            if inherited and prefix not in inherited:
                return _QUOTE_MARKS_RE.sub("", f"{inherited} ... {prefix}")
    if prev is not None and depth < 8 and not chinese and _EN_LINK_ONLY_RE.fullmatch(prefix):
        # "against 3,192 suspects in 1,779 cases": the second figure counts within what the
        # first one's clause says, and adds its own noun.
        inherited = _metric(text, folded, prev, others, depth + 1)
        own = _english_tail(text, folded, fig, stop)
        return _QUOTE_MARKS_RE.sub("", " ... ".join(p for p in (inherited, own) if p))
    if (
        not prefix
        and prev is not None
        and depth < 8
        and _LISTED_GAP_RE.fullmatch(folded, prev.end, fig.start)
        # "and 2,653 suspects were transferred for prosecution" says itself what it counts.
        and (chinese or not _EN_PASSIVE_RE.match(folded, fig.end, stop))
    ):
        inherited = _metric(text, folded, prev, others, depth + 1)
        own = "" if chinese else _english_tail(text, folded, fig, stop)
        prev_own = "" if chinese else _english_tail(text, folded, prev, fig.start)
        if own and prev_own and inherited.endswith(prev_own) and own != prev_own:
            # "seized 5,822 batches and 33.14 million items": the verb is the list's, the noun its own
            return _QUOTE_MARKS_RE.sub("", " ... ".join(
                p for p in (inherited[: -len(prev_own)].rstrip(" ."), own) if p))
        return inherited
    if not chinese and (aside := _ASIDE_AFTER_RE.match(folded, fig.end)) is not None \
            and _AND_BEFORE_RE.search(folded[left:fig.start]):
        # "84 (totaled up to 1,252) new varieties of agricultural plants and 87 (totaled up to 380) of
        # new varieties of forestry plants": the words before "and" are the item before's; this one's
        # follow its own bracket.
        after_stop = min([g.start for g in others if g.start >= aside.end()]
                         + [_bounds(folded, aside.end(), aside.end(), _CLAUSE_CHARS)[1]])
        if own := _english_tail(text, folded, fig, after_stop, aside.end()):
            return _QUOTE_MARKS_RE.sub("", own)
    suffix = cn_suffix if chinese else _english_tail(text, folded, fig, stop)
    # Quote marks around names (“黄金内湾…”先行区) are noise for matching what is counted.
    return _QUOTE_MARKS_RE.sub("", " ... ".join(part for part in (prefix, suffix) if part))
