"""Cleaning: raw scraped/PDF-extracted text → quotable clean text with a map to the raw file.

Everything here is a pure function of the raw text (plus the document's metadata). The
display text only ever drops or normalises characters of the raw file (or inserts
whitespace and table-row labels taken from the table's own header); it never invents words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from index.search_form import to_simplified
from index.types import CleanDoc, DocMeta, Lang, Paragraph, ParagraphKind


class UnreadableDocument(ValueError):
    """A corpus file that cannot be used: empty, binary, or in an unknown encoding."""


# --- decoding ------------------------------------------------------------------------------

# Frequent characters of this domain in both scripts: a correct decoding is full of them,
# a wrong one (Big5 bytes read as GB18030 or the reverse) produces rare characters instead.
_COMMON = set("的知识產产權权保護护广廣東东省年件案專专利商標标法院國国家行政為为和在了一中")


def decode_bytes(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode a corpus file: UTF-8, else GB18030 or Big5, whichever reads as Chinese."""
    if not data.strip():
        raise UnreadableDocument(f"{name} is empty")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(f"{name} looks binary (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        score = sum(c in _COMMON for c in cjk) / max(len(cjk), 1)
        candidates.append((score, encoding, text))
    if not candidates:
        raise UnreadableDocument(f"{name} is neither UTF-8, GB18030 nor Big5 text")
    _, encoding, text = max(candidates)
    return _check_text(text, name), encoding


def _check_text(text: str, name: str) -> str:
    control = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if control > max(8, len(text) // 100):
        raise UnreadableDocument(f"{name} looks binary ({control} control characters)")
    return text


# --- character-level normalisation -------------------------------------------------------------

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
# A pinyin annotation follows the character it reads: 產(chǎn) (or a mojibake character in
# its place). Only lowercase pinyin letters qualify, so real parentheses such as (WIPO) or
# (釋義) survive, and so does English "word (note)" with its space.
# Mojibake can also leave a stray letter before it (夹g(shù)).
_PINYIN = re.compile(rf"(?:(?<=[^\sa-z0-9(])|(?<=[\u3400-\u9fff][a-z]))\([a-z{_TONES}]{{1,7}}\)")
# Mojibake ate the character and the opening parenthesis, leaving "?jǐn)": keep the "?",
# which honestly marks the lost character, and drop the orphaned reading.
_ORPHAN_PINYIN = re.compile(rf"(?<=\?)[a-z{_TONES}]{{1,7}}\)")


def _deleted_mask(raw: str) -> bytearray:
    """1 for every raw character the display text drops (pinyin, private-use garbage)."""
    mask = bytearray(len(raw))
    for pattern in (_PINYIN, _ORPHAN_PINYIN):
        for m in pattern.finditer(raw):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for i, c in enumerate(raw):
        if "\ue000" <= c <= "\uf8ff" or c in "\u200b\ufeff\r":
            mask[i] = 1
    return mask


def normalize_char(c: str) -> str:
    """One character of display text: full-width ASCII → ASCII, odd spaces → space."""
    code = ord(c)
    if 0xFF01 <= code <= 0xFF5E and not c in "，。：；！？（）":
        # Full-width digits and letters (１２３, ＡＢＣ) become ASCII so figures parse and
        # quotes compare; full-width Chinese punctuation is left as the author wrote it.
        return chr(code - 0xFEE0)
    if c in "\u00a0\u3000\u2002\u2003\u2009\u202f\t":
        return " "
    return c


# --- the builder that keeps the map ------------------------------------------------------------


@dataclass
class _Builder:
    raw: str
    deleted: bytearray
    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def copy(self, i: int, j: int) -> None:
        """Append raw[i:j] minus deleted characters, normalised, folding runs of spaces."""
        for k in range(i, j):
            if self.deleted[k]:
                continue
            c = normalize_char(self.raw[k])
            if c == " " and (not self.chars or self.chars[-1] in " \n"):
                continue
            self.chars.append(c)
            self.starts.append(k)
            self.ends.append(k + 1)

    def insert(self, text: str, anchor: int) -> None:
        """Append characters that have no raw counterpart, zero-width at raw offset anchor."""
        for c in text:
            self.chars.append(c)
            self.starts.append(anchor)
            self.ends.append(anchor)

    def strip_trailing_space(self) -> None:
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.starts.pop()
            self.ends.pop()

    @property
    def pos(self) -> int:
        return len(self.chars)

    def last_char(self) -> str:
        return self.chars[-1] if self.chars else ""


# --- line-level structure ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # raw line with pinyin dropped and normalised; for decisions only


def _lines(raw: str, deleted: bytearray) -> list[_Line]:
    out = []
    pos = 0
    for piece in raw.split("\n"):
        end = pos + len(piece)
        view = "".join(normalize_char(raw[k]) for k in range(pos, end) if not deleted[k]).strip()
        out.append(_Line(pos, end, view))
        pos = end + 1
    return out


_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！!？?]|\.\s|\.$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S")
_EN_HEADING = re.compile(r"^[IVX]+\.\s*[A-Z]")
_PLAN_HEADING = re.compile(r"^第[一二三四五六七八九十]+([章节])$")
_CONTACT = re.compile(r"(\d{3,4}-\d{7,8}|@[\w-]+\.\w+|https?://)")


def is_spam_line(text: str) -> bool:
    """Keyword-stuffed SEO lines and place-name link farms."""
    if text.count("|") + text.count("｜") >= 4:
        return True
    return text.count("_") >= 3 and not re.search(r"[。.]\s", text + " ")


def _lang_of(text: str) -> Lang:
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    cjk = len(_CJK.findall(text))
    return "en" if letters > 2 * cjk else "zh"


def _looks_like_title(text: str, meta: DocMeta) -> bool:
    norm = to_simplified(text)
    title = meta.title_zh
    core = re.sub(r"[“”\"'《》 ]", "", title)
    norm_core = re.sub(r"[“”\"'《》 ]", "", norm)
    return bool(norm_core) and (core in norm_core or norm_core in core) and len(norm_core) >= 6


def _is_body(line: _Line) -> bool:
    """A line of running text: long enough and punctuated like a sentence."""
    return len(line.text) >= 30 and bool(_SENTENCE_PUNCT.search(line.text))


def _keep_lines(lines: list[_Line], meta: DocMeta, pdf_mode: bool) -> tuple[_Line | None, list[_Line]]:
    """Split off the title and drop the page chrome: navigation, contacts, bylines, spam, footers."""
    body_idx = [i for i, ln in enumerate(lines) if ln.text and _is_body(ln) and not is_spam_line(ln.text)]
    if not body_idx:
        return None, [ln for ln in lines if ln.text and not is_spam_line(ln.text)]
    first = body_idx[0]
    kept: list[_Line] = []
    titles = [ln for ln in lines[:first] if ln.text and _looks_like_title(ln.text, meta)]
    # The document's own heading is the last title-like line: earlier ones are the page's.
    title = titles[-1] if titles else None
    tail_end = len(lines)
    if pdf_mode:
        # A PDF's sentences run over many short lines: keep everything up to the last line
        # that ends a sentence, and drop the footer after it (share/comment buttons).
        ends = [i for i, ln in enumerate(lines) if ln.text.endswith(("。", "”", "）"))]
        tail_end = (ends[-1] + 1) if ends else len(lines)
    for ln in lines[first:tail_end]:
        t = ln.text
        if not t or is_spam_line(t) or _CONTACT.search(t) and len(t) < 60:
            continue
        if not pdf_mode and len(t) < 40 and not _SENTENCE_PUNCT.search(t) and not _is_heading_text(t) \
                and not _is_caption(t):
            # Short unpunctuated lines inside a web page body are bylines and buttons
            # (关闭, 相关推荐, 记者 姓名 …), never running text.
            continue
        kept.append(ln)
    return title, _drop_summary_duplicates(kept)


def _is_caption(t: str) -> bool:
    """A list caption such as 2024年度广东知识产权“十大事件”: many characters, no spaces."""
    return len(_CJK.findall(t)) >= 10 and " " not in t and not _SENTENCE_PUNCT.search(t)


def _drop_summary_duplicates(lines: list[_Line]) -> list[_Line]:
    """News pages repeat the lead paragraph, truncated, as a 摘要 summary: drop the copy."""
    out = []
    for i, ln in enumerate(lines):
        core = re.sub(r"^(摘要|导读|提要)[:：]\s*", "", ln.text)
        # Only near the top, and only a strict prefix: a summary is a truncated copy.
        if i < 5 and len(core) >= 20 and any(o.text.startswith(core) and len(o.text) > len(core)
                                              for o in lines[i + 1 : i + 6]):
            continue
        out.append(ln)
    return out


def _is_heading_text(t: str) -> bool:
    if "。" in t or len(t) > 120:
        return False
    return bool(_ZH_HEADING.match(t) or _EN_HEADING.match(t) or _PLAN_HEADING.match(t))


def _is_pdf_broken(lines: list[_Line]) -> bool:
    texts = [ln.text for ln in lines if ln.text]
    if len(texts) < 200:
        return False
    short = sum(1 for t in texts if len(t) <= 12)
    return short / len(texts) > 0.3


# --- web pages: one paragraph per line ---------------------------------------------------------


def _web_paragraphs(b: _Builder, lines: list[_Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for ln in lines:
        if b.chars:
            b.insert("\n", ln.start)
        start = b.pos
        b.copy(ln.start, ln.end)
        b.strip_trailing_space()
        _strip_leading_space(b, start)
        if b.pos == start:
            continue
        text = "".join(b.chars[start:])
        kind: ParagraphKind = "heading" if _is_heading_text(text) or _is_caption(text) else "text"
        if re.fullmatch(r"[A-Z][A-Z0-9 ,.'’-]{15,}", text):
            kind = "title"  # the translation's own title line, e.g. INTELLECTUAL PROPERTY …
        paragraphs.append(Paragraph(start=start, end=b.pos, lang=_lang_of(text), kind=kind,
                                    level=1 if kind == "heading" else 0))
    return paragraphs


def _strip_leading_space(b: _Builder, start: int) -> None:
    while b.pos > start and b.chars[start] == " ":
        del b.chars[start], b.starts[start], b.ends[start]


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


# --- entry point -------------------------------------------------------------------------------


def clean_document(raw: str, meta: DocMeta, encoding: str = "utf-8") -> CleanDoc:
    """Clean one decoded document: the display text, its paragraphs and the raw-offset map."""
    deleted = _deleted_mask(raw)
    lines = _lines(raw, deleted)
    pdf_mode = _is_pdf_broken(lines)
    title, kept = _keep_lines(lines, meta, pdf_mode)
    b = _Builder(raw, deleted)
    paragraphs = []
    if title is not None:
        b.copy(title.start, title.end)
        b.strip_trailing_space()
        _strip_leading_space(b, 0)
        paragraphs.append(Paragraph(start=0, end=b.pos, lang="zh", kind="title"))
    paragraphs += _pdf_paragraphs(b, kept) if pdf_mode else _web_paragraphs(b, kept)
    return CleanDoc(doc_id=meta.id, encoding=encoding, text="".join(b.chars),
                    raw_starts=b.starts, raw_ends=b.ends, paragraphs=paragraphs)
