CREATE TABLE IF NOT EXISTS growth_multiples (
    fact_id             VARCHAR PRIMARY KEY,
    article_id          VARCHAR NOT NULL,
    entity              VARCHAR NOT NULL,
    subject             VARCHAR,
    segment             VARCHAR,
    multiple            DOUBLE NOT NULL,       -- new / old as the press states it: 增长33倍 → 33
    value_low           DOUBLE,
    value_high          DOUBLE,
    bound               VARCHAR NOT NULL,
    baseline_date       DATE,
    baseline_precision  VARCHAR,
    as_of_date          DATE NOT NULL,
    as_of_precision     VARCHAR NOT NULL,
    quote               VARCHAR NOT NULL,
    char_start          INTEGER NOT NULL,
    char_end            INTEGER NOT NULL,
    mentions            INTEGER NOT NULL DEFAULT 1  -- times the article states this fact
);
