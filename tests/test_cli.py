"""The commands a user runs: `make run` (python -m pipelines.run), the DuckDB CLI on the result,
and `python -m pipelines.extract`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DUCKDB_CLI = Path(sys.executable).with_name("duckdb")


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DAGSTER_DISABLE_TELEMETRY": "1", **env}
    environment.pop("DAGSTER_HOME", None)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built_by_cli(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    warehouse = tmp_path_factory.mktemp("cli") / "sub" / "metrics.duckdb"
    result = run(["-m", "pipelines.run"], SEEDS_DIR=str(ROOT / "seeds"), WAREHOUSE_PATH=str(warehouse))
    return warehouse, result


def test_run_builds_the_warehouse_and_prints_a_summary(built_by_cli):
    warehouse, result = built_by_cli
    assert result.returncode == 0, result.stderr[-2000:]
    assert warehouse.exists()
    out = result.stdout
    for line in ("articles                  2", "daily_token_usage         5", "growth_multiples          8",
                 "price_points              1", "ingest errors             0"):
        assert line in out, out
    assert "Doubao 4.0T" in out


def test_duckdb_cli_reads_the_warehouse(built_by_cli):
    """Users query with the DuckDB CLI from PyPI (1.5.x): the file must stay readable by it."""
    warehouse, _ = built_by_cli
    assert DUCKDB_CLI.exists(), "duckdb-cli is a dev dependency"
    result = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-csv", str(warehouse), "-c",
         "SELECT entity, tokens_per_day, as_of_date FROM daily_token_usage WHERE bound = 'eq'"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == ["entity,tokens_per_day,as_of_date", "Doubao,4000000000000.0,2024-12-18"]


def test_run_on_another_folder_reports_bad_files(tmp_path):
    seeds = tmp_path / "articles"
    seeds.mkdir()
    (seeds / "a.md").write_text("---\ndate: 2025-03-01\n---\n截至2月底，DeepSeek日均tokens调用量突破2万亿。\n", encoding="utf-8")
    (seeds / "broken.md").write_text("---\ndate: 2024-13-45\n---\n正文\n", encoding="utf-8")
    result = run(["-m", "pipelines.run", "--quiet"], SEEDS_DIR=str(seeds), WAREHOUSE_PATH=str(tmp_path / "x.duckdb"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ingest errors             1" in result.stdout
    assert "broken.md: invalid_date" in result.stdout
    assert "DeepSeek 2.0T" in result.stdout


def test_run_fails_clearly_when_the_warehouse_cannot_be_written(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where a folder should be")
    result = run(["-m", "pipelines.run", "--quiet"], SEEDS_DIR=str(ROOT / "seeds"), WAREHOUSE_PATH=str(blocker / "x.duckdb"))
    assert result.returncode == 2
    assert "WAREHOUSE_PATH" in result.stderr


def test_run_fails_clearly_when_the_seeds_folder_is_missing(tmp_path):
    result = run(["-m", "pipelines.run"], SEEDS_DIR=str(tmp_path / "nope"), WAREHOUSE_PATH=str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert "SEEDS_DIR" in result.stderr


@pytest.mark.parametrize("module", ["pipelines.run", "pipelines.extract"])
def test_commands_have_help(module):
    result = run(["-m", module, "--help"])
    assert result.returncode == 0 and "usage:" in result.stdout


def test_extract_prints_json_lines():
    result = run(["-m", "pipelines.extract", "--family", "price_point", "seeds/000_df353a59485ac43f.txt"])
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["entity"], r["value"], r["unit"], r["direction"]) for r in rows] == [("Doubao", 0.8, "CNY / megatoken", "input")]
    assert "0.0008元/千Tokens" in rows[0]["quote"]


def test_extract_reports_a_bad_file_and_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ndate: 2024-13-45\n---\n正文\n", encoding="utf-8")
    result = run(["-m", "pipelines.extract", str(bad)])
    assert result.returncode == 1
    assert "invalid_date" in result.stderr


def test_extract_warns_of_a_fallback_and_still_extracts(tmp_path):
    article = tmp_path / "note.md"
    article.write_text("# 快讯\n\n截至2025年5月底，豆包大模型日均tokens使用量超过16.4万亿。\n", encoding="utf-8")
    result = run(["-m", "pipelines.extract", str(article)])
    assert result.returncode == 0, result.stderr
    assert "no_front_matter" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["value"] == 1.64e13


def test_extract_explains_each_fact_with_its_rule_and_what_it_left_out(tmp_path):
    article = tmp_path / "note.md"
    article.write_text("---\ndate: 2025-04-22\n---\n截至3月底，豆包大模型日均tokens调用量已超过12.7万亿。"
                       "有人预计，到明年，主力模型的输入价格有望降到每百万tokens 0.1元以下。\n", encoding="utf-8")
    result = run(["-m", "pipelines.extract", "--explain", str(article)])
    assert result.returncode == 0, result.stderr
    assert "[usage.daily_tokens] Doubao: 12,700,000,000,000 tokens/day, bound gt, as of 2025-03-01" in result.stdout
    assert "not taken" in result.stdout and "forecast" in result.stdout and "预计" in result.stdout
