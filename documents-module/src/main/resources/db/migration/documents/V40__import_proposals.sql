-- Imported documents waiting for review: what was read (profile, proposed items, warnings) and the
-- extracted text. Nothing here is an artifact yet; a proposal expires, and a confirmed one is spent.
CREATE TABLE import_proposals (
    id             uuid PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES artifacts.users (id) ON DELETE CASCADE,
    format         text        NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    proposal       jsonb       NOT NULL,
    extracted_text text        NOT NULL
);
CREATE INDEX import_proposals_user_idx ON import_proposals (user_id, created_at DESC);
CREATE INDEX import_proposals_expiry_idx ON import_proposals (expires_at);
