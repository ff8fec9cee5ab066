-- Prices: in both currencies (as-of join on the monthly FX table), the latest per model, every
-- change with the cut in percent, and a blended price per model.

CREATE OR REPLACE VIEW price_points_cny AS
WITH

prices AS (SELECT * FROM stg_price_points),
fx AS (SELECT * FROM stg_fx_rates),

converted AS (
    SELECT prices.*, fx.cny_per_usd, fx.month AS fx_month
    FROM prices
    ASOF LEFT JOIN fx ON prices.as_of_date >= fx.month
),

final AS (
    SELECT
        fact_id, article_id, entity, direction, condition, bound, as_of_date, as_of_precision,
        currency                                                          AS quoted_currency,
        price                                                             AS quoted_price,
        CASE currency WHEN 'CNY' THEN price ELSE price * cny_per_usd END  AS price_cny_per_million,
        CASE currency WHEN 'USD' THEN price ELSE price / cny_per_usd END  AS price_usd_per_million,
        cny_per_usd,
        fx_month,
        quote
    FROM converted
)

SELECT * FROM final;


CREATE OR REPLACE TABLE price_latest AS
WITH

prices AS (SELECT * FROM stg_price_points),
articles AS (SELECT * FROM stg_articles),

ranked AS (
    SELECT
        prices.*,
        articles.published_date,
        row_number() OVER (
            PARTITION BY prices.entity, prices.direction, coalesce(prices.condition, ''), prices.currency
            ORDER BY prices.as_of_date DESC, articles.published_date DESC, prices.fact_id
        ) AS recency
    FROM prices
    JOIN articles USING (article_id)
),

final AS (
    SELECT entity, direction, condition, currency, price AS price_per_million_tokens, bound,
           as_of_date, as_of_precision, fact_id, quote
    FROM ranked
    WHERE recency = 1
)

SELECT * FROM final;


CREATE OR REPLACE TABLE price_history AS
WITH

prices AS (SELECT * FROM stg_price_points),
articles AS (SELECT * FROM stg_articles),

-- one price per model, direction, condition, currency and day (the latest article wins)
daily AS (
    SELECT prices.*, articles.published_date,
           row_number() OVER (
               PARTITION BY prices.entity, prices.direction, coalesce(prices.condition, ''), prices.currency, prices.as_of_date
               ORDER BY articles.published_date DESC, prices.fact_id
           ) AS recency
    FROM prices
    JOIN articles USING (article_id)
),

ordered AS (
    SELECT *,
           lag(price) OVER series_order      AS previous_price,
           lag(as_of_date) OVER series_order AS previous_date
    FROM daily
    WHERE recency = 1
    WINDOW series_order AS (
        PARTITION BY entity, direction, coalesce(condition, ''), currency ORDER BY as_of_date
    )
),

final AS (
    SELECT
        entity, direction, condition, currency, as_of_date,
        price AS price_per_million_tokens,
        previous_price,
        previous_date,
        CASE WHEN previous_price > 0 THEN round((previous_price - price) / previous_price * 100, 2) END AS cut_percent,
        fact_id, quote
    FROM ordered
    WHERE previous_price IS NULL OR previous_price <> price
)

SELECT * FROM final;


-- 3 input : 1 output, the weighting of public price dashboards, from each model's latest list
-- prices (no condition, or the cache-miss price, which is what uncached traffic pays).
CREATE OR REPLACE VIEW price_blended AS
WITH

prices AS (
    SELECT * FROM price_points_cny
    WHERE condition IS NULL OR condition = 'cache_miss'
),

latest AS (
    SELECT *,
           row_number() OVER (
               PARTITION BY entity, direction
               ORDER BY as_of_date DESC, (condition IS NULL) DESC, fact_id
           ) AS recency
    FROM prices
    WHERE direction IN ('input', 'output')
),

paired AS (
    SELECT
        entity,
        max(price_cny_per_million) FILTER (WHERE direction = 'input')  AS input_cny,
        max(price_cny_per_million) FILTER (WHERE direction = 'output') AS output_cny,
        max(price_usd_per_million) FILTER (WHERE direction = 'input')  AS input_usd,
        max(price_usd_per_million) FILTER (WHERE direction = 'output') AS output_usd,
        max(as_of_date)                                                AS as_of_date
    FROM latest
    WHERE recency = 1
    GROUP BY entity
),

final AS (
    SELECT entity, input_cny, output_cny,
           (3 * input_cny + output_cny) / 4 AS blended_cny_per_million,
           (3 * input_usd + output_usd) / 4 AS blended_usd_per_million,
           as_of_date
    FROM paired
    WHERE input_cny IS NOT NULL AND output_cny IS NOT NULL
)

SELECT * FROM final;
