"""The question's meaning asked twice: as typed, and put into the documents' other language through
the glossary (qa.mixed), the two unit vectors averaged. Used for the figures' meanings
(index.meaning), not for the passage search.

An English question about a figure only the Chinese text gives shares few words with its Chinese
description; its glossary rewrite ("how many … accept" → "… 受理") shares more. Measured on the dev
questions (bench/second_query.py, 619 with an answer), the right figure's reciprocal rank by meaning:
English questions 0.700 → 0.757 (crosslingual 0.639 → 0.721, English about Chinese-only figures
0.503 → 0.705), with the rewrite alone 0.696 and the better of the two 0.696. Chinese questions put
into English gained little (0.708 → 0.712) for a second embedding: only English ones are rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.glossary import Glossary
from qa.frame import QueryFrame
from qa.mixed import in_chinese


def rewritten(frame: QueryFrame, glossary: Glossary) -> str | None:
    """The question with its English words put into Chinese, or None (a Chinese question, or
    nothing the glossary knows)."""
    if frame.lang != "en":
        return None
    text = in_chinese(frame.text, glossary)
    return text if text != frame.text else None


def averaged(own: Sequence[float], other: Sequence[float]) -> list[float]:
    """The mean of the two vectors as unit vectors."""
    a = np.asarray(own, dtype=np.float32)
    b = np.asarray(other, dtype=np.float32)
    mean = a / (np.linalg.norm(a) or 1.0) + b / (np.linalg.norm(b) or 1.0)
    return [float(v) for v in mean / (np.linalg.norm(mean) or 1.0)]
