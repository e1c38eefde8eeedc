-- V30's turn also looked up the head of the whole queue (the lowest queued turn) for every job
-- inserted. The worker deletes jobs from that head all the time, and while any transaction keeps an
-- old snapshot their index entries cannot be skipped: each lookup walked every deleted job again
-- (10,000 single inserts after 20,000 processed jobs: 57 s instead of 0.9 s). A job's turn is now
-- one more than its user's last queued turn, from the user's own tail of the index, which is live.
-- A user with nothing queued starts at 1 and so is served in the next batch; two users with long
-- backlogs take turns from where each one's backlog began.
CREATE OR REPLACE FUNCTION embedding_job_turn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id IS NULL THEN
    SELECT a.user_id INTO NEW.user_id FROM artifacts.artifacts a WHERE a.id = NEW.artifact_id;
  END IF;
  NEW.fair_turn := COALESCE((SELECT max(j.fair_turn) FROM embeddings.embedding_jobs j
                             WHERE j.user_id = NEW.user_id AND j.model_version = NEW.model_version
                               AND j.status = 'queued'), 0) + 1;
  RETURN NEW;
END
$$;
