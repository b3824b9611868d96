"""Run every case set through one loaded QA and write each case's outcome (a snapshot); with
``--compare OLD.json`` print what changed, set by set and case by case.

    python bench/snapshot.py --out /tmp/after.json --compare /tmp/before.json

A refactor that claims to change nothing must show no changed case here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def case_files(which: str, names: str = "*", skip: str | None = None) -> list[Path]:
    from eval.schema import case_files as sets_in

    return [f for folder in sorted((ROOT / "eval").glob(which)) if folder.is_dir() for f in sets_in(folder)
            if f.match(names) and not (skip and f.match(skip))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--compare")
    ap.add_argument("--sets", default="dev", help="dev, test or * (both)")
    ap.add_argument("--files", default="*", help="only the set files whose names match (e.g. 'users-*.jsonl')")
    ap.add_argument("--skip", help="leave out the set files whose names match (a set still being written)")
    bars = ap.add_mutually_exclusive_group()
    bars.add_argument("--hand-gates", action="store_true", help="the hand-set bars instead of the calibrated model")
    bars.add_argument("--calibration", help="a fitted calibration file (python -m eval.calibrate --out F) to use "
                    "instead of qa/calibration.json")
    args = ap.parse_args()
    from eval.scorer import confident_wrong, load_cases_lenient, run_eval
    from index.corpus import read_corpus
    from qa.api import QA

    if args.calibration:
        from qa.calibration import load_calibration

        qa = QA.load(calibration=load_calibration(Path(args.calibration)))
    else:
        qa = QA.load(calibration=None) if args.hand_gates else QA.load()
    settings = qa.index.settings
    raw = {d.meta.file: d.text for d in read_corpus(settings.corpus_dir).documents}
    snap: dict[str, dict[str, dict[str, object]]] = {}
    for path in case_files(args.sets, args.files, args.skip):
        cases, _ = load_cases_lenient(path)
        style = {c.id: c.style for c in cases}
        results = run_eval(qa, cases, raw)
        snap[str(path.relative_to(ROOT))] = {
            r.id: {"correct": r.correct, "got": r.got, "value": r.got_value, "abstained": r.abstained,
                   "confidence": r.confidence, "choice_correct": r.choice_correct, "style": style.get(r.id),
                   # A wrong figure or verdict given: the headline's confident wrong, as `qa eval` counts it.
                   "wrong": confident_wrong(r), "kind": r.kind}
            for r in results}
    Path(args.out).write_text(json.dumps(snap, ensure_ascii=False, indent=0), encoding="utf-8")
    # Cases are matched by id (unique across sets), so a set may move or be renamed.
    old = {cid: c for cases in json.loads(Path(args.compare).read_text(encoding="utf-8")).values()
           for cid, c in cases.items()} if args.compare else {}
    print(f"{'set':<28}{'n':>5}{'acc':>8}{'wrong':>7}" + (f"{'acc before':>12}{'wrong before':>14}" if old else ""))
    changed = []
    for name, cases in snap.items():
        acc = sum(c["correct"] for c in cases.values()) / max(1, len(cases))
        wrong = sum(c["wrong"] for c in cases.values())
        line = f"{name:<28}{len(cases):>5}{acc:>8.3f}{wrong:>7}"
        before = {cid: old[cid] for cid in cases if cid in old}
        if before:
            line += f"{sum(c['correct'] for c in before.values()) / len(before):>12.3f}" \
                    f"{sum(c['wrong'] for c in before.values()):>14}"
            changed += [(name, cid, before[cid], c) for cid, c in cases.items()
                        if cid in before and (before[cid]["correct"], before[cid]["got"]) != (c["correct"], c["got"])]
        print(line)
    for name, cid, b, a in changed:
        if "/test/" in name:
            # A test set's cases stay unread: only which case changed, and which way.
            print(f"CHANGED {name} {cid}: {'right' if b['correct'] else 'wrong'} → {'right' if a['correct'] else 'wrong'}")
        else:
            print(f"CHANGED {name} {cid}: {b['got']} ({'right' if b['correct'] else 'wrong'}) → "
                  f"{a['got']} ({'right' if a['correct'] else 'wrong'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
