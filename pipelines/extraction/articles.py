"""Reading article files: bytes → decoded text → front matter + body, or a clear error.

A file that cannot be read as an article is never silently skipped: `parse_article` returns an
`IngestError` naming the kind of problem and what to do about it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

ARTICLE_SUFFIXES = (".md", ".txt", ".markdown")


@dataclass(frozen=True)
class Article:
    article_id: str
    path: str  # relative to the seeds folder, with forward slashes
    title: str | None
    source: str | None
    author: str | None
    url: str | None
    published_date: date | None  # None when the file has no front matter: only absolute dates resolve
    content_sha256: str
    encoding: str
    body: str  # the text after the front matter; fact offsets index into it
    # (kind, message) of what was read with a fallback; recorded in ingest_errors, the article loads
    warnings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class IngestError:
    path: str
    kind: str
    message: str
    content_sha256: str | None = None
    article_loaded: bool = False  # a warning: the article was loaded with a fallback


def article_id_for(relative_path: str) -> str:
    """Stable id: the same path keeps its id when its content changes (its facts are replaced)."""
    return hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:16]


def discover(folder: Path) -> list[str]:
    """Article files under `folder`, recursively, as sorted relative POSIX paths. Hidden files
    and folders are ignored. os.walk rather than pathlib: a folder of 100k articles is listed in
    a fraction of a second instead of seconds."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative_root = os.path.relpath(root, folder)
        prefix = "" if relative_root == "." else relative_root.replace(os.sep, "/") + "/"
        found += [prefix + name for name in files
                  if not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES]
    return sorted(found, key=lambda relative: relative.split("/"))


def decode(raw: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM); GB18030 (a superset of GBK) as the fallback the Chinese
    press still uses. Raises UnicodeDecodeError when neither reads the bytes as text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # raises if these are not GB text either
        return text, "gb18030"


# libyaml's C parser when PyYAML was built with it: front matter parsing is a tenth of the
# extraction time with the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):
    """Safe YAML that leaves dates as text: `_as_date` gives a clear error for 2024-13-45
    where PyYAML's own timestamp parsing would raise a bare ValueError."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_OPENING = re.compile(r"\A[ \t]*---[ \t]*\r?\n")
_CLOSING = re.compile(r"^[ \t]*---[ \t]*\r?$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body), or None when the text does not open with a `---` line.

    Raises ValueError for an opening `---` that is never closed.
    """
    opening = _OPENING.match(text.lstrip("\ufeff\r\n"))
    if not opening:
        return None
    text = text.lstrip("\ufeff\r\n")
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        raise ValueError("the front matter opens with '---' but has no closing '---' line")
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    return text[opening.end() : closing.start()], text[body_start:]


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", text)
    if not match:
        raise ValueError(f"date {text!r} is not a YYYY-MM-DD date")
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"date {text!r} does not exist on the calendar") from None


def _text(meta: dict, *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return None


_WEB_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+", re.IGNORECASE)
# a web address written without its scheme, as scraped links often are: mp.weixin.qq.com/s/…
_SCHEMELESS = re.compile(r"^(?://)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)


def clean_url(value: str | None) -> tuple[str | None, str | None]:
    """(the url to store, a warning). An http(s) address is kept; one without a scheme gets
    https://; anything else (javascript:, mailto:, free text) is dropped, with the reason."""
    if value is None:
        return None, None
    text = value.strip()
    if _WEB_URL.match(text) and not any(c.isspace() for c in text):
        return text, None
    if _SCHEMELESS.match(text):
        fixed = "https://" + text.removeprefix("//")
        return fixed, f"the url {text!r} has no scheme; stored as {fixed!r}"
    return None, f"the url {text[:80]!r} is not a web address (http or https); the article is loaded without it"


def _heading_title(body: str) -> str | None:
    match = re.search(r"^#[ \t]+(.+?)[ \t#]*$", body, re.MULTILINE)
    return match.group(1).strip() if match else None


def parse_article(raw: bytes, relative_path: str) -> Article | IngestError:
    """Parse one file's bytes. Never raises for bad input: returns an IngestError instead."""
    sha = hashlib.sha256(raw).hexdigest()

    def error(kind: str, message: str) -> IngestError:
        return IngestError(relative_path, kind, message, sha)

    if not raw.strip():
        return error("empty", "the file is empty; write the article or delete the file")
    if b"\x00" in raw[:8192]:
        return error("binary", "the file holds binary data (NUL bytes), not text; remove it from the seeds folder")
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError as exc:
        return error(
            "encoding",
            f"the file is neither UTF-8 nor GB18030 text (bad byte at offset {exc.start}); "
            "re-save it as UTF-8",
        )
    try:
        parts = split_front_matter(text)
    except ValueError as exc:
        return error("unterminated_front_matter", f"{exc}; add a line with '---' after the last field")
    if parts is None:
        if not text.strip():
            return error("empty_body", "the file holds only blank lines")
        # Loaded without a publish date: facts dated absolutely in the text still count; a date
        # relative to the publish date (今年, 5月底) cannot be resolved, so those facts are left out.
        return Article(
            article_id=article_id_for(relative_path), path=relative_path, title=_heading_title(text),
            source=None, author=None, url=None, published_date=None, content_sha256=sha, encoding=encoding,
            body=text.lstrip("\ufeff"),
            warnings=(("no_front_matter",
                       "the file has no '---' front matter, so no publish date: it is loaded with the title of its "
                       "first heading, and only facts dated absolutely in the text are taken; add a front matter "
                       "with 'date: YYYY-MM-DD' to get the others"),),
        )
    front, body = parts
    try:
        meta = yaml.load(front, Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0]
        return error("bad_front_matter", f"the front matter is not valid YAML ({first_line})")
    if not isinstance(meta, dict):
        return error("bad_front_matter", "the front matter must be 'key: value' lines")
    raw_date = meta.get("date") or meta.get("published") or meta.get("published_date")
    if raw_date in (None, ""):
        return error("missing_date", "the front matter has no 'date:' field; add the publish date as YYYY-MM-DD")
    try:
        published = _as_date(raw_date)
    except ValueError as exc:
        return error("invalid_date", f"{exc}; fix the 'date:' field")
    if not body.strip():
        return error("empty_body", "the article has front matter but no text")
    url, url_warning = clean_url(_text(meta, "url", "link"))
    return Article(
        article_id=article_id_for(relative_path),
        path=relative_path,
        title=_text(meta, "title"),
        source=_text(meta, "source", "publisher", "site"),
        author=_text(meta, "author", "authors"),
        url=url,
        published_date=published,
        content_sha256=sha,
        encoding=encoding,
        body=body,
        warnings=(("bad_url", url_warning + "; fix the 'url:' field"),) if url_warning else (),
    )

