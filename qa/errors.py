"""Any exception → one line for a user: what went wrong, naming the file, setting or server, and what to do.

The CLI and the app show only this; a traceback is never what a user sees. Problems we
raise ourselves already carry such a message; the rest (the OS, Chroma, the network) are
translated here by kind.
"""

from __future__ import annotations

import errno
import threading
from typing import Any

DOCTOR = "`qa doctor` shows the state of the index"


def _first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:300] if lines else type(e).__name__


def _ours(e: BaseException) -> bool:
    from index.corpus import CorpusError
    from index.embed import ModelDamaged
    from index.problems import IndexProblem
    from index.settings import SettingsError

    if isinstance(e, IndexProblem | CorpusError | SettingsError | ModelDamaged):
        return True
    return type(e).__name__ in ("QAError", "CliError")  # qa.api / qa.cli, not imported here


def describe(e: BaseException) -> str:
    """One line, ready to print after ``qa: error: ``."""
    if _ours(e):  # our own messages are written as one line already: never cut the advice off
        lines = str(e).strip().splitlines()
        return lines[0] if lines else type(e).__name__
    if isinstance(e, PermissionError):
        return (f"permission denied on {e.filename or 'a file'}: make it readable (and the data folder, "
                f"QA_DATA_DIR, writable), then try again")
    if isinstance(e, IsADirectoryError):
        return f"{e.filename} is a folder, not a file"
    if isinstance(e, FileNotFoundError):
        return f"{e.filename or _first_line(e)} is missing: run `qa index` to rebuild what is missing ({DOCTOR})"
    if isinstance(e, OSError) and e.errno == errno.ENOSPC:
        return f"no space left on the disk while writing {e.filename or 'the index'}: free some space and retry"
    if isinstance(e, OSError) and e.errno == errno.EROFS:
        return f"{e.filename or 'the data folder'} is on a read-only file system: point QA_DATA_DIR elsewhere"
    if isinstance(e, MemoryError):
        return "out of memory: close other programs, or index a smaller corpus (see QA_MAX_DOC_MB)"
    module = type(e).__module__
    if module.startswith(("httpx", "httpcore")):
        return (f"lost the connection to the Chroma server ({type(e).__name__}: {_first_line(e)}): "
                "check that it runs at QA_CHROMA_URL, or unset QA_CHROMA_URL")
    if module.startswith("chromadb"):
        return f"the vector store failed ({type(e).__name__}: {_first_line(e)}): run `qa index` to repair ({DOCTOR})"
    if module.startswith(("onnxruntime", "tokenizers", "fastembed")):
        return (f"the embedding model failed ({type(e).__name__}: {_first_line(e)}): rebuild it with "
                "`make model`, then `qa index`")
    return (f"unexpected {type(e).__name__}: {_first_line(e)} ({DOCTOR}; run with QA_DEBUG=1 for the "
            "traceback and report it)")


def quiet_thread_errors() -> None:
    """A helper thread's exception (the model warm-up in ``LoadedIndex.load``) would print a
    traceback; the same error comes back on the main thread, where it is described."""
    previous = threading.excepthook

    def hook(args: Any) -> None:
        if args.exc_type is SystemExit:
            previous(args)

    threading.excepthook = hook
