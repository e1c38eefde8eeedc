-- The audit trail (issue 15 item 5): what was done with an account, when and from where, readable
-- by its owner (GET /me/activity) and kept for audit.retention-days (the clean-up job removes older
-- rows). An account's events go with the account (ON DELETE CASCADE); the deletion itself is kept
-- as one anonymous row (user_id, address and user agent all null), so operators can count
-- deletions without keeping anything that points at the person.
CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint REFERENCES artifacts.users (id) ON DELETE CASCADE,
    event       text        NOT NULL CHECK (event IN ('sign-in', 'sign-in-failed', 'sign-out',
                    'token-created', 'token-revoked', 'export', 'import', 'account-deleted')),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    address     text CHECK (char_length(address) <= 100),
    user_agent  text CHECK (char_length(user_agent) <= 200),
    detail      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
    CHECK (user_id IS NOT NULL OR event = 'account-deleted')
);
-- GET /me/activity reads one person's events newest first, a page at a time (keyset on id).
CREATE INDEX audit_events_user_idx ON audit_events (user_id, id DESC);
-- The clean-up job deletes by age.
CREATE INDEX audit_events_age_idx ON audit_events (occurred_at);
