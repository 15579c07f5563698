-- From this version a superior stores its units' records differently: a newly mirrored record's id begins with a
-- hash of its unit (store/mirror.ts mirrorId), and forwarded snapshots are kept gzip-compressed in the archive. An
-- older ptdv must not open such a database (it would forward the compressed bytes as if they were the unit's files):
-- this migration is what makes it refuse, as for any database a newer version has migrated.
-- The index serves the lookup each snapshot now makes: which of the unit's people this superior's comments and
-- decisions name, so a person the unit sends again keeps the id those refer to.
CREATE INDEX `directive_items_to` ON `directive_items` (`to_code`,`candidate_ref`);
