"""Every kind of bad input in one seeds folder: each is recorded (or handled as documented) while
every good article in the same run still loads."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.extraction.articles import parse_article
from pipelines.extraction.facts import extract_facts
from warehouse_helpers import build

ROOT = Path(__file__).resolve().parents[1]
SEED_BODY = (ROOT / "seeds" / "002_86cffc0c2b34d3b3.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def big_article(target_bytes: int) -> str:
    """A long article: real press text plus the shapes that make naive regexes backtrack
    (long digit runs, stacked magnitudes, cue words without numbers, no punctuation)."""
    hostile = ("超过" + "9" * 300 + "亿亿亿亿万 " + "日均tokens使用量" * 40 + "每百万tokens" * 30
               + "1,000,000,000,000 " + "数千万" * 50 + "一" * 2000 + "\n")
    parts, size = [], 0
    while size < target_bytes:
        parts += [SEED_BODY, hostile]
        size += len(SEED_BODY.encode()) + len(hostile.encode())
    return "---\ntitle: 长文\ndate: 2025-01-25\n---\n" + "".join(parts)


BAD_FILES = {
    "empty.md": (b"", "empty"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "impossible_date.md": ("---\ntitle: t\ndate: 2024-13-45\n---\n正文。\n".encode(), "invalid_date"),
    "unterminated.md": ("---\ntitle: t\ndate: 2025-01-25\n豆包大模型日均tokens使用量超过4万亿。\n".encode(), "unterminated_front_matter"),
    "latin1.md": ("---\ndate: 2025-01-25\n---\n".encode() + bytes([0xFF, 0xFE, 0xFA, 0xFB, 0xFC, 0xFD] * 5), "encoding"),
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad_input")
    seeds = base / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for name, (raw, _) in BAD_FILES.items():
        (seeds / name).write_bytes(raw)
    (seeds / "gbk.md").write_bytes(
        "---\ntitle: 文心快讯\ndate: 2025-02-10\n---\n百度称，文心大模型日均tokens调用量突破1.6万亿。\n".encode("gb18030"))
    shutil.copy(seeds / "000_df353a59485ac43f.txt", seeds / "zz_copy_of_000.txt")
    (seeds / "sql.md").write_text(
        "---\ntitle: \"Robert'); DROP TABLE facts;--\"\ndate: 2025-01-25\n---\n"
        "据'); DELETE FROM articles;--介绍，Kimi日均tokens调用量超过3000亿。\n", encoding="utf-8")
    (seeds / "big.md").write_text(big_article(3_000_000), encoding="utf-8")
    (seeds / "no_front_matter.md").write_text(
        "# 快讯\n\n截至7月，豆包大模型日均Tokens使用量已突破5000亿。截至2025年5月底，豆包大模型日均tokens使用量超过16.4万亿。\n",
        encoding="utf-8")
    warehouse = base / "metrics.duckdb"
    build(seeds, warehouse)
    return warehouse


def test_each_bad_file_is_recorded_with_its_kind_and_a_message(loaded):
    with duckdb.connect(str(loaded), read_only=True) as con:
        errors = {path: (kind, message) for path, kind, message in
                  con.execute("SELECT path, kind, message FROM ingest_errors WHERE NOT article_loaded").fetchall()}
    expected = {name: kind for name, (_, kind) in BAD_FILES.items()} | {"zz_copy_of_000.txt": "duplicate"}
    assert {path: kind for path, (kind, _) in errors.items()} == expected
    assert "000_df353a59485ac43f.txt" in errors["zz_copy_of_000.txt"][1]
    assert all(len(message) > 30 for _, message in errors.values())


def test_a_file_without_front_matter_loads_with_a_warning_and_only_its_absolutely_dated_facts(loaded):
    with duckdb.connect(str(loaded), read_only=True) as con:
        warning = con.execute("SELECT kind, article_loaded FROM ingest_errors WHERE path = 'no_front_matter.md'").fetchall()
        usage = con.execute("SELECT tokens_per_day, as_of_date FROM daily_token_usage JOIN articles USING (article_id) "
                            "WHERE path = 'no_front_matter.md'").fetchall()
    assert warning == [("no_front_matter", True)]
    # "截至7月" depends on the unknown publish year: left out; "2025年5月底" is taken
    assert usage == [(1.64e13, date(2025, 5, 1))]


def test_good_articles_in_the_same_run_still_load(loaded):
    with duckdb.connect(str(loaded), read_only=True) as con:
        paths = {p for (p,) in con.execute("SELECT path FROM articles").fetchall()}
        usage = dict(con.execute(
            "SELECT a.path, max(d.tokens_per_day) FROM daily_token_usage d JOIN articles a USING (article_id) GROUP BY 1"
        ).fetchall())
    assert paths == {"000_df353a59485ac43f.txt", "002_86cffc0c2b34d3b3.txt", "gbk.md", "sql.md", "big.md",
                     "no_front_matter.md"}
    assert usage["gbk.md"] == 1.6e12  # GBK is decoded, not rejected
    assert usage["000_df353a59485ac43f.txt"] == 5e11


def test_gbk_article_is_decoded(loaded):
    with duckdb.connect(str(loaded), read_only=True) as con:
        assert con.execute("SELECT title, encoding FROM articles WHERE path = 'gbk.md'").fetchall() == [("文心快讯", "gb18030")]


def test_sql_metacharacters_stay_data(loaded):
    with duckdb.connect(str(loaded), read_only=True) as con:
        title = con.execute("SELECT title FROM articles WHERE path = 'sql.md'").fetchall()[0][0]
        quote = con.execute("SELECT quote FROM daily_token_usage WHERE entity = 'Kimi'").fetchall()[0][0]
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert title == "Robert'); DROP TABLE facts;--"
    assert "DELETE FROM articles" in quote
    assert {"facts", "articles"} <= tables


def test_extraction_time_grows_linearly_with_article_size():
    """Bounds the work per character: a 4x longer article may take at most ~6x as long (a
    quadratic blow-up would take 16x). Sizes are small enough to keep the test short."""
    def seconds(size: int) -> float:
        article = parse_article(big_article(size).encode(), "big.md")
        start = time.process_time()
        extract_facts(article)
        return time.process_time() - start

    seconds(100_000)  # warm caches (regex compilation, registry)
    small, large = seconds(250_000), seconds(1_000_000)
    assert large / small < 6.5, (small, large)


def test_an_article_the_extractor_fails_on_is_recorded_and_the_others_still_load(tmp_path, monkeypatch):
    """A defect in the extractor met by one article (injected here: the extractor is ours to break)
    costs that article its facts and nothing else; the error is kept on the article, and a full
    refresh with a working extractor reads it again."""
    import warehouse.load

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "trips.md").write_text("---\ntitle: 快讯\ndate: 2025-03-01\n---\n截至2月底，Kimi日均tokens调用量突破2万亿。\n",
                                    encoding="utf-8")
    real = warehouse.load.extract_facts

    def failing_on_trips(article):
        if article.path == "trips.md":
            raise ValueError("None is not a currency unit")
        return real(article)

    monkeypatch.setattr(warehouse.load, "extract_facts", failing_on_trips)
    warehouse_path = tmp_path / "w.duckdb"
    result = build(seeds, warehouse_path)
    facts_meta = result.asset_materializations_for_node("facts")[0].metadata
    assert facts_meta["articles_failed"].value == 1
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        errors = con.execute("SELECT a.path, e.error FROM article_extractions e JOIN articles a USING (article_id) "
                             "WHERE e.error IS NOT NULL").fetchall()
        kimi = con.execute("SELECT count(*) FROM daily_token_usage WHERE entity = 'Kimi'").fetchall()
        seeded = con.execute("SELECT count(*) FROM daily_token_usage").fetchall()[0][0]
    assert errors == [("trips.md", "ValueError: None is not a currency unit")]
    assert kimi == [(0,)] and seeded > 0  # the seeds' facts are there

    monkeypatch.setattr(warehouse.load, "extract_facts", real)
    build(seeds, warehouse_path, full_refresh=True)
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM article_extractions WHERE error IS NOT NULL").fetchall() == [(0,)]
        assert con.execute("SELECT tokens_per_day FROM daily_token_usage WHERE entity = 'Kimi'").fetchall() == [(2e12,)]
