"""Text plumbing: normalization that keeps offsets, sentence and clause spans.

Every function here returns spans into the *original* article body, so a fact's quote and its
`char_start`/`char_end` always point at what the article really says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from functools import lru_cache

from .grammar import FULLWIDTH_TO_ASCII

# Markdown images and link targets, bare URLs and e-mail-like strings hold digits that are not
# quantities; they are blanked out (same length) before matching.
_NOISE = re.compile(
    r"""
      !\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)    # ![alt](url)
    | \]\([^)\n]{0,2000}\)                     # the (url) part of [text](url)
    | https?://[^\s)）\]>"']{1,2000}           # bare URLs
    | <[^>\n]{1,200}>                          # inline HTML tags
    """,
    re.VERBOSE,
)

_SENTENCE_END = re.compile(r"[。！？!?\n｜|]+")
# A comma between a digit and three more ("1,200亿") groups thousands: it ends no clause.
_CLAUSE_END = re.compile(r"[，；;：:（）()“”「」\"]|——|(?<!\d),|,(?!\d{3}(?!\d))")
_TRIM = " \t\r\n*#>_-—·•　"


def _chars_of(table: dict[int, int]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in table) + "]")


# The CJK ranges whose traditional characters OpenCC maps: unified ideographs, extension A and
# the compatibility ideographs.
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[int, int]:
    """Traditional → simplified, one character to one character, from OpenCC's own tables
    (the `opencc` wheel, offline): every CJK character is converted on its own line, and kept
    where OpenCC gives exactly one other character. Phrase-level conversions that change the
    length (or the reading of a word) are left out, so every offset into the original survives.
    Built once per process, in about 15 ms."""
    import opencc

    chars = [chr(c) for start, end in _CJK_RANGES for c in range(start, end)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; a conversion that merged lines would shift every pair
        raise RuntimeError("OpenCC changed the number of lines of the character list")
    return {ord(a): ord(b) for a, b in zip(chars, converted) if len(b) == 1 and b != a}


TRADITIONAL_TO_SIMPLIFIED = traditional_to_simplified()
_TRADITIONAL = _chars_of(TRADITIONAL_TO_SIMPLIFIED)
_FULLWIDTH = _chars_of(FULLWIDTH_TO_ASCII)


def _translate(text: str, table: dict[int, int], chars: re.Pattern) -> str:
    """str.translate looks every character up in a dict; a regex character class finds out
    first, much faster, whether the text has any character to translate at all."""
    return text.translate(table) if chars.search(text) else text


def normalize(text: str) -> str:
    """Same-length normal form: simplified characters, ASCII digits, noise blanked out.

    Because the mapping is one character to one character, an offset found in the
    normalized text is the same offset in the original.
    """
    norm = _translate(_translate(text, TRADITIONAL_TO_SIMPLIFIED, _TRADITIONAL), FULLWIDTH_TO_ASCII, _FULLWIDTH)
    norm = _NOISE.sub(lambda m: " " * len(m.group(0)), norm)
    assert len(norm) == len(text)
    return norm


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    stripped = piece.lstrip(_TRIM)  # str.strip runs in C; a loop over characters does not
    if not stripped:
        return None
    start += len(piece) - len(stripped)
    return Span(start, start + len(stripped.rstrip(_TRIM)))


# No real sentence is longer; capping the length keeps the extractor linear in the article's size
# even for text without punctuation (every rule works within one sentence).
MAX_SENTENCE = 1000


def sentences(norm: str) -> list[Span]:
    """Sentence spans, split at 。！？ and line breaks; the terminator stays with its sentence."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(norm):
        end = match.end()
        span = _trimmed(norm, start, match.start() + (1 if norm[match.start()] in "。！？!?" else 0))
        if span:
            spans.extend(_capped(norm, span))
        start = end
    span = _trimmed(norm, start, len(norm))
    if span:
        spans.extend(_capped(norm, span))
    return spans


def _capped(norm: str, span: Span) -> list[Span]:
    """Split an overlong span at the last clause mark (or space) before MAX_SENTENCE."""
    if span.end - span.start <= MAX_SENTENCE:
        return [span]
    pieces = []
    start = span.start
    while span.end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(norm.rfind(mark, start + MAX_SENTENCE // 2, limit) for mark in "，,；; ")
        cut = cut + 1 if cut > start else limit
        pieces.append(Span(start, cut))
        start = cut
    pieces.append(Span(start, span.end))
    return [p for p in (_trimmed(norm, p.start, p.end) for p in pieces) if p]


# A short aside in brackets, without figures, inside a phrase: "日均Token（词元，语言文本的基本单位）的
# 消耗量". The phrase runs through it; it is not a clause of its own.
_ASIDE = re.compile(r"[（(][^（()）\d\n]{1,24}[）)](?=[\u4e00-\u9fffA-Za-z])")


def clauses(norm: str, sentence: Span) -> list[Span]:
    """Clause spans inside a sentence, split at commas, semicolons, colons, brackets and quotes
    (not inside or around a short aside in brackets)."""
    spans: list[Span] = []
    start = sentence.start
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(norm, sentence.start, sentence.end)]
    for match in _CLAUSE_END.finditer(norm, sentence.start, sentence.end):
        if asides and any(a <= match.start() < b for a, b in asides):
            continue
        span = _trimmed(norm, start, match.start())
        if span:
            spans.append(span)
        start = match.end()
    span = _trimmed(norm, start, sentence.end)
    if span:
        spans.append(span)
    return spans


def squash(text: str) -> str:
    """Drop the spaces the press puts between Chinese and Latin text: '日均 tokens 使用量' → '日均tokens使用量'."""
    return re.sub(r"\s+", "", text)
