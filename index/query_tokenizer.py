"""e5's tokenizer cut to the pieces a question can use, with the proof that its ids are the full one's.

Loading e5's ``tokenizer.json`` (XLM-R's unigram model, 250,002 pieces) took about 1.0 s of CPU,
holding the GIL, and 300 MB: a third of a cold start. Most pieces are in scripts no question of
ours is written in. ``qa index`` writes ``query_tokenizer.json``: the same tokenizer (normalizer,
pre-tokenizer, post-processor, added tokens) whose vocabulary keeps only the pieces made of
characters in an alphabet C (the corpus's characters and a general set: ASCII, Latin-1,
punctuation, CJK ideographs and full-width forms), in their order, with their scores; and
``query_tokenizer.meta.json``: each kept piece's id in the full vocabulary and the *fallback
characters* F, every character some full piece uses that is not in C.

Why the ids are the full tokenizer's for any text whose normalized form has no character of F:
the unigram model splits each pre-tokenized word by Viterbi over the pieces that match a substring
of it. Such a piece uses only characters of the word that some piece uses, so only characters of
C: it is kept, with its score, and no kept piece is missing from the full vocabulary. The lattice
is the same, nodes in the same order, so the same path wins, ties included. An unknown character
scores the vocabulary's lowest score less 10: the lowest-scoring piece is always kept, so that
is the same too. The kept pieces are then renumbered to their full ids. A text with a character
of F goes to the full tokenizer (``index.query_embed``), which is loaded only then.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.problems import IndexDamaged

if TYPE_CHECKING:
    from tokenizers import Tokenizer

QUERY_TOKENIZER_FILE = "query_tokenizer.json"
QUERY_TOKENIZER_META = "query_tokenizer.meta.json"
FORMAT = 1
# Pieces 0-3 (<s> <pad> </s> <unk>) keep their ids: the post-processor and the unknown id name them.
SPECIALS = 4
_RANGES = ((0x20, 0x7F), (0xA0, 0x250), (0x2000, 0x2070), (0x2100, 0x2200), (0x2460, 0x2500),
           (0x3000, 0x3040), (0x4E00, 0xA000), (0xFF00, 0xFFF0))


def general_alphabet() -> set[str]:
    """Characters any question may use, whatever the corpus: ASCII, Latin-1 and Latin Extended-A/B,
    general punctuation, letter-like symbols, circled numbers, CJK punctuation, the CJK Unified
    Ideographs and the full-width forms; and the metaspace ▁ the pre-tokenizer writes for a space."""
    return {chr(c) for lo, hi in _RANGES for c in range(lo, hi)} | {"▁"}


def _normalizer_only(full: dict[str, Any]) -> Tokenizer:
    """A tokenizer with the full one's normalizer and no vocabulary to speak of: cheap to load."""
    from tokenizers import Tokenizer

    small = dict(full, model=dict(full["model"], vocab=full["model"]["vocab"][:SPECIALS]))
    return Tokenizer.from_str(json.dumps(small))


def write_query_tokenizer(tokenizer_json: Path, source_digest: str, texts: Iterable[str], folder: Path) -> None:
    """``folder/query_tokenizer.json`` and its meta for the full tokenizer at ``tokenizer_json``
    (``source_digest``: its SHA-256, as the model's manifest lists it) and the corpus ``texts``."""
    full = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    model = full["model"]
    if model.get("type") != "Unigram" or model.get("byte_fallback") or model.get("unk_id") != 3:
        raise ValueError(f"{tokenizer_json}: not the unigram tokenizer this trimming is proven for")
    normalize = _normalizer_only(full).normalizer.normalize_str
    alphabet = general_alphabet()
    for text in texts:
        alphabet.update(text)
        alphabet.update(normalize(text))
    vocab = model["vocab"]
    lowest = min(range(len(vocab)), key=lambda i: vocab[i][1])
    kept = [i for i, (piece, _) in enumerate(vocab) if i < SPECIALS or i == lowest or alphabet.issuperset(piece)]
    used = {ch for i, (piece, _) in enumerate(vocab) if i >= SPECIALS for ch in piece}
    trimmed = dict(full, model=dict(model, vocab=[vocab[i] for i in kept]))
    meta = {"format": FORMAT, "source": source_digest, "ids": kept, "fallback": "".join(sorted(used - alphabet))}
    for name, data in ((QUERY_TOKENIZER_FILE, trimmed), (QUERY_TOKENIZER_META, meta)):
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / name)


def tokenizer_digest(model_dir: Path) -> str:
    """The SHA-256 of the model's ``tokenizer.json`` as its export manifest lists it (index.model_export)."""
    from index.embed import MANIFEST_FILE, ModelDamaged

    path = model_dir / MANIFEST_FILE
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["files"]["tokenizer.json"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelDamaged(f"{path} is unreadable ({type(e).__name__}): rebuild the model with `make model`") from e


def write_for_build(model_dir: Path, texts: Iterable[str], folder: Path) -> None:
    """The query tokenizer of a build folder, for the model in ``model_dir`` and the build's chunk texts."""
    write_query_tokenizer(model_dir / "tokenizer.json", tokenizer_digest(model_dir), texts, folder)


def configure_like_fastembed(tokenizer: Tokenizer, model_dir: Path) -> Tokenizer:
    """Truncation, special tokens and padding as fastembed's ``load_tokenizer`` sets them for e5
    (fastembed.common.preprocessor_utils), so encodings match the model's own to the id."""
    from tokenizers import AddedToken

    config = json.loads((model_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    truncation = tokenizer.truncation or {}
    tokenizer.enable_truncation(max_length=int(config["model_max_length"]),
                                direction=config.get("truncation_side") or truncation.get("direction", "right"))
    special = json.loads((model_dir / "special_tokens_map.json").read_text(encoding="utf-8"))
    for token in special.values():
        for t in token if isinstance(token, list) else [token]:
            tokenizer.add_special_tokens([t if isinstance(t, str) else AddedToken(**t)])
    padding = tokenizer.padding or {}
    pad_token = padding.get("pad_token") or config.get("pad_token")
    pad_id = padding.get("pad_id")
    if pad_id is None:
        pad_id = tokenizer.token_to_id(pad_token)
    tokenizer.enable_padding(direction=config.get("padding_side") or padding.get("direction", "right"),
                             pad_id=pad_id, pad_type_id=padding.get("pad_type_id", 0), pad_token=pad_token,
                             pad_to_multiple_of=padding.get("pad_to_multiple_of"), length=None)
    return tokenizer


def _meta(folder: Path, source_digest: str) -> dict[str, Any]:
    fix = "run `qa index` to rebuild it"
    path = folder / QUERY_TOKENIZER_META
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ValueError("unknown format")
    except FileNotFoundError as e:
        raise IndexDamaged(f"The query tokenizer {path} is missing: {fix}.") from e
    except (OSError, ValueError) as e:
        raise IndexDamaged(f"The query tokenizer {path} is damaged ({type(e).__name__}): {fix}.") from e
    if meta.get("source") != source_digest:
        raise IndexDamaged(f"The query tokenizer in {folder} was made from another tokenizer than the model's "
                           f"(the model changed since `qa index`): {fix}.")
    if not (folder / QUERY_TOKENIZER_FILE).is_file():
        raise IndexDamaged(f"The query tokenizer {folder / QUERY_TOKENIZER_FILE} is missing: {fix}.")
    return meta


def check_query_tokenizer(folder: Path, model_dir: Path) -> None:
    """IndexDamaged, naming the fix, when the build's query tokenizer is missing or was made from
    another tokenizer than the model's (``qa doctor``; its bytes are checked by the seal)."""
    _meta(folder, tokenizer_digest(model_dir))


class QueryTokenizer:
    """The trimmed tokenizer of a build folder; ``ids`` gives the full tokenizer's ids, or None
    for a text that needs the full tokenizer (a character of F)."""

    def __init__(self, tokenizer: Tokenizer, full_ids: list[int], fallback: str) -> None:
        self._tokenizer = tokenizer
        self._full_ids = full_ids
        self._fallback = frozenset(fallback)
        normalizer = tokenizer.normalizer
        assert normalizer is not None
        self._normalize = normalizer.normalize_str

    @classmethod
    def load(cls, folder: Path, model_dir: Path, source_digest: str) -> QueryTokenizer:
        """IndexDamaged, naming the fix, when the files are missing, unreadable or were made from
        another tokenizer than the model's (``source_digest``)."""
        from tokenizers import Tokenizer

        meta = _meta(folder, source_digest)
        try:
            tokenizer = Tokenizer.from_file(str(folder / QUERY_TOKENIZER_FILE))
            ids, fallback = list(meta["ids"]), str(meta["fallback"])
        except Exception as e:  # the tokenizers library raises bare Exception on a damaged file
            raise IndexDamaged(f"The query tokenizer in {folder} is damaged ({type(e).__name__}): "
                               "run `qa index` to rebuild it.") from e
        if len(ids) != tokenizer.get_vocab_size(with_added_tokens=False):
            raise IndexDamaged(f"The query tokenizer in {folder} does not match its meta file: run `qa index` "
                               "to rebuild it.")
        return cls(configure_like_fastembed(tokenizer, model_dir), ids, fallback)

    def ids(self, text: str) -> list[int] | None:
        """The full tokenizer's ids for ``text`` (specials, truncation included), or None."""
        if not self._fallback.isdisjoint(self._normalize(text)):
            return None
        full, n = self._full_ids, len(self._full_ids)
        # Ids past the trimmed vocabulary are added tokens (<mask>), numbered as in the full one.
        return [full[i] if i < n else i for i in self._tokenizer.encode(text).ids]
