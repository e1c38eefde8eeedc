-- A fair share of the embedding worker for every user. The worker used to claim jobs in arrival
-- order, so one user's 10,000-artifact re-index kept everyone else's new artifacts waiting behind
-- it. Now each queued job carries a turn: one more than its user's last queued turn, but never
-- below the head of the queue (the lowest queued turn), and the worker claims by turn. Users with
-- queued work thus take turns job by job, and a user who queues nothing for a while starts at the
-- head instead of jumping ahead of everyone with a backlog of low turns (start-time fair queuing).
ALTER TABLE embedding_jobs ADD COLUMN user_id bigint;
ALTER TABLE embedding_jobs ADD COLUMN fair_turn bigint NOT NULL DEFAULT 0;

UPDATE embedding_jobs j SET user_id = a.user_id FROM artifacts.artifacts a WHERE a.id = j.artifact_id;
UPDATE embedding_jobs j SET fair_turn = ranked.turn
FROM (SELECT id, row_number() OVER (PARTITION BY user_id, model_version ORDER BY run_after, id) AS turn
      FROM embedding_jobs WHERE status = 'queued') ranked
WHERE ranked.id = j.id;

CREATE INDEX embedding_jobs_fair_idx ON embedding_jobs (model_version, fair_turn, id) WHERE status = 'queued';
CREATE INDEX embedding_jobs_user_turn_idx ON embedding_jobs (user_id, model_version, fair_turn) WHERE status = 'queued';
-- Re-index progress and de-duplication look jobs up by their run.
CREATE INDEX embedding_jobs_reindex_idx ON embedding_jobs (reindex_id) WHERE reindex_id IS NOT NULL;

-- Every way in (a changed artifact, the start-up backfill, a re-index) gets its user and turn here,
-- row by row: a row-level BEFORE trigger sees the rows its own statement inserted before, so the
-- 10,000 jobs of one re-index statement get consecutive turns.
CREATE FUNCTION embedding_job_turn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id IS NULL THEN
    SELECT a.user_id INTO NEW.user_id FROM artifacts.artifacts a WHERE a.id = NEW.artifact_id;
  END IF;
  NEW.fair_turn := GREATEST(
    COALESCE((SELECT max(j.fair_turn) FROM embeddings.embedding_jobs j
              WHERE j.user_id = NEW.user_id AND j.model_version = NEW.model_version
                AND j.status = 'queued'), 0) + 1,
    COALESCE((SELECT min(j.fair_turn) FROM embeddings.embedding_jobs j
              WHERE j.model_version = NEW.model_version AND j.status = 'queued'), 0));
  RETURN NEW;
END
$$;

CREATE TRIGGER embedding_job_turn BEFORE INSERT ON embedding_jobs
  FOR EACH ROW EXECUTE FUNCTION embedding_job_turn();
