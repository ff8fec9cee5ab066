"""Facts from an article: daily token usage, growth multiples and price points.

The extractor walks the article sentence by sentence. In each sentence it finds quantities
(numbers.py), dates (dates.py) and entity mentions (entities.py), then attaches a quantity to a
family only when the words around it say what it measures:

- daily token usage: a daily cue (日均/每天/单日 …), a token cue and either a usage noun
  (使用量/调用量 …) or the token unit right after the number; rates per minute/second never count;
- growth multiple: a growth verb right before "N倍"/"X%" (增长/翻了 …) or "是<time>的N倍", with a
  usage subject (the clause's own, or the previous one in the sentence);
- price point: an amount with a currency per a number of tokens, converted by pint to currency
  per million tokens; "从X降至Y" keeps only Y; "全面免费" is a price of 0.

Anything else (MAU, 次, 参数, 上下文, discounts, comparisons between vendors) stays out.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import yaml

from . import grammar as g
from .articles import Article
from .dates import DateMention, add_months, find_dates, find_duration_before
from .entities import Entity, Mention, Registry, load_registry
from .modality import ruled_out
from .modality import scopes as modality_scopes
from .numbers import (
    Quantity,
    bound_after,
    bound_around,
    bound_before,
    combine_bound,
    find_quantities,
    parse_chinese_integer,
)
from .prices import (
    FREE,
    SPENT,
    PriceMention,
    TABLE,
    TABLE_UNIT,
    amounts_before,
    assign_respectively,
    cached_input,
    clause_start,
    condition_before,
    condition_words,
    currency_unit_from,
    directed_prices,
    direction_after,
    is_from_value,
    is_list_item,
    nearest_direction,
    paren_after,
    price_mentions,
    shared_denominator,
    table_cells,
    table_lines,
    token_count,
)
from .text import Span, clauses, normalize, sentences, squash
from .units import MULTIPLE_UNIT, PRICE_UNIT, TOKENS_PER_DAY, price_per_million_tokens


def _rules_version(root: Path = Path(__file__).parent) -> str:
    """A fingerprint of the extraction rules (this package's code and data): when any rule or
    the alias registry changes, every article is re-extracted on the next run. The lexicon's
    word lists and the model catalogue are rules too, so the folders below count."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _rules_version()

# Nobody reports a daily token usage this small; a smaller number is a rank or a count.
MIN_TOKENS_PER_DAY = 1e4

FAMILIES = ("daily_token_usage", "growth_multiple", "price_point")


def _as_written(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.12g}")


@dataclass(slots=True)  # slots: a third less memory per fact, and faster column reads in the load
class Fact:
    article_id: str
    family: str
    entity: str
    metric: str
    value: float
    unit: str
    bound: str
    as_of_date: date
    as_of_precision: str
    quote: str
    char_start: int
    char_end: int
    value_low: float | None = None
    value_high: float | None = None
    subject: str | None = None
    segment: str | None = None
    baseline_date: date | None = None
    baseline_precision: str | None = None
    currency: str | None = None
    direction: str | None = None
    condition: str | None = None
    number_start: int | None = None  # the number itself, inside the quote
    number_end: int | None = None
    fact_id: str = field(default="")
    # the rule that produced the fact (see `python -m pipelines.extract --explain`); not loaded
    rule: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Binary floats turn 16.4万亿 into 16399999999999.998 and 0.0008元/千 into 0.8000000000000002:
        # press figures have far fewer than 12 significant digits, so rounding there gives the number
        # as written.
        self.value = _as_written(self.value)
        self.value_low = _as_written(self.value_low)
        self.value_high = _as_written(self.value_high)
        if not self.fact_id:
            key = "|".join(
                str(part)
                for part in (self.article_id, self.family, self.entity, self.char_start, self.char_end,
                             self.value, self.direction, self.condition, self.segment)
            )
            self.fact_id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def as_row(self) -> dict:
        row = asdict(self)
        del row["rule"]
        return row


# --- Patterns ------------------------------------------------------------------------------------

_TOKEN_WORD = g.TOKEN_WORD  # tokens, token, 词元, 令牌
_TOKEN_UNIT = re.compile(
    r"[ \t]*(?:出头|左右|上下)?[ \t]*(?:个[ \t]*)?(?:文本|多模态|输入|输出|推理|的)?[ \t]*" + _TOKEN_WORD + r"(?![A-Za-z])", re.IGNORECASE
)
_TOKEN_CUE = re.compile("|".join(sorted(g.TOKEN_WORDS, key=len, reverse=True)), re.IGNORECASE)
# What may follow a bare token amount ("突破5000亿，" / "10000 亿规模"): punctuation, end, a bound word.
_BARE_END = re.compile(r"[ \t]*(?:级别|级|规模|量级|左右|以上|之多|上下|出头)?[ \t]*(?:个(?![\u4e00-\u9fff]))?[ \t]*(?:了|啦)?[ \t]*"
                       r"(?:[，,。；;（()）！!？?、｜|\n]|的(?:规模|水平|量级)|$)")
_MULTIPLE_UNIT = re.compile(r"[ \t]*(?:倍|[x×](?![A-Za-z0-9]))")  # 涨了6倍, 涨了 6x
# an amount right after a verb of increase is the increase: "多出了约N", "新增N", "增长了N"
_INCREMENT = re.compile(r"(?:多出|多了|新增|净增|增加|增长|增多|提升)了?[ \t]*(?:约|近|超过|超|逾|将近|接近)?[ \t]*$")
# a level reached by the end of a period: "在<year>上半年达到N"
_REACHED = re.compile(r"(?:达到|达|突破|增至|升至|增长到|上升到|攀升至)[ \t]*(?:了)?[ \t]*(?:约|近|超过|超|逾)?[ \t]*$")
# A usage amount inside a range: "在A到B tokens之间", "A至B"
_RANGE_TAIL = re.compile(r"[ \t]*(?:个[ \t]*)?(?:tokens?|token|词元)?[ \t]*之间", re.IGNORECASE)
_RANGE_HEAD = re.compile(r"\d[\d.]*[ \t]*(?:万亿|千亿|百亿|亿|兆|万)?[ \t]*(?:到|至|~|～|—|–)[ \t]*$")
_COUNTED_AS_TIMES = re.compile(r"[ \t]*次(?=[ \t]*(?:[，,。；;！!、\n]|$))")
_TOKEN_USAGE_NOUN = re.compile(_TOKEN_WORD + r"[ \t]*(?:的)?[ \t]*(?:调用量|消耗量|使用量|处理量|调用)", re.IGNORECASE)
_USAGE_NOUN = re.compile(
    r"(?:(?:平均)?每家(?:企业)?客户)?(?:(?:日均|每天|每日|单日|天均)[ \t]*)?(?:的[ \t]*)?"
    r"(?:(?:商用[ \t]*)?" + _TOKEN_WORD + r"[ \t]*)?(?:日均[ \t]*)?"
    r"(?:" + "|".join(g.USAGE_NOUNS) + r"|(?<=[Tt][Oo][Kk][Ee][Nn])数|(?<=[Tt][Oo][Kk][Ee][Nn][Ss])数)"
    # a verb with the token object: "每天处理的 tokens", "日均消耗 tokens"
    r"|(?:(?:日均|每天|每日|单日|天均)[ \t]*)?(?:处理|消耗|调用|使用|生成|吞下|吞掉|消化|烧掉)[了的]?[ \t]*(?:文本|多模态)?[ \t]*" + _TOKEN_WORD
    # the tokens themselves as the daily quantity, right before a verb of level: "日均tokens突破N"
    + r"|(?:日均|每天|每日|单日|天均)[ \t]*(?:的[ \t]*)?" + _TOKEN_WORD + r"(?![A-Za-z])(?=[ \t]*(?:已经|已|就|也)?[ \t]*(?:突破|超过|超|达到|达|约为|约|近|逾|为|是|破|高达|接近|在))"
    # an amount of tokens processed, named with its verb: "处理了超过N个token，同比增长M倍"
    + r"|(?:处理|消耗|调用)了[^，,。；;\d]{0,6}\d[^，,。；;]{0,12}?" + _TOKEN_WORD + r"(?![A-Za-z])",
    re.IGNORECASE,
)
# A model name right before the metric it owns: "<model>系列模型的日均token消耗量", "<model> API调用量"
_OWNS_METRIC = re.compile(r"[ \t]*(?:系列)?[ \t]*(?:大?模型)?[ \t]*(?:API|api)?[ \t]*(?:在[^，,。；;]{1,20}?[上中里])?[ \t]*(?:的)?[ \t]*(?:"
                          + _USAGE_NOUN.pattern + ")",
                          re.IGNORECASE)
_GROWTH_VERBS = sorted(g.GROWTH_VERBS, key=len, reverse=True)
_DOUBLING = re.compile(r"翻了?[ \t]*(?P<n>一|两|二|三|四|1|2|3|4)[ \t]*番|(?P<double>翻倍|翻番|翻了一倍|翻了1倍)")
# Growth written with the multiple first: "实现了417倍增长", "超10倍增长", "5倍的增长"
# A two-character manner word may sit before the growth noun: "N倍的爆发式增长", "近N%的指数级增长"
_GROWTH_NOUN = (r"[ \t]*(?:的)?[ \t]*(?:[\u4e00-\u9fff]{2}(?:式|级|性)的?[ \t]*|(?:" + "|".join(g.GROWTH_ADJECTIVES)
                + r")的?[ \t]*)?(?:增长|增幅|增速|的增量)(?!率)")
_MULTIPLE_FIRST = re.compile(r"(?P<bound>超过|超|逾|近|约|接近|达)?[ \t]*(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
                             r"[ \t]*(?P<more>多)?[ \t]*倍(?P<more2>多|以上)?" + _GROWTH_NOUN)
# Growth written with the percent first: "实现了近N%的增长" → ×(1 + N/100)
_PERCENT_FIRST = re.compile(r"(?P<bound>超过|超|逾|近|约|接近|将近)?[ \t]*(?P<n>\d+(?:\.\d+)?)[ \t]*%(?P<more2>以上)?" + _GROWTH_NOUN)
# Growth in tenths: "增长了近三成" → ×1.3, "增长七成" → ×1.7
_TENTHS = re.compile(r"(?:增长|成长|提升|上涨|增加|上升|攀升|增)了?[ \t]*(?P<bound>近|超过|超|逾|约|接近|将近)?[ \t]*"
                     r"(?P<n>[一二两三四五六七八九]|[1-9])[ \t]*成(?P<half>半)?(?!为|本|功|交|果|员|长|熟)")
_TIMES_OF = re.compile(r"(?:是|为)(?P<what>[^，。；,;是为]{1,20}?)的[ \t]*$")
_SEGMENT = [re.compile(p) for p in g.SEGMENT_PATTERNS]


def _words(words) -> re.Pattern:
    """One compiled alternation for a tuple of cue words (faster than `any(w in text …)`)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_DISCOURSE = yaml.safe_load((Path(__file__).with_name("lexicon") / "discourse.yaml").read_text(encoding="utf-8"))
_COREFERENCE = _words(_DISCOURSE["coreference"])
_RATE = _words(g.RATE_CUES)
_EFFICIENCY = _words(g.EFFICIENCY_CUES)
_FORECAST = _words(g.FORECAST_CUES)
_DAILY = _words(g.DAILY_CUES)
_DISTRACTOR = _words(g.DISTRACTOR_NOUNS)
_QUOTA = _words(g.QUOTA_CUES)
_COMPARISON = _words(g.COMPARISON_CUES)
_LAUNCH = _words(g.LAUNCH_BASELINE_CUES)
_LAUNCH_MOMENT = _words(g.LAUNCH_MOMENT_CUES)
_AGO = re.compile(r"(?P<n>\d+|[一两二三四五六七八九十半]+)[ \t]*个?[ \t]*多?[ \t]*(?P<unit>年|个月|月|季度)多?(?:之)?前")  # N个月前, N个多月前
# Gates before the per-sentence work (see grammar.FACT_CUES and grammar.PRICE_CUES).
_FACT_CUE = re.compile(_words(g.FACT_CUES).pattern, re.IGNORECASE)
_PRICE_CUE = re.compile(_words(g.PRICE_CUES).pattern, re.IGNORECASE)
# Names an article introduces in quotes: "做的产品叫「栈桥翻译」" → 栈桥翻译 is an entity there.
_QUOTED_NAME = re.compile(r"(?:叫|名为|名叫|品牌|产品|公司|平台|应用|团队)[ \t]*[「“\"『]([^」”\"』\n，。]{2,12})[」”\"』]")



# --- The sentence context ------------------------------------------------------------------------


@dataclass
class _Sentence:
    norm: str
    span: Span
    clauses: list[Span]
    dates: list[DateMention]
    mentions: list[Mention]
    carried_date: DateMention | None
    carried_entity: Mention | None
    published: date

    def clause_of(self, pos: int) -> Span:
        for clause in self.clauses:
            if clause.start <= pos < clause.end:
                return clause
        return Span(self.span.start, self.span.end)

    def as_of(self, pos: int) -> DateMention:
        clause = self.clause_of(pos)
        as_of = [d for d in self.dates if d.role == "as_of"]
        explicit = [d for d in as_of if d.text not in g.VAGUE_NOW_WORDS]
        # "8月2日…MiniMax目前每天处理…": 目前 is the event's time when the sentence dates the event
        as_of = explicit or as_of
        in_clause_before = [d for d in as_of if clause.start <= d.start < pos]
        if in_clause_before:
            return self.range_end(in_clause_before[-1]) or in_clause_before[-1]
        before = [d for d in as_of if d.start < pos]
        # "…约为1000亿；到2025年6月，这一数字已突破30万亿": a clause that opens with 到 + a date
        # moves the time on; the figures after it hold then
        moved_on = [d for d in self.dates if d.role == "until" and d.start < pos
                    and (not before or d.start > before[-1].start)
                    and _opens_clause_with_until(self.norm, self.clause_of(d.start).start, d)]
        if moved_on:
            return replace(moved_on[-1], role="as_of")
        if before:
            return self.range_end(before[-1]) or before[-1]
        in_clause_after = [d for d in as_of if pos <= d.start < clause.end]
        if in_clause_after:
            return in_clause_after[0]
        if self.carried_date is not None:
            return self.carried_date
        return DateMention(pos, pos, self.published, "day", "as_of", "")

    def range_end(self, start: DateMention) -> DateMention | None:
        """"2022年至2025年6月，…从5亿激增至4.6万亿": the figures of a span of time hold at its end."""
        for d in self.dates:
            if d.role == "until" and d.start > start.end and _RANGE_JOIN.fullmatch(self.norm, start.end, d.start):
                return replace(d, role="as_of")
        return None

    def range_start(self, before: int) -> DateMention | None:
        """The start of the span of time named before `before`, if any."""
        for d in self.dates:
            if d.role == "as_of" and d.end <= before and self.range_end(d) is not None:
                return d
        return None

    def baseline(self, pos: int) -> DateMention | None:
        before = [d for d in self.dates if d.role == "baseline" and d.start < pos]
        return before[-1] if before else None

    def _bracket_owner(self, pos: int) -> Mention | None:
        """A number in brackets right after a name is that name's, wherever the sentence goes on:
        "…是<model A>(N美元/百万token)的M倍" gives N to A, not to the subject of the sentence."""
        opening = max(self.norm.rfind("(", 0, pos), self.norm.rfind("（", 0, pos))
        if opening < 0 or pos - opening > 12 or re.search(r"[)），,。；;]", self.norm[opening:pos]):
            return None
        for m in self.mentions:
            if m.end <= opening and self.norm[m.end:opening].strip(" \t") == "":
                return m
        return None

    def entity(self, pos: int, prefer_models: bool = False) -> Mention | None:
        """Who a number at `pos` is about: the mention nearest before it in its clause, else the
        first mention of the nearest earlier clause that has one, else the previous sentence's."""
        clause = self.clause_of(pos)
        named = self._bracket_owner(pos)
        if named is not None:
            return named
        # "<model>的价格较<other model>下降80%": what it is compared with is not whose figure it is
        pool = [m for m in self.mentions if not _COMPARED_WITH.search(self.norm, max(0, m.start - 3), m.start)
                and not _TIMES_OF_TARGET.match(self.norm, m.end)
                # "…，成本比<model>低N%": a model measured against, in a clause before, is not the owner
                and not (m.start < clause.start and _COMPARED_TARGET.search(self.norm, max(0, m.start - 6), m.start))]
        if prefer_models:
            models = [m for m in pool if m.entity.kind in ("model", "model_family")]
            pool = models or pool
        in_clause = [m for m in pool if clause.start <= m.start < pos]
        if len(in_clause) > 1:
            # "<model>在<platform>上的日均消耗": the platform is where, not whose
            owners = [m for m in in_clause if not (self.norm[max(0, m.start - 1):m.start] == "在"
                                                   and self.norm.startswith(("上", "中", "里"), m.end))]
            in_clause = owners or in_clause
        if in_clause:
            nearest = in_clause[-1]
            # "鱼泡科技的豆包大模型日均调用量": the customer owns the usage, not the model
            owners = [m for m in self.mentions if m.source == "company" and m.end <= nearest.start
                      and clause.start <= m.start and self.norm[m.end:nearest.start].strip() == "的"]
            return owners[-1] if owners and not prefer_models else nearest
        if not prefer_models:
            # a customer named earlier in the sentence owns its usage, whatever model it calls:
            # "星渚汽车座舱助手接入通义千问后，目前每天的tokens处理量约15亿" → 星渚汽车
            companies = [m for m in self.mentions if m.source == "company" and m.start < clause.start]
            if companies:
                return companies[-1]
        for earlier in reversed([c for c in self.clauses if c.end <= clause.start]):
            if self.norm.startswith("其", earlier.start) and not self.norm.startswith(("其中", "其他", "其余", "其实", "其次"), earlier.start):
                continue  # "其…" refers back to the subject of an earlier clause ("其中…" does not)
            found = [m for m in pool if earlier.start <= m.start < earlier.end]
            if found:
                if prefer_models:
                    # a price belongs to the most specific model named: "智谱的GLM-4-Air" → GLM-4-Air
                    specific = [m for m in found if m.entity.kind == "model"]
                    return (specific or found)[-1]
                return found[0]
        after = [m for m in pool if pos <= m.start < clause.end]
        if after:
            return after[0]
        return self.carried_entity


def _merge_mentions(registry: Registry, norm: str, original: str, span: Span,
                    local_names: tuple[str, ...] = (), registered: list[Mention] | None = None) -> list[Mention]:
    """Entity mentions in a span: registry aliases (found once per article and passed in as
    `registered`, or searched here), names the article introduced, model ids and companies."""
    if registered is None:
        found = registry.mentions(norm, span.start, span.end)
    else:
        found = [m for m in registered if span.start <= m.start and m.end <= span.end]
    for name in local_names:
        for m in re.finditer(re.escape(name), norm[span.start : span.end]):
            start = span.start + m.start()
            if all(start >= x.end or start + len(name) <= x.start for x in found):
                found.append(Mention(start, start + len(name), Entity(original[start : start + len(name)], "company"), "company"))
    taken = [(m.start, m.end) for m in found]
    for extra in (registry.model_ids(norm, span.start, span.end) + registry.platforms(norm, span.start, span.end)
                  + registry.companies(norm, span.start, span.end)):
        if all(extra.end <= s or extra.start >= e for s, e in taken):
            if extra.source == "company" or extra.entity.name == norm[extra.start:extra.end]:
                # names outside the registry are kept as the article writes them (語森科技)
                extra = replace(extra, entity=replace(extra.entity, name=original[extra.start:extra.end]))
            found.append(extra)
            taken.append((extra.start, extra.end))
    found.sort(key=lambda m: m.start)
    # "<company>旗下的<model>": the company only qualifies the name after it; so does a vendor
    # written right before one of its own products ("百度文心大模型", "腾讯的混元")
    return [m for m, after in zip(found, [*found[1:], None])
            if after is None or not (_QUALIFIES.fullmatch(norm, m.end, after.start) or _names_its_product(norm, m, after))]


def _names_its_product(norm: str, vendor: Mention, after: Mention) -> bool:
    return (vendor.entity.kind == "vendor" and after.entity.kind != "vendor" and vendor.entity.vendor is not None
            and after.entity.vendor == vendor.entity.vendor and norm[vendor.end:after.start].strip(" \t的") == "")


_COMPARED_WITH = re.compile(r"(?:较|相比|相较|相比于|相较于|对比|比起)[ \t]*$")
# What a model is measured against in a sentence about another: "…得分N%，超越<model>的M%"
_COMPARED_TARGET = re.compile(r"(?:超越|超过了?|优于|领先于?|击败|胜过|不如|低于|高于|比|较|相比于?|对比|介于)[ \t]*$")
_QUALIFIES = re.compile(r"[ \t]*旗下(?:的)?[ \t]*")
# "…，是同期<model>的N倍": the model a figure is a multiple of is not the figure's owner
_TIMES_OF_TARGET = re.compile(r"[ \t]*的[ \t]*(?:约|近|超过)?[ \t]*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)[ \t]*倍")


# A cell that is only a multiple, under a header that says so ("较<date>倍数"): "N", "约N", "N+"
_BARE_MULTIPLE = re.compile(r"[ \t]*(?P<bound>约|超过|超|逾|近)?[ \t]*(?P<times>\d+(?:\.\d+)?)[ \t]*(?P<more>\+|以上|多)?[ \t]*")
# The magnitude a usage column is counted in: "<usage noun>（万亿）", "(单位：亿)"
_HEADER_MAGNITUDE = re.compile(r"[（(][ \t]*(?:单位[：:][ \t]*)?(万亿|千亿|百亿|亿|兆|万)[ \t]*(?:tokens?)?[ \t]*[)）]", re.IGNORECASE)
# A growth cell of a usage table: "较5月底+80%以上", "环比+40%", "约为去年同期15倍", "同比增长约200%"
_GROWTH_CELL = re.compile(
    r"[ \t]*(?P<base>较[^+＋\d%倍]{1,12}?|同比|环比|(?:约为|是|为)?[ \t]*去年同期的?)?[ \t]*"
    r"(?:增长|增加|提升|上涨)?[ \t]*(?P<bound>约为|约|超过|超|逾|近|接近)?[ \t]*"
    r"(?:[+＋]?[ \t]*(?P<pct>\d+(?:\.\d+)?)[ \t]*%|(?P<times>\d+(?:\.\d+)?)[ \t]*倍)[ \t]*(?P<more>以上|多)?[ \t]*")
# A sentence that is only an amount: "50万亿。", "超过30万亿tokens！"
_BARE_AMOUNT = re.compile(r"[ \t*]*(?:约|超过|超|逾|近|突破|已突破|达到|达)?[ \t]*[\d.,]+[ \t]*(?:万亿|千亿|百亿|亿|兆|万)[ \t]*"
                          r"(?:个[ \t]*)?(?:tokens?|Tokens?|TOKENS?)?[ \t*]*[。！!]?[ \t*]*")
_SHORT_ID = re.compile(r"(?<![A-Za-z0-9.])(?P<id>[A-Z]\d{1,2}(?:\.\d+)?)$")
_REGISTERED_SHORT_ID = re.compile(r"[- ](?P<id>[A-Z]\d{1,2}(?:\.\d+)?)$")


def _with_short_ids(norm: str, mentions: list[Mention], registry: Registry | None = None) -> list[Mention]:
    """A model the article named in full with a short id ("混元T1", "MiniMax发布M2") is that model
    wherever the id then stands alone ("目前，T1已在腾讯云官网上线"). So is a registered model whose
    name ends in a short id (DeepSeek-V3, DeepSeek-R1), after the article names its vendor or
    family: "<vendor>…V3和R1的价格" (only if no other such model shares the id)."""
    introduced: dict[str, Mention] = {}
    for m in mentions:
        if m.source == "variant" and m.entity.kind == "model":
            short = _SHORT_ID.search(norm, m.start, m.end)
            if short and short.group("id") not in introduced:
                introduced[short.group("id")] = m
    if registry is not None:
        vendors = {}
        for m in mentions:
            vendor = m.entity.vendor or (m.entity.name if m.entity.kind in ("model_family", "vendor") else None)
            if vendor and vendor not in vendors:
                vendors[vendor] = m
        by_id: dict[str, list[Entity]] = {}
        for entity in registry.entities:
            short = _REGISTERED_SHORT_ID.search(entity.name)
            if entity.kind == "model" and entity.vendor in vendors and short:
                by_id.setdefault(short.group("id"), []).append(entity)
        for short, entities in by_id.items():
            if len(entities) == 1 and short not in introduced:
                named = vendors[entities[0].vendor]
                introduced[short] = Mention(named.start, named.start, entities[0], "variant")
    if not introduced:
        return mentions
    found = list(mentions)
    for short, model in introduced.items():
        for m in re.finditer(rf"(?<![A-Za-z0-9.\-_]){re.escape(short)}(?![A-Za-z0-9_\-]|\.\d)", norm):
            if m.start() > model.start and all(m.end() <= x.start or m.start() >= x.end for x in found):
                found.append(Mention(m.start(), m.end(), model.entity, "variant", base=model.base))
    return sorted(found, key=lambda x: x.start)


def _overlaps(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(q.start < e and s < q.end for s, e in spans)


# --- Families ------------------------------------------------------------------------------------


class _Extractor:
    def __init__(self, article: Article, registry: Registry):
        self.article = article
        self.registry = registry
        self.body = article.body
        self.norm = normalize(article.body)
        self.facts: list[Fact] = []
        self._mentions_of: dict[int, list[Mention]] = {}  # by sentence start, found once
        self._dates_of: dict[int, list[DateMention]] = {}
        self._last_mention: Mention | None = None
        # the last daily token usage stated, with its usage noun: what 这一数字 refers back to
        self._last_usage: tuple[Mention, str] | None = None
        self._last_usage_end: int | None = None  # where the sentence of the last usage figure ends
        self._list_direction: str | None = None
        self._table_rows: list[tuple[int, int]] = []  # rows the price-table reader took
        self._paragraph_model: Mention | None = None
        self._position: tuple[list[Span], int] = ([], 0)  # the sentences and the one being read
        # (where, tokens per price) of the last price statement, for prices in the next sentence
        # of its paragraph that name only a direction and an amount
        self._last_denominator: tuple[int, float] | None = None
        self._heading_dates: dict[int, tuple[int, DateMention | None]] = {}  # heading start → (end, date)
        self.ruled_out: list[tuple[Fact, object]] = []  # (fact, modality scope) left out, for --explain
        # registry aliases are searched once for the whole article, then looked up per sentence
        self.registered = _with_short_ids(self.norm, registry.mentions(self.norm), registry)
        self._registered_starts = [m.start for m in self.registered]
        self.local_names = tuple(dict.fromkeys(
            m.group(1) for m in _QUOTED_NAME.finditer(self.norm) if not registry.lookup(m.group(1))
        ))

    def _registered_in(self, span: Span) -> list[Mention]:
        first = bisect.bisect_left(self._registered_starts, span.start)
        last = bisect.bisect_left(self._registered_starts, span.end)
        return [m for m in self.registered[first:last] if m.end <= span.end]

    def run(self) -> list[Fact]:
        spans = sentences(self.norm)
        cue_positions = [m.start() for m in _FACT_CUE.finditer(self.norm)]
        stated = [_has_position(cue_positions, span) for span in spans]
        for index, span in enumerate(spans):
            intro = self._usage_intro(spans, index)
            if intro is not None:
                stated[index] = True  # "…最新日均Token调用量：\n\n50万亿。": the amount the intro announced
            if not stated[index]:
                self._track_list_direction(span)
                continue
            dates, carried_date = self._dates(span), self._carried_date(spans, index)
            if carried_date is not None and carried_date.end > carried_date.start:
                dates, carried_date = _relative_to_carried(self.norm, span, dates, carried_date)
            sentence = _Sentence(
                norm=self.norm,
                span=span,
                clauses=clauses(self.norm, span),
                dates=dates,
                mentions=self._mentions(span),
                carried_date=carried_date,
                carried_entity=self._carried_entity(spans, index),
                published=self.article.published_date,
            )
            self._paragraph_model = self._model_before(spans, index)
            self._position = (spans, index)
            if intro is not None:
                self._announced(sentence, intro)
                continue
            self._sentence(sentence)
            self._track_list_direction(span)
        sentence_facts = self.facts
        self.facts = []
        self._transposed_tables()
        self._spaced_tables()
        self._tables()
        self._usage_tables()
        self._tracker_tables()
        # a row read as a table is not read again as a sentence
        rows = self._table_rows
        sentence_facts = [f for f in sentence_facts
                          if not any(a <= (f.number_start or f.char_start) < b for a, b in rows)]
        return _dedupe(self._stated(sentence_facts + self.facts))

    def _stated(self, facts: list[Fact]) -> list[Fact]:
        """The facts not ruled out by modality: a number inside a hypothetical, a forecast, a
        conversion in passing or a rejected claim is not a fact (lexicon/modality.yaml)."""
        spans = modality_scopes(self.norm)
        kept = []
        for fact in facts:
            scope = ruled_out(fact.number_start if fact.number_start is not None else fact.char_start, spans)
            if scope is None:
                kept.append(fact)
            else:
                self.ruled_out.append((fact, scope))
        return kept

    # -- what carries from one sentence to the next ---------------------------------------------

    def _dates(self, span: Span) -> list[DateMention]:
        """A sentence's dates (found once: a sentence is also read as the one before the next)."""
        if span.start not in self._dates_of:
            self._dates_of[span.start] = find_dates(self.norm, self._reference_date(span.start), span.start, span.end)
        return self._dates_of[span.start]

    @cached_property
    def _section_heads(self) -> tuple[list[int], list[DateMention | None], list[date | None]]:
        """(where each heading or bold line of its own ends, the first date it names, the day its
        section is told from). A head that names a date with its year ("**<date>｜<title>**",
        "## 2025年3月") is the "now" of its section: "截至9月", "去年5月" and "目前" under it are
        told from that day, not from the publish date. A head with no such date ends the section
        before it."""
        ends, stated_dates, days = [], [], []
        published = self.article.published_date
        for head in _HEADING_LINE.finditer(self.norm):
            stated = [d for d in find_dates(self.norm, published, head.start(), head.end())
                      if d.role == "as_of" and d.text not in g.NOW_WORDS]
            dated = [d for d in stated if re.search(r"\d{4}", d.text)]
            day = None
            if dated:
                first = dated[0]
                day = {"day": first.value, "month": _month_end(first.value),
                       "quarter": _month_end(add_months(first.value, 2)), "half": _month_end(add_months(first.value, 5)),
                       "year": date(first.value.year, 12, 31)}.get(first.precision, first.value)
                day = min(day, published)
            ends.append(head.end())
            stated_dates.append(stated[0] if stated else None)
            days.append(day)
        return ends, stated_dates, days

    def _section_head(self, pos: int) -> tuple[int, DateMention | None, date | None] | None:
        """(end, first date, reference day) of the last head line before `pos`, if any."""
        ends, stated, days = self._section_heads
        at = bisect.bisect_right(ends, pos) - 1
        return (ends[at], stated[at], days[at]) if at >= 0 else None

    def _dated_head(self, pos: int) -> DateMention | None:
        """The date, with its year, of the head of the section `pos` is in (None without one)."""
        head = self._section_head(pos)
        return head[1] if head is not None and head[2] is not None else None

    def _reference_date(self, pos: int) -> date:
        head = self._section_head(pos)
        return (head[2] if head is not None else None) or self.article.published_date

    def _mentions(self, span: Span) -> list[Mention]:
        if span.start not in self._mentions_of:
            found = _merge_mentions(self.registry, self.norm, self.body, span, self.local_names,
                                    self._registered_in(span))
            # the outlet that publishes the article is never what its figures are about
            self._mentions_of[span.start] = [m for m in found if not (m.source == "company" and self._is_outlet(m))]
        return self._mentions_of[span.start]

    def _mentions_within(self, span: Span) -> list[Mention]:
        """Mentions in a part of the text that is not a sentence (a table cell, a line): the same
        as a sentence's, short ids the article introduced included."""
        return _merge_mentions(self.registry, self.norm, self.body, span, self.local_names, self._registered_in(span))

    def _is_outlet(self, mention: Mention) -> bool:
        name = mention.entity.name
        return any(name and outlet and (name in outlet or outlet in name)
                   for outlet in (self.article.source, self.article.author))

    def _carried_date(self, spans: list[Span], index: int) -> DateMention | None:
        """The date a sentence without its own falls back on: the previous sentence's event date,
        else the lead date of its paragraph ("**5月21日**，…" scopes the paragraph, 同一天 included),
        else the date in the heading of its section."""
        if index == 0:
            return self._heading_date(spans[index].start)
        previous = spans[index - 1]
        own = [d for d in self._dates(previous) if d.text not in g.NOW_WORDS and (
            d.role == "as_of" or (d.role == "until" and _opens_clause_with_until(self.norm, previous.start, d)))]
        if own:
            return replace(own[-1], role="as_of")
        for earlier in range(index - 1, max(-1, index - 10), -1):
            lead = self._lead_date(spans[earlier])
            if lead is not None:
                return lead
            if "\n\n" in self.norm[spans[earlier].start : spans[earlier + 1].start]:
                break
        return self._heading_date(spans[index].start)

    def _usage_intro(self, spans: list[Span], index: int) -> Mention | None:
        """The entity of an intro line that announces a daily token usage ("…豆包大模型最新日均Token
        调用量：") when the sentence after it is only that amount; else None."""
        if index == 0 or not _BARE_AMOUNT.fullmatch(self.norm, spans[index].start, spans[index].end):
            return None
        previous = spans[index - 1]
        text = self.norm[previous.start:previous.end].rstrip(" \t")
        if not text.endswith(("：", ":")) or not (_DAILY.search(text) and _TOKEN_CUE.search(text)) \
                or find_quantities(self.norm, previous.start, previous.end):
            return None
        noun = None
        for noun in _USAGE_NOUN.finditer(self.norm, previous.start, previous.end):
            pass
        if noun is None:
            return None
        owners = [m for m in self._mentions(previous) if m.end <= noun.start()]
        return owners[-1] if owners else None

    def _announced(self, s: _Sentence, entity: Mention) -> None:
        q = find_quantities(self.norm, s.span.start, s.span.end)
        if len(q) != 1 or q[0].percent or q[0].value < MIN_TOKENS_PER_DAY * 1e4:
            return
        q = q[0]
        as_of = s.as_of(q.start)
        bound = combine_bound(bound_around(self.norm, q.start, q.end, s.span.start, s.span.end), q.bound)
        self.facts.append(self._usage_fact(s, entity, q, bound, as_of, "usage.announced"))
        self._last_usage = (entity, "日均tokens使用量")
        self._last_usage_end = s.span.end

    def _lead_date(self, span: Span) -> DateMention | None:
        """A bold date opening a paragraph or list item: "**5月21日**，阿里云宣布…"."""
        if not self.body.startswith("**", max(0, span.start - 2)) and not self.body.startswith("**", span.start):
            return None
        dates = [d for d in self._dates(span) if d.role == "as_of" and d.start <= span.start + 3]
        return dates[0] if dates else None

    def _heading_date(self, pos: int) -> DateMention | None:
        """The date a Markdown heading above `pos` names ("## 5月21日：…"), or a bold line of its
        own heading the section ("**2024年9月24日｜…**" over its paragraphs)."""
        head = self._section_head(pos)
        if head is not None and head[1] is not None and not self.norm.startswith("#", self.norm.rfind("\n", 0, head[0]) + 1):
            bold = head[1]
            heading = self.norm.rfind("\n#", 0, pos)
            if heading < bold.start:
                return bold
        heading = self.norm.rfind("\n#", 0, pos)
        start = heading + 1 if heading >= 0 else (0 if self.norm.startswith("#") else -1)
        if start < 0:
            return None
        if start not in self._heading_dates:  # each heading is read once, however many sentences ask
            end = self.norm.find("\n", start)
            end = len(self.norm) if end < 0 else end
            dates = [d for d in find_dates(self.norm, self.article.published_date, start, end)
                     if d.role == "as_of" and d.text not in g.NOW_WORDS]
            self._heading_dates[start] = (end, dates[0] if dates else None)
        end, heading_date = self._heading_dates[start]
        return heading_date if end <= pos else None

    def _carried_entity(self, spans: list[Span], index: int) -> Mention | None:
        """The first mention of the nearest earlier sentence that names anyone. Found lazily:
        sentences without a fact cue are skipped, and most of them are never looked at. A heading
        names its own subject or none: it opens a section, it does not continue the one before."""
        if self.norm.startswith("#", self.norm.rfind("\n", 0, spans[index].start) + 1):
            return None
        for earlier in range(index - 1, -1, -1):
            found = self._mentions(spans[earlier])
            if found:
                # what an earlier sentence measured something against is not what it was about
                about = [m for m in found if not _COMPARED_TARGET.search(self.norm, max(0, m.start - 6), m.start)]
                if about:
                    return about[0]
        return None

    def _model_before(self, spans: list[Span], index: int, across_paragraphs: bool = False) -> Mention | None:
        """The last model named in this sentence's paragraph before it (a heading or a blank line
        ends a paragraph; with `across_paragraphs`, only a heading does)."""
        for earlier in range(index - 1, max(-1, index - 6), -1):
            between = self.norm[spans[earlier].end : spans[earlier + 1].start]
            intro = self.norm[spans[earlier].start : spans[earlier].end].rstrip().endswith(("：", ":", "如下"))
            item = is_list_item(self.body, spans[earlier + 1].start)
            if ("\n\n" in between and not (intro or item or across_paragraphs)) \
                    or self.norm.startswith("#", spans[earlier + 1].start):
                return None  # a new paragraph; a list intro scopes its items across the blank line
            models = [m for m in self._mentions(spans[earlier]) if m.entity.kind in ("model", "model_family")
                      and not _COMPARED_TARGET.search(self.norm, max(0, m.start - 6), m.start)]
            if models:
                return models[-1]
        return None

    def _track_list_direction(self, span: Span) -> None:
        """"…输入价格如下：" introduces list items that inherit its direction."""
        intro = self.norm[span.start : span.end].rstrip()
        if intro.endswith(("：", ":", "如下")):
            self._list_direction = nearest_direction(self.norm, span.start, span.end)
        elif not is_list_item(self.body, span.start):
            self._list_direction = None

    # -- price tables -----------------------------------------------------------------------------

    def _tables(self) -> None:
        """Markdown price tables. The unit comes from a column's header ("国内（元/百万tokens）"),
        else from the header row or the line before the table ("单位：元/百万tokens"). Price
        columns are those whose header names a price, a direction (输入, 输出, 缓存命中输入) or a
        unit; each row names its model, else the line before the table does ("MiniMax-M2 API定价如下：").
        A row may name the direction instead ("| 输入 | 2.1 | 0.3 |"). One fact per priced cell;
        the rows read here are not read again as sentences."""
        norm = self.norm
        for table in self._markdown_tables:
            lines = table_lines(norm, table.start(), table.end())
            if len(lines) < 3 or any(table.start() <= a < table.end() for a, _ in self._table_rows):
                continue  # read on its side already
            header = table_cells(norm, *lines[0])
            header_text = [norm[a:b] for a, b in header]
            intro_span = _line_before(norm, table.start())  # the line right before the table
            intro_line = norm[intro_span.start:intro_span.end]
            table_unit = TABLE_UNIT.search(" ".join(header_text) + " " + intro_line) or _footnote_unit(norm, table, header_text) \
                or _document_unit(norm, table.start())
            column_unit = {i: u for i, h in enumerate(header_text) if (u := TABLE_UNIT.search(h))}
            # "| 单位 |" as a column: each row carries its unit ("| … | 元/百万tokens |")
            unit_column = next((i for i, h in enumerate(header_text) if re.fullmatch(r"[ \t]*(?:单位|计价单位|unit)[ \t]*", h, re.I)), None)
            if not table_unit and not column_unit and unit_column is None:
                continue
            price_columns = [
                i for i, h in enumerate(header_text)
                # ("费用", "金额" without a per-token unit is what a bill came to, not a price)
                if (re.search(r"价|price|收费", h, re.I) or nearest_direction(h, 0, len(h)) or i in column_unit)
                and (i in column_unit or not re.search(r"费用|花费|金额|账单|成本|合计|总计|cost|amount|bill", h, re.I))
                and not re.search(r"计费项|类型|方式|上下文|context|用途|说明|备注|模型|厂商|model"
                                  r"|速度|延迟|时延|吞吐|speed|latency|throughput|TPS|/秒|/s\b", h, re.I)
                # a column of the price before a change is not a price now: "原输入价", "调整前"
                and not re.search(r"原|旧|调整前|降价前|调价前|此前|以前|变更前|old|before|previous|was", h, re.I)
            ]
            if not price_columns:
                continue
            direction_of_column = {i: nearest_direction(h, 0, len(h)) for i, h in enumerate(header_text)}
            intro_mentions = self._mentions_within(intro_span)
            as_of = self._table_date(table.start())
            for row_start, row_end in lines[2:]:
                cells = table_cells(norm, row_start, row_end)
                if len(cells) != len(header):
                    continue
                mentions = [m for a, b in cells for m in self._mentions_within(Span(a, b))]
                pool = mentions or intro_mentions
                if not pool:
                    continue
                entity = sorted(pool, key=lambda m: (m.entity.kind != "model", m.entity.kind != "model_family",
                                                     -m.start if pool is intro_mentions else m.start))[0]
                label_cells = [(a, b) for i, (a, b) in enumerate(cells) if i not in price_columns]
                # a row that gives its own date ("2025年2月9日起", "2024年12月26日—2025年2月8日")
                # holds from then; else the table's date
                row_dates = [d for a, b in label_cells for d in find_dates(norm, self.article.published_date, a, b)]
                row_as_of = row_dates[0] if row_dates else as_of
                row_direction = next((d for a, b in label_cells if (d := nearest_direction(norm, a, b))), None)
                row_condition = next((c for a, b in label_cells if (c := condition_words(norm[a:b]))), None)
                taken = False
                for column in price_columns:
                    a, b = cells[column]
                    unit = column_unit.get(column) or (
                        TABLE_UNIT.search(norm, *cells[unit_column]) if unit_column is not None else None) or table_unit
                    if unit is None:
                        continue
                    for value_of, symbol, cell_direction, cell_condition, number in _cell_amounts(norm, a, b):
                        # the cell's own symbol wins over the column's word ("$0.1" under "元/百万tokens")
                        currency_unit = (currency_unit_from(symbol, None) if symbol else None) \
                            or currency_unit_from(unit.group("sym"), unit.group("cur")) or _currency_after_unit(unit)
                        if currency_unit is None:  # "（每百万tokens）" with bare numbers: the currency is not stated
                            continue
                        if value_of is None:  # free
                            value, currency = 0.0, price_per_million_tokens(1.0, currency_unit, 1e6)[1]
                        else:
                            value, currency = price_per_million_tokens(value_of, currency_unit, token_count(unit.group("count")))
                        condition = cell_condition or condition_words(header_text[column]) or row_condition
                        direction = cached_input(cell_direction or direction_of_column.get(column) or row_direction
                                                 or "unspecified", condition)
                        self._table_price(entity.entity.name, value, currency, direction, condition, row_as_of,
                                          (row_start, row_end), number, "price.table_cell")
                        taken = True
                if taken:
                    self._table_rows.append((row_start, row_end))

    @cached_property
    def _markdown_tables(self) -> list[re.Match]:
        """The article's Markdown tables, found once for the four table readers."""
        return list(TABLE.finditer(self.norm))

    def _table_price(self, entity: str, value: float, currency: str, direction: str, condition: str | None,
                     as_of: DateMention, row: tuple[int, int], number: tuple[int, int], rule: str) -> None:
        """One price point read from a table row (every table reader quotes the whole row)."""
        self.facts.append(Fact(
            article_id=self.article.article_id, family="price_point", entity=entity,
            metric="price_per_million_tokens", value=value, unit=PRICE_UNIT[currency], bound="eq",
            as_of_date=as_of.value, as_of_precision=as_of.precision,
            quote=self.body[row[0]:row[1]], char_start=row[0], char_end=row[1],
            currency=currency, direction=direction, condition=condition,
            number_start=number[0], number_end=number[1], rule=rule,
        ))

    def _transposed_tables(self) -> None:
        """Price tables turned on their side: models across the header, directions down the first
        column ("| 参数 | GPT-4.1 | GPT-4.1 mini |" over "| 输入价格 | $2.00 / 百万 tokens | $0.40 / 百万
        tokens |"). A row whose other cells are empty names a section of the rows under it, such as
        a time of day ("| **<time of day>价格** | | |"). A cell gives its amount and, if the table does not,
        its unit; every priced cell is one fact of its column's model."""
        norm = self.norm
        for table in self._markdown_tables:
            lines = table_lines(norm, table.start(), table.end())
            if len(lines) < 3:
                continue
            header = table_cells(norm, *lines[0])
            if len(header) < 3 or self._mentions_within(Span(*header[0])):
                continue
            column_models: dict[int, Mention] = {}
            for i, (a, b) in enumerate(header[1:], start=1):
                found = self._mentions_within(Span(a, b))
                models = [m for m in found if m.entity.kind in ("model", "model_family")]
                if models:
                    column_models[i] = models[0]
            if len(column_models) < 2 or len(column_models) < len(header) - 2:
                continue  # at most one column (a note) that is not a model
            header_text = " ".join(norm[a:b] for a, b in header)
            intro_span = _line_before(norm, table.start())
            table_unit = TABLE_UNIT.search(header_text + " " + norm[intro_span.start:intro_span.end]) \
                or _footnote_unit(norm, table, [norm[a:b] for a, b in header]) or _document_unit(norm, table.start())
            as_of = self._table_date(table.start())
            section = None
            for row_start, row_end in lines[2:]:
                cells = table_cells(norm, row_start, row_end)
                if len(cells) != len(header):
                    continue
                label = norm[cells[0][0]:cells[0][1]].strip("*` \t")
                if all(a == b for a, b in cells[1:]):
                    section = condition_words(label)  # an off-peak section → off_peak; a standard one → none
                    continue
                direction = nearest_direction(label, 0, len(label))
                condition = condition_words(label)
                if direction is None and condition is None and not re.search(r"价|price|费用", label, re.I):
                    continue  # a row of context sizes, speeds, release dates …
                if re.search(r"原|旧|调整前|降价前|此前|old|before|previous", label, re.I):
                    continue  # the price before a change
                if section and condition and section != condition:
                    condition = f"{section}+{condition}"
                else:
                    condition = condition or section
                taken = False
                for column, model in column_models.items():
                    a, b = cells[column]
                    cell = norm[a:b].strip("`* \t")
                    amount = _PRICED_CELL.fullmatch(cell)
                    if not amount:
                        continue
                    unit = TABLE_UNIT.search(amount.group("rest")) if amount.group("rest").strip() else table_unit
                    if unit is None:
                        continue
                    currency_unit = currency_unit_from(unit.group("sym") or amount.group("sym"), unit.group("cur")) \
                        or _currency_after_unit(unit)
                    if currency_unit is None:
                        continue
                    value, currency = price_per_million_tokens(float(amount.group("amount")), currency_unit,
                                                               token_count(unit.group("count")))
                    offset = a + norm[a:b].index(cell)
                    self._table_price(model.entity.name, value, currency, cached_input(direction or "unspecified", condition),
                                      condition, as_of, (row_start, row_end),
                                      (offset + amount.start("amount"), offset + amount.end("amount")), "price.table_transposed")
                    taken = True
                if taken:
                    self._table_rows.append((row_start, row_end))

    def _spaced_tables(self) -> None:
        """Price tables whose pipes were lost when a page was copied: a header line that names the
        directions in order ("<tier> 输入 (Input) 输出 (Output)", "<model> Input (USD / 1M tokens) Output
        (USD / 1M tokens) …"), then lines of a label and one amount with its currency symbol per
        direction ("<model> $A $B", "<tier> (< 200k) $A $B"). The label names the model, or
        a tier of the model the text before is about; the unit is in the header or the line above it."""
        norm = self.norm
        for header in _SPACED_HEADER.finditer(norm):
            line = header.group(0)
            cues = _spaced_directions(line)
            if len(cues) < 2:
                continue
            above = _line_before(norm, header.start())
            unit = TABLE_UNIT.search(line) or TABLE_UNIT.search(norm, above.start, above.end)
            if unit is None:
                continue
            as_of = self._table_date(header.start())
            position = header.end() + 1
            while position < len(norm):
                row = _SPACED_ROW.match(norm, position)
                if row is None:
                    break
                label = Span(row.start("label"), row.end("label"))
                named = [m for m in self._mentions_within(label) if m.entity.kind in ("model", "model_family")]
                entity = named[0] if named else self._model_above(header.start())
                amounts = list(_SPACED_AMOUNT.finditer(norm, row.start("amounts"), row.end("amounts")))
                if entity is not None and len(amounts) <= len(cues):
                    tier = None if named else condition_before(norm, label.start, label.end)
                    for amount, (direction, condition) in zip(amounts, cues):
                        currency_unit = currency_unit_from(amount.group("sym"), None) or _currency_after_unit(unit)
                        if currency_unit is None:
                            continue
                        value, currency = price_per_million_tokens(float(amount.group("amount")), currency_unit,
                                                                   token_count(unit.group("count")))
                        condition = condition or tier
                        self._table_price(entity.entity.name, value, currency, cached_input(direction, condition),
                                          condition, as_of, row.span(), amount.span("amount"), "price.table_spaced")
                    self._table_rows.append((row.start(), row.end()))
                position = row.end() + 1

    def _model_above(self, pos: int) -> Mention | None:
        """The model the text right above `pos` is about: the last one named in the 1,500 characters
        before it (its section's subject), else None."""
        floor = max(0, pos - 1500)
        models = [m for m in self.registered if floor <= m.start < pos and m.entity.kind == "model"]
        models += [m for m in self._mentions_within(Span(floor, pos)) if m.entity.kind == "model" and m.source != "registry"]
        return max(models, key=lambda m: m.start) if models else None

    def _table_date(self, table_start: int) -> DateMention:
        """The date a table's rows hold on when they name none: the last one stated in the 200
        characters before it, within the block of lines right above it (its intro, a list of notes),
        else the publish date. A date in an earlier paragraph is another statement's."""
        above = self.norm[:table_start].rstrip(" \t\n")
        block_start = above.rfind("\n\n") + 2 if "\n\n" in above else 0
        dates = [d for d in find_dates(self.norm, self.article.published_date, max(0, block_start, table_start - 200), table_start)
                 if d.role == "as_of"]
        heading = _last_match(_HEADING_LINE, self.norm, 0, block_start)
        if not dates and heading is not None:
            # "### <date>" … "- <model>分档计费：" + the table: the section's dated heading
            dates = [d for d in find_dates(self.norm, self.article.published_date, heading.start(), heading.end())
                     if d.role == "as_of"]
        return dates[-1] if dates else DateMention(0, 0, self.article.published_date, "day", "as_of")

    def _usage_tables(self) -> None:
        """Markdown tables of daily usage: a column whose header names daily token usage
        ("日均tokens调用量"), one row per platform or model (named in its first cell), dated by a
        date column ("数据时点", "截至") or the line before the table; a growth column ("增速",
        "同比") gives each row's growth ("较5月底+80%以上", "约为去年同期15倍", "环比+40%")."""
        norm = self.norm
        for table in self._markdown_tables:
            lines = table_lines(norm, table.start(), table.end())
            if len(lines) < 3:
                continue
            header = [norm[a:b] for a, b in table_cells(norm, *lines[0])]
            usage = [i for i, h in enumerate(header) if _DAILY.search(h) and _USAGE_NOUN.search(h)
                     and (_TOKEN_CUE.search(h) or _TOKEN_CUE.search(norm, max(0, table.start() - 200), table.start()))
                     and not _DISTRACTOR.search(h) and not _RATE.search(h)]
            if len(usage) != 1:
                continue
            column = usage[0]
            date_column = next((i for i, h in enumerate(header) if re.search(r"时点|日期|时间|截至|截止|月份|as of", h, re.I)), None)
            growth_column = next((i for i, h in enumerate(header) if re.search(r"增速|增长|增幅|同比|环比|倍数|growth", h, re.I)), None)
            fallback = self._table_date(table.start())
            # "| 12月日均Token调用量（万亿） |": the header dates its column
            header_date = [d for d in find_dates(header[column], self.article.published_date) if d.role == "as_of"]
            if header_date:
                fallback = replace(header_date[0], start=table.start(), end=table.start())
            # "日均Tokens使用量（万亿）": the cells are counted in the header's magnitude
            scale = _HEADER_MAGNITUDE.search(header[column])
            factor = find_quantities("1" + scale.group(1), 0, 1 + len(scale.group(1)))[0].value if scale else 1.0
            # a table of one platform over time ("| 时间 | 日均Tokens使用量 |") is about what its
            # caption or the line before it names
            caption = self._mentions_within(_line_before(norm, table.start())) if date_column == 0 else []
            for row_start, row_end in lines[2:]:
                cells = table_cells(norm, row_start, row_end)
                if len(cells) != len(header) or column == 0:
                    continue
                mentions = self._mentions_within(Span(*cells[0])) or caption
                if not mentions:
                    continue
                entity = mentions[0]
                row = _Sentence(norm=norm, span=Span(row_start, row_end), clauses=[Span(*c) for c in cells], dates=[],
                                mentions=mentions, carried_date=None, carried_entity=None,
                                published=self.article.published_date)
                as_of = fallback
                if date_column is not None:
                    dated = [d for d in find_dates(norm, self.article.published_date, *cells[date_column])]
                    as_of = dated[0] if dated else fallback
                a, b = cells[column]
                amounts = find_quantities(norm, a, b)
                if scale and len(amounts) == 1 and amounts[0].value < 1e5:
                    amounts = [replace(amounts[0], value=amounts[0].value * factor,
                                       low=amounts[0].low * factor if amounts[0].low else None,
                                       high=amounts[0].high * factor if amounts[0].high else None)]
                if len(amounts) == 1 and not amounts[0].percent and amounts[0].value >= MIN_TOKENS_PER_DAY * 1e4:
                    q = amounts[0]
                    bound = combine_bound(bound_around(norm, q.start, q.end, a, b), q.bound)
                    self.facts.append(self._usage_fact(row, entity, q, bound, as_of, "usage.table_cell"))
                    self._table_rows.append((row_start, row_end))
                if growth_column is not None:
                    self._growth_cell(row, entity, cells[growth_column], as_of, header[growth_column])

    def _tracker_tables(self) -> None:
        """A table whose caption names daily token usage and whose columns are values each followed
        by its date ("**表1 头部平台日均tokens调用量跟踪**" over "| 厂商 | 平台/模型 | 最新值 | 时点 |
        前值 | 时点 | 倍数 |"): each dated value is the row's platform's daily usage then, and a
        multiple column is the growth from the later value's date back to the earlier one's. Cells
        counted in 次 (calls) or marked as the author's own estimate (`*`) are not read."""
        norm = self.norm
        for table in self._markdown_tables:
            lines = table_lines(norm, table.start(), table.end())
            if len(lines) < 3 or any(a <= table.start() < b for a, b in self._table_rows):
                continue
            caption = _line_before(norm, table.start())
            words = norm[caption.start:caption.end]
            if not (_DAILY.search(words) and (_USAGE_NOUN.search(words) or _TOKEN_CUE.search(words))) \
                    or _DISTRACTOR.search(words) or _RATE.search(words):
                continue
            header = [norm[a:b] for a, b in table_cells(norm, *lines[0])]
            dated = [(i, i + 1) for i, h in enumerate(header[:-1])
                     if _TRACKER_VALUE.search(h) and _TRACKER_DATE.search(header[i + 1])]
            if not dated:
                continue
            names = [i for i, h in enumerate(header) if re.search(r"平台|模型|产品", h)]
            multiple_column = next((i for i, h in enumerate(header) if re.search(r"倍数|倍|multiple", h, re.I)), None)
            for row_start, row_end in lines[2:]:
                cells = table_cells(norm, row_start, row_end)
                if len(cells) != len(header):
                    continue
                mentions = next((found for i in names + list(range(len(cells)))
                                 if (found := self._mentions_within(Span(*cells[i])))), [])
                if not mentions or mentions[0].source == "company":
                    continue
                entity = mentions[0]
                row = _Sentence(norm=norm, span=Span(row_start, row_end), clauses=[Span(*c) for c in cells], dates=[],
                                mentions=mentions, carried_date=None, carried_entity=None,
                                published=self.article.published_date)
                levels = []
                for value, when in dated:
                    a, b = cells[value]
                    text = norm[a:b]
                    days = find_dates(norm, self.article.published_date, *cells[when])
                    amounts = find_quantities(norm, a, b)
                    if "次" in text or "*" in text or len(days) != 1 or len(amounts) != 1 or amounts[0].percent \
                            or amounts[0].value < MIN_TOKENS_PER_DAY * 1e4:
                        levels.append(None)
                        continue
                    q = amounts[0]
                    symbol = _TRACKER_BOUND.match(text)
                    bound = combine_bound(_TRACKER_BOUNDS[symbol.group(0).strip()] if symbol else None, q.bound)
                    self.facts.append(self._usage_fact(row, entity, q, bound, days[0], "usage.table_cell"))
                    levels.append(days[0])
                if multiple_column is not None and len(levels) >= 2 and levels[0] and levels[1]:
                    text = norm[cells[multiple_column][0]:cells[multiple_column][1]]
                    times = _TRACKER_MULTIPLE.fullmatch(text)
                    if times and float(times.group("times")) > 1:
                        start = cells[multiple_column][0]
                        self.facts.append(self._fact(
                            row, "growth_multiple", entity, metric="growth_multiple", value=float(times.group("times")),
                            unit=MULTIPLE_UNIT, bound="gt" if times.group("more") else "approx" if times.group("approx") else "eq",
                            as_of_date=levels[0].value, as_of_precision=levels[0].precision, subject="日均tokens调用量",
                            baseline_date=levels[1].value, baseline_precision=levels[1].precision,
                            number_start=start + times.start("times"), number_end=start + times.end("times"),
                            rule="growth.table_cell"))
                self._table_rows.append((row_start, row_end))

    def _growth_cell(self, row: _Sentence, entity: Mention, cell: tuple[int, int], as_of: DateMention,
                     header: str = "") -> None:
        norm = self.norm
        text = norm[cell[0]:cell[1]]
        m = _GROWTH_CELL.fullmatch(text)
        bare = _BARE_MULTIPLE.fullmatch(text) if re.search(r"倍数|倍", header) else None
        if not m and not bare:
            return
        if bare:
            # "| 较2024年5月倍数 |" over "| 33 |": the header says what the number is
            multiple, number = float(bare.group("times")), bare.span("times")
            bound = "gt" if bare.group("more") else g.BOUND_PREFIXES.get(bare.group("bound") or "", "eq")
            base = re.match(r"[ \t]*较([^倍]{1,12}?)(?:的)?倍", header)
            named = find_dates(base.group(1), as_of.value) if base else []
        else:
            if m.group("pct"):
                multiple, number = 1 + float(m.group("pct")) / 100, m.span("pct")
            else:
                multiple, number = float(m.group("times")), m.span("times")
            bound = "gt" if m.group("more") else g.BOUND_PREFIXES.get(m.group("bound") or "", "eq")
            named = find_dates(m.group("base"), as_of.value) if m.group("base") else []
        if multiple <= 1:
            return
        baseline = replace(named[0], role="baseline") if named \
            else _relative_baseline(norm, cell[0], cell[1], as_of, Span(*cell))  # 同比, 环比, 去年同期
        self.facts.append(self._fact(
            row, "growth_multiple", entity, metric="growth_multiple", value=round(multiple, 6), unit=MULTIPLE_UNIT,
            bound=bound, as_of_date=as_of.value, as_of_precision=as_of.precision, subject="日均tokens调用量",
            baseline_date=baseline.value if baseline else None,
            baseline_precision=baseline.precision if baseline else None,
            number_start=cell[0] + number[0], number_end=cell[0] + number[1], rule="growth.table_cell"))

    # -- shared helpers -----------------------------------------------------------------------

    def _fact(self, s: _Sentence, family: str, entity: Mention, **kwargs) -> Fact:
        self._last_mention = entity
        quote_span = s.span
        # a price belongs to the model as named; a usage or growth too when the model owns the
        # metric ("文心4.5系列模型的日均token消耗量" is 文心4.5's), else to its family or platform
        named = entity.entity
        if family != "price_point" and entity.base is not None and not _OWNS_METRIC.match(self.norm, entity.end):
            named = entity.base
        return Fact(
            article_id=self.article.article_id,
            family=family,
            entity=named.name,
            quote=self.body[quote_span.start : quote_span.end],
            char_start=quote_span.start,
            char_end=quote_span.end,
            **kwargs,
        )

    def _sentence(self, s: _Sentence) -> None:
        found = find_quantities(self.norm, s.span.start, s.span.end)
        blocked = [(d.start, d.end) for d in s.dates] + [(m.start, m.end) for m in s.mentions]
        prices = self._prices(s)
        blocked += prices
        blocked += self._respective_usage(s, [q for q in found if not _overlaps(q, blocked)])
        blocked += self._respective_growth(s, [q for q in found if not _overlaps(q, blocked)])
        usage_context: dict | None = None
        last_subject: str | None = None  # the usage noun a later clause may continue ("…，增长了3倍")
        quantities = [q for q in found if not _overlaps(q, blocked)]
        facts_before = len(self.facts)
        for clause in s.clauses:
            for q in (q for q in quantities if clause.start <= q.start < clause.end):
                last_subject = _subject_before(self.norm, clause.start, q.start, last_subject)
                last_subject, usage_context = self._quantity(s, q, clause, last_subject, usage_context)
                if last_subject is None and not q.percent and _TOKEN_UNIT.match(self.norm, q.end):
                    # a token amount, then a growth ("处理了N个token，同比增长M倍"): the tokens grew
                    last_subject = "tokens处理量"
            last_subject = _subject_before(self.norm, clause.start, clause.end, last_subject)
        self._baseline_levels(s, quantities, self.facts[facts_before:])
        self._doublings(s, last_subject)
        self._free(s)

    def _quantity(self, s: _Sentence, q: Quantity, clause: Span, last_subject: str | None,
                  usage_context: dict | None) -> tuple[str | None, dict | None]:
        """Try a quantity as a growth multiple, then as a daily usage; returns the updated
        (subject in force, usage context) for the clauses that follow."""
        growth = self._growth(s, q, clause, last_subject)
        if growth:
            if _is_daily_tokens(growth.subject):
                usage_context = {"entity_mention": self._last_mention}
            return growth.subject, usage_context
        if self._usage(s, q, clause, usage_context):
            usage_context = {"entity_mention": self._last_mention}
        return last_subject, usage_context

    def _respective_usage(self, s: _Sentence, quantities: list[Quantity]) -> list[tuple[int, int]]:
        """"豆包和通义千问的日均tokens调用量分别超过4万亿和1万亿": the entities listed before 分别
        and the amounts after it, paired in order when there are as many of each. Returns the
        spans of the amounts taken."""
        norm = self.norm
        cue = norm.find("分别", s.span.start, s.span.end)
        if cue < 0:
            return []
        before = [m for m in s.mentions if m.end <= cue]
        listed: list[Mention] = []
        for m in reversed(before):  # the list is the run of names joined by 、/和/及 nearest before the metric
            if listed and norm[m.end:listed[0].start].strip(" \t") not in ("、", "和", "与", "及", "以及", ","):
                break
            listed.insert(0, m)
        if len(listed) < 2:
            return []
        metric = norm[listed[-1].end:cue]
        if re.match(r"[ \t]*(?:、|和|与|及|以及)", metric):
            # the list goes on with a name the registry does not know ("豆包、千问和元宝"): the
            # amounts cannot be paired, and none of them is taken
            return [(q.start, q.end) for q in quantities if q.start > cue]
        last_clause = re.split(r"[，,]", metric)[-1].strip(" \t") if re.search(r"[，,]", metric) else ""
        if not (_DAILY.search(metric) and _TOKEN_CUE.search(metric) and _USAGE_NOUN.search(metric)) \
                or _DISTRACTOR.search(metric) or re.search(r"[。；;]", metric) or metric.count("，") + metric.count(",") > 1 \
                or last_clause not in ("", "已", "都", "均", "也", "目前", "已经"):
            return []
        amounts = [q for q in quantities if q.start > cue and not q.percent]
        values: list[Quantity] = []
        position = cue + 2
        for q in amounts:
            gap = norm[position:q.start].strip(" \t")
            if values and gap not in ("、", "和", "与", "及", ",", "，"):
                break
            if not values and not _ITEM_HEAD.fullmatch(norm, position, q.start):
                return []
            values.append(q)
            unit = _TOKEN_UNIT.match(norm, q.end)
            position = q.end + (unit.end() if unit else 0)
        if len(values) != len(listed) or any(q.value < MIN_TOKENS_PER_DAY for q in values):
            # as many amounts as names, or no telling which is whose: none is anyone's
            return [(q.start, q.end) for q in values]
        word = norm[cue + 2:values[0].start].strip(" \t")
        shared = g.BOUND_PREFIXES.get(word) if word else None
        for entity, q in zip(listed, values):
            self.facts.append(self._usage_fact(s, entity, q, combine_bound(shared or "eq", q.bound), s.as_of(q.start),
                                               "usage.respectively"))
        return [(q.start, q.end) for q in values]

    def _respective_growth(self, s: _Sentence, quantities: list[Quantity]) -> list[tuple[int, int]]:
        """"互联网、金融和制造业领域的日均Token消耗量同比分别增长约4倍、6倍和8倍": the segments
        listed before the metric, each with its multiple, all growths of the entity in force (the
        platform or country the article speaks of). Returns the spans of the multiples taken; when
        segments and multiples do not pair up, none is anyone's."""
        norm = self.norm
        cue = _RESPECTIVE_GROWTH.search(norm, s.span.start, s.span.end)
        if cue is None:
            return []
        values = [q for q in quantities if cue.end() <= q.start < s.span.end and not q.percent]
        run: list[Quantity] = []
        position = cue.end()
        for q in values:
            if norm[position:q.start].strip(" \t") not in (("",) if not run else ("、", "和", "与", "及", ",", "，")) \
                    or not _MULTIPLE_UNIT.match(norm, q.end):
                break
            run.append(q)
            position = _MULTIPLE_UNIT.match(norm, q.end).end()
        if len(run) < 2:
            return []
        clause = s.clause_of(cue.start())
        head = norm[s.span.start:cue.start()]
        noun = _last_usage_noun(norm, s.span.start, cue.start())
        listed = _last_match(_SEGMENT_LIST, head)
        if noun is None or _DISTRACTOR.search(head) or listed is None:
            return []
        segments = [x for x in re.split(r"[、和及与]", listed.group("items")) if x]
        named = [m for m in s.mentions if s.span.start + listed.start() <= m.start < cue.start()]
        entity = s.entity(cue.start())
        if named and len(named) == len(segments) == len(run) and all(m.source != "company" for m in named):
            owners = [(m, None) for m in named]  # "豆包和千问的调用量分别增长了8倍和6倍": each its own
        elif len(segments) != len(run) or entity is None or entity.source == "company" or named:
            return [(q.start, q.end) for q in run]
        else:
            owners = [(entity, segment) for segment in segments]
        as_of = s.as_of(cue.start())
        word = cue.group("bound")
        for (entity, segment), q in zip(owners, run):
            baseline = self._baseline(s, clause, cue.start(), as_of, entity)
            self.facts.append(self._fact(
                s, "growth_multiple", entity, metric="growth_multiple", value=q.value, unit=MULTIPLE_UNIT,
                bound=combine_bound(g.BOUND_PREFIXES.get(word, "eq") if word else None, q.bound),
                as_of_date=as_of.value, as_of_precision=as_of.precision, subject=squash(noun), segment=segment,
                baseline_date=baseline.value if baseline else None,
                baseline_precision=baseline.precision if baseline else None,
                number_start=q.start, number_end=q.end, rule="growth.respectively"))
        return [(q.start, q.end) for q in run]

    def _doublings(self, s: _Sentence, last_subject: str | None) -> None:
        """翻了一番 → ×2, 翻两番 → ×4, 翻倍 → ×2; then the multiple-first and tenths phrasings."""
        for m in _DOUBLING.finditer(self.norm, s.span.start, s.span.end):
            if m.group("double"):
                n = 1
            else:
                n = int(m.group("n")) if m.group("n").isdigit() else {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}[m.group("n")]
            self._growth_phrase(s, m, float(2 ** n), "eq", last_subject, "n" if m.group("n") else "double",
                                "growth.doubling")
        for m in _MULTIPLE_FIRST.finditer(self.norm, s.span.start, s.span.end):
            raw = m.group("n")
            value = float(raw) if raw[0].isdigit() else parse_chinese_integer(raw)
            if not value or value < 1:
                continue
            bound = "gt" if m.group("more") or m.group("more2") else g.BOUND_PREFIXES.get(m.group("bound") or "", "eq")
            self._growth_phrase(s, m, float(value), bound, last_subject, "n", "growth.multiple_first")
        for m in _PERCENT_FIRST.finditer(self.norm, s.span.start, s.span.end):
            bound = "gt" if m.group("more2") else g.BOUND_PREFIXES.get(m.group("bound") or "", "eq")
            self._growth_phrase(s, m, round(1 + float(m.group("n")) / 100, 6), bound, last_subject, "n",
                                "growth.percent_first")
        for m in _TENTHS.finditer(self.norm, s.span.start, s.span.end):
            raw = m.group("n")
            tenths = (int(raw) if raw.isdigit() else parse_chinese_integer(raw) or 0) + (0.5 if m.group("half") else 0)
            bound = g.BOUND_PREFIXES.get(m.group("bound") or "", "eq")
            self._growth_phrase(s, m, round(1 + tenths / 10, 4), bound, last_subject, "n", "growth.tenths")

    def _growth_phrase(self, s: _Sentence, m: re.Match, multiple: float, bound: str, last_subject: str | None,
                   number_group: str, rule: str = "growth.phrase") -> None:
        """A growth multiple read from a whole phrase (翻了一番, 417倍增长, 增长近三成)."""
        if any(f.family == "growth_multiple" and f.number_start is not None and m.start() <= f.number_start < m.end()
               for f in self.facts):
            return  # already read as "增长N倍"
        clause = s.clause_of(m.start())
        subject_text = _last_usage_noun(self.norm, clause.start, m.start())
        subject = squash(subject_text) if subject_text else last_subject
        entity = s.entity(m.start())
        if subject is None and self._last_usage is not None \
                and _COREFERENCE.search(self.norm, s.span.start, m.start()):
            # 这一指标 + growth phrase, in its clause or an earlier one of the sentence ("这一指标从
            # 发布至今实现了417倍增长，相比去年12月则是超10倍增长"): the last daily usage grew
            entity, subject = self._last_usage
        if subject is None or entity is None:
            return
        if subject_text is None and _DISTRACTOR.search(self.norm, clause.start, m.start()):
            return
        if _FORECAST.search(self.norm, clause.start, m.start()):
            return
        as_of, span_start = _growth_as_of(s, m.start())  # dated by its new value, as for 增长N倍
        if span_start is not None and s.baseline(m.start()) is None:
            baseline = span_start
        else:
            baseline = self._baseline(s, clause, m.start(), as_of, entity) or span_start
        as_of, baseline = _within_period(as_of, baseline)
        self.facts.append(self._fact(
            s, "growth_multiple", entity,
            metric="growth_multiple", value=multiple, unit=MULTIPLE_UNIT, bound=bound,
            as_of_date=as_of.value, as_of_precision=as_of.precision, subject=subject,
            segment=_segment(self.norm, s, clause, m.start()),
            baseline_date=baseline.value if baseline else None,
            baseline_precision=baseline.precision if baseline else None,
            number_start=m.start(number_group), number_end=m.end(number_group), rule=rule,
        ))

    # -- daily token usage ----------------------------------------------------------------------

    def _usage(self, s: _Sentence, q: Quantity, clause: Span, context: dict | None) -> Fact | None:
        norm = self.norm
        if q.percent or q.value <= 0:
            return None
        after = norm[q.end : clause.end + 1]
        unit_match = _TOKEN_UNIT.match(after)
        text = norm[clause.start : clause.end]
        head = norm[clause.start : q.start]
        if not unit_match and not _BARE_END.match(after) and not (
                _COUNTED_AS_TIMES.match(after) and _TOKEN_USAGE_NOUN.search(head)):
            # 次, 家, 个, 元, 倍 … or anything that is not a token amount; but "Tokens调用量…N次"
            # counts tokens (the token word names what is counted)
            return None
        if _RATE.search(text) or _FORECAST.search(head) or _QUOTA.search(text):
            return None  # a rate, a forecast, a quota given away
        if is_from_value(norm, clause.start, q.start, clause.end, q.end):
            return None
        ranged = _RANGE_HEAD.search(head)
        if _RANGE_TAIL.match(after) or (ranged and not re.search(r"[从由][^，,。；;]{0,12}$", head[:ranged.start()])):
            return None  # "在3万亿到5万亿tokens之间": a range is nobody's figure ("从A到B" is a change to B)
        inherited = False
        has_daily = bool(_DAILY.search(text))
        has_token = bool(unit_match) or bool(_TOKEN_CUE.search(head))
        has_noun = bool(_USAGE_NOUN.search(head)) or bool(unit_match)
        if has_daily and has_noun and not has_token and q.value >= 1e11 and any(
                m.entity.kind in ("model", "model_family", "platform") and clause.start <= m.start < q.start
                for m in s.mentions):
            # a model's (or platform's) daily usage in the hundreds of billions is tokens, even
            # unnamed: calls and users are counted in 次 and 人, far below that
            has_token = True
        elif has_daily and has_noun and not has_token and self._last_usage_end is not None \
                and 0 <= s.span.start - self._last_usage_end < 400 and "\n\n" not in norm[self._last_usage_end:s.span.start] \
                and any(m.entity.kind in ("model", "model_family", "platform", "vendor") and clause.start <= m.start < q.start
                        for m in s.mentions):
            # "<entity>的token日均调用量为N。<entity>日均调用量为M": the paragraph counts tokens,
            # said once before
            has_token = True
        coreferent = None
        if not (has_daily and has_token and has_noun):
            # no metric of its own: the figure may still continue one stated before
            if self._last_usage is not None and _COREFERENCE.search(head) and not _DISTRACTOR.search(text):
                coreferent = self._last_usage[0]  # 这一数字/该指标 + amount: the last daily usage
            elif _frame_item(norm, s, clause, q, usage_before=self._last_usage_end == s.span.end):
                context = {"entity_mention": None}  # an entity + amount item under the sentence's metric
                inherited = True
            elif context is None or unit_match or _DISTRACTOR.search(text):
                return None
            elif re.match(r"[ \t]*(?:从|由)?[^，,。]*?(?:到|至|达到|增至|升至|突破|超过|仅|才|只有)", head) \
                    or head.strip().startswith(("到", "至")):
                inherited = True  # "从X规模到Y规模" after a clause of the same sentence named the metric
            else:
                return None
        if any(n in head for n in ("月活", "日活", "用户", "参数", "上下文", "次数")):
            return None
        if _PERIOD_TOTAL.search(head) and not _DAILY.search(head):
            return None  # "一周下来超过N", "单月处理Tokens超过N": a total over a period (PERIOD_TOTAL_CUES), not a day
        if _INCREMENT.search(head):
            return None  # "日均就多出了约N tokens": by how much it grew, not how much it is
        if re.search(r"(?:第|前|后|top|Top|TOP)[ \t]*$", head) or q.value < MIN_TOKENS_PER_DAY:
            return None  # a rank ("位居全球前5"), not an amount
        unit_end = q.end + (unit_match.end() if unit_match else 0)
        word_bound = bound_around(norm, q.start, unit_end, clause.start, clause.end)
        if word_bound in (None, "eq") and unit_match:
            word_bound = bound_after(norm, q.end, unit_end) or word_bound  # "N万亿出头的token"
        bound = combine_bound(word_bound, q.bound)
        own = [m for m in s.mentions if clause.start <= m.start < q.start]
        if coreferent is None and not own and _SOMEONES.search(head):
            return None  # "我们的…每天消耗N tokens": someone's own application, not a named entity's total
        if coreferent is not None:
            entity = coreferent
        elif inherited and context.get("entity_mention") is not None:
            entity = context["entity_mention"]
        else:
            entity = s.entity(q.start)
        if entity is None:
            return None
        as_of = _date_of_amount(s, q) or s.as_of(q.start)
        then = self._then(s, clause, q.start, entity)
        if then is False:
            return None  # stated for a launch whose date nobody knows: it would be dated wrong
        if then is not None:
            as_of = then
        as_of = _shifted_back(norm, s, q.start, as_of)
        if as_of.precision in ("half", "quarter", "year") and (inherited or (
                as_of.precision != "year" and _REACHED.search(norm, max(clause.start, q.start - 8), q.start))):
            # "… H2 … grew to X", "在<year>上半年达到X": X holds at the end of the period
            as_of = as_of.period_end_month()
        fact = self._fact(
            s, "daily_token_usage", entity,
            metric="tokens_per_day", value=q.value, unit=TOKENS_PER_DAY, bound=bound,
            as_of_date=as_of.value, as_of_precision=as_of.precision,
            value_low=q.low, value_high=q.high, number_start=q.start, number_end=q.end,
            rule="usage.coreference" if coreferent is not None else "usage.list_item" if inherited and context.get(
                "entity_mention") is None else "usage.continued" if inherited else "usage.daily_tokens",
        )
        self.facts.append(fact)
        noun = _last_usage_noun(norm, clause.start, q.start)
        self._last_usage = (entity, squash(noun) if noun and _is_daily_tokens(squash(noun)) else "日均tokens使用量")
        self._last_usage_end = s.span.end
        return fact

    def _baseline_levels(self, s: _Sentence, quantities: list[Quantity], new_facts: list[Fact]) -> None:
        """The level a daily usage grew from, when the sentence dates it: "突破Y，较<date>的X增长N%",
        "从<date>的X，增长到Y", "和<date>首次发布时的日均X相比". X is the same entity's daily usage at
        that date. Undated, it is left out: the sentence's own date is the new level's."""
        usage = [f for f in new_facts if f.family == "daily_token_usage"]
        if len(usage) != 1 or self._last_mention is None:
            return
        fact, norm = usage[0], self.norm
        owner = next((m for m in s.mentions if (m.base or m.entity).name == fact.entity), None) or self._last_mention
        if (owner.base or owner.entity).name != fact.entity:
            return
        taken = {f.number_start for f in self.facts}
        for q in quantities:
            if q.start in taken or q.percent or q.value < MIN_TOKENS_PER_DAY or q.start == fact.number_start:
                continue
            clause = s.clause_of(q.start)
            head = _BASELINE_LEVEL_HEAD.search(norm, max(s.span.start, clause.start - 1, q.start - 36), q.start)
            if head is None:
                continue
            tail = _BASELINE_LEVEL_TAIL[head.group("cue")].match(norm, q.end, s.span.end)
            dated = [d for d in s.dates if head.end("cue") <= d.start and d.end <= q.start and d.text not in g.NOW_WORDS]
            if not dated and head.group("cue") in ("从", "由") and (start := s.range_start(head.start())):
                dated = [start]  # "<year>至<month>，…从X激增至Y": X holds at the span's start
            if tail is None or not dated or _TOKEN_UNIT.match(norm, q.end) is None and not re.match(
                    r"[ \t]*(?:规模|级别|水平)?[ \t]*(?:相比|[，,]|增|提|上|翻|激|跃|暴|狂|到|至)", norm[q.end:q.end + 6]):
                continue
            date_mention = dated[-1]
            if not re.search(r"\d{4}|[今去前明]年", date_mention.text):
                # "截至2025年9月底…较5月底的…": a year-less date is in the new level's year, or before it
                year = fact.as_of_date.year - (date_mention.value.replace(year=2000) > fact.as_of_date.replace(year=2000, day=1))
                date_mention = replace(date_mention, value=date_mention.value.replace(year=year))
            word_bound = bound_before(norm, q.start, head.end("cue"))
            self.facts.append(self._fact(
                s, "daily_token_usage", owner, metric="tokens_per_day", value=q.value, unit=TOKENS_PER_DAY,
                bound=combine_bound(word_bound[0] if word_bound else None, q.bound),
                as_of_date=date_mention.value, as_of_precision=date_mention.precision,
                value_low=q.low, value_high=q.high, number_start=q.start, number_end=q.end, rule="usage.baseline_level"))
            self._last_mention = owner

    def _usage_fact(self, s: _Sentence, entity: Mention, q: Quantity, bound: str, as_of: DateMention, rule: str) -> Fact:
        return self._fact(s, "daily_token_usage", entity, metric="tokens_per_day", value=q.value, unit=TOKENS_PER_DAY,
                          bound=bound, as_of_date=as_of.value, as_of_precision=as_of.precision,
                          value_low=q.low, value_high=q.high, number_start=q.start, number_end=q.end, rule=rule)

    def _then(self, s: _Sentence, clause: Span, pos: int, entity: Mention) -> DateMention | None | bool:
        """The moment a usage figure is stated for, when its sentence names one other than the
        as-of: "当时的日均调用量" is dated by the date named before it, whatever its role ("以2024年
        5月15日…为起点，当时…"); a figure "发布时" by the launch date. None when the figure's own
        date holds; False when it is the launch's and the launch date is unknown."""
        norm = self.norm
        then = "当时" in norm[clause.start:pos]
        launch = _LAUNCH_MOMENT.search(norm, s.span.start, pos)
        if not (then or launch):
            return None
        if any(d.role == "as_of" and d.text not in g.NOW_WORDS and clause.start <= d.start < pos for d in s.dates):
            return None  # "发布时…，截至9月…": the clause's own date
        earlier = [d for d in s.dates if d.start < pos and d.text not in g.NOW_WORDS]
        if earlier:
            return replace(earlier[-1], role="as_of")
        if launch is None:
            return None  # 当时 refers to the time of an earlier sentence, which it carries
        if entity.entity.launched:
            return DateMention(launch.start(), launch.end(), entity.entity.launched, "day", "as_of", launch.group(0))
        return False

    # -- growth multiples -----------------------------------------------------------------------

    def _growth(self, s: _Sentence, q: Quantity, clause: Span, last_subject: str | None) -> Fact | None:
        norm = self.norm
        after = norm[q.end : clause.end + 1]
        is_multiple = bool(_MULTIPLE_UNIT.match(after)) and not q.percent
        if not (is_multiple or q.percent):
            return None
        if q.value <= 0 or q.vague:
            return None  # "增长了数倍" names no multiple
        head = norm[clause.start : q.start]
        text = norm[clause.start : clause.end]
        if _COMPARISON.search(text) or _FORECAST.search(head) or _EFFICIENCY.search(head):
            return None
        verb_pos, word_bound, times_of = _growth_verb(head, clause.start)
        if verb_pos is None:
            return None
        if is_multiple and re.match(r"[ \t]*倍[ \t]*多", after):
            word_bound = "gt"  # "增长了5倍多"
        if q.percent and (times_of or re.search(r"率|占比|份额", norm[clause.start:verb_pos + 2])):
            return None
        if times_of is not None:
            # "是去年同期的5倍": only a comparison with an earlier time is growth
            what = times_of
            if not (find_dates(what, s.published) or "同期" in what or _AGO.search(what)
                    or _LAUNCH.search(what)):
                return None
        subject_text = _last_usage_noun(norm, clause.start, verb_pos)
        subject = squash(subject_text) if subject_text else last_subject
        coreferent = None
        if subject_text is None and self._last_usage is not None and _COREFERENCE.search(norm, clause.start, verb_pos):
            coreferent, subject = self._last_usage  # 这一数字 + growth: the last daily usage grew
        elif subject is None and self._last_usage is not None and self._last_usage_end is not None \
                and norm[self._last_usage_end:s.span.start].strip(" \t\n") == "" \
                and "\n\n" not in norm[self._last_usage_end:s.span.start] \
                and (_ONLY_DURATION.fullmatch(norm, s.span.start, verb_pos)
                     or _ONLY_BASELINE.fullmatch(norm, s.span.start, verb_pos)):
            # "…这一数字已突破N。一年半时间，增长超过M倍。": a sentence of only a span of
            # time and a growth continues the daily usage stated just before it
            coreferent, subject = self._last_usage
        elif subject is None and self._last_usage is not None and self._last_usage_end == s.span.end \
                and not any(clause.start <= m.start < verb_pos for m in s.mentions):
            # "…的数字是N，较发布时增长M倍": a growth with no metric of its own after a daily
            # usage stated earlier in the sentence is that usage's growth
            coreferent, subject = self._last_usage
        if subject is None:
            return None
        if subject_text is None and _DISTRACTOR.search(norm, clause.start, verb_pos):
            return None
        multiple = q.value if is_multiple else 1 + q.value / 100
        if is_multiple and q.value == 1 and times_of is None:
            multiple = 2.0  # "增长了一倍", "翻了一倍" mean doubled; 增长N倍 → N holds from two on
        if multiple <= 1:
            return None  # a growth to ×1 or less is no growth: a misread, never a fact
        low = q.low if is_multiple else None
        high = q.high if is_multiple else None
        bound = combine_bound(word_bound, q.bound)
        entity = coreferent or s.entity(verb_pos)
        if coreferent is None and self._last_usage is not None and self._last_usage_end == s.span.end \
                and not any(clause.start <= m.start < verb_pos for m in s.mentions) \
                and (entity is None or entity.start < self._last_usage[0].start or entity.source == "company"):
            # "<company>的高管披露，<platform>日均tokens消耗量突破N，较年初增长M倍": the
            # growth of the figure just stated in this sentence is that figure's owner's
            entity = self._last_usage[0]
        if entity is None:
            return None
        as_of, span_start = _growth_as_of(s, verb_pos)
        if span_start is None and not as_of.text:
            as_of = _shifted_back(norm, s, verb_pos, as_of)  # "N个月前，<source>披露，…增长超M倍"
        # for "是去年12月的3倍" the baseline sits between the verb and the number
        baseline_pos = q.start if times_of is not None else verb_pos
        if span_start is not None and s.baseline(baseline_pos) is None:
            baseline = span_start  # where the growth started, named: before any duration ("一年半时间")
        else:
            baseline = self._baseline(s, clause, baseline_pos, as_of, entity) or span_start
        if baseline is not None and baseline.value >= as_of.value and not re.search(r"\d{4}|[今去前明]年", baseline.text):
            # "是上半年的5倍" said of 2024H2: a year-less baseline is in the as-of date's year or before
            baseline = replace(baseline, value=baseline.value.replace(year=baseline.value.year - 1))
        as_of, baseline = _within_period(as_of, baseline)
        segment = _segment(norm, s, clause, verb_pos)
        fact = self._fact(
            s, "growth_multiple", entity,
            metric="growth_multiple", value=multiple, unit=MULTIPLE_UNIT, bound=bound,
            as_of_date=as_of.value, as_of_precision=as_of.precision,
            value_low=low, value_high=high, subject=subject, segment=segment,
            baseline_date=baseline.value if baseline else None,
            baseline_precision=baseline.precision if baseline else None,
            number_start=q.start, number_end=q.end,
            rule="growth.coreference" if coreferent is not None else "growth.times_of" if times_of is not None
            else "growth.verb_multiple" if is_multiple else "growth.verb_percent",
        )
        self.facts.append(fact)
        return fact

    def _baseline(self, s: _Sentence, clause: Span, pos: int, as_of: DateMention, entity: Mention) -> DateMention | None:
        """What a growth at `pos` is measured against. The clause's own words win over words
        earlier in the sentence: "是去年12月的3倍，较发布初期增长了106倍" has two baselines."""
        for floor in (clause.start, s.span.start):
            explicit = s.baseline(pos)
            if explicit is not None and explicit.start >= floor:
                return explicit
            window = self.norm[floor:pos]
            launch = self._launch_baseline(window, pos, entity)
            if launch:
                return launch
            relative = _relative_baseline(self.norm, floor, pos, as_of, clause)
            if relative:
                return relative
        return None

    @staticmethod
    def _launch_baseline(window: str, pos: int, entity: Mention) -> DateMention | None:
        if entity.entity.launched and _LAUNCH.search(window):
            return DateMention(pos, pos, entity.entity.launched, "day", "baseline")
        return None

    # -- price points ---------------------------------------------------------------------------

    def _prices(self, s: _Sentence) -> list[tuple[int, int]]:
        """Price points of a sentence; returns the spans they cover (no other fact reads them)."""
        norm = self.norm
        if not _PRICE_CUE.search(norm, s.span.start, s.span.end):
            return []
        mentions = price_mentions(norm, s.span)
        for p in [p for p in mentions if not p.continued]:
            floor = clause_start(norm, p.start, s.span.start) if "分别" not in norm[s.span.start:p.start] else s.span.start
            for before in amounts_before(norm, floor, p):
                if not any(q.amount_start < before.amount_end and before.amount_start < q.amount_end for q in mentions):
                    mentions.append(before)
        # an amount spent is what something cost, not a price: "<time>就烧掉了$N"
        mentions = [p for p in mentions if not SPENT.search(norm, max(s.span.start, p.amount_start - 10), p.amount_start)]
        mentions.sort(key=lambda p: p.start)
        last = self._last_denominator
        carried = last[1] if last is not None and "\n\n" not in norm[last[0]:s.span.start] else None
        # amounts shared out over models named before ("三款模型的…分别为A、B和C") refer back
        # across a blank line, not across a heading
        referred = last[1] if last is not None and "\n#" not in norm[last[0]:s.span.start] else None
        taken = [(p.amount_start, p.amount_end) for p in mentions]
        for extra in directed_prices(norm, s.span, carried or 0.0):
            if any(a < extra.amount_end and extra.amount_start < b for a, b in taken):
                continue
            prior = [p for p in mentions if p.start < extra.start and not p.continued]
            shared = shared_denominator(norm, extra.end, s.span.end)
            named = _DENOMINATOR_NAMED.search(norm, s.span.start, extra.start) if not prior else None
            if prior:
                extra.per_tokens = prior[-1].per_tokens  # the sentence's own denominator, stated before
            elif named is not None:
                # "…用了“每百万tokens”：<model>输入A、输出B": the unit named on its own
                extra.per_tokens = token_count(named.group("count"))
            elif shared is not None:
                extra.per_tokens = shared  # "…，均按每百万tokens计": stated once, after the amounts
            elif extra.respective and referred is not None:
                extra.per_tokens = referred
            elif carried is None:
                stated = _unit_statement(norm, s.span.start)
                if stated is not None and stated[0] == extra.currency_unit:
                    # "定价如下（单位：<currency>/每百万token）…- <model>：输入A、输出B": the article
                    # stated its unit once, and these amounts are in its currency
                    extra.per_tokens = stated[1]
                elif stated is None and not extra.respective and self._document_denominator is not None \
                        and not _NOT_PER_TOKEN.search(norm, s.span.start, s.span.end):
                    # "…价格恢复为输入A元、输出B元": every price the article states is per the same
                    # count of tokens, so are the directed amounts it leaves without one
                    extra.per_tokens = self._document_denominator
                else:
                    continue
            mentions.append(extra)
            taken.append((extra.amount_start, extra.amount_end))
        mentions.sort(key=lambda p: p.start)
        if mentions:
            self._last_denominator = (s.span.end, mentions[-1].per_tokens)
        list_direction = self._list_direction if is_list_item(self.body, s.span.start) else None
        floor = s.span.start
        previous_direction = None
        for p in mentions:
            if p.respective and p.direction is None:
                continue  # its direction comes from the list of prices before it (below)
            trailing = _TRAILING_DIRECTION.match(norm, p.end, s.span.end)
            if p.direction is None and trailing:
                # "$0.4/M 输入、$1.6/M 输出": the direction written right after its price
                p.direction = g.DIRECTION_CUES[trailing.group(1).lower()]
                p.end = trailing.end()
            if p.condition is None and not p.continued:
                p.condition = condition_before(norm, floor, p.start)
            cache = p.condition in ("cache_hit", "cache_miss", "cache_write")
            if p.direction is None and _BOTH_DIRECTIONS.match(norm, p.end):
                p.direction = "unspecified"  # "<amount>/百万tokens（输入输出统一计价）": one price for both
            if p.direction is None:
                # "输入：32K以内，每百万tokens 1元；32K-128K，每百万tokens 2元": a direction holds
                # for the prices after it in the sentence until another one is named
                # a cache price is on input, unless a list intro names its direction: "…输出A，以及缓存
                # 写入每百万token B" is not an output price
                p.direction = nearest_direction(norm, floor, p.start) or direction_after(norm, p.end) \
                    or (list_direction or "input" if cache else None) or previous_direction or list_direction
            p.direction = cached_input(p.direction or "unspecified", p.condition)
            previous_direction = p.direction if p.direction != "unspecified" else previous_direction
            floor = p.end + len(paren_after(norm, p.end))
        pending = [p for p in mentions if p.respective and p.direction is None]
        if pending:
            # "输入A美元、输出B美元；人民币计价分别为C元和D元": the same directions, in order
            prior = [p for p in mentions if not p.respective and p.end <= pending[0].start]
            same_list = len(prior) == len(pending) and len({q.direction for q in prior}) == len(prior)
            earlier = self._previous_prices(s, pending) if not prior else None
            for i, p in enumerate(pending):
                if earlier:
                    # "- 输入（缓存命中）：A元…- 输出：C元…。<other currency>…N项分别是…": the prices
                    # just listed, restated in the other currency, in order
                    p.direction, p.condition = earlier[i].direction, earlier[i].condition
                    continue
                p.direction = prior[i].direction if same_list else cached_input("unspecified", p.condition)
        assign_respectively(norm, s.span.start, mentions)
        shared_out = self._models_of_each(s, mentions)
        for p in mentions:
            if id(p) in shared_out:
                # "<model>和<model>的…价格分别为A和B" / "…均降为A": the listed models own the amounts
                for model in shared_out[id(p)]:
                    self._price_fact(s, p, model)
                continue
            entity = s.entity(p.start, prefer_models=True)
            model = self._paragraph_model
            if any(m.entity.kind == "model" and m.start < p.start for m in s.mentions):
                model = None  # the sentence names its own model first
            if entity is not None and model is not None and (
                    entity.entity.kind not in ("model", "model_family")
                    or (model.entity.kind == "model" and entity.entity.kind == "model_family" and _of_family(model, entity))):
                # a price the sentence states of a platform, a vendor or a family belongs to the
                # model its paragraph (or list intro) is about: "<vendor>发布<model>。…<vendor>开放平台
                # 的定价为…" is the model's price
                entity = model
            if entity is not None and entity.start < s.span.start and entity.entity.kind not in ("model", "model_family"):
                # the sentence names no one and the one it falls back on is a vendor: in a Q&A the
                # question names the model ("<vendor>发布了<model>…"), the answer prices it; the
                # model named last before it, across blank lines
                recent = self._model_before(*self._position, across_paragraphs=True)
                if recent is not None and recent.entity.kind == "model":
                    entity = recent
            if entity is None:
                continue
            self._price_fact(s, p, entity)
        return [(p.start, p.end) for p in mentions] + [span for p in mentions for span in p.extra_spans]

    @cached_property
    def _document_denominator(self) -> float | None:
        """The one count of tokens every price denominator of the article names, if there is one
        (found once per article, the first time a directed amount needs it)."""
        counts = {token_count(m.group("count")) for m in _ANY_DENOMINATOR.finditer(self.norm)}
        return counts.pop() if len(counts) == 1 else None

    def _previous_prices(self, s: _Sentence, pending: list[PriceMention]) -> list[Fact] | None:
        """The prices stated just before this sentence (the last facts read, all prices of one model,
        within a few lines and no heading), when as many as `pending` and in the other currency."""
        recent = self.facts[-len(pending):] if len(self.facts) >= len(pending) else []
        if not recent or any(f.family != "price_point" for f in recent) or len({f.entity for f in recent}) != 1 \
                or len({(f.direction, f.condition) for f in recent}) != len(recent):
            return None
        currencies = {price_per_million_tokens(p.amount, p.currency_unit, 1.0)[1] for p in pending}
        if currencies & {f.currency for f in recent} or s.span.start - recent[-1].char_end > 300 \
                or "\n#" in self.norm[recent[-1].char_end:s.span.start]:
            return None
        return recent

    def _price_fact(self, s: _Sentence, p: PriceMention, entity: Mention) -> None:
        value, currency = price_per_million_tokens(p.amount, p.currency_unit, p.per_tokens)
        as_of = self._price_date(s, p.start)
        self.facts.append(self._fact(
            s, "price_point", entity,
            metric="price_per_million_tokens", value=value, unit=PRICE_UNIT[currency], bound=p.bound,
            as_of_date=as_of.value, as_of_precision=as_of.precision,
            currency=currency, direction=p.direction, condition=p.condition,
            number_start=p.amount_start, number_end=p.amount_end, rule="price.sentence",
        ))

    def _models_of_each(self, s: _Sentence, mentions: list[PriceMention]) -> dict[int, list[Mention]]:
        """Prices that a list of models shares out. After 分别, the n-th amount is the n-th model's
        ("<m1>和<m2>的<direction>价格分别为A和B"; "N款模型的<direction>价格分别为A、B和C" with the
        N named in the sentences before); after 均/都, one amount is each model's ("<m1>和<m2>的
        <direction>均降为A"). Only when the amounts do not share out directions instead ("<m1>和<m2>
        的输入、输出价格分别为…" gives each model every direction) and the counts agree."""
        norm, owners = self.norm, {}
        cues = [m.start() for m in re.finditer("分别", norm[s.span.start:s.span.end])]
        for i, cue in enumerate(c + s.span.start for c in cues):
            end = cues[i + 1] + s.span.start if i + 1 < len(cues) else s.span.end
            group = [p for p in mentions if cue < p.amount_start < end]
            models = self._models_listed_before(s, cue)
            if len(group) < 2 or len(models) < 2:
                continue
            directions = _DIRECTION_WORD.findall(norm, max(models[-1].end, clause_start(norm, cue, s.span.start)), cue)
            if len(set(directions)) >= 2:
                # the directions are what is shared out, and each model has them all: "<m1>和<m2>的
                # 输入、输出价格分别为A和B"
                if len(directions) == len(group):
                    for p in group:
                        owners[id(p)] = models
                continue
            if len(models) != len(group) or len({p.direction for p in group}) != 1:
                continue
            for p, model in zip(group, models):
                owners[id(p)] = [model]
        for p in mentions:
            if id(p) in owners:
                continue
            floor = clause_start(norm, p.start, s.span.start)
            if _EACH.search(norm[floor:p.start]) or _EACH.search(norm[p.start:p.amount_start].rstrip(" \t$¥￥")):
                models = self._models_listed_before(s, p.start, counted=False)
                if models:
                    owners[id(p)] = models
        return owners

    def _models_listed_before(self, s: _Sentence, pos: int, counted: bool = True) -> list[Mention]:
        """The models of the last list before `pos` in the sentence ("<m1>和<m2>", "<m1>、<m2>、<m3>三档模型"),
        or, when the sentence counts them without naming them ("三款模型的…"), the last that many
        distinct models named in the sentences before it."""
        models = [m for m in s.mentions if m.end <= pos and m.entity.kind in ("model", "model_family")]
        run: list[Mention] = []
        for m in reversed(models):
            if run and not _LIST_JOINER.fullmatch(self.norm, m.end, run[0].start):
                break
            run.insert(0, m)
        if len(run) >= 2 and len({m.entity.name for m in run}) == len(run):
            return run
        counted_list = _COUNTED_MODELS.search(self.norm, clause_start(self.norm, pos, s.span.start), pos) if counted else None
        if counted_list is None or models:
            return []
        wanted = g.CHINESE_DIGITS.get(counted_list.group("n")) or int(counted_list.group("n"))
        spans, index = self._position
        named: list[Mention] = []
        for earlier in range(index - 1, max(-1, index - 6), -1):
            for m in reversed(self._mentions(spans[earlier])):
                if m.entity.kind == "model" and m.entity.name not in {n.entity.name for n in named}:
                    named.insert(0, m)
            if self.norm.startswith("#", spans[earlier].start) or len(named) >= wanted:
                break
        return named[-wanted:] if len(named) >= wanted else []

    def _price_date(self, s: _Sentence, pos: int) -> DateMention:
        """A price's date. A date carried from the sentence before that is the period of a usage or
        growth figure there ("截至<month>，<entity>日均…<amount>。<model>的输入价格为…") dates that
        statistic, not the price: the price then holds at the article's date."""
        as_of = _shifted_back(self.norm, s, pos, s.as_of(pos))
        if as_of.start < s.span.start and as_of.text and any(
                f.family != "price_point" and f.char_start <= as_of.start < f.char_end and f.as_of_date == as_of.value
                for f in self.facts):
            # (the article's date, or its section's: a dated head over the paragraph)
            return self._dated_head(s.span.start) or DateMention(pos, pos, s.published, "day", "as_of", "")
        return as_of

    def _free(self, s: _Sentence) -> None:
        cues = list(FREE.finditer(self.norm, s.span.start, s.span.end))
        for bare in _BARE_FREE.finditer(self.norm, s.span.start, s.span.end):
            # "<model>、<model>免费；": a bare 免费 right after the models, ending the clause
            named = [x for x in s.mentions if x.end <= bare.start() and x.entity.kind == "model"]
            if named and not any(c.start() <= bare.start() < c.end() for c in cues) \
                    and _FREE_GAP.fullmatch(self.norm, named[-1].end, bare.start()):
                cues.append(bare)
        if cues and _CONSUMER.search(self.norm, s.span.start, s.span.end) and not _DEVELOPER.search(self.norm, s.span.start, s.span.end):
            return  # "<app>全面免费，所有用户均可体验": the app is free for its users, not an API price
        for m in sorted(cues, key=lambda c: c.start()):
            clause = s.clause_of(m.start())
            if clause.start > s.span.start and self.norm[clause.start - 1] in "“「\"":
                # a cue in quotes ("开启“零元购”模式"): the clause is the one the quote stands in
                start = max(self.norm.rfind(c, s.span.start, clause.start) for c in "，,；;：:") + 1
                clause = Span(max(start, s.span.start), clause.end)
            # the model must be what is free: "GLM-4-Air即日起限时免费", not "智谱的策略是限时免费"
            named = [x for x in s.mentions if clause.start <= x.start < m.start()
                     and x.entity.kind in ("model", "model_family")
                     and not re.search("策略|思路|方式|做法|打法|路线|模式", self.norm[x.end : m.start()])]
            if not named:
                # "<model>，我们会继续免费提供给开发者": a clause that is only the model's name
                earlier = [c for c in s.clauses if c.end <= clause.start]
                named = [x for x in s.mentions if earlier and earlier[-1].start <= x.start < earlier[-1].end
                         and x.entity.kind in ("model", "model_family")]
                if not earlier or not named or not _ONLY_MODELS.fullmatch(
                        self.norm, named[-1].end, earlier[-1].end) or not _VENDOR_OF.fullmatch(
                        self.norm, earlier[-1].start, named[0].start):
                    continue
            specific = [x for x in named if x.entity.kind == "model"]
            named = specific or named  # "文心大模型两大主力模型ERNIE Speed、ERNIE Lite全面免费"
            as_of = self._price_date(s, m.start())
            for mention in named:
                self.facts.append(self._fact(
                    s, "price_point", mention,
                    metric="price_per_million_tokens", value=0.0, unit=PRICE_UNIT["CNY"], bound="eq",
                    as_of_date=as_of.value, as_of_precision=as_of.precision,
                    currency="CNY", direction="unspecified", condition=None,
                    number_start=m.start(), number_end=m.end(), rule="price.free",
                ))


# --- Small pure helpers --------------------------------------------------------------------------


_CONSUMER = _words(g.CONSUMER_CUES)
_DEVELOPER = re.compile(_words(g.DEVELOPER_CUES).pattern, re.IGNORECASE)
# after the names in a clause that is only the models: "<m1>和<m2>两款轻量模型，…全面免费"
_ONLY_MODELS = re.compile(r"[ \t]*(?:等)?[ \t]*(?:[两二三四五六七八九2-9][ \t]*(?:款|个|种))?(?:[\u4e00-\u9fff]{0,4}?(?:模型|版本))?[ \t]*")
# before the names in such a clause, at most their vendor: "<vendor>的<m1>和<m2>…"
_VENDOR_OF = re.compile(r"[ \t]*(?:[^，,。；;\s]{1,6}的)?[ \t]*")
_BARE_FREE = re.compile(r"免费了?(?=[ \t]*(?:[；;，,。！!\n]|$))")
# what may stand between the models and a bare 免费: "<model>：免费", "<model> API调用免费", "均为免费"
_FREE_GAP = re.compile(r"[ \t]*(?:[：:][ \t]*)?(?:的[ \t]*)?(?:API|api|接口)?[ \t]*(?:调用|服务)?[ \t]*"
                       r"(?:均为|均|都|也|全部|继续|全面|直接|已经|已)?[ \t]*")

# "同日，腾讯云也宣布…即日起全面免费": the day of the sentence before, 即日 included;
# "4天后，火山引擎宣布…": that many days after it
_SAME_DAY = re.compile(r"同日|同一天|同一日|当天|当日")
_DAYS_AFTER = re.compile(r"(?P<n>\d{1,2}|[一两二三四五六七八九十]+)[ \t]*天(?:之)?后")


# models listed one after another: "<m1>和<m2>", "<m1>、<m2>、<m3>"
_LIST_JOINER = re.compile(r"[ \t]*(?:、|和|与|及|以及|跟|,|，)[ \t]*")
# one amount for each of the models before it: "均降为A", "都是每百万tokens A"
_EACH = re.compile(r"(?:均|都|皆|一律)[ \t]*(?:降为|降至|下调至|调整为|定为|为|是|只要|仅为|仅需)?[ \t]*$")
# a list counted, not named: "三款模型", "两个版本"
_COUNTED_MODELS = re.compile(r"(?P<n>[两二三四五2-5])[ \t]*(?:款|个|种|档)[ \t]*(?:模型|版本|型号)")
_DIRECTION_WORD = re.compile(r"输入|输出|input|output", re.IGNORECASE)


# a denominator named on its own before a colon or in quotes, for the amounts after it
_DENOMINATOR_NAMED = re.compile(r"[“\"「]?[ \t]*每[ \t]*(?P<count>百万|一百万|千|一千|1M|1K|M|K)[ \t]*(?:个[ \t]*)?" + _TOKEN_WORD + r"[ \t]*[”\"」]?[ \t]*(?:计价|计费|为单位|的单位)?[ \t]*[：:]", re.IGNORECASE)
# the currency written after a table's denominator: "（每百万tokens，<currency>）"
_CURRENCY_AFTER_UNIT = re.compile(r"[ \t]*[，,、/ ][ \t]*(?P<cur>美元|人民币|元|USD|CNY|RMB)", re.IGNORECASE)


def _currency_after_unit(unit: re.Match) -> str | None:
    after = _CURRENCY_AFTER_UNIT.match(unit.string, unit.end())
    return currency_unit_from(None, after.group("cur")) if after else None


def _relative_to_carried(norm: str, span: Span, dates: list[DateMention],
                         carried: DateMention) -> tuple[list[DateMention], DateMention]:
    """A sentence dated relative to the one before it: its now-words and its fallback date become
    the day the sentence before named (同日), or that day plus N days (N天后)."""
    head = norm[span.start:min(span.end, span.start + 12)]
    same = _SAME_DAY.search(head)
    after = _DAYS_AFTER.match(norm, span.start, span.end)
    if not (same or after) or carried.precision != "day":
        return dates, carried
    if after:
        raw = after.group("n")
        days = int(raw) if raw.isdigit() else parse_chinese_integer(raw) or 0
        carried = DateMention(after.start(), after.end(), carried.value + timedelta(days=days), "day", "as_of", after.group(0))
    return [d for d in dates if d.text not in g.NOW_WORDS], carried


def _opens_clause_with_until(norm: str, floor: int, date_mention: DateMention) -> bool:
    """"…；到2025年6月，这一数字…": 到 + a date opening a clause moves the time on."""
    start = max(floor, max(norm.rfind(c, 0, date_mention.start) for c in "，,；;。：:\n") + 1)
    return norm[start:date_mention.start].strip(" \t") in ("到", "至", "直到", "而到", "到了", "而到了")


def _of_family(model: Mention, family: Mention) -> bool:
    """Whether a model mention is a model of the family (or vendor) another mention names."""
    if model.base is not None and model.base == family.entity:
        return True
    if model.entity.vendor:
        return model.entity.vendor == family.entity.vendor
    return model.entity.name.lower().startswith(family.entity.name.lower())  # an unregistered id: GLM-4.6 of GLM


# a year earlier: 同比, 去年同期, and the Taiwanese and Hong Kong press's 年增/按年 ("年增逾N倍")
_YEAR_ON_YEAR = re.compile(r"同比|去年同期|上年同期|上一年同期|年增|按年|年比")


def _shifted_back(norm: str, s: _Sentence, pos: int, as_of: DateMention) -> DateMention:
    """"N年前/N个月前，…": a figure that long before the time the sentence speaks of (unless a date
    or a word of now stands between: "两年前是X，如今是Y")."""
    ago = _last_match(_AGO, norm, s.span.start, pos)
    if ago is not None and re.search(r"(?:较|比|相比于?|相较于?|与|和|跟)[ \t]*$", norm[max(0, ago.start() - 4):ago.start()]):
        return as_of  # "较N年前增长M倍": what it grew from, not when
    if ago is None or any(d.role == "as_of" and ago.end() <= d.start < pos for d in s.dates) \
            or _NOW_AGAIN.search(norm, ago.end(), pos) or not (as_of.end <= ago.start() or as_of.start == as_of.end):
        return as_of
    months = _months(ago.group("n"), ago.group("unit"))
    precision = as_of.precision if as_of.precision in ("day", "month") else "month"
    return DateMention(ago.start(), ago.end(), add_months(as_of.value, -months), precision, "as_of", ago.group(0))


_NOW_AGAIN = re.compile(r"现在|如今|目前|今天|而今|眼下|当前")


def _relative_baseline(norm: str, floor: int, pos: int, as_of: DateMention, clause: Span) -> DateMention | None:
    """同比/去年同期 (a year earlier), 环比 (one period earlier), "3 个月内" (a duration earlier)."""
    # within the clause the words after the number count too ("增长了3倍，同比"); across the
    # sentence only the words before it
    end = max(pos, clause.end) if floor == clause.start else pos
    text = norm[floor:end]
    if _YEAR_ON_YEAR.search(text):
        return DateMention(pos, pos, add_months(as_of.value, -12), as_of.precision, "baseline")
    if "环比" in text:
        step = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(as_of.precision, 1)
        return DateMention(pos, pos, add_months(as_of.value, -step), as_of.precision, "baseline")
    # (not the one that dates the figure itself: "N个月前，<source>披露，…")
    agos = [a for a in _AGO.finditer(norm, floor, end) if a.start() != as_of.start]
    if agos:  # "约为一年前的8倍"
        ago = agos[-1]
        months = _months(ago.group("n"), ago.group("unit"))
        precision = as_of.precision if as_of.precision in ("day", "month") else "month"
        return DateMention(pos, pos, add_months(as_of.value, -months), precision, "baseline")
    duration = find_duration_before(norm, floor, pos)
    if duration:
        months, _ = duration
        precision = as_of.precision if as_of.precision in ("day", "month") else "month"
        return DateMention(pos, pos, add_months(as_of.value, -months), precision, "baseline")
    return None


_AMOUNT_OF_TOKENS = re.compile(r"\d[\d.,]*[ \t]*(?:万亿|千亿|百亿|亿|万|兆)")
_BEFORE_THE_FIGURE = re.compile(r"[；;。！？!?\n\d]")


def _names_a_launch(norm: str, date_mention: DateMention) -> bool:
    """Whether the words after a date, before the figure it dates, name a launch moment
    ("今年5月豆包大模型首次发布时", "今年3月，MiniMax首次对外发布时，…")."""
    end = _BEFORE_THE_FIGURE.search(norm, date_mention.end)
    return bool(_LAUNCH_MOMENT.search(norm, date_mention.end, end.start() if end else len(norm)))


# between a date and the amount it dates: "<date>的N", "<date>时的N", "<date>的超过N"
_DATE_OF_AMOUNT = re.compile(r"[ \t]*(?:时|的时候)?[ \t]*的[ \t]*(?:约|超过|超|逾|近|突破|达到|仅|才)?[ \t]*")


def _date_of_amount(s: _Sentence, q: Quantity) -> DateMention | None:
    """The date written onto an amount ("<date>的<amount>"), whatever role the sentence gives the
    date otherwise: in "从<date>的N增长到<date>的M" each amount has its own."""
    for d in s.dates:
        if d.end <= q.start and _DATE_OF_AMOUNT.fullmatch(s.norm, d.end, q.start):
            return replace(d, role="as_of")
    return None


def _line_before(norm: str, pos: int) -> Span:
    """The last line with text before `pos` (a table's caption or intro)."""
    end = len(norm[:pos].rstrip())
    return Span(norm.rfind("\n", 0, end) + 1, end)


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def _heads_a_section(norm: str, d: DateMention) -> bool:
    """A date that is a heading or a bold lead line of its own ("**2024年9月**", "## 5月21日"):
    it dates the section under it."""
    line_start = norm.rfind("\n", 0, d.start) + 1
    line_end = norm.find("\n", d.end)
    line = norm[line_start : line_end if line_end >= 0 else len(norm)]
    if line.strip(" \t#*：:") == norm[d.start:d.end].strip():
        return True
    # a head line that opens with the date and goes on with a title: "**<date>｜<title>**"
    return bool(_HEADING_LINE.fullmatch(line)) and norm[line_start:d.start].strip(" \t#*") == ""


def _growth_as_of(s: _Sentence, verb_pos: int) -> tuple[DateMention, DateMention | None]:
    """(as-of, where the growth started) of a growth at `verb_pos`. A growth is dated by the period
    of its new value: "从2024年初的1000亿到今年6月底的30万亿，一年半时间增长了300多倍" grew from
    2024年初 until 今年6月底, which is its as-of, not the date it grew from."""
    as_of = s.as_of(verb_pos)
    if as_of is s.carried_date and as_of.end > as_of.start and "\n\n" in s.norm[as_of.end:s.span.start] \
            and s.baseline(verb_pos) is not None and not _heads_a_section(s.norm, as_of):
        # "从<date>首次发布算起，…已经增长了N倍" opening a paragraph: grown from the date it
        # names until the time of the article, not until a date of the paragraph before
        return DateMention(verb_pos, verb_pos, s.published, "day", "as_of", ""), None
    if as_of is s.carried_date and _names_a_launch(s.norm, as_of):
        # "<date>…首次发布时，日均…为N。…几个月里增长超过M倍": the sentence before dated the
        # launch, which the growth is measured from; it grew until the time of the article
        return DateMention(verb_pos, verb_pos, s.published, "day", "as_of", ""), replace(as_of, role="baseline")
    undated = as_of.end == as_of.start  # the publish-date fallback: the sentence's own span ends it
    until = [d for d in s.dates if d.role == "until" and d.start < verb_pos
             and (undated or (as_of.end <= d.start and d.value > as_of.value))]
    if not until:
        stated = [d for d in s.dates if d.role == "as_of" and d.start < verb_pos and d.text not in g.NOW_WORDS]
        # each date with its own figure: an event's date ("<date>…表示，<date>…") has none
        stated = [d for i, d in enumerate(stated)
                  if _AMOUNT_OF_TOKENS.search(s.norm, d.end, stated[i + 1].start if i + 1 < len(stated) else verb_pos)]
        if as_of in stated and len(stated) >= 2:
            # "截至<new date>…N，而<old date>这一数字仅为M，一年半时间增长了K倍": the
            # new value's date is the as-of, wherever it stands; the earliest is where it grew from
            latest = max(stated, key=lambda d: d.value)
            earliest = min(stated, key=lambda d: d.value)
            if latest.value >= add_months(as_of.value, 1) and latest.start < as_of.start:
                return latest, replace(earliest, role="baseline")
        return as_of, None
    end = until[-1]
    start = as_of if as_of.end > as_of.start else None  # the publish-date fallback has no text
    return replace(end, role="as_of"), (replace(start, role="baseline") if start else None)


# A unit stated once for the document's tables: "所有价格均为美元，按每百万 tokens 计（USD per 1M tokens）"
_DOCUMENT_UNIT = re.compile(
    r"(?P<sym>US\$|\$)?(?P<cur>美元|USD|人民币|元|CNY|RMB)[^。\n|]{0,16}?(?:/|每|per)[ \t]*(?P<count>百万|一百万|1M|M|千|一千|1K|K|万|million|thousand)?[ \t]*(?:个[ \t]*)?tokens?",
    re.IGNORECASE,
)


# A unit restated in another denominator ("元/百万tokens（1元/百万tokens即0.001元/千tokens）"):
# the restatement is not the unit the figures are in
_RESTATED = re.compile(r"(?:即|等于|相当于|等同于|也就是|=|＝|约合|折合)[ \t]*[\d.]*[ \t]*$")


# The article's statement of the unit its prices are in: "（单位：美元/每百万token）", "单位均为元/百万tokens"
_UNIT_STATEMENT = re.compile(
    r"单位[ \t]*(?:均为|都是|均是|为|是)?[ \t]*[：:]?[ \t*]*(?P<sym>US\$|\$)?(?P<cur>美元|USD|人民币|元|CNY|RMB)[ \t]*/[ \t]*每?[ \t]*"
    r"(?P<count>百万|一百万|1M|M|千|一千|1K|K|million|thousand)[ \t]*(?:个[ \t]*)?" + g.TOKEN_WORD, re.IGNORECASE)


def _unit_statement(norm: str, before: int) -> tuple[str, float] | None:
    """(currency, tokens per price) of the last unit statement before `before`."""
    found = _last_match(_UNIT_STATEMENT, norm, 0, before)
    if found is None:
        return None
    return currency_unit_from(found.group("sym"), found.group("cur")), token_count(found.group("count"))


_FOOTNOTE_MARKS = "¹²³⁴*①②③④†"


def _footnote_unit(norm: str, table: re.Match, header: list[str]) -> re.Match | None:
    """A unit given in a footnote under the table, for the columns that carry its mark
    ("| 输入价格¹ |" … "¹ 单位：元/千tokens，均为刊例价")."""
    for line in norm[table.end():table.end() + 400].split("\n")[:6]:
        line = line.strip()
        if line and line[0] in _FOOTNOTE_MARKS and any(line[0] in h for h in header):
            unit = TABLE_UNIT.search(line)
            if unit:
                return unit
    return None


def _document_unit(norm: str, before: int) -> re.Match | None:
    """The last unit statement before a table, when neither its header nor its intro gives one."""
    found = None
    for m in _DOCUMENT_UNIT.finditer(norm, 0, before):
        if not _RESTATED.search(norm, max(0, m.start() - 12), m.start()):
            found = m
    return found


_TRAILING_DIRECTION = re.compile(r"[ \t]*(输入|输出|input|output)(?=[ \t]*(?:[、，,；;。）)和及与/]|$))", re.IGNORECASE)

# Subjects that make a usage figure someone's own application rather than a named entity's total.
_PERIOD_TOTAL = _words(g.PERIOD_TOTAL_CUES)
# Whose figure is not an entity's total: someone's own, one customer's, or each of N customers'
# ("超过N家企业的单日tokens消耗…")
# (or one unit's: "一台车一天…N token", "每台…")
_SOMEONES = re.compile(r"我们|我的|我这|我每天|一个|某个|某家|一家|单个|每个|他们|他的|她的|用户的|开发者的"
                       r"|一台|一辆|每台|每辆|单台|单车|每部|一部"
                       r"|\d+[ \t]*(?:多|余)?[ \t]*家(?:企业|客户|公司|机构)的?")


_ITEM_HEAD = re.compile(r"[ \t]*(?:约为|约|为|达到|达|超过|突破|接近|近|逾|是)?[ \t]*$")


def _frame_item(norm: str, s: _Sentence, clause: Span, q: Quantity, usage_before: bool = False) -> bool:
    """Whether `q` is an item of a list under a metric named earlier in its sentence: an earlier
    clause names daily token usage, without a number of its own or with the first figure of the
    list (`usage_before`), and this clause is only an entity and a bound word before the number
    ("…日均token消耗量中，豆包约为63万亿，千问约为32万亿", "Gemini的日均调用量为1,320亿，OpenAI为820亿")."""
    named = [m for m in s.mentions if clause.start <= m.start and m.end <= q.start]
    if not named or not _ITEM_HEAD.fullmatch(norm, named[-1].end, q.start) \
            or norm[clause.start:named[-1].start].strip(" \t、，,和及与以及其中") != "":
        return False
    if usage_before:
        return True
    for earlier in s.clauses:
        if earlier.end > clause.start:
            break
        text = norm[earlier.start:earlier.end]
        if _DAILY.search(text) and _TOKEN_CUE.search(text) and _USAGE_NOUN.search(text):
            return True
    return False


def _subject_before(norm: str, start: int, end: int, current: str | None) -> str | None:
    """The usage noun in force at `end`: the last one in norm[start:end], or `current` — unless a
    different metric (营收, 用户 …) is named after it, which ends the run ("…营收为X，同比增长26%")."""
    noun = None
    noun_end = start
    for match in _USAGE_NOUN.finditer(norm, start, end):
        noun, noun_end = match.group(0).lstrip("的 \t"), match.end()
    if _DISTRACTOR.search(norm, noun_end, end):
        return None
    return squash(noun) if noun else current


def _months(n: str, unit: str) -> int:
    count = 0.5 if n == "半" else float(n) if n.isdigit() else float(parse_chinese_integer(n) or 0)
    return int(count * {"年": 12, "个月": 1, "月": 1, "季度": 3}[unit])


def _last_match(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The last match of `pattern` in text[start:end] (the one nearest before `end`)."""
    found = None
    for found in pattern.finditer(text, start, len(text) if end is None else end):
        pass
    return found


def _is_daily_tokens(subject: str | None) -> bool:
    return bool(subject) and bool(_DAILY.search(subject)) and bool(_TOKEN_CUE.search(subject))


def _last_usage_noun(norm: str, start: int, end: int) -> str | None:
    found = None
    for match in _USAGE_NOUN.finditer(norm, start, end):
        found = match.group(0)
    return found.lstrip("的 \t") if found else None


def _within_period(as_of: DateMention, baseline: DateMention | None) -> tuple[DateMention, DateMention | None]:
    """A growth dated by a half, quarter or year and no baseline ("<year>下半年…翻了近N倍",
    "上半年实现了N%的增长") grew during that period: from its first month to its last."""
    if baseline is None and as_of.precision in ("half", "quarter", "year") and as_of.role == "as_of":
        return as_of.period_end_month(), DateMention(as_of.start, as_of.end, as_of.value, "month", "baseline")
    return as_of, baseline


def _growth_verb(head: str, offset: int) -> tuple[int | None, str | None, str | None]:
    """(absolute position of the growth verb, bound word between verb and number, 'X' of 是X的)."""
    text = head.rstrip(" \t")
    word_bound = None
    # strip bound words and fillers between the verb and the number: "翻了近 10 倍", "增长超80%"
    for _ in range(3):
        stripped = False
        for word in sorted(g.BOUND_PREFIXES, key=len, reverse=True):
            if text.endswith(word) and word not in ("是", "为", "到", "至"):
                if g.BOUND_PREFIXES[word] != "eq":
                    word_bound = g.BOUND_PREFIXES[word]
                text = text[: -len(word)].rstrip(" \t")
                stripped = True
                break
        for filler in ("了", "大约", "有", "高达"):
            if text.endswith(filler):
                text = text[: -len(filler)].rstrip(" \t")
                stripped = True
        if not stripped:
            break
    for verb in _GROWTH_VERBS:
        if text.endswith(verb):
            return offset + len(text) - len(verb), word_bound, None
    times = _TIMES_OF.search(text)
    if times:
        before = text[: times.start()]
        for word in sorted(g.BOUND_PREFIXES, key=len, reverse=True):  # "约为一年前的8倍"
            if before.endswith(word) and g.BOUND_PREFIXES[word] != "eq":
                word_bound = g.BOUND_PREFIXES[word]
                return offset + times.start() - len(word), word_bound, times.group("what")
        return offset + times.start(), word_bound, times.group("what")
    return None, None, None




# A sentence head that is only a span of time: "一年半时间，", "短短半年里，", "过去一年，".
_ONLY_DURATION = re.compile(r"[ \t]*(?:在|过去|短短|仅仅|仅用|用了|不到)*[ \t]*(?:\d+|[一两二三四五六七八九十半]+)[ \t]*(?:个)?[ \t]*"
                            r"(?:年半|年|个月|月|季度|周|天)(?:半)?(?:多)?(?:时间|里|内|以来|之内|期间)?[ \t]*[，,]?[ \t]*(?:已|就|已经)?[ \t]*")
# A sentence that opens with only its baseline, then grows: "（如果）和<date>首次发布时的N
# 相比，增长了M倍", "与去年同期相比，…". It continues the daily usage stated just before it.
_ONLY_BASELINE = re.compile(r"[ \t“\"「]*(?:如果|若是?|要是)?[ \t]*(?:(?:和|与|跟|同)[^，,。；;！？]{1,40}?相比|(?:相比于?|相较于?|较)[^，,。；;！？]{1,20}?)"
                            r"[ \t]*[，,]?[ \t]*(?:已|就|已经)?[ \t]*")  # also "相比2024年初，增长了N倍"
_BARE_CELL = re.compile(r"[ \t]*(?P<sym>US\$|\$|¥|￥)?[ \t]*(?P<amount>\d+(?:\.\d+)?)[ \t]*")
_FREE_CELL = re.compile(r"[ \t]*(?:免费|0元|free)[ \t]*", re.IGNORECASE)
# One of several directed amounts in a cell: "输入缓存命中0.2 / 未命中2 / 输出3", "输入$0.1 / 输出$0.4"
_DIRECTED_PIECE = re.compile(r"[ \t]*(?P<words>[^\d$¥￥/、;；|]{1,12}?)[ \t]*[:：]?[ \t]*(?P<sym>US\$|\$|¥|￥)?[ \t]*"
                             r"(?P<amount>\d+(?:\.\d+)?)[ \t]*(?:[/、;；][ \t]*|$)")


def _cell_amounts(norm: str, a: int, b: int) -> list[tuple[float | None, str | None, str | None, str | None, tuple[int, int]]]:
    """(amount or None for free, currency symbol, direction, condition, where the number is) of each
    price a table cell gives: one bare amount ("0.8", "$2.50"), 免费, or several amounts, each after
    its direction or condition ("输入缓存命中0.2 / 未命中2 / 输出3": a condition alone goes on
    under the direction before it)."""
    cell = norm[a:b]
    stripped = cell.strip("`*")
    offset = a + cell.index(stripped) if stripped else a
    bare = _BARE_CELL.fullmatch(stripped)
    if bare:
        return [(float(bare.group("amount")), bare.group("sym"), None, None,
                 (offset + bare.start("amount"), offset + bare.end("amount")))]
    if _FREE_CELL.fullmatch(cell):
        return [(None, None, None, None, (a, b))]
    found, position, direction = [], 0, None
    while position < len(stripped):
        piece = _DIRECTED_PIECE.match(stripped, position)
        if piece is None or piece.end() == position:
            return []  # anything else in the cell: not a list of prices
        words = piece.group("words")
        named = nearest_direction(words, 0, len(words))
        condition = condition_words(words)
        if named is None and condition is None:
            return []
        direction = named or direction
        found.append((float(piece.group("amount")), piece.group("sym"), direction, condition,
                      (offset + piece.start("amount"), offset + piece.end("amount"))))
        position = piece.end()
    return found if len(found) >= 2 else []


# A cell of a price table that is an amount, perhaps with its unit: "$2.00 / 百万 tokens", "0.5 元/百万tokens"
_PRICED_CELL = re.compile(r"(?P<sym>US\$|\$|¥|￥)?[ \t]*(?P<amount>\d+(?:\.\d+)?)[ \t]*(?P<rest>[^|]*)")
# A price table copied without its pipes: a header line naming the directions (no digits but a
# denominator's), and rows of a label and amounts with their currency symbols
_SPACED_HEADER = re.compile(r"(?mi)^(?=[^\n|]*(?:输入|input))(?=[^\n|]*(?:输出|output))[^\n|\d]*(?:\d+[ \t]*[MK万][^\n|\d]*)*$")
_SPACED_AMOUNT = re.compile(r"(?P<sym>US\$|\$|¥|￥)[ \t]*(?P<amount>\d+(?:\.\d+)?)")
_SPACED_ROW = re.compile(r"(?P<label>[^\n|$¥￥]{1,40}?)[ \t]+(?P<amounts>(?:(?:US\$|\$|¥|￥)[ \t]*\d+(?:\.\d+)?[ \t]*){1,})(?P<rest>[^\n|$¥￥]*)(?=\n|$)")
_SPACED_CUE = re.compile(r"输入|输出|input|output", re.IGNORECASE)


def _spaced_directions(line: str) -> list[tuple[str, str | None]]:
    """(direction, condition) of each column a header line names, in order: "輸入 (Input)" is one
    column, "Cached Input" a cache-hit input column."""
    found: list[tuple[str, str | None]] = []
    last_end = 0
    for cue in _SPACED_CUE.finditer(line):
        direction = g.DIRECTION_CUES[cue.group(0).lower()]
        between = line[last_end:cue.start()]
        if found and found[-1][0] == direction and between.strip(" \t()（）") == "":
            last_end = cue.end()
            continue  # "輸入 (Input)": the same column in two languages
        found.append((direction, condition_words(line[last_end:cue.end()])))
        last_end = cue.end()
    return found


# A heading line, or a line that is only bold text (a lead date or a caption)
_HEADING_LINE = re.compile(r"(?m)^(?:#{1,6}[ \t]+[^\n]+|\*\*[^*\n]+\*\*[ \t]*)$")
# Tracker tables: a value column ("最新值", "前值", "数值") followed by its date column ("时点")
_TRACKER_VALUE = re.compile(r"值|数值|规模|用量|调用量|消耗量|value", re.IGNORECASE)
_TRACKER_DATE = re.compile(r"时点|日期|时间|截至|截止|月份|as of|date", re.IGNORECASE)
_TRACKER_BOUND = re.compile(r"[ \t]*(?:>=|≥|>|＞|≈|~|～|约|<|＜|≤)")
_TRACKER_BOUNDS = {">=": "ge", "≥": "ge", ">": "gt", "＞": "gt", "≈": "approx", "~": "approx", "～": "approx", "约": "approx",
                   "<": "lt", "＜": "lt", "≤": "le"}
_TRACKER_MULTIPLE = re.compile(r"[ \t]*(?P<more>>|＞|超过)?(?P<approx>≈|约)?[ \t]*(?P<times>\d+(?:\.\d+)?)[ \t]*(?:x|X|×|倍)[ \t]*")
# Words of a price that is not per token: a subscription, a plan, a fee per month or per call
_NOT_PER_TOKEN = re.compile(r"每月|每年|每季|月费|年费|包月|包年|会员|套餐|订阅|每次|每张|每分钟|每小时|每秒|每人")
# Any price denominator: "/百万tokens", "每千tokens", "per 1M tokens", "/1M" (the count is required)
_ANY_DENOMINATOR = re.compile(r"(?:/|每|per)[ \t]*(?P<count>一百万|百万|一千|千|1M|1K|M|K|million|thousand|100万|1000)[ \t]*(?:个[ \t]*)?"
                              r"(?:输入|输出)?[ \t]*(?:" + g.TOKEN_WORD + r"|(?<=[MK])(?![A-Za-z0-9]))", re.IGNORECASE)
# One price for input and output alike, said right after it
_BOTH_DIRECTIONS = re.compile(r"[ \t]*[（(]?[ \t]*(?:输入输出|输入和输出|输入、输出|不区分输入输出|输入与输出)[ \t]*(?:统一|同价|价格相同|相同|一致|不区分)")
# Between the two ends of a span of time: "2022年至2025年6月", "2024年5月—12月"
_RANGE_JOIN = re.compile(r"[ \t]*(?:至|到|-|—|–|~|～)[ \t]*")
# "…分别增长了8倍和6倍", "同比分别增长约4倍、6倍和8倍": multiples shared out over a list
_RESPECTIVE_GROWTH = re.compile(r"分别[ \t]*(?:同比|环比)?[ \t]*(?:增长|提升|上涨|增加|增长了|提升了|上涨了|增加了|扩大)了?[ \t]*(?P<bound>约|超过|超|逾|近|接近)?[ \t]*")
# the segments before the metric: "互联网、金融和制造业领域的", "汽车和金融客户的"
_SEGMENT_LIST = re.compile(r"(?:^|[，,：:]|其中|看)[ \t]*(?P<items>[\u4e00-\u9fa5A-Za-z]{1,8}(?:[、和及与][\u4e00-\u9fa5A-Za-z]{1,8})+?)"
                           r"(?:等)?(?:领域|行业|客户|场景|板块|业务)?的")
# A baseline phrase ending in an amount: "较<date>的", "相比<date>的", "从<date>的", "和<date>首次
# 发布时的日均"; the words after the amount that close it, by cue
_BASELINE_LEVEL_HEAD = re.compile(r"(?P<cue>较|相比|相较于?|比|从|由|和|与|跟)(?:[^，,。；;！？]{0,30}?(?:的|时))?[ \t]*(?:日均|每天|每日)?[ \t]*(?:约|近|超过|不到|仅|只有)?[ \t]*$")
_GREW = r"[ \t]*(?:个)?[ \t]*(?:tokens?|Tokens?|TOKENS?|token|词元|令牌)?[ \t]*(?:规模|级别|水平)?[ \t]*[，,]?[ \t]*(?:已|又|再)?[ \t]*(?:增长|提升|上涨|翻|激增|增加|暴涨|跃升|狂飙|飙升|攀升|猛增|大涨|涨)"
_BASELINE_LEVEL_TAIL = {cue: re.compile(tail) for cues, tail in (
    (("较", "相比", "相较", "相较于", "比"), _GREW),
    (("从", "由"), _GREW + r"?[^，,。；;]{0,6}?(?:到|至)"),
    (("和", "与", "跟"), r"[ \t]*(?:个)?[ \t]*(?:tokens?|Tokens?|token|词元|令牌)?[ \t]*相比")) for cue in cues}
_DURATION_WORDS = re.compile(r"年|月|天|周|季度|时间|期间|当时|之前|以前|以来|至今|不到|半年|多久|短短|仅用|仅仅")


def _segment(norm: str, s: _Sentence, clause: Span, verb_pos: int) -> str | None:
    head = norm[clause.start : verb_pos].strip()
    if head and not _USAGE_NOUN.search(head) and len(squash(head)) <= 10 and not _DURATION_WORDS.search(head) \
            and not any(m for m in s.mentions if clause.start <= m.start < verb_pos) \
            and not find_dates(head, s.published) and not re.search(r"[其这该它与较比自从同]|倍|\d", head):
        return squash(head)
    found = None
    for pattern in _SEGMENT:
        for match in pattern.finditer(norm, s.span.start, verb_pos):
            found = match.group(1).strip()
    return squash(found) if found else None







def _has_position(positions: list[int], span: Span) -> bool:
    """Whether any of the sorted `positions` falls inside `span`."""
    first = bisect.bisect_left(positions, span.start)
    return first < len(positions) and positions[first] < span.end


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.fact_id, fact)
    return list(seen.values())


# Stand-ins for an unknown publish date, far apart and far from any real article: a date read
# relative to the publish date (今年, 5月底, 上周) resolves differently under each.
_UNKNOWN_PUBLISH_DATES = (date(2201, 7, 15), date(2263, 3, 10))


def extract_facts(article: Article, registry: Registry | None = None) -> list[Fact]:
    """All facts of the three families stated in `article`, in text order.

    An article without a publish date yields only the facts whose dates do not depend on it: it is
    read under two stand-in dates, and a fact is kept only where both readings agree."""
    registry = registry or load_registry()
    if article.published_date is not None:
        return _Extractor(article, registry).run()
    first, second = (_Extractor(replace(article, published_date=stand_in), registry).run()
                     for stand_in in _UNKNOWN_PUBLISH_DATES)
    stable = {fact.fact_id: fact for fact in second}
    return [fact for fact in first if fact.fact_id in stable and fact.as_row() == stable[fact.fact_id].as_row()
            and fact.as_of_date.year < _UNKNOWN_PUBLISH_DATES[0].year]


def explain_facts(article: Article, registry: Registry | None = None) -> tuple[list[Fact], list[tuple[Fact, object]]]:
    """(the facts of `article`, each with the rule that produced it, the candidates the modality
    layer left out with the scope that ruled each out): what `python -m pipelines.extract --explain`
    shows."""
    registry = registry or load_registry()
    if article.published_date is None:  # two readings (see extract_facts); the first one's left-outs are shown
        extractor = _Extractor(replace(article, published_date=_UNKNOWN_PUBLISH_DATES[0]), registry)
        extractor.run()
        return extract_facts(article, registry), extractor.ruled_out
    extractor = _Extractor(article, registry)  # one reading gives both
    return extractor.run(), extractor.ruled_out
