-- Rate-limit token buckets when rate-limit.store=postgresql (Bucket4j's PostgreSQL proxy manager:
-- one row per caller and route class, locked with SELECT ... FOR UPDATE for each request).
-- expires_at (epoch milliseconds) is when the bucket will have refilled completely; such rows are
-- removed in the background. Unused with the default local store.
CREATE TABLE rate_limit_buckets (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_buckets_expires_idx ON rate_limit_buckets (expires_at);
