-- The artifacts module owns the people (with their profile) and their artifacts.
CREATE TABLE users (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text        NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name text        NOT NULL,
    profile      jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE artifacts (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id              bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    artifact_type        text        NOT NULL CHECK (artifact_type IN ('experience', 'project',
                             'publication', 'education', 'certification', 'award', 'talk', 'skill',
                             'volunteer', 'other')),
    title                text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    description          text,
    content              text CHECK (char_length(content) <= 100000),
    organization         text,
    url                  text,
    started_on           date,
    started_on_precision text CHECK (started_on_precision IN ('YEAR', 'MONTH', 'DAY')),
    ended_on             date,
    ended_on_precision   text CHECK (ended_on_precision IN ('YEAR', 'MONTH', 'DAY')),
    tags                 jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    visibility           text        NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    metadata             jsonb       NOT NULL DEFAULT '{}',
    content_hash         char(64)    NOT NULL,
    embedding_status     text        NOT NULL DEFAULT 'pending' CHECK (embedding_status IN ('pending', 'ready', 'failed')),
    embedding_error      text,
    version              bigint      NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on),
    -- Weighted full text: title and tags weigh most, then organization and description, then content.
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(jsonb_to_tsvector('english', tags, '["string"]'), 'A') ||
        setweight(to_tsvector('english', coalesce(organization, '') || ' ' || coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(content, '')), 'C')
    ) STORED
);

CREATE INDEX artifacts_user_type_idx ON artifacts (user_id, artifact_type);
CREATE INDEX artifacts_public_idx ON artifacts (id) WHERE visibility = 'public';
CREATE INDEX artifacts_search_idx ON artifacts USING gin (search);
