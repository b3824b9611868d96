"""The Audit tab: where the documents disagree with themselves or each other (qa.audit).

Rendering is pure (an ``AuditReport`` in, HTML out); every piece of document text is escaped.
Each finding shows both sides side by side, the figure in each quote marked, with the tolerance
the check allowed and the raw-file offsets a journalist can cite. The "needs review" tier follows
in its own section, each pair with the reasons it is not sure.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from app_tables import _csv_file
from qa.audit_types import AUDIT_KINDS, AuditFinding, AuditReport, AuditSide

if TYPE_CHECKING:
    import gradio as gr

KIND_TITLES = {
    "translation": "中英文不一致 · Chinese and English texts disagree",
    "year_on_year": "同比增速与上年数字不符 · A year-on-year rate does not fit the other year's figure",
    "plan_table": "规划表格之间不一致 · The plan's tables disagree",
    "plan_text": "规划正文与表格不一致 · The plan's text disagrees with its table",
}
LANG_NAMES = {"zh": "中文", "en": "English"}


class AuditService(Protocol):
    def audit(self) -> AuditReport: ...


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _quote(s: AuditSide) -> str:
    q, a, b = s.quote, s.figure_start, s.figure_end
    if not 0 <= a < b <= len(q):
        return _e(q)
    return f"{_e(q[:a])}<mark>{_e(q[a:b])}</mark>{_e(q[b:])}"


def render_side(label: str, s: AuditSide) -> str:
    meta = " · ".join(_e(x) for x in [s.year, s.section, LANG_NAMES.get(s.lang, s.lang)] if x)
    return (f"<div class='qa-cite qa-audit-side'><div class='qa-cite-head'><span class='qa-cite-n'>{_e(label)}</span> "
            f"<span class='qa-cite-title'>{_e(s.title or s.doc_id)}</span> <span class='qa-cite-meta'>{meta}</span>"
            f"</div><div class='qa-quote' lang='{_e(s.lang)}'>{_quote(s)}</div>"
            f"<div class='qa-cite-source'>{_e(s.source)}, chars {s.raw_start}–{s.raw_end}</div></div>")


def render_finding(f: AuditFinding) -> str:
    # A review item has its own class, so nothing that counts the confident findings counts it.
    cls = "qa-audit-review-item" if f.tier == "review" else "qa-audit-finding"
    reasons = ""
    if f.tier == "review":
        reasons = (f"<div class='qa-note qa-audit-reasons'><b>待核实 · Needs review</b>: "
                   f"<span lang='zh'>{_e(';'.join(f.reasons_zh))}</span> · "
                   f"<span lang='en'>{_e('; '.join(f.reasons))}</span></div>")
    return (f"<li class='{cls}' data-kind='{_e(f.kind)}' data-tier='{_e(f.tier)}'>"
            f"<div class='qa-audit-subject'>{_e(f.subject)}</div>"
            f"<p class='qa-explanation' lang='zh'>{_e(f.explanation_zh)}</p>"
            f"<p class='qa-explanation' lang='en'>{_e(f.explanation)}</p>{reasons}"
            f"<div class='qa-pair'>{render_side('A', f.first)}{render_side('B', f.second)}</div>"
            f"<div class='qa-note qa-audit-tolerance'>容差 · Tolerance: {_e(f.tolerance)}</div></li>")


def render_review(r: AuditReport, kind: str | None = None) -> str:
    """The "needs review" tier, after the confident findings and marked as such: pairs that
    probably count one thing (one or two slots differ) and disagree closely."""
    items = [f for f in r.review if not kind or f.kind == kind]
    if not items:
        return ""
    return (f"<section class='qa-audit-review' id='audit-review'><h4 class='qa-h'>待核实 · Needs review ({len(items)})"
            "</h4><p class='qa-note'>可能是同一指标,但不能确定(某一项不同:措辞、量词、一方未写明机构等);"
            "请先核实是否同一统计口径。 · Probably the same statistic, but not surely (one slot differs: wording, "
            "measure word, an agency named on one side only …): check that both count the same thing first.</p>"
            "<ol class='qa-audit-list'>" + "".join(render_finding(f) for f in items) + "</ol></section>")


def render_audit(r: AuditReport, kind: str | None = None) -> str:
    """The findings grouped by kind, with how many pairs each check compared; then the review tier."""
    n = len(r.findings)
    counts = " · ".join(f"{_e(k)} {r.compared.get(k, 0)}/{r.agreed.get(k, 0)}" for k in AUDIT_KINDS)
    m = len(r.review)
    more = f". 另有 {m} 处待核实 · {m} to review" if m else ""
    out = [(f"<div class='qa-audit'><div class='qa-count' id='audit-summary'>发现 {n} 处不一致 · {n} "
           f"disagreement{'s' if n != 1 else ''} found. 比较/一致 · compared/agreed: {counts}{more}</div>")]
    for k in AUDIT_KINDS:
        if kind and kind != k:
            continue
        found = [f for f in r.findings if f.kind == k]
        if found:
            out.append(f"<h4 class='qa-h'>{_e(KIND_TITLES[k])} ({len(found)})</h4><ol class='qa-audit-list'>"
                       + "".join(render_finding(f) for f in found) + "</ol>")
    if not r.findings:
        out.append("<p class='qa-empty'>没有发现不一致 · No disagreements found.</p>")
    out.append(render_review(r, kind))
    out.append("<p class='qa-note'>只在机构、行为、单位、地点与年份都一致时才配对;宁可漏报,不误报。 · Figures are paired "
               "only when agency, action, unit, place and year agree: a missed pair is preferred to a false alarm. "
               "相近而不确定的配对列在“待核实”中。 · Near-misses worth a look are listed apart, under “Needs review”."
               "</p></div>")
    return "".join(out)


def audit_tab(qa: AuditService, html_box: Callable[[str, str], Any], describe: Callable[[BaseException], str],
              render_error: Callable[[str], str]) -> None:
    """The tab's widgets, inside the caller's ``gr.Tab``: a kind filter, a re-run button, the findings."""
    import gradio as gr

    def run(kind: str) -> tuple[str, str | None]:
        try:
            report = qa.audit()
        except Exception as e:  # noqa: BLE001 - shown as a one-line message
            return render_error(describe(e)), None
        return render_audit(report, None if kind in ("", "*") else kind), _csv_file(to_json(report), "audit.json")

    first, first_file = run("*")
    with gr.Row():
        kind = gr.Dropdown([("全部 · All", "*")] + [(KIND_TITLES[k], k) for k in AUDIT_KINDS], value="*",
                           label="类别 · Kind", elem_id="audit-kind", scale=3)
        rerun = gr.Button("重新核对 · Run again", size="sm", elem_id="audit-run", scale=0, min_width=180)
        download = gr.DownloadButton("下载 JSON · Download JSON", value=first_file, elem_id="audit-json", size="sm",
                                     scale=0, min_width=200)
    box: gr.HTML = html_box(first, "audit")
    gr.on([kind.change, rerun.click], run, inputs=[kind], outputs=[box, download], show_progress="hidden")


def to_json(report: AuditReport) -> bytes:
    """The whole report (every kind, whatever the tab shows), as `qa audit --json` prints it."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1).encode("utf-8")
