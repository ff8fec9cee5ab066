CREATE TABLE IF NOT EXISTS price_points (
    fact_id                   VARCHAR PRIMARY KEY,
    article_id                VARCHAR NOT NULL,
    entity                    VARCHAR NOT NULL,
    price_per_million_tokens  DOUBLE NOT NULL,
    currency                  VARCHAR NOT NULL,
    direction                 VARCHAR NOT NULL,
    condition                 VARCHAR,
    bound                     VARCHAR NOT NULL,
    as_of_date                DATE NOT NULL,
    as_of_precision           VARCHAR NOT NULL,
    quote                     VARCHAR NOT NULL,
    char_start                INTEGER NOT NULL,
    char_end                  INTEGER NOT NULL,
    mentions                  INTEGER NOT NULL DEFAULT 1  -- times the article states this fact
);
