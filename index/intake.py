"""Adding a document to the corpus and removing one: `qa add FILE` and `qa remove ID`.

Everything is checked before anything is written: the file (there, not empty, not binary, text in
a known encoding, under QA_MAX_DOC_MB, with figures to cite), its id (free) and its content (not
already in the corpus, byte for byte or nearly). Only then is the file copied and the metadata
file replaced (index.metadata_file: atomic), and the index rebuilt incrementally (index.build:
only the new document's chunks are embedded; a running app keeps its build under its lease). If
the rebuild fails, the copy and the metadata are put back as they were: a refused or failed
addition leaves the corpus, the metadata file and the index exactly as before.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shlex
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from index.attach import attach_figures
from index.build import BuildReport, build_index, read_manifest
from index.chunk import chunk_document
from index.clean import UnreadableDocument, clean_document, decode_bytes
from index.corpus import METADATA_FILE, CorpusError
from index.intake_meta import (
    kind_of,
    languages_of,
    main_year,
    place_from_title,
    place_label,
    read_header,
    resolve_place,
    years_in_title,
)
from index.intake_similar import near_duplicate
from index.metadata_file import copy_atomic, corpus_lock, format_metadata, read_metadata, write_atomic
from index.records import ANSWERABLE_KINDS
from index.search_form import to_simplified
from index.settings import Settings
from index.types import DocMeta

log = logging.getLogger(__name__)


class IntakeError(ValueError):
    """A file that cannot be added or an id that cannot be removed: one line saying why and what to do."""


class Given(BaseModel):
    """The fields the maintainer gave on the command line; None: read it from the text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    year: int | None = None
    kind: str | None = None
    published: str | None = None
    place: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class AddPlan:
    """A checked addition: the entry to write, where each field came from, what will be indexed."""

    source: Path
    data: bytes
    meta: DocMeta
    dest: Path
    encoding: str
    sources: dict[str, str]
    chunks: dict[str, int]
    figures: int
    in_place: bool = False  # the file is already in the corpus folder, only its entry is missing

    def describe(self) -> str:
        size = _size(len(self.data))
        where = f"{self.dest} (already in the corpus folder)" if self.in_place else f"{self.source} → {self.dest}"
        lines = [f"{where} as {self.meta.id} ({self.encoding}, {size})"]
        for name in ("title_zh", "title_en", "year", "kind", "languages", "place", "published", "publisher"):
            value = getattr(self.meta, name)
            shown = (", ".join(value) if isinstance(value, list) else place_label(value) if name == "place" and value
                     else "-" if value is None else str(value))
            lines.append(f"  {name:<10} {shown}  ({self.sources.get(name, 'given')})")
        per_lang = ", ".join(f"{n} {lang}" for lang, n in sorted(self.chunks.items()))
        n = sum(self.chunks.values())
        lines.append(f"  {n} chunk{'s' if n != 1 else ''} ({per_lang}) with {self.figures} figures to index")
        return "\n".join(lines)

    def correction(self) -> str:
        """The command that adds the file again with every field spelled out, to edit and rerun."""
        return add_command(self.source, self.meta)


def add_command(source: Path, meta: DocMeta) -> str:
    """`qa add` with every field of ``meta`` spelled out: to correct one, or to add a removed file back."""
    m = meta
    flags = [("--id", m.id), ("--title-zh", m.title_zh), ("--title-en", m.title_en), ("--year", str(m.year)),
             ("--kind", m.kind), ("--place", m.place), ("--published", m.published), ("--publisher", m.publisher)]
    return "qa add " + shlex.quote(str(source)) + "".join(f" {flag} {shlex.quote(v)}" for flag, v in flags if v)


# --- adding ------------------------------------------------------------------------------------


def plan_add(settings: Settings, source: Path, given: Given, *, allow_similar: bool = False) -> AddPlan:
    """Check ``source`` and work out its metadata entry, writing nothing; IntakeError if refused."""
    corpus = settings.corpus_dir
    data_json, _ = metadata_of(corpus)
    entries = data_json["documents"]
    data = _read_source(source, settings.max_doc_mb)
    try:
        text, encoding = decode_bytes(data, str(source))
    except UnreadableDocument as e:
        raise IntakeError(f"{e}: only text files (UTF-8, GB18030 or Big5) can be added") from e
    digest = hashlib.sha256(data).hexdigest()
    existing = _existing_texts(corpus, entries)
    for doc_id, (sha, _) in existing.items():
        if sha == digest:
            raise IntakeError(f"{source} is already in the corpus: it is byte for byte {doc_id} "
                              f"({entry_of(entries, doc_id)['file']})")
    if not allow_similar:
        dup = near_duplicate(text, {doc_id: t for doc_id, (_, t) in existing.items()})
        if dup is not None:
            doc_id, share = dup
            raise IntakeError(f"{source} is nearly the same text as {doc_id} ({share:.0%} of it shared): if it "
                              f"replaces that document, run `qa remove {doc_id}` first; if both belong, "
                              "add it with --allow-similar")
    # A file the maintainer put into the corpus folder first is described where it is, not copied.
    in_place = source.resolve().parent == corpus.resolve()
    meta, sources = _entry_for(source, text, given, entries, corpus, in_place)
    chunks = attach_figures(chunk_document(clean_document(text, meta, encoding), meta))
    if not chunks:
        raise IntakeError(f"{source} holds no running text to index (only headings, navigation or page chrome)")
    figures = sum(1 for c in chunks for f in c.figures if f.kind in ANSWERABLE_KINDS)
    if not figures:
        raise IntakeError(f"{source} states no figures (counts, amounts, percentages): this assistant answers "
                          "with figures, so nothing in it could be cited")
    return AddPlan(source, data, meta, corpus / meta.file, encoding, sources,
                   dict(Counter(c.lang for c in chunks)), figures, in_place)


def add_document(settings: Settings, source: Path, given: Given, *, allow_similar: bool = False,
                 dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
                 on_plan: Callable[[AddPlan], None] | None = None) -> tuple[AddPlan, BuildReport | None]:
    """Plan, then (unless ``dry_run``) copy, write the entry and reindex; undone if the reindex fails."""
    with corpus_lock(settings.corpus_dir):
        plan = plan_add(settings, source, given, allow_similar=allow_similar)
        if on_plan:
            on_plan(plan)
        if dry_run:
            return plan, None
        data_json, before = metadata_of(settings.corpus_dir)
        entry = plan.meta.model_dump()
        data_json["documents"] = [*data_json["documents"], entry]
        meta_path = settings.corpus_dir / METADATA_FILE
        build_before = build_id_of(settings)
        if not plan.in_place:
            copy_atomic(plan.data, plan.dest)
        try:
            write_atomic(meta_path, format_metadata(data_json).encode("utf-8"))
            report = build_index(settings, progress=progress)
            if plan.meta.id not in report.manifest.documents:
                reason = dict(report.skipped).get(plan.meta.file, "not indexed")
                raise IntakeError(f"{source} was not indexed ({reason}); nothing was added")
        except BaseException:
            write_atomic(meta_path, before)
            if not plan.in_place:
                plan.dest.unlink(missing_ok=True)
            rebuild_if_moved(settings, build_before)
            raise
        return plan, report


def _read_source(source: Path, max_mb: float) -> bytes:
    if not source.exists():
        raise IntakeError(f"{source}: no such file")
    if not source.is_file():
        raise IntakeError(f"{source} is not a file: give one text file")
    size = source.stat().st_size
    if size > max_mb * 1_000_000:
        raise IntakeError(f"{source} is {_size(size)}, over the {max_mb:g} MB limit for one document: "
                          "split it into parts, or raise QA_MAX_DOC_MB")
    try:
        data = source.read_bytes()
    except OSError as e:
        raise IntakeError(f"{source} cannot be read ({e.strerror or e}): check its permissions") from e
    if not data.strip():
        raise IntakeError(f"{source} is empty")
    return data


def _entry_for(source: Path, text: str, given: Given, entries: list[dict[str, Any]],
               corpus: Path, in_place: bool) -> tuple[DocMeta, dict[str, str]]:
    """The metadata entry: each field as given, else read from the text (``sources`` says which)."""
    sources: dict[str, str] = {}
    doc_id = given.id or _id_from_name(source)
    known = {e.get("id") for e in entries}
    if doc_id in known:
        raise IntakeError(f"the id {doc_id} is taken by a document already in the corpus: give another with --id, "
                          f"or `qa remove {doc_id}` first if this file replaces it")
    file_name = source.name if in_place else f"{doc_id}.txt"
    if file_name in {e.get("file") for e in entries} or not in_place and (corpus / file_name).exists():
        raise IntakeError(f"{corpus / file_name} already exists: give another id with --id")
    header = read_header(text)
    titles = {lang: to_simplified(t) if lang == "zh" else t for lang, t in header.titles.items()}
    title_zh = given.title_zh or titles.get("zh")
    title_en = given.title_en or titles.get("en")
    for name, value, lang in (("title_zh", title_zh, "Chinese"), ("title_en", title_en, "English")):
        if value and not getattr(given, name):
            sources[name] = f"the text's {lang} heading line"
    if not title_zh and not title_en:
        raise IntakeError(f"{source} has no title line before its text: give one with --title-zh "
                          "(and --title-en)")
    # A citation shows the title of its passage's language: a document with one title shows it in both.
    if not title_zh:
        title_zh, sources["title_zh"] = title_en, "no Chinese title in the text: the English one"
    if not title_en:
        title_en, sources["title_en"] = title_zh, "no English title in the text: the Chinese one"
    assert title_zh is not None and title_en is not None
    both = f"{title_zh} {title_en}"
    year = given.year
    if year is None:
        in_title = years_in_title(both)
        year, sources["year"] = (in_title[0], "from the title") if in_title else (main_year(text), "most named in the text")
    if year is None:
        raise IntakeError(f"{source} names no year in its title or text: give the year it reports on with --year")
    kind = given.kind
    if kind is None:
        kind = kind_of(both)
        sources["kind"] = "from the title's words" if kind else "the title names no kind: news"
        kind = kind or "news"
    sources["languages"] = "by the share of each script in the text"
    if given.place is not None:
        place = _given_place(given.place)
    else:
        place, why = place_from_title(to_simplified(both))
        sources["place"] = why if place else f"{why}: give it with --place"
    published = given.published
    if published is None:
        published = header.published
        sources["published"] = "from the page header" if published else "not in the text: give --published"
    elif not _is_iso_date(published):
        raise IntakeError(f"--published {published} is not a date: give it as YYYY-MM-DD")
    if given.publisher is None:
        sources["publisher"] = "give --publisher"
    try:
        meta = DocMeta(id=doc_id, file=file_name, title_zh=title_zh, title_en=title_en, publisher=given.publisher,
                       site=None, published=published, year=year, kind=kind,  # type: ignore[arg-type]
                       languages=languages_of(text), place=place,
                       notes=f"Added with `qa add` from {source.name} on {datetime.now(UTC).date().isoformat()}.")
    except ValidationError as e:
        err = e.errors()[0]
        raise IntakeError(f"--{str(err['loc'][0]).replace('_', '-')} {err.get('input')!s} is not valid: "
                          f"{err['msg']}") from e
    if not 1900 <= year <= 2100:
        raise IntakeError(f"the year {year} is not a year a document reports on: give it with --year")
    return meta, sources


def _given_place(name: str) -> str | None:
    if name.strip().lower() in ("", "none", "-"):
        return None
    try:
        return resolve_place(name).id
    except ValueError as e:
        raise IntakeError(str(e)) from e


def _is_iso_date(text: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and bool(date.fromisoformat(text))
    except ValueError:
        return False


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} KB"


def _id_from_name(source: Path) -> str:
    doc_id = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-")
    if not doc_id:
        raise IntakeError(f"no id can be made from the file name {source.name}: give one with --id "
                          "(lower-case letters, digits and hyphens, e.g. --id gx-ip-protection-2024)")
    return doc_id


# --- shared ------------------------------------------------------------------------------------


def metadata_of(corpus: Path) -> tuple[dict[str, Any], bytes]:
    try:
        return read_metadata(corpus)
    except OSError as e:
        raise CorpusError(f"{corpus / METADATA_FILE} cannot be read ({e.strerror or e}): check its permissions") from e


def entry_of(entries: list[dict[str, Any]], doc_id: str) -> dict[str, Any]:
    return next(e for e in entries if e["id"] == doc_id)


def _existing_texts(corpus: Path, entries: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """doc id → (sha256 of the file, its decoded text) for every listed file that can be read."""
    out: dict[str, tuple[str, str]] = {}
    for e in entries:
        try:
            data = (corpus / e["file"]).read_bytes()
            out[e["id"]] = (hashlib.sha256(data).hexdigest(), decode_bytes(data, e["file"])[0])
        except (OSError, UnreadableDocument):
            continue  # a file the build skips is nothing a new one can duplicate
    return out


def build_id_of(settings: Settings) -> str | None:
    try:
        manifest = read_manifest(settings)
    except Exception:  # noqa: BLE001 - an unreadable manifest is simply no build to return to
        return None
    return manifest.build_id if manifest else None


def rebuild_if_moved(settings: Settings, build_before: str | None) -> None:
    """After undoing a change to the corpus: if the failed build had already replaced the index,
    build again from the restored corpus (every vector is reused), so index and corpus agree."""
    if build_before is not None and build_id_of(settings) not in (build_before, None):
        try:
            build_index(settings)
        except Exception as e:  # noqa: BLE001 - the first failure is the one to report
            log.warning("the index no longer matches the corpus (%s): run `qa index`", e)
