"""Find, normalise and compare the figures in Chinese and English IP-protection texts.

Everything here is a pure function over strings; nothing reads files but the word tables in
``index/lexicon`` (once, at import) and nothing loads models.

`parse_figures` turns running text into `Figure` records. Conventions it keeps:

* ``Figure.text`` is the smallest span holding the number, its scale and its unit, wherever the
  unit sits: ``4.78万件``, ``1亿多条``, ``33.14 million items``, ``1,265 IPR infringement cases``,
  ``RMB 8.85 billion``. Qualifier words *outside* that span (超过, more than, 以上) are never part
  of ``text``; those *inside* it (余 in ``2万余件``, 多 in ``900多个``) necessarily are. Either
  way the hedge is recorded in ``Figure.qualifier``.
* ``value`` is in base units (万 = 1e4, 亿 = 1e8, million = 1e6; percentages as written,
  ``31.17%`` → 31.17) and is computed with `Decimal`, so ``8250.06万`` is exactly 82500600.
* ``unit`` is a simplified Chinese measure word (件, 人, 元, %, …) or "" when the text names
  none or names a noun we do not know; English nouns are mapped only where the Chinese
  documents use one measure word for them (cases → 件, enterprises → 家, yuan → 元).
* Years, dates and periods come out as kind "year"/"period" (value = the first year, unit 年),
  never as quantities. Ranks (居全国首位, ranked third) are kind "rank" with unit 位; ordinals
  (第三批) are kind "ordinal" with the measure word that follows, if any.
* Table rows as the cleaner renders them (``发明专利有效量 (万件): 目标值 20, 完成值 35.1``) give
  their unit-less numbers the header's scale and unit: 35.1 → 351000 件.
* Things that merely contain digits (phone numbers, times, 4·26, “1310”, 5G, “十四五”) yield
  nothing.

Modules, by concern: ``tables`` (the word tables, from data), ``numerals`` (number words and
digits), ``pieces`` and ``recognize`` (finding figures), ``standalone`` (a number on its own), ``units``, ``tolerance`` (when two
figures match), ``metric`` (what a figure counts).
"""

from index.figures.dimensions import measures_money
from index.figures.display import bound_lang, prefix_bound, with_bound
from index.figures.fractions import rough
from index.figures.metric import ACTION_MARK, figure_context, metric_phrase
from index.figures.model import Figure, FigureKind, Qualifier, neighbour_bounds
from index.figures.numerals import without_scale_filler
from index.figures.recognize import parse_figures
from index.figures.standalone import parse_number
from index.figures.tolerance import format_value, number_matches, restated_number, scale_off, values_match
from index.figures.units import (
    counts_beings,
    counts_things,
    general_classifier,
    generic_restatement,
    may_count_as,
    normalize_unit,
    unit_named_in,
    units_compatible,
)

__all__ = [
    "ACTION_MARK",
    "Figure",
    "FigureKind",
    "Qualifier",
    "bound_lang",
    "counts_beings",
    "counts_things",
    "figure_context",
    "format_value",
    "general_classifier",
    "generic_restatement",
    "may_count_as",
    "measures_money",
    "metric_phrase",
    "neighbour_bounds",
    "normalize_unit",
    "number_matches",
    "parse_figures",
    "parse_number",
    "prefix_bound",
    "restated_number",
    "rough",
    "scale_off",
    "unit_named_in",
    "units_compatible",
    "values_match",
    "with_bound",
    "without_scale_filler",
]
