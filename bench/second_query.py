"""Offline: does a second query — the question put into the other language through the glossary
(qa.mixed) — bring the right figure nearer by meaning? For each dev question with an answer, the
right record's rank among all records by meaning (index.meaning vectors) with the question's own
vector, the rewritten one's, their mean and their max; MRR by style/kind.

    python bench/second_query.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from eval.scorer import figure_ok, load_cases_lenient
    from qa.api import QA
    from qa.mixed import in_chinese, in_english

    qa = QA.load()
    idx = qa.index
    recs = idx.records
    mrr: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((ROOT / "eval" / "dev").glob("*.jsonl")):
        if path.name.startswith("desk-"):
            continue
        for case in load_cases_lenient(path)[0]:
            if case.kind in ("claim_true", "claim_false", "unanswerable") or case.value is None:
                continue
            frame = qa._analyse(case.question, "question")
            other = in_chinese(frame.text, idx.glossary) if frame.lang == "en" else in_english(frame.text)
            v1, v2 = (np.asarray(v, dtype=np.float32) for v in idx.embedder.embed_queries([frame.text, other]))
            v1 /= np.linalg.norm(v1)
            v2 /= np.linalg.norm(v2)
            s1, s2 = idx.meanings @ v1, idx.meanings @ v2
            ok = np.array([figure_ok(case, r.value, r.unit) for r in recs])
            for name, s in (("own", s1), ("rewrite", s2), ("mean", (s1 + s2) / 2), ("max", np.maximum(s1, s2))):
                order = np.argsort(-s)
                hits = np.nonzero(ok[order])[0]
                rr = 1.0 / (hits[0] + 1) if len(hits) else 0.0
                for g in ("all", f"lang:{frame.lang}", f"kind:{case.kind}", f"style:{case.style}"):
                    mrr[g][name].append(rr)
    print(f"{'group':<22}{'n':>5}" + "".join(f"{k:>9}" for k in ("own", "rewrite", "mean", "max")))
    for g, d in sorted(mrr.items()):
        print(f"{g:<22}{len(d['own']):>5}" + "".join(f"{np.mean(d[k]):>9.3f}" for k in ("own", "rewrite", "mean", "max")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
