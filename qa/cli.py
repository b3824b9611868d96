"""The `qa` command: thin subcommands over the library; domain errors become clean messages."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.offline import go_offline
from index.settings import Settings
from qa.errors import describe, quiet_thread_errors


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 2."""


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from index.build import build_index
    from index.corpus import CorpusError
    from index.problems import IndexProblem

    bar: tqdm | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="embedding chunks", unit="chunk", file=sys.stderr,
                       disable=True if args.quiet else None)  # None: only on a terminal
        bar.n = done
        bar.refresh()

    if args.check:
        return _cmd_doctor(args, settings)
    try:
        report = build_index(settings, force=args.force, progress=progress)
    except (IndexProblem, CorpusError) as e:
        raise CliError(str(e)) from e
    finally:
        if bar is not None:
            bar.close()
    print(report.summary())
    return 0


def _cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    """The state of the index in plain words; exit 1 when something needs repair."""
    from index.check import inspect

    print(f"data folder: {settings.data_dir}\ncorpus: {settings.corpus_dir}\n"
          f"vector store: {settings.chroma_url or settings.index_dir / 'chroma'}")
    health = inspect(settings)
    print(health.report())
    return 0 if health.ok else 1


def _load_qa(settings: Settings):  # type: ignore[no-untyped-def]
    """QA loaded from an index checked first: a damaged one gives a message, not a traceback."""
    from index.build import check_manifest, read_manifest
    from index.check import quick_check
    from qa.api import QA
    from qa.errors import describe

    try:
        quick_check(settings, check_manifest(settings, read_manifest(settings)))
        return QA.load(settings)
    except Exception as e:  # every failure to load is one line; see qa.errors
        raise CliError(describe(e)) from e


def read_user_file(name: str, *, folder_hint: str, max_bytes: int | None = None, too_big: str = "") -> bytes:
    """The bytes of a file the user named, or a CliError naming the problem in one line;
    ``folder_hint`` says what to give instead of a folder, ``too_big`` (with ``{size}``) what to do
    with a file over ``max_bytes``."""
    path = Path(name)
    try:
        if max_bytes is not None and path.is_file() and (size := path.stat().st_size) > max_bytes:
            raise CliError(f"{name} is {size:,} bytes, {too_big}")
        return path.read_bytes()
    except FileNotFoundError as e:
        raise CliError(f"{name}: no such file") from e
    except IsADirectoryError as e:
        raise CliError(f"{name} is a folder: {folder_hint}") from e
    except PermissionError as e:
        raise CliError(f"{name} cannot be read (permission denied): check its permissions") from e
    except OSError as e:
        raise CliError(f"{name} cannot be read ({e.strerror or e})") from e


def decode_user_text(name: str, data: bytes) -> str:
    """UTF-8 text; a byte-order mark (Windows editors add one) is not text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CliError(f"{name} is not UTF-8 text: save it as UTF-8") from e


def _inputs(args: argparse.Namespace, what: str) -> list[str]:
    if args.file and args.text is not None:
        raise CliError(f"give either a {what} or --file {args.file}, not both")
    if args.file:
        data = read_user_file(args.file, folder_hint=f"give a text file with one {what} per line")
        lines = decode_user_text(args.file, data).splitlines()
        items = [line for line in lines if line.strip()]
        if not items:
            raise CliError(f"{args.file} holds no {what}: put one {what} per line")
        return items
    if args.text is None:
        raise CliError(f"give a {what} (in quotes) or --file FILE")
    return [args.text]


def _run_each(args: argparse.Namespace, settings: Settings, what: str, call: str,
              render: Callable[[Any], str]) -> int:
    from index.leases import hold
    from qa.errors import describe

    items = _inputs(args, what)
    qa = _load_qa(settings)
    # While this runs, no `qa index` may drop the collection it reads (a long --file run).
    lease = hold(settings.index_dir, qa.index.manifest.build_id)
    status = 0
    try:
        for n, item in enumerate(items, 1):
            try:
                result = getattr(qa, call)(item)
            except (BrokenPipeError, KeyboardInterrupt):
                raise
            except Exception as e:  # one failed line is reported; the rest still run
                message = describe(e)
                status = 2
                if args.json:
                    print(json.dumps({"status": "error", "input": item, "error": message}, ensure_ascii=False))
                    continue
                if not args.file:
                    raise CliError(message) from e
                print(f"qa: error: {args.file} line {n}: {message}", file=sys.stderr)
                continue
            if args.json:
                print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
            else:
                print(render(result))
                if args.file:
                    print()
    finally:
        if lease is not None:
            lease.release()
    return status


def _render_citation(n: int, c: Any) -> str:
    quote = c.quote
    if c.figure_start is not None and c.figure_end is not None:
        quote = f"{quote[: c.figure_start]}【{quote[c.figure_start : c.figure_end]}】{quote[c.figure_end :]}"
    where = f"{c.title} ({c.year})" + (f", {c.section}" if c.section else "")
    return f"  [{n}] {where}\n      “{quote}”\n      {c.source} chars {c.start}-{c.end}"


def _render_answer(a: Any) -> str:
    lines = [a.answer]
    if a.by_place:  # each place's figure, labelled, with its own citation (qa.by_place)
        for i, p in enumerate(a.by_place, 1):
            where = f"{p.place.zh} ({p.place.en})" if p.place else "?"
            shown = p.figure.stated or p.figure.text
            lines += [f"{where}, {p.year}: {shown} ({p.normalized})", _render_citation(i, p.citation)]
    elif a.status == "answered":
        lines += [_render_citation(i, c) for i, c in enumerate(a.citations, 1)]
    else:
        lines.append("Related:" if a.lang == "en" else "相关段落：")
        lines += [_render_citation(i, c) for i, c in enumerate(a.related, 1)]
    return "\n".join(lines)


def _render_verdict(v: Any) -> str:
    label = {"supported": "SUPPORTED", "contradicted": "CONTRADICTED", "not_found": "NOT FOUND"}[v.verdict]
    lines = [f"{label}: {v.explanation}"]
    for p in v.by_place:  # a claim naming no place: each place's figure and the verdict against it
        where = f"{p.place.zh} ({p.place.en})" if p.place else "?"
        shown = p.figure.stated or p.figure.text
        lines.append(f"  {where}, {p.year}: {shown} ({p.normalized}) → {(p.verdict or '').replace('_', ' ')}")
    if v.claimed:
        lines.append(f"  claimed: {v.claimed.stated or v.claimed.text} ({v.claimed.value:g} {v.claimed.unit})")
    if v.found:
        lines.append(f"  source:  {v.found.stated or v.found.text} ({v.found.value:g} {v.found.unit})")
    lines += [_render_citation(i, c) for i, c in enumerate(v.citations, 1)]
    return "\n".join(lines)


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    return _run_each(args, settings, "question", "ask", _render_answer)


def _cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    if args.article:
        from qa.cli_article import cmd_article

        return cmd_article(args, settings)
    return _run_each(args, settings, "claim", "verify", _render_verdict)


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from qa.cli_chat import run_chat

    return run_chat(args, settings, inputs=_inputs, load_qa=_load_qa, render_answer=_render_answer, error=CliError)


def load_qa(settings: Settings):  # type: ignore[no-untyped-def]
    """The QA service for a command added by a plugin (eval): loaded once, errors made clean."""
    return _load_qa(settings)


# Commands that packages above this one add (the eval suite's `qa eval`): each names a function
# that takes the subparsers and registers its command. Looked up through the installed entry
# points, so qa imports nothing from the layers above it.
PLUGIN_GROUP = "qa.commands"


def _add_plugins(sub: Any) -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=PLUGIN_GROUP):
        ep.load()(sub)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the command line, it leaves out the plugins' commands
    when it names one of qa's own (importing the eval suite cost about 0.2 s of a cold ``qa ask``)."""
    parser = argparse.ArgumentParser(
        prog="qa",
        description="Questions and figure checks over Guangdong IP-protection documents (Chinese/English).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", help="build or update the search index from corpus/")
    p.add_argument("--force", action="store_true", help="re-embed everything, even unchanged chunks")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--check", action="store_true", help="only report the state of the index (as `qa doctor`)")
    p.set_defaults(func=_cmd_index)
    p = sub.add_parser("doctor", help="report the state of the index in plain words (exit 1: needs repair)")
    p.set_defaults(func=_cmd_doctor)

    from qa.verify import TOLERANCE_HELP

    for name, what, func, extra in (
        ("ask", "question", _cmd_ask, ("Answers with the figure and numbered citations, or says the documents "
                                       "do not give it.")),
        ("verify", "claim", _cmd_verify, ("Verdict: supported, contradicted or not_found.\n\nTolerance rules:\n"
                                          + TOLERANCE_HELP)),
    ):
        p = sub.add_parser(name, help=f"{name} a {what} in Chinese or English", description=extra,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("text", nargs="?", help=f"the {what}")
        p.add_argument("--json", action="store_true", help="one JSON object per line")
        p.add_argument("--file", help=f"read one {what} per line (the model loads once)")
        if name == "verify":
            p.add_argument("--article", metavar="FILE", help="check a whole article (UTF-8 text, up to 20,000 "
                           "characters): every sentence that states a figure, the rest listed as skipped")
        p.set_defaults(func=func)

    from qa.audit_cli import register as add_audit
    from qa.cli_chat import add_parser
    from qa.intake_cli import register as register_intake

    add_audit(sub)
    register_intake(sub)  # qa add, qa remove
    add_parser(sub, _cmd_chat)
    if not argv or argv[0] not in sub.choices:
        _add_plugins(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    go_offline()  # before anything imports onnxruntime: its telemetry looks up a remote host
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if not os.environ.get("QA_DEBUG"):
        quiet_thread_errors()
    try:
        settings = Settings.from_env()
        return int(args.func(args, settings))
    except CliError as e:
        print(f"qa: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _closed_pipe()
    except KeyboardInterrupt:
        print("qa: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # the last net: one line, never a traceback (QA_DEBUG=1 shows it)
        if os.environ.get("QA_DEBUG"):
            raise
        print(f"qa: error: {describe(e)}", file=sys.stderr)
        return 2


def _closed_pipe() -> int:
    """The reader went away (`qa ask --file … | head -1`): stop quietly, as `cat` would.
    Point stdout at /dev/null so the interpreter's final flush cannot raise again."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, the status a shell reports for a tool stopped this way


# Commands that only read: once their output is flushed, nothing is left to do.
_READ_ONLY = frozenset({"ask", "verify", "doctor", "audit", "chat"})


def entry() -> None:
    """The ``qa`` command. After a read-only command, the process ends without the interpreter's
    teardown: freeing the model, the vector store and the tokenized corpus one object at a time
    took about 1 s, a fifth of a one-question run, and has no effect anyone could see."""
    argv = sys.argv[1:]
    code = main(argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    if argv and argv[0] in _READ_ONLY:
        with contextlib.suppress(OSError):
            sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
