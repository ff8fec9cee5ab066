"""Reading article files: front matter quirks, and a clear error for every kind of bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.extraction.articles import Article, IngestError, article_id_for, parse_article

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("name", "title", "published", "source", "author", "body_has_rule"),
    [
        ("000_df353a59485ac43f.txt", "豆包大模型日均Tokens使用量破5000亿，模型家族再升级", date(2024, 7, 27), None, "ByteAILab", True),
        ("002_86cffc0c2b34d3b3.txt", "豆包大模型 1.5 不走「捷径」，火山引擎要造「长坡厚雪」", date(2025, 1, 25), "极客公园", None, False),
    ],
)
def test_seed_front_matter(name, title, published, source, author, body_has_rule):
    article = parse_article((ROOT / "seeds" / name).read_bytes(), name)
    assert isinstance(article, Article)
    assert (article.title, article.published_date, article.source, article.author) == (title, published, source, author)
    assert article.article_id == article_id_for(name)
    # the body starts after the closing '---'; a '---' rule inside the body stays in the body
    assert not article.body.lstrip().startswith(("title:", "date:"))
    assert ("\n---\n" in article.body) == body_has_rule


GOOD = "---\ntitle: t\ndate: 2025-01-25\n---\n正文。\n"


@pytest.mark.parametrize(
    ("raw", "expected_date", "encoding"),
    [
        pytest.param(GOOD.encode(), date(2025, 1, 25), "utf-8", id="plain"),
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), date(2025, 1, 25), "utf-8", id="utf8-bom"),
        pytest.param(GOOD.replace("\n", "\r\n").encode(), date(2025, 1, 25), "utf-8", id="crlf"),
        pytest.param("---\n\ntitle: t\n\ndate: '2025-01-25'\n\n---\n正文\n".encode(), date(2025, 1, 25), "utf-8", id="blank-lines-quoted-date"),
        pytest.param("---\ndate: 2025/1/5\n---\n正文\n".encode(), date(2025, 1, 5), "utf-8", id="slash-date"),
        pytest.param("---\ndate: 2025-01-25T08:00:00\n---\n正文\n".encode(), date(2025, 1, 25), "utf-8", id="datetime"),
        pytest.param("---\ndate: 2025-01-25\ntitle: 豆包日均tokens\n---\n豆包大模型\n".encode("gb18030"), date(2025, 1, 25), "gb18030", id="gbk"),
    ],
)
def test_good_variants_parse(raw, expected_date, encoding):
    article = parse_article(raw, "x.md")
    assert isinstance(article, Article), article
    assert article.published_date == expected_date
    assert article.encoding == encoding


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \n\n", "empty", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary"),
        pytest.param("---\ntitle: t\ndate: 2025-01-25\n正文没有结束的前言".encode(), "unterminated_front_matter", id="unterminated"),
        pytest.param("---\ntitle: [unclosed\ndate: 2025-01-25\n---\n正文\n".encode(), "bad_front_matter", id="bad-yaml"),
        pytest.param("---\n- a\n- b\n---\n正文\n".encode(), "bad_front_matter", id="yaml-list"),
        pytest.param("---\ntitle: t\n---\n正文\n".encode(), "missing_date", id="no-date"),
        pytest.param("---\ndate: 2024-13-45\n---\n正文\n".encode(), "invalid_date", id="impossible-date"),
        pytest.param("---\ndate: yesterday\n---\n正文\n".encode(), "invalid_date", id="word-date"),
        pytest.param("---\ndate: 2025-01-25\n---\n\n".encode(), "empty_body", id="empty-body"),
        pytest.param(b"---\ndate: 2025-01-25\n---\n\xff\xfe\xfa\xfb\xfc\xfd", "encoding", id="not-text"),
    ],
)
def test_bad_input_gives_a_clear_error(raw, kind):
    error = parse_article(raw, "bad.md")
    assert isinstance(error, IngestError)
    assert error.kind == kind
    assert error.path == "bad.md"
    assert len(error.message) > 20  # says what is wrong and what to do


def test_a_file_without_front_matter_loads_without_a_publish_date_and_with_a_warning():
    article = parse_article("# 豆包快讯\n\n截至2025年5月底，豆包日均tokens超过16.4万亿。".encode(), "x.md")
    assert isinstance(article, Article)
    assert (article.title, article.published_date) == ("豆包快讯", None)
    assert [kind for kind, _ in article.warnings] == ["no_front_matter"]


@pytest.mark.parametrize(("url", "stored", "warned"), [
    ("https://36kr.com/p/1", "https://36kr.com/p/1", False),
    ("http://example.com", "http://example.com", False),
    ("mp.weixin.qq.com/s/Ab-c_D", "https://mp.weixin.qq.com/s/Ab-c_D", True),
    ("//www.ithome.com/0/1.htm", "https://www.ithome.com/0/1.htm", True),
    ("javascript:alert(3)", None, True),
    ("mailto:a@b.com", None, True),
    ("见原文链接", None, True),
    ("https://exa mple.com", None, True),
])
def test_a_url_is_kept_given_a_scheme_or_dropped(url, stored, warned):
    article = parse_article(f"---\ndate: 2025-01-25\nurl: '{url}'\n---\n正文\n".encode(), "x.md")
    assert article.url == stored
    assert bool(article.warnings) == warned


def test_sql_metacharacters_stay_data():
    raw = "---\ntitle: \"x'; DROP TABLE facts; --\"\ndate: 2025-01-25\n---\n正文\n".encode()
    article = parse_article(raw, "x.md")
    assert article.title == "x'; DROP TABLE facts; --"
