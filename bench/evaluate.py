"""`make eval`: build a warehouse from a folder of annotated articles and score it against their
answer keys: recall, precision and F1 per family and overall.

    python -m bench.evaluate [--articles DIR] [--gold DIR] [--verbose] [--json]

Defaults: ../shared/eval/dev/articles and the `gold` folder beside it (EVAL_DIR overrides the
articles folder). Rows are matched as ../shared/eval/README.md describes (strict):

- a gold fact is found when one row of its family table, from the same article, has the value
  within ±1 %, an entity (for growth also the segment) equal to one of the gold aliases (compared
  case-insensitively, ignoring spaces, -, _ and ·), an as-of date inside the gold period or one of
  `as_of_accept`, and for prices the same currency and direction;
- a row is a false positive unless it matches a gold fact, repeats a matched fact's value on the
  same statement (its quote overlaps the gold quote), or lies on an `optional` statement.

It is a measurement, like `make bench`, not part of `make test`.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "eval" / "dev" / "articles"
FAMILIES = {  # gold key → (table, value column)
    "daily_token_usage": ("daily_token_usage", "tokens_per_day"),
    "growth_multiples": ("growth_multiples", "multiple"),
    "price_points": ("price_points", "price_per_million_tokens"),
}


def squash(text: object) -> str:
    return "".join(str(text or "").lower().split()).replace("-", "").replace("·", "").replace("_", "")


def period(spec: str) -> tuple[date, date]:
    parts = [int(x) for x in spec.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def within(value: date | None, spec: str, accept: list[str] | None) -> bool:
    return value is not None and any(lo <= value <= hi for lo, hi in map(period, [spec, *(accept or [])]))


def close(value: float | None, gold: float) -> bool:
    if value is None:
        return False
    return abs(value) < 1e-12 if gold == 0 else abs(value - gold) / abs(gold) <= 0.01


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    found, at = [], text.find(quote) if quote else -1
    while at >= 0:
        found.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return found


def overlaps(span: tuple[int, int], text: str, quote: str) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans(text, quote))


@dataclass
class FamilyScore:
    gold: int = 0
    found: int = 0
    rows: int = 0
    false_positives: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        kept = self.rows - self.false_positives
        return kept / self.rows if self.rows else 1.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def matches(family: str, row: dict, fact: dict) -> bool:
    table, value_column = FAMILIES[family]
    if not close(row[value_column], fact[value_column]):
        return False
    names = {squash(a) for a in fact["entity_aliases"]}
    if squash(row["entity"]) not in names and not (family == "growth_multiples" and squash(row.get("segment")) in names):
        return False
    if not within(row["as_of_date"], fact["as_of"], fact.get("as_of_accept")):
        return False
    if family == "price_points":
        return row["currency"] == fact["currency"] and row["direction"] == fact["direction"]
    return True


def score(warehouse: Path, gold_dir: Path) -> dict[str, FamilyScore]:
    import duckdb

    scores = {family: FamilyScore() for family in FAMILIES}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        bodies = dict(con.execute("SELECT path, body FROM articles").fetchall())
        for family, (table, _) in FAMILIES.items():
            cursor = con.execute(f"SELECT a.path, t.* FROM {table} t JOIN articles a USING (article_id)")
            columns = [c[0] for c in cursor.description]
            rows = [dict(zip(columns, values)) for values in cursor.fetchall()]
            by_article: dict[str, list[dict]] = {}
            for row in rows:
                by_article.setdefault(Path(row["path"]).name, []).append(row)
            for gold_file in sorted(gold_dir.glob("*.json")):
                gold = json.loads(gold_file.read_text(encoding="utf-8"))
                name = gold["article"]
                text = next((b for p, b in bodies.items() if Path(p).name == name), "")
                article_rows = by_article.get(name, [])
                facts = gold.get(family, [])
                score_ = scores[family]
                score_.gold += len(facts)
                score_.rows += len(article_rows)
                matched_rows: set[int] = set()
                for fact in facts:
                    hits = [i for i, r in enumerate(article_rows) if matches(family, r, fact)]
                    if hits:
                        score_.found += 1
                        matched_rows.update(hits)  # every row stating a gold fact is right
                    else:
                        value_ok = [r for r in article_rows if close(r[FAMILIES[family][1]], fact[FAMILIES[family][1]])]
                        why = ("value ok; entity/date/direction off: " + "; ".join(
                            f"{r['entity']}|{r.get('segment') or ''}|{r['as_of_date']}|{r.get('currency') or ''}|"
                            f"{r.get('direction') or ''}" for r in value_ok[:3])) if value_ok else "no value match"
                        score_.misses.append(f"{name}: {fact[FAMILIES[family][1]]} «{fact['quote']}» — {why}")
                for i, row in enumerate(article_rows):
                    if i in matched_rows:
                        continue
                    span = (row["char_start"], row["char_end"])
                    value = row[FAMILIES[family][1]]
                    repeats = any(close(value, f[FAMILIES[family][1]]) and overlaps(span, text, f["quote"])
                                  for f in facts)
                    optional = any(overlaps(span, text, q) for q in gold.get("optional", []))
                    if not (repeats or optional):
                        score_.false_positives += 1
                        score_.extras.append(f"{name}: {value} {row['entity']} {row['as_of_date']} «{row['quote'][:80]}»")
    return scores


def build(articles: Path, warehouse: Path) -> None:
    """A real Dagster run of every asset into `warehouse`, in an ephemeral instance."""
    import dagster as dg

    from pipelines.defs import everything
    from pipelines.defs.resources import default_resources

    result = dg.materialize(everything, resources=default_resources(articles, warehouse),
                            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
                            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}})
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        if failed:
            raise SystemExit(f"error: the build of {articles} failed in {failed}; run `make run` with "
                             f"SEEDS_DIR={articles} to see why")


def overall(scores: dict[str, FamilyScore]) -> tuple[float, float, int, int]:
    """(precision, recall, gold facts, rows) over every family."""
    gold = sum(s.gold for s in scores.values())
    found = sum(s.found for s in scores.values())
    rows = sum(s.rows for s in scores.values())
    wrong = sum(s.false_positives for s in scores.values())
    return ((rows - wrong) / rows if rows else 1.0), (found / gold if gold else 1.0), gold, rows


def report(scores: dict[str, FamilyScore], verbose: bool) -> tuple[str, dict]:
    lines, summary = [], {}
    for family, s in scores.items():
        lines.append(f"{family:18} recall {s.found:>3}/{s.gold:<3} = {s.recall:5.1%}   precision "
                     f"{s.rows - s.false_positives:>3}/{s.rows:<3} = {s.precision:5.1%}   F1 {f1(s.precision, s.recall):.3f}")
        summary[family] = {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                           "f1": round(f1(s.precision, s.recall), 3), "gold": s.gold, "rows": s.rows}
        if verbose:
            lines += [f"  MISS {m}" for m in s.misses] + [f"  FP   {x}" for x in s.extras]
    precision, recall, gold, rows = overall(scores)
    summary["overall"] = {"precision": round(precision, 3), "recall": round(recall, 3),
                          "f1": round(f1(precision, recall), 3), "gold": gold, "rows": rows}
    lines.append(f"overall            recall={recall:.3f} precision={precision:.3f} f1={f1(precision, recall):.3f} "
                 f"gold={gold} rows={rows}")
    return "\n".join(lines), summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=Path(os.environ.get("EVAL_DIR") or DEFAULT_ARTICLES),
                        help="folder of articles (default: EVAL_DIR, else ../shared/eval/dev/articles)")
    parser.add_argument("--gold", type=Path, help="folder of answer keys (default: `gold` beside the articles folder)")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false positive")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    articles = args.articles.resolve()
    gold = (args.gold or articles.parent / "gold").resolve()
    for folder, what in ((articles, "articles"), (gold, "answer keys")):
        if not folder.is_dir():
            print(f"error: no folder of {what} at {folder}; set EVAL_DIR (or --gold) to an annotated batch",
                  file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="eval-") as scratch:
        warehouse = Path(scratch) / "eval.duckdb"
        print(f"building a warehouse from {articles} …", file=sys.stderr)
        build(articles, warehouse)
        text, summary = report(score(warehouse, gold), args.verbose)
    print(json.dumps(summary, indent=2) if args.json else text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
