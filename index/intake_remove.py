"""Removing a document: `qa remove ID` takes its entry out of the metadata file and its file out of
the corpus, keeps a copy of both under the data folder (``removed/<id>-<time>/``: nothing stored
is lost, and `qa add` puts it back), and reindexes. If the reindex fails, file and entry go back.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from index.build import BuildReport, build_index
from index.corpus import METADATA_FILE
from index.intake import IntakeError, build_id_of, entry_of, metadata_of, rebuild_if_moved
from index.metadata_file import copy_atomic, corpus_lock, format_metadata, write_atomic
from index.settings import Settings
from index.types import DocMeta

REMOVED_DIR = "removed"  # under the data folder: what `qa remove` took out, kept to add back


@dataclass(frozen=True)
class RemovePlan:
    meta: DocMeta
    path: Path
    file_shared: bool  # another entry names the same file: the file stays
    remaining: list[str] = field(default_factory=list)

    def describe(self) -> str:
        what = "its metadata entry (the file is kept: another entry uses it)" if self.file_shared \
            else f"{self.path} and its metadata entry"
        return f"remove {self.meta.id} ({self.meta.title_zh}, {self.meta.year}): {what}; " \
               f"{len(self.remaining)} documents stay"


def plan_remove(settings: Settings, doc_id: str) -> RemovePlan:
    data_json, _ = metadata_of(settings.corpus_dir)
    entries = data_json["documents"]
    ids = [e["id"] for e in entries]
    if doc_id not in ids:
        raise IntakeError(f"no document {doc_id} in {settings.corpus_dir / METADATA_FILE}: "
                          f"the ids are {', '.join(ids)}")
    if len(ids) == 1:
        raise IntakeError(f"{doc_id} is the only document: an index needs at least one")
    meta = DocMeta(**entry_of(entries, doc_id))
    shared = sum(1 for e in entries if e["file"] == meta.file) > 1
    return RemovePlan(meta, settings.corpus_dir / meta.file, shared, [i for i in ids if i != doc_id])


def remove_document(settings: Settings, doc_id: str, *, dry_run: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> tuple[RemovePlan, Path | None,
                                                                                   BuildReport | None]:
    """Take out the entry and its file (a copy kept under the data folder), reindex; undone if that fails."""
    with corpus_lock(settings.corpus_dir):
        plan = plan_remove(settings, doc_id)
        if dry_run:
            return plan, None, None
        data_json, before = metadata_of(settings.corpus_dir)
        data_json["documents"] = [e for e in data_json["documents"] if e["id"] != doc_id]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        kept = settings.data_dir / REMOVED_DIR / f"{doc_id}-{stamp}"
        kept.mkdir(parents=True, exist_ok=True)
        (kept / "entry.json").write_text(json.dumps(plan.meta.model_dump(), ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
        has_file = plan.path.is_file() and not plan.file_shared
        if has_file:
            shutil.copy2(plan.path, kept / plan.meta.file)
        meta_path = settings.corpus_dir / METADATA_FILE
        build_before = build_id_of(settings)
        try:
            write_atomic(meta_path, format_metadata(data_json).encode("utf-8"))
            if has_file:
                plan.path.unlink()
            report = build_index(settings, progress=progress)
        except BaseException:
            if has_file and not plan.path.exists():
                copy_atomic((kept / plan.meta.file).read_bytes(), plan.path)
            write_atomic(meta_path, before)
            rebuild_if_moved(settings, build_before)
            raise
        return plan, kept, report
