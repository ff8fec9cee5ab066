-- Which version of which article the facts were extracted from: the incremental run re-parses
-- an article only when its content or the extractor changed.
CREATE TABLE IF NOT EXISTS article_extractions (
    article_id          VARCHAR PRIMARY KEY,
    content_sha256      VARCHAR NOT NULL,
    extractor_version   VARCHAR NOT NULL,
    fact_count          INTEGER NOT NULL,
    extracted_at        TIMESTAMP NOT NULL,
    -- why the extractor failed on this article (NULL: it did not). The article has no facts until
    -- the extractor's version changes, when it is read again.
    error               VARCHAR
);
