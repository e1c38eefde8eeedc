-- JSON Resume fields that have no column of their own (basics.image, the location object, profile
-- usernames, languages, interests, references, meta, ...), kept so that an export restores them.
ALTER TABLE users ADD COLUMN resume_extras jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(resume_extras) = 'object');
