"""Offline: does a candidate feature let the calibrated answer decision give more right answers at
the same risk? Reads the cache of bench/replay_rank.py (``prepare``), re-ranks each case with a
variant of bench/rank_variants.py, takes the rules' loose choice as eval.calibrate does, and fits
the answer model with and without the extra features (cross-validated as eval.calibrate does).

    python bench/para_calib.py --cands /tmp/cands.pkl --extra meaning_first,meaning_lead
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def extras(row: dict[str, Any], chosen: Any, figs: list[Any]) -> dict[str, float]:
    """Features of the loose choice computed from the cached cosines: how its meaning stands among
    the candidates that give another value."""
    sims = row["sims"]
    own = sims[chosen.record.id]
    others = [sims[f.record.id] for f in figs if f.figure.value != chosen.figure.value]
    best_other = max(others, default=own - 0.1)
    lexical_first = max((f for f in figs), key=lambda f: f.features.get("context", 0.0))
    return {
        "meaning_first": float(own >= best_other),
        "meaning_lead": max(-0.1, min(0.1, own - best_other)) * 10,
        "cosine": own,
        "best_cosine": row["best_sim"],
        "lexical_agrees": float(lexical_first.figure.value == chosen.figure.value),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cands", default="/tmp/cands.pkl")
    ap.add_argument("--variant", default="shipped")
    ap.add_argument("--extra", default="")
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    import bench.rank_variants as variants
    from eval.risk_bar import choose_bar
    from eval.scorer import figure_ok
    from qa.calibration import FEATURES, features
    from qa.decide import Thresholds, trusted

    rows = pickle.loads(Path(args.cands).read_bytes())
    rescore = getattr(variants, args.variant)
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    groups: list[str] = []
    for row in rows:
        case = row["case"]
        figs = rescore(row)
        d = trusted(figs, Thresholds(), 0.0, loose=True)
        if d.chosen is None:
            continue
        right = case.kind != "unanswerable" and figure_ok(case, d.chosen.figure.value, d.chosen.figure.unit)
        x = features(d.chosen, d.rival, d.chosen.features.get("role_match", 0.0))
        x.update(extras(row, d.chosen, figs))
        xs.append(x)
        ys.append(int(right))
        groups.append(f"{case.style or 'schema'}/{case.kind}")
    n_cases = len(rows)
    y = np.array(ys)
    extra = [e for e in args.extra.split(",") if e]
    for name, cols in (("shipped features", list(FEATURES)), (f"+ {','.join(extra)}", list(FEATURES) + extra)):
        x = np.array([[r[c] for c in cols] for r in xs])
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
        cv = np.mean([cross_val_predict(model, x, y, cv=StratifiedKFold(5, shuffle=True, random_state=s),
                                        method="predict_proba")[:, 1] for s in range(10)], axis=0)
        choice = choose_bar(cv.tolist(), y.tolist(), n_cases, 1.0)
        given = cv >= choice.bar
        by: Counter[str] = Counter()
        for g, k, r in zip(groups, given, ys, strict=True):
            if k and r:
                by[g.split("/")[0]] += 1
                by["kind:" + g.split("/")[1]] += 1
        model.fit(x, y)
        coefs = ", ".join(f"{c} {v:+.2f}" for c, v in zip(cols, model[1].coef_[0], strict=True) if c in extra)
        print(f"{name}: {len(ys)} choices ({y.sum()} right); risk 1 bar {choice.bar:.3f}: {choice.right} right, "
              f"{choice.wrong} wrong given of {n_cases} cases (≤ {choice.upper_per_100:.2f}/100) {coefs}")
        print("   right given by style/kind:", dict(sorted(by.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
