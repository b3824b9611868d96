"""int8 passages in fastembed's batches of 32 (the build cuts its batches by tokens instead) against one
text per run: time, and how far batch-mates move a batched vector. Prints figures; asserts nothing.

Session 12 measured (2 cores): 400 short texts 2.9 s batched, 4.2 s one per run; 120 texts of 700
characters 13.3 s and 9.2 s; batch-mates move a vector up to 0.017 a component. One text per run makes
a vector depend on its text alone (a fresh build, an incremental one and a 20× corpus agree), but the
calibration fitted on batched vectors then held back 16 right dev answers and verdicts and gained 6,
and a refit on the new vectors gave 491 right answers at risk 1 where the batched fit gives 537: not
adopted; see the session 12 note.

    python bench/embed_runs.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from index.embed import PASSAGE_PREFIX, E5Embedder
    from index.settings import Settings

    settings = Settings.from_env()
    embedder = E5Embedder(settings.model_dir, variant="int8")
    text = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in sorted(settings.corpus_dir.glob("*.txt")))
    short = [x.strip() for x in re.split(r"[。.;；]", text) if 15 <= len(x.strip()) <= 80][:400]
    long = [text[i : i + 700] for i in range(0, 700 * 120, 700)]
    model = embedder._load_model()

    def batched(texts: list[str]) -> np.ndarray:
        return np.array(list(model.embed([PASSAGE_PREFIX + t for t in texts], batch_size=32)))

    embedder.embed_passages(short[:4])
    for name, texts in (("short texts (figure descriptions)", short), ("700-character texts (chunks)", long)):
        t = time.perf_counter()
        a = batched(texts)
        seconds_batched = time.perf_counter() - t
        t = time.perf_counter()
        one = np.array([embedder.embed_passages([x])[0] for x in texts])
        seconds_one = time.perf_counter() - t
        moved = np.abs(a - batched(texts[::-1])[::-1]).max()
        print(f"{name}: {len(texts)} texts; batched 32 a run {seconds_batched:.1f} s, one per run {seconds_one:.1f} s; "
              f"batched vectors moved by their batch-mates up to {moved:.4f} a component; "
              f"batched against one per run, lowest cosine {(a * one).sum(1).min():.4f}")


if __name__ == "__main__":
    main()
