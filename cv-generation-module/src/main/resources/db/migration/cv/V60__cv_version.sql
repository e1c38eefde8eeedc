-- Optimistic concurrency for editing (issue 12): every change of a stored CV (PATCH, regenerate)
-- counts one more, conditionally on the version it read, so two editors (two tabs, two API
-- clients) never overwrite each other silently. The API shows it as the ETag; a PATCH with a stale
-- If-Match is refused (412). CVs made before start at 1.
ALTER TABLE cvs ADD COLUMN version bigint NOT NULL DEFAULT 1;
