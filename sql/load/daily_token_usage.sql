-- What `daily_token_usage` holds: its rows of `facts`, renamed and narrowed, one row per fact per
-- article. An article that states the same figure several times (same entity, value, bound and
-- as-of) gives one row: the first mention's quote and offsets, and how many mentions there were.
-- warehouse.load.sync_family_table applies the difference to the table (rows gone or changed out,
-- new or changed rows in), so a refresh writes only what changed. Column order is the table's.
SELECT fact_id, article_id, entity, value AS tokens_per_day, value_low, value_high, bound,
       as_of_date, as_of_precision, quote, char_start, char_end,
       count(*) OVER same_fact AS mentions
FROM facts
WHERE family = 'daily_token_usage'
WINDOW same_fact AS (PARTITION BY article_id, entity, value, value_low, value_high, bound, as_of_date, as_of_precision)
QUALIFY row_number() OVER (same_fact ORDER BY char_start, fact_id) = 1
