"""`qa add FILE` and `qa remove ID`: thin commands over index.intake.

Each prints what it will do (the metadata entry with where every field came from), does it, and
reindexes with the usual progress bar and summary; then, as after any reindex, the eval suite
runs (when installed: `qa eval` is a command the eval package adds) so a document that changes
answers is seen at once. A refused file is one line on stderr and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from index.settings import Settings
from qa.cli import PLUGIN_GROUP, CliError


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """The embedding progress bar of `qa index` (on a terminal only)."""
    from tqdm import tqdm

    bar: tqdm | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="embedding chunks", unit="chunk", file=sys.stderr,
                       disable=True if quiet else None)
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()


@contextmanager
def _clean_errors() -> Iterator[None]:
    from index.corpus import CorpusError
    from index.intake import IntakeError
    from index.problems import IndexProblem

    try:
        yield
    except (IntakeError, CorpusError, IndexProblem) as e:
        raise CliError(str(e)) from e


def _run_eval(args: argparse.Namespace, settings: Settings, done: str) -> int:
    """The eval suite after a reindex, through its own command; its exit status is the command's."""
    from importlib.metadata import entry_points

    if args.no_eval or not entry_points(group=PLUGIN_GROUP, name="eval"):
        return 0
    from qa.cli import build_parser

    print("\nEval suite on the new index (`qa eval`; --no-eval skips it):", flush=True)
    eval_args = build_parser().parse_args(["eval"])
    status = int(eval_args.func(eval_args, settings))
    if status != 0:
        print(f"qa: the eval is below its thresholds after this change: {done}", file=sys.stderr)
    return status


def _cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    from index.intake import AddPlan, Given, add_document

    given = Given(id=args.id, title_zh=args.title_zh, title_en=args.title_en, year=args.year, kind=args.kind,
                  published=args.published, place=args.place, publisher=args.publisher)

    def show(plan: AddPlan) -> None:
        print(("Would add " if args.dry_run else "Adding ") + plan.describe(), flush=True)

    with _clean_errors(), _progress(args.quiet) as progress:
        plan, report = add_document(settings, Path(args.file), given, allow_similar=args.allow_similar,
                                    dry_run=args.dry_run, progress=progress, on_plan=show)
    fix = f"to correct a field, `qa remove {plan.meta.id}` and run: {plan.correction()}"
    if report is None:
        print(f"Dry run: nothing was changed. To add it with other fields: {plan.correction()}")
        return 0
    print(report.summary())
    print(f"Added {plan.meta.id}; {fix}")
    return _run_eval(args, settings, f"`qa remove {plan.meta.id}` undoes it")


def _cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from index.intake import add_command
    from index.intake_remove import remove_document

    with _clean_errors(), _progress(args.quiet) as progress:
        plan, kept, report = remove_document(settings, args.id, dry_run=args.dry_run, progress=progress)
    if report is None:
        print(f"Would {plan.describe()}\nDry run: nothing was changed.")
        return 0
    print(f"Removed {plan.meta.id}: {plan.describe().split(': ', 1)[1]}")
    print(report.summary())
    assert kept is not None
    back = add_command(kept / plan.meta.file, plan.meta) if (kept / plan.meta.file).is_file() else None
    print(f"A copy of the file and its entry is kept in {kept}" + (f"; to add it back: {back}" if back else "."))
    return _run_eval(args, settings, f"the removed file is kept in {kept}")


def register(sub: Any) -> None:
    """The two commands, on the `qa` parser's subcommands."""
    p = sub.add_parser("add", help="add a document to the corpus and reindex",
                       description="Copy FILE into the corpus, write its metadata entry (each field not given "
                                   "is read from the text and printed) and reindex. A file that cannot be "
                                   "added changes nothing.")
    p.add_argument("file", help="a text file (UTF-8, GB18030 or Big5)")
    p.add_argument("--id", help="the document's id (default: from the file name)")
    p.add_argument("--title-zh", help="Chinese title (default: the text's heading line)")
    p.add_argument("--title-en", help="English title (default: the text's English heading line)")
    p.add_argument("--year", type=int, help="the year it reports on (default: the year in its title)")
    p.add_argument("--kind", choices=["white_paper", "plan", "news"], help="default: from the title's words")
    p.add_argument("--published", help="publication date, YYYY-MM-DD (default: the page header's date)")
    p.add_argument("--place", help="the place it is about: a name or id of index/lexicon/places.tsv, or none "
                                   "(default: the place its title names)")
    p.add_argument("--publisher", help="who published it")
    p.add_argument("--allow-similar", action="store_true",
                   help="add it even though a document with nearly the same text is in the corpus")
    _common(p)
    p.set_defaults(func=_cmd_add)
    p = sub.add_parser("remove", help="remove a document from the corpus and reindex")
    p.add_argument("id", help="the document's id (as in corpus/metadata.json)")
    _common(p)
    p.set_defaults(func=_cmd_remove)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="print what would happen, change nothing")
    p.add_argument("--no-eval", action="store_true", help="do not run the eval suite after reindexing")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
