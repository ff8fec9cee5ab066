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
    ENGLISH_MAGNITUDES,
    MAGNITUDES,
    MORE_THAN_SUFFIXES,
    VAGUE_PREFIXES,
)

_CN_DIGITS = "".join(CHINESE_DIGITS)
_CN_UNITS = "".join(CHINESE_SMALL_UNITS)
_CN_CHARS = _CN_DIGITS + _CN_UNITS + "万亿兆"
_MAG_CHARS = "".join(MAGNITUDES)
_VAGUE = "|".join(sorted(VAGUE_PREFIXES, key=len, reverse=True))
_MORE = "".join(MORE_THAN_SUFFIXES)
# Spaces the press puts inside numbers: ASCII, no-break, thin and ideographic (U+3000).
_WS = r"[ \t\u00a0\u2009\u3000]"
_ENGLISH = "(?i:" + "|".join(ENGLISH_MAGNITUDES) + ")"

QUANTITY_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9_.\-/])                  # not the tail of a model id, version or path
    (?:
        百分之{_WS}*(?P<pct_cn>[{_CN_CHARS}点]+|\d+(?:\.\d+)?)     # 百分之四十五, 百分之 45
      | (?P<vague>{_VAGUE})(?P<vague_mag>[{_MAG_CHARS}]*)           # 数千万, 十几, 上百亿
      | (?P<arabic>\d{{1,3}}(?:(?:[,，]|{_WS}(?=\d{{3}}(?!\d)))\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?P<arabic_more>[{_MORE}](?={_WS}*[{_MAG_CHARS}]))?          # 2300多亿
        (?P<arabic_mag>(?:{_WS}*[{_MAG_CHARS}])*)
        (?:{_WS}*(?P<english_mag>{_ENGLISH})(?![A-Za-z])             # 100 trillion
          | (?P<abbr_mag>[BT])(?={_WS}*(?i:tokens?)(?![A-Za-z])))?     # 1.2B tokens, 1.5T tokens
      | (?<![{_CN_CHARS}])(?P<chinese>(?![零〇](?!点))[{_CN_CHARS}]*[{_CN_DIGITS}十拾][{_CN_CHARS}]*
                    (?:点[{_CN_DIGITS}]+[万亿兆]*)?)                 # 一千二百, 四万亿, 一点五万亿
        (?P<chinese_more>[{_MORE}](?=[万亿兆]))?(?P<chinese_mag>[万亿兆]*)   # 两千多亿
      | (?P<bare>千万|百万|十万|万亿|千亿|百亿|十亿|(?<=[破过超逾近上])[万亿])  # 突破万亿, 近千亿, 破亿
    )
    (?P<more>{_WS}?[{_MORE}](?![元个家款种样]))?       # 50多, 300 多倍
    (?P<percent>{_WS}*%)?
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
    vague: bool = False  # 数倍/几十: an order of magnitude, not a number


def parse_chinese_integer(text: str) -> float | None:
    """一千二百 → 1200, 四万亿 → 4e12, 十二 → 12, 两 → 2, 三千五 → 3500, 一万二 → 12000."""
    total = section = 0.0
    number: float | None = None
    last_unit = 0.0  # the unit written just before a trailing digit ("三千五": 千)
    seen_digit = False
    for char in text:
        if char in CHINESE_DIGITS:
            number = CHINESE_DIGITS[char]
            seen_digit = True
            if char in "零〇":
                last_unit = 0.0
        elif char in CHINESE_SMALL_UNITS:
            section += (number if number is not None else 1) * CHINESE_SMALL_UNITS[char]
            last_unit = CHINESE_SMALL_UNITS[char]
            number = None
            seen_digit = True
        elif char == "万":
            section = (section + (number or 0)) * 1e4
            last_unit, number = 1e4, None
        elif char in "亿兆":
            total = (total + section + (number or 0)) * MAGNITUDES[char]
            section, number, last_unit = 0.0, None, MAGNITUDES[char]
        else:
            return None
    if not seen_digit:
        return None
    if number is not None and last_unit >= 100:
        return total + section + number * last_unit / 10  # 三千五 = 3500, 一万二 = 12000
    return total + section + (number or 0)


def _magnitude(chars: str) -> float:
    value = 1.0
    for char in chars:
        if char in MAGNITUDES:
            value *= MAGNITUDES[char]
    return value


def _step(number: float) -> float:
    """One unit of the last place written: 50多 → 10, 150多 → 10, 1200多 → 100, 15多 → 1."""
    if number <= 0 or not float(number).is_integer():
        return 1.0
    step, n = 1.0, int(number)
    while n and n % 10 == 0:
        step, n = step * 10, n // 10
    return step


def _chinese_value(text: str) -> float | None:
    """Chinese numerals, with a decimal point: 一点五万亿 → 1.5e12."""
    if "点" not in text:
        return parse_chinese_integer(text)
    whole, _, rest = text.partition("点")
    frac = "".join(str(CHINESE_DIGITS[c]) for c in rest if c in CHINESE_DIGITS)
    mags = "".join(c for c in rest if c in "万亿兆")
    whole_value = parse_chinese_integer(whole) if whole else 0.0
    if whole_value is None or not frac:
        return None
    return float(f"{int(whole_value)}.{frac}") * _magnitude(mags)


def _lone_digit_ok(norm: str, match: re.Match) -> bool:
    """A single Chinese digit (一, 两 …) is a number only before a magnitude or 倍/番:
    '增长了一倍' yes, '统一' / '排名第一' / '九款模型' no."""
    following = norm[match.end("chinese") : match.end("chinese") + 3].lstrip(" \t\u3000")
    return following[:1] in "万亿兆倍番" and following[:1] != ""


def _quantity(norm: str, match: re.Match) -> Quantity | None:
    groups = match.groupdict()
    percent = bool(groups["percent"])
    low = high = None
    bound = "eq"
    vague = False
    if groups["pct_cn"]:
        raw = groups["pct_cn"]
        value = float(raw) if raw[0].isdigit() else _chinese_value(raw)
        if value is None:
            return None
        return Quantity(match.start(), match.end(), value, percent=True, text=match.group(0))
    if groups["vague"]:
        lo_mult, hi_mult, bound = VAGUE_PREFIXES[groups["vague"]]
        mag = _magnitude(groups["vague_mag"])
        low, high = lo_mult * mag, hi_mult * mag
        value = low if bound == "ge" else math.sqrt(low * high)
        vague = groups["vague"] in ("数", "几") and not groups["vague_mag"]
    elif groups["arabic"]:
        number = float(re.sub(r"[,，\s\u00a0\u2009\u3000]", "", groups["arabic"]))
        mag = _magnitude(groups["arabic_mag"]) * ENGLISH_MAGNITUDES.get((groups["english_mag"] or "").lower(), 1.0) \
            * {"B": 1e9, "T": 1e12}.get(groups["abbr_mag"] or "", 1.0)
        value = number * mag
        if groups["arabic_more"]:  # 2300多亿: a step of the number, times the magnitude
            low, high, bound = value, (number + _step(number)) * mag, "gt"
        elif groups["more"]:
            if groups["arabic_mag"].strip():  # 10亿多: one unit of the magnitude more
                unit = MAGNITUDES[groups["arabic_mag"].strip()[-1]]
                low, high, bound = value, value + unit, "gt"
            else:  # 50多
                low, high, bound = value, value + _step(number), "gt"
    elif groups["chinese"]:
        text = groups["chinese"]
        if len(text) == 1 and text in CHINESE_DIGITS and not _lone_digit_ok(norm, match):
            return None
        parsed = _chinese_value(text)
        if parsed is None:
            return None
        mag = _magnitude(groups["chinese_mag"])
        value = parsed * mag
        if groups["chinese_more"] or groups["more"]:
            low, high, bound = value, (parsed + _step(parsed)) * mag, "gt"
    else:
        value = _magnitude(groups["bare"])
    text = match.group(0).rstrip(" \t\u3000")
    return Quantity(match.start(), match.start() + len(text), value, low, high, bound, percent, text, vague)


def find_quantities(norm: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in norm[start:end], left to right, with absolute offsets."""
    end = len(norm) if end is None else end
    found = []
    for match in QUANTITY_RE.finditer(norm, start, end):
        quantity = _quantity(norm, match)
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
    bound = combine_bound(bound_around(norm, q.start, q.end, 0, len(norm)), q.bound)
    return Quantity(q.start, q.end, q.value, q.low, q.high, bound, q.percent, q.text)


_PREFIX_WORDS = sorted(BOUND_PREFIXES, key=len, reverse=True)
_SUFFIX_WORDS = sorted(BOUND_SUFFIXES, key=len, reverse=True)
_FILLERS = sorted(BOUND_FILLERS, key=len, reverse=True)


def _ending_with(words: list[str]) -> re.Pattern:
    """One of `words` ending exactly where a search's endpos is; the leftmost match is the longest."""
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")\Z")


_PREFIX_END = _ending_with(_PREFIX_WORDS)
_FILLER_END = _ending_with(_FILLERS)
_LONGEST_PREFIX = max(map(len, _PREFIX_WORDS))
_LONGEST_FILLER = max(map(len, _FILLERS))


def bound_before(norm: str, pos: int, floor: int) -> tuple[str, int] | None:
    """The bound word that ends right before `pos` (fillers like 已/了 and spaces allowed)."""
    i = pos
    for _ in range(3):
        while i > floor and norm[i - 1] in " \t":
            i -= 1
        word = _PREFIX_END.search(norm, max(floor, i - _LONGEST_PREFIX), i)
        if word:
            return BOUND_PREFIXES[word.group(0)], word.start()
        filler = _FILLER_END.search(norm, max(floor, i - _LONGEST_FILLER), i)
        if not filler:
            return None
        i = filler.start()
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


def combine_bound(word_bound: str | None, own: str) -> str:
    """The words' bound, except that an exact word (达/为) does not override a number that is
    itself a lower bound or vague ("达到5000多亿" stays gt)."""
    if own in ("gt", "approx", "ge") and word_bound in (None, "eq"):
        return own
    return word_bound or own


def bound_around(norm: str, start: int, end: int, floor: int, ceiling: int) -> str | None:
    """Bound from the words around a number: a prefix wins over a suffix, except 'eq' prefixes
    (达/为) which a suffix such as 以上/左右 refines ("达到1万亿以上" → gt)."""
    before = bound_before(norm, start, floor)
    after = bound_after(norm, end, ceiling)
    if before and before[0] != "eq":
        return before[0]
    return after or (before[0] if before else None)
