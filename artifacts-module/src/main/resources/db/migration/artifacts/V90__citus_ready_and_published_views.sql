-- Runs in the second pass of SchemaMigrations (dependents first): by now embeddings and cv have
-- dropped their foreign keys to artifacts (id), and add them back on (user_id, id) in the third.
--
-- Citus-ready (issue 16 item 4): an artifact is addressed by its owner and its id, so that a
-- cluster distributed by user_id keeps every row of one person on one shard and every foreign key
-- between per-user tables joins within that shard (co-location). The identity column stays the
-- id the API shows; users keeps id as its key (it is the user id: a reference table in Citus).
ALTER TABLE artifacts DROP CONSTRAINT artifacts_pkey;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_pkey PRIMARY KEY (user_id, id);
-- Statements that know only the id (JPA's find and its generated UPDATE ... WHERE id = ?) keep an
-- index of their own; not unique, which Citus would refuse without user_id in it.
CREATE INDEX artifacts_id_idx ON artifacts (id);

-- What the artifacts module publishes for the other modules to read (issue 17 item 1). Other
-- modules read these views, never the table: the table can change behind them. Plain views are
-- inlined by the planner, so the GIN index on search and the (user_id, id) key still serve them.

-- For ranking and similar search (search module): what is shown of an artifact, who owns it, who
-- may see it, and its weighted full text (the tsvector is generated from the artifact's own
-- columns, so it stays here, in the table that owns those columns).
CREATE VIEW searchable_artifacts AS
SELECT a.id, a.user_id, a.artifact_type, a.title, a.description, a.visibility, a.search
FROM artifacts.artifacts a;

-- For the embedding pipeline (embeddings module): which version of which artifact exists, the hash
-- of its embeddable text and the state shown to the person. Writes of that state go through
-- ArtifactCatalog.
CREATE VIEW embeddable_artifacts AS
SELECT a.id, a.user_id, a.version, a.content_hash, a.embedding_status
FROM artifacts.artifacts a;
