"""Do Chroma's two ways of filtering a search agree? For each question, the dense lists the
retriever asks for (qa.retrieve.dense_lists: the question's own place filter, each language) are
made with the filter as a ``where`` clause and as the allowed chunks' ``ids``; prints the questions
whose ids or distances differ, and the CPU milliseconds of each way's store queries.

    QA_DATA_DIR=... QA_CORPUS_DIR=... python -m bench.chroma_filter --cases eval/dev/own.jsonl ...

Chroma's search is approximate (HNSW) and its results depend on the allowed set and on k, so a
change of filter form is safe only if this finds no difference. One process is not enough: a
language's top 30 by ids matched the where clause here for all 1,302 dev questions, yet in some
processes both missed a chunk that where-only processes found (qa.retrieve keeps ids for the
searches that return every allowed chunk).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from bench.warm import read_cases


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=Path, action="append", required=True, help="a JSON list or JSONL of eval cases")
    p.add_argument("--depth", type=int, default=30)
    args = p.parse_args()
    from index.filters import allows_nothing, chroma_where
    from qa.api import QA
    from qa.retrieve import ONE_QUERY_MAX

    qa = QA.load()
    idx = qa.index
    questions = list(dict.fromkeys(c["question"] for path in args.cases for c in read_cases(path) if "question" in c))
    ms: dict[str, list[float]] = {"where": [], "ids": []}
    differ = []
    for text in questions:
        frame = qa._analyse(text, "question")
        vector = idx.embedder.embed_queries([frame.text])[0]
        f = qa.retriever.place_filter(frame)
        documents = f.documents(idx.doc_places, list(idx.documents)) if not f.empty else None
        mask = idx.table.mask(f, documents) if idx.table is not None and not f.empty else None
        allowed = int(mask.sum()) if mask is not None else len(idx.chunks)
        langs = [lang for lang in ("zh", "en") if not allows_nothing(f, lang, documents)]
        one = documents is not None and len(langs) == 2 and 0 < allowed <= ONE_QUERY_MAX
        searches: list[tuple[str | None, int]] = [(None, allowed)] if one else [(lang, args.depth) for lang in langs]
        got: dict[str, list[Any]] = {"where": [], "ids": []}
        for way, lists in got.items():
            t = time.process_time()
            for lang, k in searches:
                if way == "where":
                    lists.append(idx.store.query(idx.manifest.collection, vector, k,
                                                    where=chroma_where(f, lang, documents)))
                else:
                    lists.append(idx.store.query(idx.manifest.collection, vector, k,
                                                    ids=idx.chunk_ids_allowed(f, documents, lang)))
            ms[way].append(1000 * (time.process_time() - t))
        if got["where"] != got["ids"]:
            differ.append(text)
    print(json.dumps({"questions": len(questions), "differ": len(differ),
                      "cpu_ms_p50": {k: round(statistics.median(v), 2) for k, v in ms.items()},
                      "cpu_ms_mean": {k: round(statistics.fmean(v), 2) for k, v in ms.items()}}, ensure_ascii=False))
    for text in differ:
        print("differs:", text)


if __name__ == "__main__":
    main()
