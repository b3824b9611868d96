"""What a bare English figure of a claim counts when its noun stands before it (qa.claim_units)."""

from __future__ import annotations

import pytest

from index.figures import Figure, parse_figures
from qa.claim_units import loose_classifier, loosely_restates, with_counted_units


def _units(text: str) -> list[tuple[str, str]]:
    stated = [f for f in parse_figures(text) if f.kind in ("quantity", "percent", "rank")]
    return [(f.text, f.unit) for f in with_counted_units(text, stated)]


@pytest.mark.parametrize(("text", "units"), [
    # the subject, joined to the figure by a linking verb, says what it counts
    ("Batches of infringing goods seized by customs in 2024 totalled 14,420.", [("14,420", "批次")]),
    ("The number of seized batches fell to 14,420 in 2024.", [("14,420", "批次")]),
    ("Trademark registrations were 824,500.", [("824,500", "件")]),
    ("Court cases numbered about 83,000.", [("83,000", "件")]),
    # a part of the figure before it counts in its unit
    ("The loans reached 5,067 companies, of which 4,931 were small and medium-sized.",
     [("5,067 companies", "家"), ("4,931", "家")]),
    ("Guangdong was granted 692,600 patents, 168,800 of them invention patents.",
     [("692,600 patents", "件"), ("168,800", "件")]),
    ("Regulators handled 3,945 IP cases worth RMB 82.5 million and transferred 167 of them to judicial authorities.",
     [("3,945 IP cases", "件"), ("RMB 82.5 million", "元"), ("167", "件")]),  # of the cases, not the yuan
    # "of them" with no count before it in the claim: its subject says what it counts
    ("Invention patents accounted for 168,800 of them.", [("168,800", "件")]),
    # an action verb makes the noun before it the actor, not what is counted
    ("Customs officers seized 14,420 in 2024.", [("14,420", "")]),
    ("Law enforcement officers handled 4,419.", [("4,419", "")]),
    # a figure with its own noun keeps it; one whose noun is left out after it counts the last count's
    ("Police filed 2,249 cases and solved 1,926.", [("2,249 cases", "件"), ("1,926", "件")]),
    (("In 2023 Guangdong courts accepted 91,000 IP cases, concluded 95,000 and closed 53,000 through mediation "
      "or withdrawal."), [("91,000 IP cases", "件"), ("95,000", "件"), ("53,000", "件")]),
    # … only after an action on the thing the counts before it name (a reviewer's cases)
    ("They investigated around 4,000 IP administrative penalty cases and handed 184 to judicial organs.",
     [("4,000 IP administrative penalty cases", "件"), ("184", "")]),
    ("In 2023, Guangdong police filed 1,926 cases and arrested 4,870.", [("1,926 cases", "件"), ("4,870", "")]),
    ("In 2024, Guangdong copyright enforcement handled 370 cases and deployed 43,667.",
     [("370 cases", "件"), ("43,667", "")]),
    ("Guangdong courts concluded 477,000 civil IP cases and 21,000 criminal ones.",
     [("477,000 civil IP cases", "件"), ("21,000", "件")]),
    # … not where a noun of its own follows, nor the unit of an amount
    ("Prosecutors accepted 228 cases and sent 42 retrial recommendations.", [("228 cases", "件"), ("42", "")]),
    ("Guangdong issued 25 products worth RMB 4 billion, up from 16 in 2023.",
     [("25", ""), ("RMB 4 billion", "元"), ("16", "")]),
    ("The plan's target was 6,000, and the province ended the period with 8,862.", [("6,000", ""), ("8,862", "")]),
    # … nor an amount, a rate, a figure no verb acts on, or after counts of two things (a reviewer's cases)
    ("In 2024, Guangdong courts accepted 83,308 IP cases and awarded damages of 8.85 billion.",
     [("83,308 IP cases", "件"), ("8.85 billion", "")]),
    ("In 2023, Guangdong courts accepted 91,000 IP cases with a mediation rate of 57.4.",
     [("91,000 IP cases", "件"), ("57.4", "")]),
    ("Guangdong courts accepted 83,308 IP cases in 2024, compared with 91,000 in 2023.",
     [("83,308 IP cases", "件"), ("91,000", "")]),
    ("Prosecutors approved arrests in 1,265 IP crime cases involving 1,854 suspects, and indicted 1,779.",
     [("1,265 IP crime cases", "件"), ("1,854 suspects", "人"), ("1,779", "")]),
])
def test_counted_noun_before_the_figure(text: str, units: list[tuple[str, str]]) -> None:
    assert _units(text) == units


def _figure(text: str, unit: str) -> Figure:
    fig = parse_figures(text)[0]
    return fig.model_copy(update={"unit": unit})


@pytest.mark.parametrize(("text", "claimed_unit", "source", "source_unit", "loose"), [
    # a general classifier of things (the English noun's guess, or the claim's own word) may stand for
    # the source's count of items: cases, documents, pieces (件 …) or another general classifier
    ("2,300 clues", "条", "2300件", "件", True),
    ("欧盟商标数据234万条", "条", "234万件", "件", True),
    ("25 measures", "项", "25条", "条", True),
    # never people, organisations, batches, occurrences, nor a rank
    ("1,854 records", "条", "1854人", "人", False),
    ("7,571 records", "条", "7571家", "家", False),
    ("2,300 clues", "条", "2300批次", "批次", False),
    ("2,300 clues", "条", "2300次", "次", False),
    ("3 awards", "项", "第3位", "位", False),
    # 个 and 次 are other rules' (any noun's; times), and a unit of one kind of thing is no general classifier
    ("43 workstations", "个", "43件", "件", False),
    ("40 times", "次", "40件", "件", False),
    ("14,420 batches", "批次", "14420件", "件", False),
])
def test_a_general_classifier_loosely_restates_a_count_of_items(text: str, claimed_unit: str, source: str,
                                                                source_unit: str, loose: bool) -> None:
    found = parse_figures(source)[0].model_copy(update={"unit": source_unit})
    assert loosely_restates(_figure(text, claimed_unit), found) is loose


@pytest.mark.parametrize(("text", "unit", "guess"), [
    ("2,300 clues", "条", True),
    ("欧盟商标数据234万条", "条", True),  # the claim's own loose word
    ("83,308 cases", "件", False),
    ("43个工作站", "个", False),
])
def test_a_general_classifier_is_loose(text: str, unit: str, guess: bool) -> None:
    assert loose_classifier(_figure(text, unit)) is guess
