"""Index problems a user can fix: each message names the file, setting or server and what to do."""

from __future__ import annotations


class IndexProblem(RuntimeError):
    """Base for index problems a user can fix (the message says how)."""


class IndexMissing(IndexProblem):
    pass


class IndexStale(IndexProblem):
    pass


class IndexDamaged(IndexProblem):
    """Part of the index (manifest, chunks file, collection) is missing or cut."""


class StoreProblem(IndexProblem):
    """The vector store cannot be used: damaged, read-only, or its server unreachable."""


class StoreDamaged(StoreProblem):
    """The embedded Chroma store cannot be read: ``qa index`` sets it aside and rebuilds."""
