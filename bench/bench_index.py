"""`make bench`: index build time (full, no-change), chunks/s, and query latency, cold start, RSS.

Targets on this 2-core machine: full build ≤ 60 s, no-change rebuild ≤ 3 s; ask p50 ≤ 100 ms,
p95 ≤ 250 ms, cold start ≤ 5 s, peak RSS ≤ 1.5 GB; an article of 20 claim sentences checked in ≤ 2 s.
Figures are printed, not asserted.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - t, out.stdout.strip().splitlines()[-1]


def bench_index(variant: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    try:
        (tmp / "models").symlink_to(ROOT / ".qa" / "models")
        env = {**os.environ, "QA_DATA_DIR": str(tmp), "QA_MODEL_VARIANT": variant}
        qa = [sys.executable, "-m", "qa", "index", "--quiet"]
        full, summary = _run(qa, env)
        chunks = int(summary.split(" chunks")[0].split()[-1])
        again, _ = _run(qa, env)
        print(f"index [{variant}]: full build {full:.1f} s ({chunks / full:.1f} chunks/s, {chunks} chunks); "
              f"no-change rebuild {again:.2f} s (process start to exit)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench_queries() -> None:
    from eval.schema import load_cases
    from qa.api import QA

    t0 = time.perf_counter()
    qa = QA.load()
    qa.ask("2024年广东检察机关批准逮捕侵犯知识产权犯罪案件多少件?")
    first = time.perf_counter() - t0
    questions = [c.question for c in load_cases()]
    times = []
    for q in questions:
        t = time.perf_counter()
        qa.ask(q)
        times.append(time.perf_counter() - t)
    times.sort()
    p95 = times[max(0, int(0.95 * len(times)) - 1)]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ask (warm, {len(times)} eval questions): p50 {1000 * statistics.median(times):.0f} ms, "
          f"p95 {1000 * p95:.0f} ms; in-process load + first answer {first:.2f} s; peak RSS {rss:.0f} MB")


def article_of_claims(n: int = 20) -> str:
    """An article of ``n`` claim sentences: the eval set's claims (true and false, both languages),
    one a sentence, as a news text restates them."""
    from eval.schema import load_cases

    claims = [c.question.strip() for c in load_cases() if c.kind in ("claim_true", "claim_false")][:n]
    out = []
    for c in claims:
        zh = any("\u4e00" <= ch <= "\u9fff" for ch in c)
        end = "" if c[-1] in "。.!?！？" else "。" if zh else "."
        out.append(c + end + ("" if zh else " "))
    return "".join(out)


def bench_article(runs: int = 3) -> None:
    """`QA.check_article` on an article of 20 claim sentences, warm (target ≤ 2 s)."""
    from qa.api import QA

    qa = QA.load()
    text = article_of_claims()
    check = qa.check_article(text)  # warm: model, tokenizers, caches
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        check = qa.check_article(text)
        times.append(time.perf_counter() - t)
    s = check.summary
    print(f"article check (warm, {s.claims} claim sentences of {s.sentences}, {len(text)} characters): median "
          f"{statistics.median(times):.2f} s of {runs} (runs: {', '.join(f'{x:.2f}' for x in times)}); "
          f"{s.supported} supported, {s.contradicted} contradicted, {s.not_found} not found, {s.skipped} skipped")


def bench_cold_start(runs: int = 3) -> None:
    """`qa ask` from process start to its answer reaching the parent, and to the process's exit:
    the median of ``runs`` fresh processes."""
    command = [sys.executable, "-m", "qa", "ask", "--json", "How many IP cases did Guangdong courts conclude in 2024?"]
    to_answer, to_exit = [], []
    for _ in range(runs):
        t = time.perf_counter()
        with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True) as proc:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            to_answer.append(time.perf_counter() - t)
            proc.wait()
            to_exit.append(time.perf_counter() - t)
        if proc.returncode != 0 or '"status": "answered"' not in line:
            raise SystemExit(f"cold start run failed: exit {proc.returncode}, printed {line!r}")
    print(f"cold start (process start to first answer, median of {runs}): {statistics.median(to_answer):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in to_answer)}); to process exit {statistics.median(to_exit):.2f} s")


if __name__ == "__main__":
    for v in ("fp32", "int8"):
        bench_index(v)
    bench_cold_start()
    bench_queries()
    bench_article()
    from bench.bench_desk import bench_desk

    bench_desk()
