"""The Claim tab's whole-article check: paste an article, see each sentence's verdict and
sources, the summary, and download the fact-check report (Markdown and CSV, qa.factcheck).

Rendering is pure and escapes every piece of article or document text (``app._e``), as the rest
of the app does; the Gradio wiring is one function that app.py calls inside the Claim tab.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app import VERDICT_LABELS, _citations, _e, _figure, describe, render_error
from qa.article import MAX_ARTICLE_CHARS
from qa.factcheck import assumed_text, to_csv, to_markdown
from qa.types import ArticleCheck, ArticleSentence, Citation

if TYPE_CHECKING:
    import gradio as gr

LABELS = {**VERDICT_LABELS, "skipped": "– 未核查 · Skipped"}
EXAMPLE_ARTICLE = ("2024年,全省法院新收各类知识产权案件83308件。审结88462件。"
                   "2023年省内海关查扣侵权商品25766批次。"
                   "2024年全省共有知识产权纠纷人民调解员3200名。"
                   "记者从省知识产权局获悉,广东知识产权保护工作取得新进展。")


class ArticleService(Protocol):
    def check_article(self, text: str) -> ArticleCheck: ...


class TooLongArticle(ValueError):
    pass


def render_summary(check: ArticleCheck) -> str:
    s = check.summary
    counts = [("supported", s.supported), ("contradicted", s.contradicted), ("not_found", s.not_found),
              ("skipped", s.skipped)]
    chips = " ".join(f"<span class='qa-badge qa-badge-{k}'>{_e(LABELS[k])}: {n}</span>" for k, n in counts)
    return (f"<div class='qa-art-summary'><p>{s.claims} 句含数字的声明 · {s.claims} claim sentences, "
            f"{s.sentences} sentences in all</p>{chips}</div>")


def _sources(s: ArticleSentence) -> list[Citation]:
    """The sentence's citations, each figure's once, in the order of its figures."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in [c for check in s.checks for c in check.citations] + list(s.citations):
        key = (c.source, c.start, c.end)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def render_sentence(s: ArticleSentence) -> str:
    """One sentence: its number, verdict badge, text, what was assumed, its figures' checks and sources."""
    head = (f"<div class='qa-art-head'><span class='qa-art-n'>{s.number}</span> "
            f"<span class='qa-badge qa-badge-{_e(s.verdict)}'>{_e(LABELS.get(s.verdict, s.verdict))}</span></div>"
            f"<p class='qa-claim qa-art-text'>{_e(s.text)}</p>")
    if s.verdict == "skipped":
        return (f"<li class='qa-art-sentence qa-art-skipped'>{head}"
                f"<p class='qa-note qa-art-reason'>{_e(s.skip_reason or '')}</p></li>")
    parts = [head]
    if s.assumed:
        parts.append(f"<p class='qa-note qa-art-assumed'>按上文理解 · Assumed: {_e(assumed_text(s))}</p>")
    rows = "".join(
        f"<tr><td>{_figure(c.claimed) if c.claimed else '—'}</td><td>{_figure(c.found) if c.found else '—'}</td>"
        f"<td><span class='qa-art-pair qa-art-pair-{_e(c.verdict)}'>{_e(LABELS.get(c.verdict, c.verdict))}</span>"
        f"</td></tr>" for c in s.checks)
    if rows:
        parts.append("<table class='qa-compare qa-art-checks'><tr><th>声明的数字 · Claimed</th>"
                     f"<th>来源的数字 · Source</th><th>结论 · Verdict</th></tr>{rows}</table>")
    parts.append(f"<p class='qa-explanation'>{_e(s.explanation)}</p>")
    parts.append(_citations("来源 · Sources", _sources(s)))
    return f"<li class='qa-art-sentence qa-art-{_e(s.verdict)}'>{''.join(parts)}</li>"


def render_article(check: ArticleCheck) -> str:
    sentences = "".join(render_sentence(s) for s in check.sentences)
    return (f"<div class='qa-article'>{render_summary(check)}<ol class='qa-art-sentences'>{sentences}</ol>"
            f"<div class='qa-time'>{check.seconds:.2f} s</div></div>")


def report_files(check: ArticleCheck) -> tuple[str, str]:
    """The Markdown and CSV reports written once per distinct content (concurrent users never
    clobber each other's files); their paths."""
    md = to_markdown(check).encode("utf-8")
    csv = to_csv(check)
    folder = Path(tempfile.gettempdir()) / "gdip-qa-factcheck" / hashlib.sha256(md + csv).hexdigest()[:16]
    paths = (folder / "fact-check-report.md", folder / "fact-check-report.csv")
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in zip(paths, (md, csv), strict=True):
        if not path.exists():
            tmp = folder / f".{path.name}-{os.getpid()}"
            tmp.write_bytes(data)
            tmp.replace(path)
    return str(paths[0]), str(paths[1])


def check_article(qa: ArticleService, text: object) -> tuple[str, str | None, str | None]:
    """The handler: the rendered result and the two report files (None after an error)."""
    text = text if isinstance(text, str) else ""
    try:
        if len(text) > MAX_ARTICLE_CHARS:  # refused before any work, as the API would after reading it
            raise TooLongArticle(f"The article is {len(text):,} characters long; the limit is "
                                 f"{MAX_ARTICLE_CHARS:,}: check it in parts.")
        check = qa.check_article(text)
    except TooLongArticle as e:
        return render_error(str(e)), None, None
    except Exception as e:  # noqa: BLE001 - every failure is a one-line message on the page
        return render_error(describe(e)), None, None
    md, csv = report_files(check)
    return render_article(check), md, csv


def article_section(qa: ArticleService, concurrency_limit: int) -> None:
    """The article box, button, result and downloads, inside the current tab; the check shares
    the model's queue slot with ask and verify."""
    import gradio as gr

    gr.Markdown("#### 整篇文章 · A whole article")
    box = gr.Textbox(label="文章或段落 · Article or paragraph (中文 / English, ≤ 20,000 characters)",
                     elem_id="article", lines=8, max_lines=30, placeholder=EXAMPLE_ARTICLE)
    button = gr.Button("逐句核查 · Check every sentence", variant="primary", elem_id="article-btn")
    result: gr.HTML = gr.HTML("", elem_id="article-result", js_on_load=None)
    with gr.Row():
        md = gr.File(label="核查报告 Markdown · Report (Markdown)", elem_id="article-md", interactive=False)
        csv = gr.File(label="核查报告 CSV · Report (CSV)", elem_id="article-csv", interactive=False)

    def run(text: Any) -> tuple[str, str | None, str | None]:
        return check_article(qa, text)

    button.click(run, inputs=[box], outputs=[result, md, csv], concurrency_id="model",
                 concurrency_limit=concurrency_limit)
