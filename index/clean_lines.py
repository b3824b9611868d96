"""Cleaning, the character and line level: normalisation, the builder that keeps the map from
clean text to raw text, and the lines of a document with what they are (body, heading, spam)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.search_form import to_simplified
from index.types import DocMeta, Lang

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
