-- Runs in the second pass of SchemaMigrations, before artifacts' V90 changes that table's key to
-- (user_id, id): the foreign keys on artifacts (id) go here, V91 adds them back on (user_id, id).
--
-- Citus-ready (issue 16 item 4): every per-user table has user_id in its primary key and in every
-- foreign key to another per-user table, so that distributed by user_id (colocated with artifacts)
-- a person's vectors sit on the shard of their artifacts and a cascade never crosses shards.
ALTER TABLE artifact_embeddings DROP CONSTRAINT artifact_embeddings_artifact_id_fkey;
ALTER TABLE artifact_embeddings DROP CONSTRAINT artifact_embeddings_pkey;
ALTER TABLE artifact_embeddings ADD CONSTRAINT artifact_embeddings_pkey PRIMARY KEY (user_id, id);
-- The unique key of a vector gains user_id (Citus accepts no unique key without the distribution
-- column); it stays last so that the statements by artifact id still walk this index.
DO $$
DECLARE
  old_key text;
BEGIN
  SELECT conname INTO old_key FROM pg_constraint
  WHERE conrelid = 'embeddings.artifact_embeddings'::regclass AND contype = 'u';
  EXECUTE format('ALTER TABLE embeddings.artifact_embeddings DROP CONSTRAINT %I', old_key);
END
$$;
ALTER TABLE artifact_embeddings ADD CONSTRAINT artifact_embeddings_vector_key
    UNIQUE (artifact_id, model_version, content_type, chunk_ordinal, user_id);

ALTER TABLE job_embeddings DROP CONSTRAINT job_embeddings_pkey;
ALTER TABLE job_embeddings ADD CONSTRAINT job_embeddings_pkey PRIMARY KEY (user_id, id);

ALTER TABLE reindex_runs DROP CONSTRAINT reindex_runs_pkey;
ALTER TABLE reindex_runs ADD CONSTRAINT reindex_runs_pkey PRIMARY KEY (user_id, id);

-- The queue stays a plain table (a local table on a Citus coordinator): the worker claims across
-- users by turn with FOR UPDATE SKIP LOCKED, which needs one table. A plain table may not point at
-- a distributed one, so the queue no longer references artifacts: the job of a deleted artifact
-- is deleted with it by EmbeddingQueue (ArtifactDeleted, in the deleting transaction), and an
-- account's jobs go with the account through users, a reference table in Citus.
ALTER TABLE embedding_jobs DROP CONSTRAINT embedding_jobs_artifact_id_fkey;
-- Every job has its user since V30 (its trigger looked it up; the key kept it valid).
ALTER TABLE embedding_jobs ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE embedding_jobs ADD CONSTRAINT embedding_jobs_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES artifacts.users (id) ON DELETE CASCADE;

-- Every way in now names the job's user (EmbeddingQueue, ModelStartup, DefaultReindexing), so the
-- turn no longer looks the artifact up in another module's table.
CREATE OR REPLACE FUNCTION embedding_job_turn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.fair_turn := COALESCE((SELECT max(j.fair_turn) FROM embeddings.embedding_jobs j
                             WHERE j.user_id = NEW.user_id AND j.model_version = NEW.model_version
                               AND j.status = 'queued'), 0) + 1;
  RETURN NEW;
END
$$;

-- What the embeddings module publishes for the other modules to read (issue 17 item 1): the stored
-- vectors, with the passage each one embeds. A plain view: the planner inlines it, so the per-model
-- HNSW expression indexes (same cast expression and predicate, see VectorIndex) still serve it.
CREATE VIEW artifact_vectors AS
SELECT e.artifact_id, e.user_id, e.model_version, e.content_type, e.chunk_ordinal, e.source_text,
       e.embedding_vector
FROM embeddings.artifact_embeddings e;
