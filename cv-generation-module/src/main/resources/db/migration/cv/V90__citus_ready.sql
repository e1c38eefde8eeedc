-- Runs in the second pass of SchemaMigrations, before artifacts' V90 changes that table's key to
-- (user_id, id); V91 adds the foreign keys back on (user_id, ...).
--
-- Citus-ready (issue 16 item 4): a CV and its links to artifacts are keyed by their owner, so that
-- distributed by user_id (colocated with artifacts) they sit on the shard of the artifacts they
-- name, and deleting an artifact or a CV cascades within that shard.
ALTER TABLE cv_artifacts DROP CONSTRAINT cv_artifacts_cv_id_fkey;
ALTER TABLE cv_artifacts DROP CONSTRAINT cv_artifacts_artifact_id_fkey;
ALTER TABLE cv_artifacts ADD COLUMN user_id bigint;
UPDATE cv_artifacts l SET user_id = c.user_id FROM cvs c WHERE c.id = l.cv_id;
-- A link without its CV would have been removed by the cascade; none is expected.
DELETE FROM cv_artifacts WHERE user_id IS NULL;
ALTER TABLE cv_artifacts ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE cv_artifacts DROP CONSTRAINT cv_artifacts_pkey;
ALTER TABLE cv_artifacts ADD CONSTRAINT cv_artifacts_pkey PRIMARY KEY (user_id, cv_id, artifact_id);
-- Deleting an artifact finds its links through this index (the cascade of V91's key).
DROP INDEX cv_artifacts_artifact_idx;
CREATE INDEX cv_artifacts_artifact_idx ON cv_artifacts (user_id, artifact_id);

ALTER TABLE cvs DROP CONSTRAINT cvs_pkey;
ALTER TABLE cvs ADD CONSTRAINT cvs_pkey PRIMARY KEY (user_id, id);
