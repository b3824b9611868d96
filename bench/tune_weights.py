"""Search the reranker's weights on the dev questions' cached candidates (bench/replay_rank.py
prepare), replaying the calibrated answer decision, with whole case sets held out.

    python bench/replay_rank.py prepare --out /tmp/cands.pkl
    python bench/tune_weights.py --cands /tmp/cands.pkl [--wrong-cost 5] [--passes 2]

The sets are split in two by a hash of their file name: the search (coordinate steps, each weight
scaled by a few factors, a step kept where the tuning half's right answers minus wrong-cost × wrong
ones rise) sees one half; the other half is scored once, before and after. That held-out figure,
not the tuning one, says whether the weights generalize; then swap the halves (--swap) to see the
search's choices are not one half's. The chosen weights are printed, not written: a change to the
shipped numbers is a reviewed commit, measured with bench/snapshot.py (claims use the weights too).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FACTORS = (0.0, 0.5, 0.75, 1.33, 2.0)


def _half(name: str) -> int:
    return hashlib.sha1(name.encode()).digest()[0] % 2


def _first(rows: list[dict[str, Any]], w: Any) -> tuple[int, int, int]:
    """Questions, those whose rules' choice (before the calibrated bar) is right, and those answered
    by the rules where the question is unanswerable: the ranking alone, whatever its scale."""
    import bench.rank_variants as variants
    from eval.scorer import figure_ok
    from qa.decide import Thresholds, trusted

    t = Thresholds()
    right = unanswerable = 0
    for row in rows:
        case = row["case"]
        loose = trusted(variants.resum(row, w=w), t, 0.0, loose=True).chosen
        if case.kind == "unanswerable":
            unanswerable += loose is not None
        elif loose is not None:
            right += figure_ok(case, loose.figure.value, loose.figure.unit)
    return len(rows), right, unanswerable


def _tally(rows: list[dict[str, Any]], w: Any) -> tuple[int, int, int]:
    import bench.rank_variants as variants
    from eval.scorer import figure_ok
    from qa.calibration import load_calibration
    from qa.decide import Thresholds, decide_answer

    cal, t = load_calibration(), Thresholds()
    right = wrong = 0
    for row in rows:
        case = row["case"]
        chosen = decide_answer(variants.resum(row, w=w), t, cal, 1.0).chosen
        if case.kind == "unanswerable":
            right += chosen is None
            wrong += chosen is not None
        elif chosen is not None:
            ok = figure_ok(case, chosen.figure.value, chosen.figure.unit)
            right += ok
            wrong += not ok
    return len(rows), right, wrong


def main() -> int:
    from qa.rank import RerankWeights

    ap = argparse.ArgumentParser()
    ap.add_argument("--cands", default="/tmp/cands.pkl")
    ap.add_argument("--wrong-cost", type=float, default=5.0)
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--swap", action="store_true", help="tune on the other half")
    ap.add_argument("--first", action="store_true",
                    help="search on the rules' choice alone (right figures ranked first), which the weights' "
                    "scale cannot move: the calibration read the shipped scale, and scaling every weight up "
                    "would only raise the leads it reads")
    args = ap.parse_args()
    rows = pickle.loads(Path(args.cands).read_bytes())
    if rows and "set" not in rows[0]:
        ap.error(f"{args.cands} was prepared before its rows named their case set: run bench/replay_rank.py prepare again")
    tune_half = 1 if args.swap else 0
    tune = [r for r in rows if _half(r["set"]) == tune_half]
    held = [r for r in rows if _half(r["set"]) != tune_half]
    sets = sorted({r["set"] for r in tune})
    if min(len(tune), len(held)) < len(rows) / 4:
        print(f"warning: the split is lopsided ({len(tune)} tuning, {len(held)} held out)", file=sys.stderr)
    print(f"tuning on {len(tune)} questions ({len(sets)} sets: {', '.join(sets)}); {len(held)} held out")

    def gain(w: Any) -> float:
        if args.first:
            return _first(tune, w)[1]
        _, right, wrong = _tally(tune, w)
        return right - args.wrong_cost * wrong

    w = shipped = RerankWeights()
    best = gain(w)
    print(f"shipped: tuning {_tally(tune, w)}, held out {_tally(held, w)}; first: tuning {_first(tune, w)}, "
          f"held out {_first(held, w)}")
    for p in range(args.passes):
        for f in dataclasses.fields(RerankWeights):
            base = getattr(w, f.name)
            # a weight set to 0 may come back at its shipped value (a factor of 0 would keep it 0)
            values = [round(base * k, 3) for k in FACTORS] if base else [getattr(shipped, f.name)]
            for value in values:
                trial = dataclasses.replace(w, **{f.name: value})
                g = gain(trial)
                if g > best:
                    best, w = g, trial
            if getattr(w, f.name) != base:
                print(f"  pass {p + 1}: {f.name} {base} → {getattr(w, f.name)} (gain {best:g})", flush=True)
    print(f"chosen: {w}")
    print(f"chosen: tuning {_tally(tune, w)}, held out {_tally(held, w)}  (questions, right, wrong)")
    print(f"chosen, first: tuning {_first(tune, w)}, held out {_first(held, w)}  (questions, right, unanswerable taken)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
