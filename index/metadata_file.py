"""Writing the corpus folder safely: the metadata file in its hand-kept layout, replaced atomically,
and one writer at a time.

A reader (`qa index`, a starting app) sees the old metadata file or the new one, never half of
one: the new text goes to a hidden file beside it (hidden files are no part of the corpus, see
index.corpus), is flushed to disk, and replaces the old with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.corpus import METADATA_FILE, CorpusError, load_metadata


def read_metadata(corpus_dir: Path) -> tuple[dict[str, Any], bytes]:
    """The metadata file as data (every field kept, known or not) and its bytes, after checking it
    the way a build reads it (CorpusError names what is wrong)."""
    load_metadata(corpus_dir)
    path = corpus_dir / METADATA_FILE
    data = path.read_bytes()
    return json.loads(data), data


def format_metadata(data: dict[str, Any]) -> str:
    """The layout the file is kept in by hand: one field a line, short lists on one line."""
    def field_lines(entry: dict[str, Any], indent: str) -> str:
        return ",\n".join(f"{indent}{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                          for k, v in entry.items())

    parts = []
    for key, value in data.items():
        if key == "documents" and isinstance(value, list):
            entries = ",\n".join("    {\n" + field_lines(e, "      ") + "\n    }" for e in value)
            parts.append(f'  "documents": [\n{entries}\n  ]' if value else '  "documents": []')
        else:
            parts.append(f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees a part of it."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _sync_dir(path.parent)


def copy_atomic(src_bytes: bytes, dest: Path) -> None:
    """A new corpus file, appearing whole or not at all (never over an existing one)."""
    if dest.exists():
        raise FileExistsError(dest)
    write_atomic(dest, src_bytes)


def _sync_dir(folder: Path) -> None:
    """The rename itself is on disk only once the folder is (a crash right after would lose it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def corpus_lock(corpus_dir: Path) -> Iterator[None]:
    """One `qa add` / `qa remove` at a time on a corpus folder. The lock is on the folder itself,
    so taking it leaves nothing behind in the corpus (a refused file changes nothing)."""
    try:
        fd = os.open(corpus_dir, os.O_RDONLY)
    except OSError as e:
        raise CorpusError(f"The corpus folder {corpus_dir} cannot be opened ({e.strerror or e}): "
                          "set QA_CORPUS_DIR to the folder holding metadata.json") from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise CorpusError(f"Another `qa add` or `qa remove` is changing {corpus_dir}; wait for it to finish") from e
        yield
    finally:
        os.close(fd)  # closing drops the lock
