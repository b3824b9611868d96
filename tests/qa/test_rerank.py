"""The numeric reranker: pure feature functions, and its llama-index postprocessor form."""

from __future__ import annotations

import pytest
from llama_index.core.schema import QueryBundle

from index.figures import Figure
from index.settings import Settings
from qa.api import QA
from qa.query import analyse
from qa.rerank import NumericReranker, figure_year, sentence_bounds
from qa.retrieve import to_node


def test_figure_year_prefers_the_sentence_year_over_the_document_year():
    from index.types import Chunk

    text = "2023年，全省新增申请量422件。累计2552件。"
    fig = Figure(text="422件", value=422, unit="件", start=text.index("422"), end=text.index("422") + 4)
    total = Figure(text="2552件", value=2552, unit="件", start=text.index("2552"), end=text.index("2552") + 5)
    chunk = Chunk(id="x", doc_id="d", source="d.txt", lang="zh", year=2024, section=[], paragraph=1, text=text,
                  search_text=text, start=0, end=len(text), raw_start=0, raw_end=len(text))
    assert figure_year(chunk, fig) == 2023
    assert figure_year(chunk, total) == 2024  # its own sentence names no year
    assert sentence_bounds(text, fig.start) == (0, text.index("。") + 1)


@pytest.mark.integration
def test_postprocessor_puts_the_year_and_metric_match_first():
    qa = QA.load(Settings.from_env())
    question = "2023年广东全省检察机关批捕侵犯知识产权犯罪案件多少件？"
    info = analyse(question)
    ranked = qa.retriever.rank(info)
    nodes = [to_node(qa.index.by_id[cid], s) for cid, s in ranked]

    def scorer(q, ids):
        _, figs = qa.candidates(analyse(q), qa.rerank_weights)
        return figs

    reranker = NumericReranker(scorer=scorer, top_n=5)
    out = reranker.postprocess_nodes(nodes, QueryBundle(question))
    assert len(out) == 5
    assert "800件" in out[0].node.get_content() and out[0].node.metadata["year"] == 2023
