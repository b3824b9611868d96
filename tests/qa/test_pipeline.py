"""The question's llama-index path (qa.pipeline): what ask and verify run."""

from __future__ import annotations

import pytest

from index.settings import Settings
from qa.api import QA
from qa.pipeline import FrameBundle, NumericReranker


@pytest.mark.integration
def test_the_reranker_puts_the_year_and_metric_match_first_and_leaves_the_ranking() -> None:
    qa = QA.load(Settings.from_env())
    frame = qa._analyse("2023年广东全省检察机关批捕侵犯知识产权犯罪案件多少件？", "question")
    bundle = FrameBundle(query_str=frame.text, frame=frame)
    nodes = qa.retriever.retrieve(bundle)
    assert nodes and all(n.score is not None for n in nodes)
    out = NumericReranker(index=qa.index, weights=qa.rerank_weights).postprocess_nodes(nodes, bundle)
    assert "800件" in out[0].node.get_content() and out[0].node.metadata["year"] == 2023
    assert bundle.ranked[0].figure.text == "800件" and bundle.ranked[0].record.year == 2023
    assert qa.ask(frame.text).figure.text == "800件"  # ask runs this same path


@pytest.mark.integration
def test_the_stages_run_in_a_llama_index_pipeline_as_they_run_here() -> None:
    from llama_index.core.schema import QueryBundle as LlamaBundle

    from qa.llama import as_llama_postprocessor, as_llama_retriever

    qa = QA.load(Settings.from_env())
    question = "2023年广东全省检察机关批捕侵犯知识产权犯罪案件多少件？"
    frame = qa._analyse(question, "question")
    bundle = FrameBundle(query_str=frame.text, frame=frame)
    reranker = NumericReranker(index=qa.index, weights=qa.rerank_weights)
    ours = reranker.postprocess_nodes(qa.retriever.retrieve(bundle), bundle)

    llama_bundle = LlamaBundle(frame.text)
    llama_bundle.qa_bundle = FrameBundle(query_str=frame.text, frame=frame)  # type: ignore[attr-defined]
    nodes = as_llama_retriever(qa.retriever).retrieve(llama_bundle)
    theirs = as_llama_postprocessor(reranker).postprocess_nodes(nodes, llama_bundle)
    assert [(n.node.node_id, n.score) for n in theirs] == [(n.node.node_id, n.score) for n in ours]
    assert llama_bundle.qa_bundle.ranked[0].figure.text == "800件"  # type: ignore[attr-defined]
    assert "800件" in theirs[0].node.get_content()
