"""The time-series layer of sql/marts/ (staging views, marts as tables, views over them), with values asserted on a small fixture folder
(tests/fixtures/views/) built by a real Dagster run, before and after an incremental refresh."""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import build, query

FIXTURES = Path(__file__).parent / "fixtures" / "views"
DUCKDB_CLI = Path(sys.executable).with_name("duckdb")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("views")
    seeds = base / "seeds"
    shutil.copytree(FIXTURES, seeds)
    path = base / "metrics.duckdb"
    build(seeds, path)
    return seeds, path


def test_token_usage_series_reconciles_mentions(warehouse):
    _, path = warehouse
    rows = query(path, """SELECT period, as_of_date, tokens_per_day, bound, mentions, sources
                          FROM token_usage_series WHERE entity = 'DeepSeek' ORDER BY period""")
    assert rows == [
        (date(2024, 12, 1), date(2024, 12, 1), 1e12, "gt", 1, ["测试日报"]),
        # two mentions of January: same precision, so the exact figure beats the estimate
        (date(2025, 1, 1), date(2025, 1, 1), 2e12, "eq", 2, ["另一家机构", "测试日报"]),
    ]


def test_token_usage_daily_interpolates_log_linearly(warehouse):
    _, path = warehouse
    rows = query(path, "SELECT day, tokens_per_day, observed FROM token_usage_daily WHERE entity = 'DeepSeek' ORDER BY day")
    assert len(rows) == 32  # 2024-12-01 … 2025-01-01
    assert rows[0] == (date(2024, 12, 1), 1e12, True)
    assert rows[-1] == (date(2025, 1, 1), 2e12, True)
    day, value, observed = rows[15]
    assert day == date(2024, 12, 16) and not observed
    assert value == pytest.approx(1e12 * 2 ** (15 / 31), rel=1e-9)
    assert sum(1 for r in rows if r[2]) == 2


def test_growth_implied_baseline_matches_the_observation(warehouse):
    _, path = warehouse
    rows = query(path, """SELECT multiple, baseline_date, implied_baseline_tokens_per_day, observed_near_baseline,
                                 implied_to_observed FROM growth_implied_baselines WHERE entity = 'DeepSeek'""")
    assert rows == [(2.0, date(2024, 12, 1), 1e12, 1e12, 1.0)]


def test_price_latest_history_and_blend(warehouse):
    _, path = warehouse
    latest = query(path, """SELECT entity, direction, currency, price_per_million_tokens, as_of_date
                            FROM price_latest ORDER BY entity, direction""")
    assert latest == [
        ("DeepSeek-V3", "input", "CNY", 0.5, date(2025, 2, 26)),
        # stated in an article of 2025-01-10 after a December statistic: the price holds at the article's date
        ("DeepSeek-V3", "output", "CNY", 8.0, date(2025, 1, 10)),
        ("GPT-4o", "input", "USD", 2.5, date(2025, 1, 10)),
        ("GPT-4o", "output", "USD", 10.0, date(2025, 1, 10)),
    ]
    history = query(path, """SELECT as_of_date, price_per_million_tokens, previous_price, cut_percent
                             FROM price_history WHERE entity = 'DeepSeek-V3' AND direction = 'input' ORDER BY as_of_date""")
    assert history == [(date(2025, 1, 10), 2.0, None, None), (date(2025, 2, 26), 0.5, 2.0, 75.0)]
    blended = dict(query(path, "SELECT entity, blended_cny_per_million FROM price_blended"))
    assert blended["DeepSeek-V3"] == pytest.approx((3 * 0.5 + 8) / 4)
    assert blended["GPT-4o"] == pytest.approx((3 * 2.5 + 10) / 4 * 7.19)


def test_prices_in_both_currencies_use_the_rate_of_their_month(warehouse):
    _, path = warehouse
    rows = query(path, """SELECT entity, direction, price_cny_per_million, price_usd_per_million, cny_per_usd, fx_month
                          FROM price_points_cny WHERE entity = 'GPT-4o' AND direction = 'input'""")
    assert rows == [("GPT-4o", "input", pytest.approx(2.5 * 7.19), 2.5, 7.19, date(2025, 1, 1))]
    cny = query(path, """SELECT price_usd_per_million FROM price_points_cny
                         WHERE entity = 'DeepSeek-V3' AND direction = 'input' AND as_of_date = DATE '2025-02-26'""")
    assert cny == [(pytest.approx(0.5 / 7.17),)]


def test_source_conflicts_show_both_quotes(warehouse):
    _, path = warehouse
    rows = query(path, "SELECT family, entity, period, value_a, value_b, difference_percent, quote_a, quote_b FROM source_conflicts")
    assert len(rows) == 1
    family, entity, period, value_a, value_b, difference, quote_a, quote_b = rows[0]
    assert (family, entity, period) == ("daily_token_usage", "DeepSeek", date(2025, 1, 1))
    assert sorted([value_a, value_b]) == [1.2e12, 2e12]
    assert difference == 40.0
    assert {"约为1.2万亿" in q or "达到2万亿" in q for q in (quote_a, quote_b)} == {True}


MART_TABLES = {"token_usage_series", "growth_implied_baselines", "price_latest", "price_history", "source_conflicts"}


def _marts_materialization(result):
    return next(e.materialization for e in result.get_asset_materialization_events()
                if e.materialization.asset_key.to_user_string() == "marts")


def test_marts_are_tables_rebuilt_only_when_their_inputs_change(warehouse):
    seeds, path = warehouse
    tables = {name for (name,) in query(path, "SELECT table_name FROM duckdb_tables()")}
    views = {name for (name,) in query(path, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert MART_TABLES <= tables and not MART_TABLES & views
    assert {"stg_token_usage", "token_usage_daily", "price_blended"} <= views
    built_at = query(path, "SELECT built_at FROM mart_builds")
    unchanged = build(seeds, path)
    assert _marts_materialization(unchanged).metadata["rebuilt"].value is False
    assert query(path, "SELECT built_at FROM mart_builds") == built_at


def test_a_warehouse_whose_marts_were_views_gets_tables(warehouse, tmp_path):
    seeds, path = warehouse
    copy = tmp_path / "older.duckdb"
    shutil.copy(path, copy)
    expected = query(path, "SELECT * FROM token_usage_series ORDER BY entity, period")
    with duckdb.connect(str(copy)) as con:  # the layout of a warehouse built before the marts were tables
        con.execute("DROP TABLE token_usage_series")
        con.execute("CREATE VIEW token_usage_series AS SELECT * FROM stg_token_usage")
    result = build(seeds, copy)
    assert _marts_materialization(result).metadata["rebuilt"].value is True
    assert ("token_usage_series",) in query(copy, "SELECT table_name FROM duckdb_tables()")
    assert query(copy, "SELECT * FROM token_usage_series ORDER BY entity, period") == expected


def test_views_follow_an_incremental_refresh(warehouse):
    seeds, path = warehouse
    (seeds / "a4_other_estimate.md").unlink()
    (seeds / "a5_february.md").write_text(
        "---\ntitle: 二月\ndate: 2025-03-05\nsource: 测试日报\n---\n截至2025年2月，DeepSeek日均tokens调用量达到4万亿。\n",
        encoding="utf-8")
    build(seeds, path)
    assert query(path, "SELECT count(*) FROM source_conflicts") == [(0,)]
    series = query(path, "SELECT period, tokens_per_day, mentions FROM token_usage_series WHERE entity = 'DeepSeek' ORDER BY period")
    assert series == [(date(2024, 12, 1), 1e12, 1), (date(2025, 1, 1), 2e12, 1), (date(2025, 2, 1), 4e12, 1)]
    last = query(path, "SELECT max(day) FROM token_usage_daily WHERE entity = 'DeepSeek'")
    assert last == [(date(2025, 2, 1),)]


def test_query_command_prints_table_csv_and_json(warehouse):
    _, path = warehouse
    def run(*args):
        return subprocess.run([sys.executable, "-m", "warehouse.query", "--db", str(path), *args],
                              capture_output=True, text=True, timeout=120)
    csv = run("--format", "csv", "SELECT entity, currency FROM price_latest ORDER BY entity, direction")
    assert csv.returncode == 0 and csv.stdout.splitlines()[:2] == ["entity,currency", "DeepSeek-V3,CNY"]
    as_json = run("--format", "json", "SELECT period FROM token_usage_series WHERE entity = 'DeepSeek' ORDER BY period LIMIT 1")
    assert as_json.returncode == 0 and '"period": "2024-12-01"' in as_json.stdout
    table = run("SELECT count(*) AS n FROM token_usage_daily")
    assert table.returncode == 0 and "n" in table.stdout
    bad = run("DELETE FROM facts")
    assert bad.returncode == 1 and "read-only" in bad.stderr


def test_the_duckdb_cli_reads_the_views(warehouse):
    _, path = warehouse
    result = subprocess.run([str(DUCKDB_CLI), "-readonly", "-csv", str(path), "-c",
                             "SELECT entity, blended_cny_per_million FROM price_blended ORDER BY entity"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "DeepSeek-V3,2.375"
    assert math.isclose(float(result.stdout.splitlines()[2].split(",")[1]), 4.375 * 7.19)


def test_parquet_export_is_partitioned_by_month_and_reads_back(warehouse):
    _, path = warehouse
    folder = path.parent / "parquet"
    months = sorted(p.name for p in (folder / "daily_token_usage").glob("month=*"))
    assert months == ["month=2024-12", "month=2025-01", "month=2025-02"]
    with duckdb.connect() as con:
        parquet = con.execute(
            f"SELECT entity, tokens_per_day, as_of_date, month FROM read_parquet('{folder.as_posix()}/daily_token_usage/*/*.parquet', "
            "hive_partitioning = true) ORDER BY as_of_date").fetchall()
    table = query(path, "SELECT entity, tokens_per_day, as_of_date, strftime(as_of_date, '%Y-%m') FROM daily_token_usage ORDER BY as_of_date")
    assert parquet == table


def test_parquet_export_rewrites_only_the_months_that_changed(warehouse):
    seeds, path = warehouse
    folder = path.parent / "parquet" / "daily_token_usage"
    written = {p.parent.name: p.stat().st_mtime_ns for p in folder.glob("month=*/data.parquet")}
    (seeds / "a6_march.md").write_text(
        "---\ntitle: 三月\ndate: 2025-04-02\nsource: 测试日报\n---\n截至2025年3月，DeepSeek日均tokens调用量达到5万亿。\n",
        encoding="utf-8")
    build(seeds, path)
    after = {p.parent.name: p.stat().st_mtime_ns for p in folder.glob("month=*/data.parquet")}
    assert sorted(after) == sorted([*written, "month=2025-03"])
    assert {m: t for m, t in after.items() if m in written} == written  # untouched months not rewritten
    (seeds / "a6_march.md").unlink()
    build(seeds, path)
    assert sorted(p.name for p in folder.glob("month=*")) == sorted(written)
