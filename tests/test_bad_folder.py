"""The malformed and edge-case files real article folders contain (tests/fixtures/bad, with what
each must give in expected.json): none of them crashes or stops the run, each gives what is
expected, and one article's bad metadata never keeps the other articles' facts out."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import build

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["files"]
LONG_FRONT_MATTER = ("---\ntitle: '豆包大模型日均token使用量突破50万亿'\ndate: 2025-12-19\nsource: '数智经济报'\n"
                     "url: https://example.com/news/2025/12/19/doubao-50-trillion-long\n---\n\n")
LONG_PARAGRAPH = ("截至2025年12月，豆包大模型日均token使用量已突破50万亿。火山引擎方面表示，token使用量正在成为衡量AI落地"
                  "程度的重要指标，企业调用量越大，说明大模型越深入业务一线。\n\n")
FAMILIES = {"daily_token_usage": "tokens_per_day", "growth_multiples": "multiple",
            "price_points": "price_per_million_tokens"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """The original article loads first; the bad files, its byte-identical copy among them, land
    in the folder afterwards, as they do in a real one."""
    seeds = tmp_path_factory.mktemp("bad") / "seeds"
    shutil.copytree(FIXTURES / "articles", seeds / "articles")
    path = seeds.parent / "metrics.duckdb"
    build(seeds, path)
    for name in EXPECTED:
        if name == "long.md":
            (seeds / name).write_text(LONG_FRONT_MATTER + LONG_PARAGRAPH * 12_930, encoding="utf-8")
        else:
            shutil.copy(FIXTURES / name, seeds / name)
    build(seeds, path)
    return path


def rows(path: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def loaded(path: Path, name: str) -> list[tuple]:
    return rows(path, "SELECT article_id, published_date FROM articles WHERE path = ?", name)


def error(path: Path, name: str) -> tuple | None:
    found = rows(path, "SELECT kind, message, article_loaded FROM ingest_errors WHERE path = ?", name)
    return found[0] if found else None


def family_rows(path: Path, name: str, family: str) -> list[tuple]:
    value = FAMILIES[family]
    return rows(path, f"SELECT entity, {value}, bound, strftime(as_of_date, '%Y-%m-%d'), quote, mentions "
                      f"FROM {family} JOIN articles USING (article_id) WHERE path = ?", name)


def assert_facts_as_expected(path: Path, name: str, spec: dict) -> None:
    for family in FAMILIES:
        got = family_rows(path, name, family)
        wanted = spec.get(family, [])
        assert len(got) == len(wanted), (family, got)
        for fact in wanted:
            value = fact[FAMILIES[family]]
            match = [r for r in got if abs(r[1] - value) <= abs(value) * 1e-9
                     and r[0].lower() in {a.lower() for a in fact["entity_aliases"]}
                     and r[3].startswith(fact["as_of"]) and r[2] == fact["bound"]]
            assert match, (family, fact, got)
            assert match[0][5] >= 1 and fact["quote"] in match[0][4]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gives_what_is_expected(warehouse, name):
    spec = EXPECTED[name]
    outcome = spec["expected"]
    if outcome == "reject_or_parse_with_fallback":
        outcome = "parse_with_fallback" if loaded(warehouse, name) else "reject"
    if outcome == "reject":
        kind, message, article_loaded = error(warehouse, name)
        assert not article_loaded and not loaded(warehouse, name)
        assert len(message) > 30  # says what is wrong and what to do
    elif outcome == "parse_with_fallback":
        ((_, published),) = loaded(warehouse, name)
        assert (published.isoformat() if published else None) == spec["published_date"]
        if published is None:  # the fallback is recorded as a warning
            assert error(warehouse, name)[2] is True
        assert_facts_as_expected(warehouse, name, spec)
    else:
        assert outcome == "dedupe"
        kind, message, article_loaded = error(warehouse, name)
        assert kind == "duplicate" and spec["duplicate_of"] in message and not article_loaded
        original = spec["duplicate_of"]
        assert len(family_rows(warehouse, original, "daily_token_usage")) == 1
        assert rows(warehouse, "SELECT count(*) FROM daily_token_usage WHERE quote LIKE '%4 万亿%'") == [(1,)]


def test_a_fact_repeated_thousands_of_times_is_one_row_with_its_mention_count(warehouse):
    ((entity, value, bound, as_of, quote, mentions),) = family_rows(warehouse, "long.md", "daily_token_usage")
    assert (value, bound, mentions) == (5e13, "gt", 12_930)
    # the views count the article once
    assert rows(warehouse, "SELECT mentions, articles FROM token_usage_series WHERE period = DATE '2025-12-01'") \
        == [(1, 1)]


BAD_METADATA = {
    "script_url.md": ("javascript:alert(3)", None, "bad_url"),
    "wechat_url.md": ("mp.weixin.qq.com/s/Xk2_aB-9", "https://mp.weixin.qq.com/s/Xk2_aB-9", "bad_url"),
    "good_url.md": ("https://example.com/a", "https://example.com/a", None),
}


def article(url: str, entity: str) -> str:
    return (f"---\ntitle: 快讯\ndate: 2025-03-01\nurl: \"{url}\"\n---\n"
            f"截至2月底，{entity}日均tokens调用量突破2万亿。\n")


@pytest.fixture(scope="module")
def metadata_warehouse(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("metadata") / "seeds"
    seeds.mkdir()
    for (name, (url, _, _)), entity in zip(BAD_METADATA.items(), ("Kimi", "DeepSeek", "MiniMax")):
        (seeds / name).write_text(article(url, entity), encoding="utf-8")
    path = seeds.parent / "metrics.duckdb"
    build(seeds, path)  # asserts that the run, its blocking checks included, succeeded
    return path


@pytest.mark.parametrize("name", sorted(BAD_METADATA))
def test_a_bad_url_is_fixed_or_dropped_with_a_warning_and_the_article_loads(metadata_warehouse, name):
    _, stored, warning = BAD_METADATA[name]
    assert rows(metadata_warehouse, "SELECT url FROM articles WHERE path = ?", name) == [(stored,)]
    recorded = error(metadata_warehouse, name)
    assert (recorded[0], recorded[2]) == (warning, True) if warning else recorded is None
    assert rows(metadata_warehouse, "SELECT count(*) FROM daily_token_usage JOIN articles USING (article_id) "
                                    "WHERE path = ?", name) == [(1,)]


def test_an_article_failing_a_row_level_expectation_is_quarantined_and_the_others_load(tmp_path, monkeypatch):
    """Whatever the expectation: here a stricter suite that asks every article for a title."""
    suites = tmp_path / "expectations"
    shutil.copytree(Path(__file__).parents[1] / "expectations", suites)
    suite = json.loads((suites / "articles.json").read_text(encoding="utf-8"))
    suite["expectations"].append({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "title"},
                                  "meta": {"notes": "every article has a title", "row_level": True}})
    (suites / "articles.json").write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("EXPECTATIONS_DIR", str(suites))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "titled.md").write_text(article("https://example.com/a", "Kimi"), encoding="utf-8")
    (seeds / "untitled.md").write_text(article("https://example.com/b", "DeepSeek").replace("title: 快讯\n", ""),
                                       encoding="utf-8")
    path = tmp_path / "metrics.duckdb"
    build(seeds, path)
    kind, message, article_loaded = error(path, "untitled.md")
    assert kind == "failed_expectation" and "title" in message and not article_loaded
    assert rows(path, "SELECT entity FROM daily_token_usage") == [("Kimi",)]
    assert os.environ["EXPECTATIONS_DIR"] == str(suites)
