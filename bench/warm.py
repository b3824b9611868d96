"""Warm per-question cost of ``QA.ask`` (and ``verify`` for claims): CPU time per question, the
answers themselves (to show a speed-up changes none), and optionally a cProfile of the asks.

    python -m bench.warm --cases /work/notes/growth/cases.json --cases eval/dev/own.jsonl \
        --passes 3 --dump /tmp/answers.json --profile /tmp/ask.prof

CPU time (``time.process_time``, all threads of the process) rather than wall time: the machine
is shared, and CPU time is what another process's load changes least. Each question is asked once
before timing (the app's questions arrive at a loaded, warmed process), then ``--passes`` times;
a question's time is the median of its passes. No answer is cached between asks by this tool.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import time
from pathlib import Path
from typing import Any


def read_cases(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * len(s)) - 1))]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=Path, action="append", required=True, help="a JSON list or JSONL of eval cases")
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--dump", type=Path, help="write every answer (less its seconds) here, as JSON")
    p.add_argument("--compare", type=Path, help="an earlier --dump: print the questions whose answer differs")
    p.add_argument("--profile", type=Path, help="write a cProfile of the timed asks here")
    p.add_argument("--claims", action="store_true", help="verify the claim cases too (dumped, not timed)")
    args = p.parse_args()
    from qa.api import QA

    cases = [c for path in args.cases for c in read_cases(path)]
    questions = list(dict.fromkeys(c["question"] for c in cases if not c["kind"].startswith("claim")))
    claims = list(dict.fromkeys(c["question"] for c in cases if c["kind"].startswith("claim")))
    qa = QA.load()
    answers: dict[str, Any] = {}
    for q in questions:  # the first ask of each: warms the process, and the answer to compare
        answers[q] = qa.ask(q).model_dump(exclude={"seconds"})
    if args.claims:
        for c in claims:
            answers["verify: " + c] = qa.verify(c).model_dump(exclude={"seconds"})
    times: dict[str, list[float]] = {q: [] for q in questions}
    walls: list[float] = []
    prof = cProfile.Profile() if args.profile else None
    for _ in range(args.passes):
        for q in questions:
            if prof is not None:
                prof.enable()
            t, w = time.process_time(), time.perf_counter()
            qa.ask(q)
            times[q].append(1000 * (time.process_time() - t))
            walls.append(1000 * (time.perf_counter() - w))
            if prof is not None:
                prof.disable()
    if prof is not None:
        prof.dump_stats(str(args.profile))
    per_q = [statistics.median(ts) for ts in times.values()]
    print(json.dumps({"questions": len(questions), "passes": args.passes,
                      "cpu_p50_ms": round(statistics.median(per_q), 1) if per_q else None,
                      "cpu_p95_ms": round(percentile(per_q, 0.95), 1) if per_q else None,
                      "cpu_mean_ms": round(statistics.fmean(per_q), 1) if per_q else None,
                      # Every timed ask's wall time, as the growth probe counts them (noisy on a shared machine).
                      "wall_p50_ms": round(statistics.median(walls), 1) if walls else None,
                      "wall_p95_ms": round(percentile(walls, 0.95), 1) if walls else None}))
    if args.dump:
        args.dump.write_text(json.dumps(answers, ensure_ascii=False, indent=0, default=str), encoding="utf-8")
    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        new = json.loads(json.dumps(answers, ensure_ascii=False, default=str))
        changed = [q for q in new if q in old and old[q] != new[q]]
        missing = [q for q in old if q not in new]
        for q in changed:
            keys = sorted(k for k in new[q] if old[q].get(k) != new[q].get(k))
            # The order of the passages searched alone ("retrieved") moves between runs of one
            # build: Chroma's approximate search is not repeatable to the last near-tie.
            what = "only the passage order" if keys == ["retrieved"] else "the answer"
            diff = {k: (old[q].get(k), new[q].get(k)) for k in keys if k != "retrieved"}
            print(f"CHANGED ({what}: {', '.join(keys)}) {q}: {json.dumps(diff, ensure_ascii=False, default=str)[:400]}")
        print(f"{len(changed)} changed, {len(missing)} not asked, of {len(old)}")


if __name__ == "__main__":
    main()
