DELETE FROM growth_multiples;
INSERT INTO growth_multiples
SELECT fact_id, article_id, entity, subject, segment, value AS multiple, value_low, value_high,
       bound, baseline_date, baseline_precision, as_of_date, as_of_precision, quote, char_start, char_end
FROM facts
WHERE family = 'growth_multiple'
ORDER BY entity, as_of_date, fact_id;
