-- Generated CVs: the document as it was generated (a snapshot), and which artifacts it used.
CREATE TABLE cvs (
    id              uuid PRIMARY KEY,
    user_id         bigint      NOT NULL REFERENCES artifacts.users (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    job_title       text,
    company         text,
    job_description text        NOT NULL,
    covered_ratio   double precision NOT NULL,
    document        jsonb       NOT NULL
);
CREATE INDEX cvs_user_idx ON cvs (user_id, created_at DESC);

-- A deleted artifact's references go with it.
CREATE TABLE cv_artifacts (
    cv_id       uuid   NOT NULL REFERENCES cvs (id) ON DELETE CASCADE,
    artifact_id bigint NOT NULL REFERENCES artifacts.artifacts (id) ON DELETE CASCADE,
    PRIMARY KEY (cv_id, artifact_id)
);
CREATE INDEX cv_artifacts_artifact_idx ON cv_artifacts (artifact_id);
