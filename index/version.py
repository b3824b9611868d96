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

# Every module of index/ makes part of what an index stores (cleaning, chunking, figures, records,
# the tokenized corpus, the glossary) except these, which store, embed or check it: embedding has
# its own identity (the model hash in the manifest). A new module counts until it is listed here.
NOT_STAGES = frozenset({"build.py", "store.py", "embed.py", "model_export.py", "model_graph.py", "settings.py", "version.py",
                        "check.py", "leases.py", "offline.py", "problems.py", "__init__.py",
                        # `qa add` / `qa remove`: they change the corpus, then build as `qa index` does
                        "intake.py", "intake_meta.py", "intake_similar.py", "intake_remove.py", "metadata_file.py"})


def stage_files() -> list[Path]:
    code = [p for p in _INDEX.rglob("*.py") if p.name not in NOT_STAGES or p.parent.name == "figures"]
    return sorted([*code, *(_INDEX / "lexicon").glob("*.t*")])


@cache
def pipeline_version() -> str:
    h = hashlib.sha256()
    for path in stage_files():
        h.update(str(path.relative_to(_INDEX)).encode())
        h.update(path.read_bytes())
    return "pipeline-" + h.hexdigest()[:16]
