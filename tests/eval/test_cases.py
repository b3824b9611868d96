"""Validates eval/cases.jsonl against the schema and against the raw corpus files.

Self-contained on purpose: apart from the schema model it uses no project module, so a bug in
the QA code cannot make a broken eval set pass.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from eval.schema import CLAIM_VERDICT, KINDS, LANGS, PINYIN_SOURCES, SOURCES, EvalCase

ROOT = Path(__file__).resolve().parents[2]
CASES_PATH = ROOT / "eval" / "dev" / "own.jsonl"
CORPUS = ROOT / "corpus"

FIELDS = {"id", "lang", "kind", "question", "answer", "value", "unit", "verdict", "source", "evidence"}
MIN_PER_KIND = {
    "lookup": 45,
    "crosslingual": 25,
    "year": 20,
    "claim_true": 20,
    "claim_false": 20,
    "unanswerable": 15,
}
MIN_TOTAL = 170

PINYIN = re.compile(r"\([a-zü̈āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)")
NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
WORD_RE = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)
ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
SCALE_RE = re.compile(r"\s*(万|萬|亿|億|million|billion|thousand)", re.IGNORECASE)
SCALES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# traditional -> simplified for the few measure words that occur after a figure in the sources
T2S = {"萬": "万", "億": "亿", "項": "项", "個": "个", "噸": "吨", "張": "张", "場": "场", "條": "条"}


def _load_raw() -> list[dict]:
    rows = []
    with open(CASES_PATH, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {lineno} in {CASES_PATH}"
            row = json.loads(line)
            assert isinstance(row, dict), f"line {lineno} is not an object"
            rows.append(row)
    return rows


RAW_ROWS = _load_raw()
IDS = [str(r.get("id")) for r in RAW_ROWS]


def _corpus(name: str) -> str:
    return (CORPUS / name).read_bytes().decode("utf-8")


CORPUS_TEXT = {name: _corpus(name) for name in SOURCES}


def squash(text: str, pinyin: bool) -> str:
    """Drop pinyin annotations (if asked) and every kind of whitespace (incl. nbsp, newlines)."""
    if pinyin:
        text = PINYIN.sub("", text)
    return "".join(text.split())


def _scaled(text: str, end: int, base: float) -> float:
    m = SCALE_RE.match(text, end)
    return base * SCALES[m.group(1).lower() if m.group(1).isascii() else m.group(1)] if m else base


def parse_figure(answer: str) -> float:
    """The single figure in an answer: number (or English number word) + optional scale word."""
    found: list[float] = []
    for m in NUM.finditer(answer):
        found.append(_scaled(answer, m.end(), float(m.group().replace(",", ""))))
    for m in WORD_RE.finditer(answer):
        found.append(_scaled(answer, m.end(), float(WORDS[m.group(1).lower()])))
    if len(found) != 1:
        raise AssertionError(f"answer {answer!r} must hold exactly one figure, found {found}")
    return found[0]


def figures_in_claim(text: str) -> list[float]:
    """All figures a claim mentions (digits, English number words, single Chinese numerals)."""
    out = [_scaled(text, m.end(), float(m.group().replace(",", ""))) for m in NUM.finditer(text)]
    out += [_scaled(text, m.end(), float(WORDS[m.group(1).lower()])) for m in WORD_RE.finditer(text)]
    out += [float(v) for ch, v in ZH_DIGITS.items() if ch in text]
    return out


def answer_suffix(answer: str) -> str:
    """Measure word written right after the figure (+ scale), in simplified characters."""
    m = NUM.search(answer)
    if not m:
        return ""
    rest = answer[m.end() :]
    rest = re.sub(r"^(万|萬|亿|億)", "", rest)
    rest = re.sub(r"^余", "", rest)
    return "".join(T2S.get(ch, ch) for ch in rest)


# ----------------------------------------------------------------------------- whole-file tests


def test_every_line_has_exactly_the_fields():
    for row in RAW_ROWS:
        assert set(row) - {"style"} == FIELDS, (row.get("id"), (set(row) - {"style"}) ^ FIELDS)


def test_ids_unique():
    dupes = [i for i, n in Counter(IDS).items() if n > 1]
    assert not dupes, dupes


def test_counts_per_kind_and_language():
    cases = [EvalCase.model_validate(r) for r in RAW_ROWS]
    assert len(cases) >= MIN_TOTAL
    by_kind = Counter(c.kind for c in cases)
    for kind, minimum in MIN_PER_KIND.items():
        assert by_kind[kind] >= minimum, (kind, by_kind[kind], minimum)
    by_kind_lang = Counter((c.kind, c.lang) for c in cases)
    for kind in KINDS:
        for lang in LANGS:
            assert by_kind_lang[(kind, lang)] >= 1, f"no {lang} case of kind {kind}"


def test_every_document_is_covered_in_both_languages():
    cases = [EvalCase.model_validate(r) for r in RAW_ROWS]
    for source in SOURCES:
        langs = {c.lang for c in cases if c.source == source}
        assert langs == set(LANGS), (source, langs)


def test_plan_tables_and_noisy_sources_are_covered():
    cases = [EvalCase.model_validate(r) for r in RAW_ROWS]
    # plan table cells are flattened one per line: an evidence spanning several short lines
    table = [
        c
        for c in cases
        if c.source == "gd-ip-plan-14th-fyp.txt" and c.evidence and c.evidence.count("\n") >= 3
    ]
    assert len(table) >= 5
    for source in PINYIN_SOURCES:
        with_pinyin = [c for c in cases if c.source == source and c.evidence and PINYIN.search(c.evidence)]
        assert len(with_pinyin) >= 5, source


# ----------------------------------------------------------------------------- per-case tests


@pytest.mark.parametrize("row", RAW_ROWS, ids=IDS)
def test_case(row: dict):
    case = EvalCase.model_validate(row)  # schema + null rules
    assert case.kind in KINDS and case.lang in LANGS

    # id follows <kind>-<lang>-NNN
    assert re.fullmatch(rf"{case.kind.replace('_', '-')}-{case.lang}-\d{{3}}", case.id), case.id

    # question language and form
    has_cjk = bool(re.search(r"[\u4e00-\u9fff]", case.question))
    assert has_cjk == (case.lang == "zh"), "question language does not match lang"
    is_claim = case.kind in CLAIM_VERDICT
    ends_with_q = case.question.rstrip().endswith(("?", "？"))
    assert ends_with_q != is_claim, "questions end with '?', claims are statements"

    if case.kind == "unanswerable":
        for field in ("answer", "value", "unit", "verdict", "source", "evidence"):
            assert row[field] is None, field
        return

    assert case.verdict == CLAIM_VERDICT.get(case.kind)
    assert case.source and case.evidence and case.answer and case.value is not None and case.unit

    # evidence: exact substring of the raw file bytes, short
    raw = CORPUS_TEXT[case.source]
    assert case.evidence in raw, "evidence is not an exact substring of the raw source"
    assert 10 <= len(case.evidence) <= 80, len(case.evidence)

    # the answer text occurs in the evidence modulo whitespace / line breaks / pinyin
    pinyin = case.source in PINYIN_SOURCES
    assert squash(case.answer, False) in squash(case.evidence, pinyin), (case.answer, case.evidence)

    # lookup: the figure is in the question's language; crosslingual: only in the other one
    evidence_is_zh = bool(re.search(r"[\u4e00-\u9fff]", case.evidence))
    if case.kind == "lookup":
        assert evidence_is_zh == (case.lang == "zh"), "lookup evidence must be in the question's language"
    if case.kind == "crosslingual":
        assert evidence_is_zh != (case.lang == "zh"), "crosslingual evidence must be in the other language"

    # value agrees with the figure written in the answer
    figure = parse_figure(case.answer)
    assert math.isclose(figure, case.value, rel_tol=1e-9), (case.answer, figure, case.value)

    # unit agrees with what is written next to the figure
    if "%" in case.answer:
        assert case.unit == "%"
    suffix = answer_suffix(case.answer)
    if suffix and re.match(r"[\u4e00-\u9fff]", suffix):
        assert suffix == case.unit, (suffix, case.unit)
    low = case.answer.lower()
    if "yuan" in low or "rmb" in low:
        assert case.unit == "元"
    if "batches" in low:
        assert case.unit == "批次"
    if re.search(r"\b(items|pieces|cases)\b", low):
        assert case.unit == "件"

    # claims: a true claim states the figure (possibly rounded), a false one does not quote it
    if case.kind == "claim_true":
        nums = figures_in_claim(case.question)
        assert any(math.isclose(n, case.value, rel_tol=0.05) for n in nums), (nums, case.value)
    if case.kind == "claim_false":
        assert squash(case.answer, pinyin) not in squash(case.question, False)


# ----------------------------------------------------------------------------- the held-out set

HOLDOUT_PATHS = sorted(p for p in ROOT.glob("eval/*/*.jsonl") if p != CASES_PATH and not p.name.startswith("desk-"))  # desk-*: eval.desk_schema
HOLDOUT_ROWS = [json.loads(line) for path in HOLDOUT_PATHS
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_held_out_set_is_found_and_ids_are_unique():
    assert len(HOLDOUT_PATHS) >= 3
    ids = [r["id"] for r in HOLDOUT_ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", HOLDOUT_ROWS, ids=[r["id"] for r in HOLDOUT_ROWS])
def test_holdout_case(row: dict):
    """The held-out cases (eval/holdout/) hold the same promises: exact evidence, the answer's
    figure in it, and a value that agrees with the answer."""
    case = EvalCase.model_validate(row)
    if case.kind == "unanswerable":
        return
    assert case.source and case.evidence and case.answer and case.value is not None
    assert case.evidence in CORPUS_TEXT[case.source], "evidence is not an exact substring of the raw source"
    pinyin = case.source in PINYIN_SOURCES
    assert squash(case.answer, False) in squash(case.evidence, pinyin), (case.answer, case.evidence)
    n = parse_figure(case.answer)
    # A plan-table cell ("1100") takes its scale from the row's unit column ("亿元").
    scales = [1.0] + [factor for word, factor in (("万", 1e4), ("亿", 1e8)) if word in case.evidence]
    assert any(math.isclose(n * f, case.value, rel_tol=1e-9) for f in scales), (case.answer, case.value)
