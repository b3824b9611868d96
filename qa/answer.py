"""Turning a ranked figure into an answer with citations, or into an honest "not found"."""

from __future__ import annotations

from collections.abc import Callable

from index.figures import Figure, format_value, with_bound
from index.records import sentence_bounds
from index.types import Chunk, CleanDoc
from qa.compare import asked_direction, stated_direction
from qa.decide import same_number
from qa.rank import ScoredFigure
from qa.types import Citation, FigureOut

CleanLookup = Callable[[str], CleanDoc]


def figure_out(fig: Figure, lang: str | None = None) -> FigureOut:
    """The figure as reported; ``lang``: the answer's, for a bound before a text of no language ("约60%")."""
    return FigureOut(text=fig.text, value=fig.value, unit=fig.unit, qualifier=fig.qualifier,
                     stated=with_bound(fig, lang))


def normalized(fig: Figure) -> str:
    """The figure in plain digits with its unit, e.g. 47,800 件 for 4.78万件."""
    return format_value(fig.value, fig.unit)


def _section(chunk: Chunk) -> str:
    return " / ".join(chunk.section)


def cite(chunk: Chunk, clean: CleanLookup, titles: dict[str, tuple[str, str]], fig: Figure | None = None,
         linked: Chunk | None = None) -> Citation:
    """A citation quoting the sentence that holds ``fig`` (or the chunk's first sentence)."""
    pos = fig.start if fig is not None else 0
    s, e = sentence_bounds(chunk.text, pos)
    quote = chunk.text[s:e].strip()
    s = chunk.text.index(quote, s) if quote else s
    e = s + len(quote)
    doc = clean(chunk.doc_id)
    raw_start, raw_end = doc.raw_span(chunk.start + s, chunk.start + e) if quote else (chunk.raw_start,
                                                                                       chunk.raw_end)
    paragraph = next((doc.text[p.start : p.end] for p in doc.paragraphs if p.start <= chunk.start + s < p.end),
                     chunk.text)
    title_zh, title_en = titles[chunk.doc_id]
    return Citation(
        source=chunk.source,
        doc_id=chunk.doc_id,
        title=title_zh if chunk.lang == "zh" else title_en,
        year=chunk.year,
        section=_section(chunk),
        lang=chunk.lang,
        quote=quote,
        start=raw_start,
        end=raw_end,
        figure_start=(fig.start - s) if fig is not None else None,
        figure_end=(fig.end - s) if fig is not None else None,
        paragraph=paragraph if len(paragraph) <= 2000 else chunk.text,
        linked_quote=_linked_quote(linked, fig) if linked is not None else None,
        linked_section=_section(linked) if linked is not None else None,
        chunk_id=chunk.id,
    )


def _linked_quote(linked: Chunk, fig: Figure | None) -> str:
    if fig is not None:
        for other in linked.figures:
            if same_number(other, fig):
                s, e = sentence_bounds(linked.text, other.start)
                return linked.text[s:e].strip()
    return linked.text


def find_linked(chunk: Chunk, chunks: list[Chunk], fig: Figure | None) -> Chunk | None:
    """The chunk of the other language's matching section that best shares this figure."""
    if not chunk.linked_section:
        return None
    candidates = [c for c in chunks if c.doc_id == chunk.doc_id and c.lang != chunk.lang
                  and c.section[:1] == chunk.linked_section[:1]]
    if not candidates:
        return None
    if fig is not None:
        for c in candidates:
            if any(same_number(f, fig) for f in c.figures):
                return c
    return None if fig is not None else candidates[0]


def answer_text(best: ScoredFigure, lang: str, citation: Citation) -> str:
    fig = best.figure
    norm = normalized(fig)
    digits = norm.split(" ")[0]
    text = with_bound(fig, lang)
    shown = text if digits.replace(",", "") in fig.text.replace(",", "") else f"{text} ({norm})"
    if lang == "zh":
        lead = f"{shown}。"
        if best.chunk.lang != "zh":
            lead += "（该数字见于文件英文部分，原文如下）"
        return f"{lead}原文：“{citation.quote}”——{citation.title}"
    lead = f"{shown}."
    if best.chunk.lang != "en":
        lead += " (This figure is given only in the Chinese text; the original sentence is quoted.)"
    return f"{lead} Source: “{citation.quote}” — {citation.title}"


def other_way_note(best: ScoredFigure, question: str, lang: str) -> str:
    """A note where a question asks how much a figure changed one way and its sentence says it went the
    other ("同比下降了多少" of 同比增长5.8%): the rate answers how much, not the question's premise."""
    if best.figure.kind != "percent" or not best.record.change:
        return ""
    asked = asked_direction(question)
    went = stated_direction(best.chunk.text, best.figure.start, best.figure.end)
    if not asked or not went or asked == went:
        return ""
    if lang == "zh":
        return f"（注意：原文说的是{'增长' if went > 0 else '下降'}，不是{'增长' if asked > 0 else '下降'}。）"
    return f" (Note: the source says it {'rose' if went > 0 else 'fell'}, not that it {'rose' if asked > 0 else 'fell'}.)"


def not_found_text(lang: str) -> str:
    if lang == "zh":
        return "文件中没有找到这个数字。以下是最接近的相关段落，仅供参考，不是答案。"
    return ("The documents do not give this figure. The nearest passages are listed as related "
            "reading, not as an answer.")
