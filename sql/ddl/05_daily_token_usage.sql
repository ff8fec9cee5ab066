CREATE TABLE IF NOT EXISTS daily_token_usage (
    fact_id          VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL,
    entity           VARCHAR NOT NULL,
    tokens_per_day   DOUBLE NOT NULL,
    value_low        DOUBLE,
    value_high       DOUBLE,
    bound            VARCHAR NOT NULL,
    as_of_date       DATE NOT NULL,
    as_of_precision  VARCHAR NOT NULL,
    quote            VARCHAR NOT NULL,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL,
    mentions         INTEGER NOT NULL DEFAULT 1  -- times the article states this fact
);
