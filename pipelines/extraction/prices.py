"""Prices in a sentence or a table: amounts with a currency per a number of tokens.

The patterns read "0.0008元/千Tokens", "每百万tokens 2元", "$2.5 per 1M input tokens", lists
("0.5元（缓存命中）、2元（缓存未命中）"), input/output pairs, "从X降至Y" cuts, and Markdown price
tables with a unit line. facts.py turns the mentions found here into price_point facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import grammar as g
from .numbers import bound_before, parse_chinese_integer
from .text import Span

_DIRECTION = re.compile("(?:" + "|".join(sorted(g.DIRECTION_CUES, key=len, reverse=True)) + ")(?![ \t]*(?:"
                        + "|".join(g.NOT_DIRECTION_BEFORE) + "))", re.IGNORECASE)
_CONDITION = re.compile("|".join(sorted(g.CONDITION_CUES, key=len, reverse=True)), re.IGNORECASE)
_TIER = re.compile(
    # never the digits of a model id ("moonshot-v1-8k")
    r"(?<![A-Za-z0-9.\-])(?:(?P<lo>\d+)[ \t]*[Kk]?[ \t]*(?:-|~|～|至|到)[ \t]*(?P<hi>\d+)[ \t]*[Kk]"
    r"|(?P<upto>\d+)[ \t]*[Kk][ \t]*(?:以内|以下|及以下|及以内)"
    r"|(?P<over>\d+)[ \t]*[Kk][ \t]*(?:以上|及以上)"
    # "< 200k", "≤32K", "> 200k"
    r"|(?:[<≤＜][ \t]*=?)[ \t]*(?P<upto2>\d+)[ \t]*[Kk]|(?:[>≥＞][ \t]*=?)[ \t]*(?P<over2>\d+)[ \t]*[Kk])"
)
_CURRENCY_WORD = "|".join(sorted(g.CURRENCY_WORDS, key=len, reverse=True))
_TOKEN_WORD = g.TOKEN_WORD  # tokens, token, 词元, 令牌
_COUNT = r"(?:百万|一百万|1百万|100[ \t]*万|千|一千|1千|1,?000|[1-9]\d{0,2}[ \t]*万|万|一万|1[ \t]*[MK]|[MK]|million|thousand|1)"
# An amount in digits, or in one Chinese numeral before the spoken 块 ("输出两块钱").
_AMOUNT = (r"(?P<sym>US\$|\$|¥|￥)?[ \t]*(?P<amount>\d+(?:\.\d+)?|(?<![一二两三四五六七八九十百千万几数多])[一二两三四五六七八九十]{1,3}(?=块))"
           r"[ \t]*(?P<cur>" + _CURRENCY_WORD + r"|美分|USD|CNY|RMB)?")
# the token word may be left out after a direction ("$2.50/100万输入") or after a bare count of
# 百万/千 ending the phrase ("$0.50/百万，"), as after M or K
_TOKENS = (r"(?:个[ \t]*)?(?:(?P<dir_in>输入|输出|input|output)[ \t]*)?(?:" + _TOKEN_WORD
           + r"|(?:(?<=输入)|(?<=输出))(?![ \t]*[A-Za-z\u4e00-\u9fff])|(?:(?<=百万)|(?<=千))(?![ \t]*[A-Za-z0-9\u4e00-\u9fff]))")
# "0.0008元/千Tokens", "$2.5 per 1M input tokens", "2元每百万tokens"
_PRICE_AFTER = re.compile(
    r"(?<![A-Za-z0-9.\-])" + _AMOUNT + r"[ \t]*(?:/[ \t]*每?|每|per|(?=一百万|一千)(?<=[元块钱刀]))[ \t]*(?P<count>" + _COUNT + r")?[ \t]*"
    # "$0.4/M 输入": a count of M or K stands for tokens on its own
    + r"(?:" + _TOKENS + r"|(?<=[MK])(?![A-Za-z0-9]))",
    re.IGNORECASE,
)
# "每百万tokens输入价格为2元", "每千 tokens 0.0008 元", "每百万输入tokens 2.5美元"
_PRICE_BEFORE = re.compile(
    # (without 每, a count of tokens names the denominator too: "输出 1M Token 是 N 美元")
    r"(?:每[ \t]*|(?<![\d.A-Za-z])(?=(?:百万|一百万|千|一千|1[ \t]*[MK])[ \t]*(?:个[ \t]*)?(?:输入|输出)?[ \t]*tokens?))"
    # a comma may follow the token word: "每1000 Tokens,低至N元"
    r"(?:(?P<count>" + _COUNT + r")?[ \t]*" + _TOKENS + r"(?:[ \t]*[，,](?=[^，,。；;]{0,12}?\d))?"
    # "每百万个 A 美元", "每百万A美元": the count stands for tokens, right before the amount
    + r"|(?P<count_only>百万|一百万|千|一千)[ \t]*个?(?=[ \t]*(?:US\$|\$|¥|￥)?[ \t]*\d))"
    # the words between may hold a short parenthesis: "百万tokens输入(缓存命中)价格分别为A元"
    # (never over a spoken amount of its own: "每百万tokens八毛、输出八块" is two prices)
    # or an approximation in brackets: "每百万输入tokens(约 N 万字)M美元"
    + r"(?P<mid>(?:[^，,。；;\d$¥￥（(毛角]|（[^）\d]{0,10}）|\([^)\d]{0,10}\)|[（(][ \t]*(?:约|大约|相当于)[^）)]{0,14}[）)]){0,12}?)[ \t]*"
    + _AMOUNT,
    re.IGNORECASE,
)
# A price restated in brackets in the other currency, as a list price: "（人民币2.1元）", "（$0.3）";
# not a conversion in passing ("（约合人民币2.1元）")
_RESTATED_IN_PAREN = re.compile(r"[ \t]*[（(][ \t]*(?:人民币|RMB)?[ \t]*" + _AMOUNT + r"[ \t]*[)）]")
# "…从X降至Y元": the new price right after an old one.
_CUT_TO = re.compile(
    r"[ \t]*(?:" + "|".join(c for c in g.PRICE_CUT_CUES) + r")[ \t]*" + _AMOUNT + r"(?![\d.])", re.IGNORECASE
)
# a short parenthesis after a price: "（缓存命中）", "(输入)"
_PAREN = r"(?:（[^）]{0,14}）|\([^)]{0,14}\))"
# "每百万tokens 0.5元（缓存命中）、2元（缓存未命中）": more prices for the same denominator.
# The words between the separator and the amount may name the direction or the condition:
# "…0.1元，缓存未命中是1元", "…2元，输出则为8元".
_PRICE_MORE = re.compile(
    r"[ \t]*" + _PAREN + r"?[ \t]*(?:[、,，和及与]|/(?=[ \t]*(?:US\$|\$|¥|￥)?[ \t]*\d))[ \t]*(?P<mid2>[^，,。；;、\d$¥￥/]{0,10}?)[ \t]*"
    + _AMOUNT.replace("sym", "sym2").replace("amount", "amount2").replace("cur", "cur2")
    + r"(?![\d.])(?![ \t]*(?:/|每|per))",
    re.IGNORECASE,
)
FREE = re.compile("|".join(g.FREE_CUES))


def is_from_value(norm: str, floor: int, start: int, ceiling: int, end: int) -> bool:
    """True for X in "从X到Y"/"由X降至Y", and in "（由X下调）" after the new price: the fact is Y."""
    before = norm[max(floor, start - 6) : start]
    if not re.search(r"(?:从|由)[^，,。]{0,5}$", before):
        return False
    rest = norm[end:ceiling]
    return bool(re.search("|".join(g.PRICE_CUT_CUES), rest) or _CHANGED.match(rest))


# "由X下调）": X is where a change started, the new price stated before it
_CHANGED = re.compile(r"[ \t]*(?:下调|上调|调整|调低|调高|降价|涨价|下降|降低|上涨)(?:而来)?[ \t]*(?:[）)，,。；;]|$)")
# What an amount spent came to: "<time>就烧掉了$N", "花了N元" is a cost, not a price
SPENT = re.compile(r"(?:花了|花掉了?|烧掉了?|烧了|花费了?|支付了?|付了|消费了?|共花|总共花)[ \t]*(?:约|大约|近|超过|将近)?[ \t]*(?:US\$|\$|¥|￥)?[ \t]*$")


@dataclass
class PriceMention:
    start: int  # where the price phrase starts: entity and date are looked up from here
    end: int
    amount_start: int
    amount_end: int
    amount: float
    currency_unit: str
    per_tokens: float
    bound: str = "eq"
    direction: str | None = None
    condition: str | None = None
    continued: bool = False  # "、2元（缓存未命中）" after a first price
    respective: bool = False  # one of the amounts after 分别 with no denominator of their own
    extra_spans: list = field(default_factory=list)


# "input $2.50 / output $10 per 1M tokens": two prices sharing one denominator.
_PRICE_PAIR = re.compile(
    r"(?P<d1>input|输入)[ \t]*[:：]?[ \t]*" + _AMOUNT.replace("(?P<", "(?P<a_")
    + r"[ \t]*[/，,、][ \t]*(?P<d2>output|输出)[ \t]*[:：]?[ \t]*" + _AMOUNT.replace("(?P<", "(?P<b_")
    + r"[ \t]*(?:/|每|per)[ \t]*(?P<count>" + _COUNT + r")?[ \t]*(?:个[ \t]*)?" + _TOKEN_WORD,
    re.IGNORECASE,
)


# Prices written in the small units of the yuan, alone or compounded: "3厘", "两毛钱", "1毛2" (1毛2分),
# "3分8厘", "1分钱". Each needs a token denominator before it in its clause ("每千tokens",
# "千tokens输入价格仅为") or right after it ("/千tokens").
_SMALL_DIGIT = r"(?:\d|[一二两三四五六七八九])"
_SMALL_MONEY = re.compile(
    r"(?<![\d.])(?:(?P<mao>" + _SMALL_DIGIT + r")[ \t]*[毛角][ \t]*(?P<mao_fen>" + _SMALL_DIGIT + r")?(?![\d.分厘])"
    r"|(?P<fen>" + _SMALL_DIGIT + r")[ \t]*分(?![钟之别析享配成布散数期批])(?:[ \t]*(?P<fen_li>" + _SMALL_DIGIT + r")[ \t]*厘?)?"
    r"|(?P<li>" + _SMALL_DIGIT + r"|半)[ \t]*厘)(?![ \t]*多)(?:[ \t]*钱)?"
)
_DENOMINATOR_BEFORE = re.compile(r"(?:每[ \t]*)?(?P<count>百万|一百万|千|一千|万|1000|1K|1M|K|M)[ \t]*(?:个[ \t]*)?"
                                 r"(?:(?:输入|输出)[ \t]*)?" + _TOKEN_WORD + r"(?P<mid>[^，,。；;\d]{0,14}?)[ \t]*$", re.IGNORECASE)
# "<N>毛钱一百万token": spoken, the count itself says "per one million"
# (spoken, the token word may be left to the sentence before: "输入八毛钱一百万，输出两块")
_DENOMINATOR_AFTER = re.compile(r"[ \t]*(?:/|每|(?=一百万|一千))[ \t]*(?P<count>一百万|一千|百万|千|万|1K|1M|K|M)[ \t]*(?:个[ \t]*)?"
                                r"(?:" + _TOKEN_WORD + r"|(?<=一百万)(?=[ \t]*(?:[，,。；;！!？?]|$)))", re.IGNORECASE)
_BRACKETED_DENOMINATOR = re.compile(r"[（(][ \t]*(?:每|/)?[ \t]*(?P<count>一百万|百万|一千|千|1M|1K|M|K)[ \t]*(?:个[ \t]*)?"
                                    + _TOKEN_WORD + r"[ \t]*[)）]", re.IGNORECASE)
_SMALL_VALUE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}


def _amount(text: str) -> float:
    if text[0].isdigit():
        return float(text)
    return float(_SMALL_VALUE[text]) if text in _SMALL_VALUE else float(parse_chinese_integer(text) or 0)


# The tenths after a spoken 块: "一块二" is 1.2 元, "一块五" 1.5 元 (not "两块钱", "八块，")
_KUAI_TENTHS = re.compile(r"[ \t]*块[ \t]*(?P<tenths>[一二两三四五六七八九])(?![一二两三四五六七八九十百千万亿\d毛角分钱])")


def _with_spoken_tenths(norm: str, found: list["PriceMention"]) -> list["PriceMention"]:
    for p in found:
        tenths = _KUAI_TENTHS.match(norm, p.amount_end) if p.currency_unit == "CNY" else None
        if tenths:
            p.amount = round(p.amount + _SMALL_VALUE[tenths.group("tenths")] / 10, 4)
            p.amount_end = tenths.end()
            p.end = max(p.end, tenths.end())
    return found


def _small_money_yuan(m: re.Match) -> float:
    """The amount in 元, by pint: 1毛2 → 0.1 元 + 2 分, 3分8厘 → 3 分 + 8 厘."""
    from .units import registry

    ureg = registry()

    def n(group: str) -> float:
        raw = m.group(group)
        return 0.0 if raw is None else float(raw) if raw.isdigit() else float(_SMALL_VALUE[raw])

    total = (ureg.Quantity(n("mao"), "CNY_jiao") + ureg.Quantity(n("mao_fen"), "CNY_fen")
             + ureg.Quantity(n("fen"), "CNY_fen") + ureg.Quantity(n("fen_li"), "CNY_li") + ureg.Quantity(n("li"), "CNY_li"))
    return round(total.to("CNY").magnitude, 10)


def _small_money_mentions(norm: str, span: Span, taken: list[tuple[int, int]],
                          earlier: list["PriceMention"] = ()) -> list[PriceMention]:
    found = []
    for m in _SMALL_MONEY.finditer(norm, span.start, span.end):
        if not _free_of(m, taken) or norm[max(span.start, m.start() - 2):m.start()].endswith(("几", "数", "多")):
            continue  # "几分钱到一毛多钱": a range in words, not a price
        floor_of_clause = max(span.start, clause_start(norm, m.start(), span.start))
        before = _DENOMINATOR_BEFORE.search(norm, max(floor_of_clause, m.start() - 40), m.start())
        after = _DENOMINATOR_AFTER.match(norm, m.end(), span.end)
        clause_end = min([i for i in (norm.find(c, m.end(), span.end) for c in "，,。；;") if i >= 0], default=span.end)
        # "输入一毛五、输出一块五（每百万tokens）": the denominator in brackets at the end of the clause
        trailing = _BRACKETED_DENOMINATOR.search(norm, m.end(), clause_end) if not (before or after) else None
        denominator = before or after or trailing
        per_tokens = token_count(denominator.group("count")) if denominator is not None else None
        if denominator is None:
            # "输入才三毛钱一百万token，输出六毛": a direction and a spoken amount go on under the
            # denominator of the price before them in the sentence
            previous = [p for p in [*earlier, *found] if p.end <= m.start() and p.currency_unit == "CNY"]
            if not previous or not _DIRECTED_SPOKEN.search(norm, max(span.start, m.start() - 8), m.start()):
                continue
            per_tokens = max(previous, key=lambda p: p.end).per_tokens
        start = before.start() if before else m.start()
        end = after.end() if after else m.end()
        words = norm[start:end]
        direction_cue = _DIRECTION.search(words)
        mention = PriceMention(start, end, m.start(), m.end(), _small_money_yuan(m), "CNY", per_tokens,
                               direction=g.DIRECTION_CUES[direction_cue.group(0).lower()] if direction_cue else None,
                               condition=condition_words(words))
        word_bound = bound_before(norm, m.start(), floor_of_clause)
        mention.bound = word_bound[0] if word_bound and word_bound[0] != "eq" else "eq"
        found.append(mention)
    return found


# "$0.40 / $1.60（输入/输出，每1M tokens）": two amounts, then their directions and denominator.
_SLASH_PAIR = re.compile(
    _AMOUNT.replace("(?P<", "(?P<a_") + r"[ \t]*/[ \t]*" + _AMOUNT.replace("(?P<", "(?P<b_")
    + r"[ \t]*[（(][ \t]*(?P<d1>输入|input)[ \t]*/[ \t]*(?P<d2>输出|output)[ \t]*[，,;；]?[ \t]*(?:每|per|/)[ \t]*"
    r"(?P<count>" + _COUNT + r")?[ \t]*(?:个[ \t]*)?" + _TOKEN_WORD + r"[ \t]*[）)]",
    re.IGNORECASE,
)


_PER_TIME = re.compile(_TOKEN_WORD + r"[ \t]*(?:/|每|per)[ \t]*(?:min|minute|分钟|小时|hour|秒|天|日)(?![A-Za-z])",
                       re.IGNORECASE)
# the same, with the time first: "另按每小时每百万tokens 4.5美元收取存储费用"
_PER_TIME_BEFORE = re.compile(r"(?:每|/|per)[ \t]*(?:小时|分钟|秒|天|日|hour|minute|min)[ \t]*(?:每|/|per)[ \t]*(?:" + _COUNT + r")?[ \t]*(?:个[ \t]*)?"
                              + _TOKEN_WORD + r"[^，,。；;]{0,6}$|存储费", re.IGNORECASE)


def price_mentions(norm: str, span: Span) -> list[PriceMention]:
    """Every price in a sentence, in text order, with what its own words say."""
    found: list[PriceMention] = []
    pairs = list(_PRICE_PAIR.finditer(norm, span.start, span.end)) + list(_SLASH_PAIR.finditer(norm, span.start, span.end))
    taken = [(m.start(), m.end()) for m in pairs]
    for m in pairs:
        count = token_count(m.group("count"))
        for prefix, direction in (("a_", m.group("d1")), ("b_", m.group("d2"))):
            unit = currency_unit_from(m.group(prefix + "sym"), m.group(prefix + "cur"))
            if unit:
                found.append(PriceMention(m.start(prefix + "amount"), m.end(), m.start(prefix + "amount"),
                                           m.end(prefix + "amount"), _amount(m.group(prefix + "amount")), unit, count,
                                           direction=g.DIRECTION_CUES[direction.lower()]))
    matches = [m for m in _PRICE_AFTER.finditer(norm, span.start, span.end)
               if _currency_unit(m) and _free_of(m, taken)]
    taken += [(m.start(), m.end()) for m in matches]
    matches += [m for m in _PRICE_BEFORE.finditer(norm, span.start, span.end) if _free_of(m, taken) and _currency_unit(m)]
    full_spans = [(m.start(), m.end()) for m in matches]
    for m in sorted(matches, key=lambda m: m.start()):
        unit = _currency_unit(m)
        per_tokens = token_count(m.group("count") or m.groupdict().get("count_only"))
        own_words = (m.groupdict().get("dir_in") or "") + (m.groupdict().get("mid") or "")
        direction_cue = _DIRECTION.search(own_words)
        mention = PriceMention(
            m.start(), m.end(), m.start("amount"), m.end("amount"), _amount(m.group("amount")), unit, per_tokens,
            direction=g.DIRECTION_CUES[direction_cue.group(0).lower()] if direction_cue else None,
            condition=condition_words(norm[m.start() : m.end()] + paren_after(norm, m.end())),
        )
        word_bound = bound_before(norm, m.start("amount"), m.start()) or bound_before(norm, m.start(), span.start)
        mention.bound = word_bound[0] if word_bound and word_bound[0] != "eq" else "eq"
        if re.match(r"[ \t]*起", norm[m.end() : m.end() + 3]):
            mention.bound = "ge"  # "0.3元/百万tokens起"
        floor_of_clause = max(span.start, clause_start(norm, m.start(), span.start))
        mid_from = any(f in (m.groupdict().get("mid") or "") for f in g.FROM_MARKERS)
        if mid_from or is_from_value(norm, floor_of_clause, m.start(), span.end, m.end()):
            # "从X降至Y": X is the old price; a Y without its own denominator shares X's
            to = _CUT_TO.match(norm, m.end(), span.end)
            if not (to and currency_unit_from(to.group("sym"), to.group("cur"))
                    and not any(a <= to.start("amount") < b for a, b in full_spans)):
                continue
            mention.extra_spans.append((m.start(), m.end()))
            mention.amount_start, mention.amount_end = to.start("amount"), to.end("amount")
            mention.amount = _amount(to.group("amount"))
            mention.currency_unit = currency_unit_from(to.group("sym"), to.group("cur"))
            mention.end = to.end()
            mention.bound = "eq"
        found.append(mention)
        restated = _RESTATED_IN_PAREN.match(norm, mention.end, span.end)
        unit = currency_unit_from(restated.group("sym"), restated.group("cur")) if restated else None
        if unit and unit != mention.currency_unit and unit in ("CNY", "USD"):
            # "0.3美元（人民币2.1元）": the same price in the other currency, as the vendor lists it
            found.append(PriceMention(restated.start("amount"), restated.end(), restated.start("amount"),
                                      restated.end("amount"), _amount(restated.group("amount")), unit,
                                      mention.per_tokens, direction=mention.direction, condition=mention.condition,
                                      bound=mention.bound, continued=True))
        found += _more_after(norm, mention, span.end, condition_words(norm[m.start():m.start("amount")]))
    taken = [(p.amount_start, p.amount_end) for p in found] + [(p.start, p.end) for p in found]
    found += _small_money_mentions(norm, span, [(a, b) for a, b in taken if b > a], found)
    # "10元/1M tokens/min": a fee for keeping tokens (cache storage) per unit of time, not a price of tokens
    found = [p for p in found if not _PER_TIME.search(norm, p.start, min(span.end, p.end + 16))
             and not _PER_TIME_BEFORE.search(norm, max(span.start, p.amount_start - 24), p.amount_start)
             and not re.match(r"[^，,。；;]{0,6}存储费", norm[p.amount_end:p.amount_end + 10])]
    found = [p for p in found if not _FOREIGN_BEFORE.search(norm, max(span.start, p.amount_start - 8), p.amount_start)
             # "0.8—2元/百万tokens", "一到两块钱": the top of a range is not a price
             and not _RANGE_BEFORE.search(norm, max(span.start, p.amount_start - 12), p.amount_start)]
    return sorted(_with_spoken_tenths(norm, found), key=lambda p: p.start)


# A direction opening its clause right before a spoken amount: "，输出六毛", "、输出则是八毛"
_DIRECTED_SPOKEN = re.compile(r"[，,、；;][ \t]*(?:输入|输出)[ \t]*(?:是|为|则是|则为|才|只要|仅)?[ \t]*$")
# The low end of a range right before an amount: "0.8—", "一到", "1~"
_RANGE_BEFORE = re.compile(r"(?<![降涨调升提])(?:\d(?:\.\d+)?|[一二两三四五六七八九十])[ \t]*(?:—|–|-|~|～|至|到)[ \t]*(?:US\$|\$|¥|￥)?[ \t]*$")
# An amount in another currency: "约新台币37元", "HK$3", "NT$ 37"
_FOREIGN_BEFORE = re.compile("(?:" + "|".join(re.escape(w) for w in g.FOREIGN_CURRENCY_WORDS) + r")[ \t]*(?:约|仅|只要|大约)?[ \t]*\$?[ \t]*$")


_CACHE_CONDITIONS = ("cache_hit", "cache_miss", "cache_write")


def _more_after(norm: str, mention: PriceMention, end: int, shared_condition: str | None) -> list[PriceMention]:
    """The prices listed after `mention` for the same denominator: "、2元（缓存未命中）", "、输出8元"."""
    found, position = [], mention.end
    while more := _PRICE_MORE.match(norm, position, end):
        if more.group("cur2") is None and more.group("sym2") is None:
            break
        words = (more.group("mid2") or "") + paren_after(norm, more.end())
        direction_cue = _DIRECTION.search(more.group("mid2") or "")
        own_condition = condition_words(words)
        found.append(PriceMention(
            more.start("amount2"), more.end(), more.start("amount2"), more.end("amount2"),
            _amount(more.group("amount2")),
            currency_unit_from(more.group("sym2"), more.group("cur2")) or mention.currency_unit,
            mention.per_tokens,
            # a cache price of its own ("、快取讀取 $0.30") is an input price, whatever came before it
            direction=g.DIRECTION_CUES[direction_cue.group(0).lower()] if direction_cue
            else "input" if own_condition in _CACHE_CONDITIONS else mention.direction,
            # a condition stated before the first amount holds for the list ("输入(缓存命中)价格分别为
            # A元和B元"); one in a parenthesis after it is that amount's own ("A元（缓存命中）、B元")
            condition=own_condition or (shared_condition if not direction_cue else None), continued=True,
        ))
        position = more.end()
    return found


# "输入1块钱、输出4块钱": a direction and an amount, the denominator left to the sentence before
_DIRECTED_AMOUNT = re.compile(
    r"(?P<dir>输入|输出|input|output|cache[ \t]*hit|cache[ \t]*miss|缓存命中|缓存未命中)[ \t]*(?:价格|价)?[ \t]*(?:为|是|仅为|只要|要|则为|降至|降到)?[ \t]*" + _AMOUNT
    + r"(?![\d.])(?![ \t]*(?:/|每|per))", re.IGNORECASE)


_OLD_PRICE = re.compile(r"之前|此前|以前|原价|原来|过去|上一代|曾经")


# "输入、输出分别为A元和B元": two directions, then 分别 and their amounts in order
_DIRECTED_PAIR = re.compile(
    r"(?P<d1>输入|输出|input|output)[ \t]*(?:价格|价)?[ \t]*[、和与及/][ \t]*(?P<d2>输入|输出|input|output)[ \t]*(?:价格|价)?[ \t]*"
    r"分别(?:为|是|降至|降为|调整为)?[ \t]*" + _AMOUNT.replace("(?P<", "(?P<a_")
    + r"[ \t]*(?:和|、|及|与|/)[ \t]*" + _AMOUNT.replace("(?P<", "(?P<b_") + r"(?![\d.])(?![ \t]*(?:/|每|per))",
    re.IGNORECASE)


def directed_prices(norm: str, span: Span, per_tokens: float) -> list[PriceMention]:
    """Prices by direction without a denominator of their own, under the one the paragraph's last
    price statement gave ("hunyuan-TurboS每百万tokens输入8毛钱…。混元T1，输入1块钱、输出4块钱")."""
    found = []
    for m in _DIRECTED_PAIR.finditer(norm, span.start, span.end):
        if _OLD_PRICE.search(norm, clause_start(norm, m.start(), span.start), m.start()):
            continue
        for side, direction in (("a_", m.group("d1")), ("b_", m.group("d2"))):
            unit = currency_unit_from(m.group(side + "sym"), m.group(side + "cur") or m.group("b_cur"))
            if unit is None:
                break
            found.append(PriceMention(m.start(side + "amount") if side == "b_" else m.start(),
                                      m.end(side + "amount"), m.start(side + "amount"), m.end(side + "amount"),
                                      _amount(m.group(side + "amount")), unit, per_tokens,
                                      direction=g.DIRECTION_CUES[direction.lower()]))
    for cue in _RESPECTIVELY.finditer(norm, span.start, span.end):
        found += _respective_amounts(norm, span, cue, per_tokens)
    for m in _DIRECTED_AMOUNT.finditer(norm, span.start, span.end):
        unit = currency_unit_from(m.group("sym"), m.group("cur"))
        if unit is None or _OLD_PRICE.search(norm, clause_start(norm, m.start(), span.start), m.start()):
            continue  # "之前<model>是输入N美元": the price before the change
        directed = PriceMention(m.start(), m.end(), m.start("amount"), m.end("amount"), _amount(m.group("amount")),
                                unit, per_tokens, direction=g.DIRECTION_CUES.get(m.group("dir").lower(), "input"),
                                condition=condition_words(norm[m.start():m.end()] + paren_after(norm, m.end())))
        found.append(directed)
        # "输入缓存命中A、未命中B": the list goes on under the same direction
        found += [more for more in _more_after(norm, directed, span.end, None)
                  if not any(f.amount_start == more.amount_start for f in found)]
    return _with_spoken_tenths(norm, found)


# "分别为A美元、B美元和C美元": amounts shared out over a list named before them, with no
# denominator of their own (the one stated before holds)
_RESPECTIVELY = re.compile(r"分别(?:为|是|降至|降为|调整为|下调至|约为|达到)?[ \t]*")
_LISTED_AMOUNT = re.compile(r"[ \t]*(?:和|、|及|与|以及|,|，)?[ \t]*" + _AMOUNT + r"(?![\d.])")


def _respective_amounts(norm: str, span: Span, cue: re.Match, per_tokens: float) -> list[PriceMention]:
    matches, position = [], cue.end()
    while (m := _LISTED_AMOUNT.match(norm, position, span.end)) and (matches or not re.match(r"[ \t]*[和、及与,，]", m.group(0))):
        matches.append(m)
        position = m.end()
    if len(matches) < 2 or re.match(r"[ \t]*(?:/|每|per|[（(]?[ \t]*每)", norm[position:position + 4], re.IGNORECASE):
        return []  # one amount is not a list; a denominator right after: the amounts are priced already
    last_unit = currency_unit_from(matches[-1].group("sym"), matches[-1].group("cur"))
    floor = clause_start(norm, cue.start(), span.start)
    words = norm[floor:cue.start()]
    direction_cue = list(_DIRECTION.finditer(words))
    found = []
    for m in matches:
        unit = currency_unit_from(m.group("sym"), m.group("cur")) or last_unit
        if unit is None:
            return []
        found.append(PriceMention(m.start("amount"), m.end(), m.start("amount"), m.end("amount"), _amount(m.group("amount")),
                                  unit, per_tokens,
                                  direction=g.DIRECTION_CUES[direction_cue[-1].group(0).lower()] if direction_cue else None,
                                  condition=condition_words(words), respective=True))
    return found


# A denominator stated once after the amounts it applies to: "<direction>为$A，…，均按每1M tokens计"
SHARED_DENOMINATOR = re.compile(
    r"(?:均|都|皆|全部|统一)?[ \t]*(?:按|以)[ \t]*每?[ \t]*(?P<count>" + _COUNT + r")?[ \t]*(?:个[ \t]*)?" + _TOKEN_WORD
    + r"[ \t]*(?:计价|计费|计算|计|收费)", re.IGNORECASE)
# An amount with its currency and no denominator, joined to the next one: "2元和", "0.5元、"
_BARE_AMOUNT_BEFORE = re.compile(r"(?P<sym>US\$|\$|¥|￥)?[ \t]*(?P<amount>\d+(?:\.\d+)?)[ \t]*(?P<cur>" + _CURRENCY_WORD
                                 + r"|美分|USD)?[ \t]*(?:和|、|及|与|或|以及)[ \t]*$")


# "…，输出A，均为每百万tokens。": the same, said as what the amounts all are
_ALL_PER = re.compile(r"(?:均|都|皆|全部)[ \t]*(?:为|是)[ \t]*每[ \t]*(?P<count>" + _COUNT + r")?[ \t]*(?:个[ \t]*)?" + _TOKEN_WORD
                      + r"(?=[ \t]*(?:[。；;，,！!]|$))", re.IGNORECASE)


def shared_denominator(norm: str, pos: int, end: int) -> float | None:
    """Tokens per price of a denominator stated once after `pos` in the sentence, if any."""
    m = SHARED_DENOMINATOR.search(norm, pos, end) or _ALL_PER.search(norm, pos, end)
    return token_count(m.group("count")) if m else None


def amounts_before(norm: str, floor: int, mention: PriceMention) -> list[PriceMention]:
    """The amounts listed right before a priced amount share its denominator: "分别为A元和B元/百万
    tokens" is A元 and B元 per million. Each needs its own currency, or the symbol of the one after."""
    found, position = [], mention.start
    while True:
        m = _BARE_AMOUNT_BEFORE.search(norm, floor, position)
        if m is None or m.end() != position:
            break
        unit = currency_unit_from(m.group("sym"), m.group("cur"))
        if unit is None or unit != mention.currency_unit:
            break
        found.insert(0, PriceMention(m.start(), m.end("amount"), m.start("amount"), m.end("amount"),
                                     float(m.group("amount")), unit, mention.per_tokens))
        position = m.start()
    return found


# A Markdown table: a header row, a |---| rule, then rows; the outer pipes are optional, as in
# GitHub's Markdown ("模型 | 输入 | 输出" over "---|---|---").
# The rule may be drawn with dashes of any width ("|——|————-|", as pages converted to Markdown write it).
TABLE = re.compile(r"(?m)^[^\n|]*\|[^\n]*\n[ \t]*\|?[ \t:|\-—–]*[-—–][ \t:|\-—–]*\|[ \t:|\-—–]*\n(?:[^\n|]*\|[^\n]*(?:\n|$))+")
# The unit of a table's prices: "元/百万tokens", "$/1M tokens", or a denominator alone in brackets
# or after 单位 ("价格对比表（每百万Token）"), the currency then written in the cells ("$2.50")
TABLE_UNIT = re.compile(
    r"(?:(?P<sym>US\$|\$|¥|￥)?(?P<cur>" + _CURRENCY_WORD + r"|美分|USD|CNY|RMB)?[ \t]*/[ \t]*每?|(?<=[（(])[ \t]*每|单位[：:][ \t]*每)"
    # "$/1M": a count of M or K stands for tokens on its own
    r"[ \t]*(?P<count>" + _COUNT + r")?[ \t]*(?:(?:个[ \t]*)?" + _TOKEN_WORD + r"|(?<=[MK])(?![A-Za-z0-9]))", re.IGNORECASE,
)


def table_lines(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    lines, position = [], start
    for line in norm[start:end].split("\n"):
        if line.strip():
            offset = len(line) - len(line.lstrip())
            lines.append((position + offset, position + len(line.rstrip())))
        position += len(line) + 1
    return lines


def table_cells(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in a table row "| a | b |"."""
    bars = [i for i in range(start, end) if norm[i] == "|"]
    if bars and norm[start:bars[0]].strip(" \t"):
        bars.insert(0, start - 1)  # no leading pipe: the first cell starts the row
    if bars and norm[bars[-1] + 1:end].strip(" \t"):
        bars.append(end)  # no trailing pipe
    cells = []
    for left, right in zip(bars, bars[1:]):
        a, b = left + 1, right
        while a < b and norm[a] in " \t":
            a += 1
        while b > a and norm[b - 1] in " \t":
            b -= 1
        cells.append((a, b))
    return cells


def _free_of(m: re.Match, taken: list[tuple[int, int]]) -> bool:
    return all(m.end() <= a or m.start() >= b for a, b in taken)


def clause_start(norm: str, pos: int, floor: int) -> int:
    cut = max(norm.rfind(c, floor, pos) for c in "，,；;：:。")
    return cut + 1 if cut >= 0 else floor


def paren_after(norm: str, pos: int) -> str:
    paren = re.match(r"[ \t]*" + _PAREN, norm[pos : pos + 16])
    return paren.group(0) if paren else ""


def condition_words(words: str) -> str | None:
    cue = None
    for found in _CONDITION.finditer(words):
        cue = g.CONDITION_CUES[found.group(0).lower()]
    return cue


def nearest_direction(norm: str, floor: int, pos: int) -> str | None:
    cues = list(_DIRECTION.finditer(norm, floor, pos))
    return g.DIRECTION_CUES[cues[-1].group(0).lower()] if cues else None


def direction_after(norm: str, pos: int) -> str | None:
    """A direction in a parenthesis right after the price: "$2.5/1M tokens（输入）"."""
    cue = _DIRECTION.search(paren_after(norm, pos))
    return g.DIRECTION_CUES[cue.group(0).lower()] if cue else None


def condition_before(norm: str, floor: int, pos: int) -> str | None:
    """A cache or time condition, else a context tier, named before the price."""
    cue = condition_words(norm[floor:pos])
    if cue:
        return cue
    tier = None
    for found in _TIER.finditer(norm, floor, pos):
        tier = found
    if tier is None:
        return None
    if tier.group("upto") or tier.group("upto2"):
        return f"context:0-{tier.group('upto') or tier.group('upto2')}k"
    if tier.group("over") or tier.group("over2"):
        return f"context:{tier.group('over') or tier.group('over2')}k+"
    low = tier.group("lo")
    return f"context:{'0' if int(low) == 0 else low + 'k'}-{tier.group('hi')}k"


def cached_input(direction: str, condition: str | None) -> str:
    """Cache hits, misses and writes are priced on input tokens."""
    if direction == "unspecified" and condition in ("cache_hit", "cache_miss", "cache_write"):
        return "input"
    return direction


_SLASHED_DIRECTIONS = re.compile(r"(?:输入|输出|input|output)[ \t]*/[ \t]*(?:输入|输出|input|output)", re.IGNORECASE)


def assign_respectively(norm: str, floor: int, mentions: list[PriceMention]) -> None:
    """"输入、输出价格分别为0.02元和0.06元": the n-th direction goes to the n-th price."""
    if len(mentions) < 2:
        return
    head = norm[floor : mentions[0].start]
    paired = norm[floor : mentions[0].amount_start]
    if "分别" not in head:
        # "输入/输出价格仅为0.2美元/1.5美元": directions and amounts both joined by a slash
        if not (_SLASHED_DIRECTIONS.search(paired) and len(mentions) == 2 and mentions[1].continued
                and norm[mentions[0].amount_end:mentions[1].amount_start].strip(" \t美元元$").startswith("/")):
            return
        head = paired
    cues = [g.DIRECTION_CUES[c.group(0).lower()] for c in _DIRECTION.finditer(head)]
    if len(cues) == len(mentions):
        for mention, direction in zip(mentions, cues):
            mention.direction = direction


def is_list_item(body: str, pos: int) -> bool:
    line_start = body.rfind("\n", 0, pos) + 1
    return bool(re.match(r"[ \t]*(?:[-*+•]|\d+[.、)])[ \t]", body[line_start : line_start + 8]))




def _currency_unit(m: re.Match) -> str | None:
    return currency_unit_from(m.group("sym"), m.group("cur"))


def currency_unit_from(symbol: str | None, word: str | None) -> str | None:
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


def token_count(raw: str | None) -> float:
    if raw is None:
        return 1.0
    key = re.sub(r"[ \t,]", "", raw)
    if re.fullmatch(r"[1-9]\d{0,2}万", key) and key not in g.TOKEN_COUNT_WORDS:
        return float(key[:-1]) * 1e4  # "1元/200万tokens"
    for candidate in (key, key.upper(), key.lower()):
        if candidate in g.TOKEN_COUNT_WORDS:
            return g.TOKEN_COUNT_WORDS[candidate]
    return 1.0
