"""Replay the figure ranking and the calibrated answer decision over cached candidates, so a ranking
change is measured on every dev question in seconds rather than minutes.

    python bench/replay_rank.py prepare --out /tmp/cands.pkl      # retrieval once (minutes)
    python bench/replay_rank.py score --cands /tmp/cands.pkl       # the shipped weights, replayed

``prepare`` keeps, per question case of the dev sets (claims aside), the figures ranked with their
features and the cosine of each record's meaning to the question. ``score`` re-sums the features
with ``qa.rank.RerankWeights`` (plus any new feature computed from the cached ones), re-runs
``qa.decide.decide_answer`` with the shipped calibration and risk, and prints accuracy and wrong
figures per style and kind. It replays ``QA.answer_frame`` only (a question without a year goes
through qa.desk in the product): use bench/snapshot.py for the real numbers.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def prepare(out: str, sets: str) -> None:
    import numpy as np

    from eval.scorer import load_cases_lenient
    from qa.api import QA

    qa = QA.load()
    rows = []
    for path in sorted(ROOT.glob(sets)):
        if path.name.startswith("desk-"):
            continue
        for case in load_cases_lenient(path)[0]:
            if case.kind in ("claim_true", "claim_false"):
                continue
            frame = qa._analyse(case.question, "question")
            _, figs = qa.candidates(frame, qa.rerank_weights)
            vec = np.asarray(qa.index.embedder.embed_queries([frame.text])[0], dtype=np.float32)
            sims = qa.index.meanings @ (vec / (np.linalg.norm(vec) or 1.0))
            rows.append({"case": case, "set": path.name, "frame": frame, "figs": figs,
                         "sims": {sf.record.id: float(sims[qa.index.record_row[sf.record.id]]) for sf in figs},
                         "best_sim": float(sims.max())})
            print(len(rows), end="\r", flush=True)
    Path(out).write_bytes(pickle.dumps(rows))


def score(cands: str, variant: str) -> None:
    import bench.rank_variants as variants
    from eval.scorer import figure_ok
    from qa.calibration import load_calibration
    from qa.decide import Thresholds, decide_answer, trusted

    rows = pickle.loads(Path(cands).read_bytes())
    cal = load_calibration()
    rescore = getattr(variants, variant)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        case = row["case"]
        figs = rescore(row)
        chosen = decide_answer(figs, Thresholds(), cal, 1.0).chosen
        loose = trusted(figs, Thresholds(), 0.0, loose=True).chosen
        ranked_right = (loose is not None and case.value is not None
                        and figure_ok(case, loose.figure.value, loose.figure.unit))
        if case.kind == "unanswerable":
            right, wrong = chosen is None, chosen is not None
        else:
            right = chosen is not None and figure_ok(case, chosen.figure.value, chosen.figure.unit)
            wrong = chosen is not None and not right
        for g in ("all", f"style:{case.style}", f"kind:{case.kind}"):
            groups[g][0] += 1
            groups[g][1] += right
            groups[g][2] += wrong
            groups[g][3] += ranked_right
    # first: the rules' choice (before the calibrated bar) is the right figure
    print(f"{'group':<24}{'n':>5}{'acc':>8}{'wrong':>6}{'first':>7}")
    for g, (n, right, wrong, first) in sorted(groups.items()):
        print(f"{g:<24}{n:>5}{right / n:>8.3f}{wrong:>6}{first / n:>7.3f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("prepare", "score"))
    ap.add_argument("--out", default="/tmp/cands.pkl")
    ap.add_argument("--cands", default="/tmp/cands.pkl")
    ap.add_argument("--sets", default="eval/dev/*.jsonl")
    ap.add_argument("--variant", default="shipped")
    args = ap.parse_args()
    if args.what == "prepare":
        prepare(args.out, args.sets)
    else:
        score(args.cands, args.variant)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
