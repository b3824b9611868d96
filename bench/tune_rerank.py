"""Tune the reranker weights and the abstention threshold on an eval set, and print an ablation.

Retrieval runs once per case; reranking is replayed for each weight setting (random search).
Usage: python bench/tune_rerank.py [--cases FILE] [--trials N] [--holdout K]

With --holdout K (default 3), one case in K (chosen by a hash of its id, so the split is stable)
is held out: weights and threshold are chosen on the rest, and the held-out cases are scored
once at the end. That figure, not the tuning one, is the estimate of how the settings do on
questions they were not tuned on.
The chosen values are printed, not written: copy them into qa/rerank.py / qa/api.py by hand,
so that every change to the shipped numbers is a reviewed commit.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.schema import DEFAULT_PATH, load_cases
from qa.api import QA
from qa.numbers import units_compatible
from qa.query import analyse
from qa.rerank import RerankWeights, metric_terms, rank_figures
from qa.verify import claimed_figure, judge


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=str(DEFAULT_PATH))
    ap.add_argument("--trials", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--wrong-cost", type=float, default=1.0,
                    help="how many right answers one wrong figure costs (a wrong figure is worse than 'not found')")
    ap.add_argument("--holdout", type=int, default=3, help="hold out one case in K (0: tune on all)")
    args = ap.parse_args()
    qa = QA.load()
    cases = load_cases(args.cases)
    prepared = []
    for c in cases:
        info = analyse(c.question)
        ranked = qa.retriever.rank(info)
        cands = [(qa.index.by_id[cid], s) for cid, s in ranked]
        prepared.append((c, info, cands, metric_terms(info, qa.index.glossary)))

    def held_out(case_id: str) -> bool:
        return args.holdout > 0 and int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % args.holdout == 0

    tuning = [p for p in prepared if not held_out(p[0].id)]
    testing = [p for p in prepared if held_out(p[0].id)]
    print(f"{len(tuning)} tuning cases, {len(testing)} held out")

    def evaluate(w: RerankWeights, subset=None) -> list[tuple[str, float, bool, float]]:
        """(kind, best score, correct-if-answered, metric) per case."""
        out = []
        for c, info, cands, terms in (tuning if subset is None else subset):
            figs = rank_figures(info, terms, cands, qa.index.idf_of, w)
            if not figs:
                out.append((c.kind, -math.inf, False, 0.0))
                continue
            best = figs[0]
            if c.kind in ("claim_true", "claim_false"):
                claimed = claimed_figure(info.figures)
                ok = claimed is not None and judge(claimed, best, info.years, [])[0] == c.verdict
            elif c.kind == "unanswerable":
                ok = False
            else:
                ok = (math.isclose(best.figure.value, c.value, rel_tol=0.005)
                      and (not best.figure.unit or units_compatible(best.figure.unit, c.unit)))
            out.append((c.kind, best.score, ok, best.features.get("metric", 0.0)))
        return out

    def accuracy(rows, threshold: float, min_metric: float) -> tuple[float, int]:
        right = wrong = 0
        for kind, score, ok, metric in rows:
            answered = score >= threshold and metric >= min_metric
            if kind == "unanswerable":
                right += not answered
            elif answered:
                right += ok
                wrong += not ok
        return right / len(rows), wrong

    def best_threshold(rows):
        best = (-1.0, 0, 0.0, 0.0, -math.inf)
        for t in [x / 10 for x in range(80)]:
            for mm in (0.0, 0.1, 0.2, 0.3):
                acc, wrong = accuracy(rows, t, mm)
                # A wrong figure with a confident citation is worse than "not found": it costs.
                utility = acc - args.wrong_cost * wrong / len(rows)
                if utility > best[4]:
                    best = (acc, wrong, t, mm, utility)
        return best

    base = RerankWeights()
    rows = evaluate(base)
    print("current weights (accuracy, wrong, threshold, min_metric, utility):", best_threshold(rows))
    if args.trials == 0:
        return
    rng = random.Random(args.seed)
    best_w, best_res = base, best_threshold(rows)
    for _ in range(args.trials):
        w = dataclasses.replace(best_w, **{f.name: max(0.0, getattr(best_w, f.name) * rng.uniform(0.6, 1.6))
                                           for f in dataclasses.fields(RerankWeights) if rng.random() < 0.5})
        res = best_threshold(evaluate(w))
        if res[4] > best_res[4]:
            best_w, best_res = w, res
            print("improved:", res, w)
    print("BEST", best_res, best_w)
    if testing:
        for name, w in (("current", base), ("best", best_w)):
            acc, wrong = accuracy(evaluate(w, testing), best_res[2], best_res[3])
            print(f"held out ({len(testing)} cases), {name} weights at threshold {best_res[2]}, "
                  f"min_metric {best_res[3]}: accuracy {acc:.3f}, wrong figures {wrong}")
    no_thr = evaluate(best_w)
    answerable = [r for r in no_thr if r[0] != "unanswerable"]
    print(f"ablation: with reranker, figure/verdict right on {sum(r[2] for r in answerable)}/{len(answerable)} "
          "answerable cases (no threshold)")


if __name__ == "__main__":
    main()
