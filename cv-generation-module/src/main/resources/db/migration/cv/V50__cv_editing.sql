-- Editing (issue 12): the CV as the generator made it, the person's choices over it, and the
-- settings to generate it again. `document` stays what is shown and printed: generated + edits.
-- CVs made before keep working: a null `generated` is their `document`, null `edits` none.
ALTER TABLE cvs
    ADD COLUMN generated  jsonb,
    ADD COLUMN edits      jsonb,
    ADD COLUMN settings   jsonb,
    ADD COLUMN updated_at timestamptz;
