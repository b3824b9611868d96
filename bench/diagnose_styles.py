"""Where each failing question of some styles or kinds loses its right figure (issue 13).

For every case of the chosen styles/kinds in the dev sets that the shipped QA gets wrong, the stage:
- ``not retrieved``: no candidate figure (retrieved chunks plus the figures nearest in meaning) has
  the case's value; with the rank of the right record by meaning alone;
- ``outranked``: a right figure is a candidate but another is ranked first; with the features on
  which the winner beats it (weight × difference, largest first);
- ``ruled out``: the right figure is first but a rule (year, place, role …) took it out;
- ``withheld``: it is chosen but its calibrated probability is below the risk's bar;
- ``wrong answer`` / ``answered unanswerable``: a figure given where it should not be.

    python bench/diagnose_styles.py --styles paraphrase,en_on_zh,colloquial --kinds crosslingual
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--styles", default="paraphrase,en_on_zh,colloquial")
    ap.add_argument("--kinds", default="crosslingual")
    ap.add_argument("--sets", default="eval/dev/*.jsonl")
    ap.add_argument("--out", help="write one JSON object a case here")
    ap.add_argument("--all", action="store_true", help="list right cases too")
    args = ap.parse_args()
    from dataclasses import fields

    from eval.scorer import figure_ok, load_cases_lenient
    from qa.api import QA
    from qa.rank import RerankWeights

    styles = set(filter(None, args.styles.split(",")))
    kinds = set(filter(None, args.kinds.split(",")))
    qa = QA.load()
    weights = qa.rerank_weights
    names = [f.name for f in fields(RerankWeights)]
    stages: Counter[str] = Counter()
    rows = []
    for path in sorted(ROOT.glob(args.sets)):
        if path.name.startswith("desk-"):
            continue
        cases, _ = load_cases_lenient(path)
        for case in cases:
            if case.style not in styles and case.kind not in kinds:
                continue
            if case.kind in ("claim_true", "claim_false"):
                continue
            ans = qa.ask(case.question)
            frame = qa._analyse(case.question, "question")
            _, figs = qa.candidates(frame, weights)
            got = ans.figure
            right = case.kind != "unanswerable" and got is not None and figure_ok(case, got.value, got.unit)
            if case.kind == "unanswerable":
                right = ans.status == "not_found"
            pos = next((i for i, f in enumerate(figs) if case.value is not None
                        and figure_ok(case, f.figure.value, f.figure.unit)), None)
            mrank = None
            if case.value is not None and qa.index.meanings is not None:
                vec = np.asarray(qa.index.embedder.embed_queries([frame.text])[0], dtype=np.float32)
                sims = qa.index.meanings @ (vec / np.linalg.norm(vec))
                order = np.argsort(-sims)
                for r, i in enumerate(order[:200]):
                    rec = qa.index.records[i]
                    if figure_ok(case, rec.value, rec.unit):
                        mrank = r
                        break
            if right:
                stage = "right"
            elif case.kind == "unanswerable":
                stage = "answered unanswerable"
            elif got is not None:
                stage = "wrong answer"
            elif pos is None:
                stage = "not retrieved"
            elif pos == 0 or ans.withheld is not None and figure_ok(case, ans.withheld.value, ans.withheld.unit):
                stage = "withheld" if ans.confidence is not None else "ruled out"
            else:
                stage = "outranked"
            stages[(case.style or case.kind, stage)] += 1  # type: ignore[index]
            why = ""
            if pos is not None and pos > 0 and figs:
                top, ok = figs[0], figs[pos]
                diffs = sorted(((getattr(weights, n) * (top.features.get(n, 0) - ok.features.get(n, 0)), n)
                                for n in names), reverse=True)
                why = ", ".join(f"{n} {d:+.2f}" for d, n in diffs[:4] if d > 0)
                why += f" | top {top.figure.text} {top.score:.2f} ({top.metric[:30]}) agency={top.record.agency}"
                why += f" action={top.record.action}; right {ok.score:.2f} agency={ok.record.agency}"
                why += f" action={ok.record.action} role_gate=({ok.features.get('agency')},{ok.features.get('action')})"
            row = {"id": case.id, "style": case.style, "kind": case.kind, "stage": stage, "q": case.question,
                   "expected": case.answer, "got": got.text if got else None, "conf": ans.confidence,
                   "right_pos": pos, "meaning_rank": mrank, "why": why, "reason": ans.reason,
                   "frame": {"agencies": sorted(frame.agencies), "actions": sorted(frame.actions),
                             "years": frame.years, "places": sorted(frame.places)}}
            rows.append(row)
            if stage != "right" or args.all:
                print(json.dumps(row, ensure_ascii=False))
    print()
    for (group, stage), n in sorted(stages.items()):
        print(f"{group:<16}{stage:<24}{n:>4}")
    if args.out:
        Path(args.out).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
