"""Helpers for the reliability tests: workspaces, the `qa` command, a real Chroma server, another user."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from index.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"


def real_qa(**kw: object) -> Any:
    """QA over the project's real index (``make index``); a clear failure when it is not built."""
    import pytest

    from qa.api import QA, QAError

    try:
        return QA.load(Settings.from_env(), **kw)
    except QAError as e:
        pytest.fail(f"the real index must be built first (make index): {e}")


def ranked_figures(qa: Any, question: str) -> list[Any]:
    """The figures the ranking gives a question (qa.rank.ScoredFigure, best first), before the decision."""
    _, figs = qa.candidates(qa._analyse(question, "question"), qa.rerank_weights)
    return list(figs)


def given_figure(qa: Any, question: str) -> str | None:
    """The figure ``qa`` answers ``question`` with, as printed in its source; None where it gives none."""
    a = qa.ask(question)
    return a.figure.text if a.status == "answered" and a.figure is not None else None


def project_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m qa ARGS` in the project folder, on its real index."""
    return subprocess.run([sys.executable, "-m", "qa", *args], check=False, cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "HF_HUB_OFFLINE": "1"})


def private_copy(template: Settings, root: Path) -> Settings:
    """A copy of a built workspace's corpus and data folders under ``root``, free to change or damage."""
    shutil.copytree(template.corpus_dir, root / "corpus")
    shutil.copytree(template.data_dir, root / "data")
    return template.model_copy(update={"corpus_dir": root / "corpus", "data_dir": root / "data"})


def make_workspace(root: Path, *, corpus: Path = CORPUS, embedder: str = "fake", **kw: object) -> Settings:
    """A corpus copy and an empty data folder under ``root`` (readable by every user). With the
    fake embedder (hash vectors) the figures' meanings are noise, so the calibrated decision
    would hold most figures back: these workspaces test reliability, and take the most
    permissive risk setting (abstention has tests of its own)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(corpus, root / "corpus")
    kw.setdefault("risk", 10.0)
    return Settings(corpus_dir=root / "corpus", data_dir=root / "data", embedder=embedder, **kw)  # type: ignore[arg-type]


def qa_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {**os.environ, "QA_CORPUS_DIR": str(settings.corpus_dir), "QA_DATA_DIR": str(settings.data_dir),
           "QA_EMBEDDER": settings.embedder, "QA_MODEL_VARIANT": settings.model_variant,
           "QA_RISK": str(settings.risk)}
    env.pop("QA_CHROMA_URL", None)
    env.pop("QA_DEBUG", None)
    if settings.chroma_url:
        env["QA_CHROMA_URL"] = settings.chroma_url
    env.update(extra)
    return env


def run_qa(settings: Settings, *args: str, timeout: float = 300, env: dict[str, str] | None = None,
           preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """`qa …` as a user runs it: the console entry point in a fresh process."""
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=PROJECT_ROOT, env=env or qa_env(settings),
                          capture_output=True, text=True, timeout=timeout, check=False, preexec_fn=preexec)


def assert_one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Non-zero exit, no traceback, and an error line that names each of ``needles``."""
    assert done.returncode != 0, done.stdout[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    errors = [line for line in done.stderr.splitlines() if "error:" in line]
    assert errors, done.stderr[-2000:]
    line = errors[0]
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A real `chroma run` on a free loopback port; stopped on exit."""
    chroma = Path(sys.executable).with_name("chroma")
    assert chroma.exists(), "the chromadb package's `chroma` command is missing from the venv"
    port = free_port()
    server = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}", server
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextlib.contextmanager
def shared_tmp() -> Iterator[Path]:
    """A temp folder other users can enter (pytest's own is private to its user)."""
    path = Path(tempfile.mkdtemp(prefix="qa-rel-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def as_nobody() -> Callable[[], None] | None:
    """For root, a preexec that takes away root's right to ignore file permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): a permission problem can only be reproduced
    for a process that is subject to permissions. None when not root (already subject)."""
    if os.geteuid() != 0:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2

    def drop() -> None:
        for cap in (cap_dac_override, cap_dac_read_search):
            if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


SMALL_DOC = "gd-ip-top10-events-2024"


def small_corpus(root: Path) -> Path:
    """The corpus cut to its smallest document, for tests that embed with the real model."""
    import json

    folder = root / "small-corpus"
    folder.mkdir(parents=True)
    meta = json.loads((CORPUS / "metadata.json").read_text(encoding="utf-8"))
    meta["documents"] = [d for d in meta["documents"] if d["id"] == SMALL_DOC]
    (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    shutil.copy(CORPUS / meta["documents"][0]["file"], folder)
    return folder


def e5_workspace(root: Path, model_dir: Path, *, copy_model: bool = False, small: bool = True) -> Settings:
    """A corpus (its smallest document, or all of it) and a data folder whose model is the
    exported e5 (linked, or copied to damage)."""
    corpus = small_corpus(root) if small else CORPUS
    settings = Settings(corpus_dir=corpus, data_dir=root / "data", embedder="e5")
    settings.model_dir.parent.mkdir(parents=True)
    if copy_model:
        settings.model_dir.mkdir()
        for f in model_dir.iterdir():
            if f.name not in ("model.onnx", "model_q4.onnx"):  # only int8 is used
                shutil.copy(f, settings.model_dir)
    else:
        settings.model_dir.symlink_to(model_dir)
    return settings
