"""The app's tables, pure (records in, strings out; no Gradio here): the figures table —
who, what, where and when for every figure; search, filters, dropdown choices, CSV and JSON —
and the index-status tables."""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from index.lexicon import rows as lexicon_rows
from qa.types import FigureRow, IndexStatus

ALL = "*"  # dropdown value meaning "no filter"
NO_UNIT = "(none)"  # dropdown value for figures without a unit ("" is gradio's empty value)
# Dropdown value for figures whose text names no agency / action / place ("全省" figures name none).
NONE = "(none)"
TABLE_HEADERS = ["数值 value", "单位 unit", "原文 as written", "指标 metric", "年份 year", "机构 agency",
                 "行为 action", "地点 place", "时段 stock/flow", "规划 plan", "语言 lang", "文件 document",
                 "引文 quote"]
CSV_FIELDS = ["value", "unit", "text", "metric", "year", "agency", "action", "places", "period", "plan", "lang",
              "doc_id", "title", "source", "section", "quote", "raw_start", "raw_end"]
LANG_NAMES = {"zh": "中文", "en": "English"}
PERIOD_NAMES = {"stock": "存量 stock", "flow": "当年 flow"}
PLAN_NAMES = {"target": "目标 target", "actual": "实际 actual"}


def format_value(value: float) -> str:
    """1265.0 → "1265", 64.29 → "64.29" (shortest exact form, never exponent-free rounding)."""
    return str(int(value)) if value.is_integer() else repr(value)


def _fold(text: str) -> str:
    """Search form: simplified script (the 2023 white paper is traditional) and case-folded."""
    from index.search_form import to_simplified

    return to_simplified(text).casefold()


def _selected(value: object) -> str | None:
    return None if value is None or value in ("", ALL) else str(value)


@functools.cache
def role_names() -> dict[str, str]:
    """Agency and action ids as the table shows them: the lexicon's first Chinese form and the id
    ("检察机关 · procuratorate"), from the ontology's own data (index/lexicon/agencies.tsv, actions.tsv)."""
    names: dict[str, str] = {}
    forms = [(i, form) for i, _, form in lexicon_rows("agencies.tsv", 3)]
    forms += [(i, form) for i, form, _ in lexicon_rows("actions.tsv", 3)]
    for rid, form in forms:
        if rid not in names and form and not form.isascii():
            names[rid] = f"{form} · {rid}"
    return names


def role_name(rid: str | None) -> str:
    return "" if rid is None else role_names().get(rid, rid)


def period_text(r: FigureRow) -> str:
    return PERIOD_NAMES.get(r.period or "", "")


def plan_text(r: FigureRow) -> str:
    return PLAN_NAMES.get(r.plan or "", "")


def filter_figures(rows: Iterable[FigureRow], query: str = "", doc: str | None = None,
                   year: str | int | None = None, lang: str | None = None,
                   unit: str | None = None, *, agency: str | None = None, action: str | None = None,
                   place: str | None = None) -> list[FigureRow]:
    """Rows matching every word of ``query`` and each chosen filter (None/""/ALL = any; NONE: the
    figures whose text names no agency / action / place)."""
    words = [_fold(w) for w in (query or "").split()]
    doc, lang, unit = _selected(doc), _selected(lang), _selected(unit)
    agency, action, place = _selected(agency), _selected(action), _selected(place)
    year_s = _selected(year)
    out = []
    for r in rows:
        if (doc and r.doc_id != doc) or (lang and r.lang != lang) or (year_s and str(r.year) != year_s):
            continue
        if unit and (r.unit or NO_UNIT) != unit:
            continue
        if (agency and (r.agency or NONE) != agency) or (action and (r.action or NONE) != action):
            continue
        if place and not (place in r.places if place != NONE else not r.places):
            continue
        if words:
            hay = _fold(" ".join([format_value(r.value), r.unit, r.text, r.metric, str(r.year), r.title,
                                  r.section, r.quote, r.doc_id, role_name(r.agency), role_name(r.action),
                                  *r.places, period_text(r), plan_text(r)]))
            if not all(w in hay for w in words):
                continue
        out.append(r)
    return out


def table_row(r: FigureRow) -> list[float | int | str]:
    return [r.value, r.unit, r.text, r.metric, r.year, role_name(r.agency), role_name(r.action),
            "、".join(r.places), period_text(r), plan_text(r), r.lang, r.title, r.quote]


def figures_frame(rows: Iterable[FigureRow], query: str = "", doc: str | None = None,
                  year: str | int | None = None, lang: str | None = None,
                  unit: str | None = None, **roles: str | None) -> list[list[float | int | str]]:
    """The table's rows (columns as ``TABLE_HEADERS``) after search and filters."""
    return [table_row(r) for r in filter_figures(rows, query, doc, year, lang, unit, **roles)]


def to_csv(rows: Iterable[FigureRow]) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly; places joined by "; "."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for r in rows:
        d = r.model_dump()
        d["value"], d["places"] = format_value(r.value), "; ".join(r.places)
        writer.writerow(["" if d[k] is None else d[k] for k in CSV_FIELDS])
    return buf.getvalue().encode("utf-8-sig")


def to_json(rows: Iterable[FigureRow]) -> bytes:
    """The rows as a JSON array of the API's FigureRow objects (UTF-8, Chinese kept as written)."""
    return json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1).encode("utf-8")


def render_count(shown: int, total: int) -> str:
    return f"<div class='qa-count'>显示 {shown} / {total} 个数字 · Showing {shown} of {total} figures</div>"


def figure_choices(rows: Sequence[FigureRow]) -> dict[str, list[tuple[str, str]]]:
    """Dropdown choices for the document, year, language, unit, agency, action and place filters."""
    every = ("全部 · All", ALL)
    # One entry per document: a figure's year is the year it counts, not the document's, and
    # keying on it listed a document once for every year its figures mention.
    latest: dict[str, tuple[int, str]] = {}
    for r in rows:
        year = max(r.year, latest[r.doc_id][0]) if r.doc_id in latest else r.year
        latest[r.doc_id] = (year, r.title)
    docs = sorted(((y, t, d) for d, (y, t) in latest.items()), key=lambda d: (-d[0], d[1]))
    units = sorted({r.unit or NO_UNIT for r in rows})
    return {
        "doc": [every] + [(title, doc_id) for _, title, doc_id in docs],
        "year": [every] + [(str(y), str(y)) for y in sorted({r.year for r in rows}, reverse=True)],
        "lang": [every] + [(f"{LANG_NAMES[x]} · {x}", x) for x in sorted({r.lang for r in rows})],
        "unit": [every] + [("(无单位 · none)" if u == NO_UNIT else u, u) for u in units],
        "agency": [every] + _role_choices(r.agency for r in rows),
        "action": [every] + _role_choices(r.action for r in rows),
        "place": [every] + [(p, p) for p in sorted({p for r in rows for p in r.places})]
        + ([("(未指明 · none named)", NONE)] if any(not r.places for r in rows) else []),
    }


def _role_choices(ids: Iterable[str | None]) -> list[tuple[str, str]]:
    found = set(ids)
    named = sorted((role_name(i), i) for i in found if i)
    return named + ([("(未指明 · none named)", NONE)] if None in found else [])


def _csv_file(data: bytes, name: str = "figures.csv") -> str:
    """Write a download once per distinct content (concurrent users never clobber each other's file)."""
    folder = Path(tempfile.gettempdir()) / "gdip-qa-figures" / hashlib.sha256(data).hexdigest()[:16]
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{os.getpid()}-{name}"
        tmp.write_bytes(data)
        tmp.replace(path)
    return str(path)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _number(v: float | str) -> str:
    return format(v, ".4g") if isinstance(v, float) else _e(v)


def render_status(s: IndexStatus) -> str:
    """Documents, chunks per language, model, build time, and the last eval run's headline numbers."""
    keys = ["id", "title", "year", "kind", "chunks"]
    head = "".join(f"<th>{_e(k)}</th>" for k in keys)
    docs = "".join(
        "<tr>" + "".join(f"<td>{_e(d.get(k, ''))}</td>" for k in keys) + "</tr>" for d in s.documents
    )
    chunks = " · ".join(f"{_e(lang)} {n}" for lang, n in sorted(s.chunks.items()))
    facts = [
        ("文件 · Documents", str(len(s.documents))),
        ("片段 · Chunks", f"{chunks} · total {sum(s.chunks.values())}"),
        ("模型 · Model", _e(s.model)),
        ("建立时间 · Built at", _e(s.built_at)),
        ("Build id", _e(s.build_id)),
    ]
    out = ["<div class='qa-status'><table class='qa-facts'>"]
    out += [f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts]
    out.append(f"</table><h4 class='qa-h'>文件 · Documents</h4><table class='qa-docs'>"
               f"<tr>{head}</tr>{docs}</table><h4 class='qa-h'>最近一次评测 · Last eval run</h4>")
    if s.last_eval:
        out.append("<table class='qa-facts qa-eval'>")
        out += [f"<tr><th>{_e(k)}</th><td>{_number(v)}</td></tr>" for k, v in s.last_eval.items()]
        out.append("</table>")
    else:
        out.append("<p class='qa-note'>还没有评测记录(运行 <code>qa eval</code>)· No eval run yet "
                   "(run <code>qa eval</code>).</p>")
    out.append("</div>")
    return "".join(out)
