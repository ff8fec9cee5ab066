-- What `price_points` holds: its rows of `facts`, renamed and narrowed, one row per fact per
-- article. An article that states the same price several times (same model, value, currency,
-- direction, condition, bound and as-of) gives one row: the first mention's quote and offsets, and
-- how many mentions there were. warehouse.load.sync_family_table applies the difference to the
-- table, so a refresh writes only what changed. Column order is the table's.
SELECT fact_id, article_id, entity, value AS price_per_million_tokens, currency, direction,
       condition, bound, as_of_date, as_of_precision, quote, char_start, char_end,
       count(*) OVER same_fact AS mentions
FROM facts
WHERE family = 'price_point'
WINDOW same_fact AS (PARTITION BY article_id, entity, value, currency, direction, condition, bound,
                                  as_of_date, as_of_precision)
QUALIFY row_number() OVER (same_fact ORDER BY char_start, fact_id) = 1
