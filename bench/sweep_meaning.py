"""Sweep the weight of the figures' meaning (index.meaning) and how many figures nearest in meaning
join the candidates, on the dev sets only; prints accuracy and wrong answers per setting.

Usage: python bench/sweep_meaning.py [--weights 0 1 2 4] [--tops 0 10]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.scorer import load_cases_lenient, run_eval
from index.corpus import read_corpus
from qa.api import QA


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", nargs="+", type=float, default=[0.0, 1.0, 2.0, 4.0])
    ap.add_argument("--tops", nargs="+", type=int, default=[0, 10])
    args = ap.parse_args()
    base = QA.load()
    raw = {d.meta.file: d.text for d in read_corpus(base.index.settings.corpus_dir).documents}
    cases = [c for p in sorted((ROOT / "eval" / "dev").glob("*.jsonl")) for c in load_cases_lenient(p)[0]]
    for top in args.tops:
        for w in args.weights:
            qa = QA(base.index, rerank=dataclasses.replace(base.rerank_weights, meaning=w), meaning_top=top)
            results = run_eval(qa, cases, raw)
            right = sum(r.correct for r in results)
            wrong = sum(1 for r in results if not r.correct and not r.abstained and r.got_value is not None
                        and r.kind not in ("claim_true", "claim_false"))
            users = [r for r in results if r.id.startswith(("da-", "db-"))]
            print(f"top {top:>2} weight {w:>4}: accuracy {right / len(results):.3f} ({right}/{len(results)}), "
                  f"wrong figures {wrong}; user-style dev {sum(r.correct for r in users) / len(users):.3f}", flush=True)


if __name__ == "__main__":
    main()
