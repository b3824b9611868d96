"""The Documents tab: the documents of the current build, and adding or removing one as `qa add FILE`
and `qa remove ID` do (index.intake, index.intake_remove: the same checks, the same copy and
metadata entry, the same incremental reindex, undone if it fails), run in a process of its own
(``run_apart``) so the reindex's memory goes back to the system when it ends.

An uploaded file is checked and its metadata entry worked out at once, writing nothing
(``index.intake.plan_add``), and shown as `qa add` prints it, each field with where it came from, so
a wrong guess is corrected in the form before anything is added. After a change the app's QA moves
to the new build (``qa.live.LiveQA`` follows `manifest.json`; a question already being answered
finishes on the build it started with), and the Figures tab re-reads its filters when it is opened.
The eval suite that `qa add` runs afterwards is not run here: it takes minutes (`qa eval`).
"""

from __future__ import annotations

import html
import multiprocessing
import pickle
import queue
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.settings import Settings
from qa.types import DocumentRow

if TYPE_CHECKING:
    import pandas as pd

    from index.intake import AddPlan, Given

DOC_HEADERS = ["id", "标题 · Title (zh)", "Title (en)", "年份 · Year", "类型 · Kind", "地点 · Place",
               "语言 · Languages", "段数 · Chunks"]
# What index.intake reads: a text file in UTF-8, GB18030 or Big5 (it holds no HTML or PDF reader,
# so a saved web page is refused as markup-laden text would be indexed as it stands).
FILE_TYPES = [".txt", ".md"]
KIND_CHOICES = [("从文本读取 · read from the text", ""), ("白皮书 · white_paper", "white_paper"),
                ("规划 · plan", "plan"), ("新闻 · news", "news")]
NO_SETTINGS = "This app was started without a corpus folder to change: run it with `make run`."


class DocumentsService(Protocol):
    def documents(self) -> list[DocumentRow]: ...


# ---------------------------------------------------------------- pure helpers


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def table_rows(rows: Sequence[DocumentRow]) -> list[list[object]]:
    return [[r.id, r.title_zh, r.title_en, r.year, r.kind, r.place or "—", ", ".join(r.languages), r.chunks]
            for r in rows]


def remove_choices(rows: Sequence[DocumentRow]) -> list[tuple[str, str]]:
    return [(f"{r.id} · {r.title_zh} ({r.year})", r.id) for r in rows]


def given_from_form(doc_id: str | None, title_zh: str | None, title_en: str | None, year: float | str | None,
                    kind: str | None, published: str | None, place: str | None) -> Given:
    """The form's fields as `qa add` flags: an empty field is read from the text."""
    from index.intake import Given, IntakeError

    def text(v: str | None) -> str | None:
        return v.strip() if isinstance(v, str) and v.strip() else None

    whole: int | None = None
    year = year.strip() if isinstance(year, str) else year
    if year not in (None, ""):
        try:
            number = float(year)  # type: ignore[arg-type]
        except ValueError:
            number = 0.5
        if not number.is_integer():
            raise IntakeError(f"the year {year} is not a year: give it as four digits, e.g. 2024")
        whole = int(number)
    return Given(id=text(doc_id), title_zh=text(title_zh), title_en=text(title_en), year=whole,
                 kind=text(kind), published=text(published), place=text(place))


def render_plan(plan: AddPlan, *, done: bool = False) -> str:
    """What `qa add` prints before it adds (each field with its source), the upload's temp folder left out."""
    text = plan.describe().replace(str(plan.source), plan.source.name)
    head = "已添加 · Added" if done else "将添加 · Would add (nothing is written until you click Add)"
    return f"<div class='qa-doc-plan'><div class='qa-q-label'>{head}</div><pre>{_e(text)}</pre></div>"


def render_done(lines: Sequence[str]) -> str:
    return "<div class='qa-doc-done' role='status'><pre>" + _e("\n".join(lines)) + "</pre></div>"


def _intake_message(e: BaseException, describe: Callable[[BaseException], str], upload: str | None = None) -> str:
    """An intake refusal is its own one line (naming the upload by its name, not Gradio's temp
    folder); anything else goes through the app's describe."""
    from index.corpus import CorpusError
    from index.intake import IntakeError
    from index.problems import IndexProblem

    line = str(e).strip().splitlines()[0] if isinstance(e, IntakeError | CorpusError | IndexProblem) else describe(e)
    return line.replace(upload, Path(upload).name) if upload else line


# ---------------------------------------------------------------- the change, in a process of its own


def run_apart(fn: Callable[..., Any], *args: Any, progress: Callable[[int, int], None] | None = None,
              **kw: Any) -> Any:
    """``fn(*args, progress=…, **kw)`` in a fresh process; its result returned, its exception raised.

    A reindex loads its own copy of the embedding model and builds the whole index in memory: run
    in the app's process it left the app's RSS larger for good, as freed memory is not handed back
    to the system (measured, one question then adds and removes of a 0.5 KB file on the real index:
    0.78 GB → 1.72 GB after one add, 1.93 GB after two adds and removes; here 1.10 GB and 1.30 GB,
    what loading each new build costs)."""
    ctx = multiprocessing.get_context("spawn")  # not fork: the app's threads and model sessions stay out
    messages: Any = ctx.Queue()
    # Not a daemon: an app stopped meanwhile waits for the change to finish or be undone (Ctrl+C reaches
    # the child too, and index.intake puts everything back), never leaving it half made.
    child = ctx.Process(target=_child, args=(messages, fn, args, kw), daemon=False)
    child.start()
    try:
        while True:
            try:
                kind, value = messages.get(timeout=1.0)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"the process adding or removing the document ended unexpectedly "
                                       f"(exit code {child.exitcode}): see the app's log, then retry") from None
                continue
            if kind == "progress":
                if progress is not None:
                    progress(*value)
            elif kind == "error":
                raise value
            else:
                return value
    finally:
        child.join(timeout=30)


def _child(messages: Any, fn: Callable[..., Any], args: tuple[Any, ...], kw: dict[str, Any]) -> None:
    try:
        messages.put(("done", fn(*args, progress=lambda done, total: messages.put(("progress", (done, total))),
                                 **kw)))
    except BaseException as e:  # noqa: BLE001 - handed to the app, which shows it as one line
        try:
            pickle.dumps(e)
        except Exception:  # noqa: BLE001 - an exception that cannot cross processes goes as its text
            e = RuntimeError(f"{type(e).__name__}: {e}")
        messages.put(("error", e))


# ---------------------------------------------------------------- the tab (adapter)


def documents_tab(qa: DocumentsService, settings: Settings | None, html_box: Callable[[str, str], Any],
                  describe: Callable[[BaseException], str], render_error: Callable[[str], str]) -> None:
    """The tab's widgets and handlers, inside the caller's ``gr.Tab``."""
    import gradio as gr
    import pandas as pd

    def frame(rows: Sequence[DocumentRow]) -> pd.DataFrame:
        return pd.DataFrame(table_rows(rows), columns=DOC_HEADERS)

    def fresh() -> tuple[Any, Any, str]:
        """The table and the remove list of the newest build (LiveQA loads it on this call)."""
        try:
            rows = qa.documents()
        except Exception as e:  # noqa: BLE001 - the change is made; the message says why the list is old
            return gr.update(), gr.update(), render_error(describe(e))
        note = getattr(qa, "note", None)
        return frame(rows), gr.update(choices=remove_choices(rows), value=None), render_error(note) if note else ""

    def preview(file: str | None, doc_id: str, title_zh: str, title_en: str, year: str, kind: str,
                published: str, place: str) -> str:
        values = (doc_id, title_zh, title_en, year, kind, published, place)
        if not file:
            return ""
        if settings is None:
            return render_error(NO_SETTINGS)
        from index.intake import plan_add

        try:
            return render_plan(plan_add(settings, Path(file), given_from_form(*values)))
        except Exception as e:  # noqa: BLE001 - shown as a one-line message
            return render_error(_intake_message(e, describe, file))

    # Gradio finds its progress tracker by this default value.
    def add(file: str | None, doc_id: str, title_zh: str, title_en: str, year: str, kind: str,
            published: str, place: str, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        values = (doc_id, title_zh, title_en, year, kind, published, place)
        keep = (gr.update(),) * (4 + len(values))  # a refused file keeps the form as it was, to correct
        if settings is None:
            return (render_error(NO_SETTINGS), *keep)
        if not file:
            return (render_error("Choose a text file to add first (.txt or .md)."), *keep)
        from index.intake import add_document

        def step(done: int, total: int) -> None:
            progress((done, total), desc="embedding chunks", unit="chunks")

        try:
            progress(0, desc="checking the file and reindexing")
            plan, report = run_apart(add_document, settings, Path(file), given_from_form(*values), progress=step)
        except Exception as e:  # noqa: BLE001 - shown as a one-line message; nothing was changed
            return (render_error(_intake_message(e, describe, file)), *keep)
        assert report is not None
        table, choices, note = fresh()
        done = render_plan(plan, done=True) + render_done(
            [report.summary(), f"To correct a field, remove {plan.meta.id} and add the file again."])
        return note + done, table, choices, None, "", *[""] * len(values)  # the form emptied for the next file

    def remove(doc_id: str | None, confirmed: bool,
               progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        keep = (gr.update(), gr.update(), gr.update())
        if settings is None:
            return (render_error(NO_SETTINGS), *keep)
        if not doc_id:
            return (render_error("Choose the document to remove first."), *keep)
        if not confirmed:
            return (render_error(f"Tick “confirm” to remove {doc_id}: its file and entry leave the corpus "
                                 "(a copy is kept under the data folder)."), *keep)
        from index.intake import add_command
        from index.intake_remove import remove_document

        def step(done: int, total: int) -> None:
            progress((done, total), desc="reindexing", unit="chunks")

        try:
            progress(0, desc="removing and reindexing")
            plan, kept, report = run_apart(remove_document, settings, doc_id, progress=step)
        except Exception as e:  # noqa: BLE001 - shown as a one-line message; nothing was changed
            return (render_error(_intake_message(e, describe)), *keep)
        assert kept is not None and report is not None
        table, choices, note = fresh()
        back = kept / plan.meta.file
        lines = [f"Removed {plan.meta.id}: {plan.describe().split(': ', 1)[1]}", report.summary(),
                 f"A copy of the file and its entry is kept in {kept}"
                 + (f"; to add it back: {add_command(back, plan.meta)}" if back.is_file() else ".")]
        return note + render_done(lines), table, choices, False

    try:
        rows, first_note = qa.documents(), ""
    except Exception as e:  # noqa: BLE001 - the tab opens with the message, the other tabs still work
        rows, first_note = [], render_error(describe(e))
    gr.HTML("<p class='qa-note'>索引中的文件;添加或删除与命令 <code>qa add</code> / <code>qa remove</code> 相同。 · "
            "The documents in the index. Adding or removing one here does what <code>qa add</code> / "
            "<code>qa remove</code> do: check, copy, write the metadata entry, reindex.</p>", js_on_load=None)
    if first_note:
        gr.HTML(first_note, js_on_load=None)
    table = gr.Dataframe(frame(rows), interactive=False, wrap=True, elem_id="doc-table",
                         datatype=["str", "str", "str", "number", "str", "str", "str", "number"],
                         column_widths=["17%", "22%", "25%", "7%", "9%", "8%", "7%", "5%"])
    gr.HTML("<h4 class='qa-h'>添加文件 · Add a document</h4>", js_on_load=None)
    upload = gr.File(label="文本文件 · Text file (.txt, .md; UTF-8, GB18030 or Big5)", file_types=FILE_TYPES,
                     type="filepath", elem_id="doc-file", height=120)
    with gr.Row():
        doc_id = gr.Textbox(label="id", elem_id="doc-id", placeholder="默认取自文件名 · from the file name")
        title_zh = gr.Textbox(label="中文标题 · Title (zh)", elem_id="doc-title-zh", scale=2)
        title_en = gr.Textbox(label="英文标题 · Title (en)", elem_id="doc-title-en", scale=2)
    with gr.Row():
        # A text box, not gr.Number: an empty Number is sent as 0, and an empty field means "read it".
        year = gr.Textbox(label="年份 · Year", elem_id="doc-year", placeholder="2024")
        kind = gr.Dropdown(KIND_CHOICES, value="", label="类型 · Kind", elem_id="doc-kind")
        published = gr.Textbox(label="发布日期 · Published", elem_id="doc-published", placeholder="YYYY-MM-DD")
        place = gr.Textbox(label="地点 · Place", elem_id="doc-place", placeholder="guangdong / 广州 / none")
    gr.HTML("<p class='qa-note'>空白的字段从文本读取;预览显示每个字段的来源。 · An empty field is read from the "
            "text; the preview says where each field came from.</p>", js_on_load=None)
    with gr.Row():
        preview_btn = gr.Button("预览 · Preview", size="sm", elem_id="doc-preview-btn", scale=0, min_width=160)
        add_btn = gr.Button("添加并重建索引 · Add and reindex", variant="primary", elem_id="doc-add", scale=0,
                            min_width=240)
    planned = html_box("", "doc-preview")
    added = html_box("", "doc-add-result")
    gr.HTML("<h4 class='qa-h'>删除文件 · Remove a document</h4>", js_on_load=None)
    with gr.Row(equal_height=True):
        which = gr.Dropdown(remove_choices(rows), value=None, label="文件 · Document", elem_id="doc-remove-id",
                            scale=4)
        confirm = gr.Checkbox(label="确认删除 · Confirm", value=False, elem_id="doc-remove-confirm", scale=1)
        remove_btn = gr.Button("删除并重建索引 · Remove and reindex", variant="stop", elem_id="doc-remove",
                               scale=1, min_width=240)
    removed = html_box("", "doc-remove-result")

    fields = [doc_id, title_zh, title_en, year, kind, published, place]
    gr.on([upload.change, preview_btn.click, *(f.submit for f in fields if hasattr(f, "submit"))], preview,
          inputs=[upload, *fields], outputs=[planned], show_progress="hidden")
    # One change to the corpus at a time (index.metadata_file's lock also keeps out a `qa add` elsewhere).
    add_btn.click(add, inputs=[upload, *fields], outputs=[added, table, which, upload, planned, *fields],
                  concurrency_id="intake", concurrency_limit=1)
    remove_btn.click(remove, inputs=[which, confirm], outputs=[removed, table, which, confirm],
                     concurrency_id="intake", concurrency_limit=1)
