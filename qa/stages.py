"""The two query stages' interfaces, shaped as llama-index's: a retriever implements ``_retrieve``,
a node postprocessor ``_postprocess_nodes``, and they pass a query bundle and scored nodes.

Why not llama-index's own classes: importing ``llama_index.core`` (its package init brings in
chat engines, memory, SQLAlchemy, prompts) cost about 1.2 s of CPU at every process start, a
third of a cold ``qa ask``, for two base classes whose public methods only call the hook. The
stages keep the same names, hooks and fields, so ``qa.llama`` can hand them to a llama-index
pipeline as real llama-index components (it imports llama-index only when asked).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any


@dataclass
class QueryBundle:
    """The question as the stages pass it on (llama-index's ``QueryBundle`` fields in use here)."""

    query_str: str
    embedding: list[float] | None = None


@dataclass(frozen=True)
class TextNode:
    """A retrieved passage: its chunk id, text and the metadata a filter or reader looks at."""

    node_id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def get_content(self) -> str:
        return self.text


@dataclass(frozen=True)
class NodeWithScore:
    node: TextNode
    score: float | None = None


class BaseRetriever(ABC):
    """Finds passages for a query bundle (``_retrieve``)."""

    def retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self._retrieve(query_bundle)

    @abstractmethod
    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]: ...


class BaseNodePostprocessor(ABC):
    """Reorders or filters retrieved passages (``_postprocess_nodes``)."""

    def postprocess_nodes(self, nodes: list[NodeWithScore],
                          query_bundle: QueryBundle | None = None) -> list[NodeWithScore]:
        return self._postprocess_nodes(nodes, query_bundle)

    @abstractmethod
    def _postprocess_nodes(self, nodes: list[NodeWithScore],
                           query_bundle: QueryBundle | None = None) -> list[NodeWithScore]: ...
