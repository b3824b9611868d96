"""The Figures tab: every figure with who (agency), did what (action), where (places) and when
(year, stock or flow, plan target or actual), filterable, with CSV and JSON downloads. The table
helpers are pure (app_tables); this module only lays out the widgets and wires them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from app_tables import (
    ALL,
    TABLE_HEADERS,
    _csv_file,
    figure_choices,
    filter_figures,
    render_count,
    table_row,
    to_csv,
    to_json,
)
from qa.types import FigureRow

if TYPE_CHECKING:
    import pandas as pd


KEYS = ("doc", "year", "lang", "unit", "agency", "action", "place")  # figure_choices' keys, in the filters' order


class FiguresService(Protocol):
    def figures(self) -> list[FigureRow]: ...


def figures_tab(qa: FiguresService, html_box: Callable[[str, str], Any], max_query_chars: int,
                concurrency: int, tab: Any = None) -> None:
    """The tab's widgets and handlers, inside the caller's ``gr.Tab`` (``tab``: its filters and table are
    read again from the current build whenever it is opened, as a document may have been added)."""
    import gradio as gr
    import pandas as pd

    figures = qa.figures()
    choices = figure_choices(figures)

    def filter_table(query: str, doc: str, year: str, lang: str, unit: str, agency: str = ALL, action: str = ALL,
                     place: str = ALL) -> tuple[pd.DataFrame, str, str, str]:
        every = qa.figures()  # the current build's (the app follows new builds)
        rows = filter_figures(every, (query or "")[:max_query_chars], doc, year, lang, unit, agency=agency,
                              action=action, place=place)
        frame = pd.DataFrame([table_row(r) for r in rows], columns=TABLE_HEADERS)
        return (frame, render_count(len(rows), len(every)), _csv_file(to_csv(rows)),
                _csv_file(to_json(rows), "figures.json"))

    with gr.Row():
        search = gr.Textbox(label="搜索 · Search", elem_id="fig-search", scale=3,
                            placeholder="海关 / customs / 15766")
        doc = gr.Dropdown(choices["doc"], value=ALL, label="文件 · Document", elem_id="fig-doc",
                          scale=3)
        year = gr.Dropdown(choices["year"], value=ALL, label="年份 · Year", elem_id="fig-year")
        lang = gr.Dropdown(choices["lang"], value=ALL, label="语言 · Language", elem_id="fig-lang")
        unit = gr.Dropdown(choices["unit"], value=ALL, label="单位 · Unit", elem_id="fig-unit")
    with gr.Row():
        agency = gr.Dropdown(choices["agency"], value=ALL, label="机构 · Agency", elem_id="fig-agency")
        action = gr.Dropdown(choices["action"], value=ALL, label="行为 · Action", elem_id="fig-action")
        place = gr.Dropdown(choices["place"], value=ALL, label="地点 · Place", elem_id="fig-place")
    with gr.Row(equal_height=True):
        count = html_box(render_count(len(figures), len(figures)), "fig-count")
        download = gr.DownloadButton("下载 CSV · Download CSV", value=_csv_file(to_csv(figures)),
                                     elem_id="fig-csv", size="sm", scale=0, min_width=200)
        download_json = gr.DownloadButton("下载 JSON · Download JSON",
                                          value=_csv_file(to_json(figures), "figures.json"),
                                          elem_id="fig-json", size="sm", scale=0, min_width=200)
    table = gr.Dataframe(
        pd.DataFrame([table_row(r) for r in figures], columns=TABLE_HEADERS),
        datatype=["number", "str", "str", "str", "number", "str", "str", "str", "str", "str", "str", "str",
                  "str"],
        interactive=False, wrap=True, elem_id="fig-table", max_height=640,
        column_widths=["6%", "4%", "7%", "12%", "5%", "8%", "8%", "6%", "6%", "6%", "4%", "10%", "18%"],
    )
    filters = [doc, year, lang, unit, agency, action, place]
    inputs = [search, *filters]

    outputs = [table, count, download, download_json]
    shown = gr.State(choices)  # the filters' choices this page shows

    def refresh(known: dict[str, list[tuple[str, str]]], query: str, *values: str) -> tuple[Any, ...]:
        """New choices (and the table) only when the build's figures changed: an update sent on every
        opening could overwrite a filter chosen meanwhile."""
        now = figure_choices(qa.figures())
        if now == known:
            return (known, *[gr.update()] * (len(filters) + len(outputs)))
        kept = [v if v in {c[1] for c in now[k]} else ALL for k, v in zip(KEYS, values, strict=True)]
        return (now, *[gr.update(choices=now[k], value=v) for k, v in zip(KEYS, kept, strict=True)],
                *filter_table(query, *kept))

    if tab is not None:
        tab.select(refresh, inputs=[shown, *inputs], outputs=[shown, *filters, *outputs], show_progress="hidden")
    gr.on([search.change, doc.change, year.change, lang.change, unit.change, agency.change, action.change,
           place.change], filter_table,
          inputs=inputs,
          outputs=outputs, show_progress="hidden", concurrency_limit=concurrency)
