"""Chinese and Arabic quantities: "5000亿", "4 万亿", "1,200万", "一千二百亿", "数千万", "50多", "99.3%".

`find_quantities` scans normalized text (see text.normalize) and returns every number with its
value, its range for vague amounts, and the bound implied by the number itself (多/余, 数/几).
Bounds stated by words around the number (超过, 近, 以上 …) are read by `bound_around`.
All patterns are linear: no nested quantifiers over the same characters.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .grammar import (
    BOUND_FILLERS,
    BOUND_PREFIXES,
    BOUND_SUFFIXES,
    CHINESE_DIGITS,
    CHINESE_SMALL_UNITS,
    MAGNITUDES,
    MORE_THAN_SUFFIXES,
    VAGUE_PREFIXES,
)

_CN_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS) + "万亿兆"
_MAG_CHARS = "".join(MAGNITUDES)
_VAGUE = "|".join(sorted(VAGUE_PREFIXES, key=len, reverse=True))

QUANTITY_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9_.\-/])                  # not the tail of a model id, version or path
    (?:
        百分之(?P<pct_cn>[{_CN_CHARS}点]+|\d+(?:\.\d+)?)     # 百分之四十五
      | (?P<vague>{_VAGUE})(?P<vague_mag>[{_MAG_CHARS}]*)    # 数千万, 十几, 上百亿
      | (?P<arabic>\d{{1,3}}(?:[,，]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?P<arabic_more>[多余])?
        (?P<arabic_mag>(?:[ \t]*[{_MAG_CHARS}])*)
      | (?P<chinese>[{_CN_CHARS}]*[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾][{_CN_CHARS}]*)
    )
    (?P<more>[多余来](?![元个家款]?[种样]))?
    (?P<percent>[ \t]*%)?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    bound: str = "eq"  # bound implied by the number itself (多/余 → gt, 数/几 → approx)
    percent: bool = False
    text: str = ""


def parse_chinese_integer(text: str) -> float | None:
    """一千二百 → 1200, 四万亿 → 4e12, 十二 → 12, 两 → 2. None when it is not a numeral."""
    total = section = 0.0
    number: float | None = None
    seen_digit = False
    for char in text:
        if char in CHINESE_DIGITS:
            number = CHINESE_DIGITS[char]
            seen_digit = True
        elif char in CHINESE_SMALL_UNITS:
            section += (number if number is not None else 1) * CHINESE_SMALL_UNITS[char]
            number = None
            seen_digit = True
        elif char == "万":
            section = (section + (number or 0)) * 1e4
            number = None
        elif char in "亿兆":
            total = (total + section + (number or 0)) * MAGNITUDES[char]
            section, number = 0.0, None
        else:
            return None
    if not seen_digit:
        return None
    return total + section + (number or 0)


def _magnitude(chars: str) -> float:
    value = 1.0
    for char in chars:
        if char in MAGNITUDES:
            value *= MAGNITUDES[char]
    return value


def _step(number: float) -> float:
    """The size of 'a bit more': 50多 → 10, 3多 → 1, 1200多 → 100."""
    if number <= 0:
        return 1.0
    return 10 ** math.floor(math.log10(number)) if number >= 10 else 1.0


def _quantity(match: re.Match) -> Quantity | None:
    groups = match.groupdict()
    percent = bool(groups["percent"])
    low = high = None
    bound = "eq"
    if groups["pct_cn"]:
        raw = groups["pct_cn"]
        value = float(raw) if raw[0].isdigit() else _chinese_decimal(raw)
        if value is None:
            return None
        return Quantity(match.start(), match.end(), value, percent=True, text=match.group(0))
    if groups["vague"]:
        lo_mult, hi_mult, bound = VAGUE_PREFIXES[groups["vague"]]
        mag = _magnitude(groups["vague_mag"])
        # 数/几 alone ("数倍") need a magnitude or a unit to mean anything; the caller decides.
        low, high = lo_mult * mag, hi_mult * mag
        value = low if bound == "ge" else math.sqrt(low * high)
    elif groups["arabic"]:
        number = float(re.sub(r"[,，]", "", groups["arabic"]))
        mag = _magnitude(groups["arabic_mag"])
        value = number * mag
        more = groups["arabic_more"] or groups["more"]
        if more:
            # "50多" → (50, 60); "1亿多" → (1e8, 2e8)
            step = _step(number) if groups["arabic_more"] else (1.0 if number < 10 else _step(number))
            low, high, bound = value, (number + step) * mag, "gt"
    else:
        parsed = parse_chinese_integer(groups["chinese"])
        if parsed is None:
            return None
        value = parsed
        if groups["more"]:
            low, high, bound = value, value + _step(value) * (1 if value >= 10 else 1), "gt"
    end = match.end()
    text = match.group(0).rstrip()
    return Quantity(match.start(), match.start() + len(text), value, low, high, bound, percent, text)


def _chinese_decimal(text: str) -> float | None:
    if "点" in text:
        whole, _, frac = text.partition("点")
        whole_value = parse_chinese_integer(whole) if whole else 0.0
        digits = "".join(str(CHINESE_DIGITS.get(c, "")) for c in frac)
        if whole_value is None or not digits:
            return None
        return float(f"{int(whole_value)}.{digits}")
    return parse_chinese_integer(text)


def find_quantities(norm: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in norm[start:end], left to right, with absolute offsets."""
    end = len(norm) if end is None else end
    found = []
    for match in QUANTITY_RE.finditer(norm, start, end):
        quantity = _quantity(match)
        if quantity is not None:
            found.append(quantity)
    return found


def parse_quantity(phrase: str) -> Quantity | None:
    """The single quantity of a short phrase, with the bound words around it applied.

    >>> parse_quantity("超过 4 万亿").value, parse_quantity("超过 4 万亿").bound
    (4000000000000.0, 'gt')
    """
    from .text import normalize

    norm = normalize(phrase)
    quantities = find_quantities(norm)
    if not quantities:
        return None
    q = quantities[0]
    bound = bound_around(norm, q.start, q.end, 0, len(norm)) or q.bound
    if q.bound in ("gt", "approx", "ge") and bound == "eq":
        bound = q.bound
    return Quantity(q.start, q.end, q.value, q.low, q.high, bound, q.percent, q.text)


_PREFIX_WORDS = sorted(BOUND_PREFIXES, key=len, reverse=True)
_SUFFIX_WORDS = sorted(BOUND_SUFFIXES, key=len, reverse=True)
_FILLERS = sorted(BOUND_FILLERS, key=len, reverse=True)


def bound_before(norm: str, pos: int, floor: int) -> tuple[str, int] | None:
    """The bound word that ends right before `pos` (fillers like 已/了 and spaces allowed)."""
    i = pos
    for _ in range(3):
        while i > floor and norm[i - 1] in " \t":
            i -= 1
        for word in _PREFIX_WORDS:
            if norm.startswith(word, i - len(word)) and i - len(word) >= floor:
                return BOUND_PREFIXES[word], i - len(word)
        for filler in _FILLERS:
            if norm.startswith(filler, i - len(filler)) and i - len(filler) >= floor:
                i -= len(filler)
                break
        else:
            return None
    return None


def bound_after(norm: str, pos: int, ceiling: int) -> str | None:
    """The bound word right after `pos` (the end of a number or of its unit)."""
    i = pos
    while i < ceiling and norm[i] in " \t":
        i += 1
    for word in _SUFFIX_WORDS:
        if norm.startswith(word, i) and i + len(word) <= ceiling:
            return BOUND_SUFFIXES[word]
    return None


def bound_around(norm: str, start: int, end: int, floor: int, ceiling: int) -> str | None:
    """Bound from the words around a number: a prefix wins over a suffix, except 'eq' prefixes
    (达/为) which a suffix such as 以上/左右 refines ("达到1万亿以上" → gt)."""
    before = bound_before(norm, start, floor)
    after = bound_after(norm, end, ceiling)
    if before and before[0] != "eq":
        return before[0]
    return after or (before[0] if before else None)
