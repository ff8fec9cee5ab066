-- One row per article file that was read successfully. `body` is the text after the front
-- matter: every fact's char_start/char_end index into it (0-based, end exclusive), so
-- substr(body, char_start + 1, char_end - char_start) = quote.
CREATE TABLE IF NOT EXISTS articles (
    article_id      VARCHAR PRIMARY KEY,   -- sha256(path)[:16]: stable while the file keeps its path
    path            VARCHAR NOT NULL,      -- relative to the seeds folder
    title           VARCHAR,
    source          VARCHAR,
    author          VARCHAR,
    url             VARCHAR,
    published_date  DATE,                  -- NULL when the file has no front matter (see ingest_errors)
    content_sha256  VARCHAR NOT NULL,
    encoding        VARCHAR NOT NULL,      -- utf-8 or gb18030 (decoded on read)
    body            VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL
);
