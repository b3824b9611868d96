"""The chat and the CLI show an answer given place by place (qa.by_place): each place's figure
as a labelled card with its citation, and the question which place is meant."""

from __future__ import annotations

import app
import app_chat
from qa.cli import _render_answer
from qa.types import ChatTurn, FigureOut, PlaceFigure, PlaceOut
from tests.app.fake_qa import answer, citation, verdict

XSS = "<script>alert(1)</script>"


def _turn() -> ChatTurn:
    places = [PlaceFigure(place=PlaceOut(id=pid, zh=zh, en=en), year=2024, figure=FigureOut(text=text, value=v, unit="件"),
                          normalized=f"{v:,.0f} 件", citation=citation(title=title))
              for pid, zh, en, text, v, title in (("guangdong", "广东", "Guangdong", "1265件", 1265, "广东白皮书"),
                                                  ("jiangsu", "江苏", "Jiangsu", "1531件", 1531, XSS))]
    base = answer(figure=None, normalized=None, by_place=places, citations=[p.citation for p in places],
                  answer="问题没有说明地方，多个省份的文件给出了不同的数字：广东：1265件；江苏：1531件。请问您问的是哪个地方？")
    return ChatTurn(**base.model_dump(), resolved_question=base.question, assumed="2024年")


def test_the_chat_shows_each_places_figure_labelled_and_asks_which() -> None:
    out = app_chat.render_chat_answer(_turn(), app.render_answer, app.render_citation)
    assert "广东：1265件" in out  # the answer sentence, then the cards
    out = out[out.index("qa-by-place"):]
    assert out.index("广东 · Guangdong · 2024") < out.index("1265件") < out.index("江苏 · Jiangsu · 2024") < out.index("1531件")
    assert out.index("广东白皮书") < out.index("江苏 · Jiangsu")  # each card holds its own citation
    assert "哪个地方" in out and "广东呢？" in out and "And Guangdong?" in out
    assert "<script" not in out and "\n" not in out


def test_the_cli_labels_each_places_figure_and_its_citation() -> None:
    out = _render_answer(_turn())
    lines = out.splitlines()
    gd = lines.index("广东 (Guangdong), 2024: 1265件 (1,265 件)")
    js = lines.index("江苏 (Jiangsu), 2024: 1531件 (1,531 件)")
    assert gd < js and "[1] 广东白皮书" in "\n".join(lines[gd:js]) and "[2]" in "\n".join(lines[js:])


def test_the_claim_tab_lists_each_places_figure_and_verdict() -> None:
    places = [p.model_copy(update={"verdict": v}) for p, v in zip(_turn().by_place, ("supported", "contradicted"),
                                                                  strict=True)]
    out = app.render_verdict(verdict(verdict="supported", by_place=places, explanation="Guangdong: …"))
    assert out.index("广东 · Guangdong · 2024") < out.index("qa-badge-supported", out.index("广东 · Guangdong"))
    assert "江苏 · Jiangsu · 2024" in out and "qa-badge-contradicted" in out
