-- Every extracted quantitative fact, long form. Family-specific columns are NULL elsewhere.
CREATE TABLE IF NOT EXISTS facts (
    fact_id             VARCHAR PRIMARY KEY,   -- sha256 of article, family, entity, position, value
    article_id          VARCHAR NOT NULL,
    family              VARCHAR NOT NULL,      -- daily_token_usage | growth_multiple | price_point
    entity              VARCHAR NOT NULL,
    metric              VARCHAR NOT NULL,      -- tokens_per_day | growth_multiple | price_per_million_tokens
    value               DOUBLE NOT NULL,       -- in `unit`
    unit                VARCHAR NOT NULL,      -- pint-parsable: 'token / day', 'CNY / megatoken', 'dimensionless'
    value_low           DOUBLE,                -- ranges and vague amounts (数千亿, 50多)
    value_high          DOUBLE,
    bound               VARCHAR NOT NULL,      -- eq | gt | ge | lt | le | approx
    as_of_date          DATE NOT NULL,         -- first day of the period the fact is about
    as_of_precision     VARCHAR NOT NULL,      -- day | month | quarter | half | year
    subject             VARCHAR,               -- growth: what grew (日均tokens使用量)
    segment             VARCHAR,               -- growth: scenario or segment (信息处理)
    baseline_date       DATE,                  -- growth: compared with when
    baseline_precision  VARCHAR,
    currency            VARCHAR,               -- price: ISO 4217
    direction           VARCHAR,               -- price: input | output | unspecified
    condition           VARCHAR,               -- price: cache_hit | cache_miss | context:0-32k | ...
    quote               VARCHAR NOT NULL,      -- the sentence of the article that states the fact
    char_start          INTEGER NOT NULL,      -- offsets of `quote` in articles.body
    char_end            INTEGER NOT NULL,
    number_start        INTEGER,               -- offsets of the number itself (inside the quote)
    number_end          INTEGER,
    extractor_version   VARCHAR NOT NULL,
    extracted_at        TIMESTAMP NOT NULL
);
