"""The extractor against hand-written answer keys: the seeds and the article fixtures.

Every fact of the three families that an article states is in its key, so an extra fact is a
false positive and a missing one a false negative; both fail the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fact_matching import FIXTURES, evaluate, fixture_stems, load_fixture, match
from pipelines.extraction.articles import parse_article
from pipelines.extraction.facts import extract_facts

ROOT = Path(__file__).resolve().parents[1]
SEED_KEYS = Path(__file__).parent / "fixtures" / "seeds"
SEED_STEMS = sorted(p.name[: -len(".expected.yaml")] for p in SEED_KEYS.glob("*.expected.yaml"))


def _seed(stem: str):
    path = next((ROOT / "seeds").glob(f"{stem}.*"))
    article = parse_article(path.read_bytes(), path.name)
    key = yaml.safe_load((SEED_KEYS / f"{stem}.expected.yaml").read_text(encoding="utf-8"))
    return article, key


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_gives_exactly_the_expected_facts(stem):
    article, key = _seed(stem)
    report = match(key["facts"], extract_facts(article))
    assert not (report.missing or report.extra or report.mismatches), report.describe()


@pytest.mark.parametrize("stem", fixture_stems())
def test_fixture_article_gives_exactly_the_expected_facts(stem):
    report = evaluate(stem)
    assert not (report.missing or report.extra or report.mismatches), report.describe()


def _distractor_cases():
    for stem in SEED_STEMS:
        article, key = _seed(stem)
        for text in key.get("distractors", []):
            yield pytest.param(article, text, id=f"{stem}:{text}")
    for stem in fixture_stems():
        article, key = load_fixture(stem)
        for text in key.get("distractors", []):
            yield pytest.param(article, text, id=f"{stem}:{text}")


@pytest.mark.parametrize(("article", "distractor"), list(_distractor_cases()))
def test_distractor_numbers_never_become_facts(article, distractor):
    assert distractor in article.body, "the key's distractor must be quoted from the article"
    start = article.body.index(distractor)
    spans = []
    while start != -1:
        spans.append((start, start + len(distractor)))
        start = article.body.find(distractor, start + 1)
    for fact in extract_facts(article):
        for s, e in spans:
            assert not (fact.number_start < e and s < fact.number_end), (
                f"{fact.family} {fact.entity} {fact.value} comes from the distractor «{distractor}»"
            )


def test_every_fact_points_at_its_number():
    for stem in fixture_stems():
        article, _ = load_fixture(stem)
        for fact in extract_facts(article):
            assert fact.char_start <= fact.number_start < fact.number_end <= fact.char_end


def test_quotes_point_into_the_article_body():
    for stem in fixture_stems():
        article, _ = load_fixture(stem)
        for fact in extract_facts(article):
            assert article.body[fact.char_start : fact.char_end] == fact.quote


def test_fact_ids_are_stable_and_unique():
    for stem in fixture_stems()[:3]:
        article, _ = load_fixture(stem)
        first = [f.fact_id for f in extract_facts(article)]
        second = [f.fact_id for f in extract_facts(article)]
        assert first == second
        assert len(set(first)) == len(first)


def test_answer_keys_cover_every_fixture():
    assert len(fixture_stems()) >= 8
    for stem in fixture_stems():
        assert (FIXTURES / f"{stem}.expected.yaml").exists()
