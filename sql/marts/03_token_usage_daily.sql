-- A daily calendar per entity from its first to its last observation in token_usage_series.
-- Days between two observations are interpolated log-linearly (constant growth rate).
CREATE OR REPLACE VIEW token_usage_daily AS
WITH

series AS (SELECT entity, as_of_date, tokens_per_day FROM token_usage_series),

spans AS (
    SELECT entity, min(as_of_date) AS first_day, max(as_of_date) AS last_day
    FROM series
    GROUP BY entity
),

calendar AS (
    SELECT entity, unnest(generate_series(first_day::TIMESTAMP, last_day::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day
    FROM spans
),

previous_observation AS (
    SELECT calendar.entity, calendar.day, series.as_of_date AS from_day, series.tokens_per_day AS from_value
    FROM calendar
    ASOF JOIN series ON calendar.entity = series.entity AND calendar.day >= series.as_of_date
),

next_observation AS (
    SELECT calendar.entity, calendar.day, series.as_of_date AS to_day, series.tokens_per_day AS to_value
    FROM calendar
    ASOF JOIN series ON calendar.entity = series.entity AND calendar.day <= series.as_of_date
),

final AS (
    SELECT
        p.entity,
        p.day,
        CASE
            WHEN p.from_day = p.day THEN p.from_value
            ELSE exp(
                ln(p.from_value)
                + (ln(n.to_value) - ln(p.from_value))
                  * date_diff('day', p.from_day, p.day) / date_diff('day', p.from_day, n.to_day)
            )
        END                         AS tokens_per_day,
        p.from_day = p.day          AS observed,
        p.from_day                  AS previous_observation,
        n.to_day                    AS next_observation
    FROM previous_observation p
    JOIN next_observation n USING (entity, day)
)

SELECT * FROM final;
