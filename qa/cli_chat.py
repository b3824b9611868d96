"""`qa chat`: one conversation, one turn a line; each turn answered after the turns before it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from index.settings import Settings


def _render_turn(n: int, turn: Any, render_answer: Any) -> str:
    lines = [f"[{n}] {turn.question}"]
    if turn.followup or turn.resolved_question != turn.question:
        lines.append(f"    understood as: {turn.resolved_question}")
    lines.append(f"    assumed: {turn.assumed}")
    lines.append(render_answer(turn))
    return "\n".join(lines)


def run_chat(args: argparse.Namespace, settings: Settings, *, inputs: Any, load_qa: Any, render_answer: Any,
             error: type[Exception]) -> int:
    """Every turn of the conversation in order; a turn that fails is reported (and left out of the
    history the later turns are read against), the rest still run; exit 2 if any failed."""
    from index.leases import hold
    from qa.errors import describe

    turns = args.text if args.text else None
    if turns and args.file:
        raise error(f"give either the turns or --file {args.file}, not both")
    if not turns:
        args.text = None
        turns = inputs(args, "turn")
    qa = load_qa(settings)
    lease = hold(settings.index_dir, qa.index.manifest.build_id)
    history: list[str] = []
    status = 0
    try:
        for n, turn in enumerate(turns, 1):
            try:
                result = qa.chat(turn, history)
            except (BrokenPipeError, KeyboardInterrupt):
                raise
            except Exception as e:  # noqa: BLE001 - one failed turn is reported; the rest still run
                status = 2
                message = describe(e)
                if args.json:
                    print(json.dumps({"status": "error", "input": turn, "error": message}, ensure_ascii=False))
                else:
                    print(f"[{n}] {turn}\n    error: {message}\n")
                continue
            history.append(turn)
            if args.json:
                print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
            else:
                print(_render_turn(n, result, render_answer) + "\n")
    finally:
        if lease is not None:
            lease.release()
    return status


def add_parser(sub: Any, func: Any) -> None:
    p = sub.add_parser("chat", help="a conversation: each turn read after the ones before it",
                       description="Answers each turn of one conversation. A follow-up that leaves something "
                       "out (\"那2023年呢?\", \"And Shenzhen?\", \"What about prosecutions?\", \"和去年比呢?\") "
                       "takes it from the earlier turns; each answer says what it assumed.")
    p.add_argument("text", nargs="*", help="the turns, in order (or --file)")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per turn: the `ask` JSON plus resolved_question and assumed")
    p.add_argument("--file", help="read the conversation from a file, one turn per line")
    p.set_defaults(func=func)
