"""A deterministic corpus of articles in the Chinese tech press's style, with ground truth.

    python -m bench.generate --articles 10000 --seed 7 --out bench/.corpus/10000

Each article has front matter, filler paragraphs, and planted facts (daily token usage, growth
multiples, price points) with distractor numbers around them (MAU, funding, parameters, context
windows, API call counts, discounts). The planted facts are written to `truth.jsonl` next to the
articles, one JSON object per fact, so the extractor's precision and recall can be measured.
Fact sentences are always separated by a filler sentence, so no date carries from one to the next.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

# (canonical entity, how the press writes it)
FAMILIES = [
    ("Doubao", ["豆包大模型", "豆包"]), ("DeepSeek", ["DeepSeek", "深度求索"]), ("Qwen", ["通义千问", "千问"]),
    ("ERNIE", ["文心大模型", "文心一言"]), ("GLM", ["智谱", "智谱AI"]), ("Hunyuan", ["腾讯混元", "混元大模型"]),
    ("Kimi", ["Kimi"]), ("MiniMax", ["MiniMax"]), ("Step", ["阶跃星辰"]), ("SenseNova", ["商汤日日新"]),
]
MODELS_CNY = ["DeepSeek-V3", "DeepSeek-R1", "Qwen-Max", "Qwen-Plus", "Qwen-Turbo", "GLM-4-Plus", "GLM-4-Air",
              "Doubao-1.5-pro", "Doubao-1.5-lite", "ERNIE 4.0 Turbo", "abab6.5s", "Hunyuan-turbo"]
MODELS_USD = ["GPT-4o", "GPT-4o mini", "Claude", "Gemini"]
SOURCES = ["量子位", "机器之心", "36氪", "极客公园", "界面新闻", "第一财经", "钛媒体", "雷峰网"]
FILLER = [
    "业内人士认为，大模型的竞争正在从参数规模转向应用落地。",
    "多位开发者表示，模型效果和调用成本是他们选型时最看重的两个因素。",
    "与此同时，各家厂商也在加快推出面向企业客户的一站式开发平台。",
    "分析人士指出，推理成本的下降正在让更多中小企业开始尝试接入大模型。",
    "在发布会现场，该公司还演示了智能体在办公、客服和编程场景中的应用。",
    "有观点认为，开源模型的快速迭代让闭源厂商承受了更大的定价压力。",
    "这一变化也引发了资本市场对云厂商算力投入的新一轮关注。",
    "从产品形态上看，聊天机器人并不是大模型落地的唯一方向。",
    "据了解，相关能力已经在搜索、推荐和内容审核等业务中上线。",
    "对开发者而言，更长的上下文和更稳定的并发保障同样重要。",
]
DISTRACTORS = [
    "{alias}的App月活跃用户超过{n}万。", "该公司近期完成了{n}亿元新一轮融资。",
    "新模型的参数量达到{n}亿。", "模型支持{k}K上下文窗口。", "平台API日均调用次数达到{n}亿次。",
    "此次调价幅度最高达{p}%。", "公司员工总数已超过{n}00人。", "共有{n}家企业参与了内测。",
]
BOUNDS = [("超过", "gt"), ("突破", "gt"), ("达到", "eq"), ("约", "approx"), ("近", "approx"), ("已超", "gt"), ("为", "eq")]


@dataclass
class PlantedFact:
    path: str
    family: str
    entity: str
    value: float
    bound: str
    as_of_date: str
    as_of_precision: str
    currency: str | None = None
    direction: str | None = None


def _amount(rng: random.Random) -> tuple[str, float]:
    """A token amount as the press writes it: 5000亿, 1.2万亿, 3 万亿, 800亿."""
    style = rng.randrange(4)
    if style == 0:
        yi = rng.choice([300, 500, 800, 1200, 2000, 3000, 5000, 6000, 8000])
        return f"{yi}亿", yi * 1e8
    if style == 1:
        wanyi = rng.choice([1.2, 1.5, 2.5, 3.3, 4.6, 12.7])
        return f"{wanyi}万亿", wanyi * 1e12
    if style == 2:
        wanyi = rng.randint(1, 30)
        return f"{wanyi} 万亿", wanyi * 1e12
    yi = rng.randint(10, 99) * 10
    return f"{yi} 亿", yi * 1e8


def article(rng: random.Random, index: int) -> tuple[str, list[PlantedFact]]:
    published = date(2024, 3, 1) + timedelta(days=rng.randrange(600))
    path = f"{index:06d}.md"
    facts: list[PlantedFact] = []
    sentences: list[str] = []

    def filler() -> None:
        sentences.append(rng.choice(FILLER))

    for _ in range(rng.randint(1, 3)):  # daily token usage
        entity, aliases = rng.choice(FAMILIES)
        alias = rng.choice(aliases)
        words, value = _amount(rng)
        cue, bound = rng.choice(BOUNDS)
        if rng.random() < 0.5 and published.month > 1:
            month = rng.randint(1, published.month - 1)
            sentences.append(f"截至{month}月，{alias}日均tokens调用量{cue}{words}。")
            facts.append(PlantedFact(path, "daily_token_usage", entity, value, bound,
                                     date(published.year, month, 1).isoformat(), "month"))
        else:
            sentences.append(f"{alias}方面透露，目前其每天处理的tokens{cue}{words}。")
            facts.append(PlantedFact(path, "daily_token_usage", entity, value, bound, published.isoformat(), "day"))
        filler()
    if rng.random() < 0.6:  # growth against the same period last year
        entity, aliases = rng.choice(FAMILIES)
        multiple = rng.choice([2, 3, 5, 8, 10, 12, 20, 33])
        sentences.append(f"{rng.choice(aliases)}的日均tokens使用量较去年同期增长了{multiple}倍。")
        facts.append(PlantedFact(path, "growth_multiple", entity, float(multiple), "eq", published.isoformat(), "day"))
        filler()
    for _ in range(rng.randint(0, 2)):  # prices
        if rng.random() < 0.75:
            model = rng.choice(MODELS_CNY)
            price_in, price_out = rng.choice([(0.8, 2.0), (2.0, 8.0), (4.0, 16.0), (0.3, 0.6), (1.0, 4.0)])
            if rng.random() < 0.5:
                sentences.append(f"{model}的输入价格为每百万tokens {price_in}元，输出价格为每百万tokens {price_out}元。")
            else:
                sentences.append(f"{model}的输入价格为{price_in / 1000:g}元/千tokens，输出价格为{price_out / 1000:g}元/千tokens。")
            currency = "CNY"
        else:
            model = rng.choice(MODELS_USD)
            price_in, price_out = rng.choice([(2.5, 10.0), (0.15, 0.6), (3.0, 15.0), (0.075, 0.3)])
            sentences.append(f"{model}的输入价格为每百万tokens {price_in}美元，输出价格为每百万tokens {price_out}美元。")
            currency = "USD"
        for price, direction in ((price_in, "input"), (price_out, "output")):
            facts.append(PlantedFact(path, "price_point", model, price, "eq", published.isoformat(), "day",
                                     currency, direction))
        filler()
    for _ in range(rng.randint(2, 4)):  # distractors
        _, aliases = rng.choice(FAMILIES)
        sentences.append(rng.choice(DISTRACTORS).format(alias=rng.choice(aliases), n=rng.randint(2, 90),
                                                         k=rng.choice([32, 128, 256]), p=rng.choice([50, 80, 97])))
        filler()
    paragraphs = ["".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    front = (f"---\ntitle: '大模型行业观察 第{index}期'\ndate: {published.isoformat()}\n"
             f"source: {rng.choice(SOURCES)}\nurl: https://example.com/bench/{index}\n---\n\n")
    return front + "\n\n".join(paragraphs) + "\n", facts


def generate(articles: int, seed: int, out: Path) -> Path:
    """Write `articles` files and truth.jsonl into `out` (skipped when already complete)."""
    out.mkdir(parents=True, exist_ok=True)
    truth_path = out / "truth.jsonl"
    marker = out / ".complete"
    if marker.exists() and marker.read_text() == f"{articles}:{seed}":
        return truth_path
    rng = random.Random(seed)
    with truth_path.open("w", encoding="utf-8") as truth:
        for index in range(articles):
            text, facts = article(rng, index)
            (out / f"{index:06d}.md").write_text(text, encoding="utf-8")
            for fact in facts:
                truth.write(json.dumps(asdict(fact), ensure_ascii=False) + "\n")
    marker.write_text(f"{articles}:{seed}")
    return truth_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed: the same seed writes the same corpus")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    truth = generate(args.articles, args.seed, args.out)
    print(f"wrote {args.articles:,} articles and {sum(1 for _ in truth.open()):,} planted facts to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
