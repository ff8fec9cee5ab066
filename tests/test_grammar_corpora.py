"""The grammar corpora (tests/fixtures/grammar/*.yaml) as test tables, one per layer: modality
(hypotheticals, forecasts, conversions in passing, rejected claims and generic statements are not
facts, the facts beside them still are), model variants, price tables, prices in 毛/分/厘, price
phrasings in sentences, and usage and growth phrasings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from pipelines.extraction.articles import Article
from pipelines.extraction.facts import extract_facts
from pipelines.extraction.modality import scopes

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "grammar" / "modality.yaml").read_text(encoding="utf-8"))


def article(text: str) -> Article:
    return Article("a1", "a.md", None, None, None, None, date(2025, 10, 20), "0" * 64, "utf-8", text)


@pytest.mark.parametrize("example", CORPUS, ids=[f"{e['modality']}-{i}" for i, e in enumerate(CORPUS)])
def test_modality_examples(example):
    values = sorted(f.value for f in extract_facts(article(example["text"])))
    assert values == sorted(example["values"])


def test_every_modality_of_the_lexicon_has_examples():
    lexicon = yaml.safe_load((Path(__file__).parents[1] / "pipelines" / "extraction" / "lexicon" / "modality.yaml")
                             .read_text(encoding="utf-8"))
    assert set(lexicon) == {e["modality"] for e in CORPUS}


def test_a_scope_ends_where_its_kind_says():
    text = "预计明年翻番。截至5月日均超1万亿，相当于每秒1亿，同比增长3倍。"
    found = {(s.modality, text[s.start:s.end]) for s in scopes(text)}
    assert found == {("forecast", "预计明年翻番"), ("conversion", "相当于每秒1亿")}


VARIANTS = yaml.safe_load((Path(__file__).parent / "fixtures" / "grammar" / "model_variants.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", VARIANTS, ids=[e["text"] for e in VARIANTS])
def test_a_version_or_variant_after_a_registered_name_is_the_more_specific_model(example):
    from pipelines.extraction.entities import load_registry
    from pipelines.extraction.text import normalize

    norm = normalize(example["text"])
    registry = load_registry()
    first = (registry.platforms(norm, 0, len(norm)) if example.get("finder") == "platforms" else registry.mentions(norm))[0]
    assert (first.entity.name, first.base.name if first.base else None) == (example["name"], example["base"])


TABLES = yaml.safe_load((Path(__file__).parent / "fixtures" / "grammar" / "tables.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", TABLES, ids=[e["name"] for e in TABLES])
def test_price_tables(example):
    facts = [f for f in extract_facts(article(example["text"])) if f.family == "price_point"]
    got = sorted((f.entity.lower(), f.value, f.currency, f.direction) for f in facts)
    assert got == sorted((e.lower(), v, c, d) for e, v, c, d in example["facts"])
    if "as_of" in example:  # the date every fact of the table holds at
        assert {f.as_of_date for f in facts} == {example["as_of"]}


SMALL_MONEY = yaml.safe_load((Path(__file__).parent / "fixtures" / "grammar" / "small_money.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", SMALL_MONEY, ids=[e["text"] for e in SMALL_MONEY])
def test_prices_in_mao_fen_and_li(example):
    prices = [(f.value, f.direction) for f in extract_facts(article(example["text"])) if f.family == "price_point"]
    assert prices == ([(example["value"], example["direction"])] if example["value"] is not None else [])


PRICES = yaml.safe_load((Path(__file__).parent / "fixtures" / "grammar" / "prices.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", PRICES, ids=[e["text"] for e in PRICES])
def test_price_phrasings(example):
    facts = [f for f in extract_facts(article(example["text"])) if f.family == "price_point"]
    assert sorted((f.entity, f.value, f.currency, f.direction) for f in facts) == sorted(map(tuple, example["facts"]))


USAGE_GROWTH = yaml.safe_load((Path(__file__).parent / "fixtures" / "grammar" / "usage_growth.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", USAGE_GROWTH, ids=[e["text"] for e in USAGE_GROWTH])
def test_usage_and_growth_phrasings(example):
    got = sorted((f.family, f.entity, f.value, str(f.as_of_date), str(f.baseline_date) if f.baseline_date else None)
                 for f in extract_facts(article(example["text"])) if f.family != "price_point")
    assert got == sorted((fam, e, float(v), a, b) for fam, e, v, a, b in example["facts"])
