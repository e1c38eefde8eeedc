-- Artifact chunks now carry the tags after the title line (EmbeddingPlan). The embedded text and
-- its content hash are unchanged, so stored vectors are marked stale here: the start-up backfill
-- (ModelStartup) queues every artifact again, and the old vectors keep answering until replaced.
UPDATE artifact_embeddings SET content_hash = repeat('0', 64);
