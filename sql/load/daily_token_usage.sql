-- Rebuild the family table from `facts` (runs inside the load transaction).
DELETE FROM daily_token_usage;
INSERT INTO daily_token_usage
SELECT fact_id, article_id, entity, value AS tokens_per_day, value_low, value_high, bound,
       as_of_date, as_of_precision, quote, char_start, char_end
FROM facts
WHERE family = 'daily_token_usage'
ORDER BY entity, as_of_date, fact_id;
