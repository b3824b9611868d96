"""Cold start: a fresh ``python -m qa ask --json QUESTION`` child, from process start to its answer.

    python bench/cold.py --runs 5 --setup new=/work/wt-x --setup old=/work/main \
        [--data new=/path/to/data] [--corpus DIR] [--question Q]

Each ``--setup LABEL=DIR`` runs the child with cwd and PYTHONPATH = DIR (so that checkout's code
answers); ``--data LABEL=DIR`` sets that setup's ``QA_DATA_DIR``. The setups alternate run by
run (old, new, old, new, ...), so a change of the machine's load falls on both alike. Printed per
run and as medians: wall seconds to the end of the answer, CPU seconds (user + sys of the child,
from ``os.wait4``: the robust figure on a shared machine) and peak RSS (MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

QUESTION = "2024年广东全省法院新收知识产权案件多少件?"


def run_child(cwd: str, env: dict[str, str], question: str) -> tuple[float, float, float, str]:
    start = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "qa", "ask", "--json", question], cwd=cwd, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert p.stdout is not None
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, out if status == 0 else "ERROR"


def answer_key(out: str) -> str:
    try:
        d = json.loads(out)
    except ValueError:
        return out[:80]
    d.pop("seconds", None)
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--setup", action="append", required=True, help="LABEL=DIR (code checkout)")
    p.add_argument("--data", action="append", default=[], help="LABEL=DIR (QA_DATA_DIR for that setup)")
    p.add_argument("--corpus", help="QA_CORPUS_DIR for every setup")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--question", default=QUESTION)
    args = p.parse_args()
    setups = dict(s.split("=", 1) for s in args.setup)
    data = dict(s.split("=", 1) for s in args.data)
    results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in setups}
    answers: dict[str, set[str]] = {k: set() for k in setups}
    for i in range(args.runs):
        for label, cwd in setups.items():
            env = dict(os.environ, PYTHONPATH=cwd)
            if label in data:
                env["QA_DATA_DIR"] = data[label]
            if args.corpus:
                env["QA_CORPUS_DIR"] = args.corpus
            wall, cpu, rss, out = run_child(cwd, env, args.question)
            results[label].append((wall, cpu, rss))
            answers[label].add(answer_key(out))
            print(f"run {i + 1} {label:>6}: wall {wall:5.2f} s  cpu {cpu:5.2f} s  rss {rss:4.0f} MB"
                  + ("" if out != "ERROR" else "  FAILED"), flush=True)
    for label, rs in results.items():
        med = [statistics.median(r[j] for r in rs) for j in range(3)]
        print(f"median {label:>6}: wall {med[0]:5.2f} s  cpu {med[1]:5.2f} s  rss {med[2]:4.0f} MB"
              f"  (min cpu {min(r[1] for r in rs):.2f})")
    distinct = {a for s in answers.values() for a in s}
    print("answers identical across setups and runs:", len(distinct) == 1)


if __name__ == "__main__":
    main()
