"""Offline: which wording of the figures' descriptions (index.meaning) lets a question's meaning find
its right figure? For every dev question with a figure, the rank of the first record with the right
value among all records by e5 cosine (query vector of the analysed question against each record's
description vector), as MRR, hit@1 and hit@5, by style and kind, for each description variant.
The query vectors are embedded once and cached (``--queries``); each variant re-embeds the 1×
records' descriptions (about 800, a minute or two).

    python bench/meaning_variants.py --variants shipped,clause,unit
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _queries(qa: Any, path: Path) -> list[dict[str, Any]]:
    if path.exists():
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    from eval.scorer import load_cases_lenient

    rows = []
    for p in sorted((ROOT / "eval" / "dev").glob("*.jsonl")):
        if p.name.startswith("desk-"):
            continue
        for case in load_cases_lenient(p)[0]:
            if case.kind in ("claim_true", "claim_false", "unanswerable") or case.value is None:
                continue
            frame = qa._analyse(case.question, "question")
            rows.append({"case": case, "text": frame.text})
    vecs = qa.index.embedder.embed_queries([r["text"] for r in rows])
    for row, vec in zip(rows, vecs, strict=True):
        unit = np.asarray(vec, dtype=np.float32)
        row["vec"] = unit / (np.linalg.norm(unit) or 1.0)
    path.write_bytes(pickle.dumps(rows))
    return rows


def _embed(records: Any, embed: Callable[[list[str]], list[list[float]]], describe: Callable[[Any], str]
           ) -> np.ndarray:
    from index.records import ANSWERABLE_KINDS

    texts = [describe(r) if r.kind in ANSWERABLE_KINDS else "" for r in records]
    todo = [i for i, t in enumerate(texts) if t]
    out = np.zeros((len(records), 384), dtype=np.float32)
    for k in range(0, len(todo), 64):
        part = todo[k : k + 64]
        for i, vec in zip(part, embed([texts[j] for j in part]), strict=True):
            unit = np.asarray(vec, dtype=np.float32)
            out[i] = unit / (np.linalg.norm(unit) or 1.0)
    return out


def _variant(name: str, qa: Any) -> Callable[[Any], str]:
    import bench.meaning_wordings as w
    from index.meaning_gloss import record_gloss

    return w.VARIANTS[name](record_gloss(qa.index.glossary), qa.index.glossary)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", default="shipped")
    ap.add_argument("--queries", default="/tmp/meaning-queries.pkl")
    ap.add_argument("--show", type=int, default=0, help="print this many descriptions of each variant")
    args = ap.parse_args()
    from eval.scorer import figure_ok
    from qa.api import QA

    qa = QA.load()
    rows = _queries(qa, Path(args.queries))
    records = qa.index.records
    embed = qa.index.embedder.embed_passages
    print(f"{len(rows)} questions, {len(records)} records")
    for name in filter(None, args.variants.split(",")):
        if name == "stored":
            mat = np.asarray(qa.index.meanings)
        else:
            describe = _variant(name, qa)
            if args.show:
                for r in records[:: max(1, len(records) // args.show)][: args.show]:
                    print("   ", describe(r))
            mat = _embed(records, embed, describe)
        groups: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
        for row in rows:
            case = row["case"]
            sims = mat @ row["vec"]
            rank = None
            for pos, i in enumerate(np.argsort(-sims)):
                if records[i].kind and figure_ok(case, records[i].value, records[i].unit):
                    rank = pos
                    break
            for g in ("all", f"style:{case.style}", f"kind:{case.kind}", f"lang:{case.lang}"):
                acc = groups[g]
                acc[0] += 1
                acc[1] += 1.0 / (rank + 1) if rank is not None else 0.0
                acc[2] += rank == 0
                acc[3] += rank is not None and rank < 5
        print(f"== {name}")
        for g, (n, rr, h1, h5) in sorted(groups.items()):
            if n >= 15:
                print(f"   {g:<24}{n:>5}  MRR {rr / n:.3f}  hit@1 {h1 / n:.3f}  hit@5 {h5 / n:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
