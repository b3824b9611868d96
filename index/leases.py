"""Who still reads a build: reader leases, so that no build deletes a collection in use.

A process that answers questions from build X holds a shared ``flock`` on
``index/readers/X.<pid>``. The lock lives exactly as long as the process holds it — a
crashed or killed app releases it, and a reused pid cannot fake it — so a build asks the
kernel, not a pid table, which builds are still read. (Leases are per machine: readers on
other machines sharing one Chroma server are not seen; see README.)
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO, Self

READERS_DIR = "readers"


class ReaderLease:
    """A held shared lock on one build; ``release()`` (or process exit) lets builds drop it."""

    def __init__(self, index_dir: Path, build_id: str) -> None:
        self.build_id = build_id
        folder = index_dir / READERS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{build_id}.{os.getpid()}.{id(self):x}"
        self._file: IO[str] | None = open(self.path, "w")  # noqa: SIM115 - held until release()
        fcntl.flock(self._file, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._file is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._file.close()  # closing drops the lock
        self._file = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def hold(index_dir: Path, build_id: str) -> ReaderLease | None:
    """A lease on ``build_id``, or None when the data folder is read-only (then nothing can
    build into it either, so there is nothing to protect the build from)."""
    try:
        return ReaderLease(index_dir, build_id)
    except OSError:
        return None


def builds_in_use(index_dir: Path) -> set[str]:
    """Build ids some live process still reads; leases of dead processes are cleared."""
    folder = index_dir / READERS_DIR
    if not folder.is_dir():
        return set()
    used: set[str] = set()
    for path in folder.iterdir():
        build_id = path.name.split(".", 1)[0]
        try:
            with open(path) as f:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    used.add(build_id)  # a reader holds it
                    continue
                path.unlink()  # nobody holds it: the reader died without releasing
        except OSError:
            continue
    return used
