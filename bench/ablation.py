"""The README's ablation: eval headline numbers as shipped, never abstaining, and without the reranker.

Usage: python bench/ablation.py   (needs the index: make index)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.schema import load_cases
from eval.scorer import run_eval, summarise
from index.corpus import read_corpus
from index.settings import Settings
from qa.api import QA
from qa.decide import Thresholds

KEYS = ("accuracy", "figure_accuracy", "citation_accuracy", "hit@1", "hit@5", "mrr", "claim_verdict_accuracy",
        "wrong_figure_answers", "abstention_recall", "abstention_precision")
NEVER_ABSTAIN = Thresholds(answer=-1e9, verify=-1e9, min_metric=0.0, min_context=0.0, margin=0.0)


def main() -> None:
    settings = Settings.from_env()
    raw = {d.meta.file: d.text for d in read_corpus(settings.corpus_dir).documents}
    cases = load_cases()
    base = QA.load(settings)
    variants = {
        "shipped": base,
        "reranker, never abstaining": QA(base.index, thresholds=NEVER_ABSTAIN),
        "no reranker": QA(base.index, thresholds=NEVER_ABSTAIN, use_reranker=False),
    }
    for name, qa in variants.items():
        h = summarise(run_eval(qa, cases, raw))["headline"]
        print(f"{name:<28}" + "  ".join(f"{k} {h[k]}" for k in KEYS))


if __name__ == "__main__":
    main()
