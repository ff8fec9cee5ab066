-- Staging views: rename and cast only, one per source table. Marts read these, never the tables.

CREATE OR REPLACE VIEW stg_articles AS
SELECT
    article_id,
    path,
    title,
    coalesce(source, author)     AS source_name,
    url,
    published_date::DATE         AS published_date
FROM articles;

CREATE OR REPLACE VIEW stg_token_usage AS
SELECT
    fact_id,
    article_id,
    entity,
    tokens_per_day::DOUBLE       AS tokens_per_day,
    value_low::DOUBLE            AS tokens_per_day_low,
    value_high::DOUBLE           AS tokens_per_day_high,
    bound,
    as_of_date::DATE             AS as_of_date,
    as_of_precision,
    quote
FROM daily_token_usage;

CREATE OR REPLACE VIEW stg_growth_multiples AS
SELECT
    fact_id,
    article_id,
    entity,
    subject,
    segment,
    multiple::DOUBLE             AS multiple,
    bound,
    baseline_date::DATE          AS baseline_date,
    baseline_precision,
    as_of_date::DATE             AS as_of_date,
    as_of_precision,
    quote
FROM growth_multiples;

CREATE OR REPLACE VIEW stg_price_points AS
SELECT
    fact_id,
    article_id,
    entity,
    price_per_million_tokens::DOUBLE AS price,
    currency,
    direction,
    condition,
    bound,
    as_of_date::DATE             AS as_of_date,
    as_of_precision,
    quote
FROM price_points;

CREATE OR REPLACE VIEW stg_fx_rates AS
SELECT month::DATE AS month, cny_per_usd::DOUBLE AS cny_per_usd
FROM fx_rates;
