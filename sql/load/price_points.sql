-- What `price_points` holds: its rows of `facts`, renamed and narrowed. warehouse.load.sync_family_table
-- applies the difference to the table (rows gone or changed out, new or changed rows in), so a
-- refresh writes only what changed. Column order is the table's.
SELECT fact_id, article_id, entity, value AS price_per_million_tokens, currency, direction,
       condition, bound, as_of_date, as_of_precision, quote, char_start, char_end
FROM facts
WHERE family = 'price_point'
