"""Whether a claimed number is a slip of a source figure's: the same number in another unit (21亿元
for 21亿美元, as index.figures.number_matches reads a claim's rounding and bound words), a power of
ten off (112.6亿元 for 1126万元, 3.5亿件 for 3478万件: the verdict's scale error, index.figures.scale_off),
or, at the same magnitude, the same written digits in another order (3,552 for 5,352; 180 for 108)
or one digit off (1,826 for 1,926). Such a claim is about that very figure, mis-stated: evidence
that a contradiction is judged against the right figure (qa.calibration's contra_slip). Round
numbers (1万 for 2万, 90 for 80) are no evidence, nor a sign (values are compared by size). Pure."""

from __future__ import annotations

from index.figures import Figure, number_matches, scale_off, values_match


def written_digits(value: float) -> str:
    """The digits a value is written with, without its decimal point or leading zeros; a whole
    number keeps its trailing zeros (108 → "108", 180 → "180", 2.34 → "234", 1.66亿 → "166000000")."""
    text = f"{abs(value):.10f}".rstrip("0").rstrip(".")
    return text.replace(".", "").lstrip("0")


def _significant(digits: str) -> int:
    return len(digits.rstrip("0"))


def slipped(claimed: Figure, source: Figure) -> bool:
    """The claimed number differs from the source's as a slip does (module docstring); the same
    number in the same unit, or another number that is no slip of it, is not."""
    a, b = abs(claimed.value), abs(source.value)
    if a == 0 or b == 0 or claimed.kind != source.kind or values_match(claimed, source):
        return False
    if (claimed.unit != source.unit and number_matches(claimed, source)) or scale_off(claimed, source):
        return True
    if not 0.1 < a / b < 10:
        return False
    da, db = written_digits(a), written_digits(b)
    if len(da) != len(db) or min(_significant(da), _significant(db)) < 2:
        return False
    return sorted(da) == sorted(db) or sum(x != y for x, y in zip(da, db, strict=True)) == 1
