"""The desk's speed, warm: each turn of the conversations in bench/desk_conversations.jsonl through
``QA.chat`` (follow-ups, comparisons, questions without a year), against the ask budget
(p95 ≤ 100 ms). Printed, not asserted. ``python bench/bench_desk.py`` (also part of `make bench`)."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CONVERSATIONS = Path(__file__).with_name("desk_conversations.jsonl")


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[max(0, int(0.95 * len(times)) - 1)]


def bench_desk(qa: Any = None, rounds: int = 3) -> None:
    from qa.api import QA

    qa = qa or QA.load()
    conversations = [json.loads(line) for line in CONVERSATIONS.read_text(encoding="utf-8").splitlines() if line]
    qa.chat(conversations[0][0], [])  # warm
    kinds: dict[str, list[float]] = {"follow-up": [], "comparison": [], "no year": [], "first turn": []}
    for _ in range(rounds):
        for turns in conversations:
            for i, turn in enumerate(turns):
                t = time.perf_counter()
                out = qa.chat(turn, turns[:i])
                took = time.perf_counter() - t
                kind = ("comparison" if out.comparison is not None else "follow-up" if out.followup
                        else "no year" if not any(ch.isdigit() for ch in turn) else "first turn")
                kinds[kind].append(took)
    for kind, times in kinds.items():
        if times:
            print(f"chat [{kind}] (warm, {len(times)} turns): p50 {1000 * statistics.median(times):.0f} ms, "
                  f"p95 {1000 * _p95(times):.0f} ms")


if __name__ == "__main__":
    bench_desk()
