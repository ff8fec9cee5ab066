"""Great Expectations suites as Dagster asset checks: real GX validation of real loads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.defs.checks import expectation_checks
from warehouse_helpers import build

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("articles", "facts", "daily_token_usage", "growth_multiples", "price_points")


def run(seeds: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    return build(seeds, warehouse, raise_on_error=False)


@pytest.fixture(scope="module")
def seeds_with_a_garbled_number(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("quality") / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    # a typo'd magnitude: 5000万亿亿 tokens a day is 5e23, far above anything real
    (seeds / "garbled.md").write_text(
        "---\ntitle: 快讯\ndate: 2025-03-01\n---\n截至2月底，Kimi日均tokens调用量达到5000万亿亿。Kimi日均tokens调用量增长了3倍。\n",
        encoding="utf-8",
    )
    return seeds


@pytest.fixture(scope="module")
def checked(seeds_with_a_garbled_number, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("quality_wh") / "metrics.duckdb"
    return warehouse, run(seeds_with_a_garbled_number, warehouse)


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_there_is_one_suite_file_and_one_check_per_table():
    assert sorted(p.stem for p in (ROOT / "expectations").glob("*.json")) == sorted(TABLES)
    assert sorted(next(iter(c.check_specs)).asset_key.to_user_string() for c in expectation_checks) == sorted(TABLES)
    for table in TABLES:
        suite = json.loads((ROOT / "expectations" / f"{table}.json").read_text(encoding="utf-8"))
        assert suite["name"] == table and suite["expectations"]


def test_all_checks_run_and_pass_after_quarantine(checked):
    _, result = checked
    assert result.success
    evaluations = {e.asset_key.to_user_string(): e for e in result.get_asset_check_evaluations()}
    assert sorted(evaluations) == sorted(TABLES)
    assert all(e.passed for e in evaluations.values())
    assert evaluations["articles"].metadata["failed_expectations"].value == 0
    assert evaluations["articles"].metadata["expectations"].value >= 10


def test_the_load_validates_new_facts_once_and_the_facts_check_trusts_it(checked):
    """The row screen runs the whole facts suite on each batch before the insert; the rows it kept
    are recorded as validated, hashed as the check reads them, so the check has nothing left."""
    warehouse, result = checked
    [materialization] = result.asset_materializations_for_node("facts")[:1]
    facts_rows = len(_rows(warehouse, "SELECT * FROM facts"))
    assert materialization.metadata["facts_validated_at_load"].value == facts_rows > 0
    check = next(e for e in result.get_asset_check_evaluations() if e.asset_key.to_user_string() == "facts")
    assert (check.metadata["revalidated"].value, check.metadata["rows_validated"].value) == (False, 0)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        from warehouse.validation import rows_to_validate

        frames, total, whole_table = rows_to_validate(con, "facts")
        assert (sum(len(frame) for frame, _ in frames), total, whole_table) == (0, facts_rows, False)


def test_a_row_failing_an_expectation_goes_to_rejected_facts_with_its_reason(checked):
    warehouse, _ = checked
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rejected = con.execute("SELECT entity, value, failed_expectations, reason FROM rejected_facts").fetchall()
        in_family = con.execute("SELECT count(*) FROM daily_token_usage WHERE entity = 'Kimi'").fetchall()[0][0]
        kimi_growth = con.execute("SELECT multiple FROM growth_multiples WHERE entity = 'Kimi'").fetchall()
    assert len(rejected) == 1
    entity, value, failed, reason = rejected[0]
    assert (entity, value) == ("Kimi", 5e23)
    assert "expect_column_values_to_be_between(value" in failed and "daily token usage" in reason
    assert in_family == 0  # never reaches the family table …
    assert kimi_growth == [(3.0,)]  # … while the article's good facts load


def test_data_docs_are_built_next_to_the_warehouse(checked):
    warehouse, result = checked
    index = warehouse.parent / "data_docs" / "index.html"
    assert index.exists()
    html = index.read_text(encoding="utf-8")
    assert "facts" in html and "daily_token_usage" in html
    evaluation = next(e for e in result.get_asset_check_evaluations() if e.asset_key.to_user_string() == "facts")
    assert evaluation.metadata["data_docs"].value == str(index)


def test_a_failing_blocking_check_keeps_the_family_tables_as_they_were(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    warehouse = tmp_path / "w.duckdb"
    assert run(seeds, warehouse).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        before = con.execute("SELECT * FROM daily_token_usage ORDER BY ALL").fetchall()

    # a stricter suite that today's facts fail at table level (no value above 1e12)
    strict = tmp_path / "expectations"
    shutil.copytree(ROOT / "expectations", strict)
    suite = json.loads((strict / "facts.json").read_text(encoding="utf-8"))
    suite["expectations"].append({"type": "expect_column_max_to_be_between",
                                  "kwargs": {"column": "value", "max_value": 1e12},
                                  "meta": {"notes": "stricter than the data"}})
    (strict / "facts.json").write_text(json.dumps(suite), encoding="utf-8")
    monkeypatch.setenv("EXPECTATIONS_DIR", str(strict))
    first = seeds / "000_df353a59485ac43f.txt"
    first.write_text(first.read_text(encoding="utf-8").replace("突破5000亿", "突破6000亿"), encoding="utf-8")

    result = run(seeds, warehouse)
    assert not result.success
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert [e.check_name for e in failed] == ["facts_expectations"]
    # an aggregate expectation is not the screen's to vouch for: the check ran on the whole table
    assert result.asset_materializations_for_node("facts")[0].metadata["facts_validated_at_load"].value == 0
    assert "expect_column_max_to_be_between(value)" in failed[0].metadata["results"].value
    skipped = {e.step_key for e in result.all_events if e.event_type_value == "STEP_SKIPPED"} | \
        {k for k in ("daily_token_usage", "growth_multiples", "price_points")
         if not result.asset_materializations_for_node(k)}
    assert {"daily_token_usage", "growth_multiples", "price_points"} <= skipped
    with duckdb.connect(str(warehouse), read_only=True) as con:
        after = con.execute("SELECT * FROM daily_token_usage ORDER BY ALL").fetchall()
    assert after == before  # 6000亿 did not reach the family table


def test_an_unchanged_table_is_not_validated_again(checked, seeds_with_a_garbled_number):
    warehouse, _ = checked
    result = run(seeds_with_a_garbled_number, warehouse)
    assert result.success
    evaluations = {e.asset_key.to_user_string(): e for e in result.get_asset_check_evaluations()}
    assert all(e.passed for e in evaluations.values())
    assert {k for k, e in evaluations.items() if e.metadata["revalidated"].value} == set()
    assert evaluations["facts"].metadata["rows_validated"].value == 0
    assert evaluations["facts"].metadata["table_rows"].value == len(_rows(warehouse, "SELECT * FROM facts"))


def test_a_refresh_validates_only_the_rows_it_changed(checked, seeds_with_a_garbled_number, tmp_path):
    warehouse, _ = checked
    before = len(_rows(warehouse, "SELECT * FROM facts"))
    (seeds_with_a_garbled_number / "later.md").write_text(
        "---\ntitle: 快讯\ndate: 2025-04-01\n---\n截至3月底，Kimi日均tokens调用量已超过1万亿。\n", encoding="utf-8")
    try:
        result = run(seeds_with_a_garbled_number, warehouse)
    finally:
        (seeds_with_a_garbled_number / "later.md").unlink()
    assert result.success
    evaluations = {e.asset_key.to_user_string(): e for e in result.get_asset_check_evaluations()}
    facts = evaluations["facts"].metadata
    assert (facts["revalidated"].value, facts["rows_validated"].value, facts["table_rows"].value) == (False, 0, before + 1)
    assert result.asset_materializations_for_node("facts")[0].metadata["facts_validated_at_load"].value == 1
    assert evaluations["articles"].metadata["rows_validated"].value == 1
    assert evaluations["growth_multiples"].metadata["rows_validated"].value == 0


@pytest.mark.parametrize(
    ("expectation", "row_wise"),
    [
        pytest.param({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x"}}, True, id="map"),
        pytest.param({"type": "expect_column_pair_values_a_to_be_greater_than_b",
                      "kwargs": {"column_A": "a", "column_B": "b"}}, True, id="pair-map"),
        pytest.param({"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "mostly": 0.9}},
                     False, id="mostly-is-an-aggregate"),
        pytest.param({"type": "expect_column_max_to_be_between", "kwargs": {"column": "x"}}, False, id="max"),
        pytest.param({"type": "expect_table_row_count_to_be_between", "kwargs": {}}, False, id="row-count"),
    ],
)
def test_only_row_wise_suites_are_validated_by_delta(expectation, row_wise, tmp_path, monkeypatch):
    from warehouse.validation import validates_by_row

    (tmp_path / "facts.json").write_text(json.dumps({"name": "facts", "expectations": [
        expectation, {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "fact_id"}}]}),
        encoding="utf-8")
    monkeypatch.setenv("EXPECTATIONS_DIR", str(tmp_path))
    assert validates_by_row("facts") == (row_wise, ["fact_id"])


def test_a_big_table_is_validated_frame_by_frame_and_the_results_add_up(tmp_path):
    """5,000 price points, two of them negative, validated in frames of ~2,048 rows by real GX."""
    from warehouse.db import ensure_schema
    from warehouse.validation import mark_validated, merge_reports, rows_to_validate, validate

    with duckdb.connect(str(tmp_path / "big.duckdb")) as con:
        ensure_schema(con)
        con.execute("""
            INSERT INTO price_points
            SELECT 'f' || lpad(i::VARCHAR, 6, '0'), 'a1', 'Model-' || (i % 7), CASE WHEN i IN (10, 4000) THEN -1 ELSE i / 100 END,
                   'CNY', 'input', NULL, 'eq', DATE '2025-01-01', 'day', '价格为' || i || '元', 0, 5, 1
            FROM range(5000) t(i)""")
        frames, total, whole_table = rows_to_validate(con, "price_points", chunk_rows=2048)
        reports, seen, lasts = [], [], []
        for frame, last in frames:
            reports.append(validate("price_points", frame.drop(columns="_row_hash"), tmp_path))
            seen.append(frame[["fact_id", "_row_hash"]])
            lasts.append(last)
        assert (total, whole_table, lasts) == (5000, False, [False, False, True])
        report = merge_reports(reports)
        assert (report.success, report.rows) == (False, 5000)
        [failure] = report.failures
        assert failure.expectation.startswith("expect_column_values_to_be_between(price_per_million_tokens")
        assert failure.unexpected_count == 2
        import pandas as pd

        mark_validated(con, "price_points", pd.concat(seen))  # as if the failures had been accepted
        frames, _, _ = rows_to_validate(con, "price_points")
        assert list(frames) == []
        con.execute("UPDATE price_points SET price_per_million_tokens = 1 WHERE fact_id IN ('f000010', 'f004000')")
        frames, _, _ = rows_to_validate(con, "price_points")
        assert sorted(id for frame, _ in frames for id in frame["fact_id"]) == ["f000010", "f004000"]
