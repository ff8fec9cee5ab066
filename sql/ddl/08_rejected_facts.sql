-- Facts that failed a row-level expectation of expectations/facts.json. They never reach the
-- family tables, and they are never dropped silently: each row says which expectations failed.
CREATE TABLE IF NOT EXISTS rejected_facts (
    fact_id              VARCHAR NOT NULL,
    article_id           VARCHAR NOT NULL,
    family               VARCHAR,
    entity               VARCHAR,
    metric               VARCHAR,
    value                DOUBLE,
    unit                 VARCHAR,
    value_low            DOUBLE,
    value_high           DOUBLE,
    bound                VARCHAR,
    as_of_date           DATE,
    as_of_precision      VARCHAR,
    subject              VARCHAR,
    segment              VARCHAR,
    baseline_date        DATE,
    baseline_precision   VARCHAR,
    currency             VARCHAR,
    direction            VARCHAR,
    condition            VARCHAR,
    quote                VARCHAR,
    char_start           INTEGER,
    char_end             INTEGER,
    number_start         INTEGER,
    number_end           INTEGER,
    extractor_version    VARCHAR,
    extracted_at         TIMESTAMP,
    failed_expectations  VARCHAR NOT NULL,   -- '; '-separated expectation labels
    reason               VARCHAR NOT NULL    -- what the expectations check, in words
);
