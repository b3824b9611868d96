"""Where an answer's figure is for, and whether the question has to say which place it means.

A question names its place or not. When it names one, the rules (qa.decide: "another place")
already keep every other place's figure out. When it names none, the best figure wins whatever
its place, and the answer says which place that is; when documents of other provinces give a
figure that fits about as well (the same white paper for another province), the answer lists
those provinces too, so the chat can ask which one was meant.
"""

from __future__ import annotations

from index.places import home_province, place_name, province_of
from qa.decide import admissible
from qa.frame import QueryFrame
from qa.rank import RerankWeights, ScoredFigure
from qa.types import PlaceOut

# How far below the chosen figure another province's still counts as "about as good". Two
# provinces' copies of one sentence differ only in their retrieval rank and meaning (features in
# 0..1), so they land within the sum of those two weights of each other (0.36 + 2.0). A figure that
# fits less well is then decided on its province's own figures (qa.by_place), never chosen for it.
AMBIGUITY_SPAN = RerankWeights().retrieval + RerankWeights().meaning


def place_out(pid: str) -> PlaceOut:
    return PlaceOut(id=pid, zh=place_name(pid, "zh"), en=place_name(pid, "en"))


def figure_place(fig: ScoredFigure) -> str | None:
    """The one place a figure is for: its record's, else (several named) their common province,
    else its document's."""
    places = fig.record.places
    if len(places) == 1:
        return next(iter(places))
    provinces = {province_of(p) for p in places}
    if len(provinces) == 1 and None not in provinces:
        return provinces.pop()
    return fig.chunk.place


def fitting_provinces(frame: QueryFrame, figs: list[ScoredFigure], reference: float | None = None,
                      unit_ok: bool = False) -> list[str | None]:
    """For a question naming no place: the provinces (None for documents naming none) whose
    documents give a figure within AMBIGUITY_SPAN of ``reference`` (None: the best such figure's
    score) that fits it (qa.decide.admissible), best first; empty when the question names a place."""
    if frame.places:
        return []
    found: list[str | None] = []
    for f in sorted(figs, key=lambda f: -f.score):
        if reference is not None and f.score < reference - AMBIGUITY_SPAN:
            break
        if not admissible(f, unit_ok):
            continue
        reference = f.score if reference is None else reference
        p = _document_province(f)
        if p not in found:
            found.append(p)
    return found


def provinces_with_figure(frame: QueryFrame, figs: list[ScoredFigure], chosen: ScoredFigure) -> list[str]:
    """For a question naming no place: the provinces whose documents give a figure about as good
    as the chosen one, the chosen figure's first; empty when only one does."""
    home = _document_province(chosen)
    found = [home] if home else []
    found += [p for p in fitting_provinces(frame, figs, chosen.score) if p and p not in found]
    return found if len(found) > 1 else []


def _document_province(fig: ScoredFigure) -> str | None:
    return home_province(fig.chunk.place)


def lead(place: str | None, lang: str) -> str:
    """How the answer starts: the place its figure is for ("广东：" / "Guangdong: ")."""
    if place is None:
        return ""
    return f"{place_name(place, 'zh')}：" if lang == "zh" else f"{place_name(place, 'en')}: "


def which_place(places: list[str], lang: str) -> str:
    """The line that asks which place was meant, when several provinces give the figure."""
    if not places:
        return ""
    chosen, others = places[0], places[1:]
    if lang == "zh":
        return (f"\n文件中{'、'.join(place_name(p, 'zh') for p in others)}也有这一数字；上面是"
                f"{place_name(chosen, 'zh')}的。请问您问的是哪个地方？可在问题里写明。")
    return (f"\nThe documents give this figure for {', '.join(place_name(p, 'en') for p in others)} too; the one "
            f"above is {place_name(chosen, 'en')}'s. Which place do you mean? Name it in the question.")
