-- Counterpart of migrations/0006_search_keys.sql: one search key per
-- searchable row (issue 16), kept by kiln on every write (domain::search).
-- The runner fills the keys of rows already there after this file runs, by
-- the same Rust code as on SQLite.
ALTER TABLE company ADD COLUMN search text NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN search text NOT NULL DEFAULT '';
ALTER TABLE equipment ADD COLUMN search text NOT NULL DEFAULT '';
ALTER TABLE course ADD COLUMN search text NOT NULL DEFAULT '';
