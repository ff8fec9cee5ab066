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

import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from . import grammar as g
from .articles import Article
from .dates import DateMention, add_months, find_dates, find_duration_before
from .entities import Mention, Registry, load_registry
from .numbers import Quantity, bound_after, bound_around, bound_before, find_quantities
from .text import Span, clauses, normalize, sentences, squash
from .units import MULTIPLE_UNIT, PRICE_UNIT, TOKENS_PER_DAY, price_per_million_tokens

EXTRACTOR_VERSION = "1"

FAMILIES = ("daily_token_usage", "growth_multiple", "price_point")


@dataclass
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

    def __post_init__(self) -> None:
        if not self.fact_id:
            key = "|".join(
                str(part)
                for part in (self.article_id, self.family, self.entity, self.char_start, self.char_end,
                             self.value, self.direction, self.condition, self.segment)
            )
            self.fact_id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def as_row(self) -> dict:
        return asdict(self)


# --- Patterns ------------------------------------------------------------------------------------

_TOKEN_UNIT = re.compile(
    r"[ \t]*(?:个[ \t]*)?(?:文本|多模态|输入|输出|推理|的)?[ \t]*(?:tokens?|词元)(?![A-Za-z])", re.IGNORECASE
)
_TOKEN_CUE = re.compile(r"tokens?|词元", re.IGNORECASE)
# What may follow a bare token amount ("突破5000亿，" / "10000 亿规模"): punctuation, end, a bound word.
_BARE_END = re.compile(r"[ \t]*(?:级|规模|量级|左右|以上|之多|上下)?[ \t]*(?:[，,。；;）)！!？?、｜|\n]|的(?:规模|水平)|$)")
_MULTIPLE_UNIT = re.compile(r"[ \t]*倍")
_USAGE_NOUN = re.compile(
    r"(?:(?:平均)?每家(?:企业)?客户)?(?:(?:日均|每天|每日|单日|天均)[ \t]*)?(?:的[ \t]*)?"
    r"(?:(?:商用[ \t]*)?(?:tokens?|Tokens?|TOKENS?|词元)[ \t]*)?(?:日均[ \t]*)?"
    r"(?:使用量|调用量|消耗量|处理量|请求量|用量|吞吐量|调用规模|消耗)"
    # a verb with the token object: "每天处理的 tokens", "日均消耗 tokens"
    r"|(?:(?:日均|每天|每日|单日|天均)[ \t]*)?(?:处理|消耗|调用|使用|生成)[了的]?[ \t]*(?:文本|多模态)?[ \t]*(?:tokens?|词元)",
    re.IGNORECASE,
)
_GROWTH_VERBS = sorted(g.GROWTH_VERBS, key=len, reverse=True)
_DOUBLING = re.compile(r"翻了?[ \t]*(?P<n>一|两|二|三|四|1|2|3|4)[ \t]*番")
_TIMES_OF = re.compile(r"是(?P<what>[^，。；,;是]{1,20}?)的[ \t]*$")
_DIRECTION = re.compile("|".join(sorted(g.DIRECTION_CUES, key=len, reverse=True)), re.IGNORECASE)
_CONDITION = re.compile("|".join(sorted(g.CONDITION_CUES, key=len, reverse=True)), re.IGNORECASE)
_TIER = re.compile(
    r"(?:(?P<lo>\d+)[ \t]*[Kk]?[ \t]*(?:-|~|～|至|到)[ \t]*(?P<hi>\d+)[ \t]*[Kk]"
    r"|(?P<upto>\d+)[ \t]*[Kk][ \t]*(?:以内|以下|及以下|及以内)"
    r"|(?P<over>\d+)[ \t]*[Kk][ \t]*(?:以上|及以上))"
)
_SEGMENT = [re.compile(p) for p in g.SEGMENT_PATTERNS]

_CURRENCY_WORD = "|".join(sorted(g.CURRENCY_WORDS, key=len, reverse=True))
_COUNT = r"(?:百万|一百万|1百万|100[ \t]*万|千|一千|1千|1,?000|万|一万|1万|1[ \t]*[MK]|[MK]|million|thousand|1)"
_AMOUNT = r"(?P<sym>US\$|\$|¥|￥)?[ \t]*(?<![A-Za-z0-9.\-])(?P<amount>\d+(?:\.\d+)?)[ \t]*(?P<cur>" + _CURRENCY_WORD + r"|美分|USD|CNY|RMB)?"
_TOKENS = r"(?:个[ \t]*)?(?:(?P<dir_in>输入|输出|input|output)[ \t]*)?(?:tokens?|词元)"
# "0.0008元/千Tokens", "$2.5 per 1M input tokens", "2元每百万tokens"
_PRICE_AFTER = re.compile(
    _AMOUNT + r"[ \t]*(?:/|每|per)[ \t]*(?P<count>" + _COUNT + r")?[ \t]*" + _TOKENS,
    re.IGNORECASE,
)
# "每百万tokens输入价格为2元", "每千 tokens 0.0008 元", "每百万输入tokens 2.5美元"
_PRICE_BEFORE = re.compile(
    r"每[ \t]*(?P<count>" + _COUNT + r")?[ \t]*" + _TOKENS
    + r"(?P<mid>[^，,。；;\d$¥￥]{0,12}?)[ \t]*" + _AMOUNT,
    re.IGNORECASE,
)
# "每百万tokens 0.5元（缓存命中）、2元（缓存未命中）": more prices for the same denominator.
_PAREN = r"(?:（[^）]{0,14}）|\([^)]{0,14}\))"
_PRICE_MORE = re.compile(
    r"[ \t]*" + _PAREN + r"?[ \t]*[、,，和及与][ \t]*(?:(?P<dir2>输入|输出)(?:价格)?(?:为|是|则为)?)?[ \t]*"
    + _AMOUNT.replace("sym", "sym2").replace("amount", "amount2").replace("cur", "cur2")
    + r"(?![ \t]*(?:/|每|per))",
    re.IGNORECASE,
)
_FREE = re.compile("|".join(c for c in g.FREE_CUES if c != "免费"))


# --- The sentence context ------------------------------------------------------------------------


@dataclass
class _Sentence:
    norm: str
    original: str
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
        in_clause_before = [d for d in as_of if clause.start <= d.start < pos]
        if in_clause_before:
            return in_clause_before[-1]
        before = [d for d in as_of if d.start < pos]
        if before:
            return before[-1]
        in_clause_after = [d for d in as_of if pos <= d.start < clause.end]
        if in_clause_after:
            return in_clause_after[0]
        if self.carried_date is not None:
            return self.carried_date
        return DateMention(pos, pos, self.published, "day", "as_of", "")

    def baseline(self, pos: int) -> DateMention | None:
        before = [d for d in self.dates if d.role == "baseline" and d.start < pos]
        return before[-1] if before else None

    def entity(self, pos: int, prefer_models: bool = False) -> Mention | None:
        """Who a number at `pos` is about: the mention nearest before it in its clause, else the
        first mention of the nearest earlier clause that has one, else the previous sentence's."""
        clause = self.clause_of(pos)
        pool = self.mentions
        if prefer_models:
            models = [m for m in pool if m.entity.kind in ("model", "model_family")]
            pool = models or pool
        in_clause = [m for m in pool if clause.start <= m.start < pos]
        if in_clause:
            nearest = in_clause[-1]
            # "鱼泡科技的豆包大模型日均调用量": the customer owns the usage, not the model
            owners = [m for m in self.mentions if m.source == "company" and m.end <= nearest.start
                      and clause.start <= m.start and self.norm[m.end:nearest.start].strip() == "的"]
            return owners[-1] if owners and not prefer_models else nearest
        for earlier in reversed([c for c in self.clauses if c.end <= clause.start]):
            if self.norm.startswith("其", earlier.start):
                continue  # "其…" refers back to the subject of an earlier clause
            found = [m for m in pool if earlier.start <= m.start < earlier.end]
            if found:
                return found[0]
        after = [m for m in pool if pos <= m.start < clause.end]
        if after:
            return after[0]
        return self.carried_entity


def _merge_mentions(registry: Registry, norm: str, original: str, span: Span) -> list[Mention]:
    found = registry.mentions(norm, span.start, span.end)
    taken = [(m.start, m.end) for m in found]
    for extra in registry.model_ids(norm, span.start, span.end) + registry.companies(norm, span.start, span.end):
        if all(extra.end <= s or extra.start >= e for s, e in taken):
            if extra.source == "company" or extra.entity.name == norm[extra.start:extra.end]:
                # names outside the registry are kept as the article writes them (語森科技)
                extra = replace(extra, entity=replace(extra.entity, name=original[extra.start:extra.end]))
            found.append(extra)
            taken.append((extra.start, extra.end))
    return sorted(found, key=lambda m: m.start)


def _overlaps(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(q.start < e and s < q.end for s, e in spans)


def _combine_bound(word_bound: str | None, own: str) -> str:
    if own in ("gt", "approx", "ge") and word_bound in (None, "eq"):
        return own
    return word_bound or own


# --- Families ------------------------------------------------------------------------------------


class _Extractor:
    def __init__(self, article: Article, registry: Registry):
        self.article = article
        self.registry = registry
        self.body = article.body
        self.norm = normalize(article.body)
        self.facts: list[Fact] = []
        self._last_mention: Mention | None = None

    def run(self) -> list[Fact]:
        carried_date = None
        carried_entity = None
        for span in sentences(self.norm):
            sentence = _Sentence(
                norm=self.norm,
                original=self.body,
                span=span,
                clauses=clauses(self.norm, span),
                dates=find_dates(self.norm, self.article.published_date, span.start, span.end),
                mentions=_merge_mentions(self.registry, self.norm, self.body, span),
                carried_date=carried_date,
                carried_entity=carried_entity,
                published=self.article.published_date,
            )
            self._sentence(sentence)
            # the event date of a sentence carries over to the next one only
            own = [d for d in sentence.dates if d.role == "as_of" and d.text not in g.NOW_WORDS]
            carried_date = own[-1] if own else None
            carried_entity = sentence.mentions[0] if sentence.mentions else carried_entity
        return _dedupe(self.facts)

    # -- shared helpers -----------------------------------------------------------------------

    def _fact(self, s: _Sentence, family: str, entity: Mention, **kwargs) -> Fact:
        self._last_mention = entity
        quote_span = s.span
        return Fact(
            article_id=self.article.article_id,
            family=family,
            entity=entity.entity.name,
            quote=self.body[quote_span.start : quote_span.end],
            char_start=quote_span.start,
            char_end=quote_span.end,
            **kwargs,
        )

    def _sentence(self, s: _Sentence) -> None:
        blocked = [(d.start, d.end) for d in s.dates] + [(m.start, m.end) for m in s.mentions]
        prices = self._prices(s)
        blocked += prices
        usage_context: dict | None = None
        last_subject: str | None = None
        for q in find_quantities(self.norm, s.span.start, s.span.end):
            if _overlaps(q, blocked):
                continue
            clause = s.clause_of(q.start)
            subject_match = _last_usage_noun(self.norm, clause.start, q.start)
            if subject_match:
                last_subject = squash(subject_match)
            growth = self._growth(s, q, clause, last_subject)
            if growth:
                last_subject = growth.subject
                if _is_daily_tokens(growth.subject):
                    usage_context = {"entity_mention": self._last_mention}
                continue
            usage = self._usage(s, q, clause, usage_context)
            if usage:
                usage_context = {"entity_mention": self._last_mention}
        self._free(s)

    # -- daily token usage ----------------------------------------------------------------------

    def _usage(self, s: _Sentence, q: Quantity, clause: Span, context: dict | None) -> Fact | None:
        norm = self.norm
        if q.percent or q.value <= 0:
            return None
        after = norm[q.end : clause.end + 1]
        unit_match = _TOKEN_UNIT.match(after)
        if not unit_match and not _BARE_END.match(after):
            return None  # 次, 家, 个, 元, 倍 … or anything that is not a token amount
        text = norm[clause.start : clause.end]
        head = norm[clause.start : q.start]
        if any(cue in text for cue in g.RATE_CUES):
            return None
        if _is_from_value(norm, clause.start, q.start, clause.end, q.end):
            return None
        inherited = False
        has_daily = any(cue in text for cue in g.DAILY_CUES)
        has_token = bool(unit_match) or bool(_TOKEN_CUE.search(head))
        has_noun = bool(_USAGE_NOUN.search(head)) or bool(unit_match)
        if not (has_daily and has_token and has_noun):
            # "…日均 tokens 消耗量翻了近 10 倍，从 1000 亿级规模到 10000 亿规模": the second clause
            # continues the first one's metric when it names no other.
            if context is None or unit_match or any(n in text for n in g.DISTRACTOR_NOUNS):
                return None
            if not re.match(r"[ \t]*(?:从|由)?[^，,。]*?(?:到|至|达到|增至|升至|突破|超过)", head) and not head.strip().startswith(("到", "至")):
                return None
            inherited = True
        if any(n in head for n in ("月活", "日活", "用户", "参数", "上下文", "次数")):
            return None
        unit_end = q.end + (unit_match.end() if unit_match else 0)
        bound = _combine_bound(bound_around(norm, q.start, unit_end, clause.start, clause.end), q.bound)
        entity = context["entity_mention"] if inherited else s.entity(q.start)
        if entity is None:
            return None
        as_of = s.as_of(q.start)
        if inherited and as_of.precision in ("half", "quarter", "year"):
            as_of = as_of.period_end_month()  # "… H2 … grew to X": X holds at the end of H2
        fact = self._fact(
            s, "daily_token_usage", entity,
            metric="tokens_per_day", value=q.value, unit=TOKENS_PER_DAY, bound=bound,
            as_of_date=as_of.value, as_of_precision=as_of.precision,
            value_low=q.low, value_high=q.high, number_start=q.start, number_end=q.end,
        )
        self.facts.append(fact)
        return fact

    # -- growth multiples -----------------------------------------------------------------------

    def _growth(self, s: _Sentence, q: Quantity, clause: Span, last_subject: str | None) -> Fact | None:
        norm = self.norm
        after = norm[q.end : clause.end + 1]
        is_multiple = bool(_MULTIPLE_UNIT.match(after)) and not q.percent
        if not (is_multiple or q.percent):
            return None
        if q.value <= 0:
            return None
        head = norm[clause.start : q.start]
        text = norm[clause.start : clause.end]
        if any(cue in text for cue in g.COMPARISON_CUES):
            return None
        verb_pos, word_bound, times_of = _growth_verb(head, clause.start)
        if verb_pos is None:
            return None
        if q.percent and (times_of or re.search(r"率|占比|份额", norm[clause.start:verb_pos + 2])):
            return None
        if times_of is not None:
            # "是去年同期的5倍": only a comparison with an earlier time is growth
            what = times_of
            if not (find_dates(what, s.published) or "同期" in what or any(c in what for c in g.LAUNCH_BASELINE_CUES)):
                return None
        subject_text = _last_usage_noun(norm, clause.start, verb_pos)
        subject = squash(subject_text) if subject_text else last_subject
        if subject is None:
            sentence_subject = _last_usage_noun(norm, s.span.start, verb_pos)
            subject = squash(sentence_subject) if sentence_subject else None
        if subject is None:
            return None
        if subject_text is None and any(n in norm[clause.start:verb_pos] for n in g.DISTRACTOR_NOUNS):
            return None
        multiple = q.value if is_multiple else 1 + q.value / 100
        low = q.low if is_multiple else None
        high = q.high if is_multiple else None
        bound = _combine_bound(word_bound, q.bound)
        entity = s.entity(verb_pos)
        if entity is None:
            return None
        as_of = s.as_of(verb_pos)
        # for "是去年12月的3倍" the baseline sits between the verb and the number
        baseline = self._baseline(s, clause, q.start if times_of is not None else verb_pos, as_of, entity)
        if baseline is None and as_of.precision in ("half", "quarter", "year") and as_of.role == "as_of":
            # "2024 下半年 … 翻了近 10 倍": growth during the period, from its start to its end
            baseline = DateMention(as_of.start, as_of.end, as_of.value, "month", "baseline")
            as_of = as_of.period_end_month()
        segment = _segment(norm, s, clause, verb_pos)
        fact = self._fact(
            s, "growth_multiple", entity,
            metric="growth_multiple", value=multiple, unit=MULTIPLE_UNIT, bound=bound,
            as_of_date=as_of.value, as_of_precision=as_of.precision,
            value_low=low, value_high=high, subject=subject, segment=segment,
            baseline_date=baseline.value if baseline else None,
            baseline_precision=baseline.precision if baseline else None,
            number_start=q.start, number_end=q.end,
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
        if entity.entity.launched and any(cue in window for cue in g.LAUNCH_BASELINE_CUES):
            return DateMention(pos, pos, entity.entity.launched, "day", "baseline")
        return None

    # -- price points ---------------------------------------------------------------------------

    def _prices(self, s: _Sentence) -> list[tuple[int, int]]:
        norm = self.norm
        spans: list[tuple[int, int]] = []
        matches = [m for m in _PRICE_AFTER.finditer(norm, s.span.start, s.span.end) if _currency_unit(m)]
        matches += [m for m in _PRICE_BEFORE.finditer(norm, s.span.start, s.span.end)
                    if all(m.end() <= a.start() or m.start() >= a.end() for a in matches)]
        for m in sorted(matches, key=lambda m: m.start()):
            spans.append((m.start(), m.end()))
            currency_unit = _currency_unit(m)
            if currency_unit is None:
                continue
            amount_start = m.start("amount") if not m.group("sym") else m.start("sym")
            clause = s.clause_of(m.start("amount"))
            if _is_from_value(norm, clause.start, min(m.start(), amount_start), clause.end, m.end()):
                continue
            per_tokens = _token_count(m.group("count"))
            value, currency = price_per_million_tokens(float(m.group("amount")), currency_unit, per_tokens)
            direction = _direction(norm, clause, m)
            condition = _condition(norm, s, clause, m)
            word_bound = bound_before(norm, m.start(), clause.start)
            bound = word_bound[0] if word_bound else "eq"
            if norm.startswith("起", m.end()) or re.match(r"[ \t]*起", norm[m.end():m.end() + 2]):
                bound = "ge"
            entity = s.entity(m.start(), prefer_models=True)
            if entity is None:
                continue
            as_of = s.as_of(m.start())
            self.facts.append(self._fact(
                s, "price_point", entity,
                metric="price_per_million_tokens", value=value, unit=PRICE_UNIT[currency], bound=bound,
                as_of_date=as_of.value, as_of_precision=as_of.precision,
                currency=currency, direction=direction, condition=condition,
                number_start=m.start("amount"), number_end=m.end("amount"),
            ))
            position = m.end()
            while more := _PRICE_MORE.match(norm, position, s.span.end):
                unit = _currency_unit_from(more.group("sym2"), more.group("cur2")) or currency_unit
                if more.group("cur2") is None and more.group("sym2") is None:
                    break
                spans.append((more.start("amount2"), more.end()))
                extra_value, extra_currency = price_per_million_tokens(float(more.group("amount2")), unit, per_tokens)
                paren = re.match(r"[ \t]*" + _PAREN, norm[more.end() : more.end() + 16])
                extra_condition = None
                if paren:
                    cue = _CONDITION.search(paren.group(0))
                    extra_condition = g.CONDITION_CUES[cue.group(0).lower()] if cue else None
                self.facts.append(self._fact(
                    s, "price_point", entity,
                    metric="price_per_million_tokens", value=extra_value, unit=PRICE_UNIT[extra_currency],
                    bound="eq", as_of_date=as_of.value, as_of_precision=as_of.precision,
                    currency=extra_currency,
                    direction=g.DIRECTION_CUES[more.group("dir2")] if more.group("dir2") else direction,
                    condition=extra_condition,
                    number_start=more.start("amount2"), number_end=more.end("amount2"),
                ))
                position = more.end()
        return spans

    def _free(self, s: _Sentence) -> None:
        for m in _FREE.finditer(self.norm, s.span.start, s.span.end):
            clause = s.clause_of(m.start())
            named = [x for x in s.mentions if clause.start <= x.start < m.start()
                     and x.entity.kind in ("model", "model_family")]
            if not named:
                continue
            specific = [x for x in named if x.entity.kind == "model"]
            named = specific or named  # "文心大模型两大主力模型ERNIE Speed、ERNIE Lite全面免费"
            as_of = s.as_of(m.start())
            for mention in named:
                self.facts.append(self._fact(
                    s, "price_point", mention,
                    metric="price_per_million_tokens", value=0.0, unit=PRICE_UNIT["CNY"], bound="eq",
                    as_of_date=as_of.value, as_of_precision=as_of.precision,
                    currency="CNY", direction="unspecified", condition=None,
                    number_start=m.start(), number_end=m.end(),
                ))


# --- Small pure helpers --------------------------------------------------------------------------


def _relative_baseline(norm: str, floor: int, pos: int, as_of: DateMention, clause: Span) -> DateMention | None:
    """同比/去年同期 (a year earlier), 环比 (one period earlier), "3 个月内" (a duration earlier)."""
    text = norm[max(floor, clause.start if floor == clause.start else floor) : max(pos, clause.end if floor == clause.start else pos)]
    if "同比" in text or "去年同期" in text:
        return DateMention(pos, pos, add_months(as_of.value, -12), as_of.precision, "baseline")
    if "环比" in text:
        step = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(as_of.precision, 1)
        return DateMention(pos, pos, add_months(as_of.value, -step), as_of.precision, "baseline")
    duration = find_duration_before(norm, floor, pos)
    if duration:
        months, _ = duration
        precision = as_of.precision if as_of.precision in ("day", "month") else "month"
        return DateMention(pos, pos, add_months(as_of.value, -months), precision, "baseline")
    return None


def _is_daily_tokens(subject: str | None) -> bool:
    return bool(subject) and any(c in subject for c in g.DAILY_CUES) and bool(_TOKEN_CUE.search(subject))


def _last_usage_noun(norm: str, start: int, end: int) -> str | None:
    found = None
    for match in _USAGE_NOUN.finditer(norm, start, end):
        found = match.group(0)
    return found.lstrip("的 \t") if found else None


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
        return offset + times.start(), word_bound, times.group("what")
    return None, None, None


def _is_from_value(norm: str, floor: int, start: int, ceiling: int, end: int) -> bool:
    """True for X in "从X到Y"/"由X降至Y": the fact is Y."""
    before = norm[max(floor, start - 6) : start]
    if not re.search(r"(?:从|由)[^，,。]{0,5}$", before):
        return False
    rest = norm[end:ceiling]
    return bool(re.search("|".join(g.PRICE_CUT_CUES), rest))


def _segment(norm: str, s: _Sentence, clause: Span, verb_pos: int) -> str | None:
    head = norm[clause.start : verb_pos].strip()
    if head and not _USAGE_NOUN.search(head) and len(squash(head)) <= 10 \
            and not any(m for m in s.mentions if clause.start <= m.start < verb_pos) \
            and not find_dates(head, s.published) and not re.search(r"[其这该它与较比自从同]|倍|\d", head):
        return squash(head)
    found = None
    for pattern in _SEGMENT:
        for match in pattern.finditer(norm, s.span.start, verb_pos):
            found = match.group(1).strip()
    return squash(found) if found else None


def _currency_unit(m: re.Match) -> str | None:
    return _currency_unit_from(m.group("sym"), m.group("cur"))


def _currency_unit_from(symbol: str | None, word: str | None) -> str | None:
    if word:
        word_key = word.upper() if word.upper() in g.CURRENCY_SYMBOLS else word
        if word_key in g.CURRENCY_SYMBOLS:
            return g.CURRENCY_SYMBOLS[word_key]
        if word == "美分":
            return "USD_cent"
        return g.CURRENCY_WORDS.get(word)
    if symbol:
        return g.CURRENCY_SYMBOLS.get(symbol)
    return None


def _token_count(raw: str | None) -> float:
    if raw is None:
        return 1.0
    key = re.sub(r"[ \t,]", "", raw)
    for candidate in (key, key.upper(), key.lower()):
        if candidate in g.TOKEN_COUNT_WORDS:
            return g.TOKEN_COUNT_WORDS[candidate]
    return 1.0


def _direction(norm: str, clause: Span, m: re.Match) -> str:
    inside = m.groupdict().get("dir_in")
    if inside:
        return g.DIRECTION_CUES[inside.lower()]
    if m.groupdict().get("mid"):
        cue = _DIRECTION.search(m.group("mid"))
        if cue:
            return g.DIRECTION_CUES[cue.group(0).lower()]
    cues = list(_DIRECTION.finditer(norm, clause.start, m.start()))
    if cues:
        return g.DIRECTION_CUES[cues[-1].group(0).lower()]
    return "unspecified"


def _condition(norm: str, s: _Sentence, clause: Span, m: re.Match) -> str | None:
    # the clause itself, plus a parenthetical right after the price: "0.1元/百万tokens（缓存命中）"
    window_end = min(s.span.end, m.end() + 12)
    window = norm[min(clause.start, m.start()) : m.end()] + " " + norm[m.end() : window_end].split("，")[0]
    cue = None
    for found in _CONDITION.finditer(window):
        cue = g.CONDITION_CUES[found.group(0).lower()]
    if cue:
        return cue
    tier = None
    for found in _TIER.finditer(norm, clause.start, m.start()):
        tier = found
    if tier:
        if tier.group("upto"):
            return f"context:0-{tier.group('upto')}k"
        if tier.group("over"):
            return f"context:{tier.group('over')}k+"
        return f"context:{tier.group('lo')}k-{tier.group('hi')}k"
    return None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.fact_id, fact)
    return list(seen.values())


def extract_facts(article: Article, registry: Registry | None = None) -> list[Fact]:
    """All facts of the three families stated in `article`, in text order."""
    return _Extractor(article, registry or load_registry()).run()
