"""Entity mentions: registry aliases, unregistered model ids, and customer companies.

The registry (entities.yaml) is data: canonical names, aliases and launch dates. This module
compiles it into one matcher and finds mentions in normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .catalogue import CATALOGUE_PATH, loose_key  # generated from model-prices by `make catalogue`

REGISTRY_PATH = Path(__file__).with_name("entities.yaml")

# A model id written in Latin letters and digits with at least one separator or digit run,
# e.g. "Spark-X1-Pro", "abab7-preview", "Doubao-pro-32k". Not "AI", "API", "MoE".
_MODEL_ID = re.compile(
    r"""(?<![A-Za-z0-9_.\-/])
    (   [A-Za-z][A-Za-z]*\d[A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*     # abab6.5s, o1-mini, GLM4-Air
      | [A-Za-z]+(?:-[A-Za-z0-9.]+)+                            # Spark-X1-Pro, moonshot-v1-8k
    )(?![A-Za-z0-9_\-/])""",
    re.VERBOSE,
)
_NOT_MODELS = {"API", "APP", "TPM", "RPM", "GPU", "CEO", "CTO", "MOE", "TOKEN", "TOKENS", "A/B"}
# Benchmarks, which are written like model ids ("MMLU-pro", "SWE-bench") but are never priced or used
_BENCHMARKS = re.compile(r"(?:MMLU|CEval|C-Eval|CMMLU|GPQA|AIME|MATH|GSM8K|HumanEval|MBPP|LiveCodeBench|SWE|BBH|ARC|"
                         r"HellaSwag|MT-Bench|AlpacaEval|Arena|IFEval|BFCL|Zebra|LongBench)(?![a-z])", re.IGNORECASE)
# A platform or product written in Latin letters that the registry does not know, named as the
# subject of a usage figure: "SiliconCloud 平台日均 Token 调用量", "OpenRouter上的调用量".
_LATIN_PLATFORM = re.compile(
    r"(?<![A-Za-z0-9_\-./])(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]{3,})(?=[ \t]*(?:平台|开放平台|云平台|上的|的日均|日均|每天|每日))"
)
_NOT_PLATFORMS = {"Token", "Tokens", "Agent", "Agents", "Chat", "Model", "Models", "Cloud", "Open", "Web", "App"}

# Companies not in the registry, as owners of usage figures ("鱼泡科技的豆包大模型日均调用量"
# → 鱼泡科技): a name ending in a company-like suffix, or a name right after a noun that
# introduces one ("模型服务平台星河算力的负责人"), followed by a word that makes it the subject.
_COMPANY_NEXT = r"(?=的|表示|称|介绍|透露|宣布|为例|以|基于|通过|目前|已|在|则|也|自|旗下|方面|负责人|创始人|CEO|CTO)"
_COMPANY_SUFFIX = re.compile(
    r"(?:科技|集团|银行|证券|保险|汽车|网络|智能|教育|医疗|传媒|信息|软件|数据|互娱|游戏|文旅|电商|零售|物流)"
    r"(?:" + _COMPANY_NEXT + r"|(?<=[\u4e00-\u9fa5]{4})(?=[\u4e00-\u9fa5]))"
)
_INTRODUCERS = ("公司", "平台", "新创", "初创", "创企", "初创企业", "车企", "厂商", "品牌", "服务商", "开发商",
                "提供商", "运营商", "供应商", "独角兽", "集团")
# Words that are never (part of) a company name, though they sit where one would.
_NOT_NAMES = ("目前", "已经", "今年", "去年", "其中", "旗下", "方面", "现在", "此前", "同时", "平台", "公司",
              "每天", "每日", "日均", "单日", "消耗", "调用", "使用", "处理", "模型",
              # verbs of the news itself: "…发布…信息" is an event, not a name
              "发布", "宣布", "降价", "推出", "上线", "披露",
              # generic nouns and phrases that end like a company name but are none
              "人工智能", "公开", "管理", "自有", "租赁", "考虑", "竞争", "重点", "公布", "组数据", "据显示",
              "数据显示", "统计", "报告", "研究", "行业", "市场", "整体", "全部", "相关",
              "证券报", "上证报", "日报", "晚报", "早报", "时报", "新闻", "记者", "经营", "未来",
              # roles, not names: "<company>股东的<metric>"
              "股东", "投资者", "合作伙伴", "员工", "客户")
# Words a company name never starts with: conjunctions, determiners, quantities ("但公开数据",
# "一家新加坡金融科技", "另一组数据").
_NOT_NAME_STARTS = ("但", "而", "另", "较", "比", "一个", "一家", "一些", "多个", "多家", "几家", "各", "某", "该", "本", "这",
                    "那", "此", "其", "自", "的", "并", "且", "还", "也", "都", "从", "据",
                    # a scope or a joiner, not a name: "全市智能…", "关于智能…", "加上海螺…"
                    "全市", "全省", "全区", "全国", "关于", "加上", "包括", "以及", "除了",
                    # verbs that sit after 平台/公司 and before 的 ("智算平台成为新的观察窗口")
                    "成为", "作为", "成", "是", "为", "有", "在", "已", "将", "会", "被")
_INTRODUCED = re.compile(r"(?:" + "|".join(_INTRODUCERS) + r")(?P<name>[\u4e00-\u9fa5]{2,6}?)" + _COMPANY_NEXT)
# Characters a company name never starts with when walking back from its suffix.
_NAME_STOP = set("的以在和与及、，,。；;：:是为其被据如从由向对把将给让也都还又而或（）()“”「」 \t\n")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


def _ascii_lower(text: str) -> str:
    """Lowercase with the same length, so offsets hold. str.lower() is fast but may lengthen a
    few non-ASCII letters ("İ"); the per-character table is the fallback for those texts."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def _starts_a_word(text: str, pos: int) -> bool:
    """A Latin alias ("o1", "GLM") must not be the tail of a longer id ("GPT-o1", "ChatGLM")."""
    return not (text[pos].isascii() and text[pos].isalnum() and pos > 0 and text[pos - 1] in _WORD_CHARS)


# A family, a launch verb, then a short model id: "MiniMax发布M2", "月之暗面正式开源K2".
_LAUNCHED_ID = re.compile(r"[ \t]*(?:正式|今天|今日|刚刚)?(?:发布|推出|开源|上线|发)(?:并开源)?了?(?:新模型|新一代模型|新一代)?[ \t]*"
                          r"(?P<id>[A-Z]\d{1,2}(?:\.\d+)?)(?![A-Za-z0-9.\-])")

# After a country's name, the characters that still leave it the country: 我国日均…, 中国的…,
# 中国每天…; any other Chinese character makes it the start of a longer name (中国移动, 中国电信).
# 企 starts 企业级 ("中国企业级大模型<usage noun>": the country's enterprise market).
_AFTER_COUNTRY = set("日的每单整全在已目今去近约累总企")


def _inside_a_name(norm: str, end: int) -> bool:
    following = norm[end : end + 1]
    return bool(following) and "\u4e00" <= following <= "\u9fff" and following not in _AFTER_COUNTRY


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    vendor: str | None = None
    launched: date | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity
    source: str  # registry | model_id | company | variant
    # for a variant ("GPT-4.1 nano", "文心4.5 Turbo"): the registered name it extends, to which
    # usage and growth figures belong (a price belongs to the model as named)
    base: Entity | None = None


VARIANTS_PATH = Path(__file__).with_name("lexicon") / "model_variants.yaml"


@lru_cache(maxsize=1)
def _variant_pattern() -> re.Pattern:
    data = yaml.safe_load(VARIANTS_PATH.read_text(encoding="utf-8"))
    words = sorted(data["variant_words"], key=len, reverse=True)
    # 分 after a number is money ("1.6分") unless it starts a word of its own ("1.6分区间价格")
    # (a space may stand between: "豆包大模型 9 月" is a month, not version 9)
    blocked = (r"(?![\d.]|[ \t]?[" + re.escape(data["not_after_version"].replace("分", "")) + r"]|[ \t]?分(?!区|档|段|层))")
    latin = "|".join(re.escape(w) for w in words if w.isascii())
    chinese = "|".join(re.escape(w) for w in words if not w.isascii())
    piece = (r"(?:[ \t]?[-_·]?[ \t]?)(?:"
             rf"[vV]?\d{{1,2}}(?:\.\d+)*(?:[kK](?![A-Za-z]))?{blocked}(?![A-Za-z]{{2}})"  # 4.1, V3, 32k
             rf"|\.\d+{blocked}"                                                       # GPT-4 + .1
             r"|\d{1,4}[kK](?![A-Za-z0-9])"                                                      # 256k
             r"|[A-Za-z]\d{1,2}(?:\.\d+)?(?![A-Za-z0-9])"                                    # K2, T1, R1
             rf"|(?:{latin})(?![A-Za-z])"                                                       # Turbo, mini
             rf"|(?:{chinese}))")
    return re.compile(rf"(?:{piece}){{1,4}}", re.IGNORECASE)


class Registry:
    def __init__(self, entities: list[Entity], aliases: dict[str, Entity],
                 catalogue: dict[str, Entity] | None = None):
        self.entities = entities
        self._by_alias = {self._key(a): e for a, e in aliases.items()}
        # first-party model ids from the generated catalogue, by loose key: looked up for an id the
        # article writes, never scanned for (the model-id pattern already finds Latin ids)
        self._catalogue = catalogue or {}
        ordered = sorted((a.lower() for a in aliases), key=len, reverse=True)
        # Matched against ASCII-lowercased text, without re.IGNORECASE and without a leading
        # lookbehind: both would stop Python's re from jumping to the characters an alias can
        # start with, and make this scan ten times slower. The Latin word boundary in front of
        # an alias is checked after the match instead (`_starts_a_word`).
        self._pattern = re.compile("|".join(self._alias_pattern(alias) for alias in ordered))

    @staticmethod
    def _alias_pattern(alias: str) -> str:
        """The alias, with optional spaces where the press puts them: where the alias has one,
        and between Chinese and Latin ("文心 ERNIE", "豆包 1.5 Pro")."""
        pieces = []
        compact = alias.replace(" ", "")
        spaced = {i for i in range(1, len(compact)) if " " in alias and _space_before(alias, i)}
        for i, ch in enumerate(compact):
            if i and (i in spaced or compact[i - 1].isascii() != ch.isascii()):
                pieces.append(r"\s*")
            pieces.append(re.escape(ch))
        body = "".join(pieces)
        if alias[-1].isascii() and alias[-1].isalnum():
            body = body + r"(?![A-Za-z0-9_\-])"
        return body

    @staticmethod
    def _key(alias: str) -> str:
        return "".join(alias.split()).lower()

    def lookup(self, text: str) -> Entity | None:
        return self._by_alias.get(self._key(text))

    def catalogued(self, text: str) -> Entity | None:
        """The catalogue's model for an id as written ("GPT-4.1 mini" → gpt-4.1-mini, OpenAI)."""
        return self._catalogue.get(loose_key(text)) if self._catalogue else None

    def mentions(self, norm: str, start: int = 0, end: int | None = None) -> list[Mention]:
        end = len(norm) if end is None else end
        text = _ascii_lower(norm)
        found = []
        match = self._pattern.search(text, start, end)
        while match:
            if not _starts_a_word(text, match.start()):
                match = self._pattern.search(text, match.start() + 1, end)  # "xDeepSeek", as a lookbehind would
                continue
            entity = self._by_alias[self._key(match.group(0))]
            if entity.kind == "country" and match.end() - match.start() <= 2 and _inside_a_name(norm, match.end()):
                match = self._pattern.search(text, match.end(), end)  # 中国移动, 中国信通院: not China itself
                continue
            mention = self._extended(norm, Mention(match.start(), match.end(), entity, "registry"), end)
            found.append(mention)
            launched = _LAUNCHED_ID.match(norm, mention.end, end) if entity.kind == "model_family" else None
            if launched:
                # "MiniMax发布M2": the family's new model, named by its short id
                name = launched.group("id")
                model = self.catalogued(f"{entity.name} {name}") or Entity(f"{entity.name} {name}", "model", entity.vendor)
                found.append(Mention(launched.start("id"), launched.end("id"), model, "variant", base=entity))
                match = self._pattern.search(text, launched.end(), end)
                continue
            match = self._pattern.search(text, mention.end, end)
        return found

    def _extended(self, norm: str, mention: Mention, end: int) -> Mention:
        """A registered model or family name followed by a version or variant ("GPT-4" + ".1 nano",
        "文心" + "4.5 Turbo") is that more specific model, named as the article writes it."""
        if mention.entity.kind not in ("model", "model_family"):
            return mention
        variant = _variant_pattern().match(norm, mention.end, end)
        if not variant or not variant.group(0).strip(" \t-_·"):
            return mention
        stop = variant.end()
        while stop > mention.end and norm[stop - 1] in " \t-_·":
            stop -= 1
        if norm[stop - 1].isdigit():
            # letters glued to the version are part of the id: "GLM-4.5V", "Qwen2.5VL" (not GLM-4.5)
            while stop < end and norm[stop].isascii() and norm[stop].isalnum():
                stop += 1
        name = norm[mention.start:stop]
        registered = self.lookup(name)
        if registered is not None:  # a listed spelling the alias scan did not reach
            return Mention(mention.start, stop, registered, "registry")
        entity = self.catalogued(name) or Entity(name, "model", mention.entity.vendor)
        return Mention(mention.start, stop, entity, "variant", base=mention.entity)

    def model_ids(self, norm: str, start: int, end: int) -> list[Mention]:
        """Latin model ids, registered or not ("Spark-X1-Pro" is kept as written)."""
        found = []
        for m in _MODEL_ID.finditer(norm, start, end):
            text = m.group(1).strip()
            if len(text) < 3 or text.upper() in _NOT_MODELS or _BENCHMARKS.match(text):
                continue
            entity = self.lookup(text) or self.catalogued(text) or Entity(text, "model")
            # "Doubao-vision-pro-32k" is a model of the Doubao family: its usage and growth
            # figures are the family's, its prices its own (as for a variant)
            family = self.lookup(text.split("-", 1)[0]) if "-" in text and entity.kind == "model" else None
            base = family if family is not None and family.kind == "model_family" else None
            mention = Mention(m.start(1), m.start(1) + len(text), entity, "model_id", base=base)
            # "GPT-5 mini": an id followed by a variant word is that more specific model
            extended = self._extended(norm, mention, end) if entity.kind == "model" else mention
            found.append(extended if extended is mention or extended.source == "registry"
                         else replace(extended, source="model_id", base=base or entity))
        return found

    def platforms(self, norm: str, start: int, end: int) -> list[Mention]:
        """Unregistered Latin platform names before 平台/日均 …, kept as written."""
        found = []
        for m in _LATIN_PLATFORM.finditer(norm, start, end):
            name = m.group("name")
            if name in _NOT_PLATFORMS or self.lookup(name):
                continue
            found.append(Mention(m.start("name"), m.end("name"), Entity(name, "platform"), "company"))
        return found

    def companies(self, norm: str, start: int, end: int) -> list[Mention]:
        spans: list[tuple[int, int]] = []
        for m in _COMPANY_SUFFIX.finditer(norm, start, end):
            # walk back from the suffix to where the name starts
            name_start = m.start()
            while name_start > start and m.end() - name_start < 10 and norm[name_start - 1] not in _NAME_STOP \
                    and not any(norm.startswith(w, name_start - len(w)) for w in _INTRODUCERS):
                name_start -= 1
            if m.start() - name_start >= 2:
                spans.append((name_start, m.end()))
        for m in _INTRODUCED.finditer(norm, start, end):
            spans.append((m.start("name"), m.end("name")))
        found, taken = [], []
        for s, e in sorted(spans):
            name = norm[s:e]
            if any(s < te and ts < e for ts, te in taken) or self.lookup(name) or self.mentions(name) \
                    or any(word in name for word in _NOT_NAMES) or name.startswith(_NOT_NAME_STARTS) \
                    or re.search(r"\d|[年月日]|我国|全国|我們|我们", name):
                continue  # "2024年我国数据产业": a date or the country, not a company
            if name.endswith("数据") and norm.startswith(("显示", "表明", "指出", "称"), e):
                continue  # "监测数据显示", "第三方数据表明": where a figure comes from, not who
            taken.append((s, e))
            found.append(Mention(s, e, Entity(name, "company"), "company"))
        return found


def _space_before(alias: str, index: int) -> bool:
    """Whether the index-th non-space character of `alias` is preceded by a space."""
    seen = -1
    for position, ch in enumerate(alias):
        if ch != " ":
            seen += 1
            if seen == index:
                return position > 0 and alias[position - 1] == " "
    return False


@lru_cache(maxsize=4)
def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    entities, aliases = [], {}
    for row in data["entities"]:
        launched = row.get("launched")
        entity = Entity(row["name"], row.get("kind", "model"), row.get("vendor"), launched)
        entities.append(entity)
        for alias in [row["name"], *row.get("aliases", [])]:
            aliases.setdefault(str(alias), entity)
    catalogue = {}
    if path == REGISTRY_PATH and CATALOGUE_PATH.exists():
        for row in yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))["models"]:
            entity = Entity(row["name"], "model", row.get("vendor"))
            for alias in [row["name"], *row.get("aliases", [])]:
                catalogue.setdefault(loose_key(str(alias)), entity)
    return Registry(entities, aliases, catalogue)
