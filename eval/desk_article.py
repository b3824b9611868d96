"""Scoring the ``article`` kind of desk case (eval.desk_schema): an article checked as the
product checks it (``QA.check_article``), sentence by sentence, against a careful fact-checker's
verdicts.

Per claim sentence of the case: the checker's sentences that overlap it (the two may cut a
sentence differently: a case's "sentence" is any exact substring of the article) give one verdict,
the worst of theirs as the product's own rule goes — contradicted when any is, supported only when
all checked ones are, else not found. It is right when that verdict is the case's. A claim
sentence whose overlapping sentences were all skipped is wrong ("skipped sentences must not be in
the claims list"). A sentence the case does not list (no figure) that the checker judged anyway is
counted apart as an extra claim.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict

from eval.desk_schema import ArticleClaim, DeskCase

REL_TOL = 0.005


class ClaimResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sentence: str
    expected: str
    got: str  # supported / contradicted / not_found, or "skipped" / "missing"
    correct: bool
    # For a supported or contradicted claim judged so: whether the source figure the checker
    # quoted is the case's (None where either gives none).
    figure_correct: bool | None = None


class ArticleCaseResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    lang: str
    claims: list[ClaimResult]
    # Sentences the case does not list but the checker judged: their text and verdict.
    extra: list[tuple[str, str]] = []
    seconds: float = 0.0
    error: str | None = None

    @property
    def correct(self) -> int:
        return sum(c.correct for c in self.claims)

    @property
    def confident_wrong(self) -> int:
        """Claims given as supported or contradicted that are wrong. Extra claims are not counted:
        the case says only that the fact-checker saw no figure there ("上述指标均居全国首位" states a
        rank the checker may rightly confirm); they are reported apart."""
        return sum(1 for c in self.claims if not c.correct and c.got in ("supported", "contradicted"))


def _combined(verdicts: list[str]) -> str:
    checked = [v for v in verdicts if v != "skipped"]
    if not checked:
        return "skipped" if verdicts else "missing"
    if "contradicted" in checked:
        return "contradicted"
    if all(v == "supported" for v in checked):
        return "supported"
    return "not_found"


def _figure_ok(claim: ArticleClaim, found: list[Any]) -> bool | None:
    if claim.source_figure is None or not found:
        return None
    want = claim.source_figure.value
    return any(f is not None and math.isclose(f.value, want, rel_tol=REL_TOL) for f in found)


def score_article_case(case: DeskCase, qa: Any) -> ArticleCaseResult:
    """One article case through ``qa.check_article``; a failure is recorded, never raised."""
    assert case.kind == "article" and case.article is not None and case.claims is not None
    t0 = time.perf_counter()
    try:
        check = qa.check_article(case.article)
    except Exception as e:  # noqa: BLE001 - an error is a result: every claim of the case is wrong
        claims = [ClaimResult(sentence=c.sentence, expected=c.verdict, got="missing", correct=False)
                  for c in case.claims]
        return ArticleCaseResult(id=case.id, lang=case.lang, claims=claims, seconds=time.perf_counter() - t0,
                                 error=f"{type(e).__name__}: {e}")
    covered: set[int] = set()
    results = []
    search_from = 0
    for claim in case.claims:
        # Claims are listed in order: look for each after the previous one (a sentence repeated in
        # the article is the next occurrence), falling back to the first.
        at = case.article.find(claim.sentence, search_from)
        at = at if at >= 0 else case.article.find(claim.sentence)
        end = at + len(claim.sentence)
        search_from = end
        mine = [s for s in check.sentences if s.start < end and at < s.end]
        covered |= {s.number for s in mine}
        got = _combined([s.verdict for s in mine])
        figure = None
        if got in ("supported", "contradicted") and got == claim.verdict:
            figure = _figure_ok(claim, [c.found for s in mine for c in s.checks] + [s.found for s in mine])
        results.append(ClaimResult(sentence=claim.sentence, expected=claim.verdict, got=got,
                                   correct=got == claim.verdict, figure_correct=figure))
    extra = [(s.text, s.verdict) for s in check.sentences if s.number not in covered and s.verdict != "skipped"]
    return ArticleCaseResult(id=case.id, lang=case.lang, claims=results, extra=extra,
                             seconds=time.perf_counter() - t0)


def summarise_articles(results: list[ArticleCaseResult]) -> dict[str, Any]:
    """Accuracy per claim sentence, overall and by the expected verdict; whole cases right;
    confident wrong verdicts per 100 claims; extra claims; seconds per article."""
    claims = [c for r in results for c in r.claims]
    by: dict[str, Any] = {}
    for verdict, n in sorted(Counter(c.expected for c in claims).items()):
        right = sum(1 for c in claims if c.expected == verdict and c.correct)
        by[verdict] = {"n": n, "accuracy": right / n}
    figures = [c.figure_correct for c in claims if c.figure_correct is not None]
    wrong = sum(r.confident_wrong for r in results)
    return {
        "cases": len(results),
        "claims": len(claims),
        "accuracy": sum(c.correct for c in claims) / len(claims) if claims else None,
        "cases_all_right": sum(1 for r in results if r.correct == len(r.claims) and not r.extra),
        "by_verdict": by,
        "skipped_claims": sum(1 for c in claims if c.got in ("skipped", "missing")),
        "extra_claims": sum(len(r.extra) for r in results),
        "confident_wrong_per_100": 100 * wrong / len(claims) if claims else None,
        "source_figure_right": sum(figures) / len(figures) if figures else None,
        "errors": sum(1 for r in results if r.error),
        "seconds_per_article": (sum(r.seconds for r in results) / len(results)) if results else None,
    }


def article_lines(summary: dict[str, Any]) -> list[str]:
    """The lines `qa eval` prints for the article kind."""
    if not summary.get("claims"):
        return ["article: no cases"]
    by = ", ".join(f"{v} {d['accuracy']:.3f} (n={d['n']})" for v, d in summary["by_verdict"].items())
    return [
        (f"article: {summary['claims']} claim sentences in {summary['cases']} articles: accuracy "
        f"{summary['accuracy']:.3f} ({by}); {summary['cases_all_right']} articles all right"),
        (f"  confident wrong per 100 claims {summary['confident_wrong_per_100']:.2f}; claims skipped "
        f"{summary['skipped_claims']}; extra claims {summary['extra_claims']}; errors {summary['errors']}; "
        f"{summary['seconds_per_article']:.2f} s per article"),
    ]


def main(argv: list[str] | None = None) -> int:
    """`python -m eval.desk_article FILE…`: score the article cases of desk sets on the real index
    (until `qa eval` runs them), printing the summary lines and each wrong claim."""
    import argparse

    from eval.desk_schema import load_desk_cases
    from qa.api import QA

    parser = argparse.ArgumentParser(prog="python -m eval.desk_article")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--quiet", action="store_true", help="only the summary lines")
    args = parser.parse_args(argv)
    qa = QA.load()
    results = []
    for path in args.files:
        for c in load_desk_cases(path):
            if c.kind != "article":
                continue
            r = score_article_case(c, qa)
            results.append(r)
            if args.quiet:
                continue
            for claim in r.claims:
                if not claim.correct:
                    print(f"{r.id}: expected {claim.expected}, got {claim.got}: {claim.sentence}")
            for text, verdict in r.extra:
                print(f"{r.id}: extra claim ({verdict}): {text}")
    print("\n".join(article_lines(summarise_articles(results))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
