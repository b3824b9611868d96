"""Joint actions with partners outside the province (index.partners)."""

from __future__ import annotations

import pytest

from index.figures import parse_figures
from index.partners import (
    asked_partners,
    claimed_joint_roles,
    gate_stands,
    named_places,
    names_joint_action,
    names_total,
    partner_mismatch,
    partners_in,
)

HK_MO = frozenset({"hong_kong", "macao"})


@pytest.mark.parametrize(("text", "partners"), [
    # the corpus's joint operations, in both languages and scripts
    ("联合香港、澳门海关开展粤港澳海关保护知识产权联合执法行动3次,查获涉嫌侵权商品3849批次", HK_MO),
    (("During the 3 law enforcement actions for IPR protection jointly launched by Guangdong Sub-Administration "
      "of GACC and the customs authorities in Hong Kong and Macao, 3,849 batches"), HK_MO),
    ("海關總署廣東分署組織省內海關與香港、澳門海關共同開展3次知識產權海關保護聯合執法行動,共查獲2825批次", HK_MO),
    # no joint action: no partners, whatever places are named
    ("In 2024, the customs authorities across the province seized 14,420 batches", frozenset()),
    ("2024年香港海关查获侵权商品多少批次", frozenset()),
    # what acts jointly with no one, or with the province itself
    ("世界知识产权组织与华南理工大学联合举办2024年中国暑期学校", frozenset()),
    ("粤港澳大湾区知识产权交易博览会联合举办", frozenset()),
    ("联合国知识产权组织在深圳举办", frozenset()),
    # a place in the province is no partner
    ("深圳联合广州海关查获侵权商品100批次", frozenset()),
])
def test_partners_of_a_figures_sentence(text: str, partners: frozenset[str]) -> None:
    assert partners_in(text, "guangdong") == partners


@pytest.mark.parametrize(("text", "places"), [
    ("2024年广东海关跟港澳联合执法查获多少批", {"guangdong", "hong_kong", "macao"}),
    ("粤港澳大湾区建设", {"greater_bay_area"}),  # 港澳 inside a longer place name is that place
])
def test_a_pair_form_names_two_places(text: str, places: set[str]) -> None:
    assert named_places(text) >= frozenset(places)
    assert ("hong_kong" in named_places(text)) == ("hong_kong" in places)


@pytest.mark.parametrize(("text", "own", "partners"), [
    ("2024年广东海关跟港澳联合执法查获多少批侵权商品?", frozenset({"guangdong"}), HK_MO),
    ("Customs in the province also teamed up with Hong Kong and Macao. How many batches?", frozenset(), HK_MO),
    ("How many batches did Guangdong customs seize in 2024?", frozenset({"guangdong"}), frozenset()),
    ("How many joint operations did Guangdong customs run?", frozenset({"guangdong"}), frozenset()),
])
def test_asked_partners(text: str, own: frozenset[str], partners: frozenset[str]) -> None:
    assert asked_partners(text, own) == partners


@pytest.mark.parametrize(("asked", "joint", "named", "figure", "mismatch"), [
    # the province's own total asked: a joint operation's part is no answer
    (frozenset(), False, frozenset({"guangdong"}), HK_MO, True),
    # a joint operation named, or one of its partners: it may be
    (frozenset(), True, frozenset({"guangdong"}), HK_MO, False),
    (frozenset(), False, frozenset({"hong_kong"}), HK_MO, False),
    # the joint part asked: the total is no answer, the part is
    (HK_MO, True, HK_MO, frozenset(), True),
    (HK_MO, True, HK_MO, HK_MO, False),
    (frozenset(), False, frozenset(), frozenset(), False),
])
def test_partner_mismatch(asked: frozenset[str], joint: bool, named: frozenset[str], figure: frozenset[str],
                          mismatch: bool) -> None:
    assert partner_mismatch(asked, joint, named, figure, "guangdong") is mismatch


def test_the_figures_own_province_is_no_partner_asked() -> None:
    # "released together with Guangdong's top ten IP events": Guangdong read as a partner
    assert not partner_mismatch(frozenset({"guangdong"}), True, frozenset({"guangdong"}), frozenset(), "guangdong")
    assert not partner_mismatch(frozenset({"shenzhen"}), True, frozenset(), frozenset(), "guangdong")


def test_joint_words() -> None:
    assert names_joint_action("customs teamed up with Hong Kong")
    assert not names_joint_action("联合国")
    assert not names_joint_action("the customs seized 14,420 batches")


class Rec:
    def __init__(self, id: str, partners: frozenset[str] = frozenset(), unit: str = "批次", year: int = 2024,
                 aligned: str | None = None) -> None:
        self.id, self.partners, self.unit, self.year, self.aligned = id, partners, unit, year, aligned


def test_a_gate_on_the_whole_stands_only_beside_a_joint_part_of_its_unit_and_year() -> None:
    part, whole = Rec("zh:1", HK_MO), Rec("zh:0")
    assert gate_stands(part, [part, whole])  # a joint action's part's gate always stands
    assert gate_stands(whole, [part, whole])
    # no joint part of its unit and year among them: "410 cooperation programs" is no total
    assert not gate_stands(Rec("en:5", unit="项"), [part, Rec("en:5", unit="项")])
    assert not gate_stands(Rec("en:5", year=2023), [part])
    assert not gate_stands(Rec("en:5", unit=""), [Rec("en:6", HK_MO, unit="")])
    # nor where the joint part is its own translation, which leaves out with whom
    assert not gate_stands(Rec("en:1", aligned="zh:1"), [part])


@pytest.mark.parametrize(("claim", "figure", "joint", "partners"), [
    # the partners named from the figure before it to the end of its clause ask for the joint part
    ("In 2023 Guangdong customs seized 2,825 batches in three joint operations with Hong Kong and Macau.",
     "2,825", True, HK_MO),
    # a total after the joint part: the year's total, whatever the sentence named before
    ("2024年广东海关联合港澳海关开展3次联合执法行动,全年查扣侵权商品14420批次。", "14420", False, frozenset()),
    (("In joint operations with Hong Kong and Macao customs, Guangdong seized 3,849 batches in 2024, while the "
      "customs seized 14,420 batches for the whole year."), "14,420", False, frozenset()),
    # a restatement in the same sentence keeps the joint action named
    (("Working with Hong Kong and Macao customs in three joint operations in 2024, Guangdong customs seized 3,849 "
      "batches, or about 1.59 million items."), "1.59", True, frozenset()),
])
def test_claimed_joint_roles(claim: str, figure: str, joint: bool, partners: frozenset[str]) -> None:
    stated = [f for f in parse_figures(claim) if f.kind != "year"]
    judged = next(f for f in stated if f.start == claim.index(figure))
    roles = claimed_joint_roles(claim, stated, judged, names_joint_action(claim), named_places(claim),
                                frozenset({"guangdong"}))
    assert roles["joint"] is joint and roles["partners"] == partners


@pytest.mark.parametrize(("text", "total"), [
    (",全年查扣侵权商品14420批次", True),
    ("customs seized 14,420 batches for the whole year", True),
    # 全省 / "in all" / "across the province" sum within a joint action too
    ("the province's customs seized 14,420 batches in all", False),
    ("全省海关共查获涉嫌侵权商品3849批次", False),
    ("行动期间省内海关共查获涉嫌侵权货物2825批次,合计220万件", False),  # 合计 / 省内 sum within a joint action
    ("全年联合港澳海关查获3849批次", False),  # a joint action named: no total
])
def test_names_total(text: str, total: bool) -> None:
    assert names_total(text) is total
