"""Run one SQL query against the warehouse, read-only, and print the result.

    python -m warehouse.query "SELECT * FROM token_usage_series"
    python -m warehouse.query --format csv "SELECT * FROM price_latest" > prices.csv
    make sql Q="SELECT * FROM source_conflicts"

The file is opened read-only, so a query never blocks a refresh (it waits while one commits).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb

from .db import connect, warehouse_path


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warehouse.query",
        description="Run a SQL query against the DuckDB warehouse (read-only) and print the result. "
        "Tables: articles, facts, daily_token_usage, growth_multiples, price_points, rejected_facts, "
        "ingest_errors. Views: token_usage_series, token_usage_daily, growth_implied_baselines, "
        "price_latest, price_history, price_points_cny, price_blended, source_conflicts.",
    )
    parser.add_argument("sql", help="the query, e.g. \"SELECT * FROM token_usage_series\"")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="table (default) for people; csv or json (one array of objects) for scripts")
    parser.add_argument("--db", type=Path, default=None, help="the warehouse file (default: WAREHOUSE_PATH or warehouse/metrics.duckdb)")
    parser.add_argument("--max-rows", type=int, default=100, help="rows shown by --format table (default 100)")
    args = parser.parse_args(argv)

    path = args.db or warehouse_path()
    try:
        with connect(path, read_only=True) as con:
            relation = con.sql(args.sql)
            if relation is None:
                print("the statement returned no rows", file=sys.stderr)
                return 0
            if args.format == "table":
                relation.show(max_rows=args.max_rows, max_width=200)
            elif args.format == "csv":
                sys.stdout.write(relation.pl().write_csv())
            else:
                columns = relation.columns
                rows = [{c: _json_value(v) for c, v in zip(columns, row)} for row in relation.fetchall()]
                json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
                sys.stdout.write("\n")
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"error: {str(exc).splitlines()[0]}\nThe warehouse is opened read-only: only SELECT-like statements run.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
