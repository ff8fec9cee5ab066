"""Date expressions resolved against the article's date, with their precision.

A resolved date is the *first day* of the period it names: "截至7月" → 2024-07-01 (month),
"去年底" → 2024-12-01 (month), "下半年" → 2024-07-01 (half), "一季度" → 2025-01-01 (quarter).
Each mention also gets a role: `baseline` when a marker such as 较/与…相比/自…以来 makes it the
start of a comparison, otherwise `as_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .grammar import (
    BASELINE_AFTER,
    BASELINE_BEFORE,
    EFFECTIVE_AFTER,
    NOW_WORDS,
    QUARTER_WORDS,
    RELATIVE_MONTHS,
    RELATIVE_YEARS,
    UNTIL_BEFORE,
    YEAR_EDGES,
)
from .numbers import parse_chinese_integer

_REL_YEARS = "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True))
_REL_MONTHS = "|".join(sorted(RELATIVE_MONTHS, key=len, reverse=True))
_CN_SMALL = "一二三四五六七八九十"

DATE_RE = re.compile(
    rf"""
    (?:
        (?P<now>{"|".join(NOW_WORDS)})
      | (?<![\d.A-Za-z])(?<![A-Za-z0-9]-)(?P<iso_year>(?:19|20)\d\d)[-/](?P<iso_month>1[0-2]|0?[1-9])[-/](?P<iso_day>3[01]|[12]\d|0?[1-9])(?![\d.])  # 2025-09-29
      | (?<![\d.A-Za-z])(?<![A-Za-z0-9]-)(?P<iso_month_year>(?:19|20)\d\d)[-/](?P<iso_month_only>1[0-2]|0[1-9])(?![\d./\-A-Za-z])  # 2025-09 (a table's 时点)
      | (?P<rel_month>{_REL_MONTHS})
      | (?<![\d.A-Za-z])(?=[\d一二三四五六七八九十今去前明本上下第Q年底初末])   # never an empty match
        (?:
          (?:(?P<year>(?:19|20)\d\d|[二][〇零][一二三四五六七八九〇零][〇零一二三四五六七八九])\s*年
            |(?P<year_bare>(?:19|20)\d\d)\s*(?=[上下]半年|第?[一二三四]季度|Q[1-4])
            |(?P<rel_year>{_REL_YEARS}))?
          [ \t]*
          (?:
              (?P<half>上半年|下半年)(?P<half_edge>末|底)?
            | 第?(?P<quarter>[一二三四1-4])\s*季度(?P<quarter_edge>末|底)?
            | Q(?P<quarter_q>[1-4])(?P<quarter_q_edge>末|底)?
            | (?:(?:1[0-2]|0?[1-9])[ \t]*[-–—~][ \t]*)?  # a span of months "4-5月" is one mention, dated by its last month
              (?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])[ \t]*月(?:份)?
              (?:[ \t]*(?P<day>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[ \t]*[日号])?
              (?P<month_edge>底|末|初|中旬|上旬|下旬)?
            | (?P<edge>年底|年末|年初|年中|底|末|初)
          )?
        )
    )
    """,
    re.VERBOSE,
)

_DURATION_RE = re.compile(
    r"(?:过去|近|最近|短短)?\s*(?P<n>\d+|[一二两三四五六七八九十半]+)\s*个?\s*(?P<unit>月|年|季度|周|星期)(?:内|来|以来|里|间|时间)"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: date
    precision: str  # day | month | quarter | half | year
    role: str = "as_of"  # as_of | baseline | until (the end of a period: ignored for facts)
    text: str = ""

    def period_end_month(self) -> "DateMention":
        """The last month of a half/quarter/year, for "during H2 … grew to X" statements."""
        months = {"half": 5, "quarter": 2, "year": 11}.get(self.precision)
        if months is None:
            return self
        return replace(self, value=add_months(self.value, months), precision="month")


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1 if day.day == 1 else min(day.day, 28))


def _small(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_chinese_integer(text) or 0)


def _resolve(match: re.Match, published: date, future_ok: bool = False) -> tuple[date, str] | None:
    g = match.groupdict()
    if g["now"]:
        return published, "day"
    if g["iso_year"]:
        try:
            return date(int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"])), "day"
        except ValueError:
            return None
    if g["iso_month_year"]:
        return date(int(g["iso_month_year"]), int(g["iso_month_only"]), 1), "month"
    if g["rel_month"]:
        return add_months(published.replace(day=1), RELATIVE_MONTHS[g["rel_month"]]), "month"
    explicit_year = None
    if g["year"]:
        explicit_year = int("".join(str(_small(c)) if not c.isdigit() else c for c in g["year"]))
    elif g["year_bare"]:
        explicit_year = int(g["year_bare"])
    elif g["rel_year"]:
        explicit_year = published.year + RELATIVE_YEARS[g["rel_year"]]
    year = explicit_year or published.year
    resolved = _resolve_in_year(g, year, explicit_year is not None)
    if resolved is None and explicit_year is None and g["day"]:
        resolved = _resolve_in_year(g, year - 1, False)  # 2月29日 only exists in last year's February
    if resolved and explicit_year is None and resolved[0] > published and not future_ok:
        # "5月15日" or "Q3" in an article published earlier in the year means last year's
        resolved = (resolved[0].replace(year=year - 1), resolved[1])
    return resolved


def _resolve_in_year(g: dict, year: int, explicit_year: bool) -> tuple[date, str] | None:
    if g["half"]:
        if g["half_edge"]:
            return date(year, 6 if g["half"] == "上半年" else 12, 1), "month"  # 上半年末: the half's last month
        return date(year, 1 if g["half"] == "上半年" else 7, 1), "half"
    quarter = g["quarter"] or g["quarter_q"]
    if quarter:
        if g["quarter_edge"] or g["quarter_q_edge"]:
            return date(year, QUARTER_WORDS[quarter] * 3, 1), "month"  # 三季度末: the quarter's last month
        return date(year, (QUARTER_WORDS[quarter] - 1) * 3 + 1, 1), "quarter"
    if g["month"]:
        month = _small(g["month"])
        if not 1 <= month <= 12:
            return None
        if g["day"]:
            day_number = _small(g["day"])
            try:
                resolved = date(year, month, day_number)
            except ValueError:
                return None
            precision = "day"
        else:
            resolved, precision = date(year, month, 1), "month"
        return resolved, precision
    edge = g["edge"]
    if edge:
        if edge in ("底", "末", "初") and not explicit_year:
            return None  # a bare 底/初 is not a date
        month, precision = YEAR_EDGES[edge if edge in YEAR_EDGES else "年" + edge]
        return date(year, month, 1), precision
    if explicit_year:
        return date(year, 1, 1), "year"
    return None


_TIMES_OF_AFTER = re.compile(r"[ \t]*(?:同期|时|之时)?的[ \t]*(?:近|约|超过|超)?[ \t]*[\d.一二两三四五六七八九十几数]+[ \t]*倍")


# "以2024年5月15日首次亮相作为起点": the date a growth is measured from
_STARTING_POINT_AFTER = re.compile(r"[^，,。；;]{0,24}?(?:作为|为)[ \t]*(?:起点|基准|基数|基点)")


def _role(norm: str, start: int, end: int, floor: int, ceiling: int) -> str:
    after = norm[end : min(ceiling, end + 14)]
    if norm[max(floor, start - 2):start].rstrip(" \t").endswith("以") and _STARTING_POINT_AFTER.match(norm, end, ceiling):
        return "baseline"
    if after.lstrip(" \t").startswith(EFFECTIVE_AFTER):
        return "as_of"  # "自2月9日起": the date a price takes effect
    if _TIMES_OF_AFTER.match(after):
        return "baseline"  # "是去年12月的3倍"
    before = norm[max(floor, start - 4) : start].strip()
    if any(before.endswith(word) for word in UNTIL_BEFORE) and not before.endswith(("截至", "截止")):
        return "until"  # "持续到本月底", "从5月到12月"
    if any(before.endswith(word) for word in BASELINE_BEFORE):
        return "baseline"
    # "与去年 5 月 15 日相比", "自 2024 年 5 月正式对外推出以来"
    for word in BASELINE_AFTER:
        idx = after.find(word)
        if idx != -1 and not re.search(r"[，,。；;]", after[:idx]):
            if word in ("相比", "相较", "以来", "至今") or idx <= 2:
                return "baseline"
    if re.match(r"\s*同期", after):
        return "baseline"
    return "as_of"


def find_dates(norm: str, published: date, start: int = 0, end: int | None = None) -> list[DateMention]:
    end = len(norm) if end is None else end
    found = []
    for match in DATE_RE.finditer(norm, start, end):
        if match.end() == match.start():
            continue
        text = match.group(0).strip()
        if not text:
            continue
        raw_end = match.start() + len(match.group(0).rstrip())
        # "自2月9日起" in a January article announces a date ahead: it is not last year's
        effective = norm[raw_end : raw_end + 3].lstrip(" \t").startswith(EFFECTIVE_AFTER)
        resolved = _resolve(match, published, future_ok=effective)
        if resolved is None:
            continue
        value, precision = resolved
        if match.group("rel_year") and match.group(0).strip() == match.group("rel_year") \
                and norm.startswith("同期", match.end()):
            continue  # "去年同期" is relative to the fact's own date, resolved by the caller
        mention_end = match.start() + len(match.group(0).rstrip())
        role = "as_of" if match.group("now") else _role(norm, match.start(), mention_end, start, end)
        after = norm[mention_end : mention_end + 2]
        if after.startswith("同期"):
            role = "baseline"
        found.append(DateMention(match.start(), mention_end, value, precision, role, text))
    return found


def find_duration_before(norm: str, floor: int, pos: int) -> tuple[int, str] | None:
    """A duration such as "3 个月内" / "过去一年" before `pos`, as (months, matched text)."""
    best = None
    for match in _DURATION_RE.finditer(norm, floor, pos):
        raw, unit = match.group("n"), match.group("unit")
        n = 0.5 if raw == "半" else _small(raw) if raw != "半" else 0
        months = {"月": 1, "年": 12, "季度": 3, "周": 0, "星期": 0}[unit] * n
        if months:
            best = (int(months), match.group(0))
    return best
