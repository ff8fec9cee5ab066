"""Print the facts found in article files as JSON lines, without Dagster or a warehouse.

    python -m pipelines.extract seeds/000_df353a59485ac43f.txt
    python -m pipelines.extract --family price_point path/to/*.md
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from pipelines.extraction.articles import IngestError, parse_article
from pipelines.extraction.facts import FAMILIES, explain_facts, extract_facts

_FIELDS = (
    "family", "entity", "value", "unit", "bound", "value_low", "value_high", "as_of_date",
    "as_of_precision", "baseline_date", "baseline_precision", "subject", "segment", "currency",
    "direction", "condition", "quote", "char_start", "char_end", "fact_id",
)


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.extract",
        description="Extract daily token usage, growth multiples and price points from article files "
        "and print one JSON object per fact (errors go to stderr).",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="article files (Markdown with YAML front matter)")
    parser.add_argument("--family", choices=FAMILIES, action="append", help="only these families (repeatable)")
    parser.add_argument("--explain", action="store_true",
                        help="print each fact in words with the rule that produced it, and the numbers the modality "
                             "layer left out (hypotheticals, forecasts, conversions, rejected claims) with the cue")
    args = parser.parse_args(argv)

    status = 0
    for path in args.paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read the file: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        article = parse_article(raw, path.name)
        if isinstance(article, IngestError):
            print(f"{path}: {article.kind}: {article.message}", file=sys.stderr)
            status = 1
            continue
        for kind, message in article.warnings:
            print(f"{path}: warning: {kind}: {message}", file=sys.stderr)
        if args.explain:
            explain(path, article, args.family)
            continue
        for fact in extract_facts(article):
            if args.family and fact.family not in args.family:
                continue
            row = {"path": str(path), **{k: getattr(fact, k) for k in _FIELDS}}
            print(json.dumps(row, ensure_ascii=False, default=_json_default))
    return status


def _value(fact) -> str:
    if fact.family == "daily_token_usage":
        return f"{fact.value:,.0f} tokens/day"
    if fact.family == "growth_multiple":
        return f"×{fact.value:g}"
    return f"{fact.value:g} {fact.currency}/M tokens ({fact.direction}{', ' + fact.condition if fact.condition else ''})"


def explain(path: Path, article, families) -> None:
    """Each fact in words, with its rule and quote; then what was left out, and why."""
    facts, left_out = explain_facts(article)
    print(f"{path}: {len(facts)} facts")
    for fact in facts:
        if families and fact.family not in families:
            continue
        baseline = f", from {fact.baseline_date}" if fact.baseline_date else ""
        print(f"  [{fact.rule}] {fact.entity}: {_value(fact)}, bound {fact.bound}, as of {fact.as_of_date} "
              f"({fact.as_of_precision}){baseline}")
        number = article.body[fact.number_start:fact.number_end] if fact.number_start is not None else ""
        print(f"      «{fact.quote.strip()[:160]}»  number: {number!r}")
    for fact, scope in left_out:
        if families and fact.family not in families:
            continue
        article_word = "an" if scope.modality[0] in "aeiou" else "a"
        print(f"  not taken [{fact.rule}] {fact.entity}: {_value(fact)}: inside {article_word} {scope.modality} "
              f"(cue {scope.cue!r}): «{article.body[scope.start:scope.end][:120]}»")


if __name__ == "__main__":
    raise SystemExit(main())
