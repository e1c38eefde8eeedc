-- Citus-ready (issue 16 item 4): a token and a session are keyed by their owner as well, so that
-- distributed by user_id (colocated with artifacts) they go with the person's other rows. Both are
-- looked up by the hash of their secret before the user is known: the keys lead with that hash, so
-- the look-up walks them as before (on Citus such a look-up asks every shard; docs/scaling.md).
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_pkey;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (user_id, id);
-- Citus accepts no unique key without the distribution column; a token's hash is unique anyway
-- (256 random bits), user_id only makes the key acceptable.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_token_hash_key;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash, user_id);

ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY (id_hash, user_id);

-- An audit event belongs to its person: user_id joins the key and may no longer be null. The one
-- anonymous row that said "an account was deleted, then" (V70) moves to a table of its own, which
-- keeps nothing that points at anyone (docs/operations.md) and stays a plain table on Citus.
CREATE TABLE account_deletions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
-- The clean-up job deletes by age, like the audit events.
CREATE INDEX account_deletions_age_idx ON account_deletions (occurred_at);
INSERT INTO account_deletions (occurred_at)
SELECT occurred_at FROM audit_events WHERE user_id IS NULL ORDER BY id;
DELETE FROM audit_events WHERE user_id IS NULL;
ALTER TABLE audit_events ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_pkey PRIMARY KEY (user_id, id);
