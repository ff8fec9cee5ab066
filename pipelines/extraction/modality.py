"""Modality: where a number is stated as something other than a fact (a hypothetical, a forecast,
a conversion explained in passing, a claim the article rejects). The cues and their scopes are
data (lexicon/modality.yaml); this module compiles them into one alternation and turns each
match into the span of text it rules out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON = Path(__file__).with_name("lexicon") / "modality.yaml"
SCOPES = ("rest_of_sentence", "rest_of_clause", "sentence", "clause")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[，,；;。！？!?\n]")


@dataclass(frozen=True)
class Scope:
    start: int
    end: int
    modality: str  # a top-level key of lexicon/modality.yaml
    cue: str


# The one key of the lexicon that is not a modality: asides that state facts inside a scope
HOLDS = "holds"


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """lexicon/modality.yaml, read once for the modalities and the asides that hold."""
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _holds() -> re.Pattern | None:
    patterns = _lexicon().get(HOLDS, {}).get("patterns", [])
    return re.compile("|".join(patterns)) if patterns else None


def _asides_that_hold(norm: str) -> list[tuple[int, int]]:
    """The bracketed or dashed asides right after a `holds` cue: "按DeepSeek-R1的定价（…）计算",
    "按DeepSeek-R1的定价计算——…——"."""
    pattern, found = _holds(), []
    if pattern is None:
        return found
    for m in pattern.finditer(norm):
        rest = norm[m.end():]
        if rest.startswith(("（", "(")):
            close = min((i for i in (rest.find("）"), rest.find(")")) if i > 0), default=-1)
        else:
            close = rest.find("——", 2)
        if close > 0:
            found.append((m.end(), m.end() + close))
    return found


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, dict[str, str], dict[str, re.Pattern]]:
    """One alternation with a named group per modality, longest literal cues first."""
    groups, scopes, unless = [], {}, {}
    for modality, entry in _lexicon().items():
        if modality == HOLDS:
            continue
        if entry["scope"] not in SCOPES:
            raise ValueError(f"{LEXICON}: {modality} has scope {entry['scope']!r}; expected one of {SCOPES}")
        words = sorted(entry.get("words", []), key=len, reverse=True)
        alternatives = [re.escape(w) for w in words] + list(entry.get("patterns", []))
        groups.append(f"(?P<{modality}>{'|'.join(alternatives)})")
        scopes[modality] = entry["scope"]
        if entry.get("unless_followed_by"):
            unless[modality] = re.compile(entry["unless_followed_by"])
    return re.compile("|".join(groups)), scopes, unless


def scopes(norm: str) -> list[Scope]:
    """The spans of `norm` ruled out by modality cues, in text order."""
    pattern, scope_of, unless = _compiled()
    found = []
    for match in pattern.finditer(norm):
        modality = match.lastgroup
        scope = scope_of[modality]
        if modality in unless and unless[modality].match(norm, match.end()):
            continue
        if scope in ("rest_of_clause", "clause"):
            end = _CLAUSE_END.search(norm, match.end())
        else:
            end = _SENTENCE_END.search(norm, match.end())
        end = end.start() if end else len(norm)
        start = match.start()
        if scope == "sentence":
            before = max(norm.rfind(c, 0, start) for c in "。！？!?\n")
            start = before + 1
        elif scope == "clause":
            start = max(norm.rfind(c, 0, start) for c in "，,；;。！？!?\n") + 1
        found.append(Scope(start, end, modality, match.group(0)))
    holds = _asides_that_hold(norm) if found else []
    for a, b in holds:
        # the aside is a fact even inside the scope: the scope resumes after it
        found = [piece for scope in found for piece in (
            (Scope(scope.start, a, scope.modality, scope.cue), Scope(b, scope.end, scope.modality, scope.cue))
            if scope.start <= a and b <= scope.end else (scope,)) if piece.start < piece.end]
    return found


def ruled_out(position: int, spans: list[Scope]) -> Scope | None:
    """The modality scope that `position` falls in, if any."""
    return next((s for s in spans if s.start <= position < s.end), None)
