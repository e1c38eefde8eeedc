-- Third pass of SchemaMigrations, after artifacts' V90: a vector's artifact is (user_id,
-- artifact_id), the key of artifacts.artifacts; the cascade stays within one user (one shard).
ALTER TABLE artifact_embeddings ADD CONSTRAINT artifact_embeddings_artifact_fkey
    FOREIGN KEY (user_id, artifact_id) REFERENCES artifacts.artifacts (user_id, id) ON DELETE CASCADE;
