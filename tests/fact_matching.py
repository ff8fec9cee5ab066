"""Match extracted facts against an answer key (tests/fixtures/articles/*.expected.yaml)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from pipelines.extraction.articles import Article, parse_article
from pipelines.extraction.facts import Fact, extract_facts

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
COMPARED = ("bound", "as_of_date", "as_of_precision", "value_low", "value_high", "baseline_date",
            "baseline_precision", "segment", "currency", "direction", "condition")


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _same(key: str, expected, got) -> bool:
    if key.startswith("value"):
        return close(expected, got)
    if isinstance(expected, date) or isinstance(got, date):
        return str(expected) == str(got)
    return expected == got


@dataclass
class Report:
    matched: list[tuple[dict, Fact]] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    extra: list[Fact] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = len(self.matched) + len(self.extra)
        return len(self.matched) / n if n else 1.0

    @property
    def recall(self) -> float:
        n = len(self.matched) + len(self.missing)
        return len(self.matched) / n if n else 1.0

    def describe(self) -> str:
        lines = [f"precision {self.precision:.2f} recall {self.recall:.2f}"]
        lines += [f"  missing: {e['family']} {e['entity']} {e.get('value')} «{e['quote_contains']}»" for e in self.missing]
        lines += [f"  extra:   {f.family} {f.entity} {f.value} «{f.quote[:60]}»" for f in self.extra]
        lines += [f"  field:   {m}" for m in self.mismatches]
        return "\n".join(lines)


def match(expected: list[dict], got: list[Fact]) -> Report:
    report = Report()
    pool = list(got)
    for exp in expected:
        candidates = [
            f for f in pool
            if f.family == exp["family"] and f.entity == exp["entity"] and exp["quote_contains"] in f.quote
            and (close(exp.get("value"), f.value) if exp.get("value") is not None
                 else close(exp.get("value_low"), f.value_low) and close(exp.get("value_high"), f.value_high))
        ]
        if not candidates:
            report.missing.append(exp)
            continue
        # prefer the candidate that agrees on the most fields (two mentions in one sentence)
        best = max(candidates, key=lambda f: sum(_same(k, exp[k], getattr(f, k)) for k in COMPARED if k in exp))
        pool.remove(best)
        report.matched.append((exp, best))
        for key in COMPARED:
            if key in exp and not _same(key, exp[key], getattr(best, key)):
                report.mismatches.append(
                    f"{exp['family']} {exp['entity']} {exp.get('value')}: {key} expected {exp[key]!r}, got {getattr(best, key)!r}"
                )
    report.extra = pool
    return report


def load_fixture(stem: str) -> tuple[Article, dict]:
    article = parse_article((FIXTURES / f"{stem}.md").read_bytes(), f"{stem}.md")
    assert isinstance(article, Article), article
    key = yaml.safe_load((FIXTURES / f"{stem}.expected.yaml").read_text(encoding="utf-8"))
    return article, key


def fixture_stems() -> list[str]:
    return sorted(p.name[: -len(".md")] for p in FIXTURES.glob("*.md") if p.name != "README.md")


def evaluate(stem: str) -> Report:
    article, key = load_fixture(stem)
    return match(key.get("facts") or [], extract_facts(article))
