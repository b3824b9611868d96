"""The issue-13 ablation: eval numbers as shipped, and with one piece taken out at a time — the
agency/action ontology, the figure meanings (embeddings), claim decomposition, the calibration —
plus the older rows (never abstaining, no reranker).

Usage: python bench/ablation.py [--sets 'eval/dev/*.jsonl'] [--only shipped,no-ontology,...]
(needs the index: make index). Prints, per variant: accuracy, wrong figures or verdicts given with
confidence (questions and claims), and accuracy on the user-style cases and by style.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.scorer import CaseResult, load_cases_lenient, run_eval
from index.corpus import read_corpus
from index.figures import Figure
from qa.api import QA
from qa.decide import Thresholds
from qa.frame import QueryFrame
from qa.types import Verdict
from qa.verify import claimed_figure

NEVER_ABSTAIN = Thresholds(answer=-1e9, verify=-1e9, min_metric=0.0, min_context=0.0, margin=0.0)
NO_ROLES = {"agencies": frozenset(), "actions": frozenset()}


class NoOntology(QA):
    """Questions and claims read without who did what: no agency or action, so no role rule-out
    and no role agreement."""

    def _analyse(self, text: object, what: str) -> QueryFrame:
        return super()._analyse(text, what).model_copy(update=NO_ROLES)

    @staticmethod
    def claim_query(info: QueryFrame, claimed: Figure, alone: bool) -> QueryFrame:
        return QA.claim_query(info, claimed, alone).model_copy(update=NO_ROLES)


class NoDecomposition(QA):
    """A claim checked on its first figure only, as if it stated one."""

    def verify_frame(self, info: QueryFrame, t0: float | None = None) -> Verdict:
        main = claimed_figure(info.figures)
        return super().verify_frame(info.model_copy(update={"figures": [main] if main else []}), t0)


def variants(base: QA) -> dict[str, QA]:
    idx = base.index
    return {
        "shipped": base,
        # (role_match: a weight from issue 13's second part on; a code without it has none to zero)
        "no-ontology": NoOntology(idx, rerank=dataclasses.replace(
            base.rerank_weights, **({"role_match": 0.0} if hasattr(base.rerank_weights, "role_match") else {}))),
        "no-meanings": QA(idx, rerank=dataclasses.replace(base.rerank_weights, meaning=0.0), meaning_top=0),
        "no-decomposition": NoDecomposition(idx),
        "no-calibration": QA(idx, calibration=None),
        "never-abstaining": QA(idx, thresholds=NEVER_ABSTAIN, calibration=None),
        "no-reranker": QA(idx, thresholds=NEVER_ABSTAIN, use_reranker=False, calibration=None),
    }


def confident_wrong(r: CaseResult) -> bool:
    if r.kind in ("claim_true", "claim_false"):
        return not r.correct and not r.abstained
    return not r.correct and not r.abstained and r.got_value is not None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="eval/dev/*.jsonl", help="comma-separated glob patterns")
    ap.add_argument("--only", help="comma-separated variant names")
    args = ap.parse_args()
    base = QA.load()
    raw = {d.meta.file: d.text for d in read_corpus(base.index.settings.corpus_dir).documents}
    paths = sorted({p for pattern in args.sets.split(",") for p in ROOT.glob(pattern)})
    cases = [c for p in paths if not p.name.startswith("desk-") for c in load_cases_lenient(p)[0]]
    style = {c.id: c.style for c in cases}
    chosen = set(args.only.split(",")) if args.only else None
    for name, qa in variants(base).items():
        if chosen is not None and name not in chosen:
            continue
        results = run_eval(qa, cases, raw)
        groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in results:
            for g in ("all", "users" if style[r.id] else "schema", f"kind:{r.kind}",
                      *([f"style:{style[r.id]}"] if style[r.id] else [])):
                groups[g][0] += 1
                groups[g][1] += r.correct
                groups[g][2] += confident_wrong(r)
        print(f"{name:<18}" + "  ".join(f"{g} {ok / n:.3f}/{wrong}" for g, (n, ok, wrong) in sorted(groups.items())),
              flush=True)


if __name__ == "__main__":
    main()
