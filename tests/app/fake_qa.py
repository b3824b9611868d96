"""A deterministic stand-in for ``qa.api.QA`` with real corpus sentences, for rendering tests only."""

from __future__ import annotations

from qa.audit_types import AUDIT_KINDS, AuditFinding, AuditReport, AuditSide
from qa.types import (
    Answer,
    ChatTurn,
    Citation,
    Comparison,
    DocumentRow,
    FigureOut,
    FigureRow,
    IndexStatus,
    Verdict,
    YearFigure,
)

ZH_QUOTE = "2024年,全省检察机关持续加大侵犯知识产权犯罪打击力度,批准逮捕侵犯知识产权犯罪案件1265件1854人"
EN_QUOTE = (
    "In 2024, procuratorial organs across the province stepped up efforts to combat IPR infringement "
    "crimes, approving the arrest of 1,854 suspects involved in 1,265 IPR infringement cases"
)
TITLE_2024 = "2024年广东省知识产权保护状况"
GZ_TITLE = "广州市2023年度知识产权行政保护工作绩效考核全国第一"
ZH_2023 = "2023年,全省檢察機關共批捕侵犯知識產權犯罪案件800件1156人,起訴1155件2061人。"


def citation(**overrides: object) -> Citation:
    fields: dict[str, object] = {
        "source": "gd-ip-protection-2024.txt",
        "doc_id": "gd-ip-protection-2024",
        "title": TITLE_2024,
        "year": 2024,
        "section": "二、司法保护",
        "lang": "zh",
        "quote": ZH_QUOTE,
        "start": 100,
        "end": 100 + len(ZH_QUOTE),
        "figure_start": ZH_QUOTE.index("1265件"),
        "figure_end": ZH_QUOTE.index("1265件") + len("1265件"),
        "paragraph": "持续加强知识产权检察工作。" + ZH_QUOTE + ",同比分别上升64.29%、68.24%。",
        "linked_quote": EN_QUOTE,
        "linked_section": "II. Judicial protection",
        "chunk_id": "gd-ip-protection-2024:zh:12",
    }
    fields.update(overrides)
    return Citation.model_validate(fields)


def answer(**overrides: object) -> Answer:
    fields: dict[str, object] = {
        "question": "2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?",
        "lang": "zh",
        "status": "answered",
        "answer": "2024年全省检察机关批准逮捕侵犯知识产权犯罪案件1265件。",
        "figure": FigureOut(text="1265件", value=1265, unit="件"),
        "normalized": "1,265",
        "citations": [citation()],
        "seconds": 0.42,
    }
    fields.update(overrides)
    return Answer.model_validate(fields)


def comparison() -> Comparison:
    def year(y: int, text: str, value: float, quote: str) -> YearFigure:
        at = quote.index(text)
        return YearFigure(year=y, figure=FigureOut(text=text, value=value, unit="件"), normalized=f"{value:,.0f}",
                          citation=citation(year=y, quote=quote, figure_start=at, figure_end=at + len(text)))

    return Comparison(years=[2023, 2024], from_=year(2023, "800件", 800, ZH_2023), to=year(2024, "1265件", 1265, ZH_QUOTE),
                      change=465, change_pct=58.125, stated_change_pct=64.29, stated_agrees=False,
                      note="文件所载同比 +64.29%，与计算值不一致。")


def verdict(**overrides: object) -> Verdict:
    fields: dict[str, object] = {
        "claim": "Guangdong prosecutors approved arrests in 1,265 IP cases in 2023",
        "lang": "en",
        "verdict": "contradicted",
        "claimed": FigureOut(text="1,265", value=1265, unit="件"),
        "found": FigureOut(text="1265件", value=1265, unit="件"),
        "explanation": "The figure 1,265 is for 2024, not 2023.",
        "citations": [citation()],
    }
    fields.update(overrides)
    return Verdict.model_validate(fields)


def figure_rows() -> list[FigureRow]:
    def row(value: float, unit: str, text: str, metric: str, year: int, lang: str, doc: str, quote: str,
            title: str = TITLE_2024, **who: object) -> FigureRow:
        return FigureRow(value=value, unit=unit, text=text, metric=metric, year=year, lang=lang,  # type: ignore[arg-type]
                         doc_id=doc, title=title, source=f"{doc}.txt", section="", quote=quote, **who)  # type: ignore[arg-type]

    arrests = {"agency": "procuratorate", "action": "approve_arrest", "period": "flow"}
    seized = {"agency": "customs", "action": "seize", "period": "flow"}

    t2023 = "2023年广东省知识产权保护状况"
    return [
        row(1265, "件", "1265件", "批准逮捕侵犯知识产权犯罪案件", 2024, "zh", "gd-ip-protection-2024", ZH_QUOTE,
            **arrests),
        row(1265, "件", "1,265", "IPR infringement cases", 2024, "en", "gd-ip-protection-2024", EN_QUOTE,
            **arrests),
        row(15766, "批次", "15766批次", "省內海關實際查扣侵權商品", 2023, "zh", "gd-ip-protection-2023",
            "2023年省內海關實際查扣侵權商品15766批次、數量3314萬件", t2023, **seized),
        row(15766, "批次", "15,766", "batches of infringing goods", 2023, "en", "gd-ip-protection-2023",
            "In 2023, customs in Guangdong seized 15,766 batches of infringing goods", t2023, **seized),
        row(64.29, "%", "64.29%", "同比上升", 2024, "zh", "gd-ip-protection-2024",
            "同比分别上升64.29%、68.24%", agency="procuratorate"),
        row(2282, "宗", "2282宗", "全市两级市场监管部门共办结专利侵权纠纷案件", 2023, "zh", "gz-ip-admin-protection-2023",
            "2023年全市兩級市場監管部門共辦結專利侵權糾紛案件2282宗,案件數量同比增加11.81%;", GZ_TITLE,
            agency="market_regulation", action="conclude", places=["广州"], period="flow"),
    ]


def audit_side(**overrides: object) -> AuditSide:
    fields: dict[str, object] = {
        "record_id": "7801678f8334c84e:0", "doc_id": "gd-ip-protection-2024", "title": TITLE_2024,
        "source": "gd-ip-protection-2024.txt", "lang": "zh", "year": 2024, "section": "三、从严加强知识产权司法保护",
        "quote": ZH_QUOTE + ",同比分别上升64.29%、68.24%;", "text": "1265件", "value": 1265, "unit": "件",
        "figure_start": ZH_QUOTE.index("1265件"), "figure_end": ZH_QUOTE.index("1265件") + 5,
        "raw_start": 2200, "raw_end": 2205, "agency": "procuratorate", "action": "approve_arrest"}
    fields.update(overrides)
    return AuditSide.model_validate(fields)


def audit_finding(**overrides: object) -> AuditFinding:
    quote_2023 = "2023年,全省檢察機關共批捕侵犯知識產權犯罪案件800件1156人,起訴1155件2061人。"
    fields: dict[str, object] = {
        "kind": "year_on_year", "subject": "2023 · procuratorate · approve_arrest · 件", "first": audit_side(),
        "second": audit_side(record_id="83ae35e4712bc8cf:0", doc_id="gd-ip-protection-2023",
                             title="2023年广东省知识产权保护状况", source="gd-ip-protection-2023.txt", year=2023,
                             section="二、嚴格知識產權司法保護", quote=quote_2023, text="800件", value=800,
                             figure_start=quote_2023.index("800件"), figure_end=quote_2023.index("800件") + 4,
                             raw_start=3791, raw_end=3795),
        "expected_low": 769.96, "expected_high": 770.0, "found_low": 800, "found_high": 800, "rate": "+64.29%",
        "tolerance": "rate printed to 2 decimals: ±0.005 percentage points; 1265件 exact (a whole number as printed)",
        "explanation": "The 2024 text gives 1265件, up 64.29% on 2023: that puts 2023 at about 770 (769.956–770.003), "
                       "but the 2023 figure printed is 800件.",
        "explanation_zh": "2024年文本称1265件,较2023年上升64.29%,据此2023年应为约770(769.956–770.003);而2023年的数字为800件。"}
    fields.update(overrides)
    return AuditFinding.model_validate(fields)


def audit_report(*findings: AuditFinding) -> AuditReport:
    found = list(findings) or [audit_finding()]
    compared = {k: sum(f.kind == k for f in found) for k in AUDIT_KINDS}
    return AuditReport(build_id="abc123", findings=found, compared={**compared, "year_on_year": 6},
                       agreed={k: 0 for k in AUDIT_KINDS} | {"year_on_year": 6 - compared["year_on_year"]})


class FakeQA:
    """Answers from fixed records; raises the real ``QAError`` for empty and overlong input."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    @staticmethod
    def _check(text: str) -> None:
        from qa.api import QAError

        if not text.strip():
            raise QAError("请输入问题 · Please type a question.")
        if len(text) > 2000:
            raise QAError("问题太长(最多2000字) · The question is too long (at most 2,000 characters).")

    def ask(self, question: str) -> Answer:
        self._check(question)
        self.asked.append(question)
        return answer(question=question)

    def chat(self, question: str, history: list[str]) -> ChatTurn:
        """A follow-up ("那2023年呢?") gets the 2023 figure; "哪一年更多?" the comparison."""
        self._check(question)
        self.asked.append(question)
        first = history[0] if history else question
        if "更多" in question or "change" in question:
            return ChatTurn(**answer(question=question, figure=None, normalized=None, answer="2023年：800件；2024年：1265件。",
                                     citations=[citation(year=2023), citation()], comparison=comparison()).model_dump(),
                            resolved_question="2024年比2023年" + first, assumed="2023年 → 2024年 · 全省检察机关 · 批准逮捕",
                            followup=bool(history))
        year = 2023 if "2023" in question and history else 2024
        base = answer(question=question) if year == 2024 else answer(
            question=question, figure=FigureOut(text="800件", value=800, unit="件"), normalized="800",
            citations=[citation(year=2023, quote=ZH_2023, figure_start=ZH_2023.index("800件"),
                                figure_end=ZH_2023.index("800件") + 4)])
        return ChatTurn(**base.model_dump(), resolved_question=first.replace("2024", str(year)),
                        assumed=f"{year}年 · 全省检察机关 · 批准逮捕侵犯知识产权犯罪案件", followup=bool(history))

    def verify(self, claim: str) -> Verdict:
        self._check(claim)
        return verdict(claim=claim)

    def figures(self) -> list[FigureRow]:
        return figure_rows()

    def audit(self) -> AuditReport:
        return audit_report()

    def documents(self) -> list[DocumentRow]:
        return [DocumentRow(id="gd-ip-protection-2024", file="gd-ip-protection-2024.txt", title_zh=TITLE_2024,
                            title_en="Intellectual Property Protection in Guangdong 2024", year=2024,
                            kind="white_paper", place="guangdong", languages=["zh-Hans", "en"], chunks=40)]

    def status(self) -> IndexStatus:
        return IndexStatus(
            documents=[{"id": "gd-ip-protection-2024", "title": TITLE_2024, "year": 2024,
                        "kind": "white_paper", "chunks": 40}],
            chunks={"zh": 25, "en": 15},
            model="multilingual-e5-small (fp32)",
            built_at="2025-01-01T00:00:00Z",
            build_id="abc123",
            last_eval={"run": "2025-01-01T00:00:00Z", "answer_accuracy": 0.9, "recall@5": 0.95},
        )
