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
    own_f = chosen.features.get("meaning", 0.0)
    other_f = max((f.features.get("meaning", 0.0) for f in figs if f.figure.value != chosen.figure.value),
                  default=own_f - 1.0)
    return {
        "meaning_lead_f": max(-1.0, min(1.0, own_f - other_f)),
        "meaning_top": float(own_f >= 0.999),
        "lexical_cp": float(max(figs, key=lambda f: (round(f.features.get("context", 0.0), 6),
                                                     f.features.get("precision", 0.0))).figure.value
                            == chosen.figure.value),
        "lexical_cm": float(max(figs, key=lambda f: (round(f.features.get("context", 0.0), 6),
                                                     f.features.get("metric", 0.0),
                                                     f.features.get("precision", 0.0))).figure.value
                            == chosen.figure.value),
        "lexical_strict": float(max((f.features.get("context", 0.0) for f in figs if f.figure.value == chosen.figure.value),
                                    default=0.0) > max((f.features.get("context", 0.0) for f in figs
                                                        if f.figure.value != chosen.figure.value), default=-1.0)),
        "meaning_own": own_f,
        "lexical_lead": min(1.0, lexical_first.features.get("context", 0.0) - max(
            (f.features.get("context", 0.0) for f in figs if f.figure.value != lexical_first.figure.value),
            default=0.0)) * float(lexical_first.figure.value == chosen.figure.value),
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
    rows_used: list[dict[str, Any]] = []
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
        rows_used.append(row)
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
        fitted = model.predict_proba(x)[:, 1]
        ids = [r["case"].id for r in rows_used]
        print("   in-sample wrong at the bar:", [(i, round(float(p), 3)) for i, p, r in zip(ids, fitted, ys, strict=True)
                                                if p >= choice.bar and not r],
              "right:", int(sum(1 for p, r in zip(fitted, ys, strict=True) if p >= choice.bar and r)))
        coefs = ", ".join(f"{c} {v:+.2f}" for c, v in zip(cols, model[1].coef_[0], strict=True) if c in extra)
        print(f"{name}: {len(ys)} choices ({y.sum()} right); risk 1 bar {choice.bar:.3f}: {choice.right} right, "
              f"{choice.wrong} wrong given of {n_cases} cases (≤ {choice.upper_per_100:.2f}/100) {coefs}")
        print("   right given by style/kind:", dict(sorted(by.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
