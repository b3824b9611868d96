"""Each figure of a claim with the words it is looked up by: its own clause, read with the claim's
shared context (its year, place and leading agency) that the clause leaves to the claim's head.

"2023年广东全省公安机关立案侦办…案件1926起,破案1678起,抓获犯罪嫌疑人4870名": 4870名 is looked up as
"2023年 广东 全省公安机关 抓获犯罪嫌疑人4870名", not by the words of the 1926起 clause, so a figure
whose metric stands in another source sentence or document is found there.

- 分别 / "respectively": the metrics listed before it are paired with its figures in order
  ("发明专利授权量、商标注册量分别为16.88万件和82.45万件": 16.88万件 is the invention patents');
  a metric the list shortens takes the words it shares with the last one ("专利和商标授权量" →
  专利授权量, "新收、审结知识产权案件" → 新收知识产权案件). Rates listed so
  ("…1265件1854人,同比分别上升64.29%、68.24%") take the words of the figures before them in order.
- A clause that names nothing it counts ("1854人" after "1265件", "同比增加12.24%", "and closed
  88,462", "超过6000件的目标": a plan's target names which figure, not what is counted) takes the
  words of the figure before it, without that figure's action or figure.

Pure functions over the claim's text and its figures; ``content`` says whether words name anything
(the tokenizer's content words, qa.claim_check).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from index.figures import Figure, parse_figures
from index.lexicon import alternation, patterns_by_kind, rows, words
from index.partners import claimed_joint_roles
from index.places import place_mentions
from index.plans import without_target_words
from index.rate_ties import described_figure, described_unit
from index.records import sentence_bounds
from index.roles import CLAUSE_END, actions_in, agencies_in
from qa.frame import QueryFrame, own_span, part_roles, stated_change, stated_level
from qa.intent import claimed_units
from qa.years import plan_mentions


class ClaimClause(BaseModel):
    """One figure of a claim and the words it is looked up by."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    figure: Figure
    words: str  # what its clause says it counts (its listed metric under 分别), with its figure
    context: str = ""  # the claim's year, place and leading agency its words leave out
    listed: bool = False  # its metric is one of a 分别 / respectively list
    borrowed: bool = False  # its words take those of the figure before it

    @property
    def query(self) -> str:
        return f"{self.context} {self.words}".strip()


def _patterns() -> dict[str, re.Pattern[str]]:
    return patterns_by_kind("claim_lists.tsv")


Span = tuple[int, int]


def _context_spans(text: str, end: int) -> dict[str, list[Span]]:
    """The claim's head before ``end``: where it names its year (or plan period), place and agency."""
    years = [(f.start, f.end) for f in parse_figures(text[:end]) if f.kind == "year"] + plan_mentions(text[:end])
    return {"year": sorted(years),
            "place": [(s, e) for s, e, _ in place_mentions(text[:end])],
            "agency": [(m.start, m.end) for m in agencies_in(text, 0, end)]}


def _names(text: str) -> set[str]:
    """Which of year, place and agency a clause names itself."""
    spans = _context_spans(text, len(text))
    return {k for k, v in spans.items() if v}


def _head_end(text: str, first: Figure) -> int:
    """Where the claim's head ends: at the first action of its first figure's clause, else at that figure."""
    acts = actions_in(text, 0, first.start)
    return acts[0].start if acts else first.start


def _cut(text: str, spans: list[Span]) -> str:
    """``text`` without ``spans`` (offsets into it)."""
    out, at = [], 0
    for s, e in sorted(spans):
        if s >= at:
            out.append(text[at:s])
        at = max(at, e)  # a span running past the one before it is cut to its own end
    return " ".join(p.strip() for p in out + [text[at:]] if p.strip())


# An English figure's number, with its currency and scale words: the rest of its text is the noun
# it counts ("351,000 valid invention patents"), which a rate listed after it borrows.
_EN_NUMBER = re.compile(r"(?:[A-Z]{2,3}\$?|\$)?\s*[\d.,]+(?:\s*(?:(?:million|billion|trillion|thousand|per\s?cent)\b|%))?",
                        re.IGNORECASE)


def _number_span(f: Figure) -> Span:
    head = _EN_NUMBER.match(f.text) if f.text.isascii() else None
    return (f.start, f.start + head.end()) if head else (f.start, f.end)


def _spans(words: str, actions: bool = True) -> list[Span]:
    """Where words name their figures' numbers, agencies, places, years and (``actions``) actions."""
    spans = [_number_span(f) for f in parse_figures(words)] + [(m.start, m.end) for m in agencies_in(words)]
    spans += [s for v in _context_spans(words, len(words)).values() for s in v]
    return spans + ([(m.start, m.end) for m in actions_in(words)] if actions else [])


def bare(words: str) -> str:
    """A clause's words without its figures, actions, agencies, places and years: what it counts."""
    return _cut(words, _spans(words))


def _lent(words: str, actions: bool) -> str:
    """Words lent to the next clause: what the clause before counts, and (``actions``, where the
    next names none of its own) its action; its year, place and agency come with the context."""
    return _cut(words, _spans(words, actions=not actions))


def _only_separators(gap: str) -> bool:
    return not _patterns()["separator"].sub("", gap).strip()


def _chain_after(figures: list[Figure], at: int, text: str, end: int) -> list[int]:
    """The figures listed from ``at`` on (before ``end``), one after the other with only separators between."""
    idx = [i for i, f in enumerate(figures) if f.start >= at and f.end <= end]
    chain: list[int] = []
    for i in idx:
        if chain and not _only_separators(text[figures[chain[-1]].end:figures[i].start]):
            break
        chain.append(i)
    return chain


def _chain_before(figures: list[Figure], at: int, text: str, start: int) -> list[int]:
    """The figures listed up to ``at`` (from ``start``), the last right before it (only separators between)."""
    idx = [i for i, f in enumerate(figures) if f.end <= at and f.start >= start]
    chain: list[int] = []
    for i in reversed(idx):
        nxt = figures[chain[0]].start if chain else at
        if not _only_separators(text[figures[i].end:nxt]):
            break
        chain.insert(0, i)
    return chain


# A list after a possessive starts with its "'s": "Guangdong's patent and trademark grants".
_POSSESSIVE = re.compile(r"^\s*['’]s\b")


def _list_items(region: str) -> list[str]:
    """A listed region's metrics ("发明专利授权量、商标注册量"), each filled out with the words it
    shares with the last: "专利和商标授权量" → 专利授权量, 商标授权量."""
    items = [_POSSESSIVE.sub("", p).strip() for p in _patterns()["separator"].split(region)]
    items = [p for p in items if p]
    if len(items) < 2:
        return items
    last = items[-1]
    acts = actions_in(last)
    out = []
    for item in items[:-1]:
        own_acts = actions_in(item)
        ends_alike = item.split()[-1:] == last.split()[-1:] if last.isascii() else item[-1:] == last[-1:]
        if acts and not ends_alike:
            if not own_acts:  # "专利" of "专利和商标授权量": the last one's action and what follows it
                item = f"{item} {last[acts[0].start:]}" if last.isascii() else item + last[acts[0].start:]
            elif not _cut(item, [(m.start, m.end) for m in own_acts]):  # "新收" of "新收、审结知识产权案件"
                item = f"{item} {last[acts[0].end:].strip()}" if last.isascii() else item + last[acts[0].end:]
        out.append(item)
    return out + [last]


def _region_start(text: str, at: int, figures: list[Figure]) -> int:
    """Where a list ending at ``at`` starts: after its clause's start, the last year, place or agency
    before it, and the last figure before it."""
    clause = 0
    for m in CLAUSE_END.finditer(text, 0, at):
        clause = m.end()
    marks = [clause] + [f.end for f in figures if f.end <= at]
    marks += [e for v in _context_spans(text, at).values() for _, e in v]
    return max(marks)


def respectively(text: str, figures: list[Figure]) -> dict[int, str | int]:
    """Figures paired in order with a list by 分别 / "respectively": figure index → its listed
    metric's words (with the verb between list and figures), or the index of the figure whose words
    it takes (rates listed after as many figures). Only a list as long as its figures counts."""
    out: dict[int, str | int] = {}
    lists: list[tuple[int, list[str]]] = []  # sentence start, items
    pats = _patterns()
    for m in pats["respectively"].finditer(text):
        english = m.group().isascii()
        sentence, sentence_end = sentence_bounds(text, m.start(), whole=True)
        if english:
            chain = _chain_before(figures, m.start(), text, sentence)
            if len(chain) < 2 or not _only_separators(text[figures[chain[-1]].end:m.start()]):
                continue
            end = figures[chain[0]].start
            link = None
            for lk in pats["link"].finditer(text, _region_start(text, end, figures), end):
                link = lk
            verb = text[link.start():end].strip() if link else ""
            region_end = link.start() if link else end
        else:
            chain = _chain_after(figures, m.end(), text, sentence_end)
            if len(chain) < 2:
                continue
            verb = text[m.end():figures[chain[0]].start].strip()
            region_end = m.start()
        items = _list_items(text[_region_start(text, region_end, figures):region_end])
        if len(items) == len(chain):
            lists.append((sentence, items))
            out.update({i: f"{item} {verb}".strip() for i, item in zip(chain, items, strict=True)})
            continue
        earlier = next((its for s, its in reversed(lists) if s == sentence and len(its) == len(chain)), None)
        if earlier is not None:
            # "…分别达到35.1万件和543.0万件,较2015年末分别增长152.4%和227.2%": the rates' own words
            # before 分别 (their base year) stand with the metrics listed earlier.
            clause = max([sentence] + [c.end() for c in CLAUSE_END.finditer(text, sentence, region_end)])
            own = text[clause:region_end].strip()
            out.update({i: f"{item} {own} {verb}".strip() for i, item in zip(chain, earlier, strict=True)})
            continue
        clause = max([sentence] + [c.end() for c in CLAUSE_END.finditer(text, sentence, figures[chain[0]].start)])
        before = _chain_before(figures, clause, text, sentence)
        before = [i for i in before if i not in chain]
        if len(before) >= len(chain):
            out.update(dict(zip(chain, before[-len(chain):], strict=True)))
    return out


def claim_clauses(text: str, figures: list[Figure], content: Callable[[str], bool]) -> list[ClaimClause]:
    """Each of a claim's ``figures`` (those it states, in order) with the words it is looked up by."""
    if not figures:
        return []
    listed = respectively(text, figures)
    head = _context_spans(text, _head_end(text, figures[0]))
    out: list[ClaimClause] = []
    for i, fig in enumerate(figures):
        own = _own_words(text, figures, fig)
        lent = listed.get(i)
        borrowed = False
        acts = bool(actions_in(own))
        if isinstance(lent, int):
            words, borrowed = f"{_lent(out[lent].words, not acts)} {own}", True
        elif isinstance(lent, str):
            words = f"{lent} {fig.text}"
        elif i > 0 and (fig.kind == "percent" or not content(f"{_counted_words(bare(own))} {_DIGITS.sub('', fig.text)}")):
            # a rate takes the words of the figure it describes ("2282宗,…1568宗,同比分别增加11.81%、12.24%": 2282宗's)
            tied = described_figure(text, figures, fig) if fig.kind == "percent" else None
            source = next((c for c in out if tied is not None and c.figure.start == tied.start), out[-1])
            words, borrowed = f"{_lent(source.words, not acts)} {own}", True
        else:
            words = own
        context = ""
        if i > 0 or lent is not None:
            named = _names(words)
            context = " ".join(text[s:e] for k, v in head.items() if k not in named for s, e in v)
        out.append(ClaimClause(figure=fig, words=words.strip(), context=context,
                               listed=lent is not None, borrowed=borrowed))
    return out


_DIGITS = re.compile(r"[\d.,]+")
# Words that say how a figure stands, not what it counts: a bound (超过, "more than"), a plan's result
# ("结果", "reached") and, by index.records, its target (目标, "target").
_STANDING_WORDS = alternation([w for w, *_ in rows("bounds.tsv", 4)] + sorted(words("plan_result_words.txt")))


def _counted_words(words: str) -> str:
    """A clause's bare words less those that only say how its figure stands: "超过 件的目标" names nothing counted."""
    return _STANDING_WORDS.sub(" ", without_target_words(words))


def _own_words(text: str, figures: list[Figure], fig: Figure) -> str:
    """A figure's own words (qa.frame.own_span), from the last separator before it to the first
    after it where another figure follows: "took in 83,308 new IP cases and prosecutors approved…
    1,265" — "and" ends the first clause."""
    left, right = own_span(text, figures, fig)
    sep = _patterns()["separator"]
    # The first figure's words start the claim: its head (year, place, agency) is theirs.
    for m in sep.finditer(text, left, fig.start) if left else ():
        left = m.end()
    # Only where another figure follows in its clause: "271 IP and counterfeiting crimes were
    # cracked" is all the last figure's.
    after = sep.search(text, fig.end, right) if any(fig.end <= f.start <= right for f in figures) else None
    return text[left:after.start() if after else right].strip()


def clause_frame(claim: QueryFrame, clause: ClaimClause, analysed: QueryFrame) -> QueryFrame:
    """The frame one figure of ``claim`` is looked up with: ``analysed`` (its clause's query, read
    as a claim) for its words and meaning, the claim's year, place and time frame where the clause
    names none, and the figure's own roles (qa.frame.part_roles: who did what in its clause; a
    listed metric's own action and qualifiers)."""
    roles = part_roles(claim, clause.figure)
    if clause.listed:
        roles = {"agencies": analysed.agencies or roles["agencies"],
                 "actions": analysed.actions if len(analysed.actions) == 1 else frozenset(),
                 "qualifiers": analysed.qualifiers}
    elif clause.borrowed:
        roles["qualifiers"] = roles["qualifiers"] | analysed.qualifiers
    fig = clause.figure
    units = claimed_units(fig, clause.query, claim.read_text)
    return analysed.model_copy(update={
        **claimed_joint_roles(claim.read_text, claim.figures, fig, claim.joint, claim.named_places, claim.places),
        "stated_level": stated_level(claim.read_text, claim.figures, fig),
        "change": stated_change(claim.read_text, claim.figures, fig),
        "rate_unit": described_unit(claim.read_text, claim.figures, fig),
        "figures": [fig], "units": sorted(units) if units else None, "years": analysed.years or claim.years,
        "places": analysed.places or claim.places, "period": analysed.period or claim.period, **roles})
