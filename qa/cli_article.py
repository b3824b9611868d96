"""`qa verify --article FILE [--json]`: a whole article checked sentence by sentence (qa.article).

Kept apart from qa.cli so the command stays a thin call: read the file (one-line errors for a
missing, empty, binary or overlong file), check, print JSON or the plain-text report.
"""

from __future__ import annotations

import argparse
import json

from index.settings import Settings
from qa.article import MAX_ARTICLE_CHARS
from qa.cli import CliError, decode_user_text, load_qa, read_user_file
from qa.factcheck import to_text

# UTF-8 takes at most 4 bytes a character: a file larger than this cannot be within the limit,
# and is refused before it is read into memory.
MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS + 4


def read_article(name: str) -> str:
    """The article file's text, or a CliError naming the problem in one line."""
    data = read_user_file(name, folder_hint="give a text file holding the article", max_bytes=MAX_ARTICLE_BYTES,
                          too_big=f"more than an article of {MAX_ARTICLE_CHARS:,} characters can be: check it in parts")
    if b"\x00" in data:
        raise CliError(f"{name} is a binary file, not text: give the article as UTF-8 text")
    text = decode_user_text(name, data)
    if not text.strip():
        raise CliError(f"{name} is empty: put the article's text in it")
    if len(text) > MAX_ARTICLE_CHARS:
        raise CliError(f"{name} is {len(text):,} characters long; the limit is {MAX_ARTICLE_CHARS:,}: "
                       "check it in parts")
    return text


def cmd_article(args: argparse.Namespace, settings: Settings) -> int:
    from index.leases import hold
    from qa.errors import describe

    if args.text is not None or args.file:
        raise CliError("give either --article FILE or a claim (or --file), not both")
    text = read_article(args.article)
    qa = load_qa(settings)
    lease = hold(settings.index_dir, qa.index.manifest.build_id)
    try:
        try:
            check = qa.check_article(text)
        except Exception as e:  # one line naming the problem (qa.errors), never a traceback
            raise CliError(describe(e)) from e
    finally:
        if lease is not None:
            lease.release()
    if args.json:
        print(json.dumps(check.model_dump(mode="json"), ensure_ascii=False))
    else:
        print(to_text(check))
    return 0
