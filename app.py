"""The web app: a thin Gradio layer over ``qa.api.QA`` — chat, claim check, figures table, audit, index status.

Rendering is pure (records in, HTML strings out), so it is tested without a browser. Every piece of
user or document text passes through ``html.escape`` before it reaches the page; nothing the user
types is ever rendered as Markdown or HTML.

Run ``make run`` (or ``python app.py``; ``GRADIO_SERVER_NAME`` / ``GRADIO_SERVER_PORT`` are honoured).
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app_audit import audit_tab
from app_chat import build_chat_tab
from app_documents import documents_tab
from app_figures import figures_tab
from app_tables import (  # noqa: F401 - the tables' names are the app's too (callers use app.<name>)
    ALL,
    CSV_FIELDS,
    LANG_NAMES,
    NO_UNIT,
    NONE,
    TABLE_HEADERS,
    _csv_file,
    figure_choices,
    figures_frame,
    filter_figures,
    format_value,
    render_count,
    render_status,
    table_row,
    to_csv,
    to_json,
)
from eval.status import last_eval
from index.settings import Settings
from qa.audit_types import AuditReport
from qa.types import (
    Answer,
    ArticleCheck,
    ChatTurn,
    Citation,
    DocumentRow,
    FigureOut,
    FigureRow,
    IndexStatus,
    Verdict,
)

if TYPE_CHECKING:
    import gradio as gr

# The API's own limit (qa.query), checked here first: a 10-million-character question took
# 9.7 s of analysis to be refused and left 0.6 GB behind. One that long is not sent back to
# the question box either; one a little over the limit is, so it can be shortened.
MAX_QUESTION_CHARS = 2000
KEEP_IN_BOX_CHARS = 4 * MAX_QUESTION_CHARS
# Inference is CPU-bound and QA is not documented as thread-safe, so model calls (ask and check
# share one slot) run one at a time; other users wait in the queue instead of being dropped.
MODEL_CONCURRENCY = 1
OTHER_CONCURRENCY = 4  # table filtering and status are cheap, pure reads

EXAMPLE_CLAIMS = [
    "Guangdong prosecutors approved arrests in 1,265 IP cases in 2023",
    "2023年省内海关查扣侵权商品15766批次",
    "Customs in Guangdong seized 20,000 batches of infringing goods in 2023",
]

VERDICT_LABELS = {
    "supported": "✓ 有来源支持 · Supported",
    "contradicted": "✗ 与来源不符 · Contradicted",
    "not_found": "? 来源中未找到 · Not found",
}


class QAService(Protocol):
    """What the app needs from ``qa.api.QA`` (the unit tests pass a fake)."""

    def ask(self, question: str) -> Answer: ...
    def chat(self, question: str, history: list[str]) -> ChatTurn: ...
    def verify(self, claim: str) -> Verdict: ...
    def check_article(self, text: str) -> ArticleCheck: ...
    def figures(self) -> list[FigureRow]: ...
    def status(self) -> IndexStatus: ...
    def audit(self) -> AuditReport: ...
    def documents(self) -> list[DocumentRow]: ...


# ---------------------------------------------------------------- rendering (pure)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def highlight(text: str, start: int | None, end: int | None) -> str:
    """Escape ``text``, wrapping ``text[start:end]`` in <mark> when the offsets are valid."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return _e(text)
    return f"{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}"


def _paragraph(c: Citation) -> str:
    """The surrounding paragraph with the quoted sentence (and its figure) emphasised."""
    at = c.paragraph.find(c.quote) if c.quote else -1
    if at < 0:
        return _e(c.paragraph)
    quote = highlight(c.quote, c.figure_start, c.figure_end)
    return (f"{_e(c.paragraph[:at])}<strong class='qa-in-para'>{quote}</strong>"
            f"{_e(c.paragraph[at + len(c.quote):])}")


def render_citation(c: Citation, n: int) -> str:
    """A numbered citation card: title, year, section, highlighted quote, paragraph, linked passage."""
    meta = " · ".join(_e(x) for x in [c.year, c.section, LANG_NAMES.get(c.lang, c.lang)] if x)
    quote = f"<div class='qa-quote' lang='{_e(c.lang)}'>{highlight(c.quote, c.figure_start, c.figure_end)}</div>"
    body = quote
    if c.linked_quote:
        other = "en" if c.lang == "zh" else "zh"
        label = " · ".join(_e(x) for x in [LANG_NAMES[other], c.linked_section] if x)
        body = (f"<div class='qa-pair'>{quote}<div class='qa-quote qa-linked' lang='{other}'>"
                f"<div class='qa-linked-label'>{label}</div>{_e(c.linked_quote)}</div></div>")
    more = ""
    if c.paragraph and c.paragraph.strip() != c.quote.strip():
        more = (f"<details class='qa-more'><summary>上下文 · Show paragraph</summary>"
                f"<p class='qa-para'>{_paragraph(c)}</p></details>")
    return (
        f"<li class='qa-cite' value='{n}'>"
        f"<div class='qa-cite-head'><span class='qa-cite-n'>[{n}]</span> "
        f"<span class='qa-cite-title'>{_e(c.title)}</span> <span class='qa-cite-meta'>{meta}</span></div>"
        f"{body}{more}"
        f"<div class='qa-cite-source'>{_e(c.source)}, chars {c.start}–{c.end}</div>"
        f"</li>"
    )


def _citations(title: str, citations: Sequence[Citation]) -> str:
    if not citations:
        return ""
    cards = "".join(render_citation(c, i) for i, c in enumerate(citations, 1))
    return f"<h4 class='qa-h'>{title}</h4><ol class='qa-citations'>{cards}</ol>"


def _figure(f: FigureOut, normalized: str | None = None) -> str:
    out = f"<span class='qa-figure-text'>{_e(f.stated or f.text)}</span>"
    # Show the normalised number only when it adds something (4.78万件 → 47,800), not for 1265件 → 1,265.
    if normalized and re.sub(r"\D", "", normalized) != re.sub(r"\D", "", f.text):
        out += f" <span class='qa-figure-norm'>= {_e(normalized)} {_e(f.unit)}</span>"
    return out


def render_answer(answer: Answer) -> str:
    """The figure, the answer sentence, then numbered citation cards (or related passages)."""
    if answer.status == "answered":
        parts = []
        if answer.figure is not None:
            parts.append(f"<div class='qa-figure'>{_figure(answer.figure, answer.normalized)}</div>")
        parts.append(f"<p class='qa-answer-text'>{_e(answer.answer)}</p>")
        if answer.cross_language:
            parts.append("<p class='qa-note'>数字取自另一语言的文本 · "
                         "The figure comes from the document's text in the other language.</p>")
        parts.append(_citations("来源 · Sources", answer.citations))
    else:
        message = answer.answer or "文件中没有找到这个数字 · The documents do not give this figure."
        parts = [f"<div class='qa-notfound'>{_e(message)}</div>",
                 _citations("相关段落 · Related passages", answer.related or answer.citations)]
    parts.append(f"<div class='qa-time'>{answer.seconds:.2f} s</div>")
    return f"<div class='qa-answer qa-{_e(answer.status)}'>{''.join(parts)}</div>"


def render_verdict(v: Verdict) -> str:
    """A coloured verdict badge, claimed vs source figure, the explanation, and the quotes."""
    label = VERDICT_LABELS.get(v.verdict, v.verdict)
    rows = [("声明的数字 · Claimed", v.claimed), ("来源的数字 · Source", v.found)]
    compare = "".join(
        f"<tr><th>{name}</th><td>{_figure(f) if f is not None else '—'}</td></tr>" for name, f in rows
    )
    # A claim naming no place, over provinces whose documents differ: each place's figure and verdict.
    compare += "".join(
        f"<tr><th>{_e(p.place.zh + ' · ' + p.place.en if p.place else '?')} · {p.year}</th><td>{_figure(p.figure)} "
        f"<span class='qa-badge qa-badge-{_e(p.verdict)}'>{_e(VERDICT_LABELS.get(p.verdict or '', p.verdict))}</span>"
        "</td></tr>" for p in v.by_place)
    return (
        f"<div class='qa-verdict'>"
        f"<p class='qa-claim'><span class='qa-q-label'>声明 · Claim</span> {_e(v.claim)}</p>"
        f"<span class='qa-badge qa-badge-{_e(v.verdict)}'>{_e(label)}</span>"
        f"<table class='qa-compare'>{compare}</table>"
        f"<p class='qa-explanation'>{_e(v.explanation)}</p>"
        f"{_citations('来源 · Sources', v.citations)}"
        f"<div class='qa-time'>{v.seconds:.2f} s</div>"
        f"</div>"
    )


def render_error(message: str) -> str:
    return f"<div class='qa-error' role='alert'>{_e(message)}</div>"


# ---------------------------------------------------------------- the Gradio app (adapter)


CSS = (Path(__file__).with_name("app.css")).read_text(encoding="utf-8")




def build_app(qa: QAService, settings: Settings | None = None) -> gr.Blocks:
    """The four tabs; every handler is a call into ``qa`` plus a pure render function."""
    import gradio as gr

    def check(claim: str) -> str:
        try:
            return render_verdict(qa.verify(_capped(claim if isinstance(claim, str) else "", "claim")))
        except Exception as e:  # noqa: BLE001 - shown as a one-line message
            return render_error(describe(e))

    def status() -> str:
        try:
            s = qa.status()
            if s.last_eval is None and settings is not None:
                s = s.model_copy(update={"last_eval": last_eval(settings)})
            note = getattr(qa, "note", None)
            return (render_error(note) if note else "") + render_status(s)
        except Exception as e:  # noqa: BLE001 - shown as a one-line message
            return render_error(describe(e))

    def html_box(value: str, elem_id: str) -> gr.HTML:
        return gr.HTML(value, elem_id=elem_id, js_on_load=None)

    with gr.Blocks(title="广东知识产权问答 · Guangdong IP Q&A", analytics_enabled=False) as demo:
        gr.HTML("<h1 style='margin:0.2em 0'>广东知识产权保护问答 · Guangdong IP protection Q&amp;A</h1>"
                "<p style='margin:0;opacity:0.75'>答案只来自政府文件原文,并附出处。"
                " · Answers come only from the government documents, with their sources.</p>",
                js_on_load=None)
        with gr.Tab("问答 · Chat", id="chat"):
            build_chat_tab(qa, capped=_capped, describe=describe, render_answer=render_answer,
                           render_citation=render_citation, render_error=render_error, keep_chars=KEEP_IN_BOX_CHARS,
                           concurrency=MODEL_CONCURRENCY)
        with gr.Tab("核查 · Check a claim", id="check"):
            with gr.Row(equal_height=True):
                claim = gr.Textbox(label="声明 · Claim", elem_id="claim", lines=1, max_lines=6, scale=6,
                                   placeholder="例如 2023年省内海关查扣侵权商品15766批次")
                check_btn = gr.Button("核查 · Check", variant="primary", elem_id="check-btn", scale=1)
            gr.Examples([[c] for c in EXAMPLE_CLAIMS], inputs=[claim], label="示例 · Examples")
            verdict = html_box("", "verdict")
            from app_article import article_section  # here: app_article builds on this module's renderers

            article_section(qa, MODEL_CONCURRENCY)
        with gr.Tab("数字 · Figures", id="figures") as figures_page:
            figures_tab(qa, html_box, MAX_QUESTION_CHARS, OTHER_CONCURRENCY, figures_page)
        with gr.Tab("核对 · Audit", id="audit"):
            audit_tab(qa, html_box, describe, render_error)
        with gr.Tab("文件 · Documents", id="documents"):
            documents_tab(qa, settings, html_box, describe, render_error)
        with gr.Tab("索引状态 · Index status", id="status") as status_page:
            status_box = html_box("", "status")
            with gr.Row():
                refresh = gr.Button("刷新 · Refresh", size="sm", elem_id="status-refresh", scale=0,
                                    min_width=160)

        gr.on([check_btn.click, claim.submit], check, inputs=[claim], outputs=[verdict],
              concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)
        demo.load(status, outputs=[status_box])
        gr.on([refresh.click, status_page.select], status, outputs=[status_box])  # select: after a Documents change
    return demo


class TooLong(ValueError):
    pass


def _capped(text: str, what: str) -> str:
    """Refuse an overlong question before any work (the API's own check comes after analysis)."""
    if len(text) > MAX_QUESTION_CHARS:
        raise TooLong(f"The {what} is too long: {len(text)} characters; the limit is {MAX_QUESTION_CHARS}.")
    return text


def describe(e: BaseException) -> str:
    """The one-line message for any failure (see qa.errors)."""
    if isinstance(e, TooLong):
        return str(e)
    from qa.errors import describe as explain

    return explain(e)


def serve(demo: gr.Blocks, *, server_name: str | None = None, server_port: int | None = None) -> str:
    """Queue and launch without blocking; returns the local URL. No share link, no telemetry."""
    demo.queue(default_concurrency_limit=OTHER_CONCURRENCY)
    _, url, _ = demo.launch(server_name=server_name, server_port=server_port, share=False,
                            prevent_thread_lock=True, quiet=True, css=CSS,
                            # Runs history would keep every question in the browser and offers
                            # uploading it to a Hugging Face bucket: not wanted here.
                            run_history=False, footer_links=["api", "gradio", "settings"])
    return str(url)


def main() -> int:
    from index.offline import go_offline

    # Before anything imports onnxruntime (its telemetry looks up a remote host at start-up);
    # Gradio reads its variables at start-up too (else telemetry and a version check).
    go_offline()
    from qa.errors import quiet_thread_errors

    quiet_thread_errors()
    print("loading the index and the model…", flush=True)
    try:
        qa = load_live()
    except Exception as e:  # noqa: BLE001 - one line naming what to fix, never a traceback
        hint = "\nTo build the index: make index" if "qa index" in str(e) else ""
        print(f"app: error: {describe(e)}{hint}", file=sys.stderr)
        return 2
    demo = build_app(qa, getattr(qa, "settings", None))
    url = serve(demo)
    print(f"Running on {url}  (Ctrl+C to stop)", flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    return 0


def load_live() -> QAService:
    """The QA over the current build, checked first, following new builds as `qa index` writes them."""
    from index.build import check_manifest, read_manifest
    from index.check import quick_check
    from index.settings import Settings
    from qa.api import QA
    from qa.live import LiveQA

    settings = Settings.from_env()
    quick_check(settings, check_manifest(settings, read_manifest(settings)))
    return LiveQA(settings, QA.load(settings))


if __name__ == "__main__":
    sys.exit(main())
