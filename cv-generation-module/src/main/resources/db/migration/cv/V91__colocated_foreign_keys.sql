-- Third pass of SchemaMigrations, after artifacts' V90: both keys of a link name its owner, so the
-- cascades (a CV deleted, an artifact deleted) stay within one user (one shard in Citus).
ALTER TABLE cv_artifacts ADD CONSTRAINT cv_artifacts_cv_fkey
    FOREIGN KEY (user_id, cv_id) REFERENCES cvs (user_id, id) ON DELETE CASCADE;
ALTER TABLE cv_artifacts ADD CONSTRAINT cv_artifacts_artifact_fkey
    FOREIGN KEY (user_id, artifact_id) REFERENCES artifacts.artifacts (user_id, id) ON DELETE CASCADE;
