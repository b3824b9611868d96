"""Tune the reranker weights on eval sets, replaying the shipped answer and claim logic.

Retrieval runs once per case; reranking and the answer gates (qa.api.QA._trusted, and for a
claim's first figure QA._claim_query / QA._claim_source, with the shipped Thresholds) are replayed for each weight setting (random search from the shipped
weights). A case counts as right as `qa eval` counts it: the expected figure, "not found" for an
unanswerable question, the expected verdict for a claim; a wrong figure also costs --wrong-cost.

Usage: python bench/tune_rerank.py [--cases FILE ...] [--trials N] [--holdout K]

With --holdout K (default 3), one case in K (chosen by a hash of its id, so the split is stable)
is held out: weights are chosen on the rest, and the held-out cases are scored once at the end.
That figure, not the tuning one, is the estimate of how the weights do on questions they were
not tuned on. The chosen values are printed, not written: copy them into qa/rerank.py by hand,
so that every change to the shipped numbers is a reviewed commit.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.schema import DEFAULT_PATH, load_cases
from eval.scorer import figure_ok
from qa.api import QA
from qa.decide import decide_answer, judge
from qa.frame import analyse
from qa.rank import RerankWeights, rank_figures
from qa.verify import claimed_figure


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", nargs="+", default=[str(DEFAULT_PATH)])
    ap.add_argument("--trials", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--wrong-cost", type=float, default=1.0,
                    help="how many right answers one wrong figure costs (a wrong figure is worse than 'not found')")
    ap.add_argument("--holdout", type=int, default=3, help="hold out one case in K (0: tune on all)")
    args = ap.parse_args()
    qa = QA.load()
    t = qa.thresholds
    prepared = []
    for path in args.cases:
        for c in load_cases(path):
            info = analyse(c.question, "claim" if c.kind in ("claim_true", "claim_false") else "question",
                           qa.index.glossary)
            # A claim is looked up as QA.verify looks up its first figure (QA._check).
            claimed = claimed_figure(info.figures) if c.kind in ("claim_true", "claim_false") else None
            alone = len(info.figures) == 1
            if claimed is not None:
                info = QA.claim_query(info, claimed, alone)
            ranked = qa.retriever.rank(info)
            cands = [(qa.index.by_id[cid], s) for cid, s in ranked]
            prepared.append((c, info, cands, claimed, alone))

    def held_out(case_id: str) -> bool:
        return args.holdout > 0 and int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % args.holdout == 0

    tuning = [p for p in prepared if not held_out(p[0].id)]
    testing = [p for p in prepared if held_out(p[0].id)]
    print(f"{len(tuning)} tuning cases, {len(testing)} held out")

    def score(w: RerankWeights, subset: list) -> tuple[float, int, float]:
        """(accuracy, wrong figures, utility) of the weights on the cases."""
        right = wrong = 0
        verify_w = dataclasses.replace(w, value=0.0)
        for c, info, cands, claimed, alone in subset:
            claim = c.kind in ("claim_true", "claim_false")
            figs = rank_figures(info, cands, qa.index.records_of, qa.index.idf_of, verify_w if claim else w,
                                qa.index.corpus_idf_of)
            if claim:
                best = qa.claim_source(claimed, figs, alone).chosen if claimed else None
                verdict = judge(claimed, best, info.years, [])[0] if claimed and best else "not_found"
                right += verdict == c.verdict
                continue
            best = decide_answer(figs, t).chosen  # the same decision QA.ask makes
            if c.kind == "unanswerable" or best is None:
                right += c.kind == "unanswerable" and best is None
                wrong += best is not None
                continue
            ok = figure_ok(c, best.figure.value, best.figure.unit)
            right += ok
            wrong += not ok
        n = max(len(subset), 1)
        return right / n, wrong, (right - args.wrong_cost * wrong) / n

    base = RerankWeights()
    best_w, best_res = base, score(base, tuning)
    print("shipped weights (accuracy, wrong, utility):", best_res)
    rng = random.Random(args.seed)
    for _ in range(args.trials):
        w = dataclasses.replace(best_w, **{f.name: round(max(0.0, getattr(best_w, f.name) * rng.uniform(0.6, 1.6)), 2)
                                           for f in dataclasses.fields(RerankWeights) if rng.random() < 0.5})
        res = score(w, tuning)
        if res[2] > best_res[2]:
            best_w, best_res = w, res
            print("improved:", res, w)
    print("BEST", best_res, best_w)
    if testing:
        for name, w in (("shipped", base), ("best", best_w)):
            acc, wrong, _ = score(w, testing)
            print(f"held out ({len(testing)} cases), {name} weights: accuracy {acc:.3f}, wrong figures {wrong}")


if __name__ == "__main__":
    main()
