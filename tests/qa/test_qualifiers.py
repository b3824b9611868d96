"""Which metric qualifiers a text names, and when a figure's qualifiers fail a question's (pure)."""

from __future__ import annotations

import pytest

from qa.qualifiers import qualifier_mismatch, qualifiers_in


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2023年广东马德里国际商标注册申请量是多少？", {"madrid"}),
        ("How many Madrid trademark applications were filed?", {"madrid"}),
        ("PCT国际专利申请量2.34万件", {"pct"}),
        ("海外發明專利授權量", {"overseas", "invention"}),  # traditional script
        ("How many practising patent attorneys did Guangdong have?", {"practising"}),
        ("How many licensed patent attorneys were there?", {"practising"}),
        ("执业专利代理师4781人", {"practising"}),
        ("有效注册商标量906.46万件", {"valid"}),
        ("有效遏制侵权行为", set()),  # "effectively", not "valid"
        ("the number of valid invention patents", {"valid", "invention"}),
        ("How many invention patents per 10,000 people?", {"invention", "per_capita"}),
        ("每万人口高价值发明专利拥有量", {"per_capita", "high_value", "invention"}),
        ("How many design patents were granted?", {"design"}),
        ("layout designs of integrated circuits", {"integrated_circuit"}),  # not design patents
        ("计算机软件作品登记28.27万件", {"software"}),
        ("全省专利授权量69.26万件", set()),
        ("How many patents were granted in 2024?", set()),
    ],
)
def test_qualifiers_in(text, names):
    assert qualifiers_in(text) == frozenset(names)


NONE: frozenset[str] = frozenset()
MADRID, OVERSEAS = frozenset({"madrid"}), frozenset({"overseas"})


@pytest.mark.parametrize(
    ("asked", "sentence", "metric", "mismatch"),
    [
        (NONE, NONE, NONE, False),
        (MADRID, NONE, NONE, True),  # Madrid applications asked, all trademark registrations given
        (MADRID, MADRID, MADRID, False),
        (MADRID, MADRID, NONE, False),  # the sentence names it: the figure may be the Madrid one
        (NONE, OVERSEAS, OVERSEAS, True),  # 海外发明专利授权量 for 专利授权量
        (NONE, OVERSEAS, NONE, False),  # the sentence's other clause is about overseas grants
        (OVERSEAS, OVERSEAS, NONE, False),
    ],
)
def test_qualifier_mismatch(asked, sentence, metric, mismatch):
    assert qualifier_mismatch(asked, sentence, metric) is mismatch
