"""Schema of one evaluation case (one line of a set under ``eval/dev/`` or ``eval/test/``).

The eval set is bilingual (questions in Chinese or English) over the five documents in
``corpus/``. Every line is a JSON object with exactly the fields of :class:`EvalCase`; all of
them must be present (``null`` where the rules below say so).

Null rules per kind
-------------------
* ``unanswerable``: everything except ``id``/``lang``/``kind``/``question`` is ``null``.
* ``claim_true`` / ``claim_false``: ``question`` holds the claim; ``answer``/``value``/``unit``/
  ``source``/``evidence`` give the TRUE figure from the source; ``verdict`` is ``"supported"`` /
  ``"contradicted"`` respectively.
* ``lookup`` / ``crosslingual`` / ``year``: all fields set except ``verdict`` (``null``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["lookup", "crosslingual", "year", "claim_true", "claim_false", "unanswerable"]
Lang = Literal["zh", "en"]
Verdict = Literal["supported", "contradicted"]
Source = Literal[
    "gd-ip-protection-2023.txt",
    "gd-ip-protection-2024.txt",
    "gd-ip-top10-events-2024.txt",
    "gz-ip-admin-protection-2023.txt",
    "gd-ip-plan-14th-fyp.txt",
]

KINDS: tuple[str, ...] = ("lookup", "crosslingual", "year", "claim_true", "claim_false", "unanswerable")
LANGS: tuple[str, ...] = ("zh", "en")
SOURCES: tuple[str, ...] = (
    "gd-ip-protection-2023.txt",
    "gd-ip-protection-2024.txt",
    "gd-ip-top10-events-2024.txt",
    "gz-ip-admin-protection-2023.txt",
    "gd-ip-plan-14th-fyp.txt",
)
# Sources written in traditional characters with inline pinyin annotations such as 產(chǎn).
PINYIN_SOURCES: frozenset[str] = frozenset({"gd-ip-protection-2023.txt", "gz-ip-admin-protection-2023.txt"})
CLAIM_VERDICT: dict[str, str] = {"claim_true": "supported", "claim_false": "contradicted"}
# How a case is phrased (optional; null for the schema's own plain style):
# * colloquial: everyday speech ("法院去年收了多少案子啊", "how many cases did the courts get")
# * paraphrase: no content word copied from the source sentence
# * journalist: a news-style claim with rounding or bound words (超70万件, 近两成, more than 40,000)
# * multi_figure: a claim restating two to four figures of one source sentence (true, or with one
#   figure or one metric swapped); answer/value/unit/evidence give the true figure of the part
#   that is wrong (claim_false) or of the first figure (claim_true)
# * traditional: traditional characters
# * mixed: Chinese and English mixed in one question
# * typo: with the typing mistakes people make (wrong homophone characters, misspellings)
# * context: the question comes after two or three sentences of pasted context
# * en_on_zh: an English question about a figure the documents give only in Chinese
Style = Literal["colloquial", "paraphrase", "journalist", "multi_figure", "traditional", "mixed", "typo",
                "context", "en_on_zh"]
STYLES: tuple[str, ...] = ("colloquial", "paraphrase", "journalist", "multi_figure", "traditional", "mixed",
                           "typo", "context", "en_on_zh")

# Measure words (simplified) a figure may carry. Scale words are folded into ``value``:
# 万 = 1e4, 亿 = 1e8, million = 1e6, billion = 1e9; so "4.78万件" has unit 件 and value 47800,
# "88.5亿元" has unit 元. Percentages use "%" and value is the plain number (31.17).
UNITS: frozenset[str] = frozenset(
    {
        "件",
        "宗",
        "起",
        "项",
        "个",
        "家",
        "人",
        "名",
        "人次",
        "次",
        "件次",
        "家次",
        "批次",
        "吨",
        "元",
        "美元",
        "%",
        "年",
        "条",
        "分",
        "支",
        "张",
        "单",
        "期",
        "场",
        "所",
    }
)

DEFAULT_PATH = Path(__file__).parent / "dev" / "own.jsonl"


class EvalCase(BaseModel):
    """One eval case. All fields are required (use null where the kind says so)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    lang: Lang
    kind: Kind
    question: str = Field(min_length=1)
    answer: str | None
    value: float | None
    unit: str | None
    verdict: Verdict | None
    # Any file name: a maintainer's private set may cite a document this corpus lacks, and the
    # scorer reports such a case rather than rejecting the file (the project's own set is
    # checked against SOURCES by its test).
    source: str | None
    evidence: str | None
    style: Style | None = None

    @model_validator(mode="after")
    def _null_rules(self) -> EvalCase:
        if not self.question.strip():
            raise ValueError("question is blank")
        payload = {
            "answer": self.answer,
            "value": self.value,
            "unit": self.unit,
            "source": self.source,
            "evidence": self.evidence,
        }
        if self.kind == "unanswerable":
            set_fields = [k for k, v in payload.items() if v is not None]
            if set_fields or self.verdict is not None:
                raise ValueError(f"unanswerable case must have only nulls, got {set_fields or ['verdict']}")
            return self
        missing = [k for k, v in payload.items() if v is None]
        if missing:
            raise ValueError(f"{self.kind} case needs {missing}")
        expected = CLAIM_VERDICT.get(self.kind)
        if self.verdict != expected:
            raise ValueError(f"{self.kind} case needs verdict={expected!r}, got {self.verdict!r}")
        assert self.value is not None and self.unit is not None and self.answer is not None
        if not math.isfinite(self.value):
            raise ValueError("value must be finite")
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} not in UNITS")
        if not self.answer.strip() or not self.evidence or not self.evidence.strip():
            raise ValueError("answer/evidence blank")
        return self


def case_files(folder: Path) -> list[Path]:
    """The question-and-claim sets in a folder of sets; ``desk-*`` files hold the desk cases
    (eval.desk_schema), another shape."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.startswith("desk-"))


def load_cases(path: str | Path = DEFAULT_PATH) -> list[EvalCase]:
    """Read and validate a JSONL file of cases (blank lines are not allowed)."""
    cases = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                cases.append(EvalCase.model_validate(json.loads(line)))
            except Exception as exc:  # pragma: no cover - re-raised with location
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return cases
