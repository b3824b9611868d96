"""Is an index intact? Manifest, chunks file, collection and its count, and the files query time
reads beside the chunks (keyword index, glossary, figure records, documents' clean text) — in
plain words.

``qa index`` runs this before it calls an index up to date (and rebuilds what fails),
``qa doctor`` / ``qa index --check`` print it, and ``qa ask`` and the app run the cheap
file checks before loading, so a damaged index gives a message instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from index.problems import IndexDamaged, IndexProblem
from index.settings import Settings
from index.types import Chunk, Manifest


@dataclass
class Health:
    """What was found: facts (all fine) and problems (each says what to do)."""

    manifest: Manifest | None = None
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self) -> str:
        lines = [f"ok: {f}" for f in self.facts] + [f"PROBLEM: {p}" for p in self.problems]
        verdict = ("The index is intact." if self.ok
                   else "The index needs repair: run `qa index` (it rebuilds what is damaged).")
        return "\n".join([*lines, verdict])


def checked_chunks(settings: Settings, manifest: Manifest) -> list[Chunk]:
    """The chunks of the manifest's chunks file; IndexDamaged if missing, cut or garbled. Query
    time loads its chunks through this, so they are parsed once and checked as they are."""
    path = settings.index_dir / manifest.chunks_file
    expected = sum(manifest.chunk_counts.values())
    fix = "run `qa index` to rebuild it"
    chunks: list[Chunk] = []
    try:
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    chunks.append(Chunk.model_validate_json(line))
                except ValidationError as e:
                    raise IndexDamaged(f"The chunks file {path} is damaged at line {lineno} "
                                       f"({e.error_count()} errors, e.g. cut short): {fix}.") from e
    except FileNotFoundError as e:
        raise IndexDamaged(f"The chunks file {path} is missing: {fix}.") from e
    except UnicodeDecodeError as e:
        raise IndexDamaged(f"The chunks file {path} is not UTF-8 text (damaged): {fix}.") from e
    except PermissionError as e:
        raise IndexDamaged(f"The chunks file {path} cannot be read (permission denied): "
                           "make the data folder readable (QA_DATA_DIR).") from e
    if len(chunks) != expected:
        raise IndexDamaged(f"The chunks file {path} holds {len(chunks)} chunks, the manifest says {expected} "
                           f"(cut or emptied): {fix}.")
    return chunks


def check_chunks_file(settings: Settings, manifest: Manifest) -> int:
    """The number of chunks in the manifest's chunks file; IndexDamaged if missing, cut or garbled."""
    return len(checked_chunks(settings, manifest))


def quick_check(settings: Settings, manifest: Manifest) -> None:
    """Cheap checks before loading; the loader parses and checks each line (checked_chunks)."""
    path = settings.index_dir / manifest.chunks_file
    expected = sum(manifest.chunk_counts.values())
    try:
        with open(path, "rb") as f:
            lines = sum(1 for line in f if line.strip())
    except FileNotFoundError as e:
        raise IndexDamaged(f"The chunks file {path} is missing: run `qa index` to rebuild it.") from e
    except PermissionError as e:
        raise IndexDamaged(f"The chunks file {path} cannot be read (permission denied): "
                           "make the data folder readable (QA_DATA_DIR).") from e
    if lines != expected:
        raise IndexDamaged(f"The chunks file {path} holds {lines} chunks, the manifest says {expected} "
                           "(cut or emptied): run `qa index` to rebuild it.")
    # A line cut mid-way is still one line: the loader parses every line through checked_chunks,
    # which names a damaged one, so the chunks are not parsed twice before the first answer.


def check_collection(store: Any, manifest: Manifest) -> int:
    """The collection's vector count; IndexDamaged if it is missing or holds another count."""
    expected = sum(manifest.chunk_counts.values())
    if manifest.collection not in store.collections():
        raise IndexDamaged(f"Collection {manifest.collection} is missing from the Chroma store at "
                           f"{store.location}: run `qa index` to rebuild it.")
    n = int(store.count(manifest.collection))
    if n != expected:
        raise IndexDamaged(f"Collection {manifest.collection} in {store.location} holds {n} vectors, "
                           f"the manifest says {expected}: run `qa index` to rebuild it.")
    return n


def check_query_files(settings: Settings, manifest: Manifest) -> int:
    """The number of chunks the keyword index covers; IndexDamaged when it, the glossary, the
    figure records, the documents' table, a document's clean text or jieba's stored dictionary is
    missing, stale or damaged, or the query tokenizer is (each is built by `qa index`, never at query time). Checked by their
    hashes (index.query_files)."""
    from index.keywords import derived_key
    from index.query_files import check_sealed

    path = settings.index_dir / manifest.chunks_file
    try:
        key = derived_key(path)
    except OSError as e:
        raise IndexDamaged(f"The chunks file {path} cannot be read: run `qa index` to rebuild it.") from e
    n = check_sealed(path.parent, key)
    if settings.embedder != "fake":  # the real model's questions are tokenized by the trimmed one
        from index.query_tokenizer import check_query_tokenizer

        check_query_tokenizer(path.parent, settings.model_dir)
    expected = sum(manifest.chunk_counts.values())
    if n != expected:
        raise IndexDamaged(f"The keyword index in {path.parent} covers {n} chunks, the manifest says {expected}: "
                           "run `qa index` to rebuild it.")
    return n


def inspect(settings: Settings, store: Any | None = None) -> Health:
    """Everything about the index at ``settings``, never raising for a problem it can name."""
    from index.build import check_manifest, open_store, read_manifest

    health = Health()
    try:
        manifest = read_manifest(settings)
    except IndexProblem as e:
        health.problems.append(str(e))
        return health
    if manifest is None:
        health.problems.append(f"No index at {settings.index_dir}: run `qa index` to build it.")
        return health
    health.manifest = manifest
    health.facts.append(f"manifest {settings.index_dir / 'manifest.json'}: build {manifest.build_id}, "
                        f"built {manifest.built_at}, {len(manifest.documents)} documents")
    try:
        check_manifest(settings, manifest)
        health.facts.append("built from today's corpus, code and model")
    except IndexProblem as e:
        health.problems.append(str(e))
    try:
        n = check_chunks_file(settings, manifest)
        health.facts.append(f"chunks file {settings.index_dir / manifest.chunks_file}: {n} chunks")
    except IndexProblem as e:
        health.problems.append(str(e))
    try:
        n = check_query_files(settings, manifest)
        health.facts.append(f"keyword index, glossary, figure records, clean texts, jieba dictionary and query tokenizer in "
                            f"{(settings.index_dir / manifest.chunks_file).parent}: {n} chunks")
    except IndexProblem as e:
        health.problems.append(str(e))
    try:
        store = store or open_store(settings)
        n = check_collection(store, manifest)
        health.facts.append(f"collection {manifest.collection} in {store.location}: {n} vectors")
    except IndexProblem as e:
        health.problems.append(str(e))
    return health


def is_sound(settings: Settings, manifest: Manifest, store: Any) -> list[str]:
    """Problems that make an index built from the current inputs unusable (empty: sound)."""
    problems = []
    for check in (lambda: check_chunks_file(settings, manifest), lambda: check_query_files(settings, manifest),
                  lambda: check_collection(store, manifest)):
        try:
            check()
        except IndexProblem as e:
            problems.append(str(e))
    return problems


__all__ = [
    "Health",
    "check_chunks_file",
    "check_collection",
    "check_query_files",
    "checked_chunks",
    "inspect",
    "is_sound",
    "quick_check",
]
