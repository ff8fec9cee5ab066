"""The registry's catalogue of model ids (pipelines/extraction/lexicon/catalogue.yaml) is generated
from the pinned `model-prices` package; these tests keep the committed file and the generator
honest, and check what the registry does with it."""

from __future__ import annotations

import pytest
import yaml

from pipelines.extraction import catalogue
from pipelines.extraction.entities import load_registry
from pipelines.extraction.text import normalize


def test_the_committed_catalogue_is_what_the_pinned_package_generates():
    assert catalogue.CATALOGUE_PATH.read_text(encoding="utf-8") == catalogue.generate(), \
        "run `make catalogue` and commit lexicon/catalogue.yaml"


def test_hand_kept_names_win_and_no_id_is_listed_twice():
    rows = yaml.safe_load(catalogue.CATALOGUE_PATH.read_text(encoding="utf-8"))["models"]
    hand = {catalogue.loose_key(a) for a in catalogue._hand_aliases()}
    keys = [catalogue.loose_key(a) for row in rows for a in [row["name"], *row.get("aliases", [])]]
    assert not hand & set(keys)
    assert len({catalogue.loose_key(r["name"]) for r in rows}) == len(rows)


SNAPSHOT = {
    "prices": {
        "alibaba": {"qwen-max": {}, "qwen3-max-2025-09-23": {}, "glm-5.2": {}, "kimi-k3": {}},
        "anthropic": {"claude-3-5-haiku-20241022": {}, "claude-3-5-haiku-latest": {}},
        "arcee": {"moonshotai/kimi-k3": {}},
    },
    "aliases": {"models": {"claude-haiku-3-5": "anthropic/claude-3-5-haiku-latest"}},
}
VENDORS = {"providers": {"alibaba": {"vendor": "Alibaba", "prefixes": ["qwen"]},
                         "anthropic": {"vendor": "Anthropic", "prefixes": ["claude-"]}}}


def test_the_generator_keeps_first_party_ids_names_versions_as_written_and_folds_snapshots():
    rows = catalogue.build(SNAPSHOT, VENDORS, hand_aliases={"Qwen-Max"})
    assert rows == [
        {"name": "qwen3-max", "vendor": "Alibaba", "aliases": ["qwen3-max-2025-09-23"]},
        {"name": "claude-3.5-haiku", "vendor": "Anthropic",
         "aliases": ["claude-3-5-haiku", "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "claude-haiku-3-5"]},
    ]


@pytest.mark.parametrize("text, name, vendor", [
    ("GPT-4.1 mini的输入价格", "gpt-4.1-mini", "OpenAI"),            # a registered family + variant
    ("claude-3-5-haiku-20241022的价格", "claude-3.5-haiku", "Anthropic"),  # a dated snapshot id
    ("Kimi-K2-Thinking-Turbo的价格", "kimi-k2-thinking-turbo", "Moonshot AI"),
    ("step-2-16k的价格", "step-2-16k", "StepFun"),
    ("abab-nonexistent-9的价格", "abab-nonexistent-9", None),        # not catalogued: as written
])
def test_a_model_id_the_article_writes_gets_the_catalogues_name_and_vendor(text, name, vendor):
    registry = load_registry()
    norm = normalize(text)
    mentions = registry.mentions(norm) + registry.model_ids(norm, 0, len(norm))
    model = max(mentions, key=lambda m: m.end - m.start)
    assert (model.entity.name, model.entity.vendor) == (name, vendor)


def test_the_generator_has_a_help():
    with pytest.raises(SystemExit) as exit_:
        catalogue.main(["--help"])
    assert exit_.value.code == 0


def test_the_extractor_version_counts_the_lexicon_and_the_catalogue(tmp_path):
    """A change to a word list or to the catalogue is a change of rules: every article is
    re-extracted on the next run, as after a change to the code."""
    import shutil
    from pathlib import Path

    from pipelines.extraction.facts import _rules_version

    package = tmp_path / "extraction"
    shutil.copytree(Path(catalogue.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _rules_version(package)
    for changed in (package / "lexicon" / "catalogue.yaml", package / "lexicon" / "modality.yaml"):
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert _rules_version(package) != before
        before = _rules_version(package)


@pytest.mark.parametrize("model_id, name", [
    ("claude-3-5-haiku", "claude-3.5-haiku"),
    ("doubao-seed-1-6", "doubao-seed-1.6"),
    ("qwen2-5-72b-instruct", "qwen2.5-72b-instruct"),
    ("qwen3-8b", "qwen3-8b"),          # a size, not a version
    ("step-1-32k", "step-1-32k"),
    ("glm-4-32b", "glm-4-32b"),
    ("gpt-4.1-mini", "gpt-4.1-mini"),
])
def test_a_dashed_version_is_shown_as_the_press_writes_it(model_id, name):
    assert catalogue.display_name(model_id) == name
