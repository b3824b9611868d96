"""Near-identical text: the same document scraped again or reprinted with corrected figures is
caught; different documents of one series are not."""

from __future__ import annotations

import itertools

import pytest

from index.clean import decode_bytes
from index.corpus import load_metadata
from index.intake_similar import NEAR_DUPLICATE_SHARE, near_duplicate, shared_share, shingles
from tests.support import CORPUS


def _texts() -> dict[str, str]:
    metas, _ = load_metadata(CORPUS)
    return {m.id: decode_bytes((CORPUS / m.file).read_bytes())[0] for m in metas}


def test_the_corpus_documents_are_far_from_each_other() -> None:
    """The 2023 and 2024 white papers follow one template and share the most: still far below the bar."""
    texts = {k: shingles(v) for k, v in _texts().items()}
    for a, b in itertools.combinations(texts, 2):
        assert shared_share(texts[a], texts[b]) < 0.2, (a, b)


@pytest.mark.parametrize("change", [
    lambda t: t,
    lambda t: "首页\n新闻中心\n分享到微信\n" + t.replace("\n", "\n\n") + "\n相关推荐\n上一篇 下一篇\n",  # other chrome
    lambda t: t.replace("2024", "2025").replace("15项", "17项").replace("6", "7"),  # figures corrected
    lambda t: t.replace("，", ",").replace("。", ". "),  # other punctuation
    lambda t: t[: len(t) // 2],  # only the first half (a cut scrape)
])
def test_the_same_document_again_is_a_near_duplicate(change) -> None:  # type: ignore[no-untyped-def]
    texts = _texts()
    found = near_duplicate(change(texts["gd-ip-top10-events-2024"]), texts)
    assert found is not None and found[0] == "gd-ip-top10-events-2024" and found[1] >= NEAR_DUPLICATE_SHARE


def test_traditional_and_simplified_are_the_same_text() -> None:
    a, b = "2023年廣東省知識產權保護狀況：全省法院新收知識產權案件8萬件", "2023年广东省知识产权保护状况：全省法院新收知识产权案件8万件"
    assert shared_share(shingles(a), shingles(b)) == 1.0


def test_a_new_document_is_no_duplicate() -> None:
    new = "2024年湛江市知识产权保护工作情况\n2024年,湛江市市场监管部门持续加大知识产权执法力度,全年查处商标侵权案件137件。"
    assert near_duplicate(new, _texts()) is None
    assert shared_share(frozenset(), shingles(new)) == 0.0
