-- Files in the seeds folder that could not be read as an article, or were read with a fallback
-- (article_loaded: a missing front matter, a bad url), with the reason and the fix.
-- Rewritten on every run: it always describes the folder as it is now.
CREATE TABLE IF NOT EXISTS ingest_errors (
    path            VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,      -- empty | binary | encoding | no_front_matter | ...
    message         VARCHAR NOT NULL,
    content_sha256  VARCHAR,
    detected_at     TIMESTAMP NOT NULL,
    article_loaded  BOOLEAN NOT NULL DEFAULT false  -- true: a warning, the article is in `articles`
);
