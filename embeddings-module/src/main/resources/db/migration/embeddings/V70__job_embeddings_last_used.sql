-- Retention (issue 15 item 4): a cached posting embedding that nobody has used for
-- retention.posting-embedding-days is removed by the clean-up job. Each cache hit now stamps
-- last_used_at (JobEmbeddingRows). Rows cached before this migration count as used now, so none is
-- removed before a full period has passed (adding a column with a constant default rewrites
-- nothing).
ALTER TABLE job_embeddings ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX job_embeddings_last_used_idx ON job_embeddings (last_used_at);

-- Finished re-index runs are removed by age (created_at) once no queued job belongs to them.
CREATE INDEX reindex_runs_created_idx ON reindex_runs (created_at);
