"""What the desk changes on the dev sets: the questions of eval/dev/*.jsonl (desk sets aside) that
take its paths (a comparison, no year, a relative year), answered by the plain decision
(``QA.answer_frame``, as ``ask`` answered before) and by ``QA.ask``; prints the right and the
confidently wrong answers of each and every case that changed. Never reads eval/test.

    python bench/desk_paths.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class PlainAsk:
    """``ask`` as it was: one question, one decision, no reading of years."""

    def __init__(self, qa: Any) -> None:
        self.qa, self.index = qa, qa.index

    def ask(self, question: str) -> Any:
        return self.qa.answer_frame(self.qa._analyse(question, "question"))[0]


def main() -> int:
    from eval.scorer import load_cases_lenient, run_eval
    from index.corpus import read_corpus
    from qa.api import QA
    from qa.desk import _read

    qa = QA.load()
    raw = {d.meta.file: d.text for d in read_corpus(qa.index.settings.corpus_dir).documents}
    cases = []
    for path in sorted((ROOT / "eval" / "dev").glob("*.jsonl")):
        if path.name.startswith("desk-"):
            continue
        for c in load_cases_lenient(path)[0]:
            if c.kind.startswith("claim"):
                continue
            reading = _read(qa, c.question, ())
            if reading.comparison or reading.relative is not None or not qa._analyse(c.question, "question").years:
                cases.append(c)
    print(f"{len(cases)} dev questions take the desk's paths")
    before = {r.id: r for r in run_eval(PlainAsk(qa), cases, raw)}
    after = {r.id: r for r in run_eval(qa, cases, raw)}

    def wrong(r: Any) -> bool:
        return not r.correct and not r.abstained and r.got_value is not None

    for name, results in (("plain decision", before), ("QA.ask", after)):
        print(f"{name:<16} right {sum(r.correct for r in results.values()):>3}  "
              f"confident wrong {sum(map(wrong, results.values())):>2}")
    for c in cases:
        b, a = before[c.id], after[c.id]
        if (b.correct, b.got) != (a.correct, a.got):
            print(f"  {c.id}: expected {c.answer}; before {b.got} ({'right' if b.correct else 'wrong'}), "
                  f"after {a.got} ({'right' if a.correct else 'wrong'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
