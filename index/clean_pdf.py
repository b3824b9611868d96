"""Cleaning PDF extractions: rejoin broken lines and split numbers, recover headings, and turn
flattened tables into one row a paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.clean_lines import _CJK, _PLAN_HEADING, _Builder, _lang_of, _Line
from index.types import Paragraph, ParagraphKind

# --- PDF extraction: rejoin lines, recover headings and tables ---------------------------------


_TITLE_STOP = re.compile(r"[,，。；;：:、]")
_TABLE_UNITS = {"万件", "件", "%", "个", "家", "亿元", "分", "项", "万人次", "人", "元", "万元"}
_ATTRIBUTES = {"预期性", "约束性"}


def _join_lines(b: _Builder, lines: list[_Line]) -> None:
    """Append lines as one run of text; a space only between two Latin letters."""
    for ln in lines:
        if not ln.text:
            continue
        first = ln.text[0]
        if b.last_char().isascii() and b.last_char().isalpha() and first.isascii() and first.isalpha():
            b.insert(" ", ln.start)
        b.copy(ln.start, ln.end)
        b.strip_trailing_space()


def _title_part(lines: list[_Line], i: int) -> int:
    """How many lines from i form one part of a heading title.

    PDF extraction puts quote marks on lines of their own (“ / 十三五 / ” / 时期工作成效和), so
    a part continues through quote marks and after a trailing 和/与/及/、; an opening quote
    starts a new sentence instead once the part already reads as a title.
    """
    n = 0
    part = ""
    while i + n < len(lines):
        t = lines[i + n].text
        if not t or _PLAN_HEADING.match(t) or (n and _TITLE_STOP.search(t)):
            break
        if n:
            prev = lines[i + n - 1].text
            joins = (
                prev == "“"
                or t == "”"
                or (prev == "”" and len(t) <= 12)
                or (t == "“" and (prev.endswith(("和", "与", "及", "、")) or len(part) < 4))
            )
            if not joins:
                break
        part += t
        n += 1
    return n if part and not _TITLE_STOP.search(part) else 0


def _split_inline_headings(raw: str, lines: list[_Line]) -> list[_Line]:
    """'…法治保障。第八章' carries the next chapter's number at its end: split it off."""
    out = []
    for ln in lines:
        m = re.search(r"。(第[一二三四五六七八九十]+[章节])$", ln.text)
        if m:
            heading = m.group(1)
            cut = ln.start + raw[ln.start : ln.end].rfind(heading)
            out.append(_Line(ln.start, cut, ln.text[: -len(heading)]))
            out.append(_Line(cut, ln.end, heading))
        else:
            out.append(ln)
    return out


@dataclass
class _Cell:
    text: str
    start: int
    end: int
    pieces: list[tuple[int, int]]  # raw line spans the cell was joined from


def _merge_cells(lines: list[_Line]) -> list[_Cell]:
    """Rejoin table cells that PDF extraction split: numbers (35/./1), (8), ≥ 9, 亿元、/项."""
    cells: list[_Cell] = []
    for ln in lines:
        t = ln.text
        if not t:
            continue
        prev = cells[-1] if cells else None
        glue = prev is not None and (
            t in {".", ")", "）", "、", "/"}
            or prev.text.endswith((".", "(", "（", "≥", "≤", "、", "/"))
            or (re.fullmatch(r"\d+", t) is not None and prev.text.endswith("."))
        )
        if glue and prev is not None:
            prev.text += t
            prev.end = ln.end
            prev.pieces.append((ln.start, ln.end))
        else:
            cells.append(_Cell(t, ln.start, ln.end, [(ln.start, ln.end)]))
    return cells


def _table_end(lines: list[_Line], i: int) -> int:
    j = i
    while j < len(lines):
        t = lines[j].text
        if _PLAN_HEADING.match(t) or t in {"注", "注:", "注："}:
            return j
        j += 1
    return j


def _emit_table(b: _Builder, lines: list[_Line], paragraphs: list[Paragraph]) -> None:
    """Turn a flattened table (one cell per line) into one readable row per paragraph."""
    cells = _merge_cells(lines)
    # Header: 序号 … up to the first row number "1".
    k = 0
    while k < len(cells) and cells[k].text != "1":
        k += 1
    header = [c.text for c in cells[:k]]
    years = [h for h in header if re.fullmatch(r"(19|20)\d\d年", h)]
    value_labels = years or [h for h in header if h in {"目标值", "完成值", "基期值", "规划值"}]
    rows: list[list[_Cell]] = []
    n = 1
    for idx in range(k, len(cells)):
        c = cells[idx]
        nxt = cells[idx + 1].text if idx + 1 < len(cells) else ""
        if c.text == str(n) and (_CJK.search(nxt) or nxt.isascii() and nxt[:1].isalpha()):
            rows.append([])
            n += 1
            continue
        if rows:
            rows[-1].append(c)
    for row in rows:
        unit_at = next((i for i, c in enumerate(row) if c.text.rstrip("、") in _TABLE_UNITS
                        or c.text in {"亿元、项"} or re.fullmatch(r"(万?件|万?人次)/年", c.text)), None)
        if unit_at is None or unit_at == 0:
            continue
        texts = row[:unit_at]
        # Indicator names broken after 、 continue on the next cell.
        names: list[list[_Cell]] = []
        for c in texts:
            if names and names[-1][-1].text.endswith("、"):
                names[-1].append(c)
            else:
                names.append([c])
        indicator = names[-1]
        unit = row[unit_at]
        values = [c for c in row[unit_at + 1 :] if c.text not in _ATTRIBUTES]
        attribute = next((c for c in row[unit_at + 1 :] if c.text in _ATTRIBUTES), None)
        if b.chars:
            b.insert("\n", indicator[0].start)
        start = b.pos
        for c in indicator:
            _copy_cell(b, c)
        b.insert(" (", unit.start)
        _copy_cell(b, unit)
        b.insert("): ", unit.end)
        for vi, v in enumerate(values):
            if vi:
                b.insert(", ", v.start)
            if vi < len(value_labels):
                b.insert(value_labels[vi] + " ", v.start)
            _copy_cell(b, v)
        if attribute is not None:
            b.insert(" (", attribute.start)
            _copy_cell(b, attribute)
            b.insert(")", attribute.end)
        paragraphs.append(Paragraph(start=start, end=b.pos, lang="zh", kind="table_row"))


def _copy_cell(b: _Builder, cell: _Cell) -> None:
    for s, e in cell.pieces:
        b.copy(s, e)
        b.strip_trailing_space()


def _pdf_paragraphs(b: _Builder, lines: list[_Line]) -> list[Paragraph]:
    lines = _split_inline_headings(b.raw, [ln for ln in lines if ln.text])
    paragraphs: list[Paragraph] = []
    current: list[_Line] = []

    def flush(kind: ParagraphKind = "text") -> None:
        if not current:
            return
        if b.chars:
            b.insert("\n", current[0].start)
        start = b.pos
        _join_lines(b, current)
        if b.pos > start:
            text = "".join(b.chars[start:])
            paragraphs.append(Paragraph(start=start, end=b.pos, lang=_lang_of(text), kind=kind))
        current.clear()

    i = 0
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        m = _PLAN_HEADING.match(t)
        if m:
            flush()
            if b.chars:
                b.insert("\n", ln.start)
            start = b.pos
            b.copy(ln.start, ln.end)
            i += 1
            # A chapter title may run over two lines (全面加强知识产权保护 / 激发全社会创新活力);
            # a section (节) title is one.
            for part_no in range(2 if m.group(1) == "章" else 1):
                n = _title_part(lines, i)
                part = "".join(x.text for x in lines[i : i + n])
                # A second part opening with a quote is the body's first sentence (“十四五”时期，…).
                if n == 0 or len(part) > 30 or (part_no and part.startswith("“")):
                    break
                b.insert(" ", lines[i].start)
                _join_lines(b, lines[i : i + n])
                i += n
            paragraphs.append(Paragraph(start=start, end=b.pos, lang="zh", kind="heading",
                                        level=1 if m.group(1) == "章" else 2))
            continue
        if t == "序号":
            flush("table_title")
            end = _table_end(lines, i)
            _emit_table(b, lines[i:end], paragraphs)
            i = end
            continue
        if re.fullmatch(r"[—\-]{3,}", t):
            flush()  # a dash rule separates the items of a list
            i += 1
            continue
        current.append(ln)
        if t.endswith(("。", "；", ";")):
            flush()
        i += 1
    flush()
    return paragraphs
