-- Embeddings of every model live side by side; each vector row says which model made it.
-- The column is an untyped `vector` so models of any dimension coexist; each model gets a partial
-- HNSW expression index when it is first used (see EmbeddingIndexes), so changing the model is a
-- re-index, not a schema migration.
CREATE TABLE artifact_embeddings (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    artifact_id         bigint        NOT NULL REFERENCES artifacts.artifacts (id) ON DELETE CASCADE,
    user_id             bigint        NOT NULL,
    artifact_version    bigint        NOT NULL,
    content_type        text          NOT NULL CHECK (content_type IN ('full', 'summary', 'chunk')),
    chunk_ordinal       integer       NOT NULL DEFAULT 0,
    source_text         text          NOT NULL,
    embedding_vector    public.vector NOT NULL,
    content_hash        char(64)      NOT NULL,
    model_version       text          NOT NULL,
    model_dimensions    integer       NOT NULL,
    token_count         integer       NOT NULL DEFAULT 0,
    processing_cost_usd numeric(12, 8) NOT NULL DEFAULT 0,
    generated_at        timestamptz   NOT NULL DEFAULT now(),
    metadata            jsonb         NOT NULL DEFAULT '{}',
    CHECK (public.vector_dims(embedding_vector) = model_dimensions),
    UNIQUE (artifact_id, model_version, content_type, chunk_ordinal)
);
CREATE INDEX artifact_embeddings_user_model_idx ON artifact_embeddings (user_id, model_version, content_type);

-- The durable queue: a row is written in the same transaction as the artifact change, and a worker
-- claims rows with FOR UPDATE SKIP LOCKED, so work survives restarts and is never done twice.
CREATE TABLE embedding_jobs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    artifact_id      bigint      NOT NULL REFERENCES artifacts.artifacts (id) ON DELETE CASCADE,
    artifact_version bigint      NOT NULL,
    model_version    text        NOT NULL,
    force_regenerate boolean     NOT NULL DEFAULT false,
    reindex_id       uuid,
    status           text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    run_after        timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX embedding_jobs_due_idx ON embedding_jobs (model_version, run_after) WHERE status = 'queued';
CREATE INDEX embedding_jobs_artifact_idx ON embedding_jobs (artifact_id);

-- Job-description embeddings, cached per user and model (a long posting has several chunks).
CREATE TABLE job_embeddings (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id              bigint      NOT NULL REFERENCES artifacts.users (id) ON DELETE CASCADE,
    job_description_hash char(64)    NOT NULL,
    model_version        text        NOT NULL,
    chunk_ordinal        integer     NOT NULL,
    source_text          text        NOT NULL,
    embedding_vector     public.vector NOT NULL,
    generated_at         timestamptz NOT NULL DEFAULT now(),
    access_count         integer     NOT NULL DEFAULT 1,
    UNIQUE (user_id, job_description_hash, model_version, chunk_ordinal)
);

-- Background re-index runs and their progress.
CREATE TABLE reindex_runs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       bigint      NOT NULL REFERENCES artifacts.users (id) ON DELETE CASCADE,
    model_version text        NOT NULL,
    total         integer     NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
