-- What `growth_multiples` holds: its rows of `facts`, renamed and narrowed. warehouse.load.sync_family_table
-- applies the difference to the table (rows gone or changed out, new or changed rows in), so a
-- refresh writes only what changed. Column order is the table's.
SELECT fact_id, article_id, entity, subject, segment, value AS multiple, value_low, value_high,
       bound, baseline_date, baseline_precision, as_of_date, as_of_precision, quote, char_start, char_end
FROM facts
WHERE family = 'growth_multiple'
