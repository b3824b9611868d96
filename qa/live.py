"""The QA a long-running process (the app) serves: it follows new builds and never breaks on one.

The app loads an index once. A `qa index` run meanwhile writes a new build; the old one
stays (a reader lease keeps its collection, see ``index.leases``) until the app has moved
on. Before each question the app looks at ``manifest.json`` (one ``stat``); when it changed,
it loads the new build, switches to it and lets the old one go. If the new build cannot be
loaded, the app keeps answering from the build it has and says so on its status tab.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from index.build import MANIFEST_FILE, read_manifest
from index.check import quick_check
from index.leases import ReaderLease, hold
from index.settings import Settings
from qa.audit_types import AuditReport
from qa.errors import describe
from qa.heap import release_frozen
from qa.types import Answer, ArticleCheck, ChatTurn, DocumentRow, FigureRow, IndexStatus, Verdict

log = logging.getLogger(__name__)


class LiveQA:
    """``QAService`` over the newest intact build; ``note`` says when a newer one failed to load."""

    def __init__(self, settings: Settings, qa: Any, loader: Callable[[Settings], Any] | None = None) -> None:
        self.settings = settings
        self._qa = qa
        self._loader = loader or _load
        self._lease: ReaderLease | None = hold(settings.index_dir, qa.index.manifest.build_id)
        self._seen = self._stamp()
        self._lock = threading.Lock()
        self.note: str | None = None
        self._figures: tuple[str, list[FigureRow]] | None = None

    @property
    def build_id(self) -> str:
        return str(self._qa.index.manifest.build_id)

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = (self.settings.index_dir / MANIFEST_FILE).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    def current(self) -> Any:
        """The QA to use now, after loading a new build if one appeared since the last call."""
        stamp = self._stamp()
        if stamp != self._seen:
            with self._lock:
                if stamp != self._seen:
                    self._seen = stamp
                    self._switch()
        return self._qa

    def _switch(self) -> None:
        lease: ReaderLease | None = None
        try:
            manifest = read_manifest(self.settings)
            if manifest is None or manifest.build_id == self.build_id:
                return
            # Hold the new build before loading it, so no build in between can collect it.
            lease = hold(self.settings.index_dir, manifest.build_id)
            quick_check(self.settings, manifest)
            new = self._loader(self.settings)
        except Exception as e:  # noqa: BLE001 - a broken new build must not break a working app
            if lease is not None:
                lease.release()
            self.note = (f"A new index build could not be loaded ({describe(e)}); still answering from "
                         f"build {self.build_id}. Fix it with `qa index`, or restart the app.")
            log.warning("%s", self.note)
            return
        if new.index.manifest.build_id != manifest.build_id and lease is not None:
            lease.release()  # yet another build landed while loading: hold the one we loaded
            lease = hold(self.settings.index_dir, new.index.manifest.build_id)
        old_lease, self._qa, self._lease = self._lease, new, lease
        self.note = None
        if old_lease is not None:
            old_lease.release()
        release_frozen()  # the old build's objects were frozen by its load (qa.heap): let them go
        log.warning("switched to index build %s", self.build_id)

    def ask(self, question: str) -> Answer:
        return self.current().ask(question)  # type: ignore[no-any-return]

    def chat(self, question: str, history: list[str]) -> ChatTurn:
        return self.current().chat(question, history)  # type: ignore[no-any-return]

    def verify(self, claim: str) -> Verdict:
        return self.current().verify(claim)  # type: ignore[no-any-return]

    def check_article(self, text: str) -> ArticleCheck:
        return self.current().check_article(text)  # type: ignore[no-any-return]

    def figures(self) -> list[FigureRow]:
        qa = self._qa
        if self._figures is None or self._figures[0] != qa.index.manifest.build_id:
            self._figures = (qa.index.manifest.build_id, qa.figures())
        return self._figures[1]

    def documents(self) -> list[DocumentRow]:
        """The documents of the newest build (loading it first if `qa add` / `qa remove` just wrote one)."""
        return self.current().documents()  # type: ignore[no-any-return]

    def status(self) -> IndexStatus:
        return self.current().status()  # type: ignore[no-any-return]

    def audit(self) -> AuditReport:
        return self.current().audit()  # type: ignore[no-any-return]


def _load(settings: Settings) -> Any:
    from qa.api import QA

    return QA.load(settings)
