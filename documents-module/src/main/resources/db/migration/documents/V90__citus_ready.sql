-- Citus-ready (issue 16 item 4): a proposal is keyed by its owner, so that distributed by user_id
-- (colocated with artifacts) reading and confirming it stays on one shard.
ALTER TABLE import_proposals DROP CONSTRAINT import_proposals_pkey;
ALTER TABLE import_proposals ADD CONSTRAINT import_proposals_pkey PRIMARY KEY (user_id, id);
