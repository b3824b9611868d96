"""The question's meaning asked in both languages (qa.second_query)."""

from __future__ import annotations

import numpy as np
import pytest

from index.glossary import Glossary
from qa.frame import analyse
from qa.second_query import averaged, rewritten


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


def test_an_english_question_is_asked_again_with_its_glossary_words_in_chinese(glossary: Glossary) -> None:
    frame = analyse("How many IP cases did Guangdong courts accept in 2024?", glossary=glossary)
    other = rewritten(frame, glossary)
    assert other is not None and other != frame.text
    assert "受理" in other and "2024" in other


def test_a_chinese_question_is_asked_once(glossary: Glossary) -> None:
    frame = analyse("2024年广东法院受理了多少知识产权案件?", glossary=glossary)
    assert rewritten(frame, glossary) is None


def test_nothing_the_glossary_knows_is_no_second_question(glossary: Glossary) -> None:
    frame = analyse("Kunlun Zhejiang Hangzhou?", glossary=glossary)
    assert rewritten(frame, glossary) is None


def test_the_two_vectors_are_averaged_as_unit_vectors() -> None:
    out = np.array(averaged([3.0, 0.0], [0.0, 0.5]))
    assert np.allclose(out, [2 ** -0.5, 2 ** -0.5])
    assert np.isclose(np.linalg.norm(out), 1.0)


@pytest.mark.integration
def test_the_retriever_leaves_the_two_language_meaning_for_the_reranker() -> None:
    from index.settings import Settings
    from qa.api import QA
    from qa.pipeline import FrameBundle

    qa = QA.load(Settings.from_env())
    for question, both in (("How many IP cases did Guangdong courts accept in 2024?", True),
                           ("2024年广东法院受理了多少知识产权案件?", False)):
        frame = qa._analyse(question, "question")
        bundle = FrameBundle(query_str=frame.text, frame=frame)
        qa.retriever.retrieve(bundle)
        assert (bundle.meaning_embedding is not None) == both
        if both:
            assert bundle.embedding is not None and bundle.meaning_embedding != bundle.embedding
