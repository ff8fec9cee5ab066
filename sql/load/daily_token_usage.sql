-- What `daily_token_usage` holds: its rows of `facts`, renamed and narrowed. warehouse.load.sync_family_table
-- applies the difference to the table (rows gone or changed out, new or changed rows in), so a
-- refresh writes only what changed. Column order is the table's.
SELECT fact_id, article_id, entity, value AS tokens_per_day, value_low, value_high, bound,
       as_of_date, as_of_precision, quote, char_start, char_end
FROM facts
WHERE family = 'daily_token_usage'
