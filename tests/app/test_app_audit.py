"""The Audit tab's rendering: both sides quoted with their figures marked, everything escaped."""

from __future__ import annotations

import app_audit
from tests.app.fake_qa import audit_finding, audit_report, audit_side

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_a_finding_shows_both_sides_with_the_figures_marked() -> None:
    out = app_audit.render_audit(audit_report())
    assert "<mark>1265件</mark>" in out and "<mark>800件</mark>" in out
    assert "gd-ip-protection-2024.txt, chars 2200–2205" in out and "gd-ip-protection-2023.txt, chars 3791–3795" in out
    assert "±0.005 percentage points" in out
    assert "发现 1 处不一致" in out and "year_on_year 6/5" in out
    assert out.index("A</span>") < out.index("B</span>")


def test_document_text_is_escaped() -> None:
    quote = XSS + "800件"
    bad = audit_finding(explanation=XSS, explanation_zh=XSS, subject=XSS, tolerance=XSS,
                        second=audit_side(quote=quote, title=XSS, section=XSS, source=XSS,
                                          figure_start=len(XSS), figure_end=len(quote)))
    out = app_audit.render_audit(audit_report(bad))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "<mark>800件</mark>" in out


def test_offsets_outside_the_quote_mark_nothing() -> None:
    out = app_audit.render_side("A", audit_side(figure_start=5, figure_end=500))
    assert "<mark>" not in out


def test_kind_filter_and_no_findings() -> None:
    report = audit_report()
    assert "qa-audit-finding" not in app_audit.render_audit(report, "plan_table")
    assert "qa-audit-finding" in app_audit.render_audit(report, "year_on_year")
    empty = report.model_copy(update={"findings": []})
    assert "No disagreements found" in app_audit.render_audit(empty)


def test_the_review_tier_is_its_own_marked_section_after_the_findings() -> None:
    review = audit_finding(tier="review", reasons=["measure word 件 vs 起", XSS], reasons_zh=["量词不同(件 / 起)"],
                           explanation="2249件 " + XSS)
    report = audit_report().model_copy(update={"review": [review]})
    out = app_audit.render_audit(report)
    assert out.count("class='qa-audit-finding'") == 1 and out.count("class='qa-audit-review-item'") == 1
    assert out.index("qa-audit-finding") < out.index("id='audit-review'") < out.index("qa-audit-review-item")
    assert "待核实 · Needs review (1)" in out and "measure word 件 vs 起" in out and "量词不同(件 / 起)" in out
    assert "1 to review" in out and "<script>" not in out
    assert "id='audit-review'" not in app_audit.render_audit(report, "plan_table")
    assert "id='audit-review'" not in app_audit.render_audit(audit_report())
