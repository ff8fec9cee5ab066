-- Facts about the same entity and period whose values disagree: usage in the same month or growth
-- over the same span more than 10% apart, prices for the same model, direction, condition and
-- day more than 1% apart — unless a bound makes them compatible (">4万亿" and "5万亿" agree).
CREATE OR REPLACE VIEW source_conflicts AS
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

-- the pairs are formed on narrow rows; quotes are joined back only for the disagreeing ones
keys AS (SELECT family, entity, period, series_key, value, bound, fact_id, article_id FROM facts),

pairs AS (
    SELECT
        a.family, a.entity, a.period,
        a.fact_id AS fact_id_a, b.fact_id AS fact_id_b,
        a.value AS value_a, b.value AS value_b,
        a.bound AS bound_a, b.bound AS bound_b,
        a.article_id AS article_id_a, b.article_id AS article_id_b,
        abs(a.value - b.value) / nullif(greatest(abs(a.value), abs(b.value)), 0) AS relative_difference
    FROM keys a
    JOIN keys b
      ON a.family = b.family AND a.series_key = b.series_key AND a.period = b.period AND a.fact_id < b.fact_id
),

disagreeing AS (
    SELECT * FROM pairs
    WHERE relative_difference > CASE family WHEN 'price_point' THEN 0.01 ELSE 0.10 END
      AND NOT (bound_a IN ('gt', 'ge') AND value_b >= value_a)
      AND NOT (bound_b IN ('gt', 'ge') AND value_a >= value_b)
      AND NOT (bound_a IN ('lt', 'le') AND value_b <= value_a)
      AND NOT (bound_b IN ('lt', 'le') AND value_a <= value_b)
),

final AS (
    SELECT
        d.family, d.entity, d.period,
        d.value_a, d.bound_a, a1.source_name AS source_a, q1.quote AS quote_a,
        d.value_b, d.bound_b, a2.source_name AS source_b, q2.quote AS quote_b,
        round(d.relative_difference * 100, 1) AS difference_percent,
        d.fact_id_a, d.fact_id_b
    FROM disagreeing d
    LEFT JOIN facts q1 ON q1.fact_id = d.fact_id_a
    LEFT JOIN facts q2 ON q2.fact_id = d.fact_id_b
    LEFT JOIN articles a1 ON a1.article_id = d.article_id_a
    LEFT JOIN articles a2 ON a2.article_id = d.article_id_b
)

SELECT * FROM final;
