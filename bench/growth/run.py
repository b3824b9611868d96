"""Measuring one corpus: each step is a child process of the project's own CLI (`python -m qa …`)
or of bench/growth/probe.py, timed from its start and with its own peak RSS (``os.wait4`` gives
the rusage of exactly that child).

That peak is the largest single process among the child and the children it waited for, never
their sum (the kernel's ru_maxrss). A build is one process — sampled every 2 s through a 1× and a
5× build, it started none — so the figure is the whole build's peak, model load included; `make
model` runs before, in a process of its own, and is not in it.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COLD_QUESTION = "How many IP cases did Guangdong courts conclude in 2024?"
# Appended to one document to measure an incremental build; a new paragraph, no figure.
CHANGE = "\n\n（本段由增长基准追加，用于测量一个文件改动后的重建。）\n"


class StepFailed(RuntimeError):
    """A child process failed; the message names the step and ends with its stderr."""


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # start to exit
    first_line: float | None  # start to the first line on stdout
    peak_rss_mb: float
    stdout: str


def run_child(args: list[str], env: dict[str, str], what: str, first_line: bool = False) -> ChildRun:
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        assert proc.stdout is not None
        first = None
        head = ""
        if first_line:
            head = proc.stdout.readline()
            first = time.perf_counter() - t
        rest = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().strip().splitlines()[-3:]
            raise StepFailed(f"{what} failed (exit {proc.returncode}): {' / '.join(tail)}")
    return ChildRun(seconds, first, usage.ru_maxrss / 1024, head + rest)


@dataclass
class Workspace:
    label: str
    corpus_dir: Path
    data_dir: Path
    other_files: list[str]  # files of the corpus that are another province's
    changed_file: str  # the document changed for the incremental build
    embedder: str | None = None  # "fake" for the tests

    def env(self) -> dict[str, str]:
        env = {**os.environ, "QA_DATA_DIR": str(self.data_dir), "QA_CORPUS_DIR": str(self.corpus_dir)}
        if self.embedder:
            env["QA_EMBEDDER"] = self.embedder
        return env


@dataclass
class Measures:
    label: str
    documents: int
    chunks: int | None = None
    build_s: float = 0.0
    build_rss_mb: float = 0.0
    reindex_runs: list[float] = field(default_factory=list)
    first_runs: list[float] = field(default_factory=list)
    cold_runs: list[float] = field(default_factory=list)
    probe: dict[str, Any] = field(default_factory=dict)
    query_rss_mb: float = 0.0

    @property
    def reindex_s(self) -> float:
        return statistics.median(self.reindex_runs) if self.reindex_runs else 0.0

    @property
    def first_question_s(self) -> float:
        return statistics.median(self.first_runs) if self.first_runs else 0.0

    @property
    def cold_start_s(self) -> float:
        return statistics.median(self.cold_runs) if self.cold_runs else 0.0

    @property
    def first_minus_cold_s(self) -> float | None:
        """The median of each round's first question after a build less that round's cold start."""
        pairs = [f - c for f, c in zip(self.first_runs, self.cold_runs, strict=False)]
        return statistics.median(pairs) if pairs else None

    @property
    def chunks_per_s(self) -> float | None:
        return self.chunks / self.build_s if self.chunks and self.build_s else None


def _chunks(summary: str) -> int | None:
    m = re.search(r"(\d[\d,]*) chunks", summary)
    return int(m.group(1).replace(",", "")) if m else None


def _log(msg: str) -> None:
    print(f"[growth {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _ask(ws: Workspace, what: str) -> float:
    run = run_child([sys.executable, "-m", "qa", "ask", "--json", COLD_QUESTION], ws.env(), what, first_line=True)
    if '"status"' not in run.stdout:
        raise StepFailed(f"{what}: `qa ask --json` printed no answer: {run.stdout[:200]!r}")
    assert run.first_line is not None
    return run.first_line


def measure(ws: Workspace, cases_file: Path, cold_runs: int, warm: int) -> Measures:
    """Build, change one document and build again, then the query measures, for one corpus."""
    py = sys.executable
    docs = len(json.loads((ws.corpus_dir / "metadata.json").read_text(encoding="utf-8"))["documents"])
    m = Measures(ws.label, docs)
    _log(f"{ws.label}: full build of {docs} documents")
    build = run_child([py, "-m", "qa", "index", "--quiet"], ws.env(), f"{ws.label} build")
    m.chunks, m.build_s, m.build_rss_mb = _chunks(build.stdout), build.seconds, build.peak_rss_mb
    _log(f"{ws.label}: built {m.chunks} chunks in {m.build_s:.1f} s; {cold_runs} rounds of changing "
         f"{ws.changed_file}, reindexing, the first question and a cold start")
    # Rounds side by side: change the document, reindex, ask (the first question after that build),
    # ask again (a cold start). A single first question against a median of cold starts came out
    # above it by 0.02 s about as often as below: the machine's noise, not the build's.
    path = ws.corpus_dir / ws.changed_file
    original = path.read_bytes()
    for i in range(max(cold_runs, 1)):
        path.write_bytes(original + CHANGE.encode("utf-8") * (1 + i % 2))
        m.reindex_runs.append(run_child([py, "-m", "qa", "index", "--quiet"], ws.env(), f"{ws.label} reindex").seconds)
        m.first_runs.append(_ask(ws, f"{ws.label} first question after the build"))
        if cold_runs:
            m.cold_runs.append(_ask(ws, f"{ws.label} cold start"))
        _log(f"{ws.label}: round {i + 1}: reindex {m.reindex_runs[-1]:.1f} s, first question "
             f"{m.first_runs[-1]:.2f} s, cold start {m.cold_runs[-1] if m.cold_runs else 0:.2f} s")
    _log(f"{ws.label}: eval questions and warm asks in one query process")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(ws.other_files, f)
        other = f.name
    try:
        probe = run_child([py, "-m", "bench.growth.probe", "--cases", str(cases_file), "--other", other,
                           "--warm", str(warm)], ws.env(), f"{ws.label} query probe")
    finally:
        os.unlink(other)
    m.probe = json.loads(probe.stdout.strip().splitlines()[-1])
    m.query_rss_mb = probe.peak_rss_mb
    return m
