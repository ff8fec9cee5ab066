-- Size and modification time of each file when its content was last hashed. A file whose size
-- and mtime are both unchanged is not read again (the rule rsync and git use), so a refresh of an
-- unchanged folder costs one stat per file. `make full-refresh` hashes every file again.
CREATE TABLE IF NOT EXISTS article_files (
    path            VARCHAR PRIMARY KEY,   -- relative to the seeds folder
    size_bytes      BIGINT NOT NULL,
    mtime_ns        BIGINT NOT NULL,
    content_sha256  VARCHAR NOT NULL
);
