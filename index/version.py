"""The pipeline version, derived from the code and data that make an index's chunks and figures.

A version string bumped by hand goes stale: the figure parser changed in 16 commits and its
version in 3, and a parser change without a bump served figures parsed by the old code. This
one is a hash of the content of every stage file and word list, so any change to them makes an
index built before it stale (its vectors are still reused: they are keyed by chunk text).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_INDEX = Path(__file__).resolve().parent

# The stages whose output is stored in an index: reading and cleaning, chunking, the search
# form, figure parsing and records, and the word lists they read. (Embedding has its own
# identity: the model hash in the manifest.)
STAGE_FILES = ("corpus.py", "clean.py", "chunk.py", "search_form.py", "records.py", "types.py", "places.py",
               "qualifiers.py", "text.py")


def stage_files() -> list[Path]:
    return sorted([*(_INDEX / name for name in STAGE_FILES), *(_INDEX / "figures").glob("*.py"),
                   *(_INDEX / "lexicon").glob("*.t*")])


@cache
def pipeline_version() -> str:
    h = hashlib.sha256()
    for path in stage_files():
        h.update(str(path.relative_to(_INDEX)).encode())
        h.update(path.read_bytes())
    return "pipeline-" + h.hexdigest()[:16]
