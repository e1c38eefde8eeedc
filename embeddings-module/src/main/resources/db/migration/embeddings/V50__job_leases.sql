-- Leases instead of held row locks (issue 11 item 2). The worker used to claim jobs with
-- FOR UPDATE SKIP LOCKED and keep that transaction open - row locks on the jobs and their
-- artifacts, and a pooled connection - for the whole model call. Now a claim is a short
-- transaction that writes who holds the job (claimed_by, a token per claimed batch) and until when
-- (lease_until), and commits; the model is called with no transaction open; the result is stored
-- by a second short transaction only while claimed_by is still the batch's token. A job whose lease
-- has run out (its worker's JVM was killed, or the call took too long) is claimed again.
ALTER TABLE embedding_jobs ADD COLUMN claimed_by uuid;
ALTER TABLE embedding_jobs ADD COLUMN lease_until timestamptz;

CREATE INDEX embedding_jobs_claimed_by_idx ON embedding_jobs (claimed_by) WHERE claimed_by IS NOT NULL;
