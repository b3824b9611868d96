"""The collector around loading an index: off while it loads, the loaded index frozen after.

Python's cyclic collector walks every tracked object each time its oldest generation is
collected. Loading an index makes hundreds of thousands of long-lived objects (chunks, figure
records, the keyword tables), so each full collection during the load walks everything loaded so
far, and every later one walks the whole index again. Measured at 20× (100 documents, 5,897
chunks, 16,290 figure records; `QA.load` then one `ask`, CPU seconds): load 5.22 → 4.26 with the
collector off while loading; the first question 0.85 → 0.48 and five warm questions 1.37 → 0.97
with the loaded objects frozen (``gc.freeze``: moved to a generation no collection walks).

What loading leaves behind as cyclic garbage is collected once, before the freeze. A process that
loads again (the app following a new build, ``qa.live``) calls ``release_frozen`` once the old
index is let go, so its cycles can be collected instead of staying frozen for good.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """The collector off for the block; when it ends normally, what it made is frozen. A process
    that loaded before (tests, tools loading one index after another) first lets the collector see
    what it froze then, so an index let go since is collected rather than kept frozen."""
    if gc.get_freeze_count():
        release_frozen()
    was_enabled = gc.isenabled()
    gc.disable()
    ok = False
    try:
        yield
        ok = True
    finally:
        if was_enabled:
            gc.enable()
        if ok:
            # Young garbage of the load (parser temporaries in cycles) is freed, not frozen.
            gc.collect(1)
            gc.freeze()


def release_frozen() -> None:
    """Let the collector see every frozen object again (an index was let go), then refreeze what lives."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
