"""The `qa` command: thin subcommands over the library; domain errors become clean messages."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from qa.settings import Settings


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 2."""


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from index.build import IndexProblem, build_index
    from index.corpus import CorpusError

    bar: tqdm | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="embedding chunks", unit="chunk", file=sys.stderr,
                       disable=args.quiet)
        bar.n = done
        bar.refresh()

    try:
        report = build_index(settings, force=args.force, progress=progress)
    except (IndexProblem, CorpusError) as e:
        raise CliError(str(e)) from e
    finally:
        if bar is not None:
            bar.close()
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qa",
        description="Questions and figure checks over Guangdong IP-protection documents (Chinese/English).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", help="build or update the search index from corpus/")
    p.add_argument("--force", action="store_true", help="re-embed everything, even unchanged chunks")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_index)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        return int(args.func(args, settings))
    except CliError as e:
        print(f"qa: error: {e}", file=sys.stderr)
        return 2
    except ValueError as e:  # invalid settings from the environment
        print(f"qa: error: {e}", file=sys.stderr)
        return 2
