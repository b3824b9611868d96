"""Numeric-aware reranking: which figure, in which retrieved chunk, answers the question.

Every figure of every candidate chunk is scored on:
- retrieval: the chunk's fused retrieval score (normalised to the best candidate);
- metric: how much of the question's (IDF-weighted) wording the figure's metric phrase — the
  words of its clause that say what it counts — contains, in either language;
- unit: compatible with what the question asks for (多少件 / how much money / what rate);
- year: the figure's year (the sentence's own year, else the document's) agrees with the
  question's. The 2023 and 2024 white papers report the same metrics, so a mismatch weighs
  heavily;
- value: the figure equals one the question or claim states (47,800 matches 4.78万).
The scoring is pure; ``NumericReranker`` wraps it as a llama-index node postprocessor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle
from pydantic import ConfigDict, Field

from index.figures import ACTION_MARK, Figure, unit_named_in, units_compatible, values_match
from index.places import cities_in, place_mismatch, place_words
from index.qualifiers import qualifier_mismatch, qualifiers_in
from index.text import Tokenizer, en_stem, en_tokens
from index.types import Chunk
from qa.glossary import Glossary
from qa.query import QueryInfo, time_frame

_YEAR_MENTION = re.compile(r"((?:19|20)\d\d)(?:年(?!—|-)|\b(?![—–-]\d))")
# A sentence that says it counts the whole province ("全省共有地理标志产品166个").
_PROVINCE_RE = re.compile(r"全省|广东省|廣東省|省内|Guangdong|the province|provincial", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？；;\n]|\.\s")
_WHOLE_SENTENCE_END = re.compile(r"[。！？\n]|\.\s")


@dataclass(frozen=True)
class RerankWeights:
    """Set by random search (bench/tune_rerank.py --cases eval/cases.jsonl and eval/holdout{,2,3,4,
    6,8,9}/cases.jsonl --trials 100 --wrong-cost 1, seed 7), replaying the shipped answer gates:
    on the third of those 743 cases held out from the search (243), accuracy 0.835 → 0.860 and
    wrong figures 11 → 9. holdout5, 7, 10 and 11 took no part."""

    retrieval: float = 0.36
    metric: float = 2.66
    context: float = 7.2
    unit: float = 1.75
    year: float = 2.62
    value: float = 2.48
    unasked_percent: float = 1.09
    same_lang: float = 1.11
    precision: float = 3.77
    unasked_action: float = 1.53
    time_frame: float = 1.2
    other_place: float = 12.19
    city_figure: float = 1.09
    qualifier: float = 6.14


_WEIGHT_NAMES = tuple(f.name for f in fields(RerankWeights))


@dataclass(frozen=True)
class ScoredFigure:
    chunk: Chunk
    index: int  # position in chunk.figures
    score: float
    features: dict[str, float]

    @property
    def figure(self) -> Figure:
        return self.chunk.figures[self.index]

    @property
    def metric(self) -> str:
        return self.chunk.metrics[self.index]


def sentence_bounds(text: str, pos: int, whole: bool = False) -> tuple[int, int]:
    """The sentence around ``pos``; a Chinese "；" ends one too unless ``whole``."""
    end_re = _WHOLE_SENTENCE_END if whole else _SENTENCE_END
    start = 0
    for m in end_re.finditer(text, 0, pos):
        start = m.end()
    after = end_re.search(text, pos)
    return start, (after.end() if after else len(text))


def figure_year(chunk: Chunk, fig: Figure) -> int:
    """The year a figure describes: the nearest year named before it in its sentence, else the
    document's year. Periods (2021—2035年) do not count as a year."""
    s, _ = sentence_bounds(chunk.text, fig.start)
    years = [int(m.group(1)) for m in _YEAR_MENTION.finditer(chunk.text, s, fig.start)]
    return years[-1] if years else chunk.year


def _weighted_overlap(query: set[str] | frozenset[str], target: frozenset[str],
                      idf: Callable[[str], float]) -> float:
    total = sum(idf(t) for t in query)
    if total <= 0:
        return 0.0
    return sum(idf(t) for t in query & target) / total


# Dictionary senses are looser evidence than the same words or a curated translation (a word
# has many senses): their coverage counts for this share. Measured on the eval set.
SENSE_DISCOUNT = 0.6


@dataclass(frozen=True)
class QueryTerms:
    """The question's content words, ready to be matched against a figure's words in either
    language.

    - ``words``: per language of the text matched against: the question's own words for its own
      language, their glossary translations for the other;
    - ``translatable``: the question's words a dictionary can take to the other language, with
      ``senses`` (Chinese word → English stems): a Chinese clause covers an English word when one
      of its words has it among its senses, and an English clause covers a Chinese word when it
      holds one of that word's senses.
    """

    lang: str
    words: dict[str, frozenset[str]]
    translatable: frozenset[str]
    senses: Mapping[str, frozenset[str]]
    # For a Chinese question: every English stem its translatable words have among their senses.
    translatable_senses: frozenset[str] = frozenset()
    cities: frozenset[str] = frozenset()  # the cities the question names
    time_frame: str | None = None  # "stock" / "flow" (see query.time_frame)
    qualifiers: frozenset[str] = frozenset()  # the metric qualifiers it names (see qa.qualifiers)
    glossed: frozenset[str] = frozenset()  # its own words a glossary entry translates

    def overlap(self, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        """How much of the question (IDF-weighted) the target words cover, 0..1."""
        direct = _weighted_overlap(self.words[target_lang], target, idf)
        if target_lang == self.lang:
            return direct
        hit: frozenset[str] = frozenset()
        if self.translatable and self.lang == "en":
            covered: set[str] = set()
            for word in target:
                covered |= self.senses.get(word, frozenset())
            hit = self.translatable & covered
        elif self.translatable:
            hit = frozenset(w for w in self.translatable if self.senses[w] & target)
        by_senses = SENSE_DISCOUNT * _weighted_overlap(self.translatable, hit, idf)
        # The glossary's terms stand for only the question words they translate: a sentence
        # with all of "Guangzhou" and "market" covers little of "广州专业市场封停涉假微信号". The
        # other words count as far as their dictionary senses are there.
        known = frozenset(t for t in self.glossed | self.translatable if not _FIGURE_WORD.match(t))
        total = sum(idf(t) for t in known)
        if total <= 0 or not self.glossed & known:
            return max(direct, by_senses)
        glossed_share = sum(idf(t) for t in self.glossed & known) / total
        senses_only = sum(idf(t) for t in (hit & known) - self.glossed) / total
        return max(glossed_share * direct + SENSE_DISCOUNT * senses_only, by_senses)

    def precision(self, target_lang: str, target: frozenset[str], idf: Callable[[str], float]) -> float:
        """How much of the target words (IDF-weighted) the question asks about, 0..1: of two
        clauses that cover the question alike, the one with fewer words of its own is the
        figure asked for (专利授权量, not 发明专利授权量, for "how many patents were granted")."""
        total = sum(idf(t) for t in target)
        if total <= 0:
            return 0.0
        words = self.words[target_lang]
        if target_lang == self.lang:
            asked = target & words
        elif self.lang == "en":
            asked = frozenset(t for t in target if t in words or self.senses.get(t, frozenset()) & self.translatable)
        else:
            asked = target & (words | self.translatable_senses)
        share = sum(idf(t) for t in asked) / total
        return share if target_lang == self.lang else SENSE_DISCOUNT * share


# Words of spoken questions that say nothing about what is counted ("一共", "那笔", "现在"). The
# documents use them rarely or never, so they would weigh most of all in a question's coverage,
# and a sentence could only ever cover part of it.
ZH_QUESTION_FILLERS = frozenset(
    ["一共", "总共", "一起", "已经", "里", "内", "时", "时候", "还有", "现在", "目前", "那个", "那笔", "那套",
     "那些", "这边", "这一", "这些", "除了", "说法", "听说", "不少", "具体", "开始", "后", "大概", "大约",
     "到底", "左右", "当时", "之后", "几年", "几个", "几件", "几家", "几支", "几项", "几次", "钱", "多少钱",
     "百分", "百分之", "手上"])


# The words of a figure itself, its scale and unit ("2 billion US dollars", "4.78万件"): a claim
# states them, but whether the other language's sentence says what is counted does not hang on
# them.
_FIGURE_WORD = re.compile(r"^(?:bill|mill|thousand|hundred|dollar|us|usd|yuan|rmb|percent|"
                          r"[万亿千百]?[美港]?元|[万亿千百]?[件人家项个宗起次批吨名所支条])$")


# The same for English questions (stemmed): "how big was the backlog sitting in courts",
# "roughly how many … so far".
EN_QUESTION_FILLERS = frozenset(en_stem(w) for w in (
    "big", "sitting", "roughly", "approximately", "exactly", "overall", "altogether", "around", "currently",
    "still", "actually", "far", "latest", "figure", "according", "say", "says", "reported", "report"))


def metric_terms(info: QueryInfo, glossary: Glossary | None = None) -> QueryTerms:
    """The question's terms (see QueryTerms). A Chinese figure is judged on how much of the
    translatable part of an English question it covers, not penalised for English words that
    have no Chinese counterpart."""
    text = info.match_text or info.text
    tokenizer = glossary.tokenizer if glossary is not None else Tokenizer()
    own = set(tokenizer.zh(text)) if info.lang == "zh" else set(en_tokens(text))
    own = {t for t in own if not t.isdigit() and t not in ZH_QUESTION_FILLERS and t not in EN_QUESTION_FILLERS}
    translated: set[str] = set()
    glossed: frozenset[str] = frozenset()
    if glossary is not None:
        expansions, glossed = glossary.translate(text, info.lang, own)
        for e in expansions:
            translated.update(glossary.term_words(e))
    senses = glossary.word_senses if glossary is not None else {}
    translatable_senses: frozenset[str] = frozenset()
    if info.lang == "zh":
        translatable = frozenset(t for t in own if t in senses)
        translatable_senses = translatable_senses.union(*(senses[t] for t in translatable))
    else:
        translatable = frozenset(t for t in own if glossary is not None and t in glossary.sense_vocabulary)
    other = "en" if info.lang == "zh" else "zh"
    return QueryTerms(lang=info.lang,
                      words={info.lang: frozenset(own), other: frozenset(t for t in translated if not t.isdigit())},
                      translatable=translatable, senses=senses, translatable_senses=translatable_senses,
                      cities=cities_in(info.text), time_frame=time_frame(info.text),
                      qualifiers=qualifiers_in(text),
                      glossed=glossed)


@dataclass(frozen=True)
class FigureTokens:
    metric: frozenset[str]  # the metric phrase's
    context: frozenset[str]  # the sentence's and the section's
    action: frozenset[str]  # the figure's own bare action (起诉 in "…批准逮捕…案件 | 起诉"), if inherited
    cities: frozenset[str]  # the cities it is given for (see _figure_cities)
    named_unit: str  # for a figure without a unit: the one its English metric phrase names
    time_frame: str | None  # "stock" / "flow", as its sentence up to it says (see query.time_frame)
    segment: frozenset[str] = frozenset()  # its clause's words between the figures before and after it
    sentence_qualifiers: frozenset[str] = frozenset()  # the metric qualifiers its sentence names
    metric_qualifiers: frozenset[str] = frozenset()  # those its own metric phrase names


# The tokens of a chunk's i-th figure (see figure_tokens), as the index holds them.
TokensOf = Callable[[Chunk, int], FigureTokens]


# Fewer search words than this make a sentence short (see _figure_tokens).
SHORT_SENTENCE = 6
# An aside with a figure, closed before a figure, is not what that figure counts:
# "申请量486件(累计3467件),获得授权84件" — 84件 is the year's grants, though 累计 comes before it.
_CLOSED_ASIDE = re.compile(r"[(（][^()（）]*\d[^()（）]*[)）]")


def figure_tokens(chunk: Chunk, i: int, tokenizer: Tokenizer) -> FigureTokens:
    """The words around a chunk's i-th figure that say what it counts, where and when."""

    def _tokens(text: str) -> frozenset[str]:
        return frozenset(tokenizer.both(text))

    fig = chunk.figures[i]
    metric = chunk.metrics[i]
    s, e = sentence_bounds(chunk.text, fig.start)
    # The context runs from the start of the whole sentence to the end of the figure's own
    # clause: "全省检察机关…批准逮捕…1854人…；起诉1779件3192人" names who prosecuted only before
    # the "；", while a later clause ("；办理商标行政处罚案件1568宗…12.24%") is another figure's.
    ws, we = sentence_bounds(chunk.text, fig.start, whole=True)
    context = _tokens(chunk.text[ws:e]) | frozenset(tokenizer.zh(" ".join(chunk.section)))
    if len(_tokens(chunk.text[ws:we])) < SHORT_SENTENCE and ws > 0 and chunk.text[ws - 1] != "\n":
        # "There were 11,337 pending cases.": a short sentence leans on the one before it for
        # its subject (the courts, IP cases).
        ps, _ = sentence_bounds(chunk.text, ws - 1, whole=True)
        context |= _tokens(chunk.text[ps:ws])
    action = _tokens(metric.rsplit(ACTION_MARK, 1)[1]) if ACTION_MARK in metric else frozenset()
    return FigureTokens(metric=_tokens(metric), context=context, action=action,
                        segment=_tokens(_segment(chunk, i, s, e)),
                        cities=_figure_cities(chunk, ws, we),
                        named_unit="" if fig.unit or chunk.lang != "en" else unit_named_in(metric),
                        time_frame=time_frame(_CLOSED_ASIDE.sub("", chunk.text[s:fig.end])),
                        sentence_qualifiers=qualifiers_in(chunk.text[ws:we] + " " + " ".join(chunk.section)),
                        metric_qualifiers=qualifiers_in(metric))


def _segment(chunk: Chunk, i: int, s: int, e: int) -> str:
    """The words of the figure's clause (s..e) from the end of the figure before it to the start
    of the one after it: "…26,655 venues and monitor 5,352 websites, with 370 cases…". It needs
    no parse, so it says what an English figure counts where its metric phrase misses it."""
    fig = chunk.figures[i]
    left = max([s] + [g.end for g in chunk.figures if g.end <= fig.start])
    right = min([e] + [g.start for g in chunk.figures if g.start >= fig.end])
    return chunk.text[left:right]


def _figure_cities(chunk: Chunk, s: int, e: int) -> frozenset[str]:
    """The cities a figure is given for: those its sentence names, else the earlier sentences of
    its paragraph ("深圳在…全流程建立…。…海关查扣…5822批次"), else its section headings."""
    sentence = chunk.text[s:e]
    if cities := cities_in(sentence):
        return cities
    if _PROVINCE_RE.search(sentence):
        return frozenset()
    paragraph_start = chunk.text.rfind("\n", 0, s) + 1
    return cities_in(chunk.text[paragraph_start:s]) or cities_in(" ".join(chunk.section))


def score_figure(
    info: QueryInfo,
    terms: QueryTerms,
    chunk: Chunk,
    i: int,
    retrieval: float,
    idf: Callable[[str], float],
    w: RerankWeights,
    doc_cities: frozenset[str] = frozenset(),
    corpus_idf: Callable[[str], float] | None = None,
    *,
    tokens_of: TokensOf,
) -> tuple[float, dict[str, float]]:
    """The figure's score and its features; ``doc_cities``: the cities its document's title names;
    ``corpus_idf``: as ``idf`` but 0 for words the corpus never uses (for ``known_context``)."""
    fig = chunk.figures[i]
    tokens = tokens_of(chunk, i)
    other_place, city_figure = place_mismatch(terms.cities, tokens.cities, doc_cities)
    # A city report's sentences say "我市", not its name: the city of its title is their context.
    context = tokens.context | place_words(doc_cities, chunk.lang) if doc_cities else tokens.context
    metric = terms.overlap(chunk.lang, tokens.metric, idf)
    if chunk.lang == "en":
        metric = max(metric, terms.overlap(chunk.lang, tokens.segment, idf))
    f: dict[str, float] = {
        "retrieval": retrieval,
        "metric": metric,
        "context": terms.overlap(chunk.lang, context, idf),
        # The same, counting only words the corpus uses ("听说…具体是多少" asks nothing a sentence
        # could say): not a weight, the answer gate reads it.
        "known_context": terms.overlap(chunk.lang, context, corpus_idf or idf),
        # Precision counts in proportion to coverage: a one-word clause ("cases") is precise
        # about nothing.
        "precision": terms.precision(chunk.lang, tokens.metric, idf) * metric,
        # 审结88462件 shares its sentence's words with 新收83308件; only its own action tells
        # them apart, so a figure whose action the question does not name is marked down.
        "unasked_action": -1.0 if tokens.action and terms.precision(chunk.lang, tokens.action, idf) == 0 else 0.0,
        "unit": 0.0,
        "year": 0.0,
        "value": 0.0,
        "unasked_percent": 0.0,
        "same_lang": 1.0 if chunk.lang == info.lang else 0.0,
        "time_frame": -1.0 if terms.time_frame and tokens.time_frame and terms.time_frame != tokens.time_frame else 0.0,
        "other_place": other_place,
        "city_figure": city_figure,
        # 商标注册量 is no answer about Madrid applications, nor 海外发明专利授权量 about 专利授权量.
        "qualifier": -1.0 if qualifier_mismatch(terms.qualifiers, tokens.sentence_qualifiers,
                                                 tokens.metric_qualifiers) else 0.0,
    }
    if info.units:
        unit = fig.unit or tokens.named_unit
        if not unit:
            f["unit"] = -0.5
        elif any(units_compatible(unit, u) for u in info.units):
            f["unit"] = 1.0
        else:
            f["unit"] = -1.0
    elif fig.kind == "percent":
        f["unasked_percent"] = -1.0
    if info.years:
        f["year"] = 1.0 if figure_year(chunk, fig) in info.years else -1.0
    if info.figures:
        f["value"] = 1.0 if any(values_match(claimed, fig) for claimed in info.figures) else 0.0
    # Each feature is named after its weight; summed in the weights' order.
    score = sum(getattr(w, name) * f[name] for name in _WEIGHT_NAMES)
    return score, f


def rank_figures(
    info: QueryInfo,
    terms: QueryTerms,
    candidates: list[tuple[Chunk, float]],
    idf: Callable[[str], float],
    weights: RerankWeights | None = None,
    doc_cities: Mapping[str, frozenset[str]] | None = None,
    corpus_idf: Callable[[str], float] | None = None,
    *,
    tokens_of: TokensOf,
) -> list[ScoredFigure]:
    """Every answerable figure of the candidate chunks, best first; ``doc_cities``: per document
    id, the cities its title names (a city's own report)."""
    w = weights or RerankWeights()
    top = max((s for _, s in candidates), default=0.0) or 1.0
    out = []
    for chunk, retrieval in candidates:
        for i, fig in enumerate(chunk.figures):
            if fig.kind not in ("quantity", "percent", "rank"):
                continue
            score, features = score_figure(info, terms, chunk, i, retrieval / top, idf, w,
                                           (doc_cities or {}).get(chunk.doc_id, frozenset()), corpus_idf,
                                           tokens_of=tokens_of)
            out.append(ScoredFigure(chunk, i, score, features))
    out.sort(key=lambda sf: -sf.score)
    return out


class NumericReranker(BaseNodePostprocessor):
    """llama-index postprocessor: orders retrieved chunks by their best figure's score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    scorer: Callable[[str, list[tuple[str, float]]], list[ScoredFigure]] = Field(exclude=True)
    top_n: int = 10

    @classmethod
    def class_name(cls) -> str:
        return "NumericReranker"

    def _postprocess_nodes(self, nodes: list[NodeWithScore],
                           query_bundle: QueryBundle | None = None) -> list[NodeWithScore]:
        if query_bundle is None:
            return nodes[: self.top_n]
        ranked = self.scorer(query_bundle.query_str, [(n.node.node_id, n.score or 0.0) for n in nodes])
        best: dict[str, float] = {}
        for sf in ranked:
            best.setdefault(sf.chunk.id, sf.score)
        by_id = {n.node.node_id: n for n in nodes}
        ordered = [NodeWithScore(node=by_id[cid].node, score=s) for cid, s in best.items() if cid in by_id]
        ordered += [n for n in nodes if n.node.node_id not in best]
        return ordered[: self.top_n]
