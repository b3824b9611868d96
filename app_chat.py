"""The Chat tab: a ``gr.Chatbot`` with history over ``QA.chat``. A follow-up ("那2023年呢?", "And
Shenzhen?", "和去年比呢?") is answered after the turns before it, and every answer says what it
assumed, so a wrong assumption is visible; a comparison shows both years' figures, each with
its citation, the change and the rate the document states.

Rendering is pure (records in, HTML strings out). Every piece of user or document text passes
through ``html.escape``; a message is one raw HTML block (no blank line, no Markdown inside it),
so nothing the user types is rendered as Markdown or HTML by the chatbot either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from qa.types import ChatTurn, Comparison, PlaceFigure, YearFigure

if TYPE_CHECKING:
    import gradio as gr

MAX_TURNS = 20  # exchanges kept per browser session; older ones drop off the page (and out of the history)
ECHO_CHARS = 300  # an overlong question is echoed shortened; the API's message says why
EXAMPLE_TURNS = [
    "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?",
    "那2023年呢?",
    "哪一年更多?",
    "How many batches of infringing goods did customs in Guangdong seize in 2023?",
    "And 2024?",
    "2024年比2023年法院新收知识产权案件变化多少?",
]


def _e(text: object) -> str:
    import html

    return html.escape(str(text), quote=True)


def _block(inner: str) -> str:
    """One raw HTML block for the chatbot: no newline can end it and let Markdown in."""
    return inner.replace("\r", " ").replace("\n", " ")


def user_message(question: str) -> str:
    shown = question if len(question) <= ECHO_CHARS else question[:ECHO_CHARS] + "…"
    return _block(f"<div class='qa-q'>{_e(shown).replace(chr(10), '<br>')}</div>")


def render_assumed(turn: ChatTurn) -> str:
    """What the answer assumed, and the question as understood where a follow-up was filled in."""
    parts = [f"<div class='qa-assumed'><span class='qa-q-label'>按此理解 · Assumed</span> {_e(turn.assumed)}</div>"]
    if turn.followup:
        parts.append(f"<div class='qa-resolved'><span class='qa-q-label'>理解为 · Understood as</span> "
                     f"{_e(turn.resolved_question)}</div>")
    return "".join(parts)


def _year_card(y: YearFigure | PlaceFigure, n: int, label: str, render_citation: Callable[[Any, int], str]) -> str:
    return (f"<div class='qa-year'><div class='qa-year-head'><span class='qa-year-label'>{_e(label)}</span> "
            f"<span class='qa-figure-text'>{_e(y.figure.stated or y.figure.text)}</span></div>"
            f"<ol class='qa-citations'>{render_citation(y.citation, n)}</ol></div>")


def render_comparison(c: Comparison, render_citation: Callable[[Any, int], str]) -> str:
    """Both years' figures with their citations, the change, and the stated rate beside it."""
    if c.from_ is None or c.to is None or c.change is None:
        return ""
    pct = f"{c.change_pct:+.2f}%" if c.change_pct is not None else "—"
    stated = f"{c.stated_change_pct:+g}%" if c.stated_change_pct is not None else "—"
    agree = {True: "一致 · agrees", False: "不一致 · does not agree", None: "—"}[c.stated_agrees]
    rows = [("变化 · Change", f"{c.change:+,g} ({pct})"), ("文件所载同比 · Stated year on year", stated)]
    if c.stated_change_pct is not None:
        rows.append(("是否一致 · Agreement", agree))
    table = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return (f"<div class='qa-comparison'>{_year_card(c.from_, 1, str(c.from_.year), render_citation)}"
            f"{_year_card(c.to, 2, str(c.to.year), render_citation)}"
            f"<table class='qa-compare qa-change'>{table}</table></div>")


def render_by_year(years: list[YearFigure], render_citation: Callable[[Any, int], str]) -> str:
    cards = "".join(_year_card(y, i, str(y.year), render_citation) for i, y in enumerate(years, 1))
    return f"<div class='qa-by-year'>{cards}</div>"


def render_by_place(places: list[PlaceFigure], render_citation: Callable[[Any, int], str]) -> str:
    """Each place's figure as a card labelled with the place, then the question which one is meant."""
    cards = "".join(_year_card(p, i, (f"{p.place.zh} · {p.place.en}" if p.place else "?") + f" · {p.year}",
                               render_citation)
                    for i, p in enumerate(places, 1))
    named = next((p.place for p in places if p.place is not None), None)
    hint = (f"<p class='qa-which-place'>请问您问的是哪个地方？可以追问，例如“{_e(named.zh)}呢？” · Which place do "
            f"you mean? Ask, e.g., “And {_e(named.en)}?”</p>") if named is not None else ""
    return f"<div class='qa-by-year qa-by-place'>{cards}</div>{hint}"



def render_chat_answer(turn: ChatTurn, render_answer: Callable[[Any], str],
                       render_citation: Callable[[Any, int], str]) -> str:
    """The assumption line, then the answer: a comparison, each year's figure, or the figure."""
    if turn.comparison is not None and turn.comparison.from_ is not None:
        body = (f"<div class='qa-answer qa-answered'><p class='qa-answer-text'>{_e(turn.answer)}</p>"
                f"{render_comparison(turn.comparison, render_citation)}"
                f"<div class='qa-time'>{turn.seconds:.2f} s</div></div>")
    elif turn.by_year:
        body = (f"<div class='qa-answer qa-answered'><p class='qa-answer-text'>{_e(turn.answer)}</p>"
                f"{render_by_year(turn.by_year, render_citation)}<div class='qa-time'>{turn.seconds:.2f} s</div></div>")
    elif turn.by_place:
        body = (f"<div class='qa-answer qa-answered'><p class='qa-answer-text'>{_e(turn.answer)}</p>"
                f"{render_by_place(turn.by_place, render_citation)}<div class='qa-time'>{turn.seconds:.2f} s</div></div>")
    else:
        body = render_answer(turn)
    return _block(f"<div class='qa-turn'>{render_assumed(turn)}{body}</div>")


def build_chat_tab(qa: Any, *, capped: Callable[[str, str], str], describe: Callable[[BaseException], str],
                   render_answer: Callable[[Any], str], render_citation: Callable[[Any, int], str],
                   render_error: Callable[[str], str], keep_chars: int, concurrency: int) -> None:
    """The tab's components and handlers, inside the app's Blocks (app.build_app)."""
    import gradio as gr

    def ask(question: str, messages: list[dict[str, str]], turns: list[str]
            ) -> tuple[list[dict[str, str]], list[str], str]:
        question = question if isinstance(question, str) else ""
        try:
            turn = qa.chat(capped(question, "question"), list(turns))
            body, keep, turns = render_chat_answer(turn, render_answer, render_citation), "", [*turns, question]
        except Exception as e:  # noqa: BLE001 - every failure is a message in the chat, never "Error"
            body, keep = _block(f"<div class='qa-turn'>{render_error(describe(e))}</div>"), question[:keep_chars]
        messages = [*messages, {"role": "user", "content": user_message(question[: ECHO_CHARS + 1])},
                    {"role": "assistant", "content": body}][-2 * MAX_TURNS:]
        return messages, turns[-MAX_TURNS:], keep

    def clear() -> tuple[list[dict[str, str]], list[str], str]:
        return [], [], ""

    def forget() -> list[str]:
        return []

    turns = gr.State([])
    chatbot: gr.Chatbot = gr.Chatbot(
        [], elem_id="chat-log", label="对话 · Conversation", height=560, sanitize_html=True, latex_delimiters=[],
        # No share button (it offers an upload) and no like buttons; its own clear button also forgets the history.
        buttons=["copy", "copy_all"], feedback_options=None,
        placeholder="用中文或英文提问，可以追问，例如“那2023年呢?” · Ask in Chinese or English; follow-ups such as "
                    "“And 2024?” remember the earlier questions.")
    with gr.Row(equal_height=True):
        question = gr.Textbox(label="问题 · Question", elem_id="question", lines=1, max_lines=6, scale=6,
                              placeholder="例如 2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件? 然后: 那2023年呢?")
        with gr.Column(scale=1, min_width=140):
            ask_btn = gr.Button("提问 · Ask", variant="primary", elem_id="ask")
            clear_btn = gr.Button("清空对话 · Clear history", size="sm", elem_id="clear")
    gr.Examples([[q] for q in EXAMPLE_TURNS], inputs=[question], label="示例 · Examples (try them in order)")
    gr.on([ask_btn.click, question.submit], ask, inputs=[question, chatbot, turns], outputs=[chatbot, turns, question],
          concurrency_id="model", concurrency_limit=concurrency, api_name="ask")
    clear_btn.click(clear, outputs=[chatbot, turns, question], api_name="clear")
    chatbot.clear(forget, outputs=[turns])
