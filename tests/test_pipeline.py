"""The Dagster definitions, run for real with dagster.materialize against a temporary DuckDB file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.defs import all_assets, build_definitions
from warehouse_helpers import build

TABLES = ("articles", "ingest_errors", "facts", "daily_token_usage", "growth_multiples", "price_points")


materialize = build


def dump(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, dg.ExecuteInProcessResult]:
    base = tmp_path_factory.mktemp("built")
    seeds = base / "seeds"
    shutil.copytree(Path(__file__).resolve().parents[1] / "seeds", seeds)
    warehouse = base / "metrics.duckdb"
    return seeds, warehouse, materialize(seeds, warehouse)


def test_definitions_load_with_job_and_schedule():
    defs = build_definitions()
    job = defs.resolve_job_def("refresh_warehouse")
    assert {k.to_user_string() for k in job.asset_layer.executable_asset_keys} >= set(TABLES)
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert schedule.cron_schedule == "0 6 * * *"
    assert schedule.job_name == "refresh_warehouse"


def test_every_writer_is_in_the_warehouse_pool():
    for assets_def in all_assets:
        assert assets_def.op.pool == "duckdb_warehouse", assets_def.keys


def test_daily_token_usage_holds_the_seed_facts(built):
    _, warehouse, _ = built
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT entity, tokens_per_day, bound, as_of_date, as_of_precision FROM daily_token_usage ORDER BY ALL"
        ).fetchall()
    assert rows == [
        ("China LLM market", 1e12, "approx", date(2024, 12, 1), "month"),
        ("Doubao", 5e11, "gt", date(2024, 7, 1), "month"),
        ("Doubao", 4e12, "eq", date(2024, 12, 18), "day"),
        ("Doubao", 4e12, "gt", date(2024, 12, 1), "month"),  # stated twice in one article: one row
        ("鱼泡科技", 1e8, "gt", date(2024, 7, 27), "day"),
    ]


def test_growth_and_price_tables(built):
    _, warehouse, _ = built
    with duckdb.connect(str(warehouse), read_only=True) as con:
        multiples = con.execute("SELECT multiple FROM growth_multiples ORDER BY multiple").fetchall()
        prices = con.execute(
            "SELECT entity, price_per_million_tokens, currency, direction FROM price_points"
        ).fetchall()
        baselines = con.execute(
            "SELECT DISTINCT baseline_date FROM growth_multiples WHERE multiple IN (22, 33) ORDER BY 1"
        ).fetchall()
    assert [m for (m,) in multiples] == [9, 10, 13, 16, 22, 33, 33, 39]
    assert prices == [("Doubao", 0.8, "CNY", "input")]
    assert [b for (b,) in baselines] == [date(2024, 5, 1), date(2024, 5, 15)]


def test_every_quote_is_the_text_at_its_offsets(built):
    _, warehouse, _ = built
    with duckdb.connect(str(warehouse), read_only=True) as con:
        bad = con.execute(
            """SELECT f.fact_id FROM facts f JOIN articles a USING (article_id)
               WHERE substr(a.body, f.char_start + 1, f.char_end - f.char_start) <> f.quote"""
        ).fetchall()
        total = con.execute("SELECT count(*) FROM facts").fetchall()[0][0]
    assert total == 15 and bad == []


def test_materializations_report_row_counts_and_previews(built):
    _, _, result = built
    by_key = {m.asset_key.to_user_string(): m for m in result.get_asset_materialization_events()
              for m in [m.materialization]}
    assert by_key["daily_token_usage"].metadata["dagster/row_count"].value == 5
    assert by_key["facts"].metadata["dagster/row_count"].value == 15
    assert by_key["articles"].metadata["new"].value == 2
    assert "Doubao" in by_key["price_points"].metadata["preview"].value


def test_rerun_on_unchanged_input_changes_nothing(built):
    seeds, warehouse, _ = built
    before = dump(warehouse)
    result = materialize(seeds, warehouse)
    assert dump(warehouse) == before
    facts = next(m.materialization for m in result.get_asset_materialization_events()
                 if m.asset_key.to_user_string() == "facts")
    assert facts.metadata["articles_extracted"].value == 0


def test_changed_article_replaces_its_facts_and_deleted_article_retires_them(seeds_copy, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    materialize(seeds_copy, warehouse)
    before = dump(warehouse)
    first = seeds_copy / "000_df353a59485ac43f.txt"
    first.write_text(first.read_text(encoding="utf-8").replace("突破5000亿", "突破6000亿"), encoding="utf-8")
    materialize(seeds_copy, warehouse)
    after = dump(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        changed_id = con.execute("SELECT article_id FROM articles WHERE path = ?", [first.name]).fetchall()[0][0]
        usage = con.execute("SELECT tokens_per_day FROM daily_token_usage WHERE article_id = ? AND entity = 'Doubao'",
                            [changed_id]).fetchall()
    assert usage == [(6e11,)]
    untouched = lambda rows: [r for r in rows if changed_id not in r]  # noqa: E731
    assert untouched(after["facts"]) == untouched(before["facts"])

    first.unlink()
    materialize(seeds_copy, warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        left = con.execute("SELECT count(*) FROM facts WHERE article_id = ?", [changed_id]).fetchall()[0][0]
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    assert (left, articles) == (0, 1)


def test_full_refresh_rebuilds_the_same_facts(built, tmp_path):
    seeds, warehouse, _ = built
    copy = tmp_path / "copy.duckdb"
    shutil.copy(warehouse, copy)
    before = {t: [r[:-1] for r in rows] if t == "facts" else rows for t, rows in dump(copy).items()}
    materialize(seeds, copy, full_refresh=True)
    after = {t: [r[:-1] for r in rows] if t == "facts" else rows for t, rows in dump(copy).items()}
    assert after == before  # same facts; only extracted_at moves


def test_bad_files_are_recorded_and_good_articles_still_load(seeds_copy, tmp_path):
    (seeds_copy / "empty.md").write_bytes(b"")
    (seeds_copy / "no_front_matter.md").write_text("日均tokens使用量超过1万亿。", encoding="utf-8")
    shutil.copy(seeds_copy / "000_df353a59485ac43f.txt", seeds_copy / "copy_of_000.txt")
    warehouse = tmp_path / "w.duckdb"
    materialize(seeds_copy, warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        errors = con.execute("SELECT path, kind FROM ingest_errors ORDER BY path").fetchall()
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    assert errors == [("copy_of_000.txt", "duplicate"), ("empty.md", "empty"), ("no_front_matter.md", "no_front_matter")]
    assert articles == 3  # the file without front matter loads, with its warning


def test_the_job_runs_from_the_definitions(tmp_path):
    defs = build_definitions(Path(__file__).resolve().parents[1] / "seeds", tmp_path / "job.duckdb")
    result = defs.resolve_job_def("refresh_warehouse").execute_in_process(instance=dg.DagsterInstance.ephemeral())
    assert result.success
    assert dump(tmp_path / "job.duckdb")["price_points"]


def test_charts_are_drawn_again_only_when_their_series_change(seeds_copy, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    charts = tmp_path / "charts"
    materialize(seeds_copy, warehouse)
    drawn = {p.name: p.stat().st_mtime_ns for p in charts.glob("*.png")}
    assert sorted(drawn) == ["daily_token_usage.png", "price_points.png"]
    materialize(seeds_copy, warehouse)
    assert {p.name: p.stat().st_mtime_ns for p in charts.glob("*.png")} == drawn
    first = seeds_copy / "000_df353a59485ac43f.txt"
    first.write_text(first.read_text(encoding="utf-8").replace("突破5000亿", "突破6000亿"), encoding="utf-8")
    materialize(seeds_copy, warehouse)
    again = {p.name: p.stat().st_mtime_ns for p in charts.glob("*.png")}
    assert again["daily_token_usage.png"] != drawn["daily_token_usage.png"]
    assert again["price_points.png"] == drawn["price_points.png"]


def test_a_refresh_reads_only_files_whose_size_or_mtime_changed(seeds_copy, tmp_path):
    import os

    warehouse = tmp_path / "w.duckdb"

    def articles_metadata(result):
        return next(m.materialization.metadata for m in result.get_asset_materialization_events()
                    if m.asset_key.to_user_string() == "articles")

    assert articles_metadata(materialize(seeds_copy, warehouse))["files_hashed"].value == 2
    assert articles_metadata(materialize(seeds_copy, warehouse))["files_hashed"].value == 0
    first = seeds_copy / "000_df353a59485ac43f.txt"
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))  # touched, same bytes
    touched = articles_metadata(materialize(seeds_copy, warehouse))
    assert (touched["files_hashed"].value, touched["changed"].value, touched["unchanged"].value) == (1, 0, 2)
    before = dump(warehouse)
    first.write_text(first.read_text(encoding="utf-8").replace("突破5000亿", "突破6000亿"), encoding="utf-8")
    result = materialize(seeds_copy, warehouse)
    assert (articles_metadata(result)["files_hashed"].value, articles_metadata(result)["changed"].value) == (1, 1)
    family = {m.asset_key.to_user_string(): m.materialization.metadata for m in result.get_asset_materialization_events()}
    # the changed number is one row out and one row in; the article's other facts stay as they were
    assert (family["daily_token_usage"]["inserted"].value, family["daily_token_usage"]["deleted"].value) == (1, 1)
    assert (family["price_points"]["inserted"].value, family["price_points"]["deleted"].value) == (0, 0)
    assert len(dump(warehouse)["daily_token_usage"]) == len(before["daily_token_usage"])


def test_a_refresh_with_nothing_new_never_imports_great_expectations(built):
    """Importing GX costs seconds; a run that validates nothing (nothing new) must not pay it."""
    import subprocess
    import sys

    seeds, warehouse, _ = built
    code = ("import sys; sys.path.insert(0, 'tests'); from warehouse_helpers import build; from pathlib import Path; "
            f"build(Path({str(seeds)!r}), Path({str(warehouse)!r})); print('gx imported:', 'great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "gx imported: False" in out.stdout
