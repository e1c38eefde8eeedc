-- Sign-in throttling counts in fixed windows, one row per (scope, account, address), each changed
-- by a single upsert that returns the new count: concurrent guesses can no longer all pass a check
-- made before any of them was counted. Scopes: 'pair' (one account from one address), 'address'
-- (any account from one address), 'account' (one account from anywhere; a much higher bar).
CREATE TABLE sign_in_counters (
    scope        text        NOT NULL CHECK (scope IN ('pair', 'address', 'account')),
    account_key  text        NOT NULL DEFAULT '',
    address      text        NOT NULL DEFAULT '',
    window_start timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (scope, account_key, address)
);
CREATE INDEX sign_in_counters_window_idx ON sign_in_counters (window_start);

DROP TABLE sign_in_failures;
