-- Monthly CNY-per-USD rates, loaded from sql/reference/fx_monthly_cny_per_usd.csv on every run.
CREATE TABLE IF NOT EXISTS fx_rates (
    month        DATE PRIMARY KEY,   -- first day of the month
    cny_per_usd  DOUBLE NOT NULL
);
