-- One trustworthy value per entity and month. Several mentions of the same month are reconciled:
-- the most precise date wins, then an exact figure over a bound, then the latest article.
CREATE OR REPLACE TABLE token_usage_series AS
WITH

usage AS (SELECT * FROM stg_token_usage),
articles AS (SELECT * FROM stg_articles),

mentions AS (
    SELECT
        usage.*,
        articles.published_date,
        articles.source_name,
        date_trunc('month', usage.as_of_date)::DATE AS period,
        CASE usage.as_of_precision
            WHEN 'day' THEN 1 WHEN 'month' THEN 2 WHEN 'quarter' THEN 3 WHEN 'half' THEN 4 ELSE 5
        END AS precision_rank,
        CASE usage.bound
            WHEN 'eq' THEN 1 WHEN 'approx' THEN 2 WHEN 'ge' THEN 3 WHEN 'gt' THEN 3 ELSE 4
        END AS bound_rank
    FROM usage
    JOIN articles USING (article_id)
),

ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY entity, period
            ORDER BY precision_rank, bound_rank, published_date DESC, fact_id
        ) AS preference
    FROM mentions
),

support AS (
    SELECT
        entity,
        period,
        count(*)                                                 AS mentions,  -- distinct statements
        count(DISTINCT article_id)                               AS articles,
        list_sort(list(fact_id))                                 AS supporting_fact_ids,
        list_sort(list(DISTINCT source_name) FILTER (WHERE source_name IS NOT NULL)) AS sources
    FROM ranked
    GROUP BY entity, period
),

final AS (
    SELECT
        ranked.entity,
        ranked.period,
        ranked.as_of_date,
        ranked.as_of_precision,
        ranked.tokens_per_day,
        ranked.bound,
        ranked.tokens_per_day_low,
        ranked.tokens_per_day_high,
        ranked.fact_id,
        support.mentions,
        support.articles,
        support.supporting_fact_ids,
        support.sources,
        ranked.quote
    FROM ranked
    JOIN support USING (entity, period)
    WHERE ranked.preference = 1
)

SELECT * FROM final;
