"""Entity mentions: registry aliases, unregistered model ids, and customer companies.

The registry (entities.yaml) is data: canonical names, aliases and launch dates. This module
compiles it into one matcher and finds mentions in normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY_PATH = Path(__file__).with_name("entities.yaml")

# A model id written in Latin letters and digits with at least one separator or digit run,
# e.g. "Spark-X1-Pro", "abab7-preview", "Doubao-pro-32k". Not "AI", "API", "MoE".
_MODEL_ID = re.compile(r"(?<![A-Za-z0-9_.\-/])([A-Za-z][A-Za-z]*(?:[ -]?[A-Za-z]*\d[\w.]*)(?:-[A-Za-z0-9.]+)*|[A-Za-z]+(?:-[A-Za-z0-9.]+)+)(?![A-Za-z0-9_\-/])")

# A company written in Chinese with a company-like suffix, as the owner of usage figures:
# "鱼泡科技的豆包大模型日均调用量" → 鱼泡科技.
_COMPANY = re.compile(
    r"([\u4e00-\u9fa5A-Za-z]{2,8}?(?:科技|公司|集团|银行|证券|保险|汽车|网络|智能|教育|医疗|传媒|信息|软件))(?=的)"
)


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
    source: str  # registry | model_id | company


class Registry:
    def __init__(self, entities: list[Entity], aliases: dict[str, Entity]):
        self.entities = entities
        self._by_alias = {self._key(a): e for a, e in aliases.items()}
        self.by_name = {e.name: e for e in entities}
        ordered = sorted(aliases, key=len, reverse=True)
        parts = []
        for alias in ordered:
            body = r"\s*".join(re.escape(ch) for ch in alias.replace(" ", ""))
            if alias[0].isascii() and alias[0].isalnum():
                body = r"(?<![A-Za-z0-9_\-.])" + body
            if alias[-1].isascii() and alias[-1].isalnum():
                body = body + r"(?![A-Za-z0-9_\-])"
            parts.append(body)
        self._pattern = re.compile("|".join(parts), re.IGNORECASE)

    @staticmethod
    def _key(alias: str) -> str:
        return re.sub(r"\s+", "", alias).lower()

    def lookup(self, text: str) -> Entity | None:
        return self._by_alias.get(self._key(text))

    def mentions(self, norm: str, start: int = 0, end: int | None = None) -> list[Mention]:
        end = len(norm) if end is None else end
        return [
            Mention(m.start(), m.end(), self._by_alias[self._key(m.group(0))], "registry")
            for m in self._pattern.finditer(norm, start, end)
            if self._key(m.group(0)) in self._by_alias
        ]

    def model_ids(self, norm: str, start: int, end: int) -> list[Mention]:
        """Latin model ids, registered or not ("Spark-X1-Pro" is kept as written)."""
        found = []
        for m in _MODEL_ID.finditer(norm, start, end):
            text = m.group(1).strip()
            if len(text) < 3 or text.upper() in {"API", "APP", "TPM", "RPM", "GPU", "CEO", "CTO", "MOE"}:
                continue
            entity = self.lookup(text) or Entity(text, "model")
            found.append(Mention(m.start(1), m.start(1) + len(text), entity, "model_id"))
        return found

    def companies(self, norm: str, start: int, end: int) -> list[Mention]:
        found = []
        for m in _COMPANY.finditer(norm, start, end):
            name = m.group(1)
            if self.lookup(name):
                continue
            found.append(Mention(m.start(1), m.end(1), Entity(name, "company"), "company"))
        return found


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
    return Registry(entities, aliases)
