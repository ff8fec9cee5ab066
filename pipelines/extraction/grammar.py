"""The grammar of Chinese quantities, dates and cues, as data.

Everything the extractor knows about the language lives here as tables; the modules next to
this one only apply them. To teach the extractor a new phrasing, add a row here (and a case
to tests/test_phrases.py), not a branch in the code.
"""

from __future__ import annotations

# --- Characters -------------------------------------------------------------------------------

# Traditional → simplified comes from OpenCC's character tables (text.traditional_to_simplified).

# Full-width forms → ASCII (digits, Latin letters, % . , $). Also one-to-one.
FULLWIDTH_TO_ASCII = str.maketrans(
    "０１２３４５６７８９％．＄ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ／～－",
    "0123456789%.$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/~-",
)

# --- Numerals ---------------------------------------------------------------------------------

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}

# Units inside a Chinese numeral ("一千二百" = 1200).
CHINESE_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

# Magnitudes that scale a number ("5000亿", "4 万亿", "1.3万亿"). They multiply when stacked:
# 千万 = 千 × 万 = 1e7; 万亿 = 万 × 亿 = 1e12. 兆 is 1e12, the reading of Taiwanese tech press
# and of token/money contexts (never the SI "mega").
MAGNITUDES = {
    "十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8, "兆": 1e12,
}
# English magnitudes after an Arabic number ("100 trillion", "1.5 billion"), in press quoting English sources
ENGLISH_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "quadrillion": 1e15}

# Vague amounts, written as a multiplier range over the magnitude that follows them: the order
# of magnitude they name. "数千万" = 数千 × 万 → [1e3, 1e4) × 1e4 = [1e7, 1e8); "十几倍" = [11, 19];
# "上百亿" = [1e2, 1e3) × 1e8. The fact's value is the geometric middle of the range (what a
# log-scale chart should plot); value_low/value_high keep the range.
VAGUE_PREFIXES = {
    # prefix: (low multiplier, high multiplier, bound)
    "十几": (11, 19, "approx"),
    "几十": (10, 100, "approx"),
    "数十": (10, 100, "approx"),
    "几百": (100, 1000, "approx"),
    "数百": (100, 1000, "approx"),
    "几千": (1000, 10000, "approx"),
    "数千": (1000, 10000, "approx"),
    "上百": (100, 1000, "ge"),
    "上千": (1000, 10000, "ge"),
    "上万": (10000, 100000, "ge"),
    "几": (1, 10, "approx"),
    "数": (1, 10, "approx"),
}

# A trailing 多/余/来 after a number means "a bit more than": 50多 → (50, 60); 1亿多 → (1e8, 2e8).
MORE_THAN_SUFFIXES = ("多", "余", "来")

# --- Bounds -------------------------------------------------------------------------------------

# Words right before a number that qualify it. Longest first when matching.
BOUND_PREFIXES = {
    "不超过": "le", "不高于": "le", "最多": "le", "至多": "le", "最高": "le",
    "不低于": "ge", "不少于": "ge", "至少": "ge",
    "不到": "lt", "不足": "lt", "低于": "lt", "少于": "lt", "未满": "lt",
    "超过": "gt", "突破": "gt", "超出": "gt", "高于": "gt", "多于": "gt", "大于": "gt",
    "逾": "gt", "超": "gt", "破": "gt",
    "将近": "approx", "接近": "approx", "大约": "approx", "约为": "approx", "约": "approx",
    "近": "approx", "大概": "approx", "约合": "approx", "差不多": "approx", "大致": "approx",
    "达到": "eq", "达": "eq", "为": "eq", "是": "eq", "只有": "eq", "仅为": "eq", "仅": "eq",
    "只要": "eq", "低至": "eq", "降至": "eq", "降到": "eq", "来到": "eq", "至": "eq", "到": "eq",
}

# Filler allowed between a bound word and the number ("已突破", "已经超过了").
BOUND_FILLERS = ("了", "已", "已经", "就", "都", "更是", "也", "均", "分别", "还", "处理", "消耗", "调用", "使用", "生成")

# Words right after a number (and its unit) that qualify it.
BOUND_SUFFIXES = {
    "以上": "gt", "之多": "gt", "有余": "gt",
    "以内": "le", "以下": "lt",
    "左右": "approx", "上下": "approx", "级": "approx", "量级": "approx", "规模": "approx", "级别": "approx",
    "出头": "gt",
}

# --- Units --------------------------------------------------------------------------------------

TOKEN_WORDS = ("tokens", "token", "词元", "令牌")
# The same words as one regex group, for the patterns that embed them
TOKEN_WORD = "(?:" + "|".join(sorted(TOKEN_WORDS, key=len, reverse=True)) + ")"

# Currency words → pint unit names (the project registry defines CNY, USD and CNY_li/CNY_fen).
CURRENCY_WORDS = {
    "人民币": "CNY", "块钱": "CNY", "元": "CNY", "块": "CNY", "厘": "CNY_li", "分钱": "CNY_fen",
    "美元": "USD", "美金": "USD", "刀": "USD",
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "¥": "CNY", "￥": "CNY", "RMB": "CNY", "CNY": "CNY", "USD": "USD"}
# Other currencies, whose amounts are never read as yuan or dollars: "约新台币37元" is not 37 CNY,
# "HK$3" is not 3 USD. The warehouse keeps CNY and USD prices only.
FOREIGN_CURRENCY_WORDS = ("新台币", "台币", "港币", "港元", "日元", "日圆", "韩元", "欧元", "新加坡元", "澳元", "加元", "英镑",
                          "NT$", "HK$", "NTD", "HKD", "JPY", "EUR")

# Price denominators: how many tokens a price is quoted for.
TOKEN_COUNT_WORDS = {
    "百万": 1e6, "一百万": 1e6, "1百万": 1e6, "100万": 1e6, "1M": 1e6, "M": 1e6, "million": 1e6,
    "千": 1e3, "一千": 1e3, "1千": 1e3, "1000": 1e3, "1K": 1e3, "K": 1e3, "thousand": 1e3,
    "万": 1e4, "一万": 1e4, "1万": 1e4, "1": 1.0, "": 1.0,
}

# --- Dates --------------------------------------------------------------------------------------

RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上一年": -1, "前年": -2, "明年": 1}
RELATIVE_MONTHS = {"本月": 0, "这个月": 0, "上月": -1, "上个月": -1}
QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Year-edge words: (month, precision) of the period they name.
YEAR_EDGES = {
    "年底": (12, "month"), "年末": (12, "month"), "底": (12, "month"),
    "年初": (1, "month"), "初": (1, "month"), "年中": (6, "month"),
}

# "今天/目前/近期" mean the article's own date.
NOW_WORDS = ("今天", "今日", "即日", "目前", "当前", "近日", "日前", "现在", "如今", "近期")
# …of which these yield to an explicit date in the same sentence ("8月2日…目前每天处理…").
VAGUE_NOW_WORDS = ("目前", "当前", "近日", "日前", "现在", "如今", "近期")
# "活动持续到本月底": the end of a period, neither an as-of date nor a baseline.
UNTIL_BEFORE = ("持续到", "持续至", "延续到", "延长到", "延长至", "有效期至", "截止到本", "直到", "到", "至")

# Markers that make the date next to them a growth baseline rather than the as-of date.
BASELINE_BEFORE = ("相较于", "相比于", "相较", "相比", "对比", "较", "比", "与", "和", "同", "自", "从")
BASELINE_AFTER = ("相比", "相较", "以来", "至今")
# "自2月9日起" / "从3月1日开始" name when something takes effect: an as-of date, not a baseline.
EFFECTIVE_AFTER = ("起", "开始", "起生效")

# Baselines that name the entity's launch (resolved with the registry's `launched`).
LAUNCH_BASELINE_CUES = (
    "发布初期", "发布之初", "发布时", "发布以来", "推出以来", "上线以来", "发布初", "上线初期",
    "推出之初", "刚发布时", "模型发布时期", "发布时期", "发布至今", "发布首月", "上线首月", "发布当月",
    "上线当月", "首次发布时", "首次亮相时", "上线之初", "推出时", "上线时", "自发布", "自上线",
)
# The launch as a moment, not as the start of a period ("发布以来"): a figure stated for it holds
# on the launch date ("首次亮相时的日均调用量", "发布时，…，当时的日均调用量").
LAUNCH_MOMENT_CUES = (
    "发布时", "首次发布时", "首次对外发布时", "首次亮相时", "首次亮相", "刚发布时", "发布之初", "发布初期", "发布初",
    "上线初期", "上线之初", "推出之初", "推出时", "上线时", "发布当月", "上线当月", "发布首月", "上线首月",
)

# --- Metric cues --------------------------------------------------------------------------------

DAILY_CUES = ("日均", "每天", "每日", "单日", "一天", "日调用", "天均", "日消耗", "日处理", "per day", "a day", "daily")
# Output per unit of hardware or energy ("每瓦特的token吞吐量"): an efficiency, neither a daily
# total nor, when it grows, a growth of usage
EFFICIENCY_CUES = ("每瓦", "每张卡", "每卡", "每GPU", "每块GPU", "单卡")
# Rates per unit of time: not daily totals
RATE_CUES = ("每分钟", "每秒", "每小时", "TPM", "RPM", "TPS", "QPS", "/分钟", "/秒", "/min", "/s") + EFFICIENCY_CUES
USAGE_NOUNS = ("使用量", "调用量", "消耗量", "处理量", "请求量", "用量", "消耗", "吞吐量", "调用规模", "调用数量",
               "使用数量", "消耗数量", "呼叫量", "推理量")

# Words that may describe a growth noun after its multiple: "实现了N%的<adjective>增长".
GROWTH_ADJECTIVES = ("惊人", "强劲", "显著", "迅猛", "快速", "高速", "飞速", "稳健", "持续", "大幅", "巨大", "惊艳",
                     "亮眼", "可观")

GROWTH_VERBS = (
    "增长了", "增长", "增加了", "增加", "提升了", "提升", "提高了", "提高", "上涨了", "上涨",
    "上升了", "上升", "飙升了", "飙升", "暴涨了", "暴涨", "激增了", "激增", "猛增", "翻了", "翻",
    "扩大了", "扩大", "增至", "涨了", "成长了", "成长", "增幅为", "增幅达到", "增幅达", "增幅", "增", "涨",
)

# A total over a period, not a day's: "一周下来超过1.2万亿", "单月处理Tokens超过75万亿".
PERIOD_TOTAL_CUES = ("一周", "每周", "单周", "周均", "本周", "上周", "单月", "每月", "全月", "一个月", "当月", "全年",
                     "每年", "年度", "累计", "累積", "总计", "合计", "总共", "一季度内", "半年内")
# Free for an app's users, not for API callers: "…全面免费，所有用户均可体验" —
# unless the sentence speaks of developers or calls too.
CONSUMER_CUES = ("用户", "用戶", "APP", "App", "app", "PC端", "网页版", "网页端", "客户端", "会员", "体验", "體驗")
DEVELOPER_CUES = ("API", "开发者", "開發者", "企业", "调用", "token", "词元", "开放平台")

# Forecasts and targets are not observations: "到2025年底…有望超过30万亿".
FORECAST_CUES = ("有望", "预计", "预测", "将达到", "将超过", "将突破", "目标", "计划", "力争", "预期", "展望")

# Nouns that make a number something other than token usage, price or usage growth.
DISTRACTOR_NOUNS = (
    "月活", "日活", "MAU", "DAU", "用户", "参数", "上下文", "融资", "营收", "收入", "利润",
    "估值", "GPU", "显卡", "算力", "复合增长率", "增长率", "增速", "份额", "占比", "市值",
    "下载", "员工", "开发者", "客户数", "访问量", "播放", "销量", "销售额", "出货量", "订单", "毛利", "股价",
)
# A quota given away, not tokens used: "每天送N token免费额度"
QUOTA_CUES = ("额度", "赠送", "免费送", "每天送", "每日送", "送出")

# Comparisons between companies or models rather than growth over time.
COMPARISON_CUES = ("差距", "竞品", "同行", "对手", "其他", "业界", "行业平均", "同类", "同梯队", "等效", "相当于")

# Scenario or segment markers: "在信息处理场景" → segment 信息处理.
SEGMENT_PATTERNS = (r"在([^，,。在]{1,12}?)(?:场景|领域|行业|赛道|方向)",)

# Price directions and conditions.
DIRECTION_CUES = {"输入": "input", "input": "input", "输出": "output", "output": "output",
                  "提示": "input", "补全": "output", "生成": "output"}
# A direction word before one of these names the size of the prompt, a tier's condition, not the
# direction of a price: "按输入长度分档", "在输入区间<range>内", "input length".
NOT_DIRECTION_BEFORE = ("长度", "区间", "范围", "窗口", "字数", "上下文", "length", "context")
CONDITION_CUES = {
    "缓存未命中": "cache_miss", "未命中缓存": "cache_miss", "cache miss": "cache_miss", "未命中": "cache_miss",
    "快取未命中": "cache_miss", "缓存未击中": "cache_miss",
    "缓存命中": "cache_hit", "命中缓存": "cache_hit", "cache hit": "cache_hit", "快取命中": "cache_hit",
    "缓存击中": "cache_hit", "缓存输入": "cache_hit", "cached input": "cache_hit", "提示缓存": "cache_hit",
    # reading from the cache is a hit ("快取讀取 $0.30", "cache read"); writing to it is priced apart
    "缓存读取": "cache_hit", "快取读取": "cache_hit", "cache read": "cache_hit", "读缓存": "cache_hit",
    "缓存写入": "cache_write", "快取写入": "cache_write", "cache write": "cache_write", "写缓存": "cache_write",
    "缓存创建": "cache_write",
    # a context cache is read at its own price ("上下文缓存：每百万tokens 0.20美元", "context caching")
    "上下文缓存": "cache_hit", "context caching": "cache_hit", "context cache": "cache_hit",
    "夜间": "off_peak", "闲时": "off_peak", "错峰": "off_peak", "优惠时段": "off_peak",
    "批量": "batch", "batch": "batch",
}
# Whole-model free pricing. Plain 免费 is not enough: "免费额度", "免费试用" are quotas, not prices.
FREE_CUES = ("全面免费", "完全免费", "永久免费", "限时免费", "免费开放", "宣布免费", "免费调用", "一直免费", "继续免费",
             "免费提供", "即日起免费", "零元购",
             # still free: "<model>依旧免费", "<model>等轻量模型维持免费"
             "依旧免费", "依然免费", "仍然免费", "仍免费", "维持免费", "保持免费",
             # made a free model: "把<model>也做成了免费模型"
             "成了免费模型", "成为免费模型", "是免费模型")
PRICE_CUT_CUES = ("降至", "降到", "降为", "下调至", "下调到", "下调为", "调低至", "调低为", "调整为", "调整至", "调为", "改为",
                  "上调至", "上调为", "上调到", "提高至", "提高到", "涨至", "涨到", "降低到", "降低至", "降低为", "下降到",
                  "下降至", "下降为", "至", "到")
FROM_MARKERS = ("从", "由")

# A sentence without any of these words states none of the three families: usage and price rules
# need a token word, growth needs 倍/番/a percent, a free price one of FREE_CUES. The extractor
# skips such sentences (most of a press article) before its per-sentence work.
FACT_CUES = TOKEN_WORDS + ("倍", "番", "%", "百分之", "成", "/M", "/1M", "/K", "数字", "指标", "数据", "规模") \
    + USAGE_NOUNS + FREE_CUES + ("免费", "输入", "输出") \
    + ("分别", "input", "output", "cache")  # "…，输入1块钱、输出4块钱" under the last denominator;
# "N项分别是A、B和C" after a list of prices; "cache read 只要 $A / 1M"
# Every price needs a currency: a sentence without any of these has no price point to look for.
PRICE_CUES = tuple(CURRENCY_WORDS) + tuple(CURRENCY_SYMBOLS) + ("美分", "毛", "角", "分")
