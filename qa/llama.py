"""The query stages as llama-index components, for a llama-index pipeline (a query engine, an
agent's tool): ``as_llama_retriever`` and ``as_llama_postprocessor`` wrap qa.retrieve's
``HybridRetriever`` and qa.pipeline's ``NumericReranker``. llama-index is imported here only,
when one is asked for: ``qa ask`` and the app never import it (see qa.stages for why).

The retriever leaves its own bundle (frame, embedding, documents searched) on llama-index's
query bundle as ``qa_bundle``; the postprocessor reads the frame and the ranking from it, so a
question is analysed once, as in qa.pipeline.run.
"""

from __future__ import annotations

from typing import Any

from qa.frame import analyse
from qa.pipeline import FrameBundle, NumericReranker
from qa.retrieve import HybridRetriever
from qa.stages import NodeWithScore, TextNode

BUNDLE_ATTR = "qa_bundle"


def _to_llama(nodes: list[NodeWithScore]) -> list[Any]:
    from llama_index.core.schema import NodeWithScore as LlamaNode
    from llama_index.core.schema import TextNode as LlamaText

    return [LlamaNode(node=LlamaText(id_=n.node.node_id, text=n.node.text, metadata=dict(n.node.metadata)),
                      score=n.score) for n in nodes]


def _from_llama(nodes: list[Any]) -> list[NodeWithScore]:
    return [NodeWithScore(node=TextNode(node_id=n.node.node_id, text=n.node.get_content(),
                                        metadata=dict(n.node.metadata)), score=n.score) for n in nodes]


def _bundle(query_bundle: Any) -> FrameBundle | None:
    if query_bundle is None:
        return None
    held = getattr(query_bundle, BUNDLE_ATTR, None)
    return held if isinstance(held, FrameBundle) else FrameBundle(query_str=query_bundle.query_str)


def as_llama_retriever(retriever: HybridRetriever) -> Any:
    """A llama-index ``BaseRetriever`` that runs ``retriever``."""
    from llama_index.core.base.base_retriever import BaseRetriever

    class LlamaHybridRetriever(BaseRetriever):  # type: ignore[misc]
        def _retrieve(self, query_bundle: Any) -> list[Any]:
            bundle = _bundle(query_bundle)
            assert bundle is not None
            if bundle.frame is None:  # as the retriever's own fallback, kept for the reranker
                bundle.frame = analyse(bundle.query_str, glossary=retriever.index.glossary)
            nodes = retriever.retrieve(bundle)
            setattr(query_bundle, BUNDLE_ATTR, bundle)
            query_bundle.embedding = bundle.embedding
            return _to_llama(nodes)

    return LlamaHybridRetriever()


def as_llama_postprocessor(reranker: NumericReranker) -> Any:
    """A llama-index ``BaseNodePostprocessor`` that runs ``reranker``; the figures it ranked are
    on the query bundle's ``qa_bundle.ranked``."""
    from llama_index.core.postprocessor.types import BaseNodePostprocessor

    class LlamaNumericReranker(BaseNodePostprocessor):  # type: ignore[misc]
        @classmethod
        def class_name(cls) -> str:
            return "NumericReranker"

        def _postprocess_nodes(self, nodes: list[Any], query_bundle: Any = None) -> list[Any]:
            bundle = _bundle(query_bundle)
            out = reranker.postprocess_nodes(_from_llama(nodes), bundle)
            if query_bundle is not None:
                setattr(query_bundle, BUNDLE_ATTR, bundle)
            return _to_llama(out)

    return LlamaNumericReranker()
