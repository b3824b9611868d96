"""The last eval run's headline, for the app's Status tab (the app sits above eval; qa does not)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from index.settings import Settings


@lru_cache(maxsize=1)
def _read(path: str, mtime: float) -> dict[str, float | str] | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {k: v for k, v in data.get("headline", {}).items() if isinstance(v, int | float | str)}
    except (OSError, ValueError):
        return None


def last_eval(settings: Settings) -> dict[str, float | str] | None:
    """The headline of the newest ``qa eval`` run, or None when there is none."""
    latest = settings.runs_dir / "latest.json"
    if not latest.is_file():
        return None
    return _read(str(latest), latest.stat().st_mtime)
