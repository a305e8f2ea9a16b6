-- One search key per searchable row (issue 16): names and codes folded and
-- their 초성, kept by kiln on every write (domain::search), so that a list
-- is filtered by a substring of one column. migrate.rs fills the keys of
-- rows already there after this file runs; `kiln check` compares them.
ALTER TABLE company ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE equipment ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE course ADD COLUMN search TEXT NOT NULL DEFAULT '';
