"""`qa audit`: the consistency audit from the command line (readable text, or --json)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from index.settings import Settings
from qa.audit_types import AUDIT_KINDS, AuditFinding, AuditReport, AuditSide

KIND_TITLES = {
    "translation": "Chinese and English texts of one paper disagree",
    "year_on_year": "A stated year-on-year rate does not fit the other year's figure",
    "plan_table": "The plan's tables disagree",
    "plan_text": "The plan's text disagrees with its table",
}


def _side(n: str, s: AuditSide) -> str:
    quote = f"{s.quote[: s.figure_start]}【{s.quote[s.figure_start : s.figure_end]}】{s.quote[s.figure_end :]}"
    where = f"{s.title} ({s.lang})" + (f", {s.section}" if s.section else "")
    return f"  [{n}] {where}\n      “{quote}”\n      {s.source} chars {s.raw_start}-{s.raw_end}"


def render_finding(f: AuditFinding) -> str:
    lines = [f"{KIND_TITLES[f.kind]} — {f.subject}", f"  {f.explanation}", f"  {f.explanation_zh}",
             f"  tolerance: {f.tolerance}"]
    if f.tier == "review":
        lines += [f"  not sure because: {'; '.join(f.reasons)}", f"  存疑原因:{';'.join(f.reasons_zh)}"]
    return "\n".join([*lines, _side("A", f.first), _side("B", f.second)])


def render_report(r: AuditReport) -> str:
    counts = ", ".join(f"{k} {r.compared.get(k, 0)} compared / {r.agreed.get(k, 0)} agreed" for k in AUDIT_KINDS)
    head = f"{len(r.findings)} disagreement{'s' if len(r.findings) != 1 else ''} found (build {r.build_id}; {counts})"
    head += f"; {len(r.review)} more to review (listed last)" if r.review else ""
    out = [head, *(render_finding(f) for f in r.findings)]
    if r.review:
        n = len(r.review)
        out.append(f"NEEDS REVIEW — {n} pair{'s' if n != 1 else ''} that probably count the same thing, but not surely "
                   f"(a slot differs; see \"not sure because\"):")
        out += [f"[review] {render_finding(f)}" for f in r.review]
    return "\n\n".join(out)


def _cmd_audit(args: argparse.Namespace, settings: Settings) -> int:
    from qa.audit import audit_index
    from qa.cli import CliError
    from qa.errors import describe

    try:
        report = audit_index(settings)
    except Exception as e:  # a missing or stale index is one line (see qa.errors)
        raise CliError(describe(e)) from e
    print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) if args.json else render_report(report))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="list where the documents disagree with themselves or each other",
                       description=("Consistency audit: Chinese vs English figures of one paper, stated year-on-year "
                                    "rates vs the other year's figure, the plan's tables vs each other and its text. "
                                    "Each finding cites both sides and states its tolerance (printed rounding). Pairs that "
                                    "probably count the same thing but differ in one slot (wording, measure word, an agency "
                                    "named on one side only) follow as \"needs review\", each with its reasons."))
    p.add_argument("--json", action="store_true", help="the report as one JSON object")
    p.set_defaults(func=_cmd_audit)
