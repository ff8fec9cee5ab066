-- For each whole-entity growth multiple, the baseline it implies (usage at the as-of month ÷
-- multiple), and — when the warehouse holds an observation within 31 days of the baseline date —
-- the ratio implied ÷ observed: a consistency check across articles (1.0 = they agree).
CREATE OR REPLACE TABLE growth_implied_baselines AS
WITH

growth AS (
    SELECT * FROM stg_growth_multiples
    -- segment or per-customer growth does not apply to the entity's total usage
    WHERE segment IS NULL AND baseline_date IS NOT NULL
      AND subject NOT LIKE '%每家%' AND subject NOT LIKE '%客户%'
),
series AS (SELECT * FROM token_usage_series),

implied AS (
    SELECT
        growth.*,
        series.tokens_per_day                    AS usage_at_as_of,
        series.fact_id                           AS usage_fact_id,
        series.tokens_per_day / growth.multiple  AS implied_baseline_tokens_per_day
    FROM growth
    JOIN series
      ON series.entity = growth.entity
     AND series.period = date_trunc('month', growth.as_of_date)
),

nearest AS (
    SELECT
        implied.fact_id,
        series.tokens_per_day AS observed_near_baseline,
        series.as_of_date     AS observed_date,
        row_number() OVER (
            PARTITION BY implied.fact_id
            ORDER BY abs(date_diff('day', series.as_of_date, implied.baseline_date)), series.as_of_date
        ) AS closeness
    FROM implied
    JOIN series
      ON series.entity = implied.entity
     AND abs(date_diff('day', series.as_of_date, implied.baseline_date)) <= 31
),

final AS (
    SELECT
        implied.entity,
        implied.subject,
        implied.multiple,
        implied.bound,
        implied.baseline_date,
        implied.as_of_date,
        implied.usage_at_as_of,
        implied.implied_baseline_tokens_per_day,
        nearest.observed_near_baseline,
        nearest.observed_date,
        implied.implied_baseline_tokens_per_day / nearest.observed_near_baseline AS implied_to_observed,
        implied.fact_id,
        implied.usage_fact_id,
        implied.quote
    FROM implied
    LEFT JOIN nearest ON nearest.fact_id = implied.fact_id AND nearest.closeness = 1
)

SELECT * FROM final;
