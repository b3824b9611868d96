"""`make bench-growth` (`python -m bench.growth`): issue 16's growth benchmark.

Generates a derived corpus (the five documents rewritten for other provinces, shifted years and
perturbed figures; bench/growth/corpus.py), builds an index of the real corpus (1×) and of the real
plus derived documents (N×) in separate data and corpus folders, and prints for both: build
chunks/s and peak RSS, reindex after one changed document, cold start, first question after a
build, warm ask p50/p95, query RSS, accuracy on the dev set's Guangdong questions, and the answers
citing another province's document, beside the issue's targets.

Everything goes through the CLI and the API (`python -m qa index`, `qa ask`, QA.load/ask/verify),
in child processes, so it runs on whatever code the checkout holds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.growth.corpus import MAX_PROVINCES, write_corpus
from bench.growth.report import as_json, table
from bench.growth.run import ROOT, StepFailed, Workspace, measure

# The smallest document both corpora hold: changed to time an incremental build.
CHANGED = "gd-ip-top10-events-2024.txt"
DEV = ROOT / "eval" / "dev"


def guangdong_cases(path: Path, real_files: set[str], n: int) -> list[dict[str, object]]:
    """``n`` cases of a dev set whose source is one of the real (Guangdong) documents, spread evenly
    over the set (0: all of them)."""
    from eval.scorer import load_cases_lenient

    if DEV.resolve() not in path.resolve().parents:
        raise SystemExit(f"--cases-file must be a set under {DEV} (the test sets are never read): got {path}")
    if not path.is_file():
        raise SystemExit(f"--cases-file {path} does not exist")
    cases, _ = load_cases_lenient(path)
    ours = [c for c in cases if c.source in real_files]
    if n and n < len(ours):
        ours = [ours[i * len(ours) // n] for i in range(n)]
    return [c.model_dump() for c in ours]


def _workspace(work: Path, label: str, corpus: Path, other: list[str], embedder: str | None) -> Workspace:
    from index.settings import Settings

    data = work / f"data-{label}"
    data.mkdir(parents=True)
    models = Settings.from_env().model_dir.parent
    if embedder != "fake":
        if not models.is_dir():
            raise SystemExit(f"no model in {models}: run `make model` first")
        (data / "models").symlink_to(models)
    return Workspace(label, corpus, data, other, CHANGED, embedder)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.growth", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, default=20,
                   help=f"N: the N× corpus adds N−1 other provinces (2 to {MAX_PROVINCES + 1}; default 20)")
    p.add_argument("--docs-per-province", type=int, default=5,
                   help="how many of the five documents each province gets (1 to 5; default 5)")
    p.add_argument("--cases", type=int, default=40, help="Guangdong dev questions to score (0: all; default 40)")
    p.add_argument("--cases-file", type=Path, default=DEV / "own.jsonl", help="a dev set (never eval/test/)")
    p.add_argument("--cold-runs", type=int, default=5,
                   help="rounds of reindex, first question and cold start to time (medians; default 5)")
    p.add_argument("--warm", type=int, default=60, help="warm asks to time (default 60)")
    p.add_argument("--work", type=Path, help="folder for the corpora and indexes (default: a temporary one)")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    p.add_argument("--save", type=Path, help="also write the measurements as JSON to this file")
    p.add_argument("--embedder", choices=["fake"], help="fake: SHA-256 vectors (tests only; times mean nothing)")
    args = p.parse_args(argv)
    if not 2 <= args.scale <= MAX_PROVINCES + 1:
        p.error(f"--scale must be 2 to {MAX_PROVINCES + 1}, got {args.scale}")
    if not 1 <= args.docs_per_province <= 5:
        p.error(f"--docs-per-province must be 1 to 5, got {args.docs_per_province}")
    if args.work and args.work.exists() and any(args.work.iterdir()):
        p.error(f"--work {args.work} is not empty: give a new or empty folder")
    started = time.perf_counter()
    real = ROOT / "corpus"
    cases = guangdong_cases(args.cases_file, {p.name for p in real.iterdir() if p.name != "metadata.json"},
                            args.cases)
    work = args.work or Path(tempfile.mkdtemp(prefix="qa-growth-"))
    try:
        base = work / "corpus-1x"
        write_corpus(real, base, 0, 0)
        # "20x" only when every province has all five documents; "20x-1doc": 19 provinces, one each.
        label = f"{args.scale}x" if args.docs_per_province == 5 else f"{args.scale}x-{args.docs_per_province}doc"
        derived = write_corpus(real, work / f"corpus-{label}", args.scale - 1, args.docs_per_province)
        cases_file = work / "cases.json"
        cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        print(f"derived corpus: {len(derived)} documents for {args.scale - 1} provinces in {work}; "
              f"{len(cases)} Guangdong questions from {args.cases_file.name}", file=sys.stderr)
        results = []
        for name, corpus, other in (("1x", base, []), (label, work / f"corpus-{label}", [d.file for d in derived])):
            ws = _workspace(work, name, corpus, other, args.embedder)
            results.append(measure(ws, cases_file, args.cold_runs, args.warm))
    except StepFailed as e:
        print(f"bench-growth: {e}", file=sys.stderr)
        return 1
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results[0], results[1]))
    others = results[1].probe.get("other_province_cases") or []
    if others:
        print(f"\nanswers citing another province's document ({label}): {', '.join(others)}")
    print(f"\n{label} = the real corpus plus {len(derived)} derived documents; "
          f"whole run {(time.perf_counter() - started) / 60:.1f} min")
    if args.save:
        args.save.write_text(json.dumps([as_json(m) for m in results], ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
