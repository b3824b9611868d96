"""The real app in a real chromium: the Audit tab, and the Figures filters by agency and place
(with the JSON download)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.app.conftest import Page
from tests.app.test_browser import _shown, expect, open_tab

pytestmark = pytest.mark.browser


def choose(p: Page, elem_id: str, option: str) -> None:
    p.page.locator(f"#{elem_id} input").click()
    p.page.locator(f"#{elem_id}").get_by_role("option", name=option, exact=True).click()
    expect(p.page.locator(f"#{elem_id} input")).to_have_value(option)


def cells(p: Page, column: int) -> list[str]:
    rows = p.page.locator("#fig-table").get_by_role("row").filter(has=p.page.get_by_role("gridcell"))
    expect(rows.first).to_be_visible()
    return [r.get_by_role("gridcell").nth(column).inner_text().strip() for r in rows.all()]


def test_audit_tab_lists_the_arrests_disagreement_with_both_sides(app_page: Page) -> None:
    p = app_page
    open_tab(p, "核对 · Audit")
    box = p.page.locator("#audit")
    expect(box.locator("#audit-summary")).to_contain_text("disagreement")
    findings = box.locator(".qa-audit-finding")
    assert findings.count() >= 1
    arrests = findings.filter(has=p.page.locator("mark", has_text="1265件"))
    expect(arrests).to_have_count(1)
    expect(arrests.locator("mark")).to_have_text(["1265件", "800件"])
    expect(arrests.locator(".qa-audit-tolerance")).to_contain_text("±0.005 percentage points")
    expect(arrests.locator(".qa-cite-source").nth(1)).to_contain_text("gd-ip-protection-2023.txt, chars")
    p.screenshot("audit")
    with p.page.expect_download() as download:
        p.page.locator("#audit-json").click()
    report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert any(f["first"]["text"] == "1265件" and f["second"]["text"] == "800件" for f in report["findings"])

    choose(p, "audit-kind", "规划表格之间不一致 · The plan's tables disagree")
    expect(box.locator(".qa-audit-finding[data-kind='year_on_year']")).to_have_count(0)
    expect(box.locator(".qa-audit-finding[data-kind='plan_table']")).not_to_have_count(0)
    assert not p.dialogs and not p.external


def test_figures_filter_by_agency_and_place(app_page: Page) -> None:
    p = app_page
    open_tab(p, "数字 · Figures")
    expect(p.page.locator("#fig-count")).to_contain_text("显示")
    _, total = _shown(p)

    choose(p, "fig-agency", "检察院 · procuratorate")
    expect(p.page.locator("#fig-count")).not_to_contain_text(f"显示 {total} /")
    by_agency, _ = _shown(p)
    assert 0 < by_agency < total
    assert set(cells(p, 5)) == {"检察院 · procuratorate"}

    choose(p, "fig-action", "批准逮捕 · approve_arrest")
    expect(p.page.locator("#fig-count")).not_to_contain_text(f"显示 {by_agency} /")
    arrests = cells(p, 2)
    assert "1265件" in arrests and "800件" in arrests  # both years' counts, side by side
    assert set(cells(p, 6)) == {"批准逮捕 · approve_arrest"}

    choose(p, "fig-agency", "全部 · All")
    choose(p, "fig-action", "全部 · All")
    expect(p.page.locator("#fig-count")).to_contain_text(f"显示 {total} /")
    choose(p, "fig-place", "深圳")
    expect(p.page.locator("#fig-count")).not_to_contain_text(f"显示 {total} /")
    in_shenzhen, _ = _shown(p)
    assert 0 < in_shenzhen < total
    assert all("深圳" in c.split("、") for c in cells(p, 7))
    p.screenshot("figures-place")

    with p.page.expect_download() as download:
        p.page.locator("#fig-json").click()
    data: list[dict[str, Any]] = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert len(data) == in_shenzhen and all("深圳" in d["places"] for d in data)
    assert all(re.fullmatch(r"\d+", str(d["raw_start"])) for d in data)
