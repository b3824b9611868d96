"""A checked article as a fact-check report a newsroom can file: Markdown, CSV, and the CLI's
plain text. Pure functions: an ``ArticleCheck`` in, text or bytes out.

Each claim's figures are listed one by one with the verdict, the claimed and the source figure,
the source quote, the document, its section and the quote's offsets in the raw corpus file (so
anyone can open the file and find the words). Skipped sentences are listed with the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from qa.types import ArticleCheck, ArticleSentence, Check, Citation, FigureOut

LABELS = {"supported": "SUPPORTED", "contradicted": "CONTRADICTED", "not_found": "NOT FOUND", "skipped": "SKIPPED"}
LABELS_ZH = {"supported": "有来源支持", "contradicted": "与来源不符", "not_found": "来源中未找到", "skipped": "跳过"}

CSV_FIELDS = ["sentence_no", "sentence", "sentence_verdict", "figure_verdict", "claimed", "claimed_value",
              "claimed_unit", "source_figure", "source_value", "source_unit", "source_quote", "document",
              "title", "section", "raw_start", "raw_end", "assumed", "explanation", "confidence"]


def summary_line(check: ArticleCheck) -> str:
    s = check.summary
    return (f"{s.sentences} sentences: {s.supported} supported, {s.contradicted} contradicted, "
            f"{s.not_found} not found, {s.skipped} skipped")


def assumed_text(s: ArticleSentence) -> str:
    """What the sentence left out and was read from an earlier one, in a line."""
    if not s.assumed:
        return ""
    parts = "; ".join(f"{k} {v}" for k, v in s.assumed.items() if k != "subject")
    if "subject" in s.assumed:
        parts += ("; " if parts else "") + f"about “{s.assumed['subject']}”"
    return f"{parts} (from sentence {s.assumed_from})" if s.assumed_from else parts


def _fig(f: FigureOut | None) -> str:
    return f.text if f is not None else ""


def _num(f: FigureOut | None) -> str:
    return "" if f is None else f"{f.value:g}" if abs(f.value) < 1e15 else repr(f.value)


def pairs(s: ArticleSentence) -> Iterator[tuple[Check | None, Citation | None]]:
    """Each checked figure of a sentence with its first citation; one empty pair for a sentence
    with no checks (skipped, or a verdict without figures)."""
    if not s.checks:
        yield None, (s.citations[0] if s.citations else None)
        return
    for c in s.checks:
        yield c, (c.citations[0] if c.citations else None)


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: one starting with = + - @ would run as a
    formula when the newsroom opens the file (the sentence comes from the pasted article)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(check: ArticleCheck) -> bytes:
    """One row per checked figure (a skipped sentence: one row with the reason). UTF-8 with a
    BOM, so Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for s in check.sentences:
        for c, cite in pairs(s):
            claimed, found = (c.claimed, c.found) if c is not None else (s.claimed, s.found)
            confidence = c.confidence if c is not None else s.confidence
            row = {
                "sentence_no": s.number, "sentence": s.text, "sentence_verdict": s.verdict,
                "figure_verdict": c.verdict if c is not None else "",
                "claimed": _fig(claimed), "claimed_value": _num(claimed), "claimed_unit": claimed.unit if claimed else "",
                "source_figure": _fig(found), "source_value": _num(found), "source_unit": found.unit if found else "",
                "source_quote": cite.quote if cite else "", "document": cite.source if cite else "",
                "title": cite.title if cite else "", "section": cite.section if cite else "",
                "raw_start": cite.start if cite else "", "raw_end": cite.end if cite else "",
                "assumed": assumed_text(s),
                "explanation": s.skip_reason if s.verdict == "skipped" else (c.explanation if c else s.explanation),
                "confidence": "" if confidence is None else f"{confidence:.2f}",
            }
            writer.writerow([_cell(row[k]) for k in CSV_FIELDS])
    return buf.getvalue().encode("utf-8-sig")


def _md(text: object) -> str:
    """Text safe inside a Markdown table cell or line: pipes, backslashes, markup and line breaks
    neutralised, so an article's text cannot make links or break the table."""
    out = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    for ch in "`*_[]<>#!":
        out = out.replace(ch, "\\" + ch)
    return out


def to_markdown(check: ArticleCheck, title: str = "Fact-check report · 核查报告") -> str:
    """The report: the summary, a table of every claim's figures, the quotes, then what was skipped."""
    s = check.summary
    lines = [f"# {_md(title)}", "",
             (f"**{s.claims} claims** in {s.sentences} sentences ({check.chars:,} characters): "
             f"{s.supported} supported · {s.contradicted} contradicted · {s.not_found} not found · "
             f"{s.skipped} skipped."), "",
             "| # | Sentence | Verdict | Claimed | Source figure | Document | Section | Raw offsets |",
             "|---|---|---|---|---|---|---|---|"]
    notes: list[str] = []
    for sent in check.sentences:
        if sent.verdict == "skipped":
            continue
        for c, cite in pairs(sent):
            verdict = c.verdict if c is not None else sent.verdict
            where = f"{cite.start}–{cite.end}" if cite else ""
            lines.append(f"| {sent.number} | {_md(sent.text)} | {LABELS[verdict]} {LABELS_ZH[verdict]} | "
                         f"{_md(_fig(c.claimed if c else sent.claimed))} | {_md(_fig(c.found if c else sent.found))} | "
                         f"{_md(cite.source) if cite else ''} | {_md(cite.section) if cite else ''} | {where} |")
        notes.append(_claim_notes(sent))
    lines += ["", "## Claims and sources · 声明与出处", ""] + notes
    skipped = [x for x in check.sentences if x.verdict == "skipped"]
    if skipped:
        lines += ["## Skipped · 未核查的句子", ""]
        lines += [f"- {x.number}. {_md(x.text)} — *{_md(x.skip_reason or '')}*" for x in skipped]
        lines.append("")
    return "\n".join(lines)


def _claim_notes(sent: ArticleSentence) -> str:
    out = [f"### {sent.number}. {LABELS[sent.verdict]} {LABELS_ZH[sent.verdict]}", "", f"> {_md(sent.text)}", ""]
    if sent.assumed:
        out += [f"Assumed from earlier sentences: {_md(assumed_text(sent))}.", ""]
    for c, cite in pairs(sent):
        explanation = c.explanation if c is not None else sent.explanation
        head = f"- **{_md(_fig(c.claimed))}**: {LABELS[c.verdict]} — " if c is not None else "- "
        out.append(head + _md(explanation))
        if cite is not None:
            out.append(f"  - Source: {_md(cite.title)} ({cite.year}), {_md(cite.section)}; "
                       f"`{cite.source}` chars {cite.start}–{cite.end}")
            out.append(f"  - Quote: “{_md(cite.quote)}”")
    out.append("")
    return "\n".join(out)


def to_text(check: ArticleCheck) -> str:
    """The plain-text form the CLI prints without --json."""
    out = []
    for s in check.sentences:
        label = LABELS[s.verdict] + (f" ({s.skip_reason})" if s.skip_reason else "")
        out.append(f"[{s.number}] {label}: {s.text}")
        if s.verdict == "skipped":
            continue
        if s.assumed:
            out.append(f"    assumed: {assumed_text(s)}")
        for c, cite in pairs(s):
            if c is not None:
                out.append(f"    {_fig(c.claimed) or '?'} → {LABELS[c.verdict]}"
                           + (f", source {_fig(c.found)}" if c.found else "") + f": {c.explanation}")
            if cite is not None:
                out.append(f"      {cite.title} ({cite.year}), {cite.section} · {cite.source} chars "
                           f"{cite.start}-{cite.end}\n      “{cite.quote}”")
    out.append(summary_line(check))
    return "\n".join(out)
