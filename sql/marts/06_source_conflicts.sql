-- Periods whose facts disagree, one row each with its widest disagreement: usage of an entity in
-- the same month or growth over the same span more than 10% apart, prices for the same model,
-- direction, condition and day more than 1% apart, unless a bound makes them compatible
-- (">4万亿" and "5万亿" agree). Both quotes and sources are shown.
CREATE OR REPLACE TABLE source_conflicts AS
WITH

usage AS (
    SELECT 'daily_token_usage' AS family, entity, date_trunc('month', as_of_date)::DATE AS period,
           entity AS series_key, tokens_per_day AS value, bound, fact_id, article_id, quote
    FROM stg_token_usage
),
growth AS (
    SELECT 'growth_multiple', entity, date_trunc('month', as_of_date)::DATE,
           concat_ws('|', entity, subject, segment, baseline_date), multiple, bound, fact_id, article_id, quote
    FROM stg_growth_multiples
),
prices AS (
    SELECT 'price_point', entity, as_of_date,
           concat_ws('|', entity, direction, coalesce(condition, ''), currency), price, bound, fact_id, article_id, quote
    FROM stg_price_points
),
facts AS (SELECT * FROM usage UNION ALL SELECT * FROM growth UNION ALL SELECT * FROM prices),
articles AS (SELECT * FROM stg_articles),

-- Comparing every pair of facts grows with the square of a busy month's coverage (hundreds of
-- articles on one entity's month). A pair (x below y) disagrees only if x is not a lower bound
-- and y not an upper bound, and the widest such pair is the group's lowest non-lower-bound value
-- against its highest non-upper-bound value: one linear pass finds whether a group disagrees
-- and shows its widest disagreement.
keys AS (SELECT family, entity, period, series_key, value, bound, fact_id, article_id FROM facts),

extremes AS (
    SELECT
        family, entity, period, series_key,
        min(value) FILTER (WHERE bound NOT IN ('gt', 'ge')) AS value_a,
        arg_min(fact_id, (value, fact_id)) FILTER (WHERE bound NOT IN ('gt', 'ge')) AS fact_id_a,
        max(value) FILTER (WHERE bound NOT IN ('lt', 'le')) AS value_b,
        arg_max(fact_id, (value, fact_id)) FILTER (WHERE bound NOT IN ('lt', 'le')) AS fact_id_b,
        count(*) AS facts_in_period
    FROM keys
    GROUP BY ALL
),

disagreeing AS (
    SELECT *, (value_b - value_a) / nullif(greatest(abs(value_a), abs(value_b)), 0) AS relative_difference
    FROM extremes
    WHERE value_a < value_b
      AND (value_b - value_a) / nullif(greatest(abs(value_a), abs(value_b)), 0)
          > CASE family WHEN 'price_point' THEN 0.01 ELSE 0.10 END
),

final AS (
    SELECT
        d.family, d.entity, d.period,
        d.value_a, q1.bound AS bound_a, a1.source_name AS source_a, q1.quote AS quote_a,
        d.value_b, q2.bound AS bound_b, a2.source_name AS source_b, q2.quote AS quote_b,
        round(d.relative_difference * 100, 1) AS difference_percent,
        d.facts_in_period,
        d.fact_id_a, d.fact_id_b
    FROM disagreeing d
    LEFT JOIN facts q1 ON q1.fact_id = d.fact_id_a
    LEFT JOIN facts q2 ON q2.fact_id = d.fact_id_b
    LEFT JOIN articles a1 ON a1.article_id = q1.article_id
    LEFT JOIN articles a2 ON a2.article_id = q2.article_id
)

SELECT * FROM final;
