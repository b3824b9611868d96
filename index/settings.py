"""The one settings object: paths, model, Chroma location, retrieval sizes.

Read from the environment once (``Settings.from_env``) and passed explicitly everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    data_dir: Path = PROJECT_ROOT / ".qa"  # generated: model, index (git-ignored)
    # int8 is the default: on this corpus it retrieves as well as fp32 (eval hit@5 0.918 vs
    # 0.912, MRR 0.823 vs 0.823) and embeds twice as fast (see README, `make bench`).
    model_variant: Literal["fp32", "int8"] = "int8"
    embedder: Literal["e5", "fake"] = "e5"  # "fake" only for tests: SHA-256 vectors
    chroma_url: str | None = None  # e.g. http://127.0.0.1:8000 for a `chroma run` server
    threads: int = 2
    # The risk setting: how many confident wrong answers or verdicts per 100 questions the
    # calibrated decision may give (qa.calibration); lower means more "not found".
    risk: float = Field(default=1.0, ge=0.0, le=100.0)
    top_k: int = 5
    max_doc_mb: float = 4.0  # larger corpus files are refused by name (see index.corpus)

    @field_validator("chroma_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError(f"QA_CHROMA_URL must start with http:// or https://, got {v!r}")
        return v or None

    @property
    def model_dir(self) -> Path:
        return self.data_dir / "models" / "multilingual-e5-small"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def runs_dir(self) -> Path:
        return PROJECT_ROOT / "eval" / "runs"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the ``QA_*`` variables; a bad value raises SettingsError naming its variable."""
        env = os.environ
        values: dict[str, object] = {}
        for var, field in ENV_FIELDS.items():
            if env.get(var):
                values[field] = env[var]
        if "threads" in values:
            raw = str(values["threads"])
            if not raw.strip().isdigit() or int(raw) < 1:
                raise SettingsError(f"QA_THREADS must be a whole number of threads (1 or more), got {raw!r}; "
                                    "fix or unset it")
        values.update(overrides)
        try:
            return cls(**values)  # type: ignore[arg-type]
        except ValidationError as e:
            err = e.errors()[0]
            field = str(err["loc"][0]) if err.get("loc") else ""
            var = next((v for v, f in ENV_FIELDS.items() if f == field), field)
            got = values.get(field)
            msg = str(err.get("msg", e)).removeprefix("Value error, ")
            raise SettingsError(f"{var}={got!s} is not valid: {msg}; fix or unset it") from e


class SettingsError(ValueError):
    """A ``QA_*`` variable holds a value that cannot be used; the message names it."""


ENV_FIELDS = {
    "QA_CORPUS_DIR": "corpus_dir",
    "QA_DATA_DIR": "data_dir",
    "QA_MODEL_VARIANT": "model_variant",
    "QA_EMBEDDER": "embedder",
    "QA_CHROMA_URL": "chroma_url",
    "QA_THREADS": "threads",
    "QA_MAX_DOC_MB": "max_doc_mb",
    "QA_RISK": "risk",
}
