DELETE FROM price_points;
INSERT INTO price_points
SELECT fact_id, article_id, entity, value AS price_per_million_tokens, currency, direction,
       condition, bound, as_of_date, as_of_precision, quote, char_start, char_end
FROM facts
WHERE family = 'price_point'
ORDER BY entity, as_of_date, fact_id;
